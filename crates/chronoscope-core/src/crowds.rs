//! The map's marks kept from frame to frame while the timeline moves under
//! a still map: the events of the window gathered into screen cells once,
//! then, as the window slides, only the events that enter or leave it
//! added or taken out. A frame of a moving timeline then costs the events
//! that crossed the window's edges (a few hundred when a million span the
//! screen), not the million; a new view of the map gathers them again.
//!
//! Each cell keeps what can be taken out again: a count, sums of the
//! points' positions and of their events' numbers (so a cell of one event
//! knows which), and its events' lanes counted (its colour is the most
//! common one's).

use chronoscope_geo::Projection;
use rayon::prelude::*;

use crate::model::Document;
use crate::places::PlaceIndex;

/// A cell's sums, each of which can be taken back.
#[derive(Clone, Debug, Default, PartialEq)]
struct Sums {
    count: u32,
    x: f64,
    y: f64,
    events: u64,
    /// (lane, events of it), few per cell.
    lanes: Vec<(u32, u32)>,
}

impl Sums {
    fn merge(&mut self, other: Sums) {
        if other.count == 0 {
            return;
        }
        self.count += other.count;
        self.x += other.x;
        self.y += other.y;
        self.events += other.events;
        for (lane, n) in other.lanes {
            match self.lanes.iter_mut().find(|(l, _)| *l == lane) {
                Some(entry) => entry.1 += n,
                None => self.lanes.push((lane, n)),
            }
        }
    }
}

/// Events at a time gathered by one thread when crowds are made.
const PART: usize = 1 << 16;

/// One mark on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// The mean of its points, in screen pixels.
    pub at: [f32; 2],
    pub count: usize,
    /// The event, when the mark is one.
    pub single: Option<usize>,
    /// The lane of its events when at least two thirds of them share it
    /// (the mark takes its colour); `None` for a mixed crowd.
    pub lane: Option<usize>,
}

/// The events of a time window gathered into the cells of a grid fixed to
/// the world (in pixels of the whole world at a zoom rounded down to a
/// half level), over the view and a view's width and height around it: the
/// map can be dragged that far, or zoomed within the half level, before
/// they are gathered again, and its cells do not change as it moves (they
/// grow and shrink a little with the zoom).
#[derive(Clone, Debug)]
pub struct Crowds {
    window: (f64, f64),
    /// Pixels across the world at the grid's zoom ([`grid_scale`]).
    world: f64,
    /// World pixels of the grid's top left corner (a whole number of cells).
    origin: [f64; 2],
    cell: f64,
    cols: usize,
    rows: usize,
    grid: Vec<Sums>,
}

/// Pixels across the world at `projection`'s zoom rounded down to a half
/// level: the grid's.
fn grid_scale(projection: &Projection) -> f64 {
    let zoom = (projection.world_pixels() / 256.0).log2();
    256.0 * ((zoom * 2.0).floor() / 2.0).exp2()
}

/// `projection`'s view rectangle in the grid's pixels (of a world
/// `world` pixels wide).
fn grid_view(projection: &Projection, world: f64) -> [f64; 4] {
    let k = world / projection.world_pixels();
    projection.world_view().map(|v| v * k)
}

impl Crowds {
    /// The events of `doc` overlapping `window` (axis seconds) with a place
    /// in `index`, around the view of `projection`, in cells of `cell`
    /// pixels.
    #[must_use]
    pub fn new(
        doc: &Document,
        index: &PlaceIndex,
        window: (f64, f64),
        projection: &Projection,
        cell: f32,
    ) -> Self {
        let cell = f64::from(cell.max(1.0));
        let world = grid_scale(projection);
        let [x0, y0, x1, y1] = grid_view(projection, world);
        let (w, h) = (x1 - x0, y1 - y0);
        let origin = [
            ((x0 - w) / cell).floor() * cell,
            ((y0 - h) / cell).floor() * cell,
        ];
        let cols = (((x1 + w - origin[0]) / cell).ceil() as usize).max(1);
        let rows = (((y1 + h - origin[1]) / cell).ceil() as usize).max(1);
        let mut crowds = Self {
            window,
            world,
            origin,
            cell,
            cols,
            rows,
            grid: vec![Sums::default(); cols * rows],
        };
        let times = doc.event_times();
        let end = times.partition_point(|t| t.0 < window.1);
        // In parts on the cores, each into a grid of its own, then added up.
        let parts: Vec<std::ops::Range<usize>> = (0..end)
            .step_by(PART)
            .map(|s| s..(s + PART).min(end))
            .collect();
        let empty = crowds.clone();
        let grids = parts.into_par_iter().map(|part| {
            let mut own = empty.clone();
            for i in part {
                if times[i].1 > window.0 {
                    own.change(doc, index, projection, i, true);
                }
            }
            own.grid
        });
        if let Some(grid) = grids.reduce_with(|mut a, b| {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
            a
        }) {
            crowds.grid = grid;
        }
        crowds
    }

