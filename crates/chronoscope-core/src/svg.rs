//! The timeline as an SVG drawing, for reports (File > Export timeline as
//! SVG…, `chronoscope render`): the ruler, the eras, the lanes and their
//! events laid out by [`crate::layout`] exactly as the window lays them out,
//! with text as text. Each event is a group with its title as a tooltip, so
//! the drawing stays searchable and editable (browsers, Inkscape).

use std::fmt::Write as _;

use crate::layout::{self, ItemKind, LANE_RGB, LayoutParams, Shape};
use crate::model::Document;
use crate::ticks;
use crate::time_axis::TimeAxis;

/// Height of the ruler above the lanes.
const RULER: f32 = 44.0;
/// Margin around the drawing.
const MARGIN: f32 = 16.0;
/// Height of an era's label strip below the lanes.
const FOOT: f32 = 22.0;

/// `[t0, t1]` widened a little on both sides (at least a day's worth), so
/// that events at its ends are drawn whole.
#[must_use]
pub fn with_margin(t0: f64, t1: f64) -> (f64, f64) {
    let pad = (t1 - t0).max(86_400.0) * 0.03;
    (t0 - pad, t1 + pad)
}

/// The drawing of `doc` between `t0` and `t1`, `width` points wide (its
/// height follows from the lanes); the lanes `collapsed` marks are drawn
/// as their name and number of events, as in the window.
#[must_use]
pub fn render(doc: &Document, t0: f64, t1: f64, width: f32, collapsed: &[bool]) -> String {
    let width = width.clamp(200.0, 20_000.0);
    let axis = TimeAxis::new(f64::from(MARGIN), f64::from(width - 2.0 * MARGIN), t0, t1);
    let params = LayoutParams {
        left: MARGIN,
        right: width - MARGIN,
        top: MARGIN + RULER,
        // About forty rows in all, so that many lanes stay a page: close
        // events cluster sooner.
        max_rows: (40 / doc.lanes().len().max(1)).clamp(2, 6),
        ..LayoutParams::default()
    };
    // Label widths as a sans-serif of 12 points draws them, near enough.
    let measure = |s: &str| s.chars().count() as f32 * 6.4;
    let laid = layout::layout_collapsed(doc, &axis, &params, collapsed, &measure);
    let lanes_bottom = laid.bottom.max(params.top + 40.0);
    let height = lanes_bottom + FOOT + MARGIN;
    let x = |t: f64| axis.x_of(t) as f32;

    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Ubuntu, 'DejaVu Sans', Arial, sans-serif" font-size="12">
<title>{}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
"##,
        xml(doc.title.as_deref().unwrap_or(&doc.name))
    );

    // Ruler: year (or finer) ticks across the whole height.
    let ruler = ticks::ruler(
        axis.start(),
        axis.end(),
        f64::from(width - 2.0 * MARGIN),
        80.0,
    );
    out.push_str("<g class=\"ruler\" stroke=\"#d8d8d8\" fill=\"#555555\">\n");
    for tick in &ruler.minor {
        let tx = x(tick.time);
        // A label that would run off the right edge is left out, as in the
        // window.
        let label_end = tx + 3.0 + tick.label.chars().count() as f32 * 6.4;
        if tx < MARGIN || label_end > width - MARGIN / 2.0 {
            continue;
        }
        let _ = writeln!(
            out,
            r#"<line x1="{tx:.1}" y1="{}" x2="{tx:.1}" y2="{lanes_bottom:.1}"/><text x="{:.1}" y="{}" stroke="none">{}</text>"#,
            MARGIN + RULER - 14.0,
            tx + 3.0,
            MARGIN + RULER - 4.0,
            xml(&tick.label)
        );
    }
    if !ruler.context.is_empty() {
        let _ = writeln!(
            out,
            r#"<text x="{MARGIN}" y="{}" stroke="none">{}</text>"#,
            MARGIN + 12.0,
            xml(&ruler.context)
        );
    }
    out.push_str("</g>\n");

    // Lane bands, the eras over them, the lanes' names, then the events.
    for (i, lane) in laid.lanes.iter().enumerate() {
        if i % 2 == 1 {
            let _ = writeln!(
                out,
                r##"<rect class="lane-band" x="{MARGIN}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#f4f4f4"/>"##,
                lane.top,
                width - 2.0 * MARGIN,
                lane.bottom - lane.top
            );
        }
    }
    // Eras behind the lanes.
    out.push_str("<g class=\"periods\">\n");
    for (i, period) in doc.periods.iter().enumerate() {
        let (px0, px1) = (
            x(period.start.start_seconds()).max(MARGIN),
            x(period.end.end_seconds()).min(width - MARGIN),
        );
        if px1 - px0 < 1.0 {
            continue;
        }
        let fill = if i % 2 == 0 { "#4a78b0" } else { "#c8902e" };
        let _ = writeln!(
            out,
            r##"<g class="period"><title>{}</title><rect x="{px0:.1}" y="{}" width="{:.1}" height="{:.1}" fill="{fill}" fill-opacity="0.12"/><text x="{:.1}" y="{:.1}" fill="#777777">{}</text></g>"##,
            xml(&period.title),
            params.top,
            px1 - px0,
            lanes_bottom - params.top,
            px0 + 4.0,
            lanes_bottom + 15.0,
            xml(&period.title)
        );
    }
    out.push_str("</g>\n");

    for (i, lane) in laid.lanes.iter().enumerate() {
        let name = if lane.collapsed {
            format!("{} · {}", lane.name, layout::count_text(lane.events))
        } else {
            lane.name.clone()
        };
        let _ = writeln!(
            out,
            r#"<text class="lane-name" x="{}" y="{:.1}" fill="{}" font-weight="bold">{}</text>"#,
            MARGIN + 4.0,
            lane.top + 13.0,
            color(doc, i),
            xml(&name)
        );
    }
    // Events and counts are cut at the drawing's margins, as the window cuts
    // them at the timeline's edges: a bar reaching out of the range drawn
    // stops there.
    let _ = writeln!(
        out,
        r#"<clipPath id="lanes"><rect x="{MARGIN}" y="{}" width="{:.1}" height="{:.1}"/></clipPath><g class="lanes" clip-path="url(#lanes)">"#,
        params.top,
        width - 2.0 * MARGIN,
        (lanes_bottom - params.top).max(0.0)
    );
    for strip in &laid.density {
        let fill = color(doc, strip.lane);
        let _ = write!(out, r#"<g class="density" fill="{fill}">"#);
        let max = strip.max.max(1);
        for &(x0, x1, count) in &strip.columns {
            let h = (count as f32 / max as f32).sqrt() * (strip.bottom - strip.top);
            let _ = write!(
                out,
                r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{h:.1}"/>"#,
                strip.bottom - h,
                (x1 - x0).max(0.5)
            );
        }
        out.push_str("</g>\n");
    }
    for item in &laid.items {
        let fill = color(doc, item.lane);
        let y = item.y;
        match &item.kind {
            ItemKind::Event { index, shape } => {
                let Some(event) = doc.event(*index) else {
                    continue;
                };
                let _ = write!(
                    out,
                    r#"<g class="event" data-id="{}"><title>{} ({})</title>"#,
                    xml(&event.id),
                    xml(&event.display_title()),
                    xml(&event.date_text())
                );
                match shape {
                    Shape::Marker => {
                        let _ = write!(
                            out,
                            r#"<circle cx="{:.1}" cy="{y:.1}" r="5" fill="{fill}"/>"#,
                            item.x0.midpoint(item.x1)
                        );
                    }
                    Shape::Imprecise | Shape::Bar => {
                        let opacity = if *shape == Shape::Bar { "1" } else { "0.45" };
                        let _ = write!(
                            out,
                            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="14" rx="3" fill="{fill}" fill-opacity="{opacity}"/>"#,
                            item.x0,
                            y - 7.0,
                            (item.x1 - item.x0).max(2.0)
                        );
                    }
                }
                if let Some(label) = &item.label {
                    // On a solid bar the label is white.
                    let on_bar = *shape == Shape::Bar && label.x >= item.x0 && label.x < item.x1;
                    // Off a bar, a halo of the background keeps the ruler's
                    // lines from crossing the letters.
                    let (ink, halo) = if on_bar {
                        ("#ffffff", "")
                    } else {
                        (
                            "#222222",
                            r##" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke""##,
                        )
                    };
                    let _ = write!(
                        out,
                        r#"<text x="{:.1}" y="{:.1}" fill="{ink}"{halo}>{}</text>"#,
                        label.x,
                        y + 4.0,
                        xml(&label.text)
                    );
                }
                out.push_str("</g>\n");
            }
            ItemKind::Cluster { events, .. } => {
                let w = (item.x1 - item.x0).max(22.0);
                let _ = writeln!(
                    out,
                    r##"<g class="cluster"><title>{} events</title><rect x="{:.1}" y="{:.1}" width="{w:.1}" height="18" rx="9" fill="{fill}"/><text x="{:.1}" y="{:.1}" fill="#ffffff" text-anchor="middle">{}</text></g>"##,
                    events.len(),
                    item.x0,
                    y - 9.0,
                    item.x0 + w / 2.0,
                    y + 4.0,
                    events.len()
                );
            }
            ItemKind::Aggregate { count, .. } => {
                if let Some(label) = &item.label {
                    let _ = writeln!(
                        out,
                        r##"<g class="count"><title>{count} events</title><text x="{:.1}" y="{:.1}" fill="#333333">{}</text></g>"##,
                        label.x,
                        y + 4.0,
                        xml(&label.text)
                    );
                }
            }
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The colour of lane `lane` as `#rrggbb`: the file's for its category, else
/// the palette's.
fn color(doc: &Document, lane: usize) -> String {
    let [r, g, b] = doc
        .lanes()
        .get(lane)
        .and_then(|name| doc.category_colors.get(name).copied())
        .unwrap_or(LANE_RGB[lane % LANE_RGB.len()]);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `text` escaped for XML text and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example, whole.
    fn example_svg() -> (Document, String) {
        let doc = crate::example::load().unwrap();
        let (t0, t1) = doc.time_range().unwrap();
        let span = t1 - t0;
        let svg = render(&doc, t0 - span * 0.05, t1 + span * 0.05, 1400.0, &[]);
        (doc, svg)
    }

    /// Every element name of a well-formed document, in order.
    fn elements(svg: &str) -> Vec<String> {
        let mut reader = quick_xml::Reader::from_str(svg);
        let mut names = Vec::new();
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                    names.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed: {e}"),
            }
        }
        names
    }

    #[test]
    fn every_event_is_an_element_with_its_title_as_text() {
        let (doc, svg) = example_svg();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        let names = elements(&svg);
        let shapes = names
            .iter()
            .filter(|n| *n == "circle" || *n == "rect")
            .count();
        assert!(shapes > 7, "{shapes} shapes");
        assert_eq!(svg.matches("<g class=\"event\"").count(), doc.event_count());
        for event in doc.iter_events() {
            assert!(
                svg.contains(&format!("data-id=\"{}\"", event.id)),
                "{}",
                event.id
            );
        }
        assert!(
            svg.contains(">Putin and Kim Jong-un sign a mutual defense treaty in Pyongyang</text>")
        );
        assert!(svg.contains(
            ">Ukrainian missile strike near Donetsk reportedly kills six North Korean officers ("
        ));
        for lane in doc.lanes() {
            assert!(svg.contains(&format!(">{lane}</text>")), "{lane}");
        }
        // The ruler's years.
        assert!(
            svg.contains(">2024</text>") || svg.contains(">Jan 2024</text>"),
            "{svg}"
        );
        // The events are drawn inside the lanes' clip, after it is defined.
        assert!(names.iter().any(|n| n == "clipPath"));
        let first_event = svg.find("<g class=\"event\"").unwrap();
        assert!(svg.find("clip-path=\"url(#lanes)\"").unwrap() < first_event);
    }

    #[test]
    fn collapsed_lanes_are_their_name_and_count_alone() {
        let (doc, _) = example_svg();
        let (t0, t1) = doc.time_range().unwrap();
        let military = doc.lanes().iter().position(|l| l == "military").unwrap();
        let mut collapsed = vec![false; doc.lanes().len()];
        collapsed[military] = true;
        let svg = render(&doc, t0, t1, 1400.0, &collapsed);
        elements(&svg);
        assert!(svg.contains(">military · 3 events</text>"), "{svg}");
        assert_eq!(svg.matches("<g class=\"event\"").count(), 4);
        assert!(!svg.contains("data-id=\"strike\""));
    }

    #[test]
    fn text_is_escaped_and_a_window_of_time_shows_only_its_events() {
        let doc = crate::model::DocumentBuilder {
            title: Some("A & B <draft>".into()),
            events: vec![
                crate::model::Event::new(
                    "a",
                    "Tom & Jerry \"quoted\"",
                    crate::model::Date::parse("2024-06-19").unwrap(),
                ),
                crate::model::Event::new(
                    "b",
                    "Later",
                    crate::model::Date::parse("2025-01-01").unwrap(),
                ),
            ],
            ..crate::model::DocumentBuilder::default()
        }
        .build();
        let d = crate::model::Date::parse("2024-06").unwrap();
        let svg = render(&doc, d.start_seconds(), d.end_seconds(), 800.0, &[]);
        elements(&svg);
        assert!(svg.contains("<title>A &amp; B &lt;draft&gt;</title>"));
        assert!(svg.contains("Tom &amp; Jerry &quot;quoted&quot;"));
        assert!(!svg.contains("data-id=\"b\""), "outside the window");
    }

    #[test]
    fn eras_and_counts_are_drawn() {
        let doc = crate::formats::load_file(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/timelinejs/ancient-rome.json"
        )))
        .unwrap();
        let (t0, t1) = doc.time_range().unwrap();
        let svg = render(&doc, t0, t1, 1200.0, &[]);
        elements(&svg);
        assert!(svg.contains("<g class=\"period\"><title>Roman Republic</title>"));
        let big = crate::generate::document(50_000, 1);
        let (t0, t1) = big.time_range().unwrap();
        let svg = render(&big, t0, t1, 1200.0, &[]);
        elements(&svg);
        assert!(svg.contains("<g class=\"density\""));
        assert!(svg.contains("<g class=\"count\"><title>"));
        assert!(
            svg.len() < 2_000_000,
            "bounded by the width, not the events: {}",
            svg.len()
        );
    }
}
