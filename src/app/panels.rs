//! Which panels and windows are open and what they hold: the filter
//! panel, the event list, the search bar, the spreadsheet import dialog
//! (and the spreadsheets waiting for it), the shortcut and about windows,
//! and the failures shown above the timeline until dismissed.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use super::editing::Pending;
use super::event_list::EventList;
use super::import_dialog::{ImportDialog, TableFile};
use super::prompt::Prompt;
use super::search_bar::Search;
use crate::formats::ImportOptions;

/// A failed load or save, as the user sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    pub path: PathBuf,
    pub message: String,
    /// Whether it was writing the file that failed, not reading it.
    pub saving: bool,
}

/// The panels and windows besides the timeline and the source panel.
// Each window or panel is open or not, on its own: flags, not a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Default)]
pub struct Panels {
    /// Help > Keyboard shortcuts.
    pub shortcuts: bool,
    /// Help > About.
    pub about: bool,
    /// The filter panel (Ctrl+Shift+F).
    pub filters: bool,
    /// The event list under the timeline, while shown (Ctrl+L).
    pub event_list: Option<EventList>,
    /// The map beside the timeline, while shown (Ctrl+M).
    pub map: Option<super::map_view::MapPanel>,
    /// The search bar, while open (Ctrl+F).
    pub search: Option<Search>,
    /// The spreadsheet being imported.
    pub import: Option<ImportDialog>,
    /// Tables waiting for the import dialog: path and content.
    waiting: VecDeque<(PathBuf, TableFile)>,
    /// Loads and saves that failed, newest last, until dismissed.
    pub failures: Vec<LoadFailure>,
    /// The editor is open on the selected event (or the pending one).
    pub editor: bool,
    /// Asks the editor to put the keyboard focus in its title: once for
    /// each number (the editor remembers the last it served).
    pub focus_title: u64,
    /// The event made from a passage without a date, waiting for one.
    pub pending: Option<Pending>,
    /// "Save changes?" and what to do after the answer.
    pub prompt: Option<Prompt>,
    /// Edits kept from a session that ended without saving them, offered back.
    pub recovery: Option<Vec<super::autosave::Kept>>,
    /// The source whose properties are being edited (shown index).
    pub source_form: Option<usize>,
    /// The list of drafts is shown in the side panel.
    pub drafts_shown: bool,
}

impl Panels {
    /// Shows that reading (or, `saving`, writing) `path` failed, in place
    /// of an earlier failure of the same file.
    pub fn fail(&mut self, path: &Path, message: String, saving: bool) {
        if !saving {
            self.forget_failure(path);
        }
        self.failures.push(LoadFailure {
            path: path.to_path_buf(),
            message,
            saving,
        });
    }

    /// Forgets that `path` failed (it has been read since).
    pub fn forget_failure(&mut self, path: &Path) {
        self.failures.retain(|f| f.path != path);
    }

    /// Hides failure `i`.
    pub fn dismiss(&mut self, i: usize) {
        if i < self.failures.len() {
            self.failures.remove(i);
        }
    }

    /// Asks how to import the spreadsheet `path` (whose text is `text`),
    /// after the ones already waiting.
    pub fn ask_import(&mut self, path: PathBuf, file: TableFile) {
        self.waiting.push_back((path, file));
        self.next_import();
    }

    /// Closes the import dialog, and opens it for the next spreadsheet
    /// waiting; the closed one.
    pub fn close_import(&mut self) -> Option<ImportDialog> {
        let closed = self.import.take();
        self.next_import();
        closed
    }

    fn next_import(&mut self) {
        if self.import.is_none()
            && let Some((path, file)) = self.waiting.pop_front()
        {
            self.import = Some(ImportDialog::new(path, file, ImportOptions::default()));
        }
    }
}
