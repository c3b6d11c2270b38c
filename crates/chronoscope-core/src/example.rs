//! The bundled example: the news article Chronoscope started from, with its
//! events. Embedded in the binary so that `chronoscope` with no arguments
//! opens it from any working directory.

use std::path::Path;

use crate::formats::{LoadError, native};
use crate::model::Document;

/// The example's event file, as in `assets/`.
pub const EVENTS_JSON: &str = include_str!("../../../assets/nk-troops.json");
/// The article, verbatim: the example's source of record.
pub const ARTICLE_TEXT: &str = include_str!("../../../assets/nk-troops-article.txt");
/// The name of the article file that the event file refers to.
const ARTICLE_FILE: &str = "nk-troops-article.txt";
/// What the example is called in the title bar and status bar.
pub const NAME: &str = "nk-troops.json (example)";

/// Loads the bundled example.
pub fn load() -> Result<Document, LoadError> {
    let mut doc = native::parse(EVENTS_JSON, Path::new("assets/nk-troops.json"), &|name| {
        if name == ARTICLE_FILE {
            Ok(ARTICLE_TEXT.to_owned())
        } else {
            Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not bundled with the example",
            ))
        }
    })?;
    NAME.clone_into(&mut doc.name);
    Ok(doc)
}
