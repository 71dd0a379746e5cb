//! The `wx-gateway` binary: parse the command line, dispatch, print the error, exit.

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};
use wx_gateway::cli::{Cli, ColorChoice, Command, ServeArgs};
use wx_gateway::commands::{self, Failure, Problem};
use wx_gateway::outln;
use wx_gateway::ui::{self, Ui};

/// mimalloc: per-thread free lists instead of glibc's arena locks, and less fragmentation
/// (the load bench showed a fifth of the gateway's time in glibc malloc/free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let argv: Vec<_> = std::env::args_os().collect();
    // Read before parsing, so that clap's help and errors follow --color and --json too.
    let color = ui::color_in(&argv);
    let json = ui::json_in(&argv);
    let parsed = Cli::command()
        .color(match color {
            ColorChoice::Auto => clap::ColorChoice::Auto,
            ColorChoice::Always => clap::ColorChoice::Always,
            ColorChoice::Never => clap::ColorChoice::Never,
        })
        .try_get_matches_from(&argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e, color, json),
    };
    let json = match &cli.command {
        Some(Command::Simulate(a)) => a.output.json,
        Some(Command::Decrypt(a)) => a.output.json,
        Some(Command::MenuUrl(a)) => a.output.json,
        Some(Command::Menu(a)) => a.account.json,
        Some(Command::Token(a)) => a.account.json,
        Some(Command::Spool(a)) => a.output.json,
        _ => false,
    };
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
        Some(Command::Spool(args)) => commands::spool::run(args),
        Some(Command::Reload(args)) => commands::reload::run(&args),
        Some(Command::Completions { shell }) => commands::completions::run(shell),
        Some(Command::Init { file }) => commands::init::run(&file),
    };
    // Log lines still queued for the writer thread are written before the process goes.
    wx_gateway::logging::drain(std::time::Duration::from_secs(2));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if f.shown() {
                // Already shown in full by the command.
            } else if json {
                outln!("{}", f.json());
            } else {
                let ui = Ui::stderr(color);
                eprintln!("wx-gateway: {} {}", ui.bad("error:"), f.problem().line());
            }
            ExitCode::from(f.exit_code())
        }
    }
}

/// Clap's refusal of the command line, in the same shape as every other error:
/// `wx-gateway: error: …` on stderr (clap's usage and tip lines kept), or the JSON error on
/// stdout with --json; exit 2. Help and version go where clap sends them.
fn usage_error(e: &clap::Error, color: ColorChoice, json: bool) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let rendered = e.render();
    if json {
        let plain = rendered.to_string();
        let mut lines = plain.lines();
        let message = lines
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_owned();
        // What clap adds below its first line ("[possible values: …]", "tip: …"), without
        // the usage and the pointer to --help.
        let rest: Vec<&str> = lines
            .map(str::trim)
            .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
            .filter(|l| !l.is_empty())
            .map(|l| l.trim_start_matches("tip: "))
            .collect();
        let mut problem = Problem::new("usage", message);
        if !rest.is_empty() {
            problem = problem.hint(rest.join(" "));
        }
        outln!(
            "{}",
            serde_json::json!({"ok": false, "error": problem.json()})
        );
    } else if Ui::stderr(color).color() {
        eprint!("wx-gateway: {}", rendered.ansi());
    } else {
        eprint!("wx-gateway: {rendered}");
    }
    ExitCode::from(2)
}
