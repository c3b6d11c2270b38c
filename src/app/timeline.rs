//! The timeline widget: ruler, lanes and events, with zoom, pan and selection;
//! moving events by dragging them is in `timeline_drag.rs`.
//!
//! Follows egui's custom-widget recipe: allocate the area, read interaction,
//! compute the layout with the pure [`crate::layout`] and [`crate::ticks`]
//! modules, paint, then describe every interactive item to AccessKit (label,
//! role, selected state) so screen readers and tests can find it. It never
//! changes app state: it returns [`Command`]s.

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, Response, Role, Sense, Stroke, StrokeKind,
    Ui, WidgetInfo, pos2, vec2,
};

use super::{Command, overview, timeline_drag};
use crate::layout::{self, ItemKind, LayoutParams, RenderItem, Shape};
use crate::model::{Document, Event, Zone};
use crate::ticks;
use crate::time_axis::TimeAxis;

/// Empty space kept on each side when fitting events, in points.
pub const FIT_MARGIN: f64 = 56.0;
/// Zoom factor of one + or - key press.
pub const KEY_ZOOM: f64 = 1.5;
/// Zoom per point of wheel movement: one wheel notch zooms by [`WHEEL_NOTCH_ZOOM`].
const WHEEL_ZOOM_PER_POINT: f64 = 0.0045;
/// Points per wheel "line" (one notch of a mouse wheel).
const POINTS_PER_LINE: f32 = 40.0;
/// The zoom factor of one mouse wheel notch, about 1.2.
pub const WHEEL_NOTCH_ZOOM: f64 = 1.197_217_363_121_810_3; // exp(0.0045 * 40)
/// Width of the lanes' scroll bar, shown when they are taller than the area.
const SCROLLBAR_WIDTH: f32 = 12.0;
/// Height of the ruler above the lanes.
pub const RULER_HEIGHT: f32 = 40.0;
const LABEL_FONT: f32 = 13.0;

/// Lane colours ([`crate::layout::LANE_RGB`]) for painting.
pub const PALETTE: [Color32; 8] = {
    const fn rgb(c: [u8; 3]) -> Color32 {
        Color32::from_rgb(c[0], c[1], c[2])
    }
    let p = crate::layout::LANE_RGB;
    [
        rgb(p[0]),
        rgb(p[1]),
        rgb(p[2]),
        rgb(p[3]),
        rgb(p[4]),
        rgb(p[5]),
        rgb(p[6]),
        rgb(p[7]),
    ]
};

/// The colour of lane `lane` by position alone.
#[must_use]
pub fn lane_color(lane: usize) -> Color32 {
    PALETTE[lane % PALETTE.len()]
}

/// How events are presented: coloured by lane (the file's category colours
/// where it gives them) or, when several files are shown, by file; the
/// ones the search found highlighted; their times shown in a zone.
#[derive(Clone, Copy, Debug, Default)]
pub struct Coloring<'a> {
    /// Palette index of each layer, when events take their file's colour.
    pub layers: Option<&'a [usize]>,
    /// The events the search found, sorted: drawn on a highlight.
    pub matches: &'a [usize],
    /// The zone times of day are shown in.
    pub zone: Zone,
    /// The layer of the draft events, drawn hollow, when there are some.
    pub drafts: Option<usize>,
}

/// The fills of period bands, taken in turn.
const PERIOD_FILLS: [Color32; 2] = [
    // Blue and amber at about a seventh of their strength.
    Color32::from_rgba_premultiplied(10, 16, 26, 36),
    Color32::from_rgba_premultiplied(28, 20, 8, 36),
];

/// Eras and periods as labelled bands behind the events: a band over the
/// lanes, its title at the foot of the timeline (hover: dates and
/// description; AccessKit: "Period: title, dates").
fn periods(
    ui: &mut Ui,
    painter: &egui::Painter,
    doc: &Document,
    axis: &TimeAxis,
    area: Rect,
    visuals: &egui::Visuals,
) {
    for (i, period) in doc.periods.iter().enumerate() {
        let t0 = period.start.start_seconds();
        let t1 = period.end.end_seconds().max(t0);
        let clamp = |x: f64| {
            x.clamp(
                f64::from(area.left()) - 10.0,
                f64::from(area.right()) + 10.0,
            ) as f32
        };
        let (x0, x1) = (clamp(axis.x_of(t0)), clamp(axis.x_of(t1)));
        if x1 <= area.left() || x0 >= area.right() || x1 - x0 < 1.0 {
            continue;
        }
        let band = Rect::from_x_y_ranges(x0..=x1, area.y_range());
        painter.rect_filled(band, 0.0, PERIOD_FILLS[i % PERIOD_FILLS.len()]);
        painter.vline(
            x0,
            area.y_range(),
            Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(0.4)),
        );
        // The title at the foot, in the band's visible part, when it fits.
        let visible = band.intersect(area);
        let galley = painter.layout_no_wrap(
            period.title.clone(),
            FontId::proportional(12.0),
            visuals.weak_text_color(),
        );
        let size = galley.size();
        if size.x + 8.0 > visible.width() {
            continue;
        }
        let pos = pos2(visible.left() + 4.0, visible.bottom() - size.y - 4.0);
        let label_rect = Rect::from_min_size(pos, size);
        painter.galley(pos, galley, visuals.weak_text_color());
        let dates = format!("{} – {}", period.start.human(), period.end.human());
        let response = ui.interact(
            label_rect,
            ui.scope_id().with(("period", i)),
            Sense::hover(),
        );
        let name = format!("Period: {}, {dates}", period.title);
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &name));
        response.on_hover_ui(|ui| {
            ui.strong(&period.title);
            ui.weak(&dates);
            if let Some(description) = &period.description {
                ui.label(description);
            }
        });
    }
}

/// Behind an event (or cluster) the search found.
const SEARCH_HIGHLIGHT: Color32 = Color32::from_rgba_premultiplied(110, 84, 0, 110);

