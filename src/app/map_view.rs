//! The map beside the timeline (View > Map, Ctrl+M): the places of the
//! events in the timeline's window, over a basemap bundled with the app.
//! The widget receives what it shows and returns commands; the view (centre
//! and zoom) is the app's state, changed only by the commands it returns.
//!
//! Recipe: size, allocate, interact, paint, then `widget_info` so that
//! screen readers and tests find it as "Map". Points that crowd a few
//! pixels share a cell of a screen grid (`places::cells`) drawn as one
//! mark with its count; clicking a point selects its event, clicking a
//! crowd zooms into it.

use chronoscope_geo::basemap::{self, Layer};
use chronoscope_geo::{LonLat, MapView, Projection, projection};
use egui::{Align2, Color32, CursorIcon, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::Command;
use super::timeline::Coloring;
use std::sync::{Arc, Mutex};

use crate::crowds::{Crowds, Mark};
use crate::model::Document;
use crate::places::{self, Area, Cell, PlaceIndex};

use crate::places::CELL_PX;

/// How much a point of wheel zooms (as the timeline's wheel).
const WHEEL_ZOOM_PER_POINT: f64 = 0.004;

/// The radius of a single event's point.
const POINT_RADIUS: f32 = 4.5;

/// How fast Play moves the timeline: seconds of the clock for one width of
/// its window, and the words for it.
pub const SPEEDS: [(f64, &str); 4] = [
    (20.0, "slow"),
    (10.0, "normal"),
    (5.0, "fast"),
    (2.0, "very fast"),
];

/// The map's state kept between frames.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPanel {
    /// What is looked at; `None` fits the places in view on the next frame.
    pub view: Option<MapView>,
    /// Whether Play is moving the timeline's window forward.
    pub playing: bool,
    /// Seconds of the clock for one width of the timeline's window.
    pub speed: f64,
}

impl Default for MapPanel {
    fn default() -> Self {
        Self {
            view: None,
            playing: false,
            speed: SPEEDS[1].0,
        }
    }
}

/// The timeline's window `axis` moved forward by `dt` seconds of the clock
/// at `speed` (seconds for one window width).
#[must_use]
pub fn played(
    axis: &crate::time_axis::TimeAxis,
    dt: f64,
    speed: f64,
) -> crate::time_axis::TimeAxis {
    let px = axis.width() * dt / speed.max(0.1);
    axis.pan(-px)
}

/// The bar above the map: Play and its speed, Fit.
fn toolbar(ui: &mut Ui, panel: &MapPanel, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let (label, hint) = if panel.playing {
            ("Pause", "Stop moving the timeline")
        } else {
            (
                "Play",
                "Move the timeline's window forward through time; the map follows",
            )
        };
        if ui.button(label).on_hover_text(hint).clicked() {
            out.push(Command::MapPlay(!panel.playing));
        }
        let current = SPEEDS
            .iter()
            .find(|(s, _)| (*s - panel.speed).abs() < 1e-9)
            .map_or("normal", |(_, n)| *n);
        egui::ComboBox::from_label("Speed")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (speed, name) in SPEEDS {
                    if ui
                        .selectable_label((speed - panel.speed).abs() < 1e-9, name)
                        .on_hover_text(format!("One window width every {speed} seconds"))
                        .clicked()
                    {
                        out.push(Command::MapSpeed(speed));
                    }
                }
            });
        if ui
            .button("Fit")
            .on_hover_text("Show every place in view (F on the map)")
            .clicked()
        {
            out.push(Command::MapFit);
        }
    });
}

/// What the map shows this frame.
pub struct Shown<'a> {
    pub doc: &'a Document,
    /// The shown events' places, once read (read again for every other
    /// document shown).
    pub places: Option<&'a std::sync::Arc<PlaceIndex>>,
    /// How far reading them has got, while it runs.
    pub reading: Option<f32>,
    /// The timeline's window (axis seconds), or everything.
    pub window: Option<(f64, f64)>,
    pub selected: Option<usize>,
    /// The area the events are filtered by, drawn as a box.
    pub area: Option<Area>,
}

/// The id under which the place under the pointer is kept for the status
/// bar (egui's memory, this frame only).
#[must_use]
pub fn pointer_id() -> egui::Id {
    egui::Id::unique("map-pointer-place")
}

