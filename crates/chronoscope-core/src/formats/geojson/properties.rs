//! Which of a GeoJSON feature's properties feeds which of the event's
//! fields: the names each field is recognised by (the same kinds of names
//! the CSV importer knows its columns by), and the user's mapping (the
//! import dialog, `--map`) that overrides them.
//!
//! Why here: GeoJSON says nothing about time, so a feature's date is
//! whatever property its writer named so. One place decides, and the
//! importer, the import dialog's question (does any feature have a date?)
//! and the notes follow that decision.

use std::collections::HashMap;

use serde_json::value::RawValue;

use crate::formats::ImportOptions;
use crate::formats::json::cell_text;

/// Properties that hold the start, the first found with a value winning
/// (any case, spaces and dashes read as `_`).
pub const START_NAMES: [&str; 7] = [
    "date",
    "start",
    "start_date",
    "event_date",
    "time",
    "datetime",
    "timestamp",
];
pub const END_NAMES: [&str; 4] = ["end", "end_date", "date_end", "until"];
pub const TITLE_NAMES: [&str; 6] = ["title", "name", "headline", "label", "event", "event_name"];
pub const DESCRIPTION_NAMES: [&str; 10] = [
    "description",
    "desc",
    "notes",
    "note",
    "text",
    "summary",
    "details",
    "body",
    "comment",
    "comments",
];
pub const CATEGORY_NAMES: [&str; 5] = ["category", "type", "group", "event_type", "kind"];
pub const TAG_NAMES: [&str; 3] = ["tags", "tag", "keywords"];
pub const URL_NAMES: [&str; 5] = ["url", "link", "href", "source_url", "website"];
/// Kept as attributes; their URLs also become links.
pub const SOURCE_NAMES: [&str; 2] = ["sources", "source"];
/// Used when the feature has no `id` of its own.
pub const ID_NAMES: [&str; 3] = ["id", "uid", "event_id"];
/// Kept as attributes; the first also names the place.
pub const PLACE_NAMES: [&str; 3] = ["location", "place", "place_name"];

/// Lower case, trimmed, with spaces and dashes as `_`.
#[must_use]
pub fn normalise(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// One property: its name as written and its value, unread.
#[derive(Clone, Copy, Debug)]
pub struct Property<'a> {
    /// Its place among the feature's properties.
    pub index: usize,
    pub name: &'a str,
    pub raw: &'a RawValue,
}

impl Property<'_> {
    /// Its value as text (see [`cell_text`]), trimmed; `None` when empty.
    #[must_use]
    pub fn text(&self) -> Option<String> {
        let text = cell_text(self.raw);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            None
        } else if trimmed.len() == text.len() {
            Some(text)
        } else {
            Some(trimmed.to_owned())
        }
    }
}

/// A feature's properties, in the order written, found by name.
pub struct Properties<'a> {
    members: Vec<(String, &'a RawValue)>,
    /// The first property of each normalised name.
    by_name: HashMap<String, usize>,
}

impl<'a> Properties<'a> {
    /// The properties `members` (name and value, in order).
    #[must_use]
    pub fn new(members: Vec<(String, &'a RawValue)>) -> Self {
        let mut by_name = HashMap::with_capacity(members.len());
        for (i, (name, _)) in members.iter().enumerate() {
            by_name.entry(normalise(name)).or_insert(i);
        }
        Self { members, by_name }
    }

    /// Every property, in order.
    pub fn iter(&self) -> impl Iterator<Item = Property<'_>> {
        self.members
            .iter()
            .enumerate()
            .map(|(index, (name, raw))| Property { index, name, raw })
    }

    /// The property `index`.
    #[must_use]
    pub fn get(&self, index: usize) -> Option<Property<'_>> {
        self.members
            .get(index)
            .map(|(name, raw)| Property { index, name, raw })
    }

    /// The property called `name` (any case, spaces and dashes as `_`).
    #[must_use]
    pub fn named(&self, name: &str) -> Option<Property<'_>> {
        self.get(*self.by_name.get(&normalise(name))?)
    }

    /// The property feeding `field`: the one the user mapped to it (none
    /// when mapped to nothing), else the first of `names` with a value.
    #[must_use]
    pub fn find(
        &self,
        field: &str,
        names: &[&str],
        options: &ImportOptions,
    ) -> Option<Property<'_>> {
        if let Some(chosen) = mapped(options, field) {
            let exact = self.iter().find(|p| p.name == chosen);
            return exact
                .or_else(|| self.named(chosen))
                .filter(|p| p.text().is_some());
        }
        names
            .iter()
            .filter_map(|n| self.named(n))
            .find(|p| p.text().is_some())
    }

    /// Whether a property of `names` has a value (or the one mapped to
    /// `field`, when the user chose one).
    #[must_use]
    pub fn has(&self, field: &str, names: &[&str], options: &ImportOptions) -> bool {
        self.find(field, names, options).is_some()
    }
}

/// The property the user mapped to `field` (`Some("")`: none).
#[must_use]
pub fn mapped<'o>(options: &'o ImportOptions, field: &str) -> Option<&'o str> {
    options
        .mapping
        .iter()
        .find(|(f, _)| f == field)
        .map(|(_, column)| column.trim())
}

/// The name of the property holding the time of day of a date in `date`:
/// `time` for `date`, `start_time` for `start_date`, `end_time` for
/// `end_date`, as the CSV importer pairs its columns.
#[must_use]
pub fn time_partner(date: &str) -> Option<String> {
    let date = normalise(date);
    if date == "date" {
        Some("time".to_owned())
    } else {
        date.strip_suffix("_date")
            .map(|head| format!("{head}_time"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn properties(json: &str) -> Vec<(String, Box<RawValue>)> {
        let members: Vec<(String, Box<RawValue>)> =
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json)
                .unwrap()
                .into_iter()
                .map(|(k, v)| (k, serde_json::value::to_raw_value(&v).unwrap()))
                .collect();
        members
    }

    #[test]
    fn names_are_found_in_any_case_and_the_first_with_a_value_wins() {
        let owned = properties(
            r#"{"Date": "", "Start-Date": "2024-06-19", "TIME": "14:30", "title": "A"}"#,
        );
        let props = Properties::new(owned.iter().map(|(k, v)| (k.clone(), &**v)).collect());
        let options = ImportOptions::default();
        let start = props.find("start", &START_NAMES, &options).unwrap();
        assert_eq!(start.name, "Start-Date");
        assert_eq!(start.text().as_deref(), Some("2024-06-19"));
        assert_eq!(time_partner(start.name).as_deref(), Some("start_time"));
        assert_eq!(time_partner("date").as_deref(), Some("time"));
        assert_eq!(time_partner("start"), None);
        // The user's choice wins, and "" chooses none.
        let chosen = ImportOptions {
            mapping: vec![
                ("start".into(), "TIME".into()),
                ("title".into(), String::new()),
            ],
            ..ImportOptions::default()
        };
        assert_eq!(
            props.find("start", &START_NAMES, &chosen).unwrap().name,
            "TIME"
        );
        assert!(props.find("title", &TITLE_NAMES, &chosen).is_none());
        assert!(props.has("title", &TITLE_NAMES, &options));
    }
}
