//! The names columns are known by: each header trimmed, a blank one named
//! after its position (`column 3`) and a repeated one numbered (`name (2)`),
//! so that every column has a name of its own for mappings, attributes and
//! warnings.
//!
//! A header may repeat one name thousands of times (exports that pad their
//! columns): the names taken are hashed and each name remembers the last
//! number it was given, so naming costs time in proportion to the header,
//! not to its square.

use rustc_hash::{FxHashMap, FxHashSet};

/// Header names, trimmed, with blanks named `column N` (N counting columns
/// from 1) and repeats `name (2)`, `name (3)`, …: the smallest number whose
/// name is not taken by an earlier column.
pub(super) fn unique_headers<'h>(cells: impl Iterator<Item = &'h str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(cells.size_hint().0);
    let mut taken: FxHashSet<String> = FxHashSet::default();
    // For a name given to an earlier column: the number its next repeat
    // tries first. Every smaller number's name is taken already.
    let mut next: FxHashMap<String, usize> = FxHashMap::default();
    for (i, h) in cells.enumerate() {
        let base = match h.trim() {
            "" => format!("column {}", i + 1),
            h => h.to_owned(),
        };
        let name = if taken.contains(&base) {
            let n = next.entry(base.clone()).or_insert(2);
            let mut name = format!("{base} ({n})");
            while taken.contains(&name) {
                *n += 1;
                name = format!("{base} ({n})");
            }
            *n += 1;
            name
        } else {
            base
        };
        taken.insert(name.clone());
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::finishes_within;
    use super::*;

    fn named(cells: &[&str]) -> Vec<String> {
        unique_headers(cells.iter().copied())
    }

    #[test]
    fn blanks_are_numbered_by_position_and_repeats_by_count() {
        assert_eq!(
            named(&[" a ", "a", "", "a (2)", "a", "column 3", "b"]),
            [
                "a",
                "a (2)",
                "column 3",
                "a (2) (2)",
                "a (3)",
                "column 3 (2)",
                "b"
            ]
        );
        // A name written in the file is skipped by the numbering.
        assert_eq!(
            named(&["x (2)", "x", "x", "x"]),
            ["x (2)", "x", "x (3)", "x (4)"]
        );
    }

    #[test]
    fn regression_thousands_of_repeated_headers_take_minutes() {
        // 8,000 repeats took minutes: each tried every number from 2 up,
        // searching all the names so far for each.
        let cells: Vec<String> = (0..40_000)
            .map(|i| {
                if i % 5 == 4 {
                    format!("x ({})", i / 5 + 2)
                } else {
                    "x".to_owned()
                }
            })
            .collect();
        let names = finishes_within(10, move || unique_headers(cells.iter().map(String::as_str)));
        assert_eq!(names.len(), 40_000);
        let distinct: FxHashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len(), "every name is its own");
        assert_eq!(names[..3], ["x", "x (2)", "x (3)"]);
    }
}
