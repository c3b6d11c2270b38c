//! The map as a user meets it: View > Map opens it beside the timeline,
//! the wheel zooms it at the pointer and a drag pans it, Fit and F bring
//! the places back, and Play moves the timeline's window forward; with a
//! file of places, a point clicked selects its event, a box drawn with
//! Shift filters the events, and the map follows the timeline's window.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chronoscope::app::{ChronoscopeApp, Command, StartOptions};
use chronoscope::model::Date;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn app() -> Harness<'static, ChronoscopeApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 860.0))
        .with_max_steps(12)
        .build_eframe(|cc| ChronoscopeApp::new(cc, StartOptions::default()));
    harness.run();
    harness
}

/// The app with `name` (under tests/data) open and read.
fn app_with(name: &str) -> Harness<'static, ChronoscopeApp> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 860.0))
        .with_max_steps(12)
        .build_eframe(move |cc| {
            ChronoscopeApp::new(
                cc,
                StartOptions {
                    files: vec![file],
                    ..StartOptions::default()
                },
            )
        });
    settle(&mut harness);
    // A table asks which columns hold what: as recognised, the import.
    if harness.state().panels.import.is_some() {
        harness.get_by_label("Import").click();
        settle(&mut harness);
    }
    harness
}

/// Steps the app until nothing is read in the background.
fn settle(harness: &mut Harness<'_, ChronoscopeApp>) {
    harness.step();
    for _ in 0..3000 {
        if !harness.state().is_loading() && !harness.state().jobs.busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
}

/// What the map says it shows (its value for screen readers).
fn map_says(harness: &Harness<'_, ChronoscopeApp>) -> String {
    harness
        .get_by(|n| n.role() == Role::Canvas && n.label().as_deref() == Some("Map"))
        .value()
        .unwrap_or_default()
}

/// Where event `i`'s place is drawn now.
fn point_of(harness: &Harness<'_, ChronoscopeApp>, i: usize) -> egui::Pos2 {
    let app = harness.state();
    let places = app.jobs.places.get().expect("places read");
    let p = places.point(i).expect("a place");
    let view = app.panels.map.as_ref().unwrap().view.unwrap();
    let rect = map_rect(harness);
    let projection = view.projection([rect.min.x, rect.min.y], [rect.width(), rect.height()]);
    let s = projection.mercator_to_screen([f64::from(p[0]), f64::from(p[1])]);
    egui::pos2(s[0] as f32, s[1] as f32)
}

fn map_rect(harness: &Harness<'_, ChronoscopeApp>) -> egui::Rect {
    harness
        .get_by(|n| n.role() == Role::Canvas && n.label().as_deref() == Some("Map"))
        .rect()
}

#[test]
fn the_map_opens_from_the_view_menu_and_says_what_it_lacks() {
    let mut harness = app();
    assert!(harness.query_by_label("Map").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::M);
    harness.run();
    assert!(harness.state().panels.map.is_some());
    let rect = map_rect(&harness);
    assert!(rect.width() > 200.0 && rect.height() > 200.0, "{rect:?}");
    // The example's events have no place: the map says so.
    harness.get_by_label("No event here has a place");
    // Closed again the same way.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::M);
    harness.run();
    assert!(harness.state().panels.map.is_none());
}

#[test]
fn the_wheel_zooms_the_map_at_the_pointer_and_a_drag_pans_it() {
    let mut harness = app();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::M);
    harness.run();
    let rect = map_rect(&harness);
    let at = rect.center() + Vec2::new(40.0, -30.0);
    harness.hover_at(at);
    harness.run();
    let before = harness
        .state()
        .panels
        .map
        .as_ref()
        .unwrap()
        .view
        .unwrap_or_default();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, 200.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run();
    let zoomed = harness.state().panels.map.as_ref().unwrap().view.unwrap();
    assert!(zoomed.zoom > before.zoom + 0.5, "{before:?} {zoomed:?}");
    // A drag moves the map with the pointer.
    harness.drag_at(at);
    harness.run();
    harness.hover_at(at + Vec2::new(-80.0, 0.0));
    harness.run();
    harness.drop_at(at + Vec2::new(-80.0, 0.0));
    harness.run();
    let panned = harness.state().panels.map.as_ref().unwrap().view.unwrap();
    assert!(panned.center[0] > zoomed.center[0], "{zoomed:?} {panned:?}");
    assert!((panned.zoom - zoomed.zoom).abs() < 1e-9);
    // Fit shows the places again: with none, the whole world.
    harness.get_by_label("Fit").click();
    harness.run();
    let fitted = harness.state().panels.map.as_ref().unwrap().view.unwrap();
    assert!(fitted.zoom < zoomed.zoom, "{fitted:?}");
}

