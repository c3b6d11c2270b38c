//! Reading event files into a [`Document`].
//!
//! One entry point, [`load_file`], for the app and the command line; each
//! format lives in its own module. Errors name the file, the line:column, the
//! field and what was expected. Nothing here touches the UI.

pub mod common;
mod error;
pub mod html;
pub mod native;
pub mod native_write;

pub use common::{DayMonthOrder, ImportOptions};
pub use error::LoadError;

use std::path::Path;

use crate::model::{Document, Location};

/// Reads the event file at `path`, in whatever supported format it is.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    load_file_with(path, &ImportOptions::default())
}

/// Reads the file at `path` as text (UTF-8, a byte order mark is kept for the
/// parser to skip).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            return Err(LoadError::Invalid {
                path: path.to_path_buf(),
                location: Location::of_offset(&valid, offset),
                field: String::new(),
                message: "the file is not valid UTF-8 text".into(),
            });
        }
    };
    Ok(text)
}

/// Reads the event file at `path` with the user's import choices.
pub fn load_file_with(path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    let text = read_text(path)?;
    let mut doc = parse(&text, path, options)?;
    doc.path = Some(path.to_path_buf());
    Ok(doc)
}

/// Reads `text`, the content of the file at `path` (which resolves relative
/// `text_file`s), detecting its format.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    let _ = options;
    let base = path.parent().unwrap_or(Path::new(""));
    native::parse(text, path, &|name: &str| {
        std::fs::read_to_string(base.join(name))
    })
}
