//! Moving events on the timeline by dragging them.
//!
//! A plain drag pans the timeline, over events too. A drag moves the event
//! under the pointer instead when Alt is held as it starts, or when the
//! primary button was first held still on the event for
//! [`HOLD_SECONDS`]; a drag that starts within [`END_GRIP`] of either end
//! of a bar moves that end alone (the pointer shows a resize arrow there).
//! Clusters and counts are not moved: only events drawn on their own.
//!
//! While the drag lasts the event is drawn at its new place over its faint
//! old one, and a tooltip at the pointer gives its new date. Its dates
//! move in whole units of their precision ([`crate::model::shift`]): a day
//! by days, a month by months. On release the timeline gives
//! [`Command::EditEvent`] when a date changed; Esc cancels.
//!
//! The timeline cannot change app state, so what the drag keeps between
//! frames (the event taken and the time where the drag began; that a press
//! has been held long enough) is in egui's memory, under ids of the
//! timeline's, as the ruler's dragged range is.

use egui::{CursorIcon, Id, PopupAnchor, Pos2, Rect, Response, Tooltip, Ui};

use super::Command;
use super::timeline::item_rect;
use crate::layout::{ItemKind, Layout, LayoutParams, RenderItem, Shape};
use crate::model::shift::{self, Part};
use crate::model::{Document, Event, Zone};
use crate::time_axis::TimeAxis;

/// How long the primary button is held on an event, without moving, before
/// a drag moves the event rather than panning.
pub const HOLD_SECONDS: f64 = 0.4;
/// How far the pointer may wander while held, in points (egui's click
/// distance: farther, the press is a drag already).
const HOLD_SLOP: f32 = 6.0;
/// How near either end of a bar a drag moves that end alone, in points.
pub const END_GRIP: f32 = 5.0;
/// The narrowest bar whose ends can be taken alone: narrower, a drag moves
/// it whole.
const MIN_GRIPPED_BAR: f32 = 4.0 * END_GRIP;
/// How far above or below a bar's middle its ends can be taken.
const END_GRIP_HEIGHT: f32 = 9.0;
/// How strongly the event being moved is drawn at its old place.
const FAINT: f32 = 0.3;

/// Whether a press that has lasted `elapsed` seconds and moved `moved`
/// points from where it began is a hold: a drag from it moves the event.
#[must_use]
pub fn is_hold(elapsed: f64, moved: f32) -> bool {
    elapsed >= HOLD_SECONDS && moved <= HOLD_SLOP
}

/// Whether a drag that starts on `part` of an event moves it: a bar's end
/// always; the whole event when Alt is held or the press was a hold (else
/// the drag pans).
#[must_use]
pub fn moves_event(part: Part, alt: bool, held: bool) -> bool {
    part != Part::Whole || alt || held
}

/// Which part of a bar drawn from `x0` to `x1` a press at `x` takes: an
/// end within [`END_GRIP`] of it (the nearer), else the whole; a bar too
/// narrow for that is taken whole.
#[must_use]
pub fn bar_part(x0: f32, x1: f32, x: f32) -> Part {
    if x1 - x0 < MIN_GRIPPED_BAR {
        Part::Whole
    } else if (x - x0).abs() <= END_GRIP {
        Part::Start
    } else if (x - x1).abs() <= END_GRIP {
        Part::End
    } else {
        Part::Whole
    }
}

/// What the timeline shows, as a drag needs it.
pub(super) struct Board<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
    pub axis: &'a TimeAxis,
    /// Where the lanes are seen (under the ruler, scrolled).
    pub clip: Rect,
    pub zone: Zone,
}

/// The event being moved in this frame.
pub(super) struct Moving {
    /// Its index in the shown document.
    pub index: usize,
    /// It with its new dates.
    pub moved: Event,
}

/// An event being moved, kept in egui's memory while the drag lasts.
#[derive(Clone, Debug)]
struct Grab {
    /// The event's index in the shown document, and its id (when the
    /// document changes under the drag, the drag ends).
    index: usize,
    id: String,
    part: Part,
    /// The time under the pointer where the drag began.
    from: f64,
}

/// The ids of what the drag keeps in egui's memory.
fn ids(response: &Response) -> (Id, Id) {
    (
        response.id.with("event_grab"),
        response.id.with("event_hold"),
    )
}