    /// Whether these crowds serve `projection`'s view: the same zoom, the
    /// view inside the region gathered.
    #[must_use]
    pub fn covers(&self, projection: &Projection) -> bool {
        #[allow(clippy::float_cmp)] // the same half level, bit for bit
        let same_zoom = grid_scale(projection) == self.world;
        let [x0, y0, x1, y1] = grid_view(projection, self.world);
        same_zoom
            && x0 >= self.origin[0]
            && y0 >= self.origin[1]
            && x1 <= self.origin[0] + self.cols as f64 * self.cell
            && y1 <= self.origin[1] + self.rows as f64 * self.cell
    }

    /// The window moved to `window`: the events that entered it added, those
    /// that left it taken out. `false` (nothing changed) when so many moved
    /// that gathering again costs less; the caller then makes new crowds.
    pub fn slide(
        &mut self,
        doc: &Document,
        index: &PlaceIndex,
        window: (f64, f64),
        projection: &Projection,
    ) -> bool {
        let times = doc.event_times();
        let (old, new) = (self.window, window);
        // Starting between the two ends: sorted by start, one range.
        let by_start = |t: f64| times.partition_point(|e| e.0 < t);
        let starts = by_start(old.1.min(new.1))..by_start(old.1.max(new.1));
        // Ending between the two starts: through the index sorted by end.
        let ends = index.ending_between(times, old.0.min(new.0), old.0.max(new.0));
        if starts.len() + ends.len() > times.len() / 8 + 1024 {
            return false;
        }
        let inside = |t: (f64, f64), w: (f64, f64)| t.0 < w.1 && t.1 > w.0;
        let mut change = |i: usize| {
            let t = times[i];
            match (inside(t, old), inside(t, new)) {
                (false, true) => self.change(doc, index, projection, i, true),
                (true, false) => self.change(doc, index, projection, i, false),
                _ => {}
            }
        };
        for i in starts.clone() {
            change(i);
        }
        for i in index.by_end(ends) {
            // Those the first range held are done.
            if !starts.contains(&i) {
                change(i);
            }
        }
        self.window = window;
        true
    }

    /// The window the crowds are of.
    #[must_use]
    pub fn window(&self) -> (f64, f64) {
        self.window
    }

    fn change(
        &mut self,
        doc: &Document,
        index: &PlaceIndex,
        projection: &Projection,
        event: usize,
        add: bool,
    ) {
        let i = event;
        let Some(point) = index.point(i) else {
            return;
        };
        let k = self.world / projection.world_pixels();
        let [x, y] = projection
            .world_point([f64::from(point[0]), f64::from(point[1])])
            .map(|v| v * k);
        let (col, row) = (
            ((x - self.origin[0]) / self.cell).floor(),
            ((y - self.origin[1]) / self.cell).floor(),
        );
        if col < 0.0 || row < 0.0 || col >= self.cols as f64 || row >= self.rows as f64 {
            return;
        }
        let Some(sums) = self.grid.get_mut(row as usize * self.cols + col as usize) else {
            return;
        };
        let lane = doc.event_lanes().get(i).copied().unwrap_or(0) as u32;
        let entry = sums.lanes.iter().position(|(l, _)| *l == lane);
        if add {
            sums.count += 1;
            sums.x += x;
            sums.y += y;
            sums.events += i as u64;
            match entry {
                Some(k) => sums.lanes[k].1 += 1,
                None => sums.lanes.push((lane, 1)),
            }
        } else if sums.count > 0 {
            sums.count -= 1;
            sums.x -= x;
            sums.y -= y;
            sums.events = sums.events.saturating_sub(i as u64);
            if let Some(k) = entry {
                sums.lanes[k].1 -= 1;
                if sums.lanes[k].1 == 0 {
                    sums.lanes.swap_remove(k);
                }
            }
            if sums.count == 0 {
                *sums = Sums::default();
            }
        }
    }

