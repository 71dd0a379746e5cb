//! One config value, read from any JSON value: strings (with `${NAME}` from the environment),
//! integers and flags. A wrong type fails with the message users know; the key's path is put in
//! front by the caller.

use serde::Deserialize;
use serde::de::{self, Deserializer};
use serde_json::Value;

/// `""` (after trimming) means absent, as go-wx-gateway's files have it (`"app-secret": ""`).
pub fn given(text: Option<Text>) -> Option<String> {
    text.map(|Text(s)| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// A string; `"${NAME}"` and `"${NAME:-}"` are read from the environment. Kept as written:
/// see [`given`].
pub struct Text(pub String);

/// An integer; `"${NAME}"` is read from the environment too (ports come from there).
pub struct Int(pub i64);

/// `true` or `false`.
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => expand_env(&s).map(Text).map_err(de::Error::custom),
            other => Err(de::Error::custom(format!(
                "expected a string, got {}",
                kind(&other)
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Number(n) => n
                .as_i64()
                .map(Int)
                .ok_or_else(|| de::Error::custom(format!("expected an integer, got {n}"))),
            Value::String(s) if s.starts_with("${") => expand_env(&s)
                .map_err(de::Error::custom)?
                .trim()
                .parse()
                .map(Int)
                .map_err(|_| de::Error::custom("expected an integer")),
            other => Err(de::Error::custom(format!(
                "expected an integer, got {}",
                kind(&other)
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Bool(b) => Ok(Flag(b)),
            other => Err(de::Error::custom(format!(
                "expected true or false, got {}",
                kind(&other)
            ))),
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `"${NAME}"` → the value of environment variable NAME, which must be set and not empty (an
/// empty `${ADMIN}` once switched bearer auth off without a word); `"${NAME:-}"` → its value,
/// or `""` when it is unset or empty (and `""` means absent where a key may be absent). Other
/// strings are unchanged.
fn expand_env(s: &str) -> Result<String, String> {
    let Some(reference) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) else {
        return Ok(s.to_owned());
    };
    let (name, may_be_empty) = match reference.strip_suffix(":-") {
        Some(name) => (name, true),
        None => (reference, false),
    };
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !valid {
        return Err(format!("{s:?} is not a valid ${{NAME}} reference"));
    }
    match std::env::var(name) {
        Ok(v) if may_be_empty || !v.trim().is_empty() => Ok(v),
        Ok(_) => Err(format!(
            "environment variable {name} is empty; write ${{{name}:-}} to allow an empty value"
        )),
        Err(_) if may_be_empty => Ok(String::new()),
        Err(_) => Err(format!("environment variable {name} is not set")),
    }
}
