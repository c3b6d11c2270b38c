//! Finding the events in a time window without looking at the others.
//!
//! A timeline of a million events cannot scan them all each frame. The
//! [`TimeIndex`] keeps, for the whole document and for each lane, the events'
//! start times in sorted arrays, so what a view shows is found by binary
//! search and how many events fall in a pixel column is two binary searches.
//!
//! Events that last long would defeat a search by start (one long war makes
//! every later window a candidate), so each list is split into tiers by
//! duration: up to a day, up to a month, up to a year, and longer. Within a
//! tier a running maximum of the end times (`reach`) bounds how far back an
//! event overlapping a window can start.
//!
//! The index costs 20 bytes per event (start, reach, event number) per list
//! it is in: the whole document's and its lane's.

use std::ops::Range;

/// Every `SAMPLE`-th start is kept in a small array searched first, so a
/// search touches one short block of the large array: counting columns is
/// bound by memory latency, not by comparisons.
const SAMPLE: usize = 16;

/// Longest duration of each tier, in seconds; the last tier takes the rest.
const TIER_LIMITS: [f64; 3] = [86_400.0, 32.0 * 86_400.0, 367.0 * 86_400.0];

/// Events of one duration tier, sorted by start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tier {
    /// Start of each event, ascending.
    t0: Vec<f64>,
    /// `reach[i]`: the latest end among events `0..=i`, so non-decreasing.
    reach: Vec<f64>,
    /// The event, as an index of `Document::event`.
    events: Vec<u32>,
    /// `t0[0], t0[SAMPLE], t0[2 * SAMPLE], …`
    sample: Vec<f64>,
}

impl Tier {
    fn push(&mut self, event: Option<u32>, t0: f64, t1: f64) {
        let reach = self.reach.last().map_or(t1, |&r| r.max(t1));
        if self.t0.len().is_multiple_of(SAMPLE) {
            self.sample.push(t0);
        }
        self.t0.push(t0);
        self.reach.push(reach);
        self.events.extend(event);
    }

    /// Bytes of memory the tier holds.
    fn heap_bytes(&self) -> usize {
        (self.t0.capacity() + self.reach.capacity() + self.sample.capacity()) * size_of::<f64>()
            + self.events.capacity() * size_of::<u32>()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.t0.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.t0.is_empty()
    }

    /// Positions of the events that may overlap `[a, b]`: every event that
    /// does is in the range; some in it may end before `a`.
    #[must_use]
    pub fn candidates(&self, a: f64, b: f64) -> Range<usize> {
        let lo = self.reach.partition_point(|&r| r < a);
        let hi = self.t0.partition_point(|&t| t <= b);
        lo..hi.max(lo)
    }

    /// How many events start before `t`.
    #[must_use]
    pub fn starts_before(&self, t: f64) -> usize {
        self.starts_before_from(0, t)
    }

    /// How many events start before `t`, given that at least `from` do:
    /// gallops forward over the sample from `from`'s block, then searches
    /// one block, so walking sorted edges costs O(log gap) per edge in a
    /// cache-sized array plus one short block of the large one.
    #[must_use]
    pub fn starts_before_from(&self, from: usize, t: f64) -> usize {
        let n = self.t0.len();
        // Samples before `t`: block `k` starts at `k * SAMPLE`.
        let mut lo = (from / SAMPLE).min(self.sample.len());
        let mut step = 1;
        while lo + step <= self.sample.len() && self.sample[lo + step - 1] < t {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(self.sample.len());
        let blocks = lo + self.sample[lo..hi].partition_point(|&s| s < t);
        if blocks == 0 {
            return 0;
        }
        // Every start before block `blocks - 1` is before `t`; search that block.
        let start = (blocks - 1) * SAMPLE;
        let end = (start + SAMPLE).min(n);
        let found = start + self.t0[start..end].partition_point(|&s| s < t);
        found.max(from.min(n))
    }

    /// The event at position `pos`, as an index of `Document::event`.
    #[must_use]
    pub fn event(&self, pos: usize) -> usize {
        self.events.get(pos).map_or(0, |&e| e as usize)
    }
}

/// The events of one list (the document or a lane) by tier.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TierSet {
    pub tiers: [Tier; 4],
}

impl TierSet {
    /// Adds an event; `event` is `None` in a list that only counts (the
    /// whole document's), which then cannot list its events.
    fn push(&mut self, event: Option<u32>, t0: f64, t1: f64) {
        self.tiers[tier_of(t1 - t0)].push(event, t0, t1);
    }

