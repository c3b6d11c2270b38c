//! The events' places as the map reads them every frame: each event's
//! point in normalised Mercator (8 bytes an event, computed once per
//! document on a background thread), and the crowding of the points in
//! view gathered into cells of a screen grid, so that a frame draws at
//! most one mark per cell however many events fall in it.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chronoscope_geo::{LonLat, Projection, projection::mercator};

use crate::model::Document;

/// Events between two looks at the stop flag.
const CHECK_EVERY: usize = 4096;

/// Each event's place, projected, and the events in order of their ends
/// (for [`crate::crowds::Crowds::slide`]): 12 bytes an event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceIndex {
    /// Normalised Mercator x, y per event (by index); NaN when it has none.
    /// Empty for a view.
    points: Vec<[f32; 2]>,
    /// For a filtered view of a document whose places are read: those
    /// places, and each event's row in that document (4 bytes an event
    /// instead of 8 of its own).
    view: Option<(std::sync::Arc<PlaceIndex>, Vec<u32>)>,
    count: usize,
    /// The events by the end of their time, earliest first.
    by_end: Vec<u32>,
}

impl PlaceIndex {
    /// The places of `doc`'s events; `None` when `stop` was set meanwhile.
    /// `done` counts the events read.
    #[must_use]
    pub fn build(doc: &Document, stop: &AtomicBool, done: &AtomicUsize) -> Option<Self> {
        Self::build_with(doc, (stop, done), true)
    }

    /// The places of `doc`'s events, read to the end (a drawing written
    /// on a thread of its own, the command line).
    #[must_use]
    pub fn of(doc: &Document) -> Self {
        let never = AtomicBool::new(false);
        Self::build(doc, &never, &AtomicUsize::new(0)).unwrap_or_default()
    }

    /// [`PlaceIndex::build`], with the order by end only when `ends` (what
    /// the map's crowds slide with; an area filter needs the points alone:
    /// 8 bytes an event instead of 12).
    #[must_use]
    pub fn build_with(
        doc: &Document,
        (stop, done): (&AtomicBool, &AtomicUsize),
        ends: bool,
    ) -> Option<Self> {
        // The place alone, not the whole event (a row's other cells are
        // not read for it).
        let points = each_event(doc, (stop, done), |i| {
            Some(
                doc.event_place(i)
                    .map(|p| mercator(LonLat::new(p.lon, p.lat)))
                    .map_or([f32::NAN; 2], |m| [m[0] as f32, m[1] as f32]),
            )
        })?;
        let count = points.iter().filter(|p| !p[0].is_nan()).count();
        Some(Self {
            points,
            view: None,
            count,
            by_end: if ends { by_end(doc) } else { Vec::new() },
        })
    }

    /// The places of `doc`, a filtered view (`Document::filtered`) of the
    /// document `base` holds the places of, read through each event's row
    /// in it rather than copied; `None` when `doc` is no such view.
    #[must_use]
    pub fn view_of(
        base: &std::sync::Arc<PlaceIndex>,
        doc: &Document,
        (stop, done): (&AtomicBool, &AtomicUsize),
    ) -> Option<Self> {
        if base.view.is_some() {
            return None;
        }
        let rows = doc.rows()?;
        let of = each_event(doc, (stop, done), |i| {
            let row = rows.key(i)?.row;
            base.points.get(row as usize).map(|_| row)
        })?;
        let count = of
            .iter()
            .filter(|&&r| !base.points[r as usize][0].is_nan())
            .count();
        Some(Self {
            points: Vec::new(),
            view: Some((std::sync::Arc::clone(base), of)),
            count,
            by_end: by_end(doc),
        })
    }

    /// Whether the places are read through another document's
    /// ([`PlaceIndex::view_of`]).
    #[must_use]
    pub fn is_view(&self) -> bool {
        self.view.is_some()
    }

    /// Event `i`'s point, NaN when it has none.
    fn raw(&self, i: usize) -> [f32; 2] {
        match &self.view {
            Some((base, rows)) => rows
                .get(i)
                .and_then(|&r| base.points.get(r as usize))
                .copied(),
            None => self.points.get(i).copied(),
        }
        .unwrap_or([f32::NAN; 2])
    }

