//! The located error every loader returns: which file, where in it, which
//! field, and what was expected.

use std::path::{Path, PathBuf};

use crate::model::Location;

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
    #[error("{}: loading was cancelled", path.display())]
    Cancelled { path: PathBuf },
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
            Self::Io { .. } | Self::Cancelled { .. } => None,
            Self::Invalid { location, .. } => Some(*location),
        }
    }

    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. } | Self::Invalid { path, .. } | Self::Cancelled { path } => path,
        }
    }
}
