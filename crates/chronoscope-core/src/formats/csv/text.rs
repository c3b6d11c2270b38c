//! Small helpers on the text of cells: trimming, one-line titles, numbered
//! ids and source titles, and telling URLs and HTML apart from plain text.
//!
//! Why a file of its own: every part of the importer that reads a cell
//! (scanning rows, building events, the `TimelineJS` sheet) uses them, and
//! they are the hot path of a large table, so they avoid searching and
//! copying where they can.

/// Whether `s` is an http(s) URL with something after the scheme.
pub(super) fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") && s.len() > 7) || (lower.starts_with("https://") && s.len() > 8)
}

/// Whether a plain-text cell holds HTML markup.
pub(super) fn looks_like_html(value: &str) -> bool {
    if !value.contains('<') {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    ["</", "<br", "<p>", "<p ", "<a ", "<b>", "<i>", "<ul", "<li"]
        .iter()
        .any(|t| lower.contains(t))
}

/// `text` without leading and trailing whitespace, as [`str::trim`] gives
/// it, with no search when both ends are visible ASCII.
pub(super) fn trim(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| (b'!'..=b'~').contains(&b));
    let bytes = text.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// Whether `text` is ASCII without control characters, with single spaces
/// between words: already as [`push_one_line`] writes it.
pub(super) fn is_one_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && bytes.iter().all(|&b| (b' '..=b'~').contains(&b))
        && !bytes.windows(2).any(|w| w == b"  ")
}

/// `prefix`, the decimal `n`, `suffix`: `row-12`, `Row 12 of file.csv`.
pub(super) fn numbered(prefix: &str, n: usize, suffix: &str) -> String {
    let mut digits = [0_u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(prefix.len() + digits.len() - at + suffix.len());
    out.push_str(prefix);
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
    out.push_str(suffix);
    out
}

/// Whitespace runs (line breaks too) as single spaces.
pub(super) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_one_line(&mut out, text);
    out
}

/// Appends `text` to `out` with whitespace runs as single spaces.
pub(super) fn push_one_line(out: &mut String, text: &str) {
    if is_one_line(text) {
        out.push_str(text);
        return;
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}