impl Coloring<'_> {
    /// Whether `item` (of `doc`) shows an event the search found; for a
    /// count, one that starts in its bucket.
    fn is_match(&self, doc: &Document, item: &RenderItem) -> bool {
        let found = |i: &usize| self.matches.binary_search(i).is_ok();
        match &item.kind {
            ItemKind::Event { index, .. } => found(index),
            ItemKind::Cluster { events, .. } => events.iter().any(found),
            ItemKind::Aggregate { t0, t1, .. } => {
                // Events are in time order, so the matches are too: the ones
                // starting in the bucket are a run, searched for its lane
                // (at most a few thousand looked at per bucket).
                let start = |m: &usize| doc.event_times().get(*m).map_or(f64::INFINITY, |t| t.0);
                let first = self.matches.partition_point(|m| start(m) < *t0);
                self.matches[first..]
                    .iter()
                    .take_while(|m| start(m) < *t1)
                    .take(4096)
                    .any(|&m| doc.event_lanes().get(m) == Some(&item.lane))
            }
        }
    }

    /// The colour of lane `lane`: the file's colour for its category, else
    /// the palette's.
    pub(super) fn lane(doc: &Document, lane: usize) -> Color32 {
        doc.lanes()
            .get(lane)
            .and_then(|name| doc.category_colors.get(name))
            .map_or_else(
                || lane_color(lane),
                |[r, g, b]| Color32::from_rgb(*r, *g, *b),
            )
    }

    /// A cluster takes its members' colour when they share one, else grey.
    fn cluster(
        self,
        doc: &Document,
        events: &[usize],
        lane: usize,
        visuals: &egui::Visuals,
    ) -> Color32 {
        if self.layers.is_none() {
            return Self::lane(doc, lane); // one file: every member has the lane's colour
        }
        let mut colors = events.iter().map(|&e| self.event(doc, e, lane));
        let first = colors.next().unwrap_or_else(|| Self::lane(doc, lane));
        if colors.all(|c| c == first) {
            first
        } else {
            visuals.widgets.inactive.bg_fill
        }
    }

    fn event(self, doc: &Document, index: usize, lane: usize) -> Color32 {
        match (self.layers, doc.event_layers().get(index)) {
            (Some(colors), Some(&layer)) => lane_color(colors.get(layer).copied().unwrap_or(layer)),
            _ => Self::lane(doc, lane),
        }
    }
}

/// Black or white, whichever reads better on `background`.
fn text_on(background: Color32) -> Color32 {
    let [r, g, b, _] = background.to_array();
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The accessible label of an event's timeline item, its times in UTC.
#[must_use]
pub fn event_label(event: &Event) -> String {
    event_label_in(event, Zone::Utc)
}

/// The accessible label of an event's timeline item, its times in `zone`.
#[must_use]
pub fn event_label_in(event: &Event, zone: Zone) -> String {
    format!("{}, {}", event.title, event.date_human_in(zone))
}

/// What the timeline shows of a document, besides the document.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    /// The time axis; `None`: fit every event.
    pub view: Option<TimeAxis>,
    pub selected: Option<usize>,
    pub coloring: Coloring<'a>,
    /// Whether each lane is collapsed to its title.
    pub collapsed: &'a [bool],
}

/// Shows the timeline of `doc` filling `ui`, with the overview strip under
/// it; what the user does goes to `out` (a new view, a selection, a lane
/// toggled, a range of dates).
pub fn show(ui: &mut Ui, doc: &Document, shown: Shown<'_>, out: &mut Vec<Command>) {
    let area = ui.available_rect_before_wrap();
    // The overview strip takes the bottom; the ruler and lanes the rest.
    let has_overview = doc.event_count() > 0;
    let rect = if has_overview {
        Rect::from_min_max(
            area.min,
            pos2(area.right(), area.bottom() - overview::HEIGHT),
        )
    } else {
        area
    };
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    response.widget_info(|| WidgetInfo::labeled(Role::ScrollView, true, "Timeline"));
    let axis = axis_in(doc, shown.view, rect);
    let mut scroll = LaneScroll::read(ui, response.id.with("lane_scroll"), rect);
    scroll.page_keys(ui);
    let dragged_range = ruler_drag(ui, &response, rect, &axis, out);
    remember_pointer(ui, &response, &axis, out);
    let mut new_axis = zoom(ui, rect, axis, &mut scroll);
    if response.double_clicked() {
        out.push(Command::FitAll);
    } else if response.clicked() {
        out.push(Command::Select(None));
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);
    let bar = scroll.drag_bar(ui);
    let layout = lay_out(ui, doc, &axis, shown.collapsed, &mut scroll);
    let board = timeline_drag::Board {
        doc,
        layout: &layout,
        axis: &axis,
        clip: scroll.lanes_clip(),
        zone: shown.coloring.zone,
    };
    // A drag moves an event, or else pans.
    let moving = timeline_drag::update(ui, &response, &board, out);
    if response.dragged() && moving.is_none() {
        new_axis = new_axis.pan(f64::from(response.drag_delta().x));
    }
    if shown.view != Some(new_axis) {
        // Also when only the area changed: the stored view is what is drawn.
        out.push(Command::SetView(new_axis));
    }
    let scene = Scene {
        painter: &painter.with_clip_rect(scroll.lanes_clip()),
        visuals: &visuals,
        doc,
        axis: &axis,
        selected: shown.selected,
        coloring: shown.coloring,
    };
    paint_bands(ui, &scene, &layout, rect, out);
    paint_ruler(&painter, &visuals, rect, &axis);
    paint_events(ui, &scene, (&layout, moving.as_ref()), out);
    if let Some((t0, t1)) = dragged_range {
        paint_range(&painter, &visuals, rect, &axis, (t0, t1));
    }
    scroll.paint_bar(scene.painter, &visuals, &bar);
    if has_overview {
        let strip = Rect::from_min_max(pos2(area.left(), rect.bottom()), area.max);
        ui.allocate_rect(strip, Sense::hover());
        overview::show(ui, strip, doc, &new_axis, out);
    }
    if doc.event_count() == 0 {
        scene.painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "This file has no events.",
            FontId::proportional(15.0),
            visuals.weak_text_color(),
        );
    }
}

/// The axis of `view` drawn in `rect`; with no view, one fitting every
/// event. When the area changes width (a side panel opens, the window
/// resizes), the same time range stays in view.
fn axis_in(doc: &Document, view: Option<TimeAxis>, rect: Rect) -> TimeAxis {
    let (left, width) = (f64::from(rect.left()), f64::from(rect.width()));
    view.map_or_else(
        || fit(doc, left, width),
        |v| {
            if (v.x_left() - left).abs() < 1e-9 && (v.width() - width).abs() < 1e-9 {
                v // unchanged: no float drift, no needless repaint
            } else {
                TimeAxis::new(left, width, v.start(), v.end())
            }
        },
    )
}

