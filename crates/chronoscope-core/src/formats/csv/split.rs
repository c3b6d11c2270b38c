//! Records and fields of a delimited text, read in place.
//!
//! The rules are those of the `csv` crate's reader, flexible and without
//! headers (RFC 4180 quotes with `""` inside them, `\r`, `\n` or `\r\n` ending a
//! record, empty lines skipped, rows of any length), and so are the line
//! numbers: a record's line is one more than the number of `\n` before the end
//! of the previous record, where a record ends just after the first byte of
//! its terminator. Fields are slices of the text; only a field with a doubled
//! quote or text after its closing quote is copied.
//!
//! Every byte the rules act on is ASCII, so every slice boundary is a `char`
//! boundary.
//!
//! One rule differs, for broken quotes (`quotes.rs` says why and what is
//! reported): a quoted field that runs over a line break and does not close
//! properly — the text ends first, or its closing quote is followed by more
//! text — would swallow the rows after it. When the line after its opening
//! line reads as a row of the table (as many fields as the header), the
//! opening quote is read as a character instead: the field ends with its
//! line, as an unquoted one does, and the rows after it are read. Otherwise
//! the field is kept as the `csv` crate reads it. Either way the record
//! carries a [`QuoteProblem`].

use super::quotes::{QuoteKind, QuoteProblem};

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
    /// Broken quotes in the record, in field order.
    pub problems: Vec<QuoteProblem>,
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
            problems: Vec::new(),
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

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
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

/// When an opening quote that does not close properly is read as a
/// character (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Recovery {
    /// Reading the header: when the line after it has as many fields as the
    /// header's line (with the quote read as a character).
    Header,
    /// Reading rows of a table of this many columns: when the line after
    /// has that many fields.
    Columns(usize),
    /// Never: fields are those the `csv` crate reads (problems are still
    /// reported).
    Off,
}

/// How a quoted field went wrong, if it did.
enum Trouble {
    /// The text ended before a closing quote.
    Unclosed,
    /// The quote at this offset closed the field and text follows it; it is
    /// on this line.
    TextAfter { close: usize, line: usize },
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
    recovery: Recovery,
}