/// This frame of a drag on the timeline, whose `response` takes the drags
/// not on the ruler or the scroll bar: starts moving an event, follows the
/// pointer, and on release gives the command (nothing on Esc). Also shows
/// where a press can take hold of an event. The event being moved, to
/// draw; `None`: the drag (if any) pans.
pub(super) fn update(
    ui: &Ui,
    response: &Response,
    board: &Board<'_>,
    out: &mut Vec<Command>,
) -> Option<Moving> {
    let (grab_id, _) = ids(response);
    if response.drag_started()
        && let Some(grab) = take_hold(ui, response, board)
    {
        ui.data_mut(|d| d.insert_temp(grab_id, grab));
    }
    let Some(grab) = ui.data(|d| d.get_temp::<Grab>(grab_id)) else {
        feedback(ui, response, board);
        return None;
    };
    let moving = follow(ui, board, &grab);
    if moving.is_none() || !response.dragged() {
        ui.data_mut(|d| d.remove::<Grab>(grab_id));
    }
    let moving = moving?;
    if response.dragged() {
        show_moving(ui, response, board, &grab, &moving);
        return Some(moving);
    }
    // Released (or Esc: egui ends the drag while the button is down).
    let released = response.drag_stopped() && ui.input(|i| i.pointer.any_released());
    let event = board.doc.event(grab.index)?;
    if !released || (moving.moved.start == event.start && moving.moved.end == event.end) {
        return None;
    }
    out.push(Command::EditEvent {
        index: grab.index,
        event: Box::new(moving.moved.clone()),
        label: match grab.part {
            Part::Whole => "move of",
            Part::Start => "change of the start of",
            Part::End => "change of the end of",
        },
    });
    Some(moving) // drawn where it goes until the command is applied
}

/// The event a drag starting now takes hold of, if it moves one.
fn take_hold(ui: &Ui, response: &Response, board: &Board<'_>) -> Option<Grab> {
    let (_, hold_id) = ids(response);
    let (origin, pressed, now, moved, alt) = ui.input(|i| {
        let p = &i.pointer;
        (
            p.press_origin(),
            p.press_start_time(),
            i.time,
            p.total_drag_delta().map_or(0.0, egui::Vec2::length),
            i.modifiers.alt,
        )
    });
    let (origin, pressed) = (origin?, pressed?);
    let (index, part) = grip_at(board, origin)?;
    let armed = ui.data(|d| d.get_temp::<f64>(hold_id)) == Some(pressed);
    let held = armed || is_hold(now - pressed, moved);
    if !moves_event(part, alt, held) {
        return None;
    }
    let event = board.doc.event(index)?;
    Some(Grab {
        index,
        id: event.id.clone(),
        part,
        from: board.axis.t_of(f64::from(origin.x)),
    })
}

/// The grabbed event moved to the pointer; `None` when the document no
/// longer has it.
fn follow(ui: &Ui, board: &Board<'_>, grab: &Grab) -> Option<Moving> {
    let event = board.doc.event(grab.index).filter(|e| e.id == grab.id)?;
    let by = ui
        .input(|i| i.pointer.latest_pos())
        .map_or(0.0, |p| board.axis.t_of(f64::from(p.x)) - grab.from);
    Some(Moving {
        index: grab.index,
        moved: shift::event_shifted(&event, by, grab.part),
    })
}

/// While moving: the pointer's shape, and the new date at the pointer.
fn show_moving(ui: &Ui, response: &Response, board: &Board<'_>, grab: &Grab, moving: &Moving) {
    ui.ctx().set_cursor_icon(match grab.part {
        Part::Whole => CursorIcon::Grabbing,
        Part::Start | Part::End => CursorIcon::ResizeHorizontal,
    });
    let date = moving.moved.date_human_in(board.zone);
    Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        response.id.with("moving"),
        PopupAnchor::Pointer,
    )
    .gap(12.0)
    .show(|ui| {
        ui.strong(&moving.moved.title);
        ui.label(date);
    });
}

