//! Where each event goes on screen, computed before anything is painted.
//!
//! Given a document, a time axis and the lane geometry, [`layout`] produces a
//! list of [`RenderItem`]s: markers, imprecise spans, bars and clusters, each
//! with its row in its lane and its label already placed and truncated. The
//! rules that keep the timeline readable live here, apart from egui, so they
//! can be tested: items in one row never overlap; labels never overlap
//! anything (they are truncated, or hidden when there is no room, and come
//! back as the user zooms in); events too close to tell apart are stacked in
//! rows, and past the lane's row limit merged into a cluster that shows its
//! count. No event is ever dropped from a visible range.

use crate::model::index::TierSet;
use crate::model::{Document, Extent};
use crate::time_axis::TimeAxis;

/// Lane colours by position, chosen to be told apart on light and dark
/// backgrounds (a file's own category colours come first).
pub const LANE_RGB: [[u8; 3]; 8] = [
    [31, 119, 180],
    [214, 39, 40],
    [44, 160, 44],
    [255, 127, 14],
    [148, 103, 189],
    [140, 86, 75],
    [227, 119, 194],
    [23, 190, 207],
];

/// Geometry of the timeline area, in screen points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutParams {
    /// Left and right edges of the event area.
    pub left: f32,
    pub right: f32,
    /// Top of the first lane.
    pub top: f32,
    /// Height of a lane's title strip, above its rows.
    pub lane_header: f32,
    pub row_height: f32,
    /// Space below each lane.
    pub lane_gap: f32,
    /// Rows a lane may grow to before close events are clustered.
    pub max_rows: usize,
    /// Half the width of a point marker.
    pub marker_half: f32,
    /// Space between a marker and its label, and between neighbours.
    pub gap: f32,
    /// The narrowest label worth showing; narrower room hides the label.
    pub min_label: f32,
    /// Average width of a label character, for estimating label widths.
    pub char_width: f32,
    /// Most events a lane lays out one by one; past that, or past one event
    /// per eight points of width, the lane shows counts per column instead.
    pub detail_limit: usize,
    /// Width of a density column when counting, in points.
    pub column_width: f32,
    /// Width of the time buckets whose counts are labelled, in points.
    pub bucket_width: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        Self {
            left: 0.0,
            right: 1000.0,
            top: 0.0,
            lane_header: 18.0,
            row_height: 24.0,
            lane_gap: 6.0,
            max_rows: 4,
            marker_half: 6.0,
            gap: 6.0,
            min_label: 28.0,
            char_width: 6.5,
            detail_limit: 2000,
            column_width: 2.0,
            bucket_width: 96.0,
        }
    }
}

/// How an event item is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A point in time or a single day: a marker.
    Marker,
    /// A period only because of its date's precision (a month, a year): soft span.
    Imprecise,
    /// An explicit start and end: a solid bar.
    Bar,
}

/// What an item stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Event {
        index: usize,
        shape: Shape,
    },
    /// Events too close to show apart at this zoom: indices, ascending, and
    /// the time they cover.
    Cluster {
        events: Vec<usize>,
        t0: f64,
        t1: f64,
    },
    /// A lane too dense to show events one by one: `count` events start in
    /// `[t0, t1)` (the first bucket in view also counts those still running).
    Aggregate {
        count: usize,
        t0: f64,
        t1: f64,
    },
}

/// A placed label: drawn from `x`, at most `width` wide.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub x: f32,
    pub width: f32,
    /// The text to draw, truncated with "…" when needed.
    pub text: String,
    /// Whether the text was shortened.
    pub truncated: bool,
}

/// One thing to paint.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderItem {
    pub kind: ItemKind,
    pub lane: usize,
    pub row: usize,
    /// Horizontal extent of the marker, bar or cluster.
    pub x0: f32,
    pub x1: f32,
    /// Vertical centre of the row.
    pub y: f32,
    pub label: Option<Label>,
}

impl RenderItem {
    /// Right edge of what the item occupies, label included.
    #[must_use]
    pub fn occupied_right(&self) -> f32 {
        self.label
            .as_ref()
            .map_or(self.x1, |l| self.x1.max(l.x + l.width))
    }

    /// Left edge of what the item occupies, label included.
    #[must_use]
    pub fn occupied_left(&self) -> f32 {
        self.label.as_ref().map_or(self.x0, |l| self.x0.min(l.x))
    }
}

/// A lane's vertical band.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneBox {
    pub name: String,
    pub top: f32,
    pub bottom: f32,
    pub rows: usize,
    /// Whether the lane shows counts per column rather than single events.
    pub aggregated: bool,
    /// Whether the lane is collapsed to its title strip (no rows).
    pub collapsed: bool,
    /// How many events the lane holds, in view or not.
    pub events: usize,
}

