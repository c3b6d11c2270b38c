//! The whole app driven as a user drives it, through `egui_kittest`: find
//! widgets by their accessible labels, click, press keys, turn the wheel,
//! drop files, and check what is shown and the app's state.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chronoscope::app::timeline::event_label;
use chronoscope::app::{ChronoscopeApp, StartOptions};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, MouseWheelUnit, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn app_with(files: Vec<PathBuf>) -> Harness<'static, ChronoscopeApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 860.0))
        // Scrolling the source text to a quote animates over a few frames.
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

/// A folder of this test run's, for the files a test writes.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoscope-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn example_app() -> Harness<'static, ChronoscopeApp> {
    app_with(Vec::new())
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, ChronoscopeApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path)));
    settle(harness);
}

/// Turns the mouse wheel by `lines` notches (positive: away from the user).
fn wheel(harness: &Harness<'_, ChronoscopeApp>, lines: f32, modifiers: Modifiers) {
    harness.event(Event::MouseWheel {
        unit: MouseWheelUnit::Line,
        delta: Vec2::new(0.0, lines),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers,
    });
}

fn event_index(harness: &Harness<'_, ChronoscopeApp>, id: &str) -> usize {
    harness.state().doc().unwrap().event_by_id(id).unwrap()
}

fn label_of(harness: &Harness<'_, ChronoscopeApp>, id: &str) -> String {
    let doc = harness.state().doc().unwrap();
    event_label(&doc.event(doc.event_by_id(id).unwrap()).unwrap())
}

#[test]
fn example_opens_with_every_event_findable_by_its_label() {
    let harness = example_app();
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.event_count(), 7);
    for event in doc.iter_events() {
        let label = event_label(&event);
        let node = harness.get_by_role_and_label(Role::Button, &label);
        assert_eq!(
            node.accesskit_node().is_selected(),
            Some(false),
            "{}",
            event.title
        );
    }
    harness.get_by_label_contains("7 events · 1 source");
    harness.get_by_label("No event selected");
}

#[test]
fn clicking_an_event_shows_its_quote_in_the_source_panel() {
    let mut harness = example_app();
    harness
        .get_by_role_and_label(Role::Button, &label_of(&harness, "treaty"))
        .click();
    harness.run();
    assert_eq!(
        harness.state().selection.index,
        Some(event_index(&harness, "treaty"))
    );
    let label = label_of(&harness, "treaty");
    let node = harness.get_by_role_and_label(Role::Button, &label);
    assert_eq!(node.accesskit_node().is_selected(), Some(true));
    // The panel shows the event's details and the article text containing the quote.
    harness.get_by_label("Putin and Kim Jong-un sign a mutual defense treaty in Pyongyang");
    harness.get_by_label_contains("day precision");
    let text = harness.get_by_role(Role::MultilineTextInput);
    let shown = text.accesskit_node().value().unwrap_or_default();
    assert!(shown.contains("culminating in a treaty signed by Russian President Vladimir Putin"));
    harness.get_by_label_contains("published Wed 16 October 2024");
    // The second quote is one click away.
    harness.get_by_label("Quote 2").click();
    harness.run();
    let text = harness.get_by_role(Role::MultilineTextInput);
    let shown = text.accesskit_node().value().unwrap_or_default();
    assert!(shown.contains("The treaty includes a mutual defense clause"));
}

#[test]
fn arrow_keys_step_through_events_in_time_and_escape_clears() {
    let mut harness = example_app();
    harness
        .get_by_role_and_label(Role::Button, &label_of(&harness, "strike"))
        .click();
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    let next = event_index(&harness, "minister-briefing");
    assert_eq!(harness.state().selection.index, Some(next));
    let label = label_of(&harness, "minister-briefing");
    let node = harness.get_by_role_and_label(Role::Button, &label);
    assert_eq!(node.accesskit_node().is_selected(), Some(true));
    harness.key_press(Key::ArrowLeft);
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(
        harness.state().selection.index,
        Some(event_index(&harness, "treaty"))
    );
    harness.key_press(Key::End);
    harness.run();
    assert_eq!(harness.state().selection.index, Some(6));
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(
        harness.state().selection.index,
        Some(6),
        "stays on the last event"
    );
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(harness.state().selection.index, Some(0));
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selection.index, None);
    harness.get_by_label("No event selected");
}

#[test]
fn ctrl_wheel_zooms_keeping_the_time_under_the_pointer() {
    let mut harness = example_app();
    let timeline = harness.get_by_label("Timeline").rect();
    let pointer = Pos2::new(
        timeline.left() + timeline.width() * 0.7,
        timeline.center().y,
    );
    let before = harness.state().view.axis.unwrap();
    let t_before = before.t_of(f64::from(pointer.x));
    harness.event(Event::PointerMoved(pointer));
    wheel(&harness, 3.0, Modifiers::CTRL);
    harness.run();
    let after = harness.state().view.axis.unwrap();
    assert!(
        after.secs_per_px() < before.secs_per_px() * 0.7,
        "zoomed in: {before:?} -> {after:?}"
    );
    let t_after = after.t_of(f64::from(pointer.x));
    assert!(
        (t_after - t_before).abs() < before.secs_per_px() * 0.01,
        "{t_before} vs {t_after}"
    );

    // Plain wheel the other way zooms back out around the same point.
    wheel(&harness, -3.0, Modifiers::NONE);
    harness.run();
    let back = harness.state().view.axis.unwrap();
    assert!((back.secs_per_px() / before.secs_per_px() - 1.0).abs() < 1e-9);
    assert!((back.t_of(f64::from(pointer.x)) - t_before).abs() < before.secs_per_px() * 0.01);
}

/// All events are in view, the first and last at the fit margin from the edges.
fn assert_fitted(harness: &Harness<'_, ChronoscopeApp>) {
    let view = harness.state().view.axis.unwrap();
    let (t0, t1) = harness.state().doc().unwrap().time_range().unwrap();
    let margin = chronoscope::app::timeline::FIT_MARGIN;
    assert!(
        (view.x_of(t0) - (view.x_left() + margin)).abs() < 1e-6,
        "{view:?}"
    );
    assert!(
        (view.x_of(t1) - (view.x_left() + view.width() - margin)).abs() < 1e-6,
        "{view:?}"
    );
}

