//! Records and fields of a delimited text, read in place.
//!
//! The rules are those of the `csv` crate's reader as the importer configures
//! it (RFC 4180 quotes with `""` inside them, `\r`, `\n` or `\r\n` ending a
//! record, empty lines skipped, rows of any length), and so are the line
//! numbers: a record's line is one more than the number of `\n` before the end
//! of the previous record, where a record ends just after the first byte of
//! its terminator. Fields are slices of the text; only a field with a doubled
//! quote or text after its closing quote is copied.
//!
//! Every byte the rules act on is ASCII, so every slice boundary is a `char`
//! boundary.

/// Where a field's text is.
#[derive(Clone, Copy, Debug)]
enum Span {
    /// `text[start..end]`.
    Text { start: usize, end: usize },
    /// `buffer[start..end]`: a field that had quotes removed from its middle.
    Buffer { start: usize, end: usize },
}

/// One record: its fields, its line and where it ends.
#[derive(Debug)]
pub(super) struct Record<'a> {
    text: &'a str,
    spans: Vec<Span>,
    buffer: String,
    /// The line of the record, counted as the `csv` crate counts it.
    pub line: usize,
    /// Byte offset just after the record's terminator (or the end of the text).
    pub end: usize,
}

impl<'a> Record<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            spans: Vec::new(),
            buffer: String::new(),
            line: 0,
            end: 0,
        }
    }

    /// Field `i`, when the record has that many.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.spans.get(i).map(|&s| self.resolve(s))
    }

    /// Field `i` as a slice of the whole text; `None` when the record has no
    /// such field or the field was unescaped into a copy.
    pub fn get_in_text(&self, i: usize) -> Option<&'a str> {
        match self.spans.get(i)? {
            Span::Text { start, end } => self.text.get(*start..*end),
            Span::Buffer { .. } => None,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|&s| self.resolve(s))
    }

    fn resolve(&self, span: Span) -> &str {
        match span {
            Span::Text { start, end } => self.text.get(start..end),
            Span::Buffer { start, end } => self.buffer.get(start..end),
        }
        .unwrap_or_default()
    }
}

/// How a field ended.
enum FieldEnd {
    /// At a delimiter, at this offset.
    Delimiter(usize),
    /// At the first byte of a record terminator, at this offset.
    Terminator(usize),
    /// At the end of the text.
    Text,
}

/// A reader of records from some offset of a text to its end.
#[derive(Clone, Debug)]
pub(super) struct Records<'a> {
    text: &'a str,
    pos: usize,
    delimiter: u8,
    /// `\n` bytes before `pos`.
    newlines: usize,
}

impl<'a> Records<'a> {
    /// Reads from byte offset `start`, just after the end of a record (or at
    /// the start of the text), with `newlines` line breaks before it.
    pub fn new(text: &'a str, start: usize, newlines: usize, delimiter: u8) -> Self {
        Self {
            text,
            pos: start.min(text.len()),
            delimiter,
            newlines,
        }
    }

    /// Byte offset reached.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// `\n` bytes before [`Records::position`].
    pub fn newlines(&self) -> usize {
        self.newlines
    }

