//! The event list (View > Event list, Ctrl+L): a table of the events under
//! the timeline — date, title, category, source — sortable by any column,
//! drawing only the rows in sight so that it stays instant at a million
//! events. Clicking a row selects its event; selecting an event elsewhere
//! scrolls the list to it. Sorting by title or source reads every event: on
//! large files that runs on its own thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use egui::{Align, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::Command;
use super::job::{self, Job, Poll, Started};
use crate::model::{Document, EventRef};

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
    /// Event indices in the order shown, when not by date (none while
    /// they are being sorted).
    order: Option<Vec<usize>>,
    /// For each event, its row in `order`.
    row_of: Option<Vec<usize>>,
    /// Changes whenever the rows change order, so the list scrolls to the
    /// selection again; unique among all lists ever made.
    arrangement: u64,
}

/// The next [`EventList::arrangement`].
fn next_arrangement() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Default for EventList {
    fn default() -> Self {
        Self {
            sort: SortBy::Date,
            ascending: true,
            order: None,
            row_of: None,
            arrangement: next_arrangement(),
        }
    }
}

/// A sort of the list on its own thread (by title or source, in a large
/// document).
pub struct Sorting(Job<Vec<usize>>);

impl Sorting {
    /// The order, once sorted (none when the sort failed).
    #[must_use]
    pub fn poll(&self) -> Option<Option<Vec<usize>>> {
        match self.0.poll() {
            Poll::Running => None,
            Poll::Done(order) => Some(Some(order)),
            Poll::Died => Some(None),
        }
    }

    /// "sorting by title".
    #[must_use]
    pub fn label(&self) -> &str {
        self.0.label()
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
                doc.event_lanes()
                    .get(i)
                    .and_then(|&l| doc.lanes().get(l))
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
    /// Sorts by `by`; the same column again reverses the order. True when
    /// the order must be made again ([`Self::resort`]).
    pub fn sort_by(&mut self, by: SortBy) -> bool {
        self.arrangement = next_arrangement(); // scroll to the selection in the new order
        if by == self.sort {
            self.ascending = !self.ascending;
            return false;
        }
        self.sort = by;
        self.ascending = true;
        true
    }

    /// Makes the order again for `doc` (a new or changed document, or
    /// another column): at once, or by the sort returned, whose answer goes
    /// to [`Self::set_order`].
    #[must_use]
    pub fn resort(&mut self, wake: &egui::Context, doc: Option<&Arc<Document>>) -> Option<Sorting> {
        self.order = None;
        self.row_of = None;
        let doc = doc?;
        let by = self.sort;
        if by == SortBy::Date {
            return None;
        }
        let label = format!("sorting by {}", by.name().to_lowercase());
        let (doc, total) = (Arc::clone(doc), doc.event_count());
        let quick = by == SortBy::Category;
        match job::read(wake, &label, total, quick, move |_| sorted(&doc, by)) {
            Started::Now(order) => {
                self.set_order(order);
                None
            }
            Started::Running(job) => Some(Sorting(job)),
        }
    }

    /// Shows the rows in `order` (event indices).
    pub fn set_order(&mut self, order: Vec<usize>) {
        let mut row_of = vec![0; order.len()];
        for (row, &i) in order.iter().enumerate() {
            if let Some(r) = row_of.get_mut(i) {
                *r = row;
            }
        }
        self.order = Some(order);
        self.row_of = Some(row_of);
        self.arrangement = next_arrangement();
    }

    /// The event shown in row `row` of `n`.
    fn event_at(&self, row: usize, n: usize) -> usize {
        let at = if self.ascending {
            row
        } else {
            n.saturating_sub(1).saturating_sub(row)
        };
        match &self.order {
            Some(order) => order.get(at).copied().unwrap_or(at),
            None => at,
        }
    }

    /// The row showing event `i` of `n`.
    fn row_of(&self, i: usize, n: usize) -> usize {
        let at = match &self.row_of {
            Some(row_of) => row_of.get(i).copied().unwrap_or(i),
            None => i,
        };
        if self.ascending {
            at
        } else {
            n.saturating_sub(1).saturating_sub(at)
        }
    }
}

/// How the list is drawn besides its rows: the selected event, the
/// heading of its third column (the events' lanes: "Category", or the
/// field the lanes are by), and the sort running on its own thread.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    pub selected: Option<usize>,
    pub lanes_by: &'a str,
    /// What the running sort does ("sorting by title").
    pub sorting: Option<&'a str>,
}

