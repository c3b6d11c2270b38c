//! The event list (View > Event list, Ctrl+L): a table of the events under
//! the timeline — date, title, category, source — sortable by any column,
//! drawing only the rows in sight so that it stays instant at a million
//! events. Clicking a row selects its event; selecting an event elsewhere
//! scrolls the list to it. Sorting by title or source reads every event: on
//! large files that runs on its own thread.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{Align, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::Command;
use crate::model::{Document, EventRef};

/// Documents with more events are sorted by title or source on a thread.
const SORT_NOW_MAX: usize = 20_000;

/// A column of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Date,
    Title,
    Category,
    Source,
}

impl SortBy {
    fn name(self) -> &'static str {
        match self {
            Self::Date => "Date",
            Self::Title => "Title",
            Self::Category => "Category",
            Self::Source => "Source",
        }
    }
}

/// The list's state, kept while it is shown.
pub struct EventList {
    pub sort: SortBy,
    pub ascending: bool,
    /// Event indices in the order shown, when not by date.
    order: Option<Vec<usize>>,
    /// For each event, its row in `order`.
    row_of: Option<Vec<usize>>,
    /// The events `order` was made for (it is remade for another document).
    sorted_doc: usize,
    job: Option<Receiver<Vec<usize>>>,
    /// The selection the list last scrolled to.
    shown_selection: Option<usize>,
}

impl Default for EventList {
    fn default() -> Self {
        Self {
            sort: SortBy::Date,
            ascending: true,
            order: None,
            row_of: None,
            sorted_doc: 0,
            job: None,
            shown_selection: None,
        }
    }
}

/// The name of the source an event's first evidence cites ("" if none).
fn source_name(doc: &Document, event: &EventRef<'_>) -> String {
    event
        .evidence
        .first()
        .and_then(|e| event.source(doc, e))
        .map(|s| s.title.clone())
        .unwrap_or_default()
}

/// Event indices sorted by `by` (by date where equal), ascending.
fn sorted(doc: &Document, by: SortBy) -> Vec<usize> {
    let n = doc.event_count();
    let mut order: Vec<usize> = (0..n).collect();
    match by {
        SortBy::Date => {}
        SortBy::Category => {
            let name = |i: usize| {
                doc.event_lane
                    .get(i)
                    .and_then(|&l| doc.lanes.get(l))
                    .map_or("", String::as_str)
            };
            order.sort_by(|&a, &b| name(a).cmp(name(b)));
        }
        SortBy::Title | SortBy::Source => {
            let keys: Vec<String> = (0..n)
                .map(|i| {
                    doc.event_uncached(i).map_or_else(String::new, |e| {
                        if by == SortBy::Title {
                            e.title.to_lowercase()
                        } else {
                            source_name(doc, &e).to_lowercase()
                        }
                    })
                })
                .collect();
            order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        }
    }
    order
}

impl EventList {
    /// Sorts by `by`; the same column again reverses the order.
    pub fn sort_by(&mut self, ctx: &egui::Context, doc: Option<&Arc<Document>>, by: SortBy) {
        if by == self.sort {
            self.ascending = !self.ascending;
        } else {
            self.sort = by;
            self.ascending = true;
            self.order = None;
            self.row_of = None;
            self.resort(ctx, doc);
        }
        self.shown_selection = None; // scroll to it in the new order
    }

    /// Makes the order again for `doc` (a new or changed document).
    pub fn resort(&mut self, ctx: &egui::Context, doc: Option<&Arc<Document>>) {
        self.job = None;
        self.order = None;
        self.row_of = None;
        let Some(doc) = doc else { return };
        self.sorted_doc = Arc::as_ptr(doc) as usize;
        if self.sort == SortBy::Date {
            return;
        }
        let by = self.sort;
        if self.sort == SortBy::Category || doc.event_count() <= SORT_NOW_MAX {
            self.set_order(sorted(doc, by));
            return;
        }
        let (tx, rx) = channel();
        let (doc, repaint) = (Arc::clone(doc), ctx.clone());
        std::thread::spawn(move || {
            // Nobody listens when another sort replaced this one.
            let _ = tx.send(sorted(&doc, by));
            repaint.request_repaint();
        });
        self.job = Some(rx);
    }

    fn set_order(&mut self, order: Vec<usize>) {
        let mut row_of = vec![0; order.len()];
        for (row, &i) in order.iter().enumerate() {
            row_of[i] = row;
        }
        self.order = Some(order);
        self.row_of = Some(row_of);
        self.shown_selection = None;
    }

    /// Takes a finished sort; true while one runs.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.job else { return false };
        match rx.try_recv() {
            Ok(order) => {
                self.job = None;
                self.set_order(order);
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => {
                self.job = None;
                false
            }
        }
    }

    /// Whether a sort runs on its own thread.
    #[must_use]
    pub fn is_sorting(&self) -> bool {
        self.job.is_some()
    }

    /// The event shown in row `row` of `n`.
    fn event_at(&self, row: usize, n: usize) -> usize {
        let at = if self.ascending {
            row
        } else {
            n.saturating_sub(1).saturating_sub(row)
        };
        match &self.order {
            Some(order) if !self.is_sorting() => order.get(at).copied().unwrap_or(at),
            _ => at,
        }
    }

    /// The row showing event `i` of `n`.
    fn row_of(&self, i: usize, n: usize) -> usize {
        let at = match &self.row_of {
            Some(row_of) if !self.is_sorting() => row_of.get(i).copied().unwrap_or(i),
            _ => i,
        };
        if self.ascending {
            at
        } else {
            n.saturating_sub(1).saturating_sub(at)
        }
    }
}

