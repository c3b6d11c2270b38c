//! What the importers share: the options a user can give (column mapping,
//! day/month order), and helpers that build warnings and attach an imported
//! event's text to it as its source.

use crate::model::{Document, Event, Evidence, Location, Source, Warning};

/// How to read all-numeric dates such as `03/04/2024`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DayMonthOrder {
    /// Never guess: a date whose day and month could be swapped is a warning.
    #[default]
    Ask,
    /// `03/04/2024` is March 4 (US style).
    MonthFirst,
    /// `03/04/2024` is 3 April.
    DayFirst,
}

/// Choices the user makes when importing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Column overrides for CSV-like files: `(field, column)`, e.g.
    /// `("start", "launch_time")`, `("title", "missile_name")`. Fields:
    /// start, end, title, description, category, tags, source, url, id.
    pub mapping: Vec<(String, String)>,
    pub day_month_order: DayMonthOrder,
}

/// A warning about a row or element that could not be used, or a value that
/// was read in a way the user should know about.
#[must_use]
pub fn warning(
    line: usize,
    column: usize,
    field: impl Into<String>,
    message: impl Into<String>,
) -> Warning {
    Warning {
        location: Location { line, column },
        field: field.into(),
        message: message.into(),
        event: None,
    }
}

/// Makes `text` the evidence of `event`: a new source holding the text (the
/// description or notes of an imported event), cited as a whole.
///
/// Empty texts are ignored.
pub fn attach_text(
    doc: &mut Document,
    event: &mut Event,
    title: impl Into<String>,
    text: &str,
    url: Option<String>,
) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    doc.sources.push(Source {
        id: format!("{}#text", event.id),
        title: title.into(),
        publisher: None,
        url,
        published: None,
        text: text.to_owned(),
        text_file: None,
    });
    event.evidence.push(Evidence {
        source: doc.sources.len() - 1,
        quote: String::new(),
        note: None,
        location: None,
    });
}