/// Vertical scrolling of the lanes when they are taller than the area:
/// the offset and the content height of the last frame, kept in egui's
/// memory like a `ScrollArea`'s.
struct LaneScroll {
    id: egui::Id,
    offset: f32,
    /// The lanes' height in the last frame.
    content: f32,
    /// Where the lanes start (under the ruler), and the timeline's area.
    lanes_top: f32,
    rect: Rect,
}

impl LaneScroll {
    fn read(ui: &Ui, id: egui::Id, rect: Rect) -> Self {
        let (offset, content) = ui.data(|d| d.get_temp(id)).unwrap_or((0.0, 0.0));
        Self {
            id,
            offset,
            content,
            lanes_top: rect.top() + RULER_HEIGHT,
            rect,
        }
    }

    /// The height the lanes are seen in.
    fn visible(&self) -> f32 {
        self.rect.bottom() - self.lanes_top - 4.0
    }

    /// How far the lanes scroll (0: they fit).
    fn max(&self) -> f32 {
        (self.content - self.visible()).max(0.0)
    }

    /// The scroll bar's track, on the right of the lanes.
    fn bar(&self) -> Rect {
        Rect::from_x_y_ranges(
            (self.rect.right() - SCROLLBAR_WIDTH)..=self.rect.right(),
            self.lanes_top..=self.rect.bottom(),
        )
    }

    /// The lanes' part of the timeline, under the ruler.
    fn lanes_clip(&self) -> Rect {
        Rect::from_min_max(pos2(self.rect.left(), self.lanes_top), self.rect.max)
    }

    /// The thumb's height and the length it moves along.
    fn thumb(&self) -> (f32, f32) {
        let visible = self.visible();
        let height = (visible * visible / self.content.max(1.0)).max(24.0);
        (height, self.bar().height() - height)
    }

    /// Page Up and Page Down scroll by most of a screen.
    fn page_keys(&mut self, ui: &Ui) {
        if self.max() <= 0.0 {
            return;
        }
        let page = self.visible() * 0.9;
        ui.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, egui::Key::PageDown) {
                self.offset += page;
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::PageUp) {
                self.offset -= page;
            }
        });
    }

    /// Whether the pointer is over the scroll bar (the wheel scrolls the lanes there).
    fn hovered(&self, ui: &Ui) -> bool {
        self.max() > 0.0
            && ui
                .input(|i| i.pointer.hover_pos())
                .is_some_and(|p| self.bar().contains(p))
    }

    /// Dragging the scroll bar's thumb; the offset is then kept in range.
    fn drag_bar(&mut self, ui: &Ui) -> Response {
        let max = self.max();
        let area = if max > 0.0 { self.bar() } else { Rect::NOTHING };
        let response = ui.interact(area, self.id.with("bar"), Sense::drag());
        let (_, track) = self.thumb();
        if response.dragged() && track > 0.0 {
            self.offset += response.drag_delta().y * max / track;
        }
        self.offset = self.offset.clamp(0.0, max);
        response
    }

    /// Keeps the offset and the lanes' new height for the next frame.
    fn store(&self, ui: &Ui, content: f32) {
        ui.data_mut(|d| d.insert_temp(self.id, (self.offset, content)));
        if (content - self.content).abs() > 0.5 {
            ui.ctx().request_repaint(); // the scroll range changed: settle it next frame
        }
    }

    fn paint_bar(&self, painter: &egui::Painter, visuals: &egui::Visuals, bar: &Response) {
        let max = self.max();
        if max <= 0.0 {
            return;
        }
        let (height, track) = self.thumb();
        let track_rect = self.bar();
        let top = track_rect.top() + self.offset / max * track;
        let thumb = Rect::from_x_y_ranges(
            (track_rect.left() + 2.0)..=(track_rect.right() - 2.0),
            top..=(top + height),
        );
        painter.rect_filled(track_rect, 0.0, visuals.extreme_bg_color);
        let fill = if bar.hovered() || bar.dragged() {
            visuals.widgets.hovered.bg_fill
        } else {
            visuals.widgets.inactive.bg_fill
        };
        painter.rect_filled(thumb, 3.0, fill);
    }
}

/// Dragging along the ruler filters to that range of dates (the time
/// where the drag began is kept while it lasts); double-clicking it fits
/// every event. The range being dragged, to draw.
fn ruler_drag(
    ui: &Ui,
    response: &Response,
    rect: Rect,
    axis: &TimeAxis,
    out: &mut Vec<Command>,
) -> Option<(f64, f64)> {
    let ruler_rect = Rect::from_min_size(rect.min, vec2(rect.width(), RULER_HEIGHT));
    let ruler = ui
        .interact(
            ruler_rect,
            response.id.with("ruler"),
            Sense::click_and_drag(),
        )
        .on_hover_cursor(egui::CursorIcon::ResizeHorizontal)
        .on_hover_text("Drag along the ruler to show only the events of those dates");
    ruler.widget_info(|| {
        WidgetInfo::labeled(Role::Slider, true, "Ruler: drag to show only those dates")
    });
    let range_id = response.id.with("ruler_range");
    if ruler.drag_started()
        && let Some(origin) = ui.input(|i| i.pointer.press_origin())
    {
        let t = axis.t_of(f64::from(origin.x));
        ui.data_mut(|d| d.insert_temp(range_id, t));
    }
    let dragged_range = ui.data(|d| d.get_temp::<f64>(range_id)).and_then(|t0| {
        let x = ui.input(|i| i.pointer.latest_pos())?.x;
        Some((t0, axis.t_of(f64::from(x))))
    });
    if ruler.drag_stopped() {
        ui.data_mut(|d| d.remove::<f64>(range_id));
        if let Some((t0, t1)) = dragged_range
            && (axis.x_of(t1) - axis.x_of(t0)).abs() >= 4.0
            && let Some((from, to)) = crate::ticks::range_dates(t0, t1)
        {
            out.push(Command::SetDateFilter(from, to));
        }
    }
    if ruler.double_clicked() {
        out.push(Command::FitAll);
    }
    dragged_range.filter(|_| ruler.dragged() || ruler.drag_stopped())
}

/// The memory id of the time under the pointer on the timeline.
fn pointer_id() -> egui::Id {
    egui::Id::unique("timeline_pointer_time")
}

/// The time last under the pointer on the timeline (Edit > New event at
/// the pointer's date).
#[must_use]
pub fn pointer_time(ctx: &egui::Context) -> Option<f64> {
    ctx.data(|d| d.get_temp::<f64>(pointer_id()))
}

