//! Shell completions from the clap definitions: printed by `wx-gateway completions SHELL` and
//! committed in `completions/` (bash's with clap_complete's naming bug worked around). The man
//! pages in `man/` are rendered by the test that keeps both directories current (so
//! `clap_mangen` is a dev-dependency: the binary never renders them).

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The completion script of one shell.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "wx-gateway", &mut out);
    if shell == Shell::Bash {
        out = bash_names_agree(&out);
    }
    out
}

/// Works around clap_complete's bash bug with a hyphenated binary name (4.6 and before): the
/// loop that follows the words names the state `wx__gateway__subcmd__simulate`, while the
/// `case` that completes it is labelled `wx__subcmd__gateway__subcmd__simulate` (the `-` of
/// `wx-gateway` mangled a second time), so nothing below the first word ever completed
/// (`wx-gateway simulate --mo<TAB>`: nothing; `simulate <TAB>`: file names). Renaming the
/// labels to the loop's spelling makes them agree; when upstream fixes the mangling there is
/// nothing left to rename and this is a no-op.
fn bash_names_agree(script: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(script)
        .replace("wx__subcmd__gateway", "wx__gateway")
        .into_bytes()
}

/// `(file name, contents)` of every completion script.
pub fn completion_files() -> Vec<(String, Vec<u8>)> {
    [
        (Shell::Bash, "wx-gateway.bash"),
        (Shell::Zsh, "_wx-gateway"),
        (Shell::Fish, "wx-gateway.fish"),
        (Shell::PowerShell, "_wx-gateway.ps1"),
        (Shell::Elvish, "wx-gateway.elv"),
    ]
    .into_iter()
    .map(|(shell, name)| (name.to_owned(), completion(shell)))
    .collect()
}