impl<'a> Records<'a> {
    /// Reads from byte offset `start`, just after the end of a record (or at
    /// the start of the text), with `newlines` line breaks before it.
    pub fn new(
        text: &'a str,
        start: usize,
        newlines: usize,
        delimiter: u8,
        recovery: Recovery,
    ) -> Self {
        Self {
            text,
            pos: start.min(text.len()),
            delimiter,
            newlines,
            recovery,
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
        record.problems.clear();
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
        let newlines = self.newlines;
        let buffered = record.buffer.len();
        let (how, trouble) = self.quoted(record, start);
        let Some(trouble) = trouble else {
            return how;
        };
        let reach = match trouble {
            Trouble::Unclosed => bytes.len(),
            Trouble::TextAfter { close, .. } => close,
        };
        let field = record.spans.len().saturating_sub(1);
        let problem = |kind| QuoteProblem {
            field,
            quote: start,
            line: newlines + 1,
            kind,
        };
        let Some(line_end) = memchr::memchr2(b'\n', b'\r', &bytes[start..reach]).map(|i| start + i)
        else {
            // Within one line: as the `csv` crate reads it; a text that ends
            // inside the field may have been cut there.
            if let Trouble::Unclosed = trouble {
                record.problems.push(problem(QuoteKind::Cut { lines: 1 }));
            }
            return how;
        };
        let closed_on = match trouble {
            Trouble::Unclosed => None,
            Trouble::TextAfter { line, .. } => Some(line),
        };
        if self.rows_follow(record, start, line_end) {
            record.spans.truncate(field);
            record.buffer.truncate(buffered);
            self.newlines = newlines;
            let (end, how) = self.unquoted(start);
            record.spans.push(Span::Text { start, end });
            record
                .problems
                .push(problem(QuoteKind::Literal { closed_on }));
            return how;
        }
        // Lines the field spans, not counting an empty last one.
        let ends_line = matches!(bytes.get(reach.wrapping_sub(1)), Some(b'\n' | b'\r'));
        let lines = (self.newlines - newlines + usize::from(!ends_line)).max(1);
        record.problems.push(problem(match closed_on {
            None => QuoteKind::Cut { lines },
            Some(line) => QuoteKind::Runs { to: line },
        }));
        how
    }

    /// Whether the line after the one ending at `line_end` (where the field
    /// opened by the quote at `quote` would end if the quote were a
    /// character) reads as a row of the table, by [`Records::recovery`].
    fn rows_follow(&self, record: &Record<'a>, quote: usize, line_end: usize) -> bool {
        let bytes = self.text.as_bytes();
        let width = match self.recovery {
            Recovery::Off => return false,
            Recovery::Columns(n) => n,
            Recovery::Header => {
                // The fields before the quote, its own, and the delimiters
                // after it on its line.
                let after = memchr::memchr_iter(self.delimiter, &bytes[quote..line_end]).count();
                record.spans.len() + after
            }
        };
        let mut next = Records::new(self.text, line_end, 0, self.delimiter, Recovery::Off);
        let mut row = Record::new(self.text);
        next.read(&mut row) && row.len() == width
    }

    /// Reads the quoted field whose opening quote is at `start`, as the
    /// `csv` crate reads it, and how it went wrong if it did.
    fn quoted(&mut self, record: &mut Record<'a>, start: usize) -> (FieldEnd, Option<Trouble>) {
        let bytes = self.text.as_bytes();
        let open = start + 1;
        let Some(close) = find_quote(bytes, open, &mut self.newlines) else {
            record.spans.push(Span::Text {
                start: open,
                end: bytes.len(),
            });
            return (FieldEnd::Text, Some(Trouble::Unclosed));
        };
        let span = Span::Text {
            start: open,
            end: close,
        };
        match bytes.get(close + 1) {
            None => {
                record.spans.push(span);
                (FieldEnd::Text, None)
            }
            Some(&b) if b == self.delimiter => {
                record.spans.push(span);
                (FieldEnd::Delimiter(close + 1), None)
            }
            Some(b'\r' | b'\n') => {
                record.spans.push(span);
                (FieldEnd::Terminator(close + 1), None)
            }
            Some(_) => self.unescape(record, open, close),
        }
    }

    /// A quoted field whose text continues after the quote at `close` (a
    /// doubled quote, or text after the closing quote): copied without the
    /// quotes that the rules drop.
    fn unescape(
        &mut self,
        record: &mut Record<'a>,
        open: usize,
        mut close: usize,
    ) -> (FieldEnd, Option<Trouble>) {
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
                        return (FieldEnd::Text, Some(Trouble::Unclosed));
                    };
                    record.buffer.push_str(&text[open..c]);
                    close = c;
                }
                None => {
                    push_buffer(record, from);
                    return (FieldEnd::Text, None);
                }
                Some(&b) if b == self.delimiter => {
                    push_buffer(record, from);
                    return (FieldEnd::Delimiter(next), None);
                }
                Some(b'\r' | b'\n') => {
                    push_buffer(record, from);
                    return (FieldEnd::Terminator(next), None);
                }
                Some(_) => {
                    let line = self.newlines + 1;
                    let (end, how) = self.unquoted(next);
                    record.buffer.push_str(&text[next..end]);
                    push_buffer(record, from);
                    return (how, Some(Trouble::TextAfter { close, line }));
                }
            }
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

/// Where the rows after a record boundary start, found by reading quotes as
/// RFC 4180 writes them (every `"` opens or closes a quoted stretch). Only a
/// guess for files that put quotes elsewhere: the reader that reaches the
/// boundary confirms it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Boundary {
    /// Byte offset just after the first terminator byte of a record.
    pub offset: usize,
    /// Records between the start and `offset`.
    pub records: usize,
    /// `\n` bytes between the start and `offset`.
    pub newlines: usize,
}