/// Keeps the time under the pointer; a right click offers a new event there.
fn remember_pointer(ui: &Ui, response: &Response, axis: &TimeAxis, out: &mut Vec<Command>) {
    if let Some(p) = response.hover_pos() {
        let t = axis.t_of(f64::from(p.x));
        ui.data_mut(|d| d.insert_temp(pointer_id(), t));
    }
    response.context_menu(|ui| {
        if ui.button("New event here").clicked() {
            if let Some(t) = pointer_time(ui.ctx()) {
                out.push(Command::NewEventAt(t));
            }
            ui.close();
        }
    });
}

/// The axis after this frame's wheel (zoom, or pan with Shift; over the
/// scroll bar it scrolls the lanes) and pinch (zoom). Dragging pans too,
/// unless the drag moves an event (see `show`).
fn zoom(ui: &Ui, rect: Rect, axis: TimeAxis, scroll: &mut LaneScroll) -> TimeAxis {
    let mut new_axis = axis;
    if !ui.rect_contains_pointer(rect) {
        return new_axis;
    }
    let over_scrollbar = scroll.hovered(ui);
    let pointer_x = ui.input(|i| i.pointer.hover_pos()).map_or(
        f64::from(rect.left()) + f64::from(rect.width()) / 2.0,
        |p| f64::from(p.x),
    );
    for event in ui.input(|i| i.events.clone()) {
        match event {
            egui::Event::MouseWheel {
                unit,
                delta,
                modifiers,
                ..
            } => {
                let per = match unit {
                    egui::MouseWheelUnit::Point => 1.0,
                    egui::MouseWheelUnit::Line => POINTS_PER_LINE,
                    egui::MouseWheelUnit::Page => rect.height(),
                };
                let delta = delta * per;
                if over_scrollbar {
                    scroll.offset -= delta.y;
                } else if modifiers.shift && delta.x == 0.0 {
                    new_axis = new_axis.pan(f64::from(delta.y));
                } else {
                    new_axis = new_axis.pan(f64::from(delta.x));
                    let factor = (f64::from(delta.y) * WHEEL_ZOOM_PER_POINT).exp();
                    new_axis = new_axis.zoom_at(pointer_x, factor);
                }
            }
            egui::Event::Zoom(factor) => {
                new_axis = new_axis.zoom_at(pointer_x, f64::from(factor));
            }
            _ => {}
        }
    }
    new_axis
}

/// The layout of `doc` on `axis` in the lanes' area, scrolled; keeps the
/// lanes' height for the scroll bar.
fn lay_out(
    ui: &Ui,
    doc: &Document,
    axis: &TimeAxis,
    collapsed: &[bool],
    scroll: &mut LaneScroll,
) -> layout::Layout {
    let mut params = layout_params(doc, collapsed, scroll.rect, scroll.lanes_top);
    params.top -= scroll.offset;
    if scroll.max() > 0.0 {
        params.right -= SCROLLBAR_WIDTH;
    }
    let font = FontId::proportional(LABEL_FONT);
    let measure = |s: &str| -> f32 {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(s.to_owned(), font.clone(), Color32::WHITE)
                .size()
                .x
        })
    };
    let layout = layout::layout_collapsed(doc, axis, &params, collapsed, &measure);
    scroll.store(ui, layout.bottom - params.top);
    layout
}

/// The lanes' bands and their titles (which collapse and expand them).
fn paint_bands(
    ui: &mut Ui,
    scene: &Scene<'_>,
    layout: &layout::Layout,
    rect: Rect,
    out: &mut Vec<Command>,
) {
    let Scene {
        painter,
        visuals,
        doc,
        coloring,
        ..
    } = *scene;
    let clip = painter.clip_rect();
    for (i, lane) in layout.lanes.iter().enumerate() {
        let band = Rect::from_x_y_ranges(rect.x_range(), lane.top..=lane.bottom);
        if i % 2 == 1 {
            painter.rect_filled(band, 0.0, visuals.faint_bg_color);
        }
        let color = if coloring.layers.is_some() {
            visuals.text_color() // events take their file's colour, not the lane's
        } else {
            Coloring::lane(doc, i)
        };
        lane_header(ui, painter, lane, rect.left(), clip, color, out);
    }
}

/// What is in the lanes: periods, density strips, the events
/// (interactive), and the selection in a counted lane.
fn paint_events(
    ui: &mut Ui,
    scene: &Scene<'_>,
    (layout, moving): (&layout::Layout, Option<&timeline_drag::Moving>),
    out: &mut Vec<Command>,
) {
    let Scene {
        painter,
        visuals,
        doc,
        axis,
        coloring,
        ..
    } = *scene;
    let clip = painter.clip_rect();
    periods(ui, painter, doc, axis, clip, visuals);
    // Density strips of the lanes too dense for single events: one mesh.
    paint_density(painter, doc, layout, coloring, clip);
    let faint = timeline_drag::faint(painter);
    let faint = Scene {
        painter: &faint,
        ..*scene
    };
    let mut moved = None;
    for (n, item) in layout.items.iter().enumerate() {
        let hit = item_rect(item, layout).intersect(clip);
        if hit.height() <= 0.0 || hit.width() <= 0.0 {
            continue; // scrolled out of sight
        }
        let item_response = interact_item(ui, scene, item, n, hit, out);
        match (&item.kind, moving) {
            // Faint where it was, drawn where it goes over everything.
            (&ItemKind::Event { index, shape }, Some(m)) if index == m.index => {
                paint_item(&faint, item, false);
                moved = Some((item, shape, m));
            }
            _ => paint_item(scene, item, item_response.hovered()),
        }
    }
    if let Some((item, shape, m)) = moved {
        let ghost = timeline_drag::ghost((axis, clip, coloring.zone), item, shape, m);
        paint_event_as(scene, &ghost, (m.index, shape, &m.moved), true);
    }
    paint_selected_in_aggregate(painter, doc, layout, axis, scene.selected, visuals);
}

/// The axis that shows all events of `doc` in `width` points starting at `left`.
#[must_use]
pub fn fit(doc: &Document, left: f64, width: f64) -> TimeAxis {
    let (t0, t1) = doc.time_range().unwrap_or((0.0, 86_400.0 * 365.0));
    TimeAxis::fit(left, width, t0, t1, FIT_MARGIN)
}