/// How many events each column of an aggregated lane holds, for a density
/// strip: one bar per non-empty column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Density {
    pub lane: usize,
    /// Vertical band of the strip.
    pub top: f32,
    pub bottom: f32,
    /// `(x0, x1, count)` of each non-empty column, left to right.
    pub columns: Vec<(f32, f32, u32)>,
    /// The largest count, for scaling the bars.
    pub max: u32,
}

/// The result of [`layout`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub lanes: Vec<LaneBox>,
    pub items: Vec<RenderItem>,
    /// Density strips of the aggregated lanes.
    pub density: Vec<Density>,
    /// Bottom of the last lane.
    pub bottom: f32,
}

impl Layout {
    /// The item that shows event `index` of `doc`: alone, in a cluster, or
    /// counted in an aggregate.
    #[must_use]
    pub fn item_of_event(&self, doc: &Document, index: usize) -> Option<&RenderItem> {
        self.items.iter().find(|item| item.shows(doc, index))
    }
}

impl RenderItem {
    /// Whether this item shows event `index` of `doc`: is it, holds it in a
    /// cluster, or counts it in an aggregate.
    #[must_use]
    pub fn shows(&self, doc: &Document, index: usize) -> bool {
        match &self.kind {
            ItemKind::Event { index: i, .. } => *i == index,
            ItemKind::Cluster { events, .. } => events.binary_search(&index).is_ok(),
            ItemKind::Aggregate { t0: a, t1: b, .. } => {
                doc.event_lanes().get(index) == Some(&self.lane)
                    && doc
                        .event_times()
                        .get(index)
                        .is_some_and(|&(t0, t1)| t0 < *b && t1 > *a)
            }
        }
    }
}

/// "1 event", "1,243 events".
#[must_use]
pub fn count_text(n: usize) -> String {
    crate::formats::common::plural_s(n, "event")
}

/// Screen positions far off-screen are clamped to this distance from the area,
/// so that f32 stays exact and nothing overflows.
const OFFSCREEN: f32 = 10_000.0;

/// Lays out the events of `doc` visible through `axis`.
///
/// `measure` gives the width of a label text in points. A lane with fewer
/// events in view than [`LayoutParams::detail_limit`] and than points of
/// width shows each event; a denser lane shows a density strip and the
/// number of events in each bucket of [`LayoutParams::bucket_width`]. Either
/// way the cost depends on what is in view, not on the document's size.
#[must_use]
pub fn layout(
    doc: &Document,
    axis: &TimeAxis,
    params: &LayoutParams,
    measure: &dyn Fn(&str) -> f32,
) -> Layout {
    layout_collapsed(doc, axis, params, &[], measure)
}

/// [`layout`], with the lanes `collapsed[lane]` says are collapsed shown as
/// their title strip alone: no rows, no items.
#[must_use]
pub fn layout_collapsed(
    doc: &Document,
    axis: &TimeAxis,
    params: &LayoutParams,
    collapsed: &[bool],
    measure: &dyn Fn(&str) -> f32,
) -> Layout {
    // Generous bounds: a marker near the edge is still partly visible.
    let slack = f64::from(params.marker_half) * axis.secs_per_px();
    let (view_t0, view_t1) = (axis.start() - slack, axis.end() + slack);
    let width = (params.right - params.left).max(1.0);
    // Past one event per few marker widths, single markers chain into
    // clusters that tell less than counts.
    #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)] // a positive width in points
    let detail_limit = params.detail_limit.min((width / 8.0) as usize);
    let mut out = Layout::default();
    let mut y = params.top;
    for lane in 0..doc.lanes().len() {
        let set = doc.index().lanes.get(lane);
        let events = set.map_or(0, TierSet::len);
        if collapsed.get(lane).copied().unwrap_or(false) {
            let bottom = y + params.lane_header;
            out.lanes.push(LaneBox {
                name: doc.lanes().get(lane).cloned().unwrap_or_default(),
                top: y,
                bottom,
                rows: 0,
                aggregated: false,
                collapsed: true,
                events,
            });
            y = bottom + params.lane_gap;
            continue;
        }
        let dense = set.is_some_and(|s| s.candidate_count(view_t0, view_t1) > detail_limit);
        let rows_top = y + params.lane_header;
        let row_count = if let (true, Some(set)) = (dense, set) {
            let rows = params.max_rows.clamp(1, 2);
            let bottom = rows_top + rows as f32 * params.row_height;
            aggregate_lane(
                doc,
                set,
                lane,
                axis,
                params,
                (rows_top, bottom),
                measure,
                &mut out,
            );
            rows
        } else {
            let events = set.map_or_else(Vec::new, |s| {
                s.overlapping(view_t0, view_t1, doc.event_times())
            });
            let placed = events
                .into_iter()
                .filter_map(|index| place_event(doc, index, axis, params))
                .collect();
            let rows = assign_rows(placed, params);
            let row_count = rows.iter().filter(|r| !r.is_empty()).count().max(1);
            for (row, items) in rows.into_iter().enumerate() {
                let row_y = rows_top + (row as f32 + 0.5) * params.row_height;
                out.items
                    .extend(place_labels(&items, lane, row, row_y, doc, params, measure));
            }
            row_count
        };
        let bottom = rows_top + row_count as f32 * params.row_height;
        out.lanes.push(LaneBox {
            name: doc.lanes().get(lane).cloned().unwrap_or_default(),
            top: y,
            bottom,
            rows: row_count,
            aggregated: dense,
            collapsed: false,
            events,
        });
        y = bottom + params.lane_gap;
    }
    out.bottom = y;
    out
}

