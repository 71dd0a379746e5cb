//! `wx-gateway completions SHELL`: print the completion script the generator makes.

use std::io::Write;

use anyhow::anyhow;

use super::Failure;
use crate::generate;

pub fn run(shell: clap_complete::Shell) -> Result<(), Failure> {
    std::io::stdout()
        .write_all(&generate::completion(shell))
        .map_err(|e| Failure::Failed(anyhow!("writing the script: {e}")))
}
