//! [`Command`]: everything a user can ask for, as a value. The UI modules
//! and the keyboard shortcuts only push commands; applying them
//! (`apply.rs`) is the one way the app's state changes in answer to the
//! user.

use std::path::PathBuf;

use super::editing::Passage;
use super::event_list::SortBy;
use super::prompt::Answer;
use super::settings::Theme;
use crate::facets::Facet;
use crate::formats::DayMonthOrder;
use crate::model::{Event, Source, Zone};
use crate::time_axis::TimeAxis;

/// Everything a user can ask for. UI code and keyboard shortcuts emit
/// these; [`super::ChronoscopeApp::apply`] applies them.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the file dialog and open what the user picks.
    OpenDialog,
    Open(PathBuf),
    /// Reread every open file from disk, keeping the view and selection.
    Reload,
    /// Reread one layer (its file changed on disk).
    ReloadLayer(usize),
    /// Stop loading file `n` of [`super::jobs::Jobs::loads`]; nothing changes.
    CancelLoad(usize),
    OpenExample,
    /// Show the save dialog and save what is shown as a native file.
    SaveAsDialog,
    SaveAs(PathBuf),
    /// Show the save dialog and export what is shown as a CSV table.
    ExportCsvDialog,
    ExportCsv(PathBuf),
    /// Show the save dialog and draw the timeline as a PNG picture (`png`)
    /// or an SVG drawing: the whole span (`whole`) or the window in view.
    ExportPictureDialog {
        whole: bool,
        png: bool,
    },
    /// Show the save dialog and draw the map as it is shown as a PNG
    /// picture (`true`) or an SVG drawing.
    ExportMapDialog(bool),
    /// Draw the map to the file: a PNG picture when its name ends in
    /// `.png`, else an SVG drawing.
    ExportMap(PathBuf, crate::map_svg::MapDrawing),
    /// Draw `[t0, t1]`, `width` points wide, to the file: a PNG picture
    /// when its name ends in `.png`, else an SVG drawing.
    ExportPicture {
        path: PathBuf,
        t0: f64,
        t1: f64,
        width: f32,
    },
    CloseLayer(usize),
    SetLayerVisible(usize, bool),
    /// Read the import dialog's column `field` (start, title…) from
    /// `column`, or from none.
    SetImportColumn {
        field: String,
        column: Option<String>,
    },
    /// Read the import dialog's numeric dates in this order.
    SetImportDateOrder(DayMonthOrder),
    /// Read this sheet of the spreadsheet in the import dialog.
    SetImportSheet(String),
    /// Import the spreadsheet in the import dialog with the choices made there.
    ConfirmImport,
    CancelImport,
    /// Select an event by index, or clear the selection.
    Select(Option<usize>),
    /// Select the next (+1) or previous (-1) event in time.
    SelectStep(i32),
    /// Select the first or last event in time and show it.
    SelectFirst,
    SelectLast,
    /// Replace the view (pan and zoom from the timeline).
    SetView(TimeAxis),
    FitAll,
    /// Zoom around the centre of the timeline; above 1 zooms in.
    Zoom(f64),
    /// Show the time range `[t0, t1]` (e.g. clicking a cluster).
    ZoomToRange(f64, f64),
    SetTheme(Theme),
    /// Forget the recent files (File > Open recent).
    ClearRecent,
    ShowShortcuts(bool),
    ShowAbout(bool),
    DismissError(usize),
    /// Show the selected event's evidence item `n` (its quote and source).
    ShowEvidence(usize),
    /// Put the selected event's citation (the evidence shown) on the clipboard.
    CopyCitation,
    /// Show or hide the event list.
    ToggleEventList,
    /// Show or hide the map (View > Map).
    ToggleMap,
    /// Look at the map from here.
    MapView(chronoscope_geo::MapView),
    /// Fit the map to the places in view.
    MapFit,
    /// Start or stop moving the timeline's window forward (Play).
    MapPlay(bool),
    /// Play's speed: seconds of the clock for one window width.
    MapSpeed(f64),
    /// Show or hide the filter panel.
    ToggleFilters,
    /// Show (`true`) or hide a category's events.
    ShowCategory(String, bool),
    /// Show (`true`) or hide the events with these values of a facet (tags,
    /// sources).
    ShowValues(Facet, Vec<String>, bool),
    /// Group the events into lanes by this field.
    GroupBy(Facet),
    /// Collapse an expanded lane (by name), or expand a collapsed one.
    ToggleLane(String),
    /// Collapse (`true`) or expand every lane.
    CollapseAllLanes(bool),
    /// Show times of day in this zone.
    SetZone(Zone),
    /// Show only events overlapping these dates (as typed; blank: no limit).
    SetDateFilter(String, String),
    ClearFilters,
    /// Keep only the events placed in a box on the map (None: every place).
    FilterArea(Option<crate::places::Area>),
    /// Sort the event list by a column (again: the other way round).
    SortList(SortBy),
    /// Open the search bar and put the keyboard focus in it.
    OpenSearch,
    /// Search for this text (as it is typed).
    SetSearch(String),
    /// Select the next (+1) or previous (-1) event found.
    SearchStep(i32),
    CloseSearch,
    /// Close the window (asking first about unsaved edits).
    Quit,

    // Building a chronology: each edit is one step of the history.
    /// Start an empty chronology in place of what is open.
    NewChronology,
    /// Show the file dialog and add the text or page picked as a source.
    AddSourceDialog,
    /// Add a text (`.txt`, `.md`) or a page saved from a browser as a source.
    AddSource(PathBuf),
    /// Add the text on the clipboard as a source.
    PasteSource,
    /// Add this text as a source (what pasting gives).
    AddSourceText(String),
    /// Show source `n` of the shown document in the source panel, when no
    /// event is selected (`None`: the chronology's overview).
    ShowSource(Option<usize>),
    /// Put these properties in place of source `n`'s.
    EditSource(usize, Box<Source>),
    /// The passage selected in the source panel's text (or none).
    SelectPassage(Option<Passage>),
    /// Make an event of the selected passage.
    NewEventFromSelection,
    /// Make an event without a source at this time (the pointer's).
    NewEventAt(f64),
    /// Put `event` in place of event `n` of the shown document; the label
    /// names the change for Undo ("edit of", "move of").
    EditEvent {
        index: usize,
        event: Box<Event>,
        label: &'static str,
    },
    /// Give the event waiting for a date (made from a passage where no date
    /// was found) this one, which places it.
    PlacePending(Box<Event>),
    /// Forget the event waiting for a date.
    DiscardPending,
    /// Add the selected passage as another quote of the selected event.
    AddQuote,
    /// Take quote `n` out of the selected event's evidence.
    RemoveQuote(usize),
    DeleteSelected,
    DuplicateSelected,
    /// Open the editor on the selected event (`true`) or close it.
    OpenEditor(bool),
    Undo,
    Redo,
    /// Save the chronology being edited to its file (a new name for files
    /// of other formats and new chronologies).
    Save,
    /// Save layer `n`'s edits to this new file, which it then is.
    SaveLayerAs(usize, PathBuf),
    /// The answer to "Save changes?".
    Answer(Answer),
    /// Propose draft events from the dates in shown source `n`.
    DraftEvents(usize),
    /// Accept these drafts (all when none are named); `true`: then edit
    /// the (last) one.
    AcceptDrafts(Vec<usize>, bool),
    /// Reject these drafts (all when none are named).
    RejectDrafts(Vec<usize>),
    /// Propose draft events for every source added (`true`) or not.
    SetDraftNewSources(bool),
    /// Take back the edits kept from a session that ended without saving.
    RestoreAutosave,
    DiscardAutosave,
}

impl Command {
    /// Whether it is one of the map's commands (shown, view, Play, the
    /// area it filters by).
    #[must_use]
    pub fn is_map(&self) -> bool {
        matches!(
            self,
            Self::ToggleMap
                | Self::MapView(_)
                | Self::MapFit
                | Self::MapPlay(_)
                | Self::MapSpeed(_)
                | Self::FilterArea(_)
                | Self::ExportMapDialog(_)
                | Self::ExportMap(..)
        )
    }
}
