//! Terminal output of the tools: the only user of `colored`. Colour follows `--color`,
//! `NO_COLOR` and whether stdout is a terminal.

use std::io::IsTerminal;

use colored::Colorize;

use crate::cli::ColorChoice;

/// Styles text for the terminal, or leaves it plain.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    color: bool,
}

impl Ui {
    pub fn new(choice: ColorChoice) -> Ui {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Ui { color }
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