/// The id under which the timeline and the event list note the event the
/// pointer is over this frame.
#[must_use]
pub fn hovered_event_id() -> egui::Id {
    egui::Id::unique("event-hovered-now")
}

/// The event hovered last frame, which the map marks: what
/// [`hovered_event_id`] held, moved here at the start of each frame.
fn shown_hover_id() -> egui::Id {
    egui::Id::unique("event-hovered-shown")
}

/// Notes that the pointer is over event `index` (the timeline, the list).
pub fn note_hovered(ctx: &egui::Context, index: usize) {
    ctx.data_mut(|d| d.insert_temp(hovered_event_id(), index));
}

/// At the start of a frame: last frame's hovered event becomes the one the
/// map marks, and none is hovered until a widget says so again.
pub fn next_frame(ctx: &egui::Context) {
    ctx.data_mut(|d| {
        if let Some(i) = d.remove_temp::<usize>(hovered_event_id()) {
            d.insert_temp(shown_hover_id(), i);
        } else {
            d.remove::<usize>(shown_hover_id());
        }
    });
}

/// The id under which the map's size as last drawn is kept (for its export
/// at that size).
#[must_use]
pub fn size_id() -> egui::Id {
    egui::Id::unique("map-size")
}

/// Draws the map filling `ui`; what the user did goes to `out`.
pub fn show(ui: &mut Ui, panel: &MapPanel, shown: &Shown<'_>, out: &mut Vec<Command>) {
    toolbar(ui, panel, out);
    let size = ui.available_size().max(vec2(120.0, 120.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let (origin, px) = ([rect.min.x, rect.min.y], [rect.width(), rect.height()]);
    let view = panel
        .view
        .or_else(|| {
            shown
                .places
                .and_then(|p| MapView::fitting(p.places(events_in(shown)), px, 24.0))
        })
        .unwrap_or_default()
        .clamped(px);
    if panel.view.is_none() && shown.places.is_some() {
        out.push(Command::MapView(view));
    }
    let projection = view.projection(origin, px);
    ui.ctx().data_mut(|d| d.insert_temp(size_id(), px));

    interact(ui, &response, view, (rect, origin, px), &projection, out);

    // Paint.
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    let sea = if visuals.dark_mode {
        Color32::from_rgb(0x12, 0x1a, 0x24)
    } else {
        Color32::from_rgb(0xdc, 0xe8, 0xf2)
    };
    painter.rect_filled(rect, 0.0, sea);
    paint_basemap(&painter, &projection, view.zoom, rect, visuals.dark_mode);

    let marks = shown.places.map_or_else(Vec::new, |places| {
        gathered(ui.ctx(), shown, places, &projection, rect)
    });
    let cells = marks.as_slice();
    for mark in cells {
        paint_mark(&painter, shown.doc, mark, &visuals);
    }
    if let (Some(i), Some(places)) = (shown.selected, shown.places)
        && let Some(p) = places.point(i)
    {
        let s = projection.mercator_to_screen([f64::from(p[0]), f64::from(p[1])]);
        let at = pos2(s[0] as f32, s[1] as f32);
        if rect.contains(at) {
            let ring = Stroke::new(2.5, visuals.strong_text_color());
            painter.circle_stroke(at, POINT_RADIUS + 4.0, ring);
        }
    }
    // The event hovered on the timeline or in the list.
    let hovered = ui.ctx().data(|d| d.get_temp::<usize>(shown_hover_id()));
    if let (Some(i), Some(places)) = (hovered, shown.places)
        && let Some(p) = places.point(i)
    {
        let s = projection.mercator_to_screen([f64::from(p[0]), f64::from(p[1])]);
        let at = pos2(s[0] as f32, s[1] as f32);
        if rect.contains(at) {
            let ring = Stroke::new(2.0, visuals.selection.stroke.color);
            painter.circle_stroke(at, POINT_RADIUS + 7.0, ring);
        }
    }
    paint_area(&painter, &projection, shown, ui);
    paint_scale_bar(&painter, &projection, rect, &visuals);
    painter.text(
        rect.right_bottom() - vec2(6.0, 4.0),
        Align2::RIGHT_BOTTOM,
        "Natural Earth",
        FontId::proportional(10.0),
        visuals.weak_text_color(),
    );
    note(ui, rect, shown, cells);

    pick(ui, &response, cells, shown, (&projection, view, px), out);
    describe(&response, cells);
}

/// The wheel (zoom at the pointer), a drag (pan), a double click (zoom
/// in), F (fit); the place under the pointer for the status bar.
fn interact(
    ui: &Ui,
    response: &egui::Response,
    view: MapView,
    (rect, origin, px): (Rect, [f32; 2], [f32; 2]),
    projection: &Projection,
    out: &mut Vec<Command>,
) {
    let mut next = view;
    // Shift+drag draws a box that filters the events by place; a drag
    // without Shift pans.
    let boxing = ui.ctx().data(|d| d.get_temp::<Pos2>(box_id()));
    if response.drag_started() && ui.input(|i| i.modifiers.shift) {
        if let Some(at) = response.interact_pointer_pos() {
            ui.ctx().data_mut(|d| d.insert_temp(box_id(), at));
        }
    } else if let Some(start) = boxing {
        if response.drag_stopped() || !response.dragged() {
            ui.ctx().data_mut(|d| d.remove::<Pos2>(box_id()));
            if let Some(end) = response.interact_pointer_pos() {
                out.push(Command::FilterArea(area_of(projection, start, end)));
            }
        }
    } else if response.dragged_by(egui::PointerButton::Primary) {
        let d = response.drag_delta();
        next = next.panned(f64::from(d.x), f64::from(d.y));
    }
    if let Some(at) = response.hover_pos() {
        for event in ui.input(|i| i.events.clone()) {
            let factor = match event {
                egui::Event::MouseWheel { unit, delta, .. } => {
                    let per = match unit {
                        egui::MouseWheelUnit::Point => 1.0,
                        egui::MouseWheelUnit::Line => 40.0,
                        egui::MouseWheelUnit::Page => f64::from(rect.height()),
                    };
                    (f64::from(delta.y) * per * WHEEL_ZOOM_PER_POINT).exp()
                }
                egui::Event::Zoom(factor) => f64::from(factor),
                _ => continue,
            };
            next = next.zoomed_at(factor, [at.x, at.y], origin, px);
        }
        if response.double_clicked() {
            next = next.zoomed_at(2.0, [at.x, at.y], origin, px);
        }
        let place = projection.to_lonlat([at.x, at.y]);
        ui.ctx()
            .data_mut(|d| d.insert_temp(pointer_id(), place.map(|p| (p.lon, p.lat))));
    } else {
        ui.ctx()
            .data_mut(|d| d.remove::<Option<(f64, f64)>>(pointer_id()));
    }
    if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::F)) {
        out.push(Command::MapFit);
    }
    if next != view {
        out.push(Command::MapView(next.clamped(px)));
    }
}

