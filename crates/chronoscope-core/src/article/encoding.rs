//! Pages saved in the West European single-byte encoding.
//!
//! Sources are read as UTF-8. A browser saves a page in the encoding it
//! was served in, and older sites still serve `windows-1252` (or say
//! `iso-8859-1`, which browsers read as `windows-1252`): such a page, when
//! it declares that charset and is not UTF-8, is decoded here rather than
//! refused. Other encodings are refused as not UTF-8.

/// Labels browsers read as `windows-1252` (the WHATWG Encoding Standard's
/// list, the common ones).
const LABELS: [&str; 10] = [
    "windows-1252",
    "iso-8859-1",
    "iso8859-1",
    "iso_8859-1",
    "latin1",
    "l1",
    "cp1252",
    "x-cp1252",
    "us-ascii",
    "ascii",
];

/// How far into a page its charset declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// The text of a page declaring a `windows-1252` charset (or one browsers
/// read as it) in its first bytes; `None` for any other page.
pub(super) fn declared_windows_1252(bytes: &[u8]) -> Option<String> {
    let head = bytes[..bytes.len().min(PRESCAN_BYTES)].to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&head[at..], b"charset") {
        let mut rest = &head[at + i + "charset".len()..];
        rest = rest.trim_ascii_start();
        if let Some(r) = rest.strip_prefix(b"=") {
            let r = r.trim_ascii_start();
            let r = r
                .strip_prefix(b"\"")
                .or_else(|| r.strip_prefix(b"'"))
                .unwrap_or(r);
            let end = r
                .iter()
                .position(|b| {
                    !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                })
                .unwrap_or(r.len());
            let label = &r[..end];
            return LABELS
                .iter()
                .any(|l| l.as_bytes() == label)
                .then(|| decode(bytes));
        }
        at += i + 1;
    }
    None
}

/// `bytes` read as `windows-1252`.
fn decode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// `windows-1252`'s characters for 0x80–0x9F (the five it leaves undefined
/// are the C1 controls, as browsers read them).
const HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_windows_1252_page_is_decoded() {
        let page = b"<meta charset=\"ISO-8859-1\"><p>Caf\xe9 \x93quoted\x94 \x80 5</p>";
        assert_eq!(
            declared_windows_1252(page).as_deref(),
            Some("<meta charset=\"ISO-8859-1\"><p>Café “quoted” € 5</p>")
        );
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>\xe9";
        assert_eq!(
            declared_windows_1252(page)
                .as_deref()
                .map(|t| t.ends_with('é')),
            Some(true)
        );
    }

    #[test]
    fn other_pages_are_not() {
        assert_eq!(
            declared_windows_1252(b"<meta charset=shift_jis>\x82\xa0"),
            None
        );
        assert_eq!(declared_windows_1252(b"<p>\xe9</p>"), None);
        assert_eq!(declared_windows_1252(b"charset"), None);
        assert_eq!(declared_windows_1252(b""), None);
    }
}
