//! Moving events on the timeline by dragging them, driven through
//! `egui_kittest` as a user drives it: Alt+drag or hold-then-drag an
//! event to move it by whole units of its date's precision, drag a bar's
//! end to change it alone, Esc to cancel; a plain drag still pans.
//!
//! The harness steps a quarter of a second of simulated time a frame
//! (`egui_kittest`'s default), so a press held for two frames is a hold
//! and a press moved in the next frame is not: no test sleeps.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chronoscope::app::timeline::{self, Coloring, Shown, event_label};
use chronoscope::app::{ChronoscopeApp, Command, StartOptions};
use chronoscope::model::{Date, Document, Event as ModelEvent};
use chronoscope::time_axis::TimeAxis;
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const DAY: f64 = 86_400.0;
const MONTH: f64 = 365.2425 * DAY / 12.0;

/// A day event, an approximate month event and a bar, in three lanes.
const DOC: &str = r#"{
  "chronoscope": 1,
  "title": "Moves",
  "events": [
    { "id": "day", "title": "Day event", "start": "2024-06-10", "category": "days" },
    { "id": "month", "title": "Month event", "start": "2024-03~", "category": "months" },
    { "id": "bar", "title": "Bar event", "start": "2024-04-01", "end": "2024-08-31", "category": "bars" }
  ]
}
"#;

/// The document written to a file of this test's own.
fn doc_file(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoscope-move-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("moves.json");
    std::fs::write(&path, DOC).unwrap();
    path
}

fn app(test: &str) -> Harness<'static, ChronoscopeApp> {
    let files = vec![doc_file(test)];
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 860.0))
        .with_max_steps(12)
        .build_eframe(move |cc| {
            ChronoscopeApp::new(
                cc,
                StartOptions {
                    files,
                    ..StartOptions::default()
                },
            )
        });
    settle(&mut harness);
    harness
}

