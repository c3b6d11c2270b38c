//! What part of the shown events the timeline shows, and how: the time
//! axis (pan and zoom), the timeline's extent on screen, the lanes
//! collapsed to their title, and what the lanes group events by. The zone
//! times are shown in is a setting (it persists: [`super::Settings`]).

use std::collections::BTreeSet;

use super::timeline::FIT_MARGIN;
use crate::facets::Facet;
use crate::model::Document;
use crate::time_axis::TimeAxis;

/// How the timeline shows what is open.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The time axis; `None` means "fit all" on the next frame.
    pub axis: Option<TimeAxis>,
    /// Horizontal extent of the timeline last drawn: (left, width).
    span: Option<(f64, f64)>,
    /// Lanes collapsed to their title, by name.
    pub collapsed: BTreeSet<String>,
    /// What the lanes group events by (View > Lanes by).
    pub group_by: Facet,
}

impl Default for View {
    fn default() -> Self {
        Self {
            axis: None,
            span: None,
            collapsed: BTreeSet::new(),
            group_by: Facet::Category,
        }
    }
}

impl View {
    /// Shows `axis` (the timeline's pan and zoom, and where it is drawn).
    pub fn set(&mut self, axis: TimeAxis) {
        self.span = Some((axis.x_left(), axis.width()));
        self.axis = Some(axis);
    }

    /// Fits every event on the next frame.
    pub fn fit_all(&mut self) {
        self.axis = None;
    }

    /// Zooms around the centre; above 1 zooms in.
    pub fn zoom(&mut self, factor: f64) {
        if let Some(axis) = self.axis {
            let centre = axis.x_left() + axis.width() / 2.0;
            self.axis = Some(axis.zoom_at(centre, factor));
        }
    }

    /// Shows the time range `[t0, t1]`.
    pub fn zoom_to_range(&mut self, t0: f64, t1: f64) {
        if let Some((left, width)) = self.span {
            self.axis = Some(TimeAxis::fit(left, width, t0, t1, FIT_MARGIN));
        }
    }

    /// Scrolls so that `[t0, t1]` is in view.
    pub fn ensure_visible(&mut self, (t0, t1): (f64, f64)) {
        if let Some(axis) = self.axis {
            self.axis = Some(axis.ensure_visible(t0, t1, FIT_MARGIN));
        }
    }

    /// Collapses the lane `name`, or expands it when collapsed.
    pub fn toggle_lane(&mut self, name: String) {
        if !self.collapsed.remove(&name) {
            self.collapsed.insert(name);
        }
    }

    /// Collapses every one of `lanes`, or (`None`) expands every lane.
    pub fn collapse_all(&mut self, lanes: Option<&[String]>) {
        self.collapsed.clear();
        self.collapsed.extend(lanes.into_iter().flatten().cloned());
    }

    /// Groups the events into lanes by `facet`; true when that changed it
    /// (the lanes are new: none is collapsed).
    pub fn group_by(&mut self, facet: Facet) -> bool {
        let changed = facet != self.group_by;
        if changed {
            self.group_by = facet;
            self.collapsed.clear();
        }
        changed
    }

    /// Whether each lane of `doc` is collapsed.
    #[must_use]
    pub fn collapsed_lanes(&self, doc: &Document) -> Vec<bool> {
        doc.lanes()
            .iter()
            .map(|l| self.collapsed.contains(l))
            .collect()
    }

    /// The width a picture of the timeline is drawn at: the timeline's.
    #[must_use]
    pub fn picture_width(&self) -> f32 {
        self.span.map_or(1400.0, |(_, w)| w as f32)
    }

    /// The time range a picture shows: every event of `doc` (`whole`) or
    /// the view.
    #[must_use]
    pub fn picture_range(&self, doc: &Document, whole: bool) -> Option<(f64, f64)> {
        if whole {
            doc.time_range()
                .map(|(t0, t1)| crate::svg::with_margin(t0, t1))
        } else {
            self.axis.map(|v| (v.start(), v.end()))
        }
    }
}