#[test]
fn keys_zoom_and_fit_and_drag_pans() {
    let mut harness = example_app();
    let fitted = harness.state().view.axis.unwrap();
    harness.key_press(Key::Plus);
    harness.run();
    let zoomed = harness.state().view.axis.unwrap();
    assert!((fitted.secs_per_px() / zoomed.secs_per_px() - 1.5).abs() < 1e-9);
    harness.key_press(Key::Minus);
    harness.key_press(Key::Minus);
    harness.run();
    assert!(harness.state().view.axis.unwrap().secs_per_px() > fitted.secs_per_px());
    harness.key_press(Key::F);
    harness.run();
    assert_fitted(&harness);
    let fitted = harness.state().view.axis.unwrap();

    // Dragging empty space pans: the content follows the pointer.
    let timeline = harness.get_by_label("Timeline").rect();
    let from = Pos2::new(timeline.center().x, timeline.bottom() - 20.0);
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from + Vec2::new(100.0, 0.0));
    harness.run();
    harness.drop_at(from + Vec2::new(100.0, 0.0));
    harness.run();
    let panned = harness.state().view.axis.unwrap();
    assert!(panned.start() < fitted.start(), "{fitted:?} -> {panned:?}");
    assert!((panned.secs_per_px() - fitted.secs_per_px()).abs() < 1e-9);
}

#[test]
fn a_broken_file_shows_its_located_error_and_the_timeline_stays() {
    let mut harness = example_app();
    harness
        .get_by_role_and_label(Role::Button, &label_of(&harness, "strike"))
        .click();
    harness.run();
    let before = harness.state().doc().cloned();
    drop_file(&mut harness, data("bad-date.json"));
    harness.get_by_label("Could not open the file:");
    let message = harness.get_by_label_contains("bad-date.json:6:16: events[1].start:");
    let text = message.accesskit_node().value().unwrap_or_default();
    assert!(text.contains("month 13"), "{text}");
    assert_eq!(
        harness.state().doc().cloned(),
        before,
        "the open document is untouched"
    );
    assert_eq!(
        harness.state().selection.index,
        Some(event_index(&harness, "strike"))
    );
    harness.get_by_role_and_label(Role::Button, &label_of(&harness, "treaty"));
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.query_by_label("Could not open the file:").is_none());
}

#[test]
fn a_dropped_file_opens_and_shows_its_events_and_warnings() {
    let mut harness = example_app();
    drop_file(&mut harness, data("quote-not-found.json"));
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.name, "quote-not-found.json");
    harness
        .get_by_role_and_label(Role::Button, &event_label(&doc.event(0).unwrap()))
        .click();
    harness.run();
    harness.get_by_label_contains("quote not found in source \"paper\"");
    harness.get_by_label("Quote 2").click();
    harness.run();
    harness.get_by_label_contains("This quote was not found in the source text");
    // Reloading keeps the selection by id.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    assert_eq!(harness.state().selection.index, Some(0));
}

#[test]
fn files_on_the_command_line_open_instead_of_the_example() {
    let harness = app_with(vec![data("siege.json")]);
    let doc = harness.state().doc().unwrap();
    assert_eq!(doc.name, "siege.json");
    // The BCE founding and the modern events are far apart: fitting shows them all
    // (the modern ones may share a cluster at this zoom, but none is hidden).
    assert!(harness.query_by_label_contains("City founded").is_some());
    assert!(
        harness
            .query_all(By::new().role(Role::Button).label_contains("Siege"))
            .count()
            + harness
                .query_all(
                    By::new()
                        .role(Role::Button)
                        .label_contains("events, click to zoom in")
                )
                .count()
            >= 1
    );
}

#[test]
fn clicking_a_cluster_zooms_into_it() {
    let mut harness = app_with(vec![data("crowded.json")]);
    assert_eq!(harness.state().doc().unwrap().event_count(), 13);
    let cluster = harness
        .query_all(
            By::new()
                .role(Role::Button)
                .label_contains("events, click to zoom in"),
        )
        .next();
    let Some(cluster) = cluster else {
        panic!("twelve events within hours of each other, years from the first, must cluster");
    };
    let label = cluster.accesskit_node().label().unwrap_or_default();
    let count: usize = label.split(' ').next().unwrap().parse().unwrap();
    assert!(count >= 2, "{label}");
    let before = harness.state().view.axis.unwrap();
    cluster.click();
    harness.run();
    // Zoomed into those hours: the events are shown one by one.
    assert!(harness.state().view.axis.unwrap().secs_per_px() < before.secs_per_px() / 1000.0);
    assert!(
        harness
            .query(
                By::new()
                    .role(Role::Button)
                    .label_contains("events, click to zoom in")
            )
            .is_none()
    );
    let shown = harness
        .query_all(By::new().role(Role::Button).label_contains("Report at"))
        .count();
    assert!(shown >= count, "{shown} shown, {count} were clustered");
}

#[test]
fn help_and_theme_menus_work() {
    let mut harness = example_app();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Keyboard shortcuts").click();
    harness.run();
    harness.get_by_label("Fit all events");
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(
        harness.state().settings.theme,
        chronoscope::app::Theme::Dark
    );
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn one_wheel_notch_zooms_once_even_when_egui_runs_two_passes() {
    let mut harness = example_app();
    let timeline = harness.get_by_label("Timeline").rect();
    let before = harness.state().view.axis.unwrap();
    harness.event(Event::PointerMoved(timeline.center()));
    wheel(&harness, 1.0, Modifiers::NONE);
    harness.run();
    let after = harness.state().view.axis.unwrap();
    let ratio = before.secs_per_px() / after.secs_per_px();
    assert!(
        (ratio - chronoscope::app::timeline::WHEEL_NOTCH_ZOOM).abs() < 1e-9,
        "{ratio}"
    );
}

#[test]
fn hovering_an_event_shows_its_title_and_date_as_written() {
    let mut harness = example_app();
    let label = label_of(&harness, "foreign-ministry-warning");
    let rect = harness.get_by_role_and_label(Role::Button, &label).rect();
    harness.hover_at(rect.center());
    harness.run();
    harness.get_by_label("as written: 2024-10-16?");
    harness.get_by_label("Wed 16 October 2024 (uncertain)");
}

#[test]
fn pinch_zooms_and_double_click_on_empty_space_fits_again() {
    // Frames 50 ms apart, so two clicks can fall within the double-click delay.
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 860.0))
        .with_step_dt(0.05)
        .with_max_steps(100)
        .build_eframe(|cc| ChronoscopeApp::new(cc, StartOptions::default()));
    harness.run();
    let timeline = harness.get_by_label("Timeline").rect();
    let empty = Pos2::new(timeline.left() + 30.0, timeline.bottom() - 30.0);
    let before = harness.state().view.axis.unwrap();
    harness.event(Event::PointerMoved(empty));
    harness.event(Event::Zoom(2.0));
    harness.run();
    let zoomed = harness.state().view.axis.unwrap();
    assert!((before.secs_per_px() / zoomed.secs_per_px() - 2.0).abs() < 1e-9);
    assert!((zoomed.t_of(f64::from(empty.x)) - before.t_of(f64::from(empty.x))).abs() < 1.0);
    // Two clicks, each press and release a frame apart.
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(Event::PointerButton {
                pos: empty,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            harness.step();
        }
    }
    harness.run();
    assert_fitted(&harness);
}

