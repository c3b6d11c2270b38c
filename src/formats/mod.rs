//! Reading event files into a [`Document`].
//!
//! One entry point, [`load_file`], for the app and the command line; each
//! format lives in its own module. Errors name the file, the line:column, the
//! field and what was expected. Nothing here touches the UI.

pub mod native;

use std::path::{Path, PathBuf};

use crate::model::{Document, Location};

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{location}: {}{message}", path.display(), field_prefix(field))]
    Invalid {
        path: PathBuf,
        location: Location,
        /// JSON path of the offending value (`events[2].start`), empty for the file itself.
        field: String,
        message: String,
    },
}

fn field_prefix(field: &str) -> String {
    if field.is_empty() {
        String::new()
    } else {
        format!("{field}: ")
    }
}

impl LoadError {
    /// Where in the file the problem is, when it is about the content.
    #[must_use]
    pub fn location(&self) -> Option<Location> {
        match self {
            Self::Io { .. } => None,
            Self::Invalid { location, .. } => Some(*location),
        }
    }

    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. } | Self::Invalid { path, .. } => path,
        }
    }
}

/// Reads the event file at `path`.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
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
    let base = path.parent().unwrap_or(Path::new(""));
    let mut doc = native::parse(&text, path, &|name: &str| {
        std::fs::read_to_string(base.join(name))
    })?;
    doc.path = Some(path.to_path_buf());
    Ok(doc)
}