/// Clamps a time's x to a band around the area, where f32 stays exact.
fn clamp_x(axis: &TimeAxis, params: &LayoutParams, t: f64) -> f32 {
    axis.x_of(t).clamp(
        f64::from(params.left - OFFSCREEN),
        f64::from(params.right + OFFSCREEN),
    ) as f32
}

/// Event `index` as an item to place in a row.
fn place_event(
    doc: &Document,
    index: usize,
    axis: &TimeAxis,
    params: &LayoutParams,
) -> Option<Placed> {
    let event = doc.event(index)?;
    let (t0, t1) = doc
        .event_times()
        .get(index)
        .copied()
        .unwrap_or_else(|| (event.t0(), event.t1()));
    let (mut x0, mut x1) = (clamp_x(axis, params, t0), clamp_x(axis, params, t1));
    let shape = match event.extent() {
        // A day (or minute) zoomed in wider than a few markers is shown as the
        // period it is, so it does not shrink to a point at its midday.
        Extent::Point if x1 - x0 >= 4.0 * params.marker_half => Shape::Imprecise,
        Extent::Point => Shape::Marker,
        Extent::Imprecise => Shape::Imprecise,
        Extent::Range => Shape::Bar,
    };
    if shape == Shape::Marker || x1 - x0 < 2.0 * params.marker_half {
        let mid = clamp_x(axis, params, t0 + (t1 - t0) / 2.0);
        x0 = mid - params.marker_half;
        x1 = mid + params.marker_half;
    }
    Some(Placed {
        kind: ItemKind::Event { index, shape },
        x0,
        x1,
        // An estimate: labels are measured exactly when placed.
        label_width: (event.title.chars().count() + 4) as f32 * params.char_width,
        row: 0,
    })
}

/// Lays out a dense lane: counts per column for the density strip, and per
/// bucket for labelled, clickable aggregates. Columns and buckets are
/// aligned to multiples of their duration, not to the screen, so panning
/// moves them without reshuffling counts.
#[allow(clippy::too_many_arguments)] // the pieces of one lane's layout
fn aggregate_lane(
    doc: &Document,
    set: &crate::model::index::TierSet,
    lane: usize,
    axis: &TimeAxis,
    params: &LayoutParams,
    (top, bottom): (f32, f32),
    measure: &dyn Fn(&str) -> f32,
    out: &mut Layout,
) {
    let column_secs = axis.secs_per_px() * f64::from(params.column_width.max(0.5));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a few hundred
    let per_bucket = (params.bucket_width / params.column_width.max(0.5))
        .round()
        .max(1.0) as i64;
    // Column numbers counted from the epoch, as floats: far times stay exact enough.
    let first = (axis.start() / column_secs).floor();
    let last = (axis.end() / column_secs).ceil();
    let first = first - (first.rem_euclid(per_bucket as f64)); // start at a bucket edge
    let columns = ((last - first).max(1.0) as usize).min(100_000);
    let edges: Vec<f64> = (0..=columns)
        .map(|i| (first + i as f64) * column_secs)
        .collect();
    let counts = set.column_counts(&edges, doc.event_times());
    // Counts above, bars below, when the lane has two rows.
    let strip_top = if bottom - top >= 2.0 * params.row_height - 0.5 {
        top + params.row_height
    } else {
        top
    };
    let mut density = Density {
        lane,
        top: strip_top,
        bottom,
        columns: Vec::new(),
        max: 0,
    };
    let row_y = top + params.row_height * 0.5;
    for (b, bucket) in counts.chunks(per_bucket as usize).enumerate() {
        let base = b * per_bucket as usize;
        let mut total = 0_usize;
        let mut span: Option<(f32, f32)> = None;
        for (i, &count) in bucket.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let x0 = clamp_x(axis, params, edges[base + i]);
            let x1 = clamp_x(axis, params, edges[base + i + 1]);
            density.columns.push((x0, x1, count));
            density.max = density.max.max(count);
            total += count as usize;
            span = Some(span.map_or((x0, x1), |(a, _)| (a, x1)));
        }
        let Some((x0, x1)) = span else { continue };
        let t0 = edges[base];
        let t1 = edges[(base + bucket.len()).min(columns)];
        let bucket_x0 = clamp_x(axis, params, edges[base]).max(params.left);
        let bucket_x1 = clamp_x(axis, params, t1).min(params.right);
        let room = bucket_x1 - bucket_x0 - params.gap;
        let long = count_text(total);
        let short = crate::calendar::group_thousands(i64::try_from(total).unwrap_or(i64::MAX));
        let label = [long, short].into_iter().find_map(|text| {
            let w = measure(&text);
            // Over the bucket's bars, kept inside the bucket.
            let x = (x0.midpoint(x1) - w / 2.0).clamp(bucket_x0, (bucket_x1 - w).max(bucket_x0));
            (w <= room).then_some(Label {
                x,
                width: w,
                text,
                truncated: false,
            })
        });
        out.items.push(RenderItem {
            kind: ItemKind::Aggregate {
                count: total,
                t0,
                t1,
            },
            lane,
            row: 0,
            x0: x0.max(params.left - 1.0),
            x1: x1.min(params.right + 1.0),
            y: row_y,
            label,
        });
    }
    out.density.push(density);
}

