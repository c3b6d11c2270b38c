//! Where the parts of a JSON text are: the byte spans of an object's keys
//! and values and of an array's items, found without reading any value.
//! [`super::patch`] splices a native file with them: what changed is
//! replaced at its span, everything else is copied byte for byte.
//!
//! The scan is linear and never recurses: [`object`] and [`array`] look one
//! level into a container, and a value that is not looked into is skipped by
//! counting brackets, however deeply it nests (the readers skip unknown
//! values the same way, so a file they load is never too deep here). The
//! text is one the native reader has read, so the scan checks only what it
//! needs to find its way; anything else is an error, never a panic.

use std::ops::Range;

/// A member of an object.
pub(super) struct Member {
    /// The key, unescaped.
    pub key: String,
    /// The key's span, quotes included.
    pub key_span: Range<usize>,
    /// The value's span.
    pub value: Range<usize>,
}

impl Member {
    /// From the key's opening quote to the end of the value.
    pub fn span(&self) -> Range<usize> {
        self.key_span.start..self.value.end
    }
}

/// What the scan expected at a byte offset and did not find.
#[derive(Debug)]
pub(super) struct ScanError {
    pub offset: usize,
    pub expected: &'static str,
}

type Scan<T> = Result<T, ScanError>;

fn expected<T>(offset: usize, expected: &'static str) -> Scan<T> {
    Err(ScanError { offset, expected })
}

/// The first offset at or after `at` that is not JSON whitespace.
pub(super) fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The offset after the string whose opening quote is at `at`.
fn string_end(bytes: &[u8], at: usize) -> Scan<usize> {
    if bytes.get(at) != Some(&b'"') {
        return expected(at, "a string");
    }
    let mut i = at + 1;
    loop {
        let Some(found) = bytes
            .get(i..)
            .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
        else {
            return expected(at, "a string that ends");
        };
        i += found;
        if bytes.get(i) == Some(&b'"') {
            return Ok(i + 1);
        }
        // A backslash and the character it escapes.
        i += 2;
    }
}

/// The offset after the value that starts at `at` (after whitespace).
pub(super) fn value_end(text: &str, at: usize) -> Scan<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, at);
    let mut depth = 0_usize;
    loop {
        match bytes.get(i) {
            Some(b'"') => i = string_end(bytes, i)?,
            Some(b'{' | b'[') => {
                depth += 1;
                i = skip_ws(bytes, i + 1);
                continue;
            }
            Some(b'}' | b']') if depth > 0 => {
                depth -= 1;
                i += 1;
            }
            Some(b',' | b':') if depth > 0 => {
                i = skip_ws(bytes, i + 1);
                continue;
            }
            Some(c) if is_scalar_byte(*c) => {
                while bytes.get(i).copied().is_some_and(is_scalar_byte) {
                    i += 1;
                }
            }
            _ => return expected(i, "a JSON value"),
        }
        if depth == 0 {
            return Ok(i);
        }
        i = skip_ws(bytes, i);
    }
}

/// A byte of a number, `true`, `false` or `null`.
fn is_scalar_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.')
}

/// The string whose opening quote is at `span.start`, unescaped.
fn key_text(text: &str, span: Range<usize>) -> Scan<String> {
    let raw = text.get(span.clone()).unwrap_or_default();
    match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(plain) if !plain.contains('\\') => Ok(plain.to_owned()),
        _ => serde_json::from_str(raw).or_else(|_| expected(span.start, "a string")),
    }
}

/// The object at `at`: its span and its members, in order.
pub(super) fn object(text: &str, at: usize) -> Scan<(Range<usize>, Vec<Member>)> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'{') {
        return expected(at, "an object {…}");
    }
    let mut members = Vec::new();
    let mut i = skip_ws(bytes, at + 1);
    if bytes.get(i) == Some(&b'}') {
        return Ok((at..i + 1, members));
    }
    loop {
        let key_end = string_end(bytes, i)?;
        let key = key_text(text, i..key_end)?;
        let colon = skip_ws(bytes, key_end);
        if bytes.get(colon) != Some(&b':') {
            return expected(colon, "`:` after a key");
        }
        let value_start = skip_ws(bytes, colon + 1);
        let end = value_end(text, value_start)?;
        members.push(Member {
            key,
            key_span: i..key_end,
            value: value_start..end,
        });
        i = skip_ws(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(b'}') => return Ok((at..i + 1, members)),
            _ => return expected(i, "`,` or `}` after a value"),
        }
    }
}

/// The array at `at`: its span and its items' spans, in order.
pub(super) fn array(text: &str, at: usize) -> Scan<(Range<usize>, Vec<Range<usize>>)> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'[') {
        return expected(at, "a list […]");
    }
    let mut items = Vec::new();
    let mut i = skip_ws(bytes, at + 1);
    if bytes.get(i) == Some(&b']') {
        return Ok((at..i + 1, items));
    }
    loop {
        let end = value_end(text, i)?;
        items.push(i..end);
        i = skip_ws(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(b']') => return Ok((at..i + 1, items)),
            _ => return expected(i, "`,` or `]` after a value"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_items_are_found_with_their_spans() {
        let text = r#" { "a" : [1, {"x": "]}\""}, [] ] ,"b\u0063":true,"c":{} } "#;
        let (span, members) = object(text, 1).unwrap();
        assert_eq!(&text[span], &text[1..text.len() - 1]);
        let keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["a", "bc", "c"]);
        assert_eq!(&text[members[0].key_span.clone()], "\"a\"");
        assert_eq!(&text[members[1].value.clone()], "true");
        assert_eq!(&text[members[2].value.clone()], "{}");
        let (list, items) = array(text, members[0].value.start).unwrap();
        assert_eq!(list, members[0].value);
        let items: Vec<&str> = items.into_iter().map(|r| &text[r]).collect();
        assert_eq!(items, ["1", r#"{"x": "]}\""}"#, "[]"]);
    }

    #[test]
    fn deep_values_are_skipped_without_recursion() {
        let deep = "[".repeat(200_000) + &"]".repeat(200_000);
        let text = format!(r#"{{"deep": {deep}, "after": -1.5e3}}"#);
        let (_, members) = object(&text, 0).unwrap();
        assert_eq!(members[0].value.len(), deep.len());
        assert_eq!(&text[members[1].value.clone()], "-1.5e3");
    }

    #[test]
    fn broken_texts_are_errors() {
        for text in [
            "",
            "{",
            r#"{"a"}"#,
            r#"{"a": }"#,
            r#"{"a": 1 "b": 2}"#,
            r#"{"a": "open}"#,
            r#"{"a": [1, 2}"#,
            "[1, 2",
            r#"{"a\x": 1}"#,
        ] {
            let at = skip_ws(text.as_bytes(), 0);
            let scanned = if text.starts_with('[') {
                array(text, at).map(|_| ())
            } else {
                object(text, at).map(|_| ())
            };
            assert!(scanned.is_err(), "{text:?}");
        }
    }
}
