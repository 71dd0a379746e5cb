//! The command line: clap types only, no behaviour.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A WeChat Official Account (微信公众号) gateway: verifies and decrypts WeChat's pushes and
/// turns them into plain JSON POSTs to your backend, and the backend's JSON answers into
/// signed, encrypted passive replies.
#[derive(Debug, Parser)]
#[command(
    name = "wx-gateway",
    version,
    disable_version_flag = true,
    propagate_version = true
)]
pub struct Cli {
    /// Print the version and exit.
    #[arg(short = 'v', short_alias = 'V', long = "version", action = clap::ArgAction::Version, global = true)]
    pub version: (),

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the gateway (the default when no subcommand is given, as go-wx-gateway ran).
    Serve(ServeArgs),
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Config file (go-wx-gateway's JSON format). Without it and without CONF_FILE, the
    /// embedded sample.conf.json runs: one echo-mode account on 127.0.0.1:7080.
    #[arg(short, long, env = "CONF_FILE", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Validate the config and exit: 0 when valid, 2 on any error. Unknown keys are errors here.
    #[arg(long)]
    pub check: bool,

    /// Override the config's listen-port (0 picks a free port; the address is logged).
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,
}