#[test]
fn two_files_are_two_layers_that_toggle_and_close() {
    let mut harness = example_app();
    drop_file(&mut harness, data("siege.json"));
    drop_file(&mut harness, data("quote-not-found.json"));
    // The first file replaced the example; the second is a second layer.
    assert_eq!(harness.state().layers.files.len(), 2);
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.event_count(), 5);
    assert_eq!(doc.name, "2 files");
    harness.get_by_label_contains("5 events · 3 sources");
    harness.get_by_role_and_label(Role::CheckBox, "siege.json");
    harness.get_by_role_and_label(Role::CheckBox, "quote-not-found.json");
    // Each layer's events keep their own colour: a Speech from one, a Siege from the other.
    let label = event_label(&doc.event(doc.event_by_id("speech").unwrap()).unwrap());
    harness.get_by_role_and_label(Role::Button, &label).click();
    harness.run();
    assert_eq!(harness.state().selected_event().unwrap().id, "speech");

    // Hide siege.json: its events leave the timeline, the selection stays.
    harness
        .get_by_role_and_label(Role::CheckBox, "siege.json")
        .click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 1);
    assert!(harness.query_by_label_contains("Walls fall").is_none());
    assert_eq!(harness.state().selected_event().unwrap().id, "speech");
    harness
        .get_by_role_and_label(Role::CheckBox, "siege.json")
        .click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 5);
    harness.query_by_label_contains("Walls fall").unwrap();

    // Close quote-not-found.json: one layer is left, the panel goes.
    harness.get_by_label("Close quote-not-found.json").click();
    harness.run();
    assert_eq!(harness.state().layers.files.len(), 1);
    assert_eq!(harness.state().doc().unwrap().name, "siege.json");
    assert_eq!(harness.state().selection.index, None);
    assert!(
        harness
            .query_by_role_and_label(Role::CheckBox, "siege.json")
            .is_none()
    );
}

/// Steps the app until `done` holds or five seconds pass (file notifications
/// arrive on another thread, debounced).
fn run_until(
    harness: &mut Harness<'_, ChronoscopeApp>,
    done: impl Fn(&ChronoscopeApp) -> bool,
) -> bool {
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
        if done(harness.state()) {
            // More notifications of the same write may still arrive and
            // repaint; let them settle without requiring it.
            let _ = harness.try_run();
            return true;
        }
    }
    false
}

#[test]
fn a_file_changed_on_disk_is_reloaded_keeping_view_and_selection() {
    let dir = scratch("watch");
    let path = dir.join("events.json");
    let original = std::fs::read_to_string(data("quote-not-found.json")).unwrap();
    std::fs::write(&path, &original).unwrap();
    let mut harness = app_with(vec![path.clone()]);
    harness.key_press(Key::Home);
    harness.key_press(Key::Plus);
    harness.run();
    let view = harness.state().view.axis;
    assert_eq!(harness.state().selected_event().unwrap().title, "Speech");

    // Rewritten by another program: the new title shows, the view and selection stay.
    std::fs::write(
        &path,
        original.replace("\"Speech\"", "\"Speech to parliament\""),
    )
    .unwrap();
    assert!(
        run_until(&mut harness, |app| app
            .selected_event()
            .is_some_and(|e| e.title == "Speech to parliament")),
        "not reloaded"
    );
    assert_eq!(harness.state().view.axis, view);

    // Broken half-way: the old content stays and the error shows.
    std::fs::write(&path, "{ \"chronoscope\": 1, \"events\": [").unwrap();
    assert!(
        run_until(&mut harness, |app| !app.panels.failures.is_empty()),
        "no error shown"
    );
    harness.get_by_label("Could not open the file:");
    assert_eq!(
        harness.state().selected_event().unwrap().title,
        "Speech to parliament"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_spreadsheet_opens_through_the_import_dialog_whose_preview_follows_the_mapping() {
    let mut harness = example_app();
    drop_file(&mut harness, data("csv/missile_launches.csv"));
    // Nothing is loaded until the user confirms the mapping.
    assert!(harness.state().panels.import.is_some());
    assert_eq!(
        harness.state().doc().unwrap().name,
        chronoscope::example::NAME
    );
    harness.get_by_label_contains("Import missile_launches.csv");
    // Recognised columns are pre-selected, and the preview shows their values.
    let start = harness.get_by_role_and_label(Role::ComboBox, "Start date");
    assert_eq!(
        start.accesskit_node().value().as_deref(),
        Some("launch_time")
    );
    harness.get_by_label("Nodong");

    // Map the title to another column: the preview follows.
    harness
        .get_by_role_and_label(Role::ComboBox, "Title")
        .click();
    harness.run();
    harness.get_by_label("facility_name").click();
    harness.run();
    let title = harness.get_by_role_and_label(Role::ComboBox, "Title");
    assert_eq!(
        title.accesskit_node().value().as_deref(),
        Some("facility_name")
    );
    assert!(harness.query_all_by_label("Tonghae Launch Site").count() >= 1);
    assert!(
        harness.query_by_label("Nodong").is_none(),
        "the preview shows the new title column"
    );

    harness.get_by_label("Import").click();
    settle(&mut harness);
    assert!(harness.state().panels.import.is_none());
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.name, "missile_launches.csv");
    assert!(doc.event_count() > 0);
    assert!(doc.iter_events().any(|e| e.title == "Tonghae Launch Site"));
    // Reloading keeps the user's mapping.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    assert!(
        harness
            .state()
            .doc()
            .unwrap()
            .iter_events()
            .any(|e| e.title == "Tonghae Launch Site")
    );
}

#[test]
fn the_import_dialog_offers_the_place_columns() {
    let mut harness = example_app();
    drop_file(&mut harness, data("csv/places.csv"));
    assert!(harness.state().panels.import.is_some());
    for (label, column) in [
        ("Latitude (or WKT points)", "latitude"),
        ("Longitude (or WKT points)", "longitude"),
        ("Place name", "location"),
        ("Place precision", "place_precision"),
    ] {
        let combo = harness.get_by_role_and_label(Role::ComboBox, label);
        assert_eq!(combo.accesskit_node().value().as_deref(), Some(column));
    }
    // The preview shows the places the choices give.
    harness.get_by_label("Chuhuiv (49.8500° N, 36.6500° E, town)");

    // Another column for the place's name: the preview follows.
    harness
        .get_by_role_and_label(Role::ComboBox, "Place name")
        .click();
    harness.run();
    harness.get_by_label("reporter").click();
    harness.run();
    harness.get_by_label("Field team (49.8500° N, 36.6500° E, town)");

    harness.get_by_label("Import").click();
    settle(&mut harness);
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.iter_events().filter(|e| e.place.is_some()).count(), 5);
    let crossing = doc.event(doc.event_by_id("row-1").unwrap()).unwrap();
    assert_eq!(
        crossing.place.as_ref().and_then(|p| p.name.as_deref()),
        Some("Field team")
    );
    assert_eq!(crossing.attributes.get("location"), Some("Chuhuiv"));
}