/// Draws the list of `doc`'s events into `ui`.
/// Draws the list of `doc`'s events; its third column is the events'
/// lanes, headed `lanes_by` ("Category", or the field the lanes are by).
pub fn show(
    ui: &mut Ui,
    list: &mut EventList,
    doc: &Arc<Document>,
    (selected, lanes_by): (Option<usize>, &str),
    out: &mut Vec<Command>,
) {
    let n = doc.event_count();
    if list.sorted_doc != Arc::as_ptr(doc) as usize {
        list.resort(ui.ctx(), Some(doc));
    }
    ui.horizontal(|ui| {
        ui.strong("Events");
        ui.weak(crate::formats::common::plural(n, "event", "events"));
        if list.is_sorting() {
            ui.spinner();
            ui.weak(format!("sorting by {}…", list.sort.name().to_lowercase()));
        }
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut table = TableBuilder::new(ui)
        .id_salt("event_list")
        .striped(true)
        .sense(Sense::click())
        .resizable(true)
        .column(Column::exact(150.0))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::initial(170.0).at_least(80.0).clip(true))
        .column(Column::initial(220.0).at_least(80.0).clip(true))
        .auto_shrink(false)
        .min_scrolled_height(0.0);
    if selected != list.shown_selection {
        if let Some(i) = selected.filter(|&i| i < n) {
            table = table.scroll_to_row(list.row_of(i, n), Some(Align::Center));
        }
        list.shown_selection = selected;
    }
    table
        .header(row_height + 2.0, |mut header| {
            for by in [
                SortBy::Date,
                SortBy::Title,
                SortBy::Category,
                SortBy::Source,
            ] {
                header.col(|ui| {
                    let name = match by {
                        SortBy::Category => lanes_by,
                        _ => by.name(),
                    };
                    let sorted = (list.sort == by).then_some(list.ascending);
                    let hover = match sorted {
                        None => format!("Sort by {}", name.to_lowercase()),
                        Some(true) => "Sorted ascending; click to reverse".to_owned(),
                        Some(false) => "Sorted descending; click to reverse".to_owned(),
                    };
                    if ui
                        .add(egui::Button::new(name).frame(false))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        out.push(Command::SortList(by));
                    }
                    if let Some(ascending) = sorted {
                        sort_arrow(ui, ascending);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, n, |mut row| {
                let i = list.event_at(row.index(), n);
                let Some(event) = doc.event(i) else { return };
                row.set_selected(selected == Some(i));
                // Cells do not take clicks: the row does.
                let cell = |ui: &mut Ui, text: String| {
                    ui.add(egui::Label::new(text).selectable(false).truncate());
                };
                row.col(|ui| cell(ui, event.date_text()));
                row.col(|ui| cell(ui, event.display_title()));
                // The lane: the category, or the value the lanes are by.
                let lane = doc.event_lane.get(i).and_then(|&l| doc.lanes.get(l));
                row.col(|ui| cell(ui, lane.cloned().unwrap_or_default()));
                row.col(|ui| cell(ui, source_name(doc, &event)));
                if row.response().clicked() {
                    out.push(Command::Select(Some(i)));
                }
            });
        });
}

/// A small triangle after a header: pointing up when ascending.
fn sort_arrow(ui: &mut Ui, ascending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    let c = rect.center();
    let (tip, base) = if ascending { (-3.5, 3.0) } else { (3.5, -3.0) };
    ui.painter().add(egui::Shape::convex_polygon(
        vec![
            egui::pos2(c.x, c.y + tip),
            egui::pos2(c.x + 4.0, c.y + base),
            egui::pos2(c.x - 4.0, c.y + base),
        ],
        ui.visuals().strong_text_color(),
        egui::Stroke::NONE,
    ));
}

/// Orders events for the tests below by `by`, as [`EventList`] shows them.
#[cfg(test)]
fn shown(list: &EventList, n: usize) -> Vec<usize> {
    (0..n).map(|row| list.event_at(row, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(doc: &Document, order: &[usize]) -> Vec<String> {
        order
            .iter()
            .map(|&i| doc.event(i).unwrap().id.clone())
            .collect()
    }

    #[test]
    fn sorting_by_each_column_and_back() {
        let ctx = egui::Context::default();
        let doc = Arc::new(crate::example::load().unwrap());
        let n = doc.event_count();
        let mut list = EventList::default();
        list.resort(&ctx, Some(&doc));
        assert_eq!(shown(&list, n), (0..n).collect::<Vec<_>>());
        list.sort_by(&ctx, Some(&doc), SortBy::Date);
        assert_eq!(shown(&list, n), (0..n).rev().collect::<Vec<_>>());
        list.sort_by(&ctx, Some(&doc), SortBy::Title);
        let titles: Vec<String> = shown(&list, n)
            .iter()
            .map(|&i| doc.event(i).unwrap().title.to_lowercase())
            .collect();
        let mut expected = titles.clone();
        expected.sort();
        assert_eq!(titles, expected);
        list.sort_by(&ctx, Some(&doc), SortBy::Category);
        assert_eq!(
            ids(&doc, &shown(&list, n))[..2],
            ["treaty".to_owned(), "arms-supplies".to_owned()]
        );
        // Each row knows its event and back.
        for row in 0..n {
            assert_eq!(list.row_of(list.event_at(row, n), n), row);
        }
        list.sort_by(&ctx, Some(&doc), SortBy::Category);
        for row in 0..n {
            assert_eq!(list.row_of(list.event_at(row, n), n), row);
        }
    }
}