/// Splits the text after `start` (just after a record's end, or the start of
/// the text) at [`Boundary`]s for `count` parts of about equal length: the
/// first part starts at `start`, each other at the first record end at or
/// after its share of the text. Fewer parts when the text ends first or a
/// record spans a share.
///
/// Where quotes open and close depends on all the text before, so each share
/// is scanned at once (on the cores) both ways, as if it started outside
/// quotes and inside; the shares before it then tell which way is right.
pub(super) fn boundaries(text: &str, start: usize, count: usize) -> Vec<Boundary> {
    let bytes = text.as_bytes();
    let start = start.min(bytes.len());
    let first = Boundary {
        offset: start,
        records: 0,
        newlines: 0,
    };
    if count <= 1 {
        return vec![first];
    }
    let share = |i| {
        let (from, to) = crate::work::range(bytes.len() - start, count, i);
        (start + from, start + to)
    };
    // Of the last share only the first record end is needed.
    let shares = crate::work::map(count, |i| {
        Share::scan(bytes, start, share(i), i + 1 == count)
    });
    // Before each share: which way it is read (1: it starts inside quotes),
    // and the records and `\n` bytes before it.
    let mut before = Vec::with_capacity(count);
    let (mut way, mut records, mut newlines) = (0, 0, 0);
    for s in &shares {
        before.push((way, records, newlines));
        records += s.records[way];
        newlines += s.newlines;
        way ^= usize::from(s.odd_quotes);
    }
    let mut found = vec![first];
    for i in 1..count {
        let next = (i..count).find_map(|j| {
            let (way, records, newlines) = before[j];
            shares[j].first[way].map(|b| Boundary {
                offset: b.offset,
                records: records + b.records,
                newlines: newlines + b.newlines,
            })
        });
        match next {
            Some(b) if found.last().is_none_or(|last| last.offset < b.offset) => found.push(b),
            Some(_) => {}
            None => break,
        }
    }
    found
}

/// What one share of the text holds, read both ways: `[0]` as if it starts
/// outside quotes, `[1]` inside.
#[derive(Debug, Default)]
struct Share {
    odd_quotes: bool,
    /// `\n` bytes (counted inside quotes too).
    newlines: usize,
    /// Records that end in the share.
    records: [usize; 2],
    /// The first record end in the share, counted from its start.
    first: [Option<Boundary>; 2],
}