#[test]
fn play_moves_the_timelines_window_forward_and_pause_stops_it() {
    let mut harness = app();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::M);
    harness.run();
    // Zoom the timeline in so that there is somewhere to go.
    harness
        .state_mut()
        .push(chronoscope::app::Command::Zoom(8.0));
    harness.run();
    let start = harness.state().view.axis.unwrap().start();
    harness.get_by_label("Play").click();
    for _ in 0..5 {
        harness.step();
    }
    let moved = harness.state().view.axis.unwrap().start();
    assert!(moved > start, "{start} → {moved}");
    harness.get_by_label("Pause").click();
    harness.step();
    harness.run();
    let paused = harness.state().view.axis.unwrap().start();
    for _ in 0..5 {
        harness.step();
    }
    assert!((harness.state().view.axis.unwrap().start() - paused).abs() < 1e-6);
}

#[test]
fn a_crowd_clicked_zooms_in_a_point_clicked_selects_and_a_box_keeps_the_events_inside_it() {
    let mut harness = app_with("csv/places.csv");
    let total = harness.state().doc().unwrap().event_count();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::M);
    harness.run();
    harness.run();
    let placed = harness.state().jobs.places.get().unwrap().count();
    assert_eq!((total, placed), (6, 5));
    assert_eq!(map_says(&harness), "5 events in view on the map");
    // The crossing at Chuhuiv: fitted to Kyiv, Kharkiv and Santiago, its
    // point is in a crowd; clicking the crowd zooms in until it stands
    // alone, and a click on it selects it.
    let doc = harness.state().doc().unwrap().clone();
    let chuhuiv = (0..total)
        .find(|&i| doc.event(i).unwrap().title == "River crossing reported")
        .unwrap();
    let start_zoom = harness
        .state()
        .panels
        .map
        .as_ref()
        .unwrap()
        .view
        .unwrap()
        .zoom;
    for _ in 0..6 {
        let at = point_of(&harness, chuhuiv);
        assert!(map_rect(&harness).contains(at), "{at:?}");
        harness.hover_at(at);
        harness.run();
        harness.drag_at(at);
        harness.step();
        harness.drop_at(at);
        harness.run();
        if harness.state().selection.index.is_some() {
            break;
        }
    }
    assert_eq!(harness.state().selection.index, Some(chuhuiv));
    let zoom = harness
        .state()
        .panels
        .map
        .as_ref()
        .unwrap()
        .view
        .unwrap()
        .zoom;
    assert!(
        zoom > start_zoom,
        "the crowd was zoomed into: {start_zoom} → {zoom}"
    );
    let at = point_of(&harness, chuhuiv);
    // The side panel shows it.
    assert!(
        harness
            .get_all_by_label("River crossing reported")
            .next()
            .is_some()
    );
    // Its place is read out beside its date.
    harness.get_by_label("Chuhuiv (49.8500° N, 36.6500° E, town)");
    // Shift+drag a box around it alone.
    let (a, b) = (at - Vec2::new(20.0, 20.0), at + Vec2::new(20.0, 20.0));
    harness.hover_at(a);
    harness.run();
    harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    harness.event(egui::Event::PointerButton {
        pos: a,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::SHIFT,
    });
    harness.step();
    for k in 1..=5 {
        harness.hover_at(a + (b - a) * (k as f32 / 5.0));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: b,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::SHIFT,
    });
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.step();
    harness.run();
    let area = harness.state().layers.filters.area.expect("an area");
    assert!(area.west < 36.65 && area.east > 36.65, "{area:?}");
    assert_eq!(harness.state().doc().unwrap().event_count(), 1);
    assert_eq!(
        harness.state().doc().unwrap().event(0).unwrap().title,
        "River crossing reported"
    );
    harness.get_by_label(&format!("1 of {total} events"));
    // The map shows what the filter keeps, its places read through those of
    // everything open.
    harness.run();
    assert_eq!(map_says(&harness), "1 event in view on the map");
    assert!(harness.state().jobs.places.get().unwrap().is_view());
    // Cleared as the other filters are.
    harness.get_by_label("Clear filters").click();
    harness.run();
    assert!(harness.state().layers.filters.area.is_none());
    assert_eq!(harness.state().doc().unwrap().event_count(), total);
}

#[test]
fn the_map_follows_the_timelines_window() {
    let mut harness = app_with("geojson/incidents.geojson");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::M);
    harness.run();
    harness.run();
    let all = map_says(&harness);
    // The timeline shows only the first days of March 2022.
    let t = |s: &str| Date::parse(s).unwrap().start_seconds();
    harness
        .state_mut()
        .push(Command::ZoomToRange(t("2022-02-23"), t("2022-02-25")));
    harness.run();
    assert_eq!(map_says(&harness), "1 event in view on the map");
    assert_ne!(map_says(&harness), all);
}