/// Steps the app until no file is loading (loads run on background threads).
fn settle(harness: &mut Harness<'_, ChronoscopeApp>) {
    harness.step();
    for _ in 0..3000 {
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(!harness.state().is_loading(), "still loading after 30 s");
    harness.run();
}

fn event(harness: &Harness<'_, ChronoscopeApp>, id: &str) -> ModelEvent {
    let doc = harness.state().doc().unwrap();
    (*doc.event(doc.event_by_id(id).unwrap()).unwrap()).clone()
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn view(harness: &Harness<'_, ChronoscopeApp>) -> TimeAxis {
    harness.state().view.axis.unwrap()
}

/// The rectangle of event `id`'s item on the timeline, found by its
/// accessible label.
fn item(harness: &Harness<'_, ChronoscopeApp>, id: &str) -> Rect {
    let label = event_label(&event(harness, id));
    harness.get_by_role_and_label(Role::Button, &label).rect()
}

/// Where event `id`'s marker is: the middle of its times, on its row.
fn marker(harness: &Harness<'_, ChronoscopeApp>, id: &str) -> Pos2 {
    let e = event(harness, id);
    let x = view(harness).x_of(f64::midpoint(e.t0(), e.t1())) as f32;
    Pos2::new(x, item(harness, id).center().y)
}

/// How many points `seconds` are on the timeline.
fn points(harness: &Harness<'_, ChronoscopeApp>, seconds: f64) -> f32 {
    (seconds / view(harness).secs_per_px()) as f32
}

/// Presses at `from` (with `modifiers` held) and moves by `by` in two
/// steps, a frame each: a quarter of a second from press to move, too
/// short for a hold. The button stays down.
fn press_and_move(
    harness: &mut Harness<'_, ChronoscopeApp>,
    from: Pos2,
    by: Vec2,
    modifiers: Modifiers,
) {
    harness.event(Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    harness.drag_at(from);
    harness.hover_at(from + by * 0.5);
    harness.hover_at(from + by);
    harness.step();
}

/// Releases the button at `at` and lets go of the modifiers.
fn release(harness: &mut Harness<'_, ChronoscopeApp>, at: Pos2) {
    harness.drop_at(at);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

#[test]
fn alt_drag_moves_a_day_event_by_whole_days_telling_the_new_date() {
    let mut harness = app("alt-day");
    let before = view(&harness);
    let from = marker(&harness, "day");
    // Ten days and a third: ten days.
    let by = Vec2::new(points(&harness, 10.3 * DAY), 0.0);
    press_and_move(&mut harness, from, by, Modifiers::ALT);
    // While dragging, the tooltip gives the new date; nothing changed yet.
    harness.get_by_label("Thu 20 June 2024");
    assert_eq!(event(&harness, "day").start, date("2024-06-10"));
    release(&mut harness, from + by);
    assert_eq!(event(&harness, "day").start, date("2024-06-20"));
    assert_eq!(event(&harness, "day").end, None);
    // The view did not pan, and the other events stayed.
    assert!((view(&harness).start() - before.start()).abs() < 1e-6);
    assert_eq!(event(&harness, "month").start, date("2024-03~"));
    // The moved event is where its new date is, found by its new label.
    let label = event_label(&event(&harness, "day"));
    assert_eq!(label, "Day event, Thu 20 June 2024");
    harness.get_by_role_and_label(Role::Button, &label);
    // And back, leftwards: nine days and two thirds are ten days.
    let from = marker(&harness, "day");
    let by = Vec2::new(-points(&harness, 9.6 * DAY), 0.0);
    press_and_move(&mut harness, from, by, Modifiers::ALT);
    release(&mut harness, from + by);
    assert_eq!(event(&harness, "day").start, date("2024-06-10"));
}

#[test]
fn alt_drag_moves_a_month_event_by_months_keeping_it_approximate() {
    let mut harness = app("alt-month");
    let from = marker(&harness, "month");
    // 2.4 months' worth of points: two months.
    let by = Vec2::new(points(&harness, 2.4 * MONTH), 0.0);
    press_and_move(&mut harness, from, by, Modifiers::ALT);
    harness.get_by_label("c. May 2024");
    release(&mut harness, from + by);
    assert_eq!(event(&harness, "month").start, date("2024-05~"));
}

#[test]
fn an_event_moves_in_its_file_when_what_is_shown_is_filtered() {
    let mut harness = app("filtered");
    harness
        .state_mut()
        .push(Command::ShowCategory("months".to_owned(), false));
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 2);
    let from = marker(&harness, "day");
    let by = Vec2::new(points(&harness, 2.0 * DAY), 0.0);
    press_and_move(&mut harness, from, by, Modifiers::ALT);
    release(&mut harness, from + by);
    assert_eq!(event(&harness, "day").start, date("2024-06-12"));
    // The file's document has it moved; the hidden event is still there.
    let file = &harness.state().layers.files[0].doc;
    let day = file.event(file.event_by_id("day").unwrap()).unwrap();
    assert_eq!(day.start, date("2024-06-12"));
    assert_eq!(file.event_count(), 3);
}

#[test]
fn a_plain_drag_on_an_event_still_pans() {
    let mut harness = app("pan");
    let before = view(&harness);
    let from = marker(&harness, "day");
    let by = Vec2::new(120.0, 0.0);
    press_and_move(&mut harness, from, by, Modifiers::NONE);
    release(&mut harness, from + by);
    let after = view(&harness);
    assert!(after.start() < before.start(), "{before:?} -> {after:?}");
    assert!((after.secs_per_px() - before.secs_per_px()).abs() < 1e-9);
    assert_eq!(event(&harness, "day").start, date("2024-06-10"));
    assert_eq!(event(&harness, "bar").start, date("2024-04-01"));
}

#[test]
fn holding_the_button_on_an_event_then_dragging_moves_it() {
    let mut harness = app("hold");
    let before = view(&harness);
    let from = marker(&harness, "day");
    let by = Vec2::new(points(&harness, -5.0 * DAY), 0.0);
    harness.hover_at(from);
    harness.drag_at(from);
    harness.step();
    // Held still: two more frames are half a second.
    harness.step();
    harness.step();
    harness.hover_at(from + by * 0.5);
    harness.hover_at(from + by);
    harness.step();
    harness.get_by_label("Wed 5 June 2024");
    release(&mut harness, from + by);
    assert_eq!(event(&harness, "day").start, date("2024-06-05"));
    assert!((view(&harness).start() - before.start()).abs() < 1e-6);
}

#[test]
fn dragging_a_bars_end_changes_only_the_end_never_before_the_start() {
    let mut harness = app("bar-end");
    let bar = event(&harness, "bar");
    let y = item(&harness, "bar").center().y;
    let end = Pos2::new(view(&harness).x_of(bar.t1()) as f32 - 2.0, y);
    // A plain drag on the end: ten days earlier.
    let by = Vec2::new(-points(&harness, 10.0 * DAY), 0.0);
    press_and_move(&mut harness, end, by, Modifiers::NONE);
    harness.get_by_label("Mon 1 April 2024 – Wed 21 August 2024");
    release(&mut harness, end + by);
    let moved = event(&harness, "bar");
    assert_eq!(moved.start, date("2024-04-01"));
    assert_eq!(moved.end, Some(date("2024-08-21")));
    // Dragged far past the start, it stops on the start's day.
    let end = Pos2::new(view(&harness).x_of(moved.t1()) as f32 - 2.0, y);
    let by = Vec2::new(-points(&harness, 200.0 * DAY), 0.0);
    press_and_move(&mut harness, end, by, Modifiers::NONE);
    release(&mut harness, end + by);
    let moved = event(&harness, "bar");
    assert_eq!(moved.start, date("2024-04-01"));
    assert_eq!(moved.end, Some(date("2024-04-01")));
}

#[test]
fn dragging_a_bars_start_changes_only_the_start() {
    let mut harness = app("bar-start");
    let bar = event(&harness, "bar");
    let y = item(&harness, "bar").center().y;
    let start = Pos2::new(view(&harness).x_of(bar.t0()) as f32 + 2.0, y);
    let by = Vec2::new(points(&harness, 14.0 * DAY), 0.0);
    press_and_move(&mut harness, start, by, Modifiers::NONE);
    release(&mut harness, start + by);
    let moved = event(&harness, "bar");
    assert_eq!(moved.start, date("2024-04-15"));
    assert_eq!(moved.end, Some(date("2024-08-31")));
}

#[test]
fn esc_while_dragging_cancels_the_move() {
    let mut harness = app("esc");
    let day = harness.state().doc().unwrap().event_by_id("day").unwrap();
    harness.state_mut().push(Command::Select(Some(day)));
    harness.run();
    let before = view(&harness);
    let from = marker(&harness, "day");
    let by = Vec2::new(points(&harness, 7.0 * DAY), 0.0);
    press_and_move(&mut harness, from, by, Modifiers::ALT);
    harness.get_by_label("Mon 17 June 2024");
    harness.key_press(Key::Escape);
    harness.step();
    // Moving on after Esc neither moves the event nor pans.
    harness.hover_at(from + by * 2.0);
    harness.step();
    release(&mut harness, from + by * 2.0);
    assert_eq!(event(&harness, "day").start, date("2024-06-10"));
    assert!((view(&harness).start() - before.start()).abs() < 1e-6);
    assert!(harness.query_by_label("Mon 17 June 2024").is_none());
    // Esc ended the drag alone: the selection stayed.
    assert_eq!(harness.state().selection.index, Some(day));
}

#[test]
fn help_tells_how_to_move_events() {
    let gestures = chronoscope::app::shortcuts::GESTURES;
    assert!(
        gestures
            .iter()
            .any(|(g, _)| g.contains("Alt+drag an event"))
    );
    assert!(gestures.iter().any(|(g, _)| g.contains("Drag a bar's end")));
}

/// The timeline widget alone on `doc`: the commands it gives pile up in
/// the harness's state.
fn widget(doc: Document) -> Harness<'static, Vec<Command>> {
    Harness::builder()
        .with_size(Vec2::new(1200.0, 600.0))
        .build_ui_state(
            move |ui, out: &mut Vec<Command>| {
                let shown = Shown {
                    view: None,
                    selected: None,
                    coloring: Coloring::default(),
                    collapsed: &[],
                };
                timeline::show(ui, &doc, shown, out);
            },
            Vec::new(),
        )
}

fn edits(harness: &Harness<'_, Vec<Command>>) -> Vec<(usize, ModelEvent, &'static str)> {
    harness
        .state()
        .iter()
        .filter_map(|c| match c {
            Command::EditEvent {
                index,
                event,
                label,
            } => Some((*index, (**event).clone(), *label)),
            _ => None,
        })
        .collect()
}

/// The view the timeline last drew (it gives it every frame when it has
/// none of its own).
fn drawn_view(harness: &Harness<'_, Vec<Command>>) -> TimeAxis {
    harness
        .state()
        .iter()
        .rev()
        .find_map(|c| match c {
            Command::SetView(axis) => Some(*axis),
            _ => None,
        })
        .unwrap()
}

/// Drags in the timeline widget from `from` by `by`, pressed and moved
/// in consecutive frames, with `modifiers` held.
fn widget_drag(
    harness: &mut Harness<'_, Vec<Command>>,
    from: Pos2,
    by: Vec2,
    modifiers: Modifiers,
) {
    harness.event(Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    harness.drag_at(from);
    harness.hover_at(from + by);
    harness.step();
    assert!(edits(harness).is_empty(), "nothing before the release");
    harness.drop_at(from + by);
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

#[test]
fn the_timeline_gives_one_edit_on_release_naming_the_change() {
    let options = chronoscope::formats::ImportOptions::default();
    let doc = chronoscope::formats::parse(DOC, Path::new("moves.json"), &options).unwrap();
    let index = |id: &str| doc.event_by_id(id).unwrap();
    let (day, month, bar) = (index("day"), index("month"), index("bar"));
    let owned = |i: usize| (*doc.event(i).unwrap()).clone();
    let (day_event, month_event, bar_event) = (owned(day), owned(month), owned(bar));
    let mut harness = widget(doc);
    harness.run();
    let axis = drawn_view(&harness);
    let row = |harness: &Harness<'_, Vec<Command>>, e: &ModelEvent| {
        harness
            .get_by_role_and_label(Role::Button, &event_label(e))
            .rect()
            .center()
            .y
    };
    let three_days = Vec2::new((3.0 * DAY / axis.secs_per_px()) as f32, 0.0);
    // The day event moved by three days.
    let from = Pos2::new(
        axis.x_of(day_event.t0() + DAY / 2.0) as f32,
        row(&harness, &day_event),
    );
    widget_drag(&mut harness, from, three_days, Modifiers::ALT);
    let moved = ModelEvent {
        start: date("2024-06-13"),
        ..day_event.clone()
    };
    assert_eq!(edits(&harness), vec![(day, moved, "move of")]);
    // The month event moved by less than half a month: no change, no edit.
    harness.state_mut().clear();
    let from = Pos2::new(
        axis.x_of(month_event.t0() + MONTH / 2.0) as f32,
        row(&harness, &month_event),
    );
    widget_drag(&mut harness, from, three_days, Modifiers::ALT);
    assert!(edits(&harness).is_empty(), "{:?}", edits(&harness));
    // The bar's end, three days later.
    let end = Pos2::new(
        axis.x_of(bar_event.t1()) as f32 - 1.0,
        row(&harness, &bar_event),
    );
    widget_drag(&mut harness, end, three_days, Modifiers::NONE);
    let longer = ModelEvent {
        end: Some(date("2024-09-03")),
        ..bar_event.clone()
    };
    assert_eq!(edits(&harness), vec![(bar, longer, "change of the end of")]);
}