#[test]
fn cancelling_the_import_dialog_leaves_everything_as_it_was() {
    let mut harness = example_app();
    let before = harness.state().doc().cloned();
    drop_file(&mut harness, data("csv/missile_launches.csv"));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().panels.import.is_none());
    assert_eq!(harness.state().doc().cloned(), before);
}

#[test]
fn other_formats_open_directly() {
    let harness = app_with(vec![
        data("timelinejs/ancient-rome.json"),
        data("ical/field-season.ics"),
    ]);
    assert_eq!(harness.state().layers.files.len(), 2);
    assert_eq!(
        harness.state().layers.files[0].doc.format,
        "TimelineJS3 JSON"
    );
    assert_eq!(harness.state().layers.files[1].doc.format, "iCalendar");
    harness.get_by_role_and_label(Role::CheckBox, "ancient-rome.json");
}

#[test]
fn lanes_taller_than_the_window_scroll_with_page_keys() {
    let mut harness = app_with(vec![data("many-lanes.json")]);
    let lanes = harness.state().doc().unwrap().lanes().to_vec();
    assert_eq!(lanes.len(), 40);
    let first = format!("Event in l{}", &lanes[0][1..]);
    let last = format!("Event in l{}", &lanes[39][1..]);
    let (first, last) = (first.as_str(), last.as_str());
    assert!(harness.query_by_label_contains(first).is_some());
    assert!(
        harness.query_by_label_contains(last).is_none(),
        "the last lane is below the window"
    );
    for _ in 0..10 {
        harness.key_press(Key::PageDown);
        harness.run();
    }
    assert!(
        harness.query_by_label_contains(last).is_some(),
        "scrolled down to the last lane"
    );
    assert!(harness.query_by_label_contains(first).is_none());
    for _ in 0..10 {
        harness.key_press(Key::PageUp);
        harness.run();
    }
    assert!(harness.query_by_label_contains(first).is_some());
}

#[test]
fn side_panel_does_not_widen_over_the_timeline_for_a_long_link() {
    let mut harness = app_with(vec![data("long-link.json")]);
    let before = harness.get_by_label("Timeline").rect();
    let label = label_of(&harness, "a");
    harness.get_by_role_and_label(Role::Button, &label).click();
    harness.run();
    let after = harness.get_by_label("Timeline").rect();
    assert!(
        (after.width() - before.width()).abs() < 1.0,
        "{before:?} -> {after:?}"
    );
    // Both events stay in view.
    let label = label_of(&harness, "b");
    harness.get_by_role_and_label(Role::Button, &label);
}

/// A generated native file large enough to take a while to load.
fn large_file(name: &str, events: usize) -> PathBuf {
    let dir = scratch("large");
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    chronoscope::generate::write(file, events, 5, chronoscope::generate::GenFormat::Json).unwrap();
    path
}

#[test]
fn a_large_file_loads_in_the_background_and_cancelling_leaves_everything_as_it_was() {
    let path = large_file("cancel.json", 60_000);
    let mut harness = example_app();
    let before = harness.state().doc().cloned();
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.clone())));
    // The progress shows while the window keeps working.
    let mut shown = false;
    for _ in 0..200 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
        if harness.query_by_label("Cancel loading").is_some() {
            shown = true;
            break;
        }
    }
    assert!(shown, "no progress shown");
    assert!(harness.state().is_loading());
    harness.get_by_label_contains("Opening cancel.json");
    harness.key_press(Key::ArrowRight);
    harness.step();
    assert_eq!(
        harness.state().selection.index,
        Some(0),
        "the example still responds"
    );

    harness.get_by_label("Cancel loading").click();
    harness.step();
    harness.step();
    assert!(!harness.state().is_loading());
    // Nothing changes, even after the thread would have finished.
    std::thread::sleep(std::time::Duration::from_millis(300));
    harness.run();
    assert_eq!(harness.state().doc().cloned(), before);
    assert_eq!(harness.state().layers.files.len(), 1);
    assert!(harness.state().panels.failures.is_empty());
    assert!(harness.query_by_label("Cancel loading").is_none());

    // Opened again and left alone, it loads.
    drop_file(&mut harness, path.clone());
    assert_eq!(harness.state().doc().unwrap().event_count(), 60_000);
    std::fs::remove_file(&path).unwrap();
}

/// Drags with the primary button from `from` by `by`.
fn drag(harness: &mut Harness<'_, ChronoscopeApp>, from: Pos2, by: Vec2) {
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from + by * 0.5);
    harness.run();
    harness.hover_at(from + by);
    harness.run();
    harness.drop_at(from + by);
    harness.run();
}

#[test]
fn the_overview_window_drags_to_pan_and_its_edges_drag_to_zoom() {
    let mut harness = example_app();
    // Zoomed in, the window is a part of the strip.
    for _ in 0..3 {
        harness.key_press(Key::Plus);
    }
    harness.run();
    let zoomed = harness.state().view.axis.unwrap();
    let strip = harness
        .get_by_label("Overview of the whole time span")
        .rect();
    let whole = harness.state().doc().unwrap().time_range().unwrap();
    // The strip maps the whole span inside 4 points of padding and 4 of margin.
    let strip_secs_per_point = (whole.1 - whole.0) / f64::from(strip.width() - 16.0);
    let x_of = |t: f64| strip.left() + 8.0 + ((t - whole.0) / strip_secs_per_point) as f32;

    // Dragging the window 40 points later pans by 40 points of the strip's scale.
    let window_x = x_of(zoomed.start() + zoomed.span() / 2.0);
    drag(
        &mut harness,
        Pos2::new(window_x, strip.center().y),
        Vec2::new(40.0, 0.0),
    );
    let panned = harness.state().view.axis.unwrap();
    let moved = panned.start() - zoomed.start();
    assert!(
        (moved / (40.0 * strip_secs_per_point) - 1.0).abs() < 0.15,
        "moved {moved} s, expected about {}",
        40.0 * strip_secs_per_point
    );
    assert!((panned.span() - zoomed.span()).abs() < 1.0, "same zoom");

    // Dragging the window's right edge further right shows more time.
    let right = x_of(panned.end());
    drag(
        &mut harness,
        Pos2::new(right - 1.0, strip.center().y),
        Vec2::new(60.0, 0.0),
    );
    let wider = harness.state().view.axis.unwrap();
    assert!(
        wider.span() > panned.span() * 1.1,
        "{panned:?} -> {wider:?}, right edge at {right}"
    );
    assert!(
        (wider.start() - panned.start()).abs() < 1.0,
        "the start stays"
    );

    // Clicking the strip elsewhere moves the window there.
    let far_left = Pos2::new(strip.left() + 6.0, strip.center().y);
    harness.drag_at(far_left);
    harness.drop_at(far_left);
    harness.run();
    let jumped = harness.state().view.axis.unwrap();
    assert!(jumped.start() < wider.start());
}