/// A point hovered (its title) or clicked (its event selected; a crowd
/// zoomed into, or its first event selected when all are at one spot).
fn pick(
    ui: &Ui,
    response: &egui::Response,
    marks: &[Mark],
    shown: &Shown<'_>,
    (projection, view, px): (&Projection, MapView, [f32; 2]),
    out: &mut Vec<Command>,
) {
    let hit = response
        .hover_pos()
        .and_then(|at| marks.iter().find(|m| hits(m, at)));
    if let Some(mark) = hit {
        ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
        let text = match mark.single {
            Some(i) => shown
                .doc
                .event(i)
                .map_or_else(String::new, |e| e.title.clone()),
            None => format!("{} events here: click to zoom in", mark.count),
        };
        response.clone().on_hover_text_at_pointer(text);
    }
    if !response.clicked() {
        return;
    }
    response.request_focus();
    match (hit, shown.places) {
        (
            Some(Mark {
                single: Some(i), ..
            }),
            _,
        ) => out.push(Command::Select(Some(*i))),
        (Some(mark), Some(places)) => {
            // The crowd's events gathered again (once, for the click): where
            // they lie and which comes first.
            let rect = response.rect;
            let screen = [rect.min.x, rect.min.y, rect.max.x, rect.max.y];
            let cells = places::cells_in_time(
                shown.doc,
                places,
                shown.window,
                projection,
                (screen, CELL_PX),
            );
            let at = pos2(mark.at[0], mark.at[1]);
            let Some(cell) = cells.iter().min_by(|a, b| {
                let d = |c: &Cell| pos2(c.at[0], c.at[1]).distance(at);
                d(a).total_cmp(&d(b))
            }) else {
                return;
            };
            if same_spot(cell) {
                out.push(Command::Select(Some(cell.first)));
            } else {
                out.push(Command::MapView(zoom_into(cell, view, px)));
            }
        }
        _ => {}
    }
}