    /// Positions (in the order by end) of the events whose time ends in
    /// `(from, to]`; `times` are the document's.
    #[must_use]
    pub fn ending_between(
        &self,
        times: &[(f64, f64)],
        from: f64,
        to: f64,
    ) -> std::ops::Range<usize> {
        let end_of = |e: &u32| times.get(*e as usize).map_or(f64::INFINITY, |t| t.1);
        let first = self.by_end.partition_point(|e| end_of(e) <= from);
        let last = self.by_end.partition_point(|e| end_of(e) <= to);
        first..last.max(first)
    }

    /// The events at `positions` of the order by end.
    pub fn by_end(&self, positions: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        self.by_end
            .get(positions)
            .unwrap_or_default()
            .iter()
            .map(|&e| e as usize)
    }

    /// Event `i`'s point in normalised Mercator, when it has a place.
    #[must_use]
    pub fn point(&self, i: usize) -> Option<[f32; 2]> {
        Some(self.raw(i)).filter(|p| !p[0].is_nan())
    }

    /// How many events have a place.
    #[must_use]
    pub fn count(&self) -> usize {
        self.count
    }

    /// How many events it covers (with a place or not).
    #[must_use]
    pub fn len(&self) -> usize {
        self.view
            .as_ref()
            .map_or(self.points.len(), |(_, rows)| rows.len())
    }

    /// Whether it covers no event.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of memory it holds.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.points.capacity() * size_of::<[f32; 2]>()
            + self.by_end.capacity() * size_of::<u32>()
            + self
                .view
                .as_ref()
                .map_or(0, |(_, rows)| rows.capacity() * size_of::<u32>())
    }

    /// The places of `events` (an iterator of event indices) as lon/lat.
    pub fn places<'a>(
        &'a self,
        events: impl Iterator<Item = usize> + 'a,
    ) -> impl Iterator<Item = LonLat> + 'a {
        events.filter_map(|i| self.point(i)).map(|p| {
            let ll = chronoscope_geo::projection::inverse([f64::from(p[0]), f64::from(p[1])]);
            LonLat::new(ll.lon, ll.lat)
        })
    }
}

/// A box on the map (the spatial filter): west, south, east and north
/// edges in degrees; `west > east` when it crosses the antimeridian.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Area {
    /// The box with corners `a` and `b`, the narrower way round in
    /// longitude unless `a` is west of `b` as dragged (`crossing` says the
    /// drag went over the antimeridian).
    #[must_use]
    pub fn from_corners(a: LonLat, b: LonLat, crossing: bool) -> Self {
        let (west, east) = if crossing {
            (a.lon.max(b.lon), a.lon.min(b.lon))
        } else {
            (a.lon.min(b.lon), a.lon.max(b.lon))
        };
        Self {
            west,
            south: a.lat.min(b.lat),
            east,
            north: a.lat.max(b.lat),
        }
    }

    /// Whether a normalised Mercator point is inside.
    #[must_use]
    pub fn contains_mercator(&self, p: [f32; 2]) -> bool {
        let ll = chronoscope_geo::projection::inverse([f64::from(p[0]), f64::from(p[1])]);
        self.contains(ll)
    }

    /// Whether a place is inside.
    #[must_use]
    pub fn contains(&self, p: LonLat) -> bool {
        let lat = p.lat >= self.south && p.lat <= self.north;
        let lon = if self.west <= self.east {
            p.lon >= self.west && p.lon <= self.east
        } else {
            p.lon >= self.west || p.lon <= self.east
        };
        lat && lon
    }

    /// "48.9° N to 51.2° N, 35.0° E to 37.3° E", as the filter panel says it.
    #[must_use]
    pub fn describe(&self) -> String {
        let lat = |v: f64| format!("{:.1}° {}", v.abs(), if v < 0.0 { 'S' } else { 'N' });
        let lon = |v: f64| format!("{:.1}° {}", v.abs(), if v < 0.0 { 'W' } else { 'E' });
        format!(
            "{} to {}, {} to {}",
            lat(self.south),
            lat(self.north),
            lon(self.west),
            lon(self.east)
        )
    }
}

