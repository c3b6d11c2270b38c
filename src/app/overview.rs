//! The overview strip under the timeline: the whole time span with its
//! density, and the window the timeline shows. Drag the window to move
//! through time, drag its edges to zoom, click elsewhere to jump there.
//!
//! Like the timeline it only reads state and returns [`Command`]s; the
//! arithmetic of a drag is in [`drag`], pure and tested.

use egui::epaint::Mesh;
use egui::{Color32, CursorIcon, Rect, Role, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2};

use super::Command;
use crate::model::Document;
use crate::time_axis::TimeAxis;

/// Height of the strip, in points.
pub const HEIGHT: f32 = 34.0;
/// How close to an edge of the window a press grabs that edge, in points.
const EDGE_GRAB: f32 = 5.0;
/// Narrowest the window is drawn, so it can always be grabbed.
const MIN_WINDOW: f32 = 8.0;

/// What a drag on the strip does, decided where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grab {
    /// Moves the window.
    Window,
    /// Moves the window's start (zooms).
    Start,
    /// Moves the window's end (zooms).
    End,
}

/// Which part of the window a press at `x` takes, given the window's
/// screen extent.
#[must_use]
pub fn grab_at(x: f32, window: (f32, f32)) -> Grab {
    let (x0, x1) = window;
    // When the window is narrow, the edges share it: the nearer one wins.
    if (x - x0).abs() <= EDGE_GRAB && (x - x0).abs() <= (x - x1).abs() {
        Grab::Start
    } else if (x - x1).abs() <= EDGE_GRAB {
        Grab::End
    } else {
        Grab::Window
    }
}

/// The view after dragging `grab` by `dx` points on a strip that maps the
/// whole span with `whole`.
#[must_use]
pub fn drag(view: &TimeAxis, whole: &TimeAxis, grab: Grab, dx: f64) -> TimeAxis {
    let dt = dx * whole.secs_per_px();
    let (start, end) = (view.start(), view.end());
    // Never narrower than a minute or inverted.
    let min_span = 60.0_f64.max(view.span() * 1e-9);
    let (start, end) = match grab {
        Grab::Window => (start + dt, end + dt),
        Grab::Start => ((start + dt).min(end - min_span), end),
        Grab::End => (start, (end + dt).max(start + min_span)),
    };
    TimeAxis::new(view.x_left(), view.width(), start, end)
}

/// Shows the strip in `rect` for `doc` and the timeline's `view`.
pub fn show(ui: &mut Ui, rect: Rect, doc: &Document, view: &TimeAxis, out: &mut Vec<Command>) {
    let Some((t0, t1)) = doc.time_range() else {
        return;
    };
    let inner = rect.shrink2(vec2(4.0, 3.0));
    let whole = TimeAxis::fit(
        f64::from(inner.left()),
        f64::from(inner.width()),
        t0,
        t1,
        4.0,
    );
    let response = ui.interact(
        rect,
        ui.scope_id().with("overview"),
        Sense::click_and_drag(),
    );
    response.widget_info(|| {
        WidgetInfo::labeled(Role::ScrollBar, true, "Overview of the whole time span")
    });
    let to_x = |t: f64| whole.x_of(t).clamp(-1e6, 1e6) as f32;
    // The window as drawn and grabbed: inside the strip even when the view
    // reaches past the events (fitting leaves a margin).
    let (mut x0, mut x1) = (
        to_x(view.start()).max(rect.left() + 1.0),
        to_x(view.end()).min(rect.right() - 1.0),
    );
    if x1 - x0 < MIN_WINDOW {
        let mid = x0.midpoint(x1);
        (x0, x1) = (mid - MIN_WINDOW / 2.0, mid + MIN_WINDOW / 2.0);
    }
    interact(ui, &response, (view, &whole), (x0, x1), out);
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 0.0, visuals.panel_fill);
    painter.hline(
        rect.x_range(),
        rect.top(),
        visuals.widgets.noninteractive.bg_stroke,
    );
    paint_density(&painter, visuals, doc, &whole, inner);
    let window = Rect::from_x_y_ranges(
        x0.max(rect.left())..=x1.min(rect.right()),
        (rect.top() + 1.0)..=rect.bottom(),
    );
    let active = response.hovered() || response.dragged();
    paint_window(&painter, visuals, window, active);
}