/// With no event taken: the pointer's shape over what a press can take
/// (a bar's end; an event with Alt held, or after a hold), and counting
/// the hold of a press on an event.
fn feedback(ui: &Ui, response: &Response, board: &Board<'_>) {
    let (_, hold_id) = ids(response);
    let (hover, pressed, origin, now, moved, alt) = ui.input(|i| {
        let p = &i.pointer;
        (
            p.hover_pos(),
            p.press_start_time().filter(|_| p.primary_down()),
            p.press_origin(),
            i.time,
            p.total_drag_delta().map_or(0.0, egui::Vec2::length),
            i.modifiers.alt,
        )
    });
    let over = |pos: Option<Pos2>| pos.and_then(|p| grip_at(board, p));
    if let (Some(pressed), Some(_)) = (pressed, over(origin)) {
        // Held on an event (not yet a drag): a hold once it lasts.
        if !response.is_pointer_button_down_on() || response.dragged() || moved > HOLD_SLOP {
            return;
        }
        if is_hold(now - pressed, moved) {
            ui.data_mut(|d| d.insert_temp(hold_id, pressed));
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        } else {
            let left = (HOLD_SECONDS - (now - pressed)).max(0.0);
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(left));
        }
        return;
    }
    if !response.contains_pointer() || response.dragged() {
        return;
    }
    match over(hover) {
        Some((_, Part::Start | Part::End)) => {
            ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
        }
        Some((_, Part::Whole)) if alt => ui.ctx().set_cursor_icon(CursorIcon::Grab),
        _ => {}
    }
}

/// The event drawn on its own at `pos` (the topmost, as egui hits them)
/// and the part of it a press there takes.
fn grip_at(board: &Board<'_>, pos: Pos2) -> Option<(usize, Part)> {
    if !board.clip.contains(pos) {
        return None;
    }
    board.layout.items.iter().rev().find_map(|item| {
        let ItemKind::Event { index, shape } = item.kind else {
            return None;
        };
        if !item_rect(item, board.layout).contains(pos) {
            return None;
        }
        let on_bar = shape == Shape::Bar && (pos.y - item.y).abs() <= END_GRIP_HEIGHT;
        let part = match board.doc.event_times().get(index) {
            Some(&(t0, t1)) if on_bar => {
                let x = |t: f64| board.axis.x_of(t) as f32;
                bar_part(x(t0), x(t1), pos.x)
            }
            _ => Part::Whole,
        };
        Some((index, part))
    })
}

/// Where `item` (event `moving.index`, drawn as `shape`) is drawn with
/// its new dates: placed as the layout places events, its label moved
/// along.
pub(super) fn ghost(
    (axis, clip, zone): (&TimeAxis, Rect, Zone),
    item: &RenderItem,
    shape: Shape,
    moving: &Moving,
) -> RenderItem {
    let (t0, t1) = moving.moved.times_in(zone);
    let half = LayoutParams::default().marker_half;
    let reach = (
        f64::from(clip.left()) - 10_000.0,
        f64::from(clip.right()) + 10_000.0,
    );
    let x = |t: f64| axis.x_of(t).clamp(reach.0, reach.1) as f32;
    let (mut x0, mut x1) = (x(t0), x(t1));
    if shape == Shape::Marker || x1 - x0 < 2.0 * half {
        let mid = x(t0 + (t1 - t0) / 2.0);
        (x0, x1) = (mid - half, mid + half);
    }
    let label = item.label.clone().map(|mut l| {
        l.x += x0 - item.x0; // with the start (a marker: its middle)
        l
    });
    RenderItem {
        x0,
        x1,
        label,
        ..item.clone()
    }
}

/// How faint the event being moved is drawn at its old place.
pub(super) fn faint(painter: &egui::Painter) -> egui::Painter {
    let mut faint = painter.clone();
    faint.multiply_opacity(FAINT);
    faint
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_press_held_still_long_enough_is_a_hold() {
        assert!(!is_hold(0.0, 0.0));
        assert!(!is_hold(0.39, 0.0));
        assert!(is_hold(0.4, 0.0));
        assert!(is_hold(0.9, 5.0));
        assert!(!is_hold(0.9, 7.0), "moved away: a drag already");
    }

    #[test]
    fn a_drag_moves_an_event_with_alt_after_a_hold_or_by_a_bar_end() {
        assert!(!moves_event(Part::Whole, false, false), "pans");
        assert!(moves_event(Part::Whole, true, false));
        assert!(moves_event(Part::Whole, false, true));
        assert!(moves_event(Part::Start, false, false));
        assert!(moves_event(Part::End, false, false));
    }

    #[test]
    fn a_bar_is_taken_by_its_ends_within_the_grip() {
        assert_eq!(bar_part(100.0, 200.0, 103.0), Part::Start);
        assert_eq!(bar_part(100.0, 200.0, 96.0), Part::Start);
        assert_eq!(bar_part(100.0, 200.0, 150.0), Part::Whole);
        assert_eq!(bar_part(100.0, 200.0, 106.0), Part::Whole);
        assert_eq!(bar_part(100.0, 200.0, 204.0), Part::End);
        // Too narrow to tell its ends apart: whole.
        assert_eq!(bar_part(100.0, 110.0, 101.0), Part::Whole);
    }
}
