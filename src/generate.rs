//! The one generator of shell completions and man pages, from the clap definitions. The files
//! in `completions/` and `man/` are its output, committed; a test fails when they are stale.

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

/// `(file name, contents)` of `wx-gateway.1` and one page per subcommand.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let cmd = Cli::command();
    let mut pages = Vec::new();
    let mut top = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut top)?;
    pages.push(("wx-gateway.1".to_owned(), top));
    for sub in cmd.get_subcommands() {
        let name = format!("wx-gateway-{}", sub.get_name());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub.clone().name(name.clone())).render(&mut page)?;
        pages.push((format!("{name}.1"), page));
    }
    Ok(pages)
}