/// An item during row assignment.
#[derive(Clone, Debug)]
struct Placed {
    kind: ItemKind,
    x0: f32,
    x1: f32,
    /// Width the full label would take.
    label_width: f32,
    row: usize,
}

impl Placed {
    /// Right edge if its full label were drawn to its right.
    fn wanted_right(&self, gap: f32) -> f32 {
        self.x1 + gap + self.label_width
    }
}

/// Distributes a lane's items (in time order) over at most `max_rows` rows.
///
/// Each item goes to the first row where it fits with its whole label; else
/// to the row with the most room where at least its marker fits (its
/// neighbour's label will be shortened); else it joins a cluster.
fn assign_rows(items: Vec<Placed>, params: &LayoutParams) -> Vec<Vec<Placed>> {
    let max_rows = params.max_rows.max(1);
    let gap = params.gap;
    let mut rows: Vec<Vec<Placed>> = Vec::new();
    // Per row: right edge of the last item with its full label, and of its marker.
    let mut wanted_end: Vec<f32> = Vec::new();
    let mut marker_end: Vec<f32> = Vec::new();
    for mut item in items {
        let free =
            (0..max_rows).find(|&r| wanted_end.get(r).is_none_or(|&end| end + gap <= item.x0));
        let row = free.or_else(|| {
            (0..rows.len())
                .filter(|&r| marker_end[r] + gap <= item.x0)
                .min_by(|&a, &b| wanted_end[a].total_cmp(&wanted_end[b]))
        });
        if let Some(row) = row {
            if row == rows.len() {
                rows.push(Vec::new());
                wanted_end.push(f32::NEG_INFINITY);
                marker_end.push(f32::NEG_INFINITY);
            }
            item.row = row;
            wanted_end[row] = item.wanted_right(gap);
            marker_end[row] = item.x1;
            rows[row].push(item);
            continue;
        }
        // No room anywhere: merge into the row whose last item ends first.
        let Some(row) = (0..rows.len()).min_by(|&a, &b| marker_end[a].total_cmp(&marker_end[b]))
        else {
            continue; // unreachable: max_rows >= 1 means a free row existed
        };
        let Some(last) = rows[row].pop() else {
            continue;
        };
        let merged = merge(last, item);
        wanted_end[row] = merged.wanted_right(gap);
        marker_end[row] = merged.x1;
        rows[row].push(merged);
    }
    rows
}

/// Merges `item` into `last` as a cluster. Items come in time order, so
/// appending keeps the cluster's indices ascending; a growing cluster is
/// extended in place, never copied (a lane may hold a million events).
fn merge(last: Placed, item: Placed) -> Placed {
    let mut events = match last.kind {
        ItemKind::Cluster { events, .. } => events,
        ItemKind::Event { index, .. } => vec![index],
        ItemKind::Aggregate { .. } => Vec::new(), // never in rows
    };
    match item.kind {
        ItemKind::Cluster { events: more, .. } => events.extend(more),
        ItemKind::Event { index, .. } => events.push(index),
        ItemKind::Aggregate { .. } => {}
    }
    Placed {
        kind: ItemKind::Cluster {
            events,
            t0: 0.0,
            t1: 0.0,
        },
        x0: last.x0.min(item.x0),
        x1: last.x1.max(item.x1),
        label_width: 0.0,
        row: last.row,
    }
}

#[cfg(test)]
fn cluster_events(kind: &ItemKind) -> Vec<usize> {
    match kind {
        ItemKind::Event { index, .. } => vec![*index],
        ItemKind::Cluster { events, .. } => events.clone(),
        ItemKind::Aggregate { .. } => Vec::new(),
    }
}