/// `read` of each event of `doc` in order, looking at `stop` and counting
/// in `done` as it goes; `None` when stopped or when `read` gives none.
fn each_event<T>(
    doc: &Document,
    (stop, done): (&AtomicBool, &AtomicUsize),
    mut read: impl FnMut(usize) -> Option<T>,
) -> Option<Vec<T>> {
    let n = doc.event_count();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        if i % CHECK_EVERY == 0 {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            done.store(i, Ordering::Relaxed);
        }
        out.push(read(i)?);
    }
    if stop.load(Ordering::Relaxed) {
        return None;
    }
    done.store(n, Ordering::Relaxed);
    Some(out)
}

/// `doc`'s events in order of the end of their time, earliest first.
fn by_end(doc: &Document) -> Vec<u32> {
    let times = doc.event_times();
    let mut order: Vec<u32> = (0..times.len() as u32).collect();
    order.sort_by(|&a, &b| times[a as usize].1.total_cmp(&times[b as usize].1));
    order
}

/// The events of `doc` that overlap the times `a..b` (axis seconds; an
/// event overlaps when it starts before `b` and ends after `a`), in
/// time order.
pub fn in_time(doc: &Document, a: f64, b: f64) -> impl Iterator<Item = usize> + '_ {
    let times = doc.event_times();
    // Sorted by start: nothing after the first start past `b` is in view.
    let end = times.partition_point(|t| t.0 < b);
    (0..end).filter(move |&i| times[i].1 > a)
}

/// Pixels of a crowd's grid cell on the map: points nearer than this
/// share a mark (the window and the drawings alike).
pub const CELL_PX: f32 = 34.0;

/// The radius of the mark of `count` events: a point for one, a disc that
/// grows with the count's logarithm and stays inside its cell.
#[must_use]
pub fn mark_radius(count: usize) -> f32 {
    if count <= 1 {
        4.5
    } else {
        (6.0 + 2.2 * (count as f32).log2()).min(CELL_PX / 2.0)
    }
}

/// The points of a grid cell on screen: one mark on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Where to draw it: the mean of its points, in screen pixels.
    pub at: [f32; 2],
    /// How many events.
    pub count: usize,
    /// The first of them (in time order): the one a click on a single
    /// point selects.
    pub first: usize,
    /// Normalised Mercator bounds of its points (x0, y0, x1, y1, on the
    /// copy of the world nearest the view's centre): what a click zooms to.
    pub bounds: [f64; 4],
}

/// A cell's sums while points are gathered.
#[derive(Clone, Copy, Debug)]
struct Agg {
    count: u32,
    first: u32,
    sx: f64,
    sy: f64,
    bounds: [f32; 4],
}

impl Agg {
    const EMPTY: Agg = Agg {
        count: 0,
        first: u32::MAX,
        sx: 0.0,
        sy: 0.0,
        bounds: [
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        ],
    };

    fn add(&mut self, i: u32, x: f32, y: f32) {
        self.count += 1;
        self.first = self.first.min(i);
        self.sx += f64::from(x);
        self.sy += f64::from(y);
        self.bounds = [
            self.bounds[0].min(x),
            self.bounds[1].min(y),
            self.bounds[2].max(x),
            self.bounds[3].max(y),
        ];
    }

    fn merge(&mut self, o: &Agg) {
        self.count += o.count;
        self.first = self.first.min(o.first);
        self.sx += o.sx;
        self.sy += o.sy;
        self.bounds = [
            self.bounds[0].min(o.bounds[0]),
            self.bounds[1].min(o.bounds[1]),
            self.bounds[2].max(o.bounds[2]),
            self.bounds[3].max(o.bounds[3]),
        ];
    }
}

/// Events at a time looked at by one thread: enough that the split pays.
const PART: usize = 1 << 16;