#[test]
fn save_as_writes_in_the_background_and_reports_a_failure_as_a_save() {
    let mut harness = example_app();
    let dir = scratch("save");
    let path = dir.join("saved.chronoscope.json");
    harness
        .state_mut()
        .push(chronoscope::app::Command::SaveAs(path.clone()));
    settle(&mut harness);
    let saved = chronoscope::formats::load_file(&path).unwrap();
    assert_eq!(
        saved.event_count(),
        harness.state().doc().unwrap().event_count()
    );
    // A folder that does not exist: the error says the save failed.
    harness.state_mut().push(chronoscope::app::Command::SaveAs(
        dir.join("missing").join("x.json"),
    ));
    settle(&mut harness);
    harness.get_by_label("Could not save the file:");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_overview_window_edge_can_be_grabbed_when_the_view_reaches_past_the_events() {
    // Fitted, the view has a margin beyond the first and last events, so the
    // window's true edges lie outside the strip; they are grabbed where drawn.
    let mut harness = example_app();
    let fitted = harness.state().view.axis.unwrap();
    let strip = harness
        .get_by_label("Overview of the whole time span")
        .rect();
    drag(
        &mut harness,
        Pos2::new(strip.left() + 2.0, strip.center().y),
        Vec2::new(200.0, 0.0),
    );
    let view = harness.state().view.axis.unwrap();
    assert!(view.start() > fitted.start(), "the start moved");
    assert!((view.end() - fitted.end()).abs() < 1.0, "the end stayed");
}

/// Presses Ctrl+Shift+C in one frame (the harness would spread a key's down
/// and up over two, and keeps only the last frame's output).
fn press_copy_citation(harness: &mut Harness<'_, ChronoscopeApp>) {
    let modifiers = Modifiers::COMMAND | Modifiers::SHIFT;
    harness.input_mut().events.push(egui::Event::Key {
        key: Key::C,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    });
    harness.step();
}

/// The text the app put on the clipboard in the last frame, if any.
fn copied(harness: &Harness<'_, ChronoscopeApp>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn copy_citation_puts_title_date_source_and_the_quote_shown_on_the_clipboard() {
    let mut harness = example_app();
    // Nothing selected: the shortcut copies nothing.
    press_copy_citation(&mut harness);
    assert_eq!(copied(&harness), None);

    harness
        .get_by_role_and_label(Role::Button, &label_of(&harness, "treaty"))
        .click();
    harness.run();
    press_copy_citation(&mut harness);
    let text = copied(&harness).expect("a citation on the clipboard");
    assert!(
        text.starts_with(
            "Putin and Kim Jong-un sign a mutual defense treaty in Pyongyang\n\
             Wed 19 June 2024 (as written: 2024-06-19)\n\
             Source: South Korea Monitors North Korea's Potential Troop Support in Ukraine War, \
             News article citing Yonhap News Agency (scraped copy)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Quote: \u{201c}culminating in a treaty signed"),
        "{text}"
    );

    // The button in the side panel copies the quote being shown.
    harness.get_by_label("Quote 2").click();
    harness.run();
    harness.get_by_label("Copy citation").click();
    harness.step();
    let text = copied(&harness).expect("a citation on the clipboard");
    assert!(
        text.contains("Quote: \u{201c}The treaty includes a mutual defense clause"),
        "{text}"
    );
}

#[test]
fn export_as_csv_writes_the_events_shown_as_a_table() {
    let mut harness = example_app();
    let dir = scratch("export");
    let path = dir.join("events.csv");
    harness
        .state_mut()
        .push(chronoscope::app::Command::ExportCsv(path.clone()));
    settle(&mut harness);
    let table = std::fs::read_to_string(&path).unwrap();
    assert!(table.starts_with("id,start,end,title,"), "{table}");
    let again = chronoscope::formats::load_file(&path).unwrap();
    assert_eq!(again.event_count(), 7);
    assert_eq!(again.lanes(), harness.state().doc().unwrap().lanes());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn event_id(harness: &Harness<'_, ChronoscopeApp>, index: Option<usize>) -> Option<String> {
    let doc = harness.state().doc()?;
    Some(doc.event(index?)?.id.clone())
}

#[test]
fn ctrl_f_finds_events_counts_them_and_enter_steps_through_them() {
    let mut harness = example_app();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    // The field has the focus: typing goes there, as the query.
    harness.get_by_label("Find:").type_text("donetsk");
    harness.run();
    harness.get_by_label("1 event found");
    let search = harness.state().panels.search.as_ref().unwrap();
    assert_eq!(search.matches, [event_index(&harness, "strike")]);

    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        event_id(&harness, harness.state().selection.index).as_deref(),
        Some("strike")
    );
    harness.get_by_label("1 of 1 event found");

    // A query found in several events: Enter goes forward in time, Shift+Enter
    // back, and round at the ends.
    let field = harness.get_by_label("Find:");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Find:").type_text("ministry");
    harness.run();
    harness.get_by_label("2 events found");
    harness.get_by_label("Next").click();
    harness.run();
    assert_eq!(
        event_id(&harness, harness.state().selection.index).as_deref(),
        Some("defense-ministry-statement")
    );
    harness.get_by_label("1 of 2 events found");
    harness.get_by_label("Next").click();
    harness.run();
    assert_eq!(
        event_id(&harness, harness.state().selection.index).as_deref(),
        Some("foreign-ministry-warning")
    );
    harness.get_by_label("Next").click();
    harness.run();
    assert_eq!(
        event_id(&harness, harness.state().selection.index).as_deref(),
        Some("defense-ministry-statement")
    );
    harness.get_by_label("Previous").click();
    harness.run();
    assert_eq!(
        event_id(&harness, harness.state().selection.index).as_deref(),
        Some("foreign-ministry-warning")
    );

    harness.get_by_label("Close search").click();
    harness.run();
    assert!(harness.state().panels.search.is_none());
    assert!(harness.query_by_label("Find:").is_none());
}

#[test]
fn a_search_finds_nothing_says_so_and_esc_closes_it() {
    let mut harness = example_app();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find:").type_text("zeppelin");
    harness.run();
    harness.get_by_label("no events found");
    assert!(harness.get_by_label("Next").accesskit_node().is_disabled());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().panels.search.is_none());
}

