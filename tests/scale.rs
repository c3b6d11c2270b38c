//! Large documents: what is drawn does not grow with the number of events,
//! dense lanes show counts that zoom in when clicked, and keyboard stepping
//! and selection work as with small files.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chronoscope::app::headless::Headless;
use chronoscope::app::{ChronoscopeApp, StartOptions};
use chronoscope::generate;
use chronoscope::time_axis::TimeAxis;
use egui::Vec2;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const SIZE: Vec2 = Vec2::new(1920.0, 1080.0);

/// Frames until the view and layout settle, then one measured frame.
fn settled_frame(h: &mut Headless) -> chronoscope::app::headless::FrameStats {
    for _ in 0..3 {
        h.frame(Vec::new());
    }
    h.frame(Vec::new())
}

#[test]
fn vertices_do_not_grow_with_the_event_count_at_the_same_view() {
    let mut small = Headless::new(generate::document(10_000, 7), SIZE);
    let mut large = Headless::new(generate::document(1_000_000, 7), SIZE);
    // Zoomed all the way out: both fitted to the same twenty years.
    let (s, l) = (settled_frame(&mut small), settled_frame(&mut large));
    assert!(
        l.vertices as f64 <= s.vertices as f64 * 1.3,
        "zoomed out: {} vertices at 1M events, {} at 10k",
        l.vertices,
        s.vertices
    );
    assert!(
        l.shapes <= s.shapes * 13 / 10 + 10,
        "{} vs {} shapes",
        l.shapes,
        s.shapes
    );
    // Both show the same span, whatever the data: the same view is pinned.
    let view = large.app.view.axis.unwrap();
    assert!((small.app.view.axis.unwrap().span() / view.span() - 1.0).abs() < 0.01);

    // A week in the middle, the same in both.
    let mid = view.start() + view.span() / 2.0;
    let week = TimeAxis::new(view.x_left(), view.width(), mid, mid + 7.0 * 86_400.0);
    small.app.view.axis = Some(week);
    large.app.view.axis = Some(week);
    let (s, l) = (settled_frame(&mut small), settled_frame(&mut large));
    assert!(
        l.vertices < 200_000,
        "a week of a million events: {} vertices",
        l.vertices
    );
    assert!(s.vertices > 0);
}

#[test]
fn nothing_repaints_while_nothing_changes() {
    let mut h = Headless::new(generate::document(100_000, 1), SIZE);
    let stats = settled_frame(&mut h);
    assert!(!stats.repaint, "an idle frame asked for another");
}

fn large_app(events: usize) -> Harness<'static, ChronoscopeApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 860.0))
        .build_eframe(move |cc| {
            let mut app = ChronoscopeApp::new(cc, StartOptions::default());
            app.add_document(generate::document(events, 3));
            app
        });
    harness.run();
    harness
}

#[test]
fn clicking_a_count_zooms_into_it_until_single_events_show() {
    let mut harness = large_app(200_000);
    let span = |h: &Harness<'_, ChronoscopeApp>| h.state().view.axis.unwrap().span();
    // Zoomed out, lanes show counts, not 200,000 buttons.
    let counts = harness
        .query_all_by_label_contains("events, click to zoom in")
        .count();
    assert!(counts > 6 && counts < 400, "{counts} count items");
    let singles = |h: &Harness<'_, ChronoscopeApp>| {
        h.query_all_by_role(Role::Button)
            .filter(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.contains(" – "))
            })
            .count()
    };
    assert_eq!(singles(&harness), 0, "zoomed out, no single events");
    // From twenty years down to single events in a few clicks.
    let mut clicks = 0;
    while singles(&harness) == 0 && clicks < 10 {
        let before = span(&harness);
        let node = harness
            .query_all_by_label_contains("events, click to zoom in")
            .next()
            .unwrap();
        let label = node.accesskit_node().label().unwrap_or_default().clone();
        node.click();
        harness.run();
        clicks += 1;
        assert!(
            span(&harness) < before * 0.8,
            "clicking {label:?} zoomed from {before} s to {} s",
            span(&harness)
        );
    }
    let single = singles(&harness);
    assert!(single > 0, "no single events after zooming in");
}

#[test]
fn arrow_keys_step_through_a_large_file_and_the_view_follows() {
    let mut harness = large_app(200_000);
    harness.key_press(egui::Key::Home);
    harness.run();
    assert_eq!(harness.state().selection.index, Some(0));
    for _ in 0..5 {
        harness.key_press(egui::Key::ArrowRight);
    }
    harness.run();
    assert_eq!(harness.state().selection.index, Some(5));
    harness.key_press(egui::Key::End);
    harness.run();
    let app = harness.state();
    let last = app.doc().unwrap().event_count() - 1;
    assert_eq!(app.selection.index, Some(last));
    let (t0, t1) = app.doc().unwrap().event_times()[last];
    assert!(
        app.view.axis.unwrap().is_visible(t0, t1),
        "the view follows the selection"
    );
    // The selected event's title is in the side panel.
    let title = app.selected_event().unwrap().title.clone();
    assert!(harness.query_by_label_contains(&title).is_some());
}