/// The crowds kept between frames (egui's memory), with the places they
/// were gathered from (held, so that no other places can take their
/// address while they are kept).
type Kept = Arc<Mutex<Option<(Arc<PlaceIndex>, Crowds)>>>;

/// The marks of the events in view. The crowds are kept between frames:
/// while the map moves within the region they were gathered over, at the
/// same zoom, they are only looked at again; when the timeline moves, they
/// are slid to its new window (the events that crossed its edges added or
/// taken out); otherwise they are gathered again.
fn gathered(
    ctx: &egui::Context,
    shown: &Shown<'_>,
    places: &Arc<PlaceIndex>,
    projection: &Projection,
    rect: Rect,
) -> Vec<Mark> {
    let window = shown.window.unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
    let kept: Kept = ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Kept>(egui::Id::unique("map-crowds"))
            .clone()
    });
    let Ok(mut kept) = kept.lock() else {
        return Vec::new();
    };
    let fresh = match kept.as_mut() {
        Some((from, crowds)) if Arc::ptr_eq(from, places) && crowds.covers(projection) => {
            crowds.window() != window && !crowds.slide(shown.doc, places, window, projection)
        }
        _ => true,
    };
    if fresh {
        let crowds = Crowds::new(shown.doc, places, window, projection, CELL_PX);
        *kept = Some((Arc::clone(places), crowds));
    }
    let screen = [rect.min.x, rect.min.y, rect.max.x, rect.max.y];
    kept.as_ref()
        .map_or_else(Vec::new, |(_, crowds)| crowds.marks(projection, screen))
}

/// Screen readers (and tests) hear how many events the map shows.
fn describe(response: &egui::Response, marks: &[Mark]) {
    let placed: usize = marks.iter().map(|m| m.count).sum();
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Map");
        info.current_text_value = Some(format!(
            "{} in view on the map",
            crate::formats::common::plural(placed, "event", "events")
        ));
        info
    });
}

/// Where a box being drawn on the map started (egui's memory).
fn box_id() -> egui::Id {
    egui::Id::unique("map-area-box")
}

/// The area between two screen corners; `None` for a box too small to
/// mean one (a click with Shift).
fn area_of(projection: &Projection, a: Pos2, b: Pos2) -> Option<Area> {
    if (a.x - b.x).abs() < 4.0 || (a.y - b.y).abs() < 4.0 {
        return None;
    }
    let (ma, mb) = (
        projection.screen_to_mercator([a.x, a.y]),
        projection.screen_to_mercator([b.x, b.y]),
    );
    let (la, lb) = (
        projection::inverse([ma[0], ma[1].clamp(0.0, 1.0)]),
        projection::inverse([mb[0], mb[1].clamp(0.0, 1.0)]),
    );
    // Over the antimeridian when the corners lie on different copies of
    // the world.
    let crossing = (ma[0].floor() - mb[0].floor()).abs() >= 1.0;
    Some(Area::from_corners(la, lb, crossing))
}

/// The filter's area, or the box being drawn, as a rectangle on screen.
fn paint_area(painter: &egui::Painter, projection: &Projection, shown: &Shown<'_>, ui: &Ui) {
    let stroke = Stroke::new(1.5, ui.visuals().selection.stroke.color);
    if let (Some(start), Some(now)) = (
        ui.ctx().data(|d| d.get_temp::<Pos2>(box_id())),
        ui.input(|i| i.pointer.hover_pos()),
    ) {
        painter.rect_stroke(
            Rect::from_two_pos(start, now),
            0.0,
            stroke,
            egui::StrokeKind::Middle,
        );
        return;
    }
    let Some(area) = &shown.area else {
        return;
    };
    let nw = projection::mercator(LonLat::new(area.west, area.north));
    let mut se = projection::mercator(LonLat::new(area.east, area.south));
    if area.west > area.east {
        se[0] += 1.0;
    }
    let a = projection.mercator_to_screen(nw);
    // The east edge as far from the west as the box is wide.
    let b = [
        a[0] + (se[0] - nw[0]) * projection.world_pixels(),
        a[1] + (se[1] - nw[1]) * projection.world_pixels(),
    ];
    let rect = Rect::from_two_pos(
        pos2(a[0] as f32, a[1] as f32),
        pos2(b[0] as f32, b[1] as f32),
    );
    painter.rect_stroke(rect, 0.0, stroke, egui::StrokeKind::Middle);
}