#[test]
fn the_event_list_selects_what_is_clicked_sorts_by_column_and_follows_the_timeline() {
    let mut harness = example_app();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    assert!(harness.state().panels.event_list.is_some());
    harness.get_by_label("7 events");
    // A row's date is a cell of its own: clicking it selects the event.
    harness.get_by_label("2024-06-19").click();
    harness.run();
    assert_eq!(
        event_id(&harness, harness.state().selection.index).as_deref(),
        Some("treaty")
    );
    // Selecting on the timeline moves the list's selection too.
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(
        event_id(&harness, harness.state().selection.index).as_deref(),
        Some("strike")
    );
    // Sorting by title; the same header again reverses it.
    harness.get_by_label("Title").click();
    harness.run();
    let list = harness.state().panels.event_list.as_ref().unwrap();
    assert_eq!(list.sort, chronoscope::app::event_list::SortBy::Title);
    assert!(list.ascending);
    harness.get_by_label("Title").click();
    harness.run();
    assert!(
        !harness
            .state()
            .panels
            .event_list
            .as_ref()
            .unwrap()
            .ascending
    );
    // Ctrl+L again hides it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    assert!(harness.state().panels.event_list.is_none());
    assert!(harness.query_by_label("Title").is_none());
}

#[test]
fn eras_are_drawn_as_labelled_periods_behind_the_events() {
    let harness = app_with(vec![data("timelinejs/ancient-rome.json")]);
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.periods.len(), 2);
    harness.get_by_label_contains("Period: Roman Republic, 509 BCE");
    harness.get_by_label_contains("Period: Roman Empire");
}

/// Exports the view, `width` points wide, to `path` (a PNG picture or an
/// SVG drawing by its name) and waits until it is written.
fn export_view(harness: &mut Harness<'_, ChronoscopeApp>, path: &Path, width: f32) {
    let view = harness.state().view.axis.unwrap();
    harness
        .state_mut()
        .push(chronoscope::app::Command::ExportPicture {
            path: path.to_path_buf(),
            t0: view.start(),
            t1: view.end(),
            width,
        });
    harness.step();
    for _ in 0..500 {
        if harness.state().jobs.saves.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    assert!(harness.state().jobs.saves.is_empty(), "still writing");
    assert!(harness.state().panels.failures.is_empty());
}

#[test]
fn export_as_svg_draws_the_view_or_the_whole_span_in_the_background() {
    let mut harness = example_app();
    let dir = scratch("svg");
    let path = dir.join("view.svg");
    export_view(&mut harness, &path, 1000.0);
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.contains("width=\"1000\""));
    assert_eq!(svg.matches("<g class=\"event\"").count(), 7);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn filters_leave_categories_and_dates_out_of_everything_shown_and_count_them() {
    let mut harness = example_app();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    harness.get_by_label("Categories");
    // Each category with its number of events.
    harness.get_by_label("military").click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 4);
    // In the panel and in the status bar.
    assert_eq!(harness.get_all_by_label("4 of 7 events").count(), 2);
    // Regression: a category keeps its colour when one before it is hidden.
    let shown = harness.state().doc().cloned().unwrap();
    assert_eq!(shown.lanes(), ["diplomacy", "statements"]);
    assert_eq!(
        shown.category_colors.get("statements"),
        Some(&chronoscope::layout::LANE_RGB[2])
    );
    assert!(
        harness
            .state()
            .doc()
            .unwrap()
            .iter_events()
            .all(|e| e.category.as_deref() != Some("military"))
    );
    // The event list and the search see the same four.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    harness.get_by_label("4 events");

    // Dates: events overlapping October 2024 from the categories shown.
    harness.get_by_label("military").click();
    harness.run();
    let from = harness.get_by_label("From");
    from.focus();
    from.type_text("2024-10");
    harness.run();
    harness.get_by_label("Categories").click(); // the field loses the focus
    harness.run();
    assert_eq!(harness.state().layers.filters.from, "2024-10");
    assert_eq!(harness.state().doc().unwrap().event_count(), 6);
    assert_eq!(harness.get_all_by_label("6 of 7 events").count(), 2);

    harness.get_by_label("Clear filters").click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 7);
    assert!(!harness.state().layers.filters.active());
    assert_eq!(harness.get_by_label("From").value().as_deref(), Some(""));
}

/// Opens View > Lanes by and picks `field`.
fn lanes_by(harness: &mut Harness<'_, ChronoscopeApp>, field: &str) {
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Lanes by").hover();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, field)
        .click();
    harness.run();
}

