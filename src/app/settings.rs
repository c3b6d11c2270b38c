//! What persists across runs: recent files, the colour theme and the zone
//! times of day are shown in (the window's size is persisted by eframe
//! itself).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent files the File menu remembers.
const MAX_RECENT: usize = 10;

/// The colour theme the user chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    /// The theme as egui takes it.
    #[must_use]
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
            Self::System => egui::ThemePreference::System,
        }
    }
}

/// What persists across runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened files, most recent first.
    pub recent: Vec<PathBuf>,
    pub theme: Theme,
    /// The zone times of day are shown in.
    pub zone: crate::model::Zone,
    /// Propose draft events for every source added.
    #[serde(default)]
    pub draft_new_sources: bool,
}

impl Settings {
    /// Puts `path` first among the recent files.
    pub fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_most_recent_first_without_repeats() {
        let mut settings = Settings::default();
        for i in 0..12 {
            settings.remember_recent(Path::new(&format!("/nonexistent/{i}.json")));
        }
        settings.remember_recent(Path::new("/nonexistent/5.json"));
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.recent[0], Path::new("/nonexistent/5.json"));
        assert_eq!(settings.recent[1], Path::new("/nonexistent/11.json"));
    }
}