/// A lane's title, which collapses and expands the lane when clicked:
/// a triangle, the name, and when collapsed its number of events.
fn lane_header(
    ui: &mut Ui,
    painter: &egui::Painter,
    lane: &layout::LaneBox,
    left: f32,
    clip: Rect,
    color: Color32,
    out: &mut Vec<Command>,
) {
    let font = FontId::proportional(12.0);
    let text = if lane.collapsed {
        format!("{} · {}", lane.name, layout::count_text(lane.events))
    } else {
        lane.name.clone()
    };
    let galley = painter.layout_no_wrap(text, font, color);
    let header = Rect::from_min_size(
        pos2(left + 4.0, lane.top + 1.0),
        egui::vec2(galley.size().x + 20.0, galley.size().y + 4.0),
    );
    let hit = header.intersect(clip);
    if hit.height() <= 0.0 {
        return; // scrolled out of sight
    }
    let response = ui
        .interact(
            hit,
            ui.scope_id().with(("lane", &lane.name)),
            Sense::click(),
        )
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    let name = if lane.collapsed {
        format!("Expand lane {}", lane.name)
    } else {
        format!("Collapse lane {}", lane.name)
    };
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &name));
    if response.hovered() {
        painter.rect_filled(header, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    // ▸ when collapsed, ▾ when expanded, painted (not every font has them).
    let c = pos2(header.left() + 8.0, header.center().y);
    let points = if lane.collapsed {
        vec![
            c + egui::vec2(-2.5, -4.0),
            c + egui::vec2(3.5, 0.0),
            c + egui::vec2(-2.5, 4.0),
        ]
    } else {
        vec![
            c + egui::vec2(-4.0, -2.5),
            c + egui::vec2(4.0, -2.5),
            c + egui::vec2(0.0, 3.5),
        ]
    };
    painter.add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
    painter.galley(
        pos2(header.left() + 16.0, header.top() + 2.0),
        galley,
        color,
    );
    if response.clicked() {
        out.push(Command::ToggleLane(lane.name.clone()));
    }
}

fn layout_params(doc: &Document, collapsed: &[bool], rect: Rect, lanes_top: f32) -> LayoutParams {
    let base = LayoutParams::default();
    let shut = (0..doc.lanes().len())
        .filter(|&l| collapsed.get(l).copied().unwrap_or(false))
        .count();
    let lanes = (doc.lanes().len() - shut).max(1) as f32;
    // Rows that fit in the height (beside the collapsed lanes' titles):
    // lanes grow up to that before clustering.
    let open_height = rect.bottom() - lanes_top - shut as f32 * (base.lane_header + base.lane_gap);
    let per_lane = open_height / lanes - base.lane_header - base.lane_gap;
    let max_rows = (per_lane / base.row_height).floor().clamp(1.0, 8.0) as usize;
    LayoutParams {
        left: rect.left(),
        right: rect.right(),
        top: lanes_top + 4.0,
        max_rows,
        ..base
    }
}

/// The screen rectangle an item reacts to: its marker or bar and its label;
/// for an aggregate, its bucket's whole band of the lane.
pub(super) fn item_rect(item: &RenderItem, layout: &layout::Layout) -> Rect {
    if let (ItemKind::Aggregate { .. }, Some(lane)) = (&item.kind, layout.lanes.get(item.lane)) {
        let top = lane.top + LayoutParams::default().lane_header;
        let (mut x0, mut x1) = (item.x0, item.x1);
        if let Some(label) = &item.label {
            x0 = x0.min(label.x);
            x1 = x1.max(label.x + label.width);
        }
        return Rect::from_x_y_ranges(x0..=x1.max(x0 + 4.0), top..=lane.bottom);
    }
    let half = LayoutParams::default().row_height / 2.0 - 1.0;
    let mut r = Rect::from_x_y_ranges(item.x0..=item.x1, (item.y - half)..=(item.y + half));
    if let Some(label) = &item.label {
        r = r.union(Rect::from_x_y_ranges(
            label.x..=label.x + label.width,
            (item.y - half)..=(item.y + half),
        ));
    }
    r
}

/// Makes `item` (the `n`th laid out) interactive in `rect`: clicking an
/// event selects it, clicking a cluster or a count zooms into it; hovering
/// tells more.
fn interact_item(
    ui: &Ui,
    scene: &Scene<'_>,
    item: &RenderItem,
    n: usize,
    rect: Rect,
    out: &mut Vec<Command>,
) -> Response {
    let (doc, selected) = (scene.doc, scene.selected);
    let rect = rect.intersect(ui.clip_rect());
    let shows_selected = || selected.is_some_and(|s| item.shows(doc, s));
    match &item.kind {
        ItemKind::Event { index, .. } => {
            let response = interact_event(ui, scene, *index, (n, rect), out);
            if response.hovered() {
                super::map_view::note_hovered(ui.ctx(), *index);
            }
            response
        }
        ItemKind::Cluster { events, t0, t1 } => {
            let id = ui.scope_id().with(("cluster", item.lane, events.first()));
            let label = format!("{} events, click to zoom in", events.len());
            let response = item_button(ui, (rect, id), &label, shows_selected());
            if response.clicked() {
                out.push(Command::ZoomToRange(*t0, *t1));
            }
            response.on_hover_ui(|ui| {
                ui.strong(format!("{} events", events.len()));
                for &e in events.iter().take(12) {
                    if let Some(event) = doc.event(e) {
                        ui.label(format!("{} — {}", event.date_text(), event.title));
                    }
                }
                if events.len() > 12 {
                    ui.weak(format!("and {} more", events.len() - 12));
                }
                ui.weak("Click to zoom in.");
            })
        }
        ItemKind::Aggregate { count, t0, t1 } => {
            let id = ui.scope_id().with(("aggregate", item.lane, t0.to_bits()));
            let label = format!("{}, click to zoom in", layout::count_text(*count));
            let response = item_button(ui, (rect, id), &label, shows_selected());
            if response.clicked() {
                out.push(Command::ZoomToRange(*t0, *t1));
            }
            response.on_hover_ui(|ui| {
                ui.strong(layout::count_text(*count));
                ui.label(format!(
                    "{} to {}",
                    crate::calendar::day_label(*t0),
                    crate::calendar::day_label(*t1 - 1e-3)
                ));
                ui.weak("Click to zoom in.");
            })
        }
    }
}

/// Event `index` as a button (the `n`th item, in `rect`): clicking selects
/// it; hovering shows its title and dates.
fn interact_event(
    ui: &Ui,
    scene: &Scene<'_>,
    index: usize,
    (n, rect): (usize, Rect),
    out: &mut Vec<Command>,
) -> Response {
    let (doc, zone) = (scene.doc, scene.coloring.zone);
    let Some(event) = doc.event(index) else {
        return ui.interact(
            Rect::NOTHING,
            ui.scope_id().with(("item", n)),
            Sense::hover(),
        );
    };
    // Two files shown together may share an id.
    let id = ui
        .scope_id()
        .with(("event", doc.event_layers().get(index), &event.id));
    let label = event_label_in(&event, zone);
    let response = item_button(ui, (rect, id), &label, scene.selected == Some(index));
    if response.double_clicked() {
        out.push(Command::Select(Some(index)));
        out.push(Command::OpenEditor(true));
    } else if response.clicked() {
        out.push(Command::Select(Some(index)));
    }
    response.on_hover_ui(|ui| {
        ui.strong(&event.title);
        ui.label(event.date_human_in(zone));
        ui.weak(format!("as written: {}", event.date_text()));
    })
}

/// A timeline item as a button in `rect` with `id`: it takes clicks, and
/// tells AccessKit its label and whether it is (or holds) the selection.
fn item_button(ui: &Ui, (rect, id): (Rect, egui::Id), label: &str, selected: bool) -> Response {
    let response = ui.interact(rect, id, Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, label));
    // egui reports `selected` as "toggled"; screen readers also want "selected".
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_selected(selected));
    response
}

