//! One module per subcommand: glue between the CLI, the config and the library. Each returns
//! a [`Failure`] that carries its exit code; `main` prints it, once, as text or JSON.

pub mod account;
pub mod api;
pub mod completions;
pub mod decrypt;
pub mod init;
pub mod menu_url;
pub mod reload;
pub mod serve;
pub mod simulate;
pub mod spool;

use serde_json::{Value, json};

/// A command's failure: exit 1 when the operation failed, 2 for usage or config errors.
#[derive(Debug)]
pub enum Failure {
    Failed(anyhow::Error),
    Usage(anyhow::Error),
    /// The operation failed and the command already showed why in full on stdout (a `--json`
    /// document with `"ok": false` and its `error`): exit 1, print nothing more.
    Shown(anyhow::Error),
}

/// An error that knows its kind and a hint for the user: `--json` shows it as
/// `{"kind","message","hint"}`, text as `message (hint: …)`. Any `anyhow::Error` may carry one
/// (`Failure::Failed(Problem::new(…).into())`); errors without one get the kind `usage` or
/// `failed`, and a trailing ` (hint: …)` of their message is read as the hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A short, stable name: `usage`, `unreachable`, `timeout`, `refused`, `backend-error`,
    /// `check-failed`, `not-found`, `ambiguous`, `busy`, … (README, "Output for machines").
    pub kind: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// `message (hint: …)`: the one-line text form.
    pub fn line(&self) -> String {
        match &self.hint {
            Some(h) => format!("{} (hint: {h})", self.message),
            None => self.message.clone(),
        }
    }

    /// `{"kind","message","hint"}`.
    pub fn json(&self) -> Value {
        json!({"kind": self.kind, "message": self.message, "hint": self.hint})
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Failed(_) | Failure::Shown(_) => 1,
            Failure::Usage(_) => 2,
        }
    }

    pub fn error(&self) -> &anyhow::Error {
        match self {
            Failure::Failed(e) | Failure::Usage(e) | Failure::Shown(e) => e,
        }
    }

    /// Whether the command already showed it (nothing more to print).
    pub fn shown(&self) -> bool {
        matches!(self, Failure::Shown(_))
    }

    /// The failure as a [`Problem`]: its own when it carries one (the message with any context
    /// added on the way), else one read from the message.
    pub fn problem(&self) -> Problem {
        let message = format!("{:#}", self.error());
        if let Some(p) = self.error().downcast_ref::<Problem>() {
            return Problem {
                message,
                ..p.clone()
            };
        }
        let kind = match self {
            Failure::Usage(_) => "usage",
            Failure::Failed(_) | Failure::Shown(_) => "failed",
        };
        // Older commands write their hint into the message: `… (hint: …)`.
        if let Some(body) = message.strip_suffix(')')
            && let Some((text, hint)) = body.rsplit_once(" (hint: ")
        {
            return Problem::new(kind, text).hint(hint);
        }
        Problem::new(kind, message)
    }

    /// `{"ok":false,"error":{"kind","message","hint"}}`: what `--json` prints on stdout.
    pub fn json(&self) -> Value {
        json!({"ok": false, "error": self.problem().json()})
    }
}
