//! Broken quotes: what the record reader does with a quoted field that does
//! not close properly, and the warning that says so at the opening quote.
//!
//! Why: an unclosed quote makes a reader that follows RFC 4180 to the letter
//! (the `csv` crate, spreadsheets) read every following line into one field
//! until the next quote, so one title silently swallows the rows after it.
//! Strict libraries (Go's `encoding/csv`, Ruby's CSV, pandas) stop with a
//! located error instead; lenient ones (Papa Parse) report the quote and go
//! on. An importer must not refuse a whole table for one stray quote, and
//! must not guess silently either, so:
//!
//! - A quoted field that runs over a line break and does not close properly
//!   (the text ends first, or its closing quote is followed by more text) is
//!   re-read with its opening quote as a character, ending with its line,
//!   when the line after reads as a row of the table (as many fields as the
//!   header): the rows after it are kept. That line is the evidence: a quote
//!   that really opened a multi-line text is followed by the rest of that
//!   text, which rarely has exactly the table's number of fields.
//! - Otherwise the field is kept as RFC 4180 reads it, and the warning says
//!   how far it runs; when the text ends inside it, the file was probably cut
//!   there and the field's text may be incomplete.
//! - Within one line, a closing quote followed by text (`"a"b`) is read as
//!   the `csv` crate reads it (`ab`), without a warning, as before.
//!
//! Each warning is at the opening quote's line and character column, names
//! the column, and says which data row it is in.

use super::rows::Rows;
use super::text::numbered;
use crate::formats::common;
use crate::model::{DocumentBuilder, Warning};

/// A quoted field that did not close properly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct QuoteProblem {
    /// Index of the field in its record.
    pub field: usize,
    /// Byte offset of the opening quote in the text.
    pub quote: usize,
    /// Line of the opening quote, from 1.
    pub line: usize,
    pub kind: QuoteKind,
}

/// What was made of a quoted field that did not close properly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum QuoteKind {
    /// The opening quote was read as a character (the field ends with its
    /// line). `closed_on` is the line of the quote that would have closed
    /// it, followed by text; `None` when no quote closes it.
    Literal { closed_on: Option<usize> },
    /// The text ends inside the field, which was read to the end over
    /// `lines` lines.
    Cut { lines: usize },
    /// The field runs over lines to a closing quote on line `to`, followed
    /// by text; kept as one field.
    Runs { to: usize },
}

impl QuoteProblem {
    /// The warning for the problem in `row` (a data row's number, or `None`
    /// for the header), whose field is named `column`; `text` is the whole
    /// text the quote's offset is in.
    pub(super) fn warning(&self, text: &str, row: Option<usize>, column: &str) -> Warning {
        let place = row.map_or_else(|| "the header".to_owned(), |r| format!("row {r}"));
        let message = match self.kind {
            QuoteKind::Literal { closed_on: None } => format!(
                "{place}: unclosed quote: no quote closes the field it opens before the end of the file; read as a character, so the field ends with its line and the rows after it are kept; check this row"
            ),
            QuoteKind::Literal {
                closed_on: Some(line),
            } => format!(
                "{place}: unclosed quote: the quote on line {line} that would close the field it opens is followed by more text, so the field would swallow the lines between; read as a character, so the field ends with its line and the rows after it are kept; check this row"
            ),
            QuoteKind::Cut { lines: 1 } => format!(
                "{place}: the file ends inside this quoted field: its text is kept as far as it goes, and may be cut off"
            ),
            QuoteKind::Cut { lines } => format!(
                "{place}: the file ends inside this quoted field, after {lines} lines: its text is kept as far as it goes, and may be cut off"
            ),
            QuoteKind::Runs { to } => format!(
                "{place}: this quoted field runs on to line {to}, where more text follows its closing quote: read as one field; check this row"
            ),
        };
        common::warning(self.line, column_of(text, self.quote), column, message)
    }
}

impl Rows<'_, '_> {
    /// Warns about the broken quotes of a record (the header, when `row` is
    /// `None`); returns how many warnings it pushed.
    pub(super) fn quote_warnings(
        &self,
        doc: &mut DocumentBuilder,
        problems: &[QuoteProblem],
        row: Option<usize>,
    ) -> usize {
        for p in problems {
            let column = match self.table.headers.get(p.field) {
                Some(name) => name.clone(),
                None => numbered("column ", p.field + 1, ""),
            };
            doc.warnings.push(p.warning(self.table.body, row, &column));
        }
        problems.len()
    }
}