/// The range being dragged along the ruler: a band over the timeline and
/// the dates it will filter to.
fn paint_range(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    rect: Rect,
    axis: &TimeAxis,
    (t0, t1): (f64, f64),
) {
    let clamp = |t: f64| {
        axis.x_of(t)
            .clamp(f64::from(rect.left()), f64::from(rect.right())) as f32
    };
    let (x0, x1) = (clamp(t0.min(t1)), clamp(t0.max(t1)));
    let band = Rect::from_x_y_ranges(x0..=x1.max(x0 + 1.0), rect.y_range());
    let accent = visuals.selection.bg_fill;
    painter.rect_filled(band, 0.0, accent.gamma_multiply(0.25));
    painter.vline(x0, rect.y_range(), Stroke::new(1.0, accent));
    painter.vline(x1, rect.y_range(), Stroke::new(1.0, accent));
    if let Some((from, to)) = crate::ticks::range_dates(t0, t1) {
        let text = if from == to {
            from
        } else {
            format!("{from} – {to}")
        };
        painter.text(
            pos2(f32::midpoint(x0, x1), rect.top() + RULER_HEIGHT + 6.0),
            Align2::CENTER_TOP,
            text,
            FontId::proportional(13.0),
            visuals.strong_text_color(),
        );
    }
}

fn paint_ruler(painter: &egui::Painter, visuals: &egui::Visuals, rect: Rect, axis: &TimeAxis) {
    let ruler = Rect::from_min_size(rect.min, vec2(rect.width(), RULER_HEIGHT));
    painter.rect_filled(ruler, 0.0, visuals.panel_fill);
    painter.hline(
        rect.x_range(),
        ruler.bottom(),
        visuals.widgets.noninteractive.bg_stroke,
    );
    let r = ticks::ruler(axis.start(), axis.end(), axis.width(), 90.0);
    let text = visuals.text_color();
    let weak = visuals.weak_text_color();
    let grid = Stroke::new(
        1.0,
        visuals
            .widgets
            .noninteractive
            .bg_stroke
            .color
            .gamma_multiply(0.5),
    );
    for tick in &r.minor {
        let x = axis.x_of(tick.time) as f32;
        if x < rect.left() - 200.0 || x > rect.right() + 200.0 {
            continue;
        }
        painter.vline(
            x,
            (ruler.bottom() - 6.0)..=ruler.bottom(),
            Stroke::new(1.0, weak),
        );
        painter.vline(x, ruler.bottom()..=rect.bottom(), grid);
        // A label cut by either edge is left out: the next one says it.
        let galley = painter.layout_no_wrap(tick.label.clone(), FontId::proportional(12.0), text);
        if x + 3.0 < rect.left() || x + 3.0 + galley.size().x > rect.right() {
            continue;
        }
        painter.galley(
            pos2(x + 3.0, ruler.bottom() - 4.0 - galley.size().y),
            galley,
            text,
        );
    }
    // Coarse boundaries and the pinned context label at the left edge.
    let font = FontId::proportional(12.0);
    let mut first_major_x = f32::INFINITY;
    for tick in &r.major {
        let x = axis.x_of(tick.time) as f32;
        first_major_x = first_major_x.min(x);
        painter.vline(x, ruler.top()..=ruler.bottom(), Stroke::new(1.0, weak));
        let galley = painter.layout_no_wrap(tick.label.clone(), font.clone(), text);
        if x + 4.0 + galley.size().x <= rect.right() {
            painter.galley(pos2(x + 4.0, ruler.top() + 3.0), galley, text);
        }
    }
    if !r.context.is_empty() {
        let galley = painter.layout_no_wrap(r.context.clone(), font, text);
        if rect.left() + 8.0 + galley.size().x + 12.0 < first_major_x {
            painter.galley(pos2(rect.left() + 4.0, ruler.top() + 3.0), galley, text);
        }
    }
}

/// What every item is painted with.
struct Scene<'a> {
    painter: &'a egui::Painter,
    visuals: &'a egui::Visuals,
    doc: &'a Document,
    axis: &'a TimeAxis,
    selected: Option<usize>,
    coloring: Coloring<'a>,
}

/// Paints `item` (`hovered` or not), over a highlight when the search
/// found it.
fn paint_item(scene: &Scene<'_>, item: &RenderItem, hovered: bool) {
    let Scene {
        painter,
        doc,
        coloring,
        ..
    } = *scene;
    let y = item.y;
    if coloring.is_match(doc, item) {
        // The item and its label, which may sit on either side.
        let (left, right) = item.label.as_ref().map_or((item.x0, item.x1), |l| {
            (l.x.min(item.x0), (l.x + l.width).max(item.x1))
        });
        let r = Rect::from_x_y_ranges((left - 7.0)..=(right + 7.0), (y - 11.0)..=(y + 11.0));
        painter.rect_filled(r, 6.0, SEARCH_HIGHLIGHT);
    }
    match &item.kind {
        ItemKind::Aggregate { .. } => paint_aggregate(scene, item, hovered),
        ItemKind::Cluster { events, .. } => paint_cluster(scene, item, events, hovered),
        ItemKind::Event { index, shape } => paint_event(scene, item, (*index, *shape), hovered),
    }
}