    /// The marks inside the screen rectangle `rect` of `projection`'s view:
    /// one per cell with events, only the cells the view shows looked at.
    #[must_use]
    pub fn marks(&self, projection: &Projection, rect: [f32; 4]) -> Vec<Mark> {
        let k = self.world / projection.world_pixels();
        let [x0, y0, x1, y1] = grid_view(projection, self.world);
        let col = |x: f64| ((x - self.origin[0]) / self.cell).floor().max(0.0) as usize;
        let row = |y: f64| ((y - self.origin[1]) / self.cell).floor().max(0.0) as usize;
        let (c0, c1) = (col(x0), (col(x1) + 1).min(self.cols));
        let (r0, r1) = (row(y0), (row(y1) + 1).min(self.rows));
        let mut out = Vec::new();
        for r in r0..r1 {
            for s in &self.grid[r * self.cols + c0.min(c1)..r * self.cols + c1] {
                if s.count == 0 {
                    continue;
                }
                let n = f64::from(s.count);
                let at = projection.world_to_screen([s.x / n / k, s.y / n / k]);
                let (x, y) = (at[0] as f32, at[1] as f32);
                if !(x >= rect[0] && x < rect[2] && y >= rect[1] && y < rect[3]) {
                    continue;
                }
                let lane = s
                    .lanes
                    .iter()
                    .max_by_key(|(l, c)| (*c, std::cmp::Reverse(*l)))
                    .filter(|(_, c)| 3 * u64::from(*c) >= 2 * u64::from(s.count))
                    .map(|(l, _)| *l as usize);
                out.push(Mark {
                    at: [x, y],
                    count: s.count as usize,
                    single: (s.count == 1).then_some(s.events as usize),
                    lane,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DocumentBuilder, Event, Place};
    use crate::places::cells_in_time;
    use chronoscope_geo::MapView;
    use std::sync::atomic::{AtomicBool, AtomicUsize};

    fn doc(n: usize) -> Document {
        let events = (0..n)
            .map(|i| {
                let f = i as f64;
                let start =
                    Date::parse(&format!("2024-{:02}-{:02}", i / 28 % 12 + 1, i % 28 + 1)).unwrap();
                let end = (i % 5 == 0)
                    .then(|| Date::parse(&format!("2024-12-{:02}", i % 28 + 1)).unwrap());
                Event {
                    end,
                    category: Some(format!("c{}", i % 3)),
                    place: (i % 9 != 0)
                        .then(|| {
                            Place::checked(-50.0 + (f * 13.0) % 100.0, -150.0 + (f * 29.0) % 300.0)
                                .ok()
                        })
                        .flatten()
                        .map(Box::new),
                    ..Event::new(format!("e{i}"), format!("E{i}"), start)
                }
            })
            .collect();
        DocumentBuilder {
            events,
            ..DocumentBuilder::default()
        }
        .build()
    }

    fn sorted(marks: impl Iterator<Item = Mark>) -> Vec<(usize, Option<usize>, [i32; 2])> {
        let mut v: Vec<_> = marks
            .map(|m| {
                (
                    m.count,
                    m.single,
                    [(m.at[0] * 10.0) as i32, (m.at[1] * 10.0) as i32],
                )
            })
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn sliding_the_window_gives_what_gathering_again_gives() {
        let d = doc(400);
        let index = PlaceIndex::build(&d, &AtomicBool::new(false), &AtomicUsize::new(0)).unwrap();
        let size = [800.0, 500.0];
        let view = MapView::default().clamped(size);
        let p = view.projection([0.0, 0.0], size);
        let rect = [0.0, 0.0, 800.0, 500.0];
        let t = |s: &str| Date::parse(s).unwrap().start_seconds();
        let windows = [
            (t("2024-01-10"), t("2024-03-01")),
            (t("2024-01-20"), t("2024-03-15")),
            (t("2024-02-20"), t("2024-02-25")),
            (t("2023-12-01"), t("2024-12-31")),
            (t("2024-06-01"), t("2024-08-01")),
        ];
        let mut crowds = Crowds::new(&d, &index, windows[0], &p, 30.0);
        for &w in &windows[1..] {
            assert!(crowds.slide(&d, &index, w, &p));
            let fresh = Crowds::new(&d, &index, w, &p, 30.0);
            assert_eq!(
                sorted(crowds.marks(&p, rect).into_iter()),
                sorted(fresh.marks(&p, rect).into_iter()),
                "{w:?}"
            );
            // Every event in view is in one mark.
            let in_view = cells_in_time(&d, &index, Some(w), &p, (rect, 30.0));
            let plain: usize = in_view.iter().map(|c| c.count).sum();
            let ours: usize = crowds.marks(&p, rect).iter().map(|m| m.count).sum();
            assert!(ours <= plain + 2 && ours + 40 >= plain, "{ours} {plain}");
        }
        assert_eq!(crowds.window(), windows[4]);
    }

    #[test]
    fn the_cells_stay_the_same_as_the_map_is_dragged() {
        let d = doc(400);
        let index = PlaceIndex::build(&d, &AtomicBool::new(false), &AtomicUsize::new(0)).unwrap();
        let size = [600.0, 400.0];
        let rect = [0.0, 0.0, 600.0, 400.0];
        let view = MapView {
            center: [0.5, 0.5],
            zoom: 2.0,
        };
        let all = (f64::NEG_INFINITY, f64::INFINITY);
        let p = view.projection([0.0, 0.0], size);
        let crowds = Crowds::new(&d, &index, all, &p, 30.0);
        let moved = view.panned(37.0, -12.0);
        let q = moved.projection([0.0, 0.0], size);
        assert!(crowds.covers(&q));
        // The same marks, moved with the map, as gathering there again.
        let fresh = Crowds::new(&d, &index, all, &q, 30.0);
        assert_eq!(
            sorted(crowds.marks(&q, rect).into_iter()),
            sorted(fresh.marks(&q, rect).into_iter())
        );
        // Zoomed a little, within the half level, they still serve.
        assert!(crowds.covers(&MapView { zoom: 2.2, ..view }.projection([0.0, 0.0], size)));
        // Dragged past the region, or zoomed further, gathered again.
        assert!(!crowds.covers(&view.panned(2000.0, 0.0).projection([0.0, 0.0], size)));
        assert!(!crowds.covers(&MapView { zoom: 2.5, ..view }.projection([0.0, 0.0], size)));
    }

    #[test]
    fn a_crowd_takes_the_colour_of_its_events_when_they_share_one() {
        let d = doc(60);
        let index = PlaceIndex::build(&d, &AtomicBool::new(false), &AtomicUsize::new(0)).unwrap();
        let size = [100.0, 100.0];
        // The whole world in the hundred pixels.
        let world = MapView {
            center: [0.5, 0.5],
            zoom: MapView::min_zoom(100.0),
        };
        let p = world.projection([0.0, 0.0], size);
        let all = (f64::NEG_INFINITY, f64::INFINITY);
        let crowds = Crowds::new(&d, &index, all, &p, 100.0);
        let marks: Vec<Mark> = crowds.marks(&p, [0.0, 0.0, 100.0, 100.0]);
        let total: usize = marks.iter().map(|m| m.count).sum();
        assert_eq!(total, index.count());
        // Three categories spread evenly: a crowd of them is mixed; a
        // mark of one event has its lane.
        for m in &marks {
            match m.count {
                1 => assert!(m.lane.is_some_and(|l| l < d.lanes().len())),
                n if n > 6 => assert_eq!(m.lane, None, "{m:?}"),
                _ => {}
            }
        }
    }
}