#[test]
fn lanes_group_by_another_field_and_collapse_and_expand() {
    let mut harness = example_app();
    lanes_by(&mut harness, "Tag");
    let doc = harness.state().doc().cloned().unwrap();
    // Each event in the lane of its first tag; the most common first.
    assert_eq!(
        doc.lanes(),
        ["South Korea", "troops", "arms", "strike", "treaty"]
    );
    assert_eq!(doc.event_count(), 7);
    harness.get_by_label("Lanes by Tag");
    // The event list's third column is the lanes: by tag, sorted by them.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Tag").click();
    harness.run();
    assert_eq!(
        harness.get_all_by_label("South Korea").count(),
        3,
        "the lane column of each of its three events"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    let briefing = label_of(&harness, "minister-briefing");
    harness.get_by_label(&briefing);

    // Collapsing a lane hides its events and says how many it holds.
    harness.get_by_label("Collapse lane South Korea").click();
    harness.run();
    assert!(harness.state().view.collapsed.contains("South Korea"));
    assert!(harness.query_by_label(&briefing).is_none());
    harness.get_by_label(&label_of(&harness, "treaty"));
    harness.get_by_label("Expand lane South Korea").click();
    harness.run();
    harness.get_by_label(&briefing);
    // Selecting an event of a collapsed lane opens it.
    harness.get_by_label("Collapse lane South Korea").click();
    harness.run();
    let index = event_index(&harness, "minister-briefing");
    harness
        .state_mut()
        .push(chronoscope::app::Command::Select(Some(index)));
    harness.run();
    assert!(harness.state().view.collapsed.is_empty());
    harness.get_by_label(&briefing);

    // Back to categories; the menu lists the other fields too.
    lanes_by(&mut harness, "Category");
    assert_eq!(
        harness.state().doc().unwrap().lanes(),
        ["military", "diplomacy", "statements"]
    );
    assert!(harness.query_by_label("Lanes by Tag").is_none());
}

/// A native file of `events` events, each with a `latitude` attribute of
/// one of 30 values (the place of generated events is a place, not an
/// attribute).
fn file_with_latitudes(name: &str, events: usize) -> PathBuf {
    let path = scratch("large").join(name);
    let events: Vec<String> = (0..events)
        .map(|i| {
            format!(
                r#"{{"id": "e{i}", "title": "Event {i}", "start": "2020-01-{:02}", "attributes": {{"latitude": "{}.{}"}}}}"#,
                i % 28 + 1,
                30 + i % 30,
                i % 10
            )
        })
        .collect();
    let text = format!(
        "{{\"chronoscope\": 3, \"events\": [\n{}\n]}}\n",
        events.join(",\n")
    );
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn lanes_by_a_field_with_many_values_put_the_rarest_in_other() {
    let path = file_with_latitudes("lanes-by-latitude.json", 3_000);
    let mut harness = app_with(vec![path]);
    harness.state_mut().push(chronoscope::app::Command::GroupBy(
        chronoscope::facets::Facet::Field("latitude".into()),
    ));
    harness.run();
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.event_count(), 3_000);
    assert_eq!(doc.lanes().len(), chronoscope::app::MAX_LANES);
    assert!(doc.lanes().last().unwrap().starts_with("Other ("));
    // Every event is in the lane of its value, or in Other.
    for i in (0..doc.event_count()).step_by(97) {
        let event = doc.event(i).unwrap();
        let lane = &doc.lanes()[doc.event_lanes()[i]];
        let value = event.attributes.get("latitude").unwrap();
        assert!(
            lane == value || lane.starts_with("Other ("),
            "{lane} {value}"
        );
    }
    harness.get_by_label("Lanes by latitude");
    // With the file closed, the example is left, which has no such field:
    // its lanes are by category again.
    harness
        .state_mut()
        .push(chronoscope::app::Command::OpenExample);
    settle(&mut harness);
    assert_eq!(harness.state().layers.files.len(), 2);
    harness
        .state_mut()
        .push(chronoscope::app::Command::CloseLayer(0));
    harness.run();
    assert_eq!(
        harness.state().view.group_by,
        chronoscope::facets::Facet::Category
    );
    assert_eq!(
        harness.state().doc().unwrap().lanes(),
        ["military", "diplomacy", "statements"]
    );
}

#[test]
fn filters_by_tag_source_and_file_count_their_events() {
    let mut harness = example_app();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    harness.get_by_label("Tags");
    // Only the events tagged Ukraine: no tags, then that one.
    harness.get_by_label("Show no tags").click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 0);
    harness.get_by_label("Ukraine").click();
    harness.run();
    let doc = harness.state().doc().cloned().unwrap();
    let ids: Vec<String> = doc.iter_events().map(|e| e.id.clone()).collect();
    assert_eq!(ids, ["strike", "battalion-report"]);
    assert_eq!(harness.get_all_by_label("2 of 7 events").count(), 2);
    harness.get_by_label("Show every tag").click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 7);

    // The article is the one listed source; every event cites it.
    harness
        .get_by_label("South Korea Monitors North Korea's Potential Troop Support in Ukraine War")
        .click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 0);
    harness.get_by_label("Clear filters").click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 7);

    // With two files, the files are listed too (as in the Files panel),
    // with their events.
    drop_file(&mut harness, data("siege.json"));
    drop_file(&mut harness, data("quote-not-found.json"));
    let counts = |h: &Harness<'_, ChronoscopeApp>| {
        h.state()
            .layers
            .files
            .iter()
            .map(|l| l.doc.event_count())
            .collect::<Vec<_>>()
    };
    let other = counts(&harness)[1];
    let in_panel = harness
        .get_all_by_role_and_label(Role::CheckBox, "siege.json")
        .count();
    assert_eq!(in_panel, 2, "in the filter panel and in the Files panel");
    harness
        .get_all_by_role_and_label(Role::CheckBox, "siege.json")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert!(!harness.state().layers.files[0].visible);
    assert_eq!(harness.state().doc().unwrap().event_count(), other);
    assert!(
        harness
            .get_all_by_role_and_label(Role::CheckBox, "siege.json")
            .all(|c| c.accesskit_node().toggled() == Some(egui::accesskit::Toggled::False))
    );
}

#[test]
fn export_as_png_draws_a_picture_of_twice_the_width() {
    let mut harness = example_app();
    let dir = scratch("png");
    let path = dir.join("view.png");
    export_view(&mut harness, &path, 800.0);
    let picture = image::open(&path).unwrap();
    assert_eq!(picture.width(), 1600);
    assert!(picture.height() > 300);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn times_show_in_utc_local_time_or_as_written_and_dates_never_move() {
    use chronoscope::model::Zone;
    let mut harness = app_with(vec![data("time-zones.json")]);
    let order = |h: &Harness<'_, ChronoscopeApp>| {
        let doc = h.state().doc().cloned().unwrap();
        doc.iter_events().map(|e| e.id.clone()).collect::<Vec<_>>()
    };
    let times_of = |h: &Harness<'_, ChronoscopeApp>, id: &str| {
        let doc = h.state().doc().cloned().unwrap();
        doc.event_times()[doc.event_by_id(id).unwrap()]
    };
    // UTC, by default: Seoul's 14:30+09:00 is 05:30 UTC, before Kyiv's 06:00.
    assert_eq!(harness.state().settings.zone, Zone::Utc);
    harness
        .get_by_label("Seoul statement, Wed 16 October 2024, 05:30 UTC")
        .click();
    harness.run();
    assert_eq!(order(&harness), ["day", "seoul", "kyiv", "floating"]);
    let day = times_of(&harness, "day");
    let floating = times_of(&harness, "floating");

    // As written: at the clock time its source wrote, after Kyiv's.
    harness.get_by_label("View").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "As written")
        .click();
    harness.run();
    assert_eq!(harness.state().settings.zone, Zone::AsWritten);
    harness.get_by_label("Seoul statement, Wed 16 October 2024, 14:30 +09:00");
    assert_eq!(order(&harness), ["day", "kyiv", "floating", "seoul"]);
    // The selection moved with it.
    assert_eq!(harness.state().selected_event().unwrap().id, "seoul");
    harness.get_by_label("Times: As written");
    // A date without a time and a time without an offset never move.
    assert_eq!(times_of(&harness, "day"), day);
    assert_eq!(times_of(&harness, "floating"), floating);

    // Local: this machine's offset at that instant.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Local time (UTC").click();
    harness.run();
    let doc = harness.state().doc().cloned().unwrap();
    let seoul = doc.event(doc.event_by_id("seoul").unwrap()).unwrap();
    harness.get_by_label(&chronoscope::app::timeline::event_label_in(
        &seoul,
        Zone::Local,
    ));
    assert_eq!(times_of(&harness, "seoul"), seoul.times_in(Zone::Local));
    assert_eq!(times_of(&harness, "day"), day);

    // The citation gives the time in the zone shown, and as written.
    harness
        .get_by_label(&chronoscope::app::timeline::event_label_in(
            &seoul,
            Zone::Local,
        ))
        .click();
    harness.run();
    press_copy_citation(&mut harness);
    let text = copied(&harness).unwrap();
    assert!(text.contains(&seoul.date_human_in(Zone::Local)), "{text}");
    assert!(
        text.contains("as written: 2024-10-16T14:30+09:00"),
        "{text}"
    );
}

