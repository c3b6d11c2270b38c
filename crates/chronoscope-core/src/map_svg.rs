//! The map as an SVG drawing, for reports (File > Export > Map as SVG or
//! PNG, `chronoscope render --view map`): the bundled basemap, the events'
//! places gathered into cells as the window gathers them, each mark a
//! group with its events' titles as a tooltip, a scale bar and the
//! basemap's attribution. The PNG is this drawing rasterized (`png.rs`).

use std::fmt::Write as _;

use chronoscope_geo::basemap::{self, Basemap, Layer};
use chronoscope_geo::projection::{self, LonLat, MapView, Projection};

use crate::layout::LANE_RGB;
use crate::model::Document;
use crate::places::{self, CELL_PX, Cell, PlaceIndex};

/// What to draw: the view (`None`: fitted to the places drawn), the size
/// in points, and the time window whose events are drawn (`None`: all).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapDrawing {
    pub view: Option<MapView>,
    pub size: [f32; 2],
    pub window: Option<(f64, f64)>,
}

/// The SVG drawing of `doc`'s places (`places`, its [`PlaceIndex`]).
#[must_use]
pub fn render(doc: &Document, places: &PlaceIndex, drawing: &MapDrawing) -> String {
    let [w, h] = [
        drawing.size[0].clamp(200.0, 20_000.0),
        drawing.size[1].clamp(150.0, 20_000.0),
    ];
    let events = || -> Box<dyn Iterator<Item = usize> + '_> {
        match drawing.window {
            Some((a, b)) => Box::new(places::in_time(doc, a, b)),
            None => Box::new(0..doc.event_count()),
        }
    };
    let view = drawing
        .view
        .or_else(|| MapView::fitting(places.places(events()), [w, h], 32.0))
        .unwrap_or_default()
        .clamped([w, h]);
    let projection = view.projection([0.0, 0.0], [w, h]);
    let mut out = String::with_capacity(256 * 1024);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Ubuntu, 'DejaVu Sans', Arial, sans-serif" font-size="12">
<title>{}</title>
<rect width="100%" height="100%" fill="#dce8f2"/>
"##,
        xml(doc.title.as_deref().unwrap_or(&doc.name))
    );
    basemap_lines(&mut out, basemap::basemap(), &projection, view.zoom);
    labels(&mut out, basemap::basemap(), &projection, view.zoom, [w, h]);
    let screen = [0.0, 0.0, w, h];
    let cells = places::cells_in_time(doc, places, drawing.window, &projection, (screen, CELL_PX));
    for cell in &cells {
        mark(&mut out, doc, cell);
    }
    scale_bar(&mut out, &projection, [w, h]);
    let _ = writeln!(
        out,
        r##"<text x="{}" y="{}" text-anchor="end" font-size="10" fill="#50606e">{}</text>"##,
        w - 6.0,
        h - 6.0,
        xml(basemap::ATTRIBUTION)
    );
    out.push_str("</svg>\n");
    out
}

fn basemap_lines(out: &mut String, map: &Basemap, projection: &Projection, zoom: f64) {
    let detail = Basemap::detail_for_zoom(zoom);
    let [x0, y0, x1, y1] = projection.visible();
    let north = projection::inverse([0.0, y0.clamp(0.0, 1.0)]).lat as f32;
    let south = projection::inverse([0.0, y1.clamp(0.0, 1.0)]).lat as f32;
    for (layer, colour, width) in [
        (Layer::Borders, "#a8b4c0", 0.8),
        (Layer::Coast, "#6a7f92", 1.0),
    ] {
        let _ = writeln!(
            out,
            r#"<g fill="none" stroke="{colour}" stroke-width="{width}" stroke-linejoin="round">"#
        );
        let mut k = x0.floor();
        while k <= x1.floor() {
            let west = ((x0.max(k) - k) * 360.0 - 180.0) as f32;
            let east = ((x1.min(k + 1.0) - k) * 360.0 - 180.0) as f32;
            for line in map.lines_in(detail, layer, [west, south, east, north]) {
                let mut d = String::with_capacity(line.len() * 12);
                for (n, p) in line.iter().enumerate() {
                    let m = projection::mercator(LonLat::new(f64::from(p[0]), f64::from(p[1])));
                    let s = projection.mercator_to_screen_unwrapped([m[0] + k, m[1]]);
                    let _ = write!(
                        d,
                        "{}{:.1} {:.1}",
                        if n == 0 { "M" } else { " L" },
                        s[0],
                        s[1]
                    );
                }
                let _ = writeln!(out, r#"<path d="{d}"/>"#);
            }
            k += 1.0;
        }
        out.push_str("</g>\n");
    }
}

fn labels(out: &mut String, map: &Basemap, projection: &Projection, zoom: f64, [w, h]: [f32; 2]) {
    let mut taken: Vec<[f32; 4]> = Vec::new();
    for label in map.labels().iter().filter(|l| zoom >= l.min_zoom()) {
        let s = projection.to_screen(LonLat::new(f64::from(label.lon), f64::from(label.lat)));
        if !(0.0..w).contains(&s[0]) || !(0.0..h).contains(&s[1]) {
            continue;
        }
        let half = label.name.chars().count() as f32 * 3.0 + 3.0;
        let r = [s[0] - half, s[1] - 8.0, s[0] + half, s[1] + 8.0];
        if taken
            .iter()
            .any(|t| r[0] < t[2] && t[0] < r[2] && r[1] < t[3] && t[1] < r[3])
        {
            continue;
        }
        taken.push(r);
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="#50606e">{}</text>"##,
            s[0],
            s[1] + 4.0,
            xml(&label.name)
        );
    }
}