/// Turns a row's items into render items, placing each label in the free
/// space around its marker.
fn place_labels(
    items: &[Placed],
    lane: usize,
    row: usize,
    y: f32,
    doc: &Document,
    params: &LayoutParams,
    measure: &dyn Fn(&str) -> f32,
) -> Vec<RenderItem> {
    let gap = params.gap;
    let mut out: Vec<RenderItem> = Vec::with_capacity(items.len());
    let mut prev_right = params.left;
    for i in 0..items.len() {
        let item = &items[i];
        let next_left = items
            .get(i + 1)
            .map_or(params.right, |n| n.x0.min(params.right));
        let mut kind = item.kind.clone();
        let label = match &mut kind {
            ItemKind::Cluster { events, t0, t1 } => {
                // A cluster's time is that of its members.
                let members = events.iter().filter_map(|&e| doc.event_times().get(e));
                *t0 = members.clone().map(|t| t.0).fold(f64::INFINITY, f64::min);
                *t1 = members.map(|t| t.1).fold(f64::NEG_INFINITY, f64::max);
                None
            }
            ItemKind::Aggregate { .. } => None, // not placed in rows
            ItemKind::Event { index, shape } => {
                let title = doc
                    .event(*index)
                    .map(|e| e.display_title())
                    .unwrap_or_default();
                let title = title.as_str();
                let inside =
                    *shape != Shape::Marker && item.x1 - item.x0 > 2.0 * params.marker_half + 1.0;
                if inside {
                    // Inside the visible part of the span.
                    let x = item.x0.max(params.left) + gap;
                    let room = item.x1.min(next_left - gap).min(params.right) - gap - x;
                    let outside_room = next_left - gap - (item.x1 + gap);
                    if room >= item.label_width || room >= outside_room {
                        fit_label(title, x, room, params.min_label, measure)
                    } else {
                        fit_label(
                            title,
                            item.x1 + gap,
                            outside_room,
                            params.min_label,
                            measure,
                        )
                    }
                } else if item.x0.midpoint(item.x1) < params.left
                    || item.x0.midpoint(item.x1) > params.right
                {
                    None // the marker is off-screen: its label would float detached
                } else {
                    let right_room = next_left - gap - (item.x1 + gap);
                    let left_room = item.x0 - gap - (prev_right + gap);
                    if right_room >= item.label_width || right_room >= left_room {
                        fit_label(title, item.x1 + gap, right_room, params.min_label, measure)
                    } else {
                        let width = item.label_width.min(left_room);
                        fit_label(
                            title,
                            item.x0 - gap - width,
                            width,
                            params.min_label,
                            measure,
                        )
                        .map(|mut l| {
                            // Right-align against the marker after truncation.
                            l.x = item.x0 - gap - l.width;
                            l
                        })
                    }
                }
            }
        };
        let rendered = RenderItem {
            kind,
            lane,
            row,
            x0: item.x0,
            x1: item.x1,
            y,
            label,
        };
        prev_right = rendered.occupied_right();
        out.push(rendered);
    }
    out
}

/// A label for `text` starting at `x` in at most `room` points, or `None`
/// when even a shortened label would be narrower than `min`.
fn fit_label(
    text: &str,
    x: f32,
    room: f32,
    min: f32,
    measure: &dyn Fn(&str) -> f32,
) -> Option<Label> {
    if text.is_empty() || room < min.min(measure(text)) {
        return None;
    }
    let full = measure(text);
    if full <= room {
        return Some(Label {
            x,
            width: full,
            text: text.to_owned(),
            truncated: false,
        });
    }
    let text = truncate(text, room, measure)?;
    let width = measure(&text);
    (width >= min.min(room)).then_some(Label {
        x,
        width,
        text,
        truncated: true,
    })
}

