//! Shell completions from the clap definitions: printed by `wx-gateway completions SHELL` and
//! committed in `completions/`. The man pages in `man/` are rendered by the test that keeps both
//! directories current (so `clap_mangen` is a dev-dependency: the binary never renders them).

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The completion script of one shell.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "wx-gateway", &mut out);
    out
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