/// The events the map shows: those of the timeline's window.
fn events_in<'a>(shown: &Shown<'a>) -> Box<dyn Iterator<Item = usize> + 'a> {
    match shown.window {
        Some((a, b)) => Box::new(places::in_time(shown.doc, a, b)),
        None => Box::new(0..shown.doc.event_count()),
    }
}

/// The radius a cell of `count` events is drawn with.
fn radius(count: usize) -> f32 {
    places::mark_radius(count)
}

fn hits(mark: &Mark, at: Pos2) -> bool {
    let c = pos2(mark.at[0], mark.at[1]);
    c.distance(at) <= radius(mark.count) + 3.0
}

/// Whether a crowd's events are all at one spot: they would still share a
/// cell at the closest zoom, so zooming in would not part them.
fn same_spot(cell: &Cell) -> bool {
    let span = (cell.bounds[2] - cell.bounds[0]).max(cell.bounds[3] - cell.bounds[1]);
    span * projection::TILE * projection::MAX_ZOOM.exp2() < f64::from(CELL_PX)
}

/// The view that shows a crowd's events, a little wider.
fn zoom_into(cell: &Cell, view: MapView, px: [f32; 2]) -> MapView {
    let corners = [
        projection::inverse([cell.bounds[0], cell.bounds[1]]),
        projection::inverse([cell.bounds[2], cell.bounds[3]]),
    ];
    MapView::fitting(corners, px, 48.0)
        .map_or(view, |v| MapView {
            zoom: v.zoom.max(view.zoom + 1.0),
            ..v
        })
        .clamped(px)
}

fn paint_mark(painter: &egui::Painter, doc: &Document, mark: &Mark, visuals: &egui::Visuals) {
    // A mixed crowd is grey, as the timeline draws one.
    let color = mark.lane.map_or(visuals.widgets.inactive.bg_fill, |lane| {
        Coloring::lane(doc, lane)
    });
    let at = pos2(mark.at[0], mark.at[1]);
    let outline = Stroke::new(1.0, visuals.extreme_bg_color);
    if mark.count == 1 {
        painter.circle(at, POINT_RADIUS, color, outline);
        return;
    }
    let r = radius(mark.count);
    painter.circle(at, r, color.gamma_multiply(0.8), outline);
    painter.text(
        at,
        Align2::CENTER_CENTER,
        compact(mark.count),
        FontId::proportional(11.0),
        Color32::WHITE,
    );
}

/// "7", "1.2k", "3M".
fn compact(n: usize) -> String {
    match n {
        0..=999 => n.to_string(),
        1000..=999_999 => format!("{:.1}k", n as f64 / 1000.0).replace(".0k", "k"),
        _ => format!("{:.1}M", n as f64 / 1e6).replace(".0M", "M"),
    }
}