impl Share {
    /// Scans `bytes[from..to]`, which comes after `start`, just after a
    /// record's end; only up to its first record end both ways when
    /// `first_only` (then the counts are short).
    fn scan(bytes: &[u8], start: usize, (from, to): (usize, usize), first_only: bool) -> Self {
        let mut share = Share::default();
        // Whether a record has begun, each way: a line break just before
        // ended one only outside quotes.
        let after_break = from == start || matches!(bytes.get(from - 1), Some(b'\n' | b'\r'));
        let mut in_line = [!after_break, true];
        // Quotes so far are odd: each line break is inside quotes read the
        // one way and outside the other.
        let mut odd = false;
        // Where the text after the last byte that matters starts.
        let mut plain = from;
        let Some(stretch) = bytes.get(from..to) else {
            return share;
        };
        for pos in memchr::memchr3_iter(b'"', b'\n', b'\r', stretch).map(|p| p + from) {
            if pos > plain {
                in_line = [true, true];
            }
            plain = pos + 1;
            let b = bytes[pos];
            if b == b'"' {
                odd = !odd;
                in_line = [true, true];
                continue;
            }
            if b == b'\n' {
                share.newlines += 1;
            }
            let way = usize::from(odd);
            if in_line[way] {
                in_line[way] = false;
                share.records[way] += 1;
                share.first[way].get_or_insert(Boundary {
                    offset: pos + 1,
                    records: share.records[way],
                    newlines: share.newlines,
                });
                if first_only && share.first.iter().all(Option::is_some) {
                    break;
                }
            }
        }
        share.odd_quotes = odd;
        share
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::finishes_within;
    use super::*;

    /// Lines and fields of every record as the `csv` crate reads them, and
    /// where the first record ends (byte offset, `\n` bytes before it).
    type Read = (Vec<(usize, Vec<String>)>, Option<(usize, usize)>);

    fn with_csv_crate(text: &str, delimiter: u8) -> Read {
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut record = ::csv::StringRecord::new();
        let mut out = Vec::new();
        let mut first = None;
        while let Ok(true) = reader.read_record(&mut record) {
            let line = record.position().map_or(0, |p| p.line() as usize);
            out.push((line, record.iter().map(str::to_owned).collect()));
            if first.is_none() {
                let p = reader.position();
                first = Some((p.byte() as usize, p.line() as usize - 1));
            }
        }
        (out, first)
    }

    /// [`with_csv_crate`] by [`Records`], and whether an opening quote was
    /// read as a character.
    fn with_records(text: &str, delimiter: u8, recovery: Recovery) -> (Read, bool) {
        let mut records = Records::new(text, 0, 0, delimiter, recovery);
        let mut record = Record::new(text);
        let mut out = Vec::new();
        let mut first = None;
        let mut literal = false;
        while records.read(&mut record) {
            out.push((record.line, record.iter().map(str::to_owned).collect()));
            for (i, field) in record.iter().enumerate() {
                if let Some(in_text) = record.get_in_text(i) {
                    assert_eq!(in_text, field);
                }
            }
            literal |= record
                .problems
                .iter()
                .any(|p| matches!(p.kind, QuoteKind::Literal { .. }));
            first.get_or_insert((records.position(), records.newlines()));
        }
        ((out, first), literal)
    }

    /// Texts of pieces that quotes and line ends make hard to read.
    fn texts(count: usize) -> impl Iterator<Item = (String, u8)> {
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
        (0..count).map(move |i| {
            let len = next() % 30;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            (text, if i % 2 == 0 { b',' } else { b';' })
        })
    }

    #[test]
    fn records_and_lines_are_those_of_the_csv_crate() {
        for (text, delimiter) in texts(20_000) {
            let expected = with_csv_crate(&text, delimiter);
            let (got, literal) = with_records(&text, delimiter, Recovery::Off);
            assert!(!literal);
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn quotes_are_read_as_characters_only_when_they_would_swallow_rows() {
        let mut literal = 0;
        for (text, delimiter) in texts(10_000) {
            for recovery in [Recovery::Header, Recovery::Columns(2)] {
                let (got, read_literally) = with_records(&text, delimiter, recovery);
                if read_literally {
                    literal += 1;
                } else {
                    assert_eq!(got, with_csv_crate(&text, delimiter), "{text:?}");
                }
            }
        }
        assert!(literal > 100, "{literal} texts recovered");
    }

    /// Fields of the records of `text` as a table of `columns` columns,
    /// and the problems found.
    fn read(text: &str, columns: usize) -> (Vec<Vec<String>>, Vec<QuoteProblem>) {
        let mut records = Records::new(text, 0, 0, b',', Recovery::Columns(columns));
        let mut record = Record::new(text);
        let (mut rows, mut problems) = (Vec::new(), Vec::new());
        while records.read(&mut record) {
            rows.push(record.iter().map(str::to_owned).collect());
            problems.extend(record.problems.iter().cloned());
        }
        (rows, problems)
    }

    #[test]
    fn regression_unterminated_quote_swallows_rows() {
        let (rows, problems) = read("a,\"open\nb,2\nc,3\n", 2);
        assert_eq!(rows, [["a", "\"open"], ["b", "2"], ["c", "3"]]);
        assert_eq!(
            problems,
            [QuoteProblem {
                field: 1,
                quote: 2,
                line: 1,
                kind: QuoteKind::Literal { closed_on: None }
            }]
        );
        // The quote that would close it is followed by text: it is a field
        // of its own row.
        let (rows, problems) = read("a,\"open,x\nb,2,y\nc,3,\"z\"\"\"z\n", 3);
        assert_eq!(
            rows,
            [["a", "\"open", "x"], ["b", "2", "y"], ["c", "3", "z\"z"]]
        );
        assert_eq!(problems[0].kind, QuoteKind::Literal { closed_on: Some(3) });
        // A doubled quote inside the unclosed field is undone too.
        let (rows, _) = read("a,\"x\"\"y\nb,2\n", 2);
        assert_eq!(rows, [["a", "\"x\"\"y"], ["b", "2"]]);
    }

    #[test]
    fn regression_file_cut_inside_a_quoted_field_keeps_text_silently() {
        let (rows, problems) = read("a,\"cut, here", 2);
        assert_eq!(rows, [["a", "cut, here"]]);
        assert_eq!(problems[0].kind, QuoteKind::Cut { lines: 1 });
        // Over lines that do not read as rows: kept as one field.
        let (rows, problems) = read("a,\"first line\nsecond\n", 2);
        assert_eq!(rows, [["a", "first line\nsecond\n"]]);
        assert_eq!(
            (problems[0].line, problems[0].kind),
            (1, QuoteKind::Cut { lines: 2 })
        );
    }

    #[test]
    fn well_quoted_fields_over_lines_are_no_problem() {
        let (rows, problems) = read("a,\"one\ntwo\"\nb,\"x\"\"y\"\n", 2);
        assert_eq!(rows, [["a", "one\ntwo"], ["b", "x\"y"]]);
        assert!(problems.is_empty());
        // Text after a closing quote on one line is read as the csv crate
        // reads it, without a problem.
        let (rows, problems) = read("a,\"x\" y\n", 2);
        assert_eq!(rows, [["a", "x y"]]);
        assert!(problems.is_empty());
        // Over lines, it is a problem, kept as one field when the next line
        // is not a row.
        let (rows, problems) = read("a,\"x\ny\" z\n", 2);
        assert_eq!(rows, [["a", "x\ny z"]]);
        assert_eq!(problems[0].kind, QuoteKind::Runs { to: 2 });
    }

    #[test]
    fn unclosed_quotes_on_every_line_are_read_in_linear_time() {
        // Each quote would close at the next line's, followed by text.
        let text = "2024-01-01,\"x\n".repeat(200_000);
        let (rows, problems) = finishes_within(60, move || read(&text, 2));
        assert_eq!((rows.len(), problems.len()), (200_000, 200_000));
    }

    /// The first record end at or after `target`, reading quotes as RFC
    /// 4180 writes them, one byte at a time from `start`.
    fn boundary_after(text: &str, start: usize, target: usize) -> Option<Boundary> {
        let (mut records, mut newlines) = (0, 0);
        let (mut quoted, mut in_line) = (false, false);
        for (pos, &b) in text.as_bytes().iter().enumerate().skip(start) {
            match b {
                b'"' => {
                    quoted = !quoted;
                    in_line = true;
                }
                b'\n' | b'\r' => {
                    newlines += usize::from(b == b'\n');
                    if !quoted && in_line {
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
                _ => in_line = true,
            }
        }
        None
    }

    #[test]
    fn boundaries_fall_after_a_record_of_well_quoted_text() {
        let text = "h\n\"a\nb\",1\r\n\n\"c,\"\"d\"\"\",2\nlast,3";
        let start = 2;
        let found = boundaries(text, start, 4);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(&text[found[1].offset..], "\n\n\"c,\"\"d\"\"\",2\nlast,3");
        assert_eq!((found[1].records, found[1].newlines), (1, 1));
        assert_eq!(&text[found[2].offset..], "last,3");
        assert_eq!((found[2].records, found[2].newlines), (2, 4));
        let mut records = Records::new(text, start, 1, b',', Recovery::Off);
        let mut record = Record::new(text);
        let mut ends = Vec::new();
        while records.read(&mut record) {
            ends.push((record.end, records.newlines()));
        }
        assert_eq!(ends[0], (found[1].offset, 1 + found[1].newlines));
        assert_eq!(ends[1], (found[2].offset, 1 + found[2].newlines));
    }

    #[test]
    fn boundaries_are_those_found_reading_the_text_in_order() {
        for (text, _) in texts(5000) {
            for start in [0, 1, text.len() / 3] {
                if !text.is_char_boundary(start) {
                    continue;
                }
                for count in 1..8 {
                    let mut expected = vec![Boundary {
                        offset: start,
                        records: 0,
                        newlines: 0,
                    }];
                    for i in 1..count {
                        let (target, _) = crate::work::range(text.len() - start, count, i);
                        match boundary_after(&text, start, start + target) {
                            Some(b) if b.offset > expected[expected.len() - 1].offset => {
                                expected.push(b);
                            }
                            Some(_) => {}
                            None => break,
                        }
                    }
                    assert_eq!(
                        boundaries(&text, start, count),
                        expected,
                        "{text:?} from {start} in {count}"
                    );
                }
            }
        }
    }
}