/// Draws the list of `doc`'s events.
pub fn show(
    ui: &mut Ui,
    list: &EventList,
    doc: &Document,
    shown: Shown<'_>,
    out: &mut Vec<Command>,
) {
    let Shown {
        selected,
        lanes_by,
        sorting,
    } = shown;
    let n = doc.event_count();
    ui.horizontal(|ui| {
        ui.strong("Events");
        ui.weak(crate::formats::common::plural(n, "event", "events"));
        if let Some(sorting) = sorting {
            ui.spinner();
            ui.weak(format!("{sorting}…"));
        }
    });
    let scroll_to = scroll_target(ui, list, selected, n);
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
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, Some(Align::Center));
    }
    table
        .header(row_height + 2.0, |mut header| {
            for by in [
                SortBy::Date,
                SortBy::Title,
                SortBy::Category,
                SortBy::Source,
            ] {
                let name = match by {
                    SortBy::Category => lanes_by,
                    _ => by.name(),
                };
                header.col(|ui| header_cell(ui, list, (by, name), out));
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
                let lane = doc.event_lanes().get(i).and_then(|&l| doc.lanes().get(l));
                row.col(|ui| cell(ui, lane.cloned().unwrap_or_default()));
                row.col(|ui| cell(ui, source_name(doc, &event)));
                let response = row.response();
                if response.hovered() {
                    super::map_view::note_hovered(&response.ctx, i);
                }
                if response.clicked() {
                    out.push(Command::Select(Some(i)));
                }
            });
        });
}

/// The row to scroll to: the selection's, once each time it or the order
/// changes (remembered in egui's memory).
fn scroll_target(ui: &Ui, list: &EventList, selected: Option<usize>, n: usize) -> Option<usize> {
    let scrolled_id = ui.make_persistent_id("event_list_scrolled_to");
    let key = (selected, list.arrangement);
    if ui.data(|d| d.get_temp(scrolled_id)) == Some(key) {
        return None;
    }
    ui.data_mut(|d| d.insert_temp(scrolled_id, key));
    selected.filter(|&i| i < n).map(|i| list.row_of(i, n))
}

/// The heading of column `by`, called `name`: it sorts by the column, and
/// an arrow tells the order when the list is sorted by it.
fn header_cell(ui: &mut Ui, list: &EventList, (by, name): (SortBy, &str), out: &mut Vec<Command>) {
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

    /// Sorts `list` by `by` as the app does.
    fn sort(list: &mut EventList, ctx: &egui::Context, doc: &Arc<Document>, by: SortBy) {
        if list.sort_by(by) {
            assert!(
                list.resort(ctx, Some(doc)).is_none(),
                "small: sorted at once"
            );
        }
    }

    #[test]
    fn sorting_by_each_column_and_back() {
        let ctx = egui::Context::default();
        let doc = Arc::new(crate::example::load().unwrap());
        let n = doc.event_count();
        let mut list = EventList::default();
        assert!(list.resort(&ctx, Some(&doc)).is_none());
        assert_eq!(shown(&list, n), (0..n).collect::<Vec<_>>());
        sort(&mut list, &ctx, &doc, SortBy::Date);
        assert_eq!(shown(&list, n), (0..n).rev().collect::<Vec<_>>());
        sort(&mut list, &ctx, &doc, SortBy::Title);
        let titles: Vec<String> = shown(&list, n)
            .iter()
            .map(|&i| doc.event(i).unwrap().title.to_lowercase())
            .collect();
        let mut expected = titles.clone();
        expected.sort();
        assert_eq!(titles, expected);
        sort(&mut list, &ctx, &doc, SortBy::Category);
        assert_eq!(
            ids(&doc, &shown(&list, n))[..2],
            ["treaty".to_owned(), "arms-supplies".to_owned()]
        );
        // Each row knows its event and back.
        for row in 0..n {
            assert_eq!(list.row_of(list.event_at(row, n), n), row);
        }
        sort(&mut list, &ctx, &doc, SortBy::Category);
        for row in 0..n {
            assert_eq!(list.row_of(list.event_at(row, n), n), row);
        }
    }
}
