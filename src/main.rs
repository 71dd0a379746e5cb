//! The `wx-gateway` binary: parse the command line, dispatch, print the error, exit.

use std::process::ExitCode;

use clap::Parser;
use wx_gateway::cli::{Cli, Command, ServeArgs};
use wx_gateway::commands::{self, Failure};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<(), Failure> = match cli.command {
        // `CONF_FILE=conf.json wx-gateway`, exactly as go-wx-gateway was started.
        None => commands::serve::run(ServeArgs {
            config: std::env::var_os("CONF_FILE").map(Into::into),
            ..ServeArgs::default()
        }),
        Some(Command::Serve(args)) => commands::serve::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("wx-gateway: error: {:#}", f.error());
            ExitCode::from(f.exit_code())
        }
    }
}