fn paint_basemap(
    painter: &egui::Painter,
    projection: &Projection,
    zoom: f64,
    rect: Rect,
    dark: bool,
) {
    let map = basemap::basemap();
    let detail = basemap::Basemap::detail_for_zoom(zoom);
    let (coast, border, label) = if dark {
        (
            Color32::from_rgb(0x5a, 0x6e, 0x80),
            Color32::from_rgb(0x3c, 0x4a, 0x58),
            Color32::from_rgb(0x80, 0x90, 0xa0),
        )
    } else {
        (
            Color32::from_rgb(0x6a, 0x7f, 0x92),
            Color32::from_rgb(0xa8, 0xb4, 0xc0),
            Color32::from_rgb(0x50, 0x60, 0x70),
        )
    };
    // Each copy of the world in view is drawn where it is: the line's own
    // points shifted by whole worlds, never to the copy nearest the centre.
    let line = |points: &[[f32; 2]], stroke: Stroke, copy: f64| {
        let screen: Vec<Pos2> = points
            .iter()
            .map(|p| {
                let m = projection::mercator(LonLat::new(f64::from(p[0]), f64::from(p[1])));
                let s = projection.mercator_to_screen_unwrapped([m[0] + copy, m[1]]);
                pos2(s[0] as f32, s[1] as f32)
            })
            .collect();
        if screen.len() >= 2 {
            painter.add(Shape::line(screen, stroke));
        }
    };
    // Only the lines of the part of the world in view, asked once for each
    // copy of the world the view shows.
    let [x0, y0, x1, y1] = projection.visible();
    let north = projection::inverse([0.0, y0.clamp(0.0, 1.0)]).lat as f32;
    let south = projection::inverse([0.0, y1.clamp(0.0, 1.0)]).lat as f32;
    let mut boxes = Vec::new();
    let mut k = x0.floor();
    while k <= x1.floor() && boxes.len() < 4 {
        let west = ((x0.max(k) - k) * 360.0 - 180.0) as f32;
        let east = ((x1.min(k + 1.0) - k) * 360.0 - 180.0) as f32;
        boxes.push(([west, south, east, north], k));
        k += 1.0;
    }
    for (layer, stroke) in [
        (Layer::Borders, Stroke::new(0.8, border)),
        (Layer::Coast, Stroke::new(1.0, coast)),
    ] {
        for (b, copy) in &boxes {
            for l in map.lines_in(detail, layer, *b) {
                line(l, stroke, *copy);
            }
        }
    }
    let mut taken: Vec<Rect> = Vec::new();
    for l in map.labels().iter().filter(|l| zoom >= l.min_zoom()) {
        let s = projection.to_screen(LonLat::new(f64::from(l.lon), f64::from(l.lat)));
        let at = pos2(s[0], s[1]);
        if !rect.contains(at) {
            continue;
        }
        let galley = painter.layout_no_wrap(l.name.clone(), FontId::proportional(11.0), label);
        let r = Rect::from_center_size(at, galley.size() + vec2(6.0, 2.0));
        if taken.iter().any(|t| t.intersects(r)) {
            continue;
        }
        taken.push(r);
        painter.galley(r.min + vec2(3.0, 1.0), galley, label);
    }
}

fn paint_scale_bar(
    painter: &egui::Painter,
    projection: &Projection,
    rect: Rect,
    visuals: &egui::Visuals,
) {
    let middle = projection.to_lonlat([rect.center().x, rect.center().y]);
    let lat = middle.map_or(0.0, |p| p.lat);
    let (_, len, label) = projection::scale_bar(projection, lat, 120.0);
    let y = rect.bottom() - 12.0;
    let x0 = rect.left() + 10.0;
    let x1 = x0 + len as f32;
    let stroke = Stroke::new(1.5, visuals.text_color());
    painter.line_segment([pos2(x0, y), pos2(x1, y)], stroke);
    painter.line_segment([pos2(x0, y - 4.0), pos2(x0, y)], stroke);
    painter.line_segment([pos2(x1, y - 4.0), pos2(x1, y)], stroke);
    painter.text(
        pos2(x0, y - 5.0),
        Align2::LEFT_BOTTOM,
        label,
        FontId::proportional(10.0),
        visuals.text_color(),
    );
}

/// A line at the top when the map has nothing to show, or is reading: a
/// label, so that screen readers say it too.
fn note(ui: &mut Ui, rect: Rect, shown: &Shown<'_>, cells: &[Mark]) {
    let text = match (shown.places, shown.reading) {
        (None, Some(f)) => format!("Reading places… {:.0}%", f * 100.0),
        (None, None) => "Reading places…".to_owned(),
        (Some(p), _) if p.count() == 0 => "No event here has a place".to_owned(),
        (Some(_), _) if cells.is_empty() => "No place in view: F fits the map".to_owned(),
        _ => return,
    };
    let at = Rect::from_center_size(
        rect.center_top() + vec2(0.0, 16.0),
        vec2(rect.width(), 20.0),
    );
    ui.put(at, egui::Label::new(egui::RichText::new(text).weak()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_compact() {
        assert_eq!(compact(7), "7");
        assert_eq!(compact(1200), "1.2k");
        assert_eq!(compact(3000), "3k");
        assert_eq!(compact(2_500_000), "2.5M");
    }
}