fn mark(out: &mut String, doc: &Document, cell: &Cell) {
    let lane = doc.event_lanes().get(cell.first).copied().unwrap_or(0);
    let [red, green, blue] = doc
        .lanes()
        .get(lane)
        .and_then(|name| doc.category_colors.get(name))
        .copied()
        .unwrap_or(LANE_RGB[lane % LANE_RGB.len()]);
    let title = if cell.count == 1 {
        doc.event(cell.first)
            .map_or_else(String::new, |e| format!("{} — {}", e.date_text(), e.title))
    } else {
        format!("{} events", cell.count)
    };
    let [x, y] = cell.at;
    if cell.count == 1 {
        let _ = writeln!(
            out,
            r##"<g><title>{}</title><circle cx="{x:.1}" cy="{y:.1}" r="4.5" fill="rgb({red},{green},{blue})" stroke="#ffffff"/></g>"##,
            xml(&title)
        );
    } else {
        let radius = places::mark_radius(cell.count);
        let _ = writeln!(
            out,
            r##"<g><title>{}</title><circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="rgb({red},{green},{blue})" fill-opacity="0.8" stroke="#ffffff"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="#ffffff">{}</text></g>"##,
            xml(&title),
            y + 4.0,
            cell.count
        );
    }
}

fn scale_bar(out: &mut String, projection: &Projection, [w, h]: [f32; 2]) {
    let lat = projection
        .to_lonlat([w / 2.0, h / 2.0])
        .map_or(0.0, |p| p.lat);
    let (_, len, label) = projection::scale_bar(projection, lat, 120.0);
    let (x0, y) = (10.0, f64::from(h) - 14.0);
    let x1 = x0 + len;
    let _ = writeln!(
        out,
        r##"<g stroke="#222222" stroke-width="1.5"><line x1="{x0}" y1="{y:.1}" x2="{x1:.1}" y2="{y:.1}"/><line x1="{x0}" y1="{:.1}" x2="{x0}" y2="{y:.1}"/><line x1="{x1:.1}" y1="{:.1}" x2="{x1:.1}" y2="{y:.1}"/></g><text x="{x0}" y="{:.1}" font-size="10" fill="#222222">{label}</text>"##,
        y - 4.0,
        y - 4.0,
        y - 6.0
    );
}

/// Text made safe for XML.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, DocumentBuilder, Event, Place};
    use std::sync::atomic::{AtomicBool, AtomicUsize};

    fn doc() -> Document {
        let at = |id: &str, title: &str, date: &str, lat: f64, lon: f64| Event {
            place: Some(Box::new(Place::checked(lat, lon).unwrap())),
            ..Event::new(id, title, Date::parse(date).unwrap())
        };
        DocumentBuilder {
            name: "places.json".into(),
            events: vec![
                at("a", "Strike near Donetsk", "2024-10-03", 48.0, 37.8),
                at(
                    "b",
                    "Treaty signed in Pyongyang",
                    "2024-06-19",
                    39.03,
                    125.75,
                ),
                at("c", "A & B <meet>", "2024-06-20", 39.04, 125.76),
                Event::new("d", "Nowhere", Date::parse("2024-07-01").unwrap()),
            ],
            ..DocumentBuilder::default()
        }
        .build()
    }

    #[test]
    fn the_drawing_has_the_basemap_the_marks_and_their_titles() {
        let d = doc();
        let places = PlaceIndex::build(&d, &AtomicBool::new(false), &AtomicUsize::new(0)).unwrap();
        let drawing = MapDrawing {
            view: None,
            size: [1200.0, 800.0],
            window: None,
        };
        let svg = render(&d, &places, &drawing);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("<path d=\"M"), "no basemap");
        assert!(svg.contains("Strike near Donetsk"));
        // Escaped, and the two Pyongyang events close together.
        assert!(svg.contains("A &amp; B &lt;meet&gt;") || svg.contains("2 events"));
        assert!(!svg.contains("Nowhere"));
        assert!(svg.contains("Natural Earth"));
        assert!(svg.contains(" km</text>"));
        // Only the window's events.
        let t = |s: &str| Date::parse(s).unwrap().start_seconds();
        let october = render(
            &d,
            &places,
            &MapDrawing {
                window: Some((t("2024-10-01"), t("2024-10-31"))),
                ..drawing
            },
        );
        assert!(october.contains("Strike near Donetsk"));
        assert!(!october.contains("Pyongyang"));
    }
}
