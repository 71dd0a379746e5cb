//! One module per subcommand: glue between the CLI, the config and the library. Each returns
//! a [`Failure`] that carries its exit code.

pub mod account;
pub mod api;
pub mod completions;
pub mod decrypt;
pub mod init;
pub mod menu_url;
pub mod serve;
pub mod simulate;

/// A command's failure: exit 1 when the operation failed, 2 for usage or config errors.
#[derive(Debug)]
pub enum Failure {
    Failed(anyhow::Error),
    Usage(anyhow::Error),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Failed(_) => 1,
            Failure::Usage(_) => 2,
        }
    }

    pub fn error(&self) -> &anyhow::Error {
        match self {
            Failure::Failed(e) | Failure::Usage(e) => e,
        }
    }
}