#[test]
fn a_large_file_is_searched_in_the_background_and_enter_steps_through_what_it_found() {
    use chronoscope::app::Command;
    let mut h = Headless::new(generate::document(200_000, 5), SIZE);
    h.app.push(Command::OpenSearch);
    h.app.push(Command::SetSearch("mogadishu".into()));
    h.frame(Vec::new());
    let search = h.app.panels.search.as_ref().unwrap();
    let searching = h.app.jobs.searching();
    assert!(
        searching.is_some(),
        "200,000 events are searched on a thread"
    );
    assert!(
        search.status(None, searching).starts_with("searching… "),
        "{}",
        search.status(None, searching)
    );
    // A newer query replaces it while it runs.
    h.app.push(Command::SetSearch("sanaa".into()));
    for _ in 0..3000 {
        h.frame(Vec::new());
        if h.app.jobs.searching().is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let search = h.app.panels.search.as_ref().unwrap();
    assert!(h.app.jobs.searching().is_none());
    assert_eq!(search.found_for, "sanaa");
    let doc = h.app.doc().cloned().unwrap();
    let query = chronoscope::search::Query::new("sanaa").unwrap();
    let expected: Vec<usize> = (0..doc.event_count())
        .filter(|&i| query.matches(&doc, &doc.event(i).unwrap()))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(search.matches, expected);
    // Stepping selects the first found, then the next, and shows each.
    h.app.push(Command::SearchStep(1));
    h.frame(Vec::new());
    assert_eq!(h.app.selection.index, Some(expected[0]));
    h.app.push(Command::SearchStep(1));
    h.frame(Vec::new());
    assert_eq!(h.app.selection.index, Some(expected[1]));
    let (t0, t1) = doc.event_times()[expected[1]];
    let view = h.app.view.axis.unwrap();
    assert!(
        view.start() <= t0 && t1 <= view.end(),
        "the selection is in view"
    );
}

#[test]
fn the_event_list_of_a_large_file_draws_only_what_is_in_sight_and_sorts_in_the_background() {
    use chronoscope::app::Command;
    use chronoscope::app::event_list::SortBy;
    let mut h = Headless::new(generate::document(200_000, 9), SIZE);
    let without = settled_frame(&mut h);
    h.app.push(Command::ToggleEventList);
    let with = settled_frame(&mut h);
    // A screenful of rows, not 200,000.
    assert!(
        with.vertices < without.vertices + 40_000,
        "{} vertices with the list, {} without",
        with.vertices,
        without.vertices
    );
    h.app.push(Command::SortList(SortBy::Title));
    h.frame(Vec::new());
    assert!(h.app.jobs.sorting().is_some());
    for _ in 0..3000 {
        h.frame(Vec::new());
        if h.app.jobs.sorting().is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(h.app.jobs.sorting().is_none());
    // Selecting an event (as on the timeline) still works with the list sorted.
    h.app.push(Command::SelectStep(1));
    h.frame(Vec::new());
    assert_eq!(h.app.selection.index, Some(0));
}

#[test]
fn lanes_by_tag_of_a_large_file_are_read_in_the_background_then_shown() {
    use chronoscope::app::Command;
    use chronoscope::facets::Facet;
    let mut doc = generate::builder(200_000, 11);
    // A tag or two for most events, none for some.
    for (i, event) in doc.events.iter_mut().enumerate() {
        event.tags = match i % 5 {
            0 => Vec::new(),
            1 => vec![format!("t{}", i % 40), "verified".into()],
            _ => vec![format!("t{}", i % 40)],
        };
    }
    let mut h = Headless::new(doc.build(), SIZE);
    let categories = h.app.doc().unwrap().lanes().to_vec();
    h.app.push(Command::GroupBy(Facet::Tag));
    h.frame(Vec::new());
    assert!(
        h.app.jobs.facets.progress(&Facet::Tag).is_some(),
        "200,000 events are read on a thread"
    );
    // Meanwhile the lanes stay as they were.
    assert_eq!(h.app.doc().unwrap().lanes(), categories);
    for _ in 0..3000 {
        h.frame(Vec::new());
        if !h.app.jobs.facets.busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.frame(Vec::new());
    let doc = h.app.doc().cloned().unwrap();
    assert_eq!(doc.event_count(), 200_000);
    assert_ne!(doc.lanes(), categories);
    for i in (0..doc.event_count()).step_by(4999) {
        let event = doc.event(i).unwrap();
        let lane = &doc.lanes()[doc.event_lanes()[i]];
        assert!(
            // The first of its tags that has a lane, else Other.
            match event.tags.iter().find(|t| doc.lanes().contains(t)) {
                Some(tag) => tag == lane,
                None if event.tags.is_empty() => lane == "(no tag)",
                None => lane.starts_with("Other ("),
            },
            "{lane} {:?}",
            event.tags
        );
    }
    // Hiding a tag and the untagged leaves out the events with no other.
    let tags = h.app.jobs.facets.get(&Facet::Tag).unwrap().clone();
    let first = tags.names[0].clone();
    h.app.push(Command::ShowValues(
        Facet::Tag,
        vec![first.clone(), "(no tag)".into()],
        false,
    ));
    h.frame(Vec::new());
    let shown = h.app.doc().cloned().unwrap();
    let expected = (0..200_000)
        .filter(|&i| tags.of(i).iter().any(|&v| tags.names[v as usize] != first))
        .count();
    assert_eq!(shown.event_count(), expected);
    assert!(expected < 200_000);
}
