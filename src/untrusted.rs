//! Text that came from the network (or a backend) made safe to show in a log line or an error
//! body: cut to [`MAX_CHARS`] characters and every control character escaped, so that no
//! sender can forge a log line, ring the terminal or have itself echoed at length.

/// The most characters of untrusted text ever shown.
pub const MAX_CHARS: usize = 200;

/// [`excerpt`], without a copy when `s` is already short and clean (the common case on the
/// push path's log line).
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CHARS && !s.chars().any(char::is_control) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(excerpt(s))
    }
}

/// `s` cut to [`MAX_CHARS`] characters (with `…` when cut) and its control characters
/// escaped (`\n`, `\u{1b}`).
pub fn excerpt(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_CHARS + 8));
    for (i, c) in s.chars().enumerate() {
        if i == MAX_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_and_escaped() {
        assert_eq!(excerpt("plain"), "plain");
        assert_eq!(excerpt("a\nb\u{1b}[31mc\r"), "a\\nb\\u{1b}[31mc\\r");
        let long = "x".repeat(1 << 20);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), MAX_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(excerpt("你好"), "你好");
        assert!(matches!(clean("text"), std::borrow::Cow::Borrowed("text")));
        assert_eq!(clean("a\u{7}"), "a\\u{7}");
    }
}