/// What pressing, dragging and clicking on the strip do to `view`, the
/// strip mapping the whole span with `whole` and showing the window
/// between `x0` and `x1`: the grab is chosen where the drag starts and
/// kept.
fn interact(
    ui: &Ui,
    response: &egui::Response,
    (view, whole): (&TimeAxis, &TimeAxis),
    (x0, x1): (f32, f32),
    out: &mut Vec<Command>,
) {
    let grab_id = response.id.with("grab");
    if let Some(p) = response.hover_pos() {
        ui.ctx().set_cursor_icon(match grab_at(p.x, (x0, x1)) {
            Grab::Start | Grab::End => CursorIcon::ResizeHorizontal,
            Grab::Window if (x0..=x1).contains(&p.x) => CursorIcon::Grab,
            Grab::Window => CursorIcon::PointingHand,
        });
    }
    let mut view = *view;
    if response.drag_started()
        && let Some(p) = response.interact_pointer_pos()
    {
        // Where the press was, not where the drag was recognised.
        let pressed = ui.input(|i| i.pointer.press_origin()).map_or(p.x, |o| o.x);
        let grab = grab_at(pressed, (x0, x1));
        ui.data_mut(|d| d.insert_temp(grab_id, grab));
        if grab == Grab::Window && !(x0..=x1).contains(&pressed) {
            // Pressed outside the window: it jumps there, then follows.
            view = view.centered_on(whole.t_of(f64::from(pressed)));
            out.push(Command::SetView(view));
        }
    }
    if response.dragged() {
        let grab = ui.data(|d| d.get_temp(grab_id)).unwrap_or(Grab::Window);
        let dx = f64::from(response.drag_delta().x);
        if dx != 0.0 {
            out.push(Command::SetView(drag(&view, whole, grab, dx)));
        }
        ui.ctx().set_cursor_icon(match grab {
            Grab::Window => CursorIcon::Grabbing,
            Grab::Start | Grab::End => CursorIcon::ResizeHorizontal,
        });
    } else if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
        && !(x0..=x1).contains(&p.x)
    {
        out.push(Command::SetView(
            view.centered_on(whole.t_of(f64::from(p.x))),
        ));
    }
}

/// The events' density along the whole span, as one mesh in `inner`.
fn paint_density(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    doc: &Document,
    whole: &TimeAxis,
    inner: Rect,
) {
    let columns = (inner.width() / 2.0).max(1.0) as usize;
    let edges: Vec<f64> = (0..=columns)
        .map(|i| whole.t_of(f64::from(inner.left()) + 2.0 * i as f64))
        .collect();
    let counts = doc.index().all.column_counts(&edges, doc.event_times());
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return;
    }
    let color = visuals.text_color().gamma_multiply(0.45);
    let mut mesh = Mesh::default();
    #[allow(clippy::cast_precision_loss)] // a share for a bar height
    for (i, &count) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
        let h = (inner.height() * (count as f32 / max as f32).sqrt()).max(1.0);
        let x = inner.left() + 2.0 * i as f32;
        mesh.add_colored_rect(
            Rect::from_x_y_ranges(x..=x + 2.0, (inner.bottom() - h)..=inner.bottom()),
            color,
        );
    }
    painter.add(mesh);
}

/// The window the timeline shows, with handles on its edges; stronger
/// when `active` (hovered or dragged).
fn paint_window(painter: &egui::Painter, visuals: &egui::Visuals, window: Rect, active: bool) {
    let accent = visuals.selection.bg_fill;
    painter.rect_filled(window, 2.0, accent.gamma_multiply(0.25));
    let stroke = if active {
        Stroke::new(2.0, accent)
    } else {
        Stroke::new(1.0, accent)
    };
    painter.rect_stroke(window, 2.0, stroke, StrokeKind::Inside);
    for x in [window.left() + 1.5, window.right() - 1.5] {
        painter.vline(
            x,
            (window.center().y - 6.0)..=(window.center().y + 6.0),
            Stroke::new(2.0, Color32::from_gray(200).gamma_multiply(0.8)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400.0;

    #[test]
    fn presses_near_the_edges_grab_them_else_the_window() {
        assert_eq!(grab_at(100.0, (100.0, 200.0)), Grab::Start);
        assert_eq!(grab_at(104.0, (100.0, 200.0)), Grab::Start);
        assert_eq!(grab_at(198.0, (100.0, 200.0)), Grab::End);
        assert_eq!(grab_at(150.0, (100.0, 200.0)), Grab::Window);
        assert_eq!(grab_at(20.0, (100.0, 200.0)), Grab::Window);
        // A narrow window: the nearer edge.
        assert_eq!(grab_at(101.0, (100.0, 104.0)), Grab::Start);
        assert_eq!(grab_at(103.5, (100.0, 104.0)), Grab::End);
    }

    #[test]
    fn dragging_moves_or_resizes_by_the_strip_scale() {
        // The strip shows 1000 days in 1000 points; the view 10 days in 500.
        let whole = TimeAxis::new(0.0, 1000.0, 0.0, 1000.0 * DAY);
        let view = TimeAxis::new(0.0, 500.0, 100.0 * DAY, 110.0 * DAY);
        let moved = drag(&view, &whole, Grab::Window, 5.0);
        assert!((moved.start() - 105.0 * DAY).abs() < 1e-3);
        assert!((moved.span() - view.span()).abs() < 1e-3);
        assert!((moved.width() - 500.0).abs() < 1e-9, "screen extent kept");
        let wider = drag(&view, &whole, Grab::Start, -10.0);
        assert!((wider.start() - 90.0 * DAY).abs() < 1e-3);
        assert!((wider.end() - 110.0 * DAY).abs() < 1e-3);
        let narrower = drag(&view, &whole, Grab::End, -5.0);
        assert!((narrower.end() - 105.0 * DAY).abs() < 1e-3);
        // Dragging an edge past the other never inverts the window.
        let collapsed = drag(&view, &whole, Grab::Start, 50.0);
        assert!(collapsed.start() < collapsed.end());
        let collapsed = drag(&view, &whole, Grab::End, -50.0);
        assert!(collapsed.start() < collapsed.end());
    }
}
