//! Which delimiter a table uses (comma, semicolon or tab), and whether a
//! text looks like a delimited table at all (format detection).
//!
//! Why: spreadsheets export with whichever separator the locale prefers;
//! the header line, read outside quotes, tells which one this file uses.

use super::super::common::head;

/// Whether `text` looks like a delimited table: its first line has at least
/// two fields separated by commas, semicolons or tabs, and it is not JSON or
/// XML.
#[must_use]
pub fn sniff(text: &str) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = body.trim_start();
    if trimmed.is_empty() || trimmed.starts_with(['{', '[', '<']) {
        return false;
    }
    let head = head(body, 8192);
    let (counts, _) = count_delimiters(head);
    counts.iter().any(|&(_, n)| n >= 1)
}

/// How often each delimiter occurs in the first line, outside quotes, and
/// whether the line ended within `text`.
pub(super) fn count_delimiters(text: &str) -> ([(u8, usize); 3], bool) {
    let mut counts = [(b',', 0), (b'\t', 0), (b';', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => return (counts, true),
            _ if !quoted => {
                for (d, n) in &mut counts {
                    if *d == b {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    (counts, false)
}

/// The delimiter the header line uses most (comma on a tie or none).
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let (counts, _) = count_delimiters(text);
    let mut best = counts[0];
    for c in &counts[1..] {
        if c.1 > best.1 {
            best = *c;
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn sniffing() {
        assert!(sniff(MISSILES));
        assert!(sniff(CONFLICTS));
        assert!(sniff(INCIDENTS));
        assert!(sniff(TIMELINEJS));
        assert!(sniff("\u{feff}a;b\n1;2\n"));
        assert!(sniff("\"a,b\",c\n"));
        assert!(!sniff("\"a,b\"\n"));
        assert!(!sniff("just one column\nvalue\n"));
        assert!(!sniff("{\"a\": 1, \"b\": 2}"));
        assert!(!sniff("[1, 2]"));
        assert!(!sniff("<?xml version=\"1.0\"?><a b=\"1,2\"/>"));
        assert!(!sniff(""));
    }
}