    /// Reads the next record into `record`; `false` at the end of the text.
    pub fn read(&mut self, record: &mut Record<'a>) -> bool {
        record.spans.clear();
        record.buffer.clear();
        record.line = self.newlines + 1;
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\n' => self.newlines += 1,
                b'\r' => {}
                _ => break,
            }
            i += 1;
        }
        if i >= bytes.len() {
            self.pos = bytes.len();
            return false;
        }
        loop {
            match self.field(record, i) {
                FieldEnd::Delimiter(at) => i = at + 1,
                FieldEnd::Terminator(at) => {
                    if bytes[at] == b'\n' {
                        self.newlines += 1;
                    }
                    self.pos = at + 1;
                    record.end = self.pos;
                    return true;
                }
                FieldEnd::Text => {
                    self.pos = bytes.len();
                    record.end = self.pos;
                    return true;
                }
            }
        }
    }

    /// Reads the field starting at `start` into `record`.
    fn field(&mut self, record: &mut Record<'a>, start: usize) -> FieldEnd {
        let bytes = self.text.as_bytes();
        if bytes.get(start) != Some(&b'"') {
            let (end, how) = self.unquoted(start);
            record.spans.push(Span::Text { start, end });
            return how;
        }
        let open = start + 1;
        let Some(close) = find_quote(bytes, open, &mut self.newlines) else {
            record.spans.push(Span::Text {
                start: open,
                end: bytes.len(),
            });
            return FieldEnd::Text;
        };
        match bytes.get(close + 1) {
            None => {
                record.spans.push(Span::Text {
                    start: open,
                    end: close,
                });
                FieldEnd::Text
            }
            Some(&b) if b == self.delimiter => {
                record.spans.push(Span::Text {
                    start: open,
                    end: close,
                });
                FieldEnd::Delimiter(close + 1)
            }
            Some(b'\r' | b'\n') => {
                record.spans.push(Span::Text {
                    start: open,
                    end: close,
                });
                FieldEnd::Terminator(close + 1)
            }
            Some(_) => self.unescape(record, open, close),
        }
    }

    /// The end of an unquoted field (or of the rest of a field after its
    /// quotes) starting at `start`: quotes in it are text.
    fn unquoted(&self, start: usize) -> (usize, FieldEnd) {
        let bytes = self.text.as_bytes();
        let d = self.delimiter;
        match memchr::memchr3(d, b'\n', b'\r', &bytes[start..]) {
            Some(k) if bytes[start + k] == d => (start + k, FieldEnd::Delimiter(start + k)),
            Some(k) => (start + k, FieldEnd::Terminator(start + k)),
            None => (bytes.len(), FieldEnd::Text),
        }
    }

    /// A quoted field whose text continues after the quote at `close` (a
    /// doubled quote, or text after the closing quote): copied without the
    /// quotes that the rules drop.
    fn unescape(&mut self, record: &mut Record<'a>, open: usize, mut close: usize) -> FieldEnd {
        let bytes = self.text.as_bytes();
        let text = self.text;
        let from = record.buffer.len();
        record.buffer.push_str(&text[open..close]);
        // Just after a quote that was inside quotes.
        loop {
            let next = close + 1;
            match bytes.get(next) {
                Some(b'"') => {
                    record.buffer.push('"');
                    let open = next + 1;
                    let Some(c) = find_quote(bytes, open, &mut self.newlines) else {
                        record.buffer.push_str(&text[open..]);
                        push_buffer(record, from);
                        return FieldEnd::Text;
                    };
                    record.buffer.push_str(&text[open..c]);
                    close = c;
                }
                None => {
                    push_buffer(record, from);
                    return FieldEnd::Text;
                }
                Some(&b) if b == self.delimiter => {
                    push_buffer(record, from);
                    return FieldEnd::Delimiter(next);
                }
                Some(b'\r' | b'\n') => {
                    push_buffer(record, from);
                    return FieldEnd::Terminator(next);
                }
                Some(_) => {
                    let (end, how) = self.unquoted(next);
                    record.buffer.push_str(&text[next..end]);
                    push_buffer(record, from);
                    return how;
                }
            }
        }
    }
}

fn push_buffer(record: &mut Record<'_>, from: usize) {
    record.spans.push(Span::Buffer {
        start: from,
        end: record.buffer.len(),
    });
}

/// Offset of the first `"` at or after `from`, adding the `\n` bytes before
/// it (or before the end of the text) to `newlines`.
fn find_quote(bytes: &[u8], from: usize, newlines: &mut usize) -> Option<usize> {
    for at in memchr::memchr2_iter(b'"', b'\n', bytes.get(from..)?) {
        if bytes[from + at] == b'"' {
            return Some(from + at);
        }
        *newlines += 1;
    }
    None
}

/// Where the rows after a record boundary near `target` start, found by
/// reading quotes as RFC 4180 writes them (every `"` opens or closes a quoted
/// stretch). Only a guess for files that put quotes elsewhere: the reader
/// that reaches the boundary confirms it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Boundary {
    /// Byte offset just after the first terminator byte of a record.
    pub offset: usize,
    /// Records between the start and `offset`.
    pub records: usize,
    /// `\n` bytes between the start and `offset`.
    pub newlines: usize,
}

