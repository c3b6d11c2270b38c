//! The map as a user meets it: View > Map opens it beside the timeline,
//! the wheel zooms it at the pointer and a drag pans it, Fit and F bring
//! the places back, and Play moves the timeline's window forward.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chronoscope::app::{ChronoscopeApp, StartOptions};
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
