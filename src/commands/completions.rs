//! `wx-gateway completions SHELL`: print the completion script the generator makes.

use super::Failure;
use crate::generate;

/// Written through the closed-pipe-safe writer: `completions bash | head` is not an error.
pub fn run(shell: clap_complete::Shell) -> Result<(), Failure> {
    let script = generate::completion(shell);
    crate::out!("{}", String::from_utf8_lossy(&script));
    Ok(())
}