/// The longest prefix of `text` that fits `room` with a trailing "…".
fn truncate(text: &str, room: f32, measure: &dyn Fn(&str) -> f32) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let candidate = |n: usize| -> String {
        let mut s: String = chars[..n].iter().collect::<String>().trim_end().to_owned();
        s.push('…');
        s
    };
    // Binary search for the largest n whose candidate fits.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if measure(&candidate(mid)) <= room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    (lo > 0).then(|| candidate(lo))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DocumentBuilder, Event};

    /// Every character is 7 points wide.
    fn measure(s: &str) -> f32 {
        s.chars().count() as f32 * 7.0
    }

    fn doc(events: &[(&str, &str, &str)]) -> Document {
        DocumentBuilder {
            events: events
                .iter()
                .map(|(title, date, lane)| Event {
                    category: Some((*lane).into()),
                    ..Event::new(*title, *title, Date::parse(date).unwrap())
                })
                .collect(),
            ..DocumentBuilder::default()
        }
        .build()
    }

    fn axis_days(first: &str, last: &str, width: f64) -> TimeAxis {
        let t0 = Date::parse(first).unwrap().start_seconds();
        let t1 = Date::parse(last).unwrap().end_seconds();
        TimeAxis::new(0.0, width, t0, t1)
    }

    fn params(width: f32) -> LayoutParams {
        LayoutParams {
            right: width,
            char_width: 7.0,
            ..LayoutParams::default()
        }
    }

    fn events_shown(layout: &Layout) -> Vec<usize> {
        let mut shown: Vec<usize> = layout
            .items
            .iter()
            .flat_map(|i| cluster_events(&i.kind))
            .collect();
        shown.sort_unstable();
        shown
    }

    fn assert_no_overlaps(layout: &Layout) {
        for (i, a) in layout.items.iter().enumerate() {
            for b in &layout.items[i + 1..] {
                if a.lane != b.lane || a.row != b.row {
                    continue;
                }
                let apart = a.occupied_right() <= b.occupied_left() + 0.01
                    || b.occupied_right() <= a.occupied_left() + 0.01;
                assert!(
                    apart,
                    "overlap in lane {} row {}:\n{a:?}\n{b:?}",
                    a.lane, a.row
                );
            }
        }
    }

    #[test]
    fn spread_out_events_get_full_labels_in_one_row() {
        let d = doc(&[("Alpha", "2024-01-10", "a"), ("Beta", "2024-06-10", "a")]);
        let l = layout(
            &d,
            &axis_days("2024-01-01", "2024-12-31", 1000.0),
            &params(1000.0),
            &measure,
        );
        assert_eq!(l.items.len(), 2);
        assert!(l.items.iter().all(|i| i.row == 0));
        let labels: Vec<_> = l
            .items
            .iter()
            .map(|i| i.label.as_ref().unwrap().text.as_str())
            .collect();
        assert_eq!(labels, ["Alpha", "Beta"]);
        assert_eq!(l.lanes.len(), 1);
        assert_eq!(l.lanes[0].rows, 1);
    }

    #[test]
    fn close_events_stack_in_rows_and_never_overlap() {
        let d = doc(&[
            ("A long title for the first event", "2024-10-03", "m"),
            ("Another long title", "2024-10-04", "m"),
            ("Third with a long title", "2024-10-05", "m"),
        ]);
        let l = layout(
            &d,
            &axis_days("2024-10-01", "2024-10-31", 800.0),
            &params(800.0),
            &measure,
        );
        assert_eq!(events_shown(&l), [0, 1, 2]);
        let rows: Vec<_> = l.items.iter().map(|i| i.row).collect();
        assert_eq!(rows, [0, 1, 2]);
        assert!(
            l.items
                .iter()
                .all(|i| i.label.as_ref().is_some_and(|l| !l.truncated))
        );
        assert_no_overlaps(&l);
    }

    #[test]
    fn labels_shorten_then_hide_as_room_shrinks_and_come_back_when_zoomed_in() {
        let d = doc(&[
            ("First event", "2024-10-01", "m"),
            ("Second", "2024-10-02", "m"),
            ("Third", "2024-10-03", "m"),
            ("Fourth", "2024-10-04", "m"),
            ("Fifth", "2024-10-05", "m"),
        ]);
        let p = LayoutParams {
            max_rows: 1,
            ..params(1000.0)
        };
        // Zoomed out: the days are about 30 px apart.
        let out = layout(
            &d,
            &axis_days("2024-09-15", "2024-10-17", 1000.0),
            &p,
            &measure,
        );
        assert_no_overlaps(&out);
        let full = |l: &Layout| {
            l.items
                .iter()
                .filter(|i| i.label.as_ref().is_some_and(|l| !l.truncated))
                .count()
        };
        assert!(full(&out) < 5, "{out:#?}");
        // Zoomed in: full labels again.
        let zoomed = layout(
            &d,
            &axis_days("2024-09-30", "2024-10-06", 1000.0),
            &params(1000.0),
            &measure,
        );
        assert_no_overlaps(&zoomed);
        assert_eq!(full(&zoomed), 5, "{zoomed:#?}");
    }

    #[test]
    fn events_at_the_same_moment_are_stacked_then_clustered_never_dropped() {
        let many: Vec<(String, &str, &str)> = (0..9)
            .map(|i| (format!("E{i}"), "2024-10-16", "s"))
            .collect();
        let refs: Vec<(&str, &str, &str)> =
            many.iter().map(|(t, d, l)| (t.as_str(), *d, *l)).collect();
        let d = doc(&refs);
        let p = LayoutParams {
            max_rows: 3,
            ..params(600.0)
        };
        let l = layout(
            &d,
            &axis_days("2024-01-01", "2024-12-31", 600.0),
            &p,
            &measure,
        );
        assert_eq!(events_shown(&l), (0..9).collect::<Vec<_>>());
        let clusters: Vec<_> = l
            .items
            .iter()
            .filter_map(|i| match &i.kind {
                ItemKind::Cluster { events, t0, t1 } => Some((events.len(), *t0, *t1)),
                _ => None,
            })
            .collect();
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].0, 7);
        assert!(clusters[0].1 < clusters[0].2);
        assert!(l.lanes[0].rows <= 3);
        assert!(l.item_of_event(&d, 8).is_some());
        assert_no_overlaps(&l);
    }

    #[test]
    fn label_goes_left_of_a_marker_at_the_right_edge() {
        let d = doc(&[("Late event", "2024-10-31", "m")]);
        let l = layout(
            &d,
            &axis_days("2024-01-01", "2024-10-31", 1000.0),
            &params(1000.0),
            &measure,
        );
        let item = &l.items[0];
        let label = item.label.as_ref().unwrap();
        assert!(label.x + label.width <= item.x0, "{item:?}");
        assert!(!label.truncated);
    }

    #[test]
    fn a_day_zoomed_to_hours_is_a_span_with_its_label_inside() {
        let d = doc(&[("Statement", "2024-10-16", "s")]);
        let l = layout(
            &d,
            &axis_days("2024-10-15", "2024-10-17", 900.0),
            &params(900.0),
            &measure,
        );
        let item = &l.items[0];
        assert_eq!(
            item.kind,
            ItemKind::Event {
                index: 0,
                shape: Shape::Imprecise
            }
        );
        assert!((item.x1 - item.x0 - 300.0).abs() < 0.01, "{item:?}");
        let label = item.label.as_ref().unwrap();
        assert!(label.x >= item.x0 && label.x + label.width <= item.x1);
        // Zoomed out, the same day is a marker again.
        let l = layout(
            &d,
            &axis_days("2024-01-01", "2024-12-31", 900.0),
            &params(900.0),
            &measure,
        );
        assert_eq!(
            l.items[0].kind,
            ItemKind::Event {
                index: 0,
                shape: Shape::Marker
            }
        );
    }

    #[test]
    fn markers_just_off_screen_have_no_floating_label() {
        let d = doc(&[("Edge", "2024-10-16T12:00", "s")]);
        // The marker is 3 px left of the area: laid out (partly visible), unlabelled.
        let t = Date::parse("2024-10-16T12:00").unwrap().start_seconds();
        let axis = TimeAxis::new(0.0, 900.0, t + 3.0 * 60.0, t + 3.0 * 60.0 + 900.0 * 60.0);
        let l = layout(&d, &axis, &params(900.0), &measure);
        assert_eq!(l.items.len(), 1);
        assert!(l.items[0].label.is_none(), "{:?}", l.items[0]);
    }

    #[test]
    fn a_collapsed_lane_is_its_title_alone_and_counts_its_events() {
        let d = doc(&[
            ("A", "2024-01-10", "one"),
            ("B", "2024-01-10", "two"),
            ("C", "2024-01-12", "two"),
        ]);
        let axis = axis_days("2024-01-01", "2024-01-31", 900.0);
        let p = params(900.0);
        let l = layout_collapsed(&d, &axis, &p, &[false, true], &measure);
        let two = &l.lanes[1];
        assert!(two.collapsed);
        assert_eq!((two.rows, two.events), (0, 2));
        assert!((two.bottom - two.top - p.lane_header).abs() < 1e-3);
        // Its events are not laid out; the other lane's are.
        assert_eq!(l.items.len(), 1);
        assert!(l.items.iter().all(|i| i.lane == 0));
        assert!((l.bottom - (two.bottom + p.lane_gap)).abs() < 1e-3);
        // Nothing collapsed: the same as `layout`.
        assert_eq!(
            layout_collapsed(&d, &axis, &p, &[], &measure),
            layout(&d, &axis, &p, &measure)
        );
    }

    #[test]
    fn lanes_follow_categories_with_their_rows() {
        let d = doc(&[
            ("A", "2024-01-10", "one"),
            ("B", "2024-01-10", "two"),
            ("C", "2024-01-10", "two"),
        ]);
        let l = layout(
            &d,
            &axis_days("2024-01-01", "2024-01-31", 900.0),
            &params(900.0),
            &measure,
        );
        assert_eq!(
            l.lanes.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
            ["one", "two"]
        );
        assert_eq!(l.lanes[1].rows, 2);
        assert!(l.lanes[0].bottom <= l.lanes[1].top);
        for item in &l.items {
            let lane = &l.lanes[item.lane];
            assert!(item.y > lane.top && item.y < lane.bottom);
        }
    }

    #[test]
    fn events_outside_the_view_are_not_laid_out() {
        let d = doc(&[
            ("Before", "2020-01-01", "a"),
            ("In", "2024-06-01", "a"),
            ("After", "2030-01-01", "a"),
        ]);
        let l = layout(
            &d,
            &axis_days("2024-01-01", "2024-12-31", 1000.0),
            &params(1000.0),
            &measure,
        );
        assert_eq!(events_shown(&l), [1]);
    }

    #[test]
    fn truncation_keeps_the_longest_prefix_that_fits() {
        assert_eq!(
            truncate("Hello world", 7.0 * 6.0, &measure).as_deref(),
            Some("Hello…")
        );
        assert_eq!(truncate("Hello", 5.0, &measure), None);
    }

    /// `n` day events, one every `step` seconds from 2020, in two lanes.
    fn dense(n: usize, step: f64) -> Document {
        let t0 = Date::parse("2020-01-01").unwrap().start_seconds();
        let mut doc = DocumentBuilder::default();
        for i in 0..n {
            let days = ((t0 + i as f64 * step) / 86_400.0).floor() as i64;
            let (y, m, d) = crate::calendar::civil_from_days(days);
            let date = Date::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap();
            doc.events.push(Event {
                category: Some(if i % 3 == 0 { "a" } else { "b" }.into()),
                ..Event::new(format!("e{i}"), "Event", date)
            });
        }
        doc.build()
    }

    fn aggregate_total(l: &Layout, lane: usize) -> usize {
        l.items
            .iter()
            .filter(|i| i.lane == lane)
            .map(|i| match i.kind {
                ItemKind::Aggregate { count, .. } => count,
                _ => 0,
            })
            .sum()
    }

    #[test]
    fn dense_lanes_show_counts_that_add_up_and_do_not_grow_with_the_events() {
        let p = params(1000.0);
        let mut sizes = Vec::new();
        for n in [20_000, 200_000] {
            // The same ten years, more densely filled.
            let doc = dense(n, 3650.0 * 86_400.0 / n as f64);
            let (t0, t1) = doc.time_range().unwrap();
            let axis = TimeAxis::fit(0.0, 1000.0, t0, t1, 20.0);
            let l = layout(&doc, &axis, &p, &measure);
            assert!(l.lanes.iter().all(|lane| lane.aggregated));
            // Every event is counted once, in its lane, in counts and in bars.
            let in_lane = |lane: usize| doc.event_lanes().iter().filter(|&&x| x == lane).count();
            for lane in 0..2 {
                assert_eq!(aggregate_total(&l, lane), in_lane(lane), "lane {lane}");
                let bars: u32 = l.density[lane].columns.iter().map(|c| c.2).sum();
                assert_eq!(bars as usize, in_lane(lane));
            }
            // Labels say how many, and fit their bucket.
            let labelled = l.items.iter().filter_map(|i| i.label.as_ref()).count();
            assert!(labelled > 10);
            assert!(
                l.items
                    .iter()
                    .filter_map(|i| i.label.as_ref())
                    .all(|lb| lb.width <= p.bucket_width)
            );
            sizes.push((
                l.items.len(),
                l.density.iter().map(|d| d.columns.len()).sum::<usize>(),
            ));
        }
        // Ten times the events, the same number of things to draw.
        assert_eq!(sizes[0].0, sizes[1].0, "{sizes:?}");
        assert!(sizes[1].1 <= sizes[0].1 + 2, "{sizes:?}");
        // Zoomed in far enough, single events come back.
        let doc = dense(20_000, 3650.0 * 86_400.0 / 20_000.0);
        let l = layout(
            &doc,
            &axis_days("2021-03-01", "2021-03-03", 1000.0),
            &p,
            &measure,
        );
        assert!(l.lanes.iter().all(|lane| !lane.aggregated));
        assert!(
            l.items
                .iter()
                .any(|i| matches!(i.kind, ItemKind::Event { .. }))
        );
    }

    #[test]
    fn an_event_counted_in_an_aggregate_is_found_there() {
        let doc = dense(20_000, 3650.0 * 86_400.0 / 20_000.0);
        let (t0, t1) = doc.time_range().unwrap();
        let l = layout(
            &doc,
            &TimeAxis::fit(0.0, 1000.0, t0, t1, 20.0),
            &params(1000.0),
            &measure,
        );
        for index in [0, 9_999, 19_999] {
            let item = l.item_of_event(&doc, index).unwrap();
            let ItemKind::Aggregate { t0, t1, .. } = item.kind else {
                panic!("not an aggregate: {item:?}");
            };
            let (a, b) = doc.event_times()[index];
            assert!(a < t1 && b > t0, "event {index} at {a} outside {t0}..{t1}");
            assert_eq!(item.lane, doc.event_lanes()[index]);
        }
    }
}