/// The places of `doc`'s events that overlap the times `window` (all
/// when `None`) inside the screen rectangle `rect`, gathered into square
/// cells of `cell` pixels: [`cells`] for the map's frame, read straight
/// from the columns and split over the cores. Its cost is one pass over
/// the events in the window (a few nanoseconds each); what it returns is
/// bounded by the rectangle's area in cells.
#[must_use]
pub fn cells_in_time(
    doc: &Document,
    index: &PlaceIndex,
    window: Option<(f64, f64)>,
    projection: &Projection,
    (rect, cell): ([f32; 4], f32),
) -> Vec<Cell> {
    use rayon::prelude::*;
    let times = doc.event_times();
    let count = times.len().min(index.len());
    let (from, to) = window.unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
    let end = times[..count].partition_point(|t| t.0 < to);
    let cell = cell.max(1.0);
    let cols = (((rect[2] - rect[0]) / cell).ceil() as usize).max(1);
    let rows = (((rect[3] - rect[1]) / cell).ceil() as usize).max(1);
    let gather = |range: std::ops::Range<usize>| {
        let mut grid = vec![Agg::EMPTY; cols * rows];
        for i in range {
            if times[i].1 <= from {
                continue;
            }
            let point = index.raw(i);
            if point[0].is_nan() {
                continue;
            }
            let screen = projection.mercator_to_screen([f64::from(point[0]), f64::from(point[1])]);
            let (x, y) = (screen[0] as f32, screen[1] as f32);
            if !(x >= rect[0] && x < rect[2] && y >= rect[1] && y < rect[3]) {
                continue;
            }
            let at = ((y - rect[1]) / cell) as usize * cols + ((x - rect[0]) / cell) as usize;
            if let Some(slot) = grid.get_mut(at) {
                slot.add(i as u32, x, y);
            }
        }
        grid
    };
    let parts: Vec<std::ops::Range<usize>> = (0..end)
        .step_by(PART)
        .map(|s| s..(s + PART).min(end))
        .collect();
    let grid = parts
        .into_par_iter()
        .map(gather)
        .reduce_with(|mut g, o| {
            for (x, y) in g.iter_mut().zip(&o) {
                x.merge(y);
            }
            g
        })
        .unwrap_or_default();
    grid.into_iter()
        .filter(|g| g.count > 0)
        .map(|g| {
            let members = f64::from(g.count);
            let lo = projection.screen_to_mercator([g.bounds[0], g.bounds[1]]);
            let hi = projection.screen_to_mercator([g.bounds[2], g.bounds[3]]);
            Cell {
                at: [(g.sx / members) as f32, (g.sy / members) as f32],
                count: g.count as usize,
                first: g.first as usize,
                bounds: [lo[0], lo[1], hi[0], hi[1]],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DocumentBuilder, Event, Place};
    use chronoscope_geo::MapView;

    /// The plain gathering, one event at a time: what [`cells_in_time`]
    /// must agree with. The points of `events` inside the screen rectangle `rect` (x0, y0, x1,
    /// y1) gathered into square cells of `cell` pixels. Cost: one projection
    /// and one hash per event in view; what it returns is bounded by the
    /// rectangle's area in cells, not by the events.
    fn cells(
        index: &PlaceIndex,
        events: impl Iterator<Item = usize>,
        projection: &Projection,
        rect: [f32; 4],
        cell: f32,
    ) -> Vec<Cell> {
        let cell = cell.max(1.0);
        let cols = (((rect[2] - rect[0]) / cell).ceil() as usize).max(1);
        let rows = (((rect[3] - rect[1]) / cell).ceil() as usize).max(1);
        // Sums per cell: x, y, count, first; dense grid (bounded by the screen).
        let mut grid: Vec<u32> = vec![u32::MAX; cols * rows];
        let mut out: Vec<(f64, f64, Cell)> = Vec::new();
        for i in events {
            let Some(point) = index.point(i) else {
                continue;
            };
            let screen = projection.mercator_to_screen([f64::from(point[0]), f64::from(point[1])]);
            let (x, y) = (screen[0] as f32, screen[1] as f32);
            if !(x >= rect[0] && x < rect[2] && y >= rect[1] && y < rect[3]) {
                continue;
            }
            let at = ((y - rect[1]) / cell) as usize * cols + ((x - rect[0]) / cell) as usize;
            let Some(slot) = grid.get_mut(at) else {
                continue;
            };
            // The point on the copy of the world that was drawn.
            let world = projection.screen_to_mercator([x, y]);
            if *slot == u32::MAX {
                *slot = out.len() as u32;
                out.push((
                    f64::from(x),
                    f64::from(y),
                    Cell {
                        at: [x, y],
                        count: 1,
                        first: i,
                        bounds: [world[0], world[1], world[0], world[1]],
                    },
                ));
            } else if let Some((sx, sy, cell)) = out.get_mut(*slot as usize) {
                *sx += f64::from(x);
                *sy += f64::from(y);
                cell.count += 1;
                cell.bounds = [
                    cell.bounds[0].min(world[0]),
                    cell.bounds[1].min(world[1]),
                    cell.bounds[2].max(world[0]),
                    cell.bounds[3].max(world[1]),
                ];
            }
        }
        out.into_iter()
            .map(|(sx, sy, mut cell)| {
                let n = cell.count as f64;
                cell.at = [(sx / n) as f32, (sy / n) as f32];
                cell
            })
            .collect()
    }

    fn doc(places: &[Option<(f64, f64)>]) -> Document {
        let events = places
            .iter()
            .enumerate()
            .map(|(i, p)| Event {
                place: p.map(|(lat, lon)| Box::new(Place::checked(lat, lon).unwrap())),
                ..Event::new(
                    format!("e{i}"),
                    format!("E{i}"),
                    Date::parse(&format!("2024-{:02}-{:02}", i / 28 + 1, i % 28 + 1)).unwrap(),
                )
            })
            .collect();
        DocumentBuilder {
            events,
            ..DocumentBuilder::default()
        }
        .build()
    }

    fn index(doc: &Document) -> PlaceIndex {
        PlaceIndex::build(doc, &AtomicBool::new(false), &AtomicUsize::new(0)).unwrap()
    }

    #[test]
    fn places_are_indexed_by_event() {
        let d = doc(&[Some((49.85, 36.65)), None, Some((-33.9, 18.4))]);
        let idx = index(&d);
        assert_eq!((idx.len(), idx.count()), (3, 2));
        assert!(idx.point(1).is_none());
        let back: Vec<LonLat> = idx.places(0..3).collect();
        assert!((back[0].lat - 49.85).abs() < 1e-4 && (back[0].lon - 36.65).abs() < 1e-4);
        assert!(PlaceIndex::build(&d, &AtomicBool::new(true), &AtomicUsize::new(0)).is_none());
    }

    #[test]
    fn crowded_points_share_a_cell_and_far_ones_do_not() {
        let d = doc(&[
            Some((50.0, 36.0)),
            Some((50.001, 36.001)),
            Some((50.002, 36.0)),
            Some((-33.9, 18.4)),
            None,
        ]);
        let idx = index(&d);
        let size = [800.0, 600.0];
        let view = MapView::default().clamped(size);
        let p = view.projection([0.0, 0.0], size);
        let mut cells = cells(&idx, 0..5, &p, [0.0, 0.0, 800.0, 600.0], 24.0);
        cells.sort_by_key(|c| c.count);
        assert_eq!(cells.len(), 2);
        assert_eq!((cells[0].count, cells[0].first), (1, 3));
        assert_eq!((cells[1].count, cells[1].first), (3, 0));
        // Zoomed in far enough, they part.
        let close = MapView {
            center: mercator(LonLat::new(36.0, 50.0)),
            zoom: 16.0,
        };
        let p = close.projection([0.0, 0.0], size);
        let cells = self::cells(&idx, 0..5, &p, [0.0, 0.0, 800.0, 600.0], 24.0);
        assert_eq!(cells.len(), 3, "{cells:?}");
    }

    #[test]
    fn areas_hold_what_is_inside_them_across_the_antimeridian_too() {
        let ukraine = Area::from_corners(LonLat::new(35.0, 48.0), LonLat::new(38.0, 51.0), false);
        assert!(ukraine.contains(LonLat::new(36.65, 49.85)));
        assert!(!ukraine.contains(LonLat::new(30.5, 50.45)));
        assert!(!ukraine.contains(LonLat::new(36.65, 52.0)));
        let fiji = Area::from_corners(LonLat::new(175.0, -20.0), LonLat::new(-178.0, -15.0), true);
        assert!(fiji.west > fiji.east);
        assert!(fiji.contains(LonLat::new(178.4, -18.1)));
        assert!(fiji.contains(LonLat::new(-179.5, -16.0)));
        assert!(!fiji.contains(LonLat::new(0.0, -18.0)));
        let p = mercator(LonLat::new(36.65, 49.85));
        assert!(ukraine.contains_mercator([p[0] as f32, p[1] as f32]));
        assert_eq!(ukraine.describe(), "48.0° N to 51.0° N, 35.0° E to 38.0° E");
    }

    #[test]
    #[allow(clippy::many_single_char_names)] // dates, windows and cells side by side
    fn the_fast_gathering_agrees_with_the_plain_one() {
        let places: Vec<Option<(f64, f64)>> = (0..300)
            .map(|i| {
                (i % 7 != 0).then(|| {
                    let f = f64::from(i);
                    (-60.0 + (f * 37.0) % 120.0, -170.0 + (f * 53.0) % 340.0)
                })
            })
            .collect();
        let d = doc(&places);
        let idx = index(&d);
        let size = [900.0, 500.0];
        for view in [
            MapView::default().clamped(size),
            MapView {
                center: mercator(LonLat::new(20.0, 10.0)),
                zoom: 3.0,
            },
        ] {
            let p = view.projection([0.0, 0.0], size);
            let rect = [0.0, 0.0, 900.0, 500.0];
            let t = |s: &str| Date::parse(s).unwrap().start_seconds();
            for window in [None, Some((t("2024-01-05"), t("2024-01-20")))] {
                let events: Vec<usize> = match window {
                    Some((a, b)) => in_time(&d, a, b).collect(),
                    None => (0..d.event_count()).collect(),
                };
                let mut plain = cells(&idx, events.into_iter(), &p, rect, 24.0);
                let mut fast = cells_in_time(&d, &idx, window, &p, (rect, 24.0));
                let key = |c: &Cell| (c.first, c.count);
                plain.sort_by_key(key);
                fast.sort_by_key(key);
                assert_eq!(plain.len(), fast.len());
                for (a, b) in plain.iter().zip(&fast) {
                    assert_eq!((a.first, a.count), (b.first, b.count));
                    assert!((a.at[0] - b.at[0]).abs() < 1e-2 && (a.at[1] - b.at[1]).abs() < 1e-2);
                    for k in 0..4 {
                        assert!((a.bounds[k] - b.bounds[k]).abs() < 1e-6, "{a:?} {b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_filtered_view_reads_its_places_through_its_base() {
        let base = std::sync::Arc::new(doc(&[
            Some((49.85, 36.65)),
            None,
            Some((-33.9, 18.4)),
            Some((50.45, 30.52)),
        ]));
        let base_places = std::sync::Arc::new(
            PlaceIndex::build_with(
                &base,
                (&AtomicBool::new(false), &AtomicUsize::new(0)),
                false,
            )
            .unwrap(),
        );
        let view = Document::filtered(&base, &|i| i != 0, None, &[]);
        let through = PlaceIndex::view_of(
            &base_places,
            &view,
            (&AtomicBool::new(false), &AtomicUsize::new(0)),
        )
        .unwrap();
        let own = index(&view);
        assert_eq!((through.len(), through.count()), (3, 2));
        for i in 0..view.event_count() {
            assert_eq!(through.point(i), own.point(i), "{i}");
        }
        // A document that is no view of it is refused.
        assert!(
            PlaceIndex::view_of(
                &std::sync::Arc::new(through.clone()),
                &view,
                (&AtomicBool::new(false), &AtomicUsize::new(0))
            )
            .is_none()
        );
        assert!(through.heap_bytes() < own.heap_bytes());
    }

    #[test]
    fn only_the_events_in_time_are_looked_at() {
        let d = doc(&[Some((1.0, 1.0)), Some((2.0, 2.0)), Some((3.0, 3.0))]);
        let t = |s: &str| Date::parse(s).unwrap().start_seconds();
        let shown: Vec<usize> = in_time(&d, t("2024-01-02"), t("2024-01-02T12:00")).collect();
        assert_eq!(shown, [1]);
    }
}