/// Finds a [`Boundary`] at or after `target`, scanning from `start` (just
/// after a record's end); `None` when the text ends first.
pub(super) fn boundary_after(text: &str, start: usize, target: usize) -> Option<Boundary> {
    let bytes = text.as_bytes();
    let mut records = 0_usize;
    let mut newlines = 0_usize;
    let mut quoted = false;
    // Whether the current record has begun (after a terminator it has not).
    let mut in_line = false;
    // Where the text after the last byte that matters starts.
    let mut plain = start;
    for pos in memchr::memchr3_iter(b'"', b'\n', b'\r', bytes.get(start..)?).map(|p| p + start) {
        if pos > plain {
            in_line = true;
        }
        plain = pos + 1;
        match bytes[pos] {
            b'"' => {
                quoted = !quoted;
                in_line = true;
            }
            b if !quoted => {
                if b == b'\n' {
                    newlines += 1;
                }
                if in_line {
                    records += 1;
                    in_line = false;
                    if pos >= target {
                        return Some(Boundary {
                            offset: pos + 1,
                            records,
                            newlines,
                        });
                    }
                }
            }
            b'\n' => newlines += 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fields and lines as the `csv` crate reads them, after the first record.
    fn with_csv_crate(text: &str, delimiter: u8) -> (usize, usize, Vec<(usize, Vec<String>)>) {
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut record = ::csv::StringRecord::new();
        let mut out = Vec::new();
        let mut first = None;
        while let Ok(true) = reader.read_record(&mut record) {
            if first.is_none() {
                let p = reader.position();
                first = Some((p.byte() as usize, p.line() as usize - 1));
                continue;
            }
            let line = record.position().map_or(0, |p| p.line() as usize);
            out.push((line, record.iter().map(str::to_owned).collect()));
        }
        let (start, newlines) = first.unwrap_or((text.len(), 0));
        (start, newlines, out)
    }

    fn with_records(
        text: &str,
        start: usize,
        newlines: usize,
        delimiter: u8,
    ) -> Vec<(usize, Vec<String>)> {
        let mut records = Records::new(text, start, newlines, delimiter);
        let mut record = Record::new(text);
        let mut out = Vec::new();
        while records.read(&mut record) {
            out.push((record.line, record.iter().map(str::to_owned).collect()));
            for (i, field) in record.iter().enumerate() {
                if let Some(in_text) = record.get_in_text(i) {
                    assert_eq!(in_text, field);
                }
            }
        }
        out
    }

    #[test]
    fn records_and_lines_are_those_of_the_csv_crate() {
        const PIECES: [&str; 14] = [
            "a", "bc", ",", ";", "\"", "\"\"", "\n", "\r\n", "\r", " ", "é", "x\"y", "\n\n", "\t",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in 0..20_000 {
            let len = next() % 30;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let delimiter = if i % 2 == 0 { b',' } else { b';' };
            let (start, newlines, expected) = with_csv_crate(&text, delimiter);
            assert_eq!(
                with_records(&text, start, newlines, delimiter),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn boundaries_fall_after_a_record_of_well_quoted_text() {
        let text = "h\n\"a\nb\",1\r\n\n\"c,\"\"d\"\"\",2\nlast,3";
        let start = 2;
        let b = boundary_after(text, start, start + 1).unwrap_or_else(|| panic!("none"));
        assert_eq!(&text[..b.offset], "h\n\"a\nb\",1\r");
        assert_eq!((b.records, b.newlines), (1, 1));
        let b = boundary_after(text, start, b.offset).unwrap_or_else(|| panic!("none"));
        assert_eq!(&text[b.offset..], "last,3");
        assert_eq!((b.records, b.newlines), (2, 4));
        assert_eq!(boundary_after(text, start, b.offset), None);
        let mut records = Records::new(text, start, 1, b',');
        let mut record = Record::new(text);
        let mut ends = Vec::new();
        while records.read(&mut record) {
            ends.push((record.end, records.newlines()));
        }
        assert_eq!(ends[1], (b.offset, 1 + b.newlines));
    }
}
