//! Terminal output of the tools: the only user of `colored`, and the one writer of stdout.
//! Colour follows `--color` (which beats `NO_COLOR`), then `NO_COLOR`, then whether the stream
//! is a terminal. Stdout goes through [`outln!`](crate::outln)/[`out!`](crate::out), which
//! survive a closed pipe.

use std::ffi::OsString;
use std::fmt;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use colored::Colorize;

use crate::cli::ColorChoice;

/// Set once stdout is gone (the reader of a pipe exited): later output is dropped.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes to stdout; what `outln!` and `out!` expand to. A closed pipe
/// (`wx-gateway simulate … | head -1`, `| grep -q`) is not an error: output stops quietly and
/// the command runs on to its own exit code, where `println!` would panic (exit 101), since
/// Rust ignores SIGPIPE. Another write error is reported once on stderr, then output stops.
pub fn write_stdout(args: fmt::Arguments<'_>, newline: bool) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    let written = out.write_fmt(args).and_then(|()| {
        if newline {
            out.write_all(b"\n")
        } else {
            Ok(())
        }
    });
    if let Err(e) = written {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("wx-gateway: error: writing to standard output: {e}");
        }
    }
}

/// `println!` for every command's stdout, safe on a closed pipe (see [`write_stdout`]).
#[macro_export]
macro_rules! outln {
    () => {
        $crate::ui::write_stdout(format_args!(""), true)
    };
    ($($arg:tt)*) => {
        $crate::ui::write_stdout(format_args!($($arg)*), true)
    };
}

/// `print!` for every command's stdout, safe on a closed pipe (see [`write_stdout`]).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::ui::write_stdout(format_args!($($arg)*), false)
    };
}

/// The `--color` given on a command line, read before clap parses it so that clap's own help
/// and errors follow it too. The last one wins, as clap's would; `--` ends the options.
pub fn color_in(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut it = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        let value = match a {
            "--" => break,
            "--color" => it.next(),
            _ => a.strip_prefix("--color="),
        };
        choice = match value {
            Some("always") => ColorChoice::Always,
            Some("never") => ColorChoice::Never,
            Some("auto") => ColorChoice::Auto,
            _ => choice,
        };
    }
    choice
}

/// Whether `--json` is on a command line (before `--`): clap's errors are then JSON too.
pub fn json_in(args: &[OsString]) -> bool {
    args.iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json")
}

/// Styles text for the terminal, or leaves it plain.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    color: bool,
}

impl Ui {
    /// For stdout.
    pub fn new(choice: ColorChoice) -> Ui {
        Ui::for_stream(choice, std::io::stdout().is_terminal())
    }

    /// For stderr (errors, notes).
    pub fn stderr(choice: ColorChoice) -> Ui {
        Ui::for_stream(choice, std::io::stderr().is_terminal())
    }

    fn for_stream(choice: ColorChoice, terminal: bool) -> Ui {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
        };
        // `colored` makes its own guess (NO_COLOR, a terminal on stdout) and would drop the
        // colour of `--color always` in a pipe: the decision is made here, per stream.
        colored::control::set_override(true);
        Ui { color }
    }

    /// Whether this stream is coloured.
    pub fn color(&self) -> bool {
        self.color
    }

    /// Whether a progress bar or other terminal-only drawing makes sense.
    pub fn interactive(&self) -> bool {
        std::io::stderr().is_terminal()
    }

    fn paint(&self, s: &str, f: impl Fn(&str) -> colored::ColoredString) -> String {
        if self.color {
            f(s).to_string()
        } else {
            s.to_owned()
        }
    }

    pub fn good(&self, s: &str) -> String {
        self.paint(s, |s| s.green().bold())
    }

    pub fn bad(&self, s: &str) -> String {
        self.paint(s, |s| s.red().bold())
    }

    pub fn warn(&self, s: &str) -> String {
        self.paint(s, |s| s.yellow())
    }

    pub fn dim(&self, s: &str) -> String {
        self.paint(s, |s| s.dimmed())
    }

    pub fn bold(&self, s: &str) -> String {
        self.paint(s, |s| s.bold())
    }

    /// `label  value` with the label dimmed and padded.
    pub fn field(&self, label: &str, value: &str) -> String {
        format!("  {} {value}", self.dim(&format!("{label:<10}")))
    }
}
