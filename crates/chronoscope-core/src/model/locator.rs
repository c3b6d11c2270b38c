//! Turning byte offsets into line:column locations, for every warning of a
//! file, at a cost that does not grow with the file for each one.
//!
//! [`Location::of_offset`] counts from the start of the text: right for one
//! error, quadratic for a file with a warning on every item. A [`Locator`]
//! counts the text once, when first asked, keeping a mark every
//! [`Locator::STEP`] bytes, and counts each location from the mark before
//! it: at most a few kilobytes per location, in any order, even on one very
//! long line (minified JSON).

use super::Location;

/// The byte order mark some editors write first.
const BOM: &str = "\u{feff}";

/// Locations in one text.
pub struct Locator<'a> {
    text: &'a str,
    marks: std::cell::OnceCell<Vec<Mark>>,
}

/// Where a [`Locator`] mark is: its byte offset and location.
#[derive(Clone, Copy)]
struct Mark {
    offset: usize,
    location: Location,
}

impl<'a> Locator<'a> {
    /// Bytes between two marks: what one location costs at most.
    pub const STEP: usize = 4096;

    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            marks: std::cell::OnceCell::new(),
        }
    }

    /// The location of byte `offset` (clamped to the text), as
    /// [`Location::of_offset`] gives it.
    #[must_use]
    pub fn locate(&self, offset: usize) -> Location {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let marks = self.marks.get_or_init(|| Self::marks(text));
        let index = marks
            .partition_point(|m| m.offset <= offset)
            .saturating_sub(1);
        let mark = marks.get(index).copied().unwrap_or(Mark {
            offset: 0,
            location: Location { line: 1, column: 1 },
        });
        let mut at = advance(mark.location, &text[mark.offset..offset]);
        // A byte order mark is invisible: line 1's columns count from the
        // first character after it, as an editor shows them.
        if at.line == 1 && offset >= BOM.len() && text.starts_with(BOM) {
            at.column -= 1;
        }
        at
    }

    fn marks(text: &str) -> Vec<Mark> {
        let mut marks = Vec::with_capacity(text.len() / Self::STEP + 1);
        let mut mark = Mark {
            offset: 0,
            location: Location { line: 1, column: 1 },
        };
        marks.push(mark);
        while mark.offset < text.len() {
            let mut end = (mark.offset + Self::STEP).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            mark = Mark {
                offset: end,
                location: advance(mark.location, &text[mark.offset..end]),
            };
            marks.push(mark);
        }
        marks
    }
}

/// The location after `text`, which starts at `from`.
fn advance(from: Location, text: &str) -> Location {
    let mut newlines = memchr::memchr_iter(b'\n', text.as_bytes());
    let Some(mut last) = newlines.next() else {
        return Location {
            line: from.line,
            column: from.column + text.chars().count(),
        };
    };
    let mut lines = 1;
    for i in newlines {
        last = i;
        lines += 1;
    }
    Location {
        line: from.line + lines,
        column: text[last + 1..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let text = "\u{feff}ab\ncd";
        let lines = Locator::new(text);
        assert_eq!(lines.locate(3), Location { line: 1, column: 1 });
        assert_eq!(lines.locate(4), Location { line: 1, column: 2 });
        assert_eq!(lines.locate(7), Location { line: 2, column: 2 });
        assert_eq!(lines.locate(0), Location { line: 1, column: 1 });
    }

    #[test]
    fn agrees_with_of_offset_in_any_order() {
        let text = "ab\nçd é\n\nlast line…\nx";
        let locator = Locator::new(text);
        let offsets: Vec<usize> = (0..=text.len() + 3).collect();
        for &offset in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain([5, 1, 9, 2].iter())
        {
            assert_eq!(
                locator.locate(offset),
                Location::of_offset(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn regression_many_warnings_on_one_long_line_are_located_in_linear_time() {
        // 2 MB on one line, a location every 20 bytes: 100,000 locations.
        // Counted from the line's start each time this would read 100 GB.
        let text = "é".repeat(1 << 20);
        let locator = Locator::new(&text);
        let mut previous = 0;
        for offset in (0..text.len()).step_by(20) {
            let at = locator.locate(offset);
            assert_eq!(at.line, 1);
            assert!(at.column >= previous);
            previous = at.column;
        }
        assert_eq!(locator.locate(text.len()).column, (1 << 20) + 1);
    }

    #[test]
    fn locator_agrees_with_counting_from_the_start() {
        let mut text = String::new();
        for i in 0..3_000 {
            text.push_str(["é", "ab", "\n", "日本", "\r\n", "x"][i % 6]);
            if i % 97 == 0 {
                text.push_str(&"y".repeat(5_000));
            }
        }
        let locator = Locator::new(&text);
        for offset in (0..text.len() + 10)
            .step_by(13)
            .chain([0, 1, 2, text.len()])
        {
            assert_eq!(
                locator.locate(offset),
                Location::of_offset(&text, offset),
                "{offset}"
            );
        }
        assert_eq!(Locator::new("").locate(5), Location { line: 1, column: 1 });
    }
}