#[test]
fn dragging_along_the_ruler_filters_to_those_dates() {
    let mut harness = example_app();
    let view = harness.state().view.axis.unwrap();
    let timeline = harness.get_by_label("Timeline").rect();
    let x = |date: &str| {
        let t = chronoscope::model::Date::parse(date)
            .unwrap()
            .start_seconds();
        view.x_of(t) as f32
    };
    let y = timeline.top() + 12.0;
    // Starting inside the day, not on its first pixel.
    let (x0, x1) = (x("2024-10-02T06:00"), x("2024-10-20"));
    drag(&mut harness, Pos2::new(x0, y), Vec2::new(x1 - x0, 0.0));
    let filters = harness.state().layers.filters.clone();
    assert_eq!(filters.from, "2024-10-02", "{filters:?}");
    // Where the drag ended, to a point's width.
    assert!(
        ["2024-10-19", "2024-10-20"].contains(&filters.to.as_str()),
        "{filters:?}"
    );
    // The view did not pan: the drag was on the ruler.
    assert!((harness.state().view.axis.unwrap().start() - view.start()).abs() < 1e-6);
    let shown = harness.state().doc().cloned().unwrap();
    assert!(shown.event_count() < 7 && shown.event_count() > 0);
    let range = filters.range().unwrap();
    for (t0, t1) in shown.event_times() {
        assert!(*t1 > range.0.unwrap() && *t0 < range.1.unwrap());
    }
    harness.get_by_label(&format!("{} of 7 events", shown.event_count()));
    // The status bar clears it.
    harness.get_by_label("Clear filters").click();
    harness.run();
    assert_eq!(harness.state().doc().unwrap().event_count(), 7);
}

#[test]
fn regression_the_filter_panel_does_not_shrink_to_its_shortest_rows() {
    // Short names and no long list: the rows took less than the panel,
    // which then shrank to what they took.
    let mut harness = app_with(vec![data("time-zones.json")]);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    let left = harness.get_by_label("Timeline").rect().left();
    for i in 0..10 {
        harness.hover_at(Pos2::new(700.0, 300.0 + i as f32));
        harness.step();
    }
    harness.run();
    let after = harness.get_by_label("Timeline").rect().left();
    assert!((after - left).abs() < 0.5, "{left} -> {after}");
    assert!(left >= 240.0, "the panel keeps its 240 points: {left}");
}

#[test]
fn regression_a_dropped_xlsx_is_not_valid_utf8() {
    let mut harness = example_app();
    drop_file(&mut harness, data("spreadsheet/events.xlsx"));
    // The import dialog reads the first sheet with a value, and offers the others.
    harness.get_by_label_contains("Import events.xlsx");
    let sheet = harness.get_by_role_and_label(Role::ComboBox, "Sheet");
    assert_eq!(sheet.accesskit_node().value().as_deref(), Some("Events"));
    let start = harness.get_by_role_and_label(Role::ComboBox, "Start date");
    assert_eq!(start.accesskit_node().value().as_deref(), Some("date"));
    harness.get_by_label("Strike near Donetsk kills North Korean officers");
    // Another sheet: its own columns (no date column there).
    sheet.click();
    harness.run();
    harness.get_by_label("Sources").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .panels
            .import
            .as_ref()
            .unwrap()
            .options
            .sheet
            .as_deref(),
        Some("Sources")
    );
    harness
        .get_by_role_and_label(Role::ComboBox, "Sheet")
        .click();
    harness.run();
    harness.get_by_label("Events").click();
    harness.run();
    harness.get_by_label("Import").click();
    settle(&mut harness);
    assert!(harness.state().panels.import.is_none());
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.name, "events.xlsx");
    assert_eq!(doc.format, "Spreadsheet (sheet \"Events\")");
    assert_eq!(doc.event_count(), 3);
    assert!(harness.query_by_label_contains("not valid UTF-8").is_none());
    // Its events are on the timeline, found by their accessible labels.
    harness
        .get_by_role_and_label(Role::Button, &event_label(&doc.event(1).unwrap()))
        .click();
    harness.run();
    assert_eq!(harness.state().selection.index, Some(1));
}

#[test]
fn a_dropped_list_of_json_records_opens_as_a_table() {
    let mut harness = example_app();
    drop_file(&mut harness, data("records/incidents.json"));
    harness.get_by_label_contains("Import incidents.json");
    harness.get_by_label_contains("7 keys");
    let start = harness.get_by_role_and_label(Role::ComboBox, "Start date");
    assert_eq!(
        start.accesskit_node().value().as_deref(),
        Some("event_date")
    );
    harness.get_by_label("Import").click();
    settle(&mut harness);
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.name, "incidents.json");
    assert_eq!(doc.format, "JSON records");
    assert_eq!(doc.event_count(), 3);
}

#[test]
fn a_dropped_geojson_file_opens_with_its_places() {
    let mut harness = example_app();
    drop_file(&mut harness, data("geojson/incidents.geojson"));
    // Its features have dates: no question asked.
    assert!(harness.state().panels.import.is_none());
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.format, "GeoJSON");
    assert_eq!(doc.event_count(), 4);
    let place = doc.event(0).unwrap().place.clone().unwrap();
    assert_eq!((place.lat, place.lon), (49.85, 36.65));
}

#[test]
fn a_geojson_file_without_a_known_date_property_asks_for_it() {
    let mut harness = example_app();
    drop_file(&mut harness, data("geojson/observations.geojson"));
    harness.get_by_label_contains("Import observations.geojson");
    harness.get_by_label_contains("3 properties");
    harness
        .get_by_role_and_label(Role::ComboBox, "Start date")
        .click();
    harness.run();
    harness.get_by_label("observed").click();
    harness.run();
    harness.get_by_label("Nest found");
    harness.get_by_label("Import").click();
    settle(&mut harness);
    assert!(harness.state().panels.import.is_none());
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.format, "GeoJSON");
    assert_eq!(doc.event_count(), 2);
    let nest = doc.event(0).unwrap();
    assert_eq!(nest.title, "Nest found");
    assert_eq!(nest.start.to_string(), "2024-05-02");
    let place = nest.place.clone().unwrap();
    assert_eq!((place.lat, place.lon), (40.4168, -3.7038));
}

#[test]
fn a_dropped_xls_workbook_is_imported_like_any_table() {
    let mut harness = example_app();
    drop_file(&mut harness, data("spreadsheet/events.xls"));
    harness.get_by_label_contains("Import events.xls");
    let sheet = harness.get_by_role_and_label(Role::ComboBox, "Sheet");
    assert_eq!(sheet.accesskit_node().value().as_deref(), Some("Events"));
    let start = harness.get_by_role_and_label(Role::ComboBox, "Start date");
    assert_eq!(start.accesskit_node().value().as_deref(), Some("date"));
    harness.get_by_label("Putin and Kim sign a treaty in Pyongyang");
    harness.get_by_label("Import").click();
    settle(&mut harness);
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.name, "events.xls");
    assert_eq!(doc.event_count(), 3);
    // The time of day the sheet stores with its date is kept.
    assert_eq!(doc.event(1).unwrap().start.to_string(), "2024-10-03T14:30");
}