/// The 1-based column, in characters, of byte `offset` of `text` on its
/// line. Costs the length of that line.
pub(super) fn column_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let start = memchr::memrchr2(b'\n', b'\r', &text.as_bytes()[..offset]).map_or(0, |i| i + 1);
    text.get(start..offset)
        .map_or(1, |line| line.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn regression_unterminated_quote_swallows_rows() {
        // One title took the two rows after it: 1 event instead of 3.
        let text = "date,title,notes\n2024-01-01,\"Unclosed, it goes on,n1\n2024-01-02,Second,n2\n2024-01-03,Third,n3\n";
        let doc = load_default(text, "q.csv");
        let titles: Vec<String> = doc.iter_events().map(|e| e.title.clone()).collect();
        assert_eq!(titles, ["\"Unclosed", "Second", "Third"]);
        assert_eq!(
            warnings(&doc),
            [(
                2,
                12,
                "title",
                "row 1: unclosed quote: no quote closes the field it opens before the end of the file; read as a character, so the field ends with its line and the rows after it are kept; check this row"
            )]
        );
        assert_eq!(doc.warnings[0].event, doc.event_by_id("row-1"));
        // The rest of its line is read as the row's other cells.
        let first = event(&doc, "row-1");
        assert_eq!(text_of(&doc, &first), "it goes on");
        assert_eq!(first.attributes.get("column 4"), Some("n1"));
        // The import dialog shows the same rows.
        let p = preview(text, &ImportOptions::default(), 5).unwrap();
        assert_eq!(p.rows.len(), 3);
        assert_eq!(p.rows[0][1], "\"Unclosed");
    }

    #[test]
    fn regression_file_cut_inside_a_quoted_field_keeps_text_silently() {
        let doc = load_default(
            "date,title,notes\n2024-01-01,First,\"A note that was cu",
            "cut.csv",
        );
        assert_eq!(text_of(&doc, &event(&doc, "row-1")), "A note that was cu");
        assert_eq!(
            warnings(&doc),
            [(
                2,
                18,
                "notes",
                "row 1: the file ends inside this quoted field: its text is kept as far as it goes, and may be cut off"
            )]
        );
        // Cut after a line break inside the text.
        let doc = load_default(
            "date,title,notes\n2024-01-01,First,\"A note\nthat was cu",
            "cut.csv",
        );
        assert_eq!(text_of(&doc, &event(&doc, "row-1")), "A note\nthat was cu");
        assert_eq!(
            warnings(&doc)[0].3,
            "row 1: the file ends inside this quoted field, after 2 lines: its text is kept as far as it goes, and may be cut off"
        );
    }

    #[test]
    fn an_unclosed_quote_in_the_header_keeps_the_rows() {
        let doc = load_default("date,\"title\n2024-01-01,a\n2024-01-02,b\n", "h.csv");
        assert_eq!(doc.event_count(), 2);
        assert_eq!(
            warnings(&doc)[0],
            (
                1,
                6,
                "\"title",
                "the header: unclosed quote: no quote closes the field it opens before the end of the file; read as a character, so the field ends with its line and the rows after it are kept; check this row"
            )
        );
    }

    #[test]
    fn a_quoted_text_over_lines_is_read_whole() {
        let doc = load_default(
            "date,title,notes\n2024-01-01,\"Two\nlines\",\"and, \"\"quoted\"\"\"\n",
            "ok.csv",
        );
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let e = event(&doc, "row-1");
        assert_eq!(e.title, "Two lines");
        assert_eq!(text_of(&doc, &e), "and, \"quoted\"");
    }

    #[test]
    fn columns_count_characters_from_the_line_start() {
        let text = "ab\r\néé,\"x\n\"";
        assert_eq!(column_of(text, 0), 1);
        assert_eq!(column_of(text, 4), 1);
        assert_eq!(column_of(text, text.find('"').unwrap_or(0)), 4);
        assert_eq!(column_of(text, text.len() - 1), 1);
    }
}
