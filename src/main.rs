//! The `wx-gateway` binary: parse the command line, dispatch, print the error, exit.

use std::process::ExitCode;

use clap::Parser;
use wx_gateway::cli::{Cli, Command, ServeArgs};
use wx_gateway::commands::{self, Failure};

/// mimalloc: per-thread free lists instead of glibc's arena locks, and less fragmentation
/// (the load bench showed a fifth of the gateway's time in glibc malloc/free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<(), Failure> = match cli.command {
        // `CONF_FILE=conf.json wx-gateway`, exactly as go-wx-gateway was started.
        None => commands::serve::run(ServeArgs {
            config: std::env::var_os("CONF_FILE").map(Into::into),
            ..ServeArgs::default()
        }),
        Some(Command::Serve(args)) => commands::serve::run(args),
        Some(Command::Simulate(args)) => commands::simulate::run(args),
        Some(Command::Decrypt(args)) => commands::decrypt::run(args),
        Some(Command::MenuUrl(args)) => commands::menu_url::run(args),
        Some(Command::Menu(args)) => commands::api::menu(args),
        Some(Command::Token(args)) => commands::api::token(args),
        Some(Command::Completions { shell }) => commands::completions::run(shell),
        Some(Command::Init { file }) => commands::init::run(&file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("wx-gateway: error: {:#}", f.error());
            ExitCode::from(f.exit_code())
        }
    }
}