    /// Number of events in all tiers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.tiers.iter().map(Tier::len).sum()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of memory the list holds.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.tiers.iter().map(Tier::heap_bytes).sum()
    }

    /// The first event of the list (the lowest number), in a list that
    /// names its events.
    #[must_use]
    pub fn first_event(&self) -> Option<usize> {
        self.tiers
            .iter()
            .filter_map(|t| t.events.first())
            .min()
            .map(|&e| e as usize)
    }

    /// An upper bound of the events overlapping `[a, b]`, in O(log n).
    #[must_use]
    pub fn candidate_count(&self, a: f64, b: f64) -> usize {
        self.tiers.iter().map(|t| t.candidates(a, b).len()).sum()
    }

    /// The events overlapping `[a, b]` (given each event's `(t0, t1)`),
    /// ascending, which is time order. Costs the candidates, so call it
    /// only when [`Self::candidate_count`] is small.
    #[must_use]
    pub fn overlapping(&self, a: f64, b: f64, times: &[(f64, f64)]) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.candidate_count(a, b));
        for tier in &self.tiers {
            for pos in tier.candidates(a, b) {
                let e = tier.event(pos);
                if times.get(e).is_some_and(|&(_, t1)| t1 >= a) {
                    out.push(e);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Counts events per column for columns with edges `edges[0] < edges[1]
    /// < …`: column `i` counts the events starting in `[edges[i],
    /// edges[i+1])`, and column 0 also those that started earlier but are
    /// still going on at `edges[0]`. Costs O(columns · log n) plus the
    /// events that overlap the first edge.
    #[must_use]
    pub fn column_counts(&self, edges: &[f64], times: &[(f64, f64)]) -> Vec<u32> {
        let columns = edges.len().saturating_sub(1);
        let mut counts = vec![0_u32; columns];
        let Some(&first) = edges.first() else {
            return counts;
        };
        for tier in &self.tiers {
            if tier.is_empty() {
                continue;
            }
            let mut before = tier.starts_before(first);
            // Events that began before the first edge and still run.
            let carried = tier
                .candidates(first, first)
                .take_while(|&p| p < before)
                .filter(|&p| times.get(tier.event(p)).is_some_and(|&(_, t1)| t1 > first))
                .count();
            if let Some(c) = counts.first_mut() {
                *c = c.saturating_add(u32::try_from(carried).unwrap_or(u32::MAX));
            }
            for (i, &edge) in edges.iter().enumerate().skip(1) {
                let upto = tier.starts_before_from(before, edge);
                let n = u32::try_from(upto.saturating_sub(before)).unwrap_or(u32::MAX);
                counts[i - 1] = counts[i - 1].saturating_add(n);
                before = upto;
            }
        }
        counts
    }

    /// The earliest start and the latest end, `None` when empty.
    #[must_use]
    pub fn span(&self) -> Option<(f64, f64)> {
        let t0 = self
            .tiers
            .iter()
            .filter_map(|t| t.t0.first())
            .copied()
            .reduce(f64::min)?;
        let t1 = self
            .tiers
            .iter()
            .filter_map(|t| t.reach.last())
            .copied()
            .reduce(f64::max)?;
        Some((t0, t1))
    }
}

/// Which tier an event lasting `d` seconds is in.
fn tier_of(d: f64) -> usize {
    TIER_LIMITS
        .iter()
        .position(|&limit| d <= limit)
        .unwrap_or(TIER_LIMITS.len())
}

impl Tier {
    /// Makes `sample` again from block `from_pos / SAMPLE` on.
    fn resample(&mut self, from_pos: usize) {
        let block = (from_pos / SAMPLE).min(self.sample.len());
        self.sample.truncate(block);
        self.sample
            .extend(self.t0.iter().skip(block * SAMPLE).step_by(SAMPLE).copied());
    }

    /// Makes `reach` again from `pos` on, from each entry's end in `times`
    /// (lists whose entries name their events).
    fn rereach(&mut self, pos: usize, times: &[(f64, f64)]) {
        let mut reach = pos
            .checked_sub(1)
            .and_then(|p| self.reach.get(p))
            .copied()
            .unwrap_or(f64::NEG_INFINITY);
        for (r, &e) in self.reach.iter_mut().zip(&self.events).skip(pos) {
            reach = reach.max(times.get(e as usize).map_or(reach, |t| t.1));
            *r = reach;
        }
    }

    /// Takes out the entry of event `event` (a list naming its events).
    fn remove_event(&mut self, event: u32, times: &[(f64, f64)]) -> bool {
        let Ok(pos) = self.events.binary_search(&event) else {
            return false;
        };
        self.t0.remove(pos);
        self.reach.remove(pos);
        self.events.remove(pos);
        self.rereach(pos, times);
        self.resample(pos);
        true
    }

    /// Puts event `event` (already numbered among the others) in its place.
    fn insert_event(&mut self, event: u32, times: &[(f64, f64)]) {
        let Some(&(t0, _)) = times.get(event as usize) else {
            return;
        };
        let pos = self.events.partition_point(|&e| e < event);
        self.t0.insert(pos, t0);
        self.reach.insert(pos, t0);
        self.events.insert(pos, event);
        self.rereach(pos, times);
        self.resample(pos);
    }

    /// Takes out one entry starting at `t0` from a list that only counts.
    /// The later `reach` values are kept: they stay an upper bound, so
    /// searches stay right (a few more candidates at worst).
    fn remove_counted(&mut self, t0: f64) {
        let pos = self.t0.partition_point(|&t| t < t0);
        if self.t0.get(pos).is_some_and(|&t| t.total_cmp(&t0).is_eq()) {
            self.t0.remove(pos);
            self.reach.remove(pos);
            self.resample(pos);
        }
    }

    /// Adds an entry `(t0, t1)` to a list that only counts.
    fn insert_counted(&mut self, t0: f64, t1: f64) {
        let pos = self.t0.partition_point(|&t| t <= t0);
        let before = pos
            .checked_sub(1)
            .and_then(|p| self.reach.get(p))
            .copied()
            .unwrap_or(t1);
        self.t0.insert(pos, t0);
        self.reach.insert(pos, before.max(t1));
        for r in self.reach.iter_mut().skip(pos + 1) {
            *r = r.max(t1);
        }
        self.resample(pos);
    }
}

/// The index of a whole document: all events (for counts and the span
/// only), and each lane's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimeIndex {
    pub all: TierSet,
    pub lanes: Vec<TierSet>,
}

impl TimeIndex {
    /// Indexes events given in time order by their `(t0, t1)` and lane.
    #[must_use]
    pub fn new(times: &[(f64, f64)], lanes: &[usize], lane_count: usize) -> Self {
        let mut index = Self {
            all: TierSet::default(),
            lanes: vec![TierSet::default(); lane_count],
        };
        for (i, (&(t0, t1), &lane)) in times.iter().zip(lanes).enumerate() {
            let Ok(e) = u32::try_from(i) else {
                break; // more than four billion events: the rest are not drawn
            };
            index.all.push(None, t0, t1);
            if let Some(set) = index.lanes.get_mut(lane) {
                set.push(Some(e), t0, t1);
            }
        }
        for set in std::iter::once(&mut index.all).chain(&mut index.lanes) {
            for tier in &mut set.tiers {
                tier.t0.shrink_to_fit();
                tier.reach.shrink_to_fit();
                tier.events.shrink_to_fit();
                tier.sample.shrink_to_fit();
            }
        }
        index
    }

    /// Takes event `i` out, given the times and lanes from before: the
    /// later events are numbered one less. Costs one pass over the
    /// event numbers and the lane's entries after it, not a rebuild.
    pub fn remove(&mut self, i: usize, times: &[(f64, f64)], lanes: &[usize]) {
        let (Some(&(t0, t1)), Some(&lane), Ok(event)) =
            (times.get(i), lanes.get(i), u32::try_from(i))
        else {
            return;
        };
        let tier = tier_of(t1 - t0);
        self.all.tiers[tier].remove_counted(t0);
        if let Some(set) = self.lanes.get_mut(lane) {
            set.tiers[tier].remove_event(event, times);
        }
        for tier in self.lanes.iter_mut().flat_map(|s| s.tiers.iter_mut()) {
            for e in &mut tier.events {
                if *e > event {
                    *e -= 1;
                }
            }
        }
    }

    /// Puts event `i` in, given the times and lanes with it already in
    /// place: the later events are numbered one more.
    pub fn insert(&mut self, i: usize, times: &[(f64, f64)], lanes: &[usize]) {
        let (Some(&(t0, t1)), Some(&lane), Ok(event)) =
            (times.get(i), lanes.get(i), u32::try_from(i))
        else {
            return;
        };
        for tier in self.lanes.iter_mut().flat_map(|s| s.tiers.iter_mut()) {
            for e in &mut tier.events {
                if *e >= event {
                    *e += 1;
                }
            }
        }
        let tier = tier_of(t1 - t0);
        self.all.tiers[tier].insert_counted(t0, t1);
        if self.lanes.len() <= lane {
            self.lanes.resize_with(lane + 1, TierSet::default);
        }
        self.lanes[lane].tiers[tier].insert_event(event, times);
    }

    /// Adds an empty lane at `lane` (the lanes from it on move one up).
    pub fn insert_lane(&mut self, lane: usize) {
        let at = lane.min(self.lanes.len());
        self.lanes.insert(at, TierSet::default());
    }

    /// Takes out lane `lane`, empty (the lanes after it move one down).
    pub fn remove_lane(&mut self, lane: usize) {
        if self.lanes.get(lane).is_some_and(TierSet::is_empty) {
            self.lanes.remove(lane);
        }
    }

    /// Bytes of memory the index holds.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.all.heap_bytes() + self.lanes.iter().map(TierSet::heap_bytes).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400.0;

    /// Events in time order with a lane each.
    fn index(times: &[(f64, f64)], lanes: &[usize]) -> TimeIndex {
        TimeIndex::new(times, lanes, 2)
    }

    fn brute_overlapping(times: &[(f64, f64)], a: f64, b: f64) -> Vec<usize> {
        (0..times.len())
            .filter(|&i| times[i].0 <= b && times[i].1 >= a)
            .collect()
    }

    fn sample() -> Vec<(f64, f64)> {
        let mut times = vec![
            (0.0, 400.0 * DAY), // a long period
            (5.0 * DAY, 6.0 * DAY),
            (5.0 * DAY, 40.0 * DAY),
            (10.0 * DAY, 10.0 * DAY + 60.0),
            (100.0 * DAY, 101.0 * DAY),
            (300.0 * DAY, 330.0 * DAY),
            (500.0 * DAY, 501.0 * DAY),
        ];
        times.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        times
    }

    #[test]
    fn overlapping_matches_a_scan_for_every_window() {
        let times = sample();
        let lanes = vec![0; times.len()];
        let idx = index(&times, &lanes);
        for a in (0..60).map(|d| f64::from(d) * 10.0 * DAY - DAY / 2.0) {
            for width in [60.0, DAY, 30.0 * DAY, 400.0 * DAY] {
                let b = a + width;
                assert_eq!(
                    idx.lanes[0].overlapping(a, b, &times),
                    brute_overlapping(&times, a, b),
                    "window {a}..{b}"
                );
                assert!(
                    idx.lanes[0].candidate_count(a, b) >= brute_overlapping(&times, a, b).len()
                );
            }
        }
    }

    #[test]
    fn galloping_search_agrees_with_binary_search() {
        let times: Vec<(f64, f64)> = (0..1000)
            .map(|i| (f64::from(i / 3) * 10.0, f64::from(i / 3) * 10.0 + 1.0))
            .collect();
        let idx = index(&times, &vec![0; times.len()]);
        let tier = &idx.lanes[0].tiers[0];
        for from_t in [0.0, 5.0, 100.0, 3000.0] {
            let from = tier.starts_before(from_t);
            for t in [from_t, from_t + 0.5, from_t + 10.0, from_t + 999.0, 1e9] {
                assert_eq!(
                    tier.starts_before_from(from, t),
                    tier.starts_before(t),
                    "from {from_t} to {t}"
                );
            }
        }
    }

    #[test]
    fn a_long_period_does_not_make_every_day_event_a_candidate() {
        // One event of ten years, then a day event every day for ten years.
        let mut times = vec![(0.0, 3650.0 * DAY)];
        times.extend((0..3650).map(|d| (f64::from(d) * DAY, f64::from(d + 1) * DAY)));
        times.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let idx = index(&times, &vec![0; times.len()]);
        // A window of two days in the middle: the period and about three days.
        let n = idx.all.candidate_count(2000.0 * DAY, 2002.0 * DAY);
        assert!(n <= 5, "{n} candidates");
    }

    #[test]
    fn column_counts_add_up_and_carry_running_events_into_the_first_column() {
        let times = sample();
        let lanes: Vec<usize> = (0..times.len()).map(|i| i % 2).collect();
        let idx = index(&times, &lanes);
        let edges: Vec<f64> = (0..=10)
            .map(|i| 8.0 * DAY + f64::from(i) * 50.0 * DAY)
            .collect();
        let counts = idx.all.column_counts(&edges, &times);
        // At day 8: the long period and the 5..40 span still run.
        assert_eq!(counts[0], 3, "{counts:?}"); // two running + the event at day 10
        assert_eq!(counts[1], 1); // day 100
        assert_eq!(counts[5], 1); // day 300
        assert_eq!(counts[9], 1); // day 500
        let total: u32 = counts.iter().sum();
        assert_eq!(total, 6, "everything but the 5..6 day that ended");
        // Lanes split the same counts.
        let by_lane: u32 = idx
            .lanes
            .iter()
            .map(|l| l.column_counts(&edges, &times).iter().sum::<u32>())
            .sum();
        assert_eq!(by_lane, total);
        let starts = |t: f64| -> usize { idx.all.tiers.iter().map(|x| x.starts_before(t)).sum() };
        assert_eq!(starts(6.0 * DAY) - starts(0.0), 3);
        assert_eq!(idx.all.span(), Some((0.0, 501.0 * DAY)));
        assert_eq!(TimeIndex::default().all.span(), None);
    }
}