/// A count of the events of a bucket in a dense lane: its label on a pill.
fn paint_aggregate(scene: &Scene<'_>, item: &RenderItem, hovered: bool) {
    let (painter, visuals) = (scene.painter, scene.visuals);
    let color = Coloring::lane(scene.doc, item.lane);
    let y = item.y;
    let band = Rect::from_x_y_ranges(item.x0..=item.x1, (y - 10.0)..=(y + 10.0));
    if hovered {
        painter.rect_filled(
            band.expand2(vec2(2.0, 0.0)),
            3.0,
            color.gamma_multiply(0.15),
        );
    }
    if let Some(label) = &item.label {
        let pill = Rect::from_x_y_ranges(
            (label.x - 4.0)..=(label.x + label.width + 4.0),
            (y - 8.0)..=(y + 8.0),
        );
        painter.rect_filled(pill, 8.0, visuals.extreme_bg_color.gamma_multiply(0.85));
        if hovered {
            painter.rect_stroke(pill, 8.0, Stroke::new(1.0, color), StrokeKind::Outside);
        }
        painter.text(
            pos2(label.x, y),
            Align2::LEFT_CENTER,
            &label.text,
            FontId::proportional(12.0),
            visuals.text_color(),
        );
    }
}

/// A cluster of `events` drawn too close to tell apart: a pill with their number.
fn paint_cluster(scene: &Scene<'_>, item: &RenderItem, events: &[usize], hovered: bool) {
    let (painter, visuals, doc) = (scene.painter, scene.visuals, scene.doc);
    let color = scene.coloring.cluster(doc, events, item.lane, visuals);
    let y = item.y;
    let r = Rect::from_x_y_ranges(item.x0..=item.x1.max(item.x0 + 22.0), (y - 9.0)..=(y + 9.0));
    painter.rect_filled(r, CornerRadius::same(9), color);
    if scene.selected.is_some_and(|s| item.shows(doc, s)) || hovered {
        painter.rect_stroke(
            r.expand(2.0),
            CornerRadius::same(11),
            Stroke::new(2.0, visuals.text_color()),
            StrokeKind::Outside,
        );
    }
    painter.text(
        r.center(),
        Align2::CENTER_CENTER,
        events.len().to_string(),
        FontId::proportional(12.0),
        text_on(color),
    );
}

/// Event `index` drawn as `shape`, ringed when selected or hovered, and
/// its label.
fn paint_event(
    scene: &Scene<'_>,
    item: &RenderItem,
    (index, shape): (usize, Shape),
    hovered: bool,
) {
    if let Some(event) = scene.doc.event(index) {
        paint_event_as(scene, item, (index, shape, &event), hovered);
    }
}

/// Event `index` drawn as `shape` with the dates of `event` (itself, or
/// it moved to where it is being dragged).
fn paint_event_as(
    scene: &Scene<'_>,
    item: &RenderItem,
    (index, shape, event): (usize, Shape, &Event),
    hovered: bool,
) {
    let Scene {
        painter,
        visuals,
        doc,
        axis,
        selected,
        coloring,
    } = *scene;
    let color = coloring.event(doc, index, item.lane);
    let is_selected = selected == Some(index);
    let ring = if is_selected {
        Some(Stroke::new(2.5, visuals.text_color()))
    } else if hovered {
        Some(Stroke::new(1.5, visuals.weak_text_color()))
    } else {
        None
    };
    let y = item.y;
    let centre = pos2(item.x0.midpoint(item.x1), y);
    let band = Rect::from_x_y_ranges(item.x0..=item.x1, (y - 7.0)..=(y + 7.0));
    let draft = coloring
        .drafts
        .is_some_and(|l| doc.event_layers().get(index) == Some(&l));
    match shape {
        // A draft is hollow: proposed, not yet an event of the chronology.
        _ if draft => paint_draft(painter, (centre, band), color, ring),
        Shape::Marker => paint_marker(painter, centre, color, event, ring),
        Shape::Imprecise | Shape::Bar
            if item.x1 - item.x0 <= 2.0 * LayoutParams::default().marker_half + 0.5 =>
        {
            paint_marker(painter, centre, color.gamma_multiply(0.55), event, ring);
        }
        Shape::Imprecise => {
            soft_span(painter, band, color.gamma_multiply(0.45), 10.0);
            painter.hline(item.x0..=item.x1, y, Stroke::new(1.5, color));
        }
        Shape::Bar => paint_bar(painter, axis, item, event, color),
    }
    let wide = matches!(shape, Shape::Imprecise | Shape::Bar)
        && item.x1 - item.x0 > 2.0 * LayoutParams::default().marker_half + 0.5;
    if let (true, Some(ring)) = (wide, ring) {
        painter.rect_stroke(band, CornerRadius::same(3), ring, StrokeKind::Outside);
    }
    if let Some(label) = &item.label {
        // On the solid (certain) part of a bar the label is white.
        let solid_from = axis.x_of(event.start.end_seconds()) as f32;
        let solid_to = event
            .end
            .as_ref()
            .map_or(item.x1, |e| axis.x_of(e.start_seconds()) as f32);
        let on_bar = shape == Shape::Bar
            && label.x >= solid_from.max(item.x0)
            && label.x + label.width <= solid_to.min(item.x1);
        let color = if on_bar {
            text_on(color) // on the solid bar, in either theme
        } else if is_selected {
            visuals.strong_text_color()
        } else {
            visuals.text_color()
        };
        painter.text(
            pos2(label.x, y),
            Align2::LEFT_CENTER,
            &label.text,
            FontId::proportional(LABEL_FONT),
            color,
        );
    }
}

/// The density strips of aggregated lanes as one mesh: a bar per column,
/// its height by the square root of its share of the lane's largest count,
/// so that sparse columns stay visible next to dense ones.
fn paint_density(
    painter: &egui::Painter,
    doc: &Document,
    layout: &layout::Layout,
    coloring: Coloring<'_>,
    clip: Rect,
) {
    let mut mesh = Mesh::default();
    for strip in &layout.density {
        if strip.bottom < clip.top() || strip.top > clip.bottom() || strip.max == 0 {
            continue;
        }
        let color = if coloring.layers.is_some() {
            Color32::GRAY
        } else {
            Coloring::lane(doc, strip.lane)
        }
        .gamma_multiply(0.7);
        let height = strip.bottom - strip.top - 2.0;
        #[allow(clippy::cast_precision_loss)] // a share for a bar height
        let max = strip.max as f32;
        for &(x0, x1, count) in &strip.columns {
            #[allow(clippy::cast_precision_loss)]
            let h = (height * (count as f32 / max).sqrt()).max(1.5);
            let r = Rect::from_x_y_ranges(
                x0.max(clip.left())..=x1.min(clip.right()).max(x0 + 1.0),
                (strip.bottom - h)..=strip.bottom,
            );
            mesh.add_colored_rect(r, color);
        }
    }
    if !mesh.is_empty() {
        painter.add(mesh);
    }
}

