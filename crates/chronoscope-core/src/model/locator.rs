//! Turning byte offsets into line:column locations, for every warning of a
//! file, at a cost that does not grow with the file for each one.
//!
//! [`Location::of_offset`] scans the text from its start: right for one
//! error, quadratic for a file with a warning on every event (a native file
//! whose quotes are not found, say). A [`Locator`] finds the line by binary
//! search in the line starts (found once, when first asked) and counts the
//! column from the last location it gave when that was earlier on the same
//! line, so warnings given in file order cost what lies between them, even
//! on one very long line (minified JSON).

use std::cell::{Cell, OnceCell};

use super::Location;

/// Locations in one text.
#[derive(Debug)]
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of each line's start; made on the first call.
    starts: OnceCell<Vec<usize>>,
    /// The last location given: its byte offset and location.
    last: Cell<(usize, Location)>,
}

impl<'a> Locator<'a> {
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            starts: OnceCell::new(),
            last: Cell::new((0, Location { line: 1, column: 1 })),
        }
    }

    /// The text it locates in.
    #[must_use]
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The line:column of byte `offset` (clamped to the text; a column counts
    /// characters), as [`Location::of_offset`] gives it.
    #[must_use]
    pub fn location(&self, offset: usize) -> Location {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        // The last line starting at or before `offset`.
        let line = starts.partition_point(|&s| s <= offset).max(1) - 1;
        let line_start = starts[line];
        let (last_offset, last) = self.last.get();
        let column = if last.line == line + 1 && last_offset >= line_start && last_offset <= offset
        {
            last.column + text[last_offset..offset].chars().count()
        } else {
            text[line_start..offset].chars().count() + 1
        };
        let location = Location {
            line: line + 1,
            column,
        };
        self.last.set((offset, location));
        location
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                locator.location(offset),
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
            let at = locator.location(offset);
            assert_eq!(at.line, 1);
            assert!(at.column >= previous);
            previous = at.column;
        }
        assert_eq!(locator.location(text.len()).column, (1 << 20) + 1);
    }
}