/// The selected event in a lane shown as counts: a marker over the strip, so
/// the selection stays visible at any zoom.
fn paint_selected_in_aggregate(
    painter: &egui::Painter,
    doc: &Document,
    layout: &layout::Layout,
    axis: &TimeAxis,
    selected: Option<usize>,
    visuals: &egui::Visuals,
) {
    let Some(index) = selected else { return };
    let (Some(&lane), Some(&(t0, t1)), Some(event)) = (
        doc.event_lanes().get(index),
        doc.event_times().get(index),
        doc.event(index),
    ) else {
        return;
    };
    let Some(band) = layout.lanes.get(lane).filter(|l| l.aggregated) else {
        return;
    };
    let x = axis.x_of(t0 + (t1 - t0) / 2.0) as f32;
    let top = band.top + LayoutParams::default().lane_header;
    painter.vline(
        x,
        top..=band.bottom,
        Stroke::new(1.5, visuals.strong_text_color()),
    );
    paint_marker(
        painter,
        pos2(x, top.midpoint(band.bottom)),
        Coloring::lane(doc, lane),
        &event,
        Some(Stroke::new(2.5, visuals.strong_text_color())),
    );
}

/// A point event: a filled circle, hollow-centred when its date is qualified.
fn paint_marker(
    painter: &egui::Painter,
    c: Pos2,
    color: Color32,
    event: &Event,
    ring: Option<Stroke>,
) {
    let r = LayoutParams::default().marker_half;
    painter.circle_filled(c, r, color);
    if event.is_qualified() {
        painter.circle_filled(c, r * 0.45, Color32::WHITE);
    }
    if let Some(ring) = ring {
        painter.circle_stroke(c, r + 2.5, ring);
    }
}

/// A draft event: a hollow marker, or a dashed outline over its span.
fn paint_draft(
    painter: &egui::Painter,
    (c, band): (Pos2, Rect),
    color: Color32,
    ring: Option<Stroke>,
) {
    let r = LayoutParams::default().marker_half;
    let stroke = Stroke::new(1.5, color);
    if band.width() <= 2.0 * r + 0.5 {
        painter.circle_stroke(c, r - 0.75, stroke);
    } else {
        let band = band.shrink2(egui::vec2(0.0, 2.0));
        let corners = [
            band.left_top(),
            band.right_top(),
            band.right_bottom(),
            band.left_bottom(),
            band.left_top(),
        ];
        painter.extend(egui::Shape::dashed_line(&corners, stroke, 5.0, 3.0));
    }
    if let Some(ring) = ring {
        painter.circle_stroke(c, r + 2.5, ring);
    }
}

/// A ranged event: solid where both ends are certain, soft over the
/// imprecision of its start and end dates.
fn paint_bar(
    painter: &egui::Painter,
    axis: &TimeAxis,
    item: &RenderItem,
    event: &Event,
    color: Color32,
) {
    let y = item.y;
    let clamp = |t: f64| axis.x_of(t).clamp(f64::from(item.x0), f64::from(item.x1)) as f32;
    let solid_from = clamp(event.start.end_seconds());
    let solid_to = event
        .end
        .as_ref()
        .map_or(item.x1, |e| clamp(e.start_seconds()));
    let band = |x0: f32, x1: f32| Rect::from_x_y_ranges(x0..=x1, (y - 7.0)..=(y + 7.0));
    let soft = color.gamma_multiply(0.4);
    if solid_from > item.x0 {
        soft_span(painter, band(item.x0, solid_from), soft, 0.0);
    }
    if solid_to < item.x1 {
        soft_span(painter, band(solid_to, item.x1), soft, 0.0);
    }
    if solid_to > solid_from {
        painter.rect_filled(
            band(solid_from, solid_to),
            CornerRadius::same(3),
            color.gamma_multiply(0.85),
        );
    }
}

/// A translucent band whose ends fade out over `ramp` points.
fn soft_span(painter: &egui::Painter, r: Rect, color: Color32, ramp: f32) {
    let ramp = ramp.min(r.width() / 2.0);
    let clear = Color32::TRANSPARENT;
    let xs = [r.left(), r.left() + ramp, r.right() - ramp, r.right()];
    let colors = [clear, color, color, clear];
    let mut mesh = Mesh::default();
    for (x, c) in xs.iter().zip(colors) {
        let c = if ramp == 0.0 { color } else { c };
        mesh.vertices.push(Vertex {
            pos: pos2(*x, r.top()),
            uv: WHITE_UV,
            color: c,
        });
        mesh.vertices.push(Vertex {
            pos: pos2(*x, r.bottom()),
            uv: WHITE_UV,
            color: c,
        });
    }
    for i in 0..3u32 {
        let b = i * 2;
        mesh.add_triangle(b, b + 1, b + 2);
        mesh.add_triangle(b + 1, b + 3, b + 2);
    }
    painter.add(mesh);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LayoutParams, layout};

    #[test]
    fn counts_holding_an_event_the_search_found_are_marked_and_only_those() {
        let doc = crate::generate::document(20_000, 3);
        let axis = fit(&doc, 0.0, 1200.0);
        let params = LayoutParams {
            right: 1200.0,
            ..LayoutParams::default()
        };
        let laid = layout(&doc, &axis, &params, &|s: &str| s.len() as f32 * 6.0);
        let counts: Vec<&RenderItem> = laid
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Aggregate { .. }))
            .collect();
        assert!(counts.len() > 10, "the lanes are counted");
        // One event found: only the count that holds it is marked.
        let found = 12_345;
        let coloring = Coloring {
            matches: &[found],
            ..Coloring::default()
        };
        let marked: Vec<&&RenderItem> = counts
            .iter()
            .filter(|i| coloring.is_match(&doc, i))
            .collect();
        assert_eq!(marked.len(), 1);
        assert!(marked[0].shows(&doc, found));
        assert!(!counts.iter().any(|i| Coloring::default().is_match(&doc, i)));
    }
}
