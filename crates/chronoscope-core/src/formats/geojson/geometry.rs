//! Where a GeoJSON geometry puts its feature: a Point is the place itself;
//! any other geometry is placed at its centroid, so that a feature drawn as
//! an area or a route still has one point on the map.
//!
//! Why a centroid, and which: an event's place is one point. A polygon's
//! is the centroid of its area (holes taken out, the parts of a
//! `MultiPolygon` weighed by their areas), not the mean of its vertices, which
//! a detailed coastline would pull towards itself; a line's is the middle
//! of its length; points' is their mean. A `GeometryCollection` weighs its
//! members by the same rule: areas first, then lengths, then points. A
//! polygon of no area falls back to its outline, a line of no length to its
//! vertices. Longitude and latitude are taken as plane coordinates, which is
//! close enough for the areas events happen in; a geometry spanning more
//! than 180° of longitude is taken to cross the antimeridian and measured
//! across it (Fiji, the Bering Strait), not around the world.
//!
//! Positions are `[longitude, latitude]` (RFC 7946 §3.1.1), an altitude
//! after them ignored. Every position is checked: one out of range makes
//! the feature placeless, with a reason. The cost is linear in the number
//! of positions, and nothing recurses deeper than `serde_json` reads (128
//! levels).

use serde_json::Value;

use crate::formats::common::shorten;
use crate::formats::import::no_place;
use crate::model::{Place, PlaceProblem};

/// The geometry types GeoJSON has.
const TYPES: &str =
    "Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection";

/// Where a geometry puts its feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub place: Place,
    /// The geometry's type when the place is its centroid (`"Polygon"`);
    /// `None` for a Point.
    pub centroid_of: Option<&'static str>,
}

/// Why a geometry gives no place.
#[derive(Clone, Debug, PartialEq)]
pub enum Unplaced {
    /// A position that cannot be a place; `what` names it as written.
    Position { what: String, problem: PlaceProblem },
    /// Not a geometry GeoJSON has, or not shaped as its type.
    Shape(String),
}

impl Unplaced {
    /// The warning: what is wrong, and that the feature has no place.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Self::Position { what, problem } => no_place(what, problem),
            Self::Shape(why) => format!("{why}; no place"),
        }
    }
}

/// The place of `geometry` (a feature's `geometry` member, read); `Ok(None)`
/// for `null` (an unlocated feature, as RFC 7946 §3.2 writes it) and for a
/// geometry without positions.
pub fn locate(geometry: &Value) -> Result<Option<Located>, Unplaced> {
    if geometry.is_null() {
        return Ok(None);
    }
    let kind = kind(geometry)?;
    if kind == "Point" {
        let coordinates = member(geometry, "coordinates", kind)?;
        let [lon, lat] = numbers(coordinates, kind)?;
        let place = Place::checked(lat, lon).map_err(|problem| Unplaced::Position {
            what: format!("Point {}", written(coordinates)),
            problem,
        })?;
        return Ok(Some(Located {
            place,
            centroid_of: None,
        }));
    }
    let mut parts = Parts::default();
    parts.add(geometry, kind)?;
    let Some([lon, lat]) = parts.centroid() else {
        return Ok(None);
    };
    let place = Place::checked(lat, lon).map_err(|problem| Unplaced::Position {
        what: format!("the centroid of its {kind} ({lon}, {lat})"),
        problem,
    })?;
    Ok(Some(Located {
        place,
        centroid_of: Some(kind),
    }))
}

/// The geometry's `type`, one GeoJSON has.
fn kind(geometry: &Value) -> Result<&'static str, Unplaced> {
    let Some(object) = geometry.as_object() else {
        return Err(Unplaced::Shape(format!(
            "the geometry {} is not an object {{\"type\": …, \"coordinates\": …}}",
            written(geometry)
        )));
    };
    let written_type = object.get("type").and_then(Value::as_str);
    [
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    ]
    .into_iter()
    .find(|k| written_type == Some(*k))
    .ok_or_else(|| {
        Unplaced::Shape(match object.get("type") {
            Some(t) => format!(
                "geometry type {} is not one GeoJSON has ({TYPES})",
                written(t)
            ),
            None => format!("a geometry without a type: expected {TYPES}"),
        })
    })
}

/// The member `name` of a geometry of type `kind`.
fn member<'v>(geometry: &'v Value, name: &str, kind: &str) -> Result<&'v Value, Unplaced> {
    geometry
        .get(name)
        .ok_or_else(|| Unplaced::Shape(format!("a {kind} without {name:?}")))
}

/// A value as written, shortened: for messages.
fn written(value: &Value) -> String {
    shorten(&value.to_string(), 60)
}

/// A position `[longitude, latitude]` of a geometry of type `kind`.
fn numbers(value: &Value, kind: &str) -> Result<[f64; 2], Unplaced> {
    let numbers = value.as_array().and_then(|items| {
        let lon = items.first()?.as_f64()?;
        let lat = items.get(1)?.as_f64()?;
        Some([lon, lat])
    });
    numbers.ok_or_else(|| {
        Unplaced::Shape(format!(
            "the {kind} position {} is not [longitude, latitude]",
            written(value)
        ))
    })
}

/// A position `[longitude, latitude]` of a geometry of type `kind`, in range.
fn position(value: &Value, kind: &str) -> Result<[f64; 2], Unplaced> {
    let [lon, lat] = numbers(value, kind)?;
    // Out of range or swapped is no place; 0, 0 is only suspicious as a
    // place of its own (a Point), not as one vertex of many.
    match Place::checked(lat, lon) {
        Ok(_) | Err(PlaceProblem::NullIsland) => Ok([lon, lat]),
        Err(problem) => Err(Unplaced::Position {
            what: format!("the {kind} position {}", written(value)),
            problem,
        }),
    }
}

/// The items of a list of a geometry of type `kind`.
fn items<'v>(value: &'v Value, kind: &str, of: &str) -> Result<&'v [Value], Unplaced> {
    value.as_array().map(Vec::as_slice).ok_or_else(|| {
        Unplaced::Shape(format!(
            "the {kind} coordinates {} are not a list of {of}",
            written(value)
        ))
    })
}

/// A geometry's positions by what they weigh in its centroid.
#[derive(Default)]
struct Parts {
    points: Vec<[f64; 2]>,
    lines: Vec<Vec<[f64; 2]>>,
    /// Each polygon's rings, the outer one first.
    polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

impl Parts {
    /// Adds `geometry`, of type `kind`.
    fn add(&mut self, geometry: &Value, kind: &'static str) -> Result<(), Unplaced> {
        if kind == "GeometryCollection" {
            let members = member(geometry, "geometries", kind)?;
            for g in items(members, kind, "geometries")? {
                let inner = self::kind(g)?;
                self.add(g, inner)?;
            }
            return Ok(());
        }
        let coordinates = member(geometry, "coordinates", kind)?;
        let line = |value: &Value| -> Result<Vec<[f64; 2]>, Unplaced> {
            items(value, kind, "positions")?
                .iter()
                .map(|p| position(p, kind))
                .collect()
        };
        let polygon = |value: &Value| -> Result<Vec<Vec<[f64; 2]>>, Unplaced> {
            items(value, kind, "rings")?.iter().map(line).collect()
        };
        match kind {
            "Point" => self.points.push(position(coordinates, kind)?),
            "MultiPoint" => self.points.extend(line(coordinates)?),
            "LineString" => self.lines.push(line(coordinates)?),
            "MultiLineString" => {
                for l in items(coordinates, kind, "lines")? {
                    self.lines.push(line(l)?);
                }
            }
            "Polygon" => self.polygons.push(polygon(coordinates)?),
            _ => {
                for p in items(coordinates, kind, "polygons")? {
                    self.polygons.push(polygon(p)?);
                }
            }
        }
        Ok(())
    }

    /// Every position.
    fn positions(&self) -> impl Iterator<Item = &[f64; 2]> {
        self.points
            .iter()
            .chain(self.lines.iter().flatten())
            .chain(self.polygons.iter().flatten().flatten())
    }

    /// The centroid `[longitude, latitude]` (see the module's
    /// documentation); `None` without a position.
    fn centroid(&self) -> Option<[f64; 2]> {
        let first = *self.positions().next()?;
        let (west, east) = self
            .positions()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(w, e), p| {
                (w.min(p[0]), e.max(p[0]))
            });
        // Across the antimeridian: western longitudes go on past 180.
        let across = east - west > 180.0;
        let origin = unwrap(first, across);
        // Measured from the first position, which keeps the products small.
        let at = |p: &[f64; 2]| {
            let p = unwrap(*p, across);
            [p[0] - origin[0], p[1] - origin[1]]
        };
        let mut sums = Sums::default();
        for p in &self.points {
            sums.vertex(at(p));
        }
        for line in &self.lines {
            sums.line(line.iter().map(at));
        }
        for rings in &self.polygons {
            for (i, ring) in rings.iter().enumerate() {
                sums.ring(ring.iter().map(at), i == 0);
            }
        }
        let [x, y] = sums.centroid()?;
        let mut lon = x + origin[0];
        if lon > 180.0 {
            lon -= 360.0;
        }
        Some([lon, y + origin[1]])
    }
}

/// `p` with a western longitude moved past 180 when measuring `across` the
/// antimeridian.
fn unwrap(p: [f64; 2], across: bool) -> [f64; 2] {
    if across && p[0] < 0.0 {
        [p[0] + 360.0, p[1]]
    } else {
        p
    }
}

/// Areas, lengths and vertices, each with its first moments.
#[derive(Default)]
struct Sums {
    area: f64,
    area_x: f64,
    area_y: f64,
    length: f64,
    length_x: f64,
    length_y: f64,
    vertices: f64,
    vertex_x: f64,
    vertex_y: f64,
}

impl Sums {
    fn vertex(&mut self, [x, y]: [f64; 2]) {
        self.vertices += 1.0;
        self.vertex_x += x;
        self.vertex_y += y;
    }

    /// A line: its segments weighed by their lengths at their middles.
    fn line(&mut self, points: impl Iterator<Item = [f64; 2]>) {
        let mut last: Option<[f64; 2]> = None;
        for p in points {
            self.vertex(p);
            if let Some(q) = last {
                let length = (p[0] - q[0]).hypot(p[1] - q[1]);
                self.length += length;
                self.length_x += length * (p[0] + q[0]) / 2.0;
                self.length_y += length * (p[1] + q[1]) / 2.0;
            }
            last = Some(p);
        }
    }

    /// A polygon's ring (closed or not): its area by the shoelace formula,
    /// added for the `outer` ring and taken out for a hole, whichever way
    /// it winds; its outline as a line.
    fn ring(&mut self, points: impl Iterator<Item = [f64; 2]>, outer: bool) {
        let ring: Vec<[f64; 2]> = points.collect();
        let (mut twice, mut moment_x, mut moment_y) = (0.0, 0.0, 0.0);
        for (i, p) in ring.iter().enumerate() {
            let q = ring[(i + 1) % ring.len()];
            let cross = p[0] * q[1] - q[0] * p[1];
            twice += cross;
            moment_x += (p[0] + q[0]) * cross;
            moment_y += (p[1] + q[1]) * cross;
        }
        // |area| × centroid = sign(twice) × moment / 6.
        let sign = if outer { 1.0 } else { -1.0 } * twice.signum();
        self.area += if outer { 1.0 } else { -1.0 } * twice.abs() / 2.0;
        self.area_x += sign * moment_x / 6.0;
        self.area_y += sign * moment_y / 6.0;
        let closing = ring.first().copied();
        self.line(ring.iter().copied().chain(closing));
    }

    /// Areas' centroid, else lengths', else vertices'.
    fn centroid(&self) -> Option<[f64; 2]> {
        // An area smaller than this (in square degrees) is a sliver.
        const NO_AREA: f64 = 1e-12;
        if self.area > NO_AREA {
            Some([self.area_x / self.area, self.area_y / self.area])
        } else if self.length > 0.0 {
            Some([self.length_x / self.length, self.length_y / self.length])
        } else if self.vertices > 0.0 {
            Some([self.vertex_x / self.vertices, self.vertex_y / self.vertices])
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(json: &str) -> Result<Option<Located>, Unplaced> {
        locate(&serde_json::from_str(json).unwrap())
    }

    /// Asserts that `a` is `b` within 1e-9.
    fn near(a: [f64; 2], b: [f64; 2]) {
        assert!(
            (a[0] - b[0]).abs() < 1e-9 && (a[1] - b[1]).abs() < 1e-9,
            "{a:?} is not {b:?}"
        );
    }

    /// `[longitude, latitude]` of a geometry's place, to 1e-9.
    fn at(json: &str) -> [f64; 2] {
        let l = located(json).unwrap().unwrap();
        let round = |v: f64| (v * 1e9).round() / 1e9;
        [round(l.place.lon), round(l.place.lat)]
    }

    #[test]
    fn a_point_is_the_place_longitude_first() {
        let l = located(r#"{"type": "Point", "coordinates": [36.65, 49.85, 120]}"#)
            .unwrap()
            .unwrap();
        assert_eq!((l.place.lat, l.place.lon), (49.85, 36.65));
        assert_eq!(l.centroid_of, None);
        assert_eq!(located("null").unwrap(), None);
    }

    #[test]
    fn a_polygon_is_placed_at_the_centroid_of_its_area() {
        // An L: the mean of its vertices (1.0833, 1.0833 … ) is not its
        // centroid (0.9, 0.9 … by area).
        let l =
            r#"{"type": "Polygon", "coordinates": [[[0,0],[2,0],[2,1],[1,1],[1,2],[0,2],[0,0]]]}"#;
        let [x, y] = at(l);
        assert!(
            (x - 5.0 / 6.0).abs() < 1e-9 && (y - 5.0 / 6.0).abs() < 1e-9,
            "{x} {y}"
        );
        assert_eq!(located(l).unwrap().unwrap().centroid_of, Some("Polygon"));
        // Either winding gives the same centroid.
        let clockwise =
            r#"{"type": "Polygon", "coordinates": [[[0,0],[0,2],[1,2],[1,1],[2,1],[2,0],[0,0]]]}"#;
        near(at(clockwise), at(l));
        // A hole takes its area out: a 4×4 square less the 2×2 in its
        // upper right corner.
        let holed = r#"{"type": "Polygon", "coordinates": [
            [[10,10],[14,10],[14,14],[10,14],[10,10]],
            [[12,12],[14,12],[14,14],[12,14],[12,12]]]}"#;
        let [x, y] = at(holed);
        assert!((x - (10.0 + 5.0 / 3.0)).abs() < 1e-9, "{x}");
        assert!((y - (10.0 + 5.0 / 3.0)).abs() < 1e-9, "{y}");
    }

    #[test]
    fn parts_are_weighed_by_area_then_length_then_vertices() {
        // A 2×2 and a 1×1 square: the larger pulls four times as hard.
        let multi = r#"{"type": "MultiPolygon", "coordinates": [
            [[[0,0],[2,0],[2,2],[0,2],[0,0]]],
            [[[10,0],[11,0],[11,1],[10,1],[10,0]]]]}"#;
        let [x, y] = at(multi);
        assert!((x - (4.0 * 1.0 + 10.5) / 5.0).abs() < 1e-9, "{x}");
        assert!((y - (4.0 * 1.0 + 0.5) / 5.0).abs() < 1e-9, "{y}");
        // A line: the middle of its length, not of its vertices.
        near(
            at(r#"{"type": "LineString", "coordinates": [[0,0],[1,0],[2,0],[10,0]]}"#),
            [5.0, 0.0],
        );
        near(
            at(r#"{"type": "MultiPoint", "coordinates": [[0,0],[2,4]]}"#),
            [1.0, 2.0],
        );
        // Areas outweigh lines and points in a collection.
        let collection = r#"{"type": "GeometryCollection", "geometries": [
            {"type": "Point", "coordinates": [50, 50]},
            {"type": "LineString", "coordinates": [[40,40],[41,41]]},
            {"type": "Polygon", "coordinates": [[[0,0],[2,0],[2,2],[0,2],[0,0]]]}]}"#;
        near(at(collection), [1.0, 1.0]);
        // A polygon of no area is its outline.
        near(
            at(r#"{"type": "Polygon", "coordinates": [[[0,0],[4,0],[0,0]]]}"#),
            [2.0, 0.0],
        );
        let empty = r#"{"type": "MultiPolygon", "coordinates": []}"#;
        assert_eq!(located(empty).unwrap(), None);
    }

    #[test]
    fn a_geometry_across_the_antimeridian_is_measured_across_it() {
        let fiji = r#"{"type": "Polygon", "coordinates": [[[179,-17],[-179,-17],[-179,-19],[179,-19],[179,-17]]]}"#;
        let [x, y] = at(fiji);
        assert!((x.abs() - 180.0).abs() < 1e-9, "{x}");
        assert!((y + 18.0).abs() < 1e-9, "{y}");
        let line = r#"{"type": "LineString", "coordinates": [[178,0],[-176,0]]}"#;
        near(at(line), [-179.0, 0.0]);
    }

    #[test]
    fn positions_that_cannot_be_places_are_reasons() {
        let said = |json: &str| located(json).unwrap_err().message();
        assert_eq!(
            said(r#"{"type": "Point", "coordinates": [33.1, 120.5]}"#),
            "Point [33.1,120.5]: latitude 120.5 is outside -90 to 90 and longitude 33.1 is not: the two look swapped; no place"
        );
        assert_eq!(
            said(r#"{"type": "Point", "coordinates": [0, 0]}"#),
            "Point [0,0]: 0, 0 is the placeholder tools write for an unknown place (a point in the Gulf of Guinea); no place"
        );
        assert_eq!(
            said(r#"{"type": "LineString", "coordinates": [[0, 0], [200, 10]]}"#),
            "the LineString position [200,10]: longitude 200 is outside -180 to 180; no place"
        );
        assert_eq!(
            said(r#"{"type": "Polygon", "coordinates": [[1, 2]]}"#),
            "the Polygon position 1 is not [longitude, latitude]; no place"
        );
        assert_eq!(
            said(r#"{"type": "Point", "coordinates": ["36", 49]}"#),
            "the Point position [\"36\",49] is not [longitude, latitude]; no place"
        );
        assert_eq!(
            said(r#"{"type": "Circle", "coordinates": [1, 2]}"#),
            "geometry type \"Circle\" is not one GeoJSON has (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection); no place"
        );
        assert_eq!(
            said(r#"{"coordinates": [1, 2]}"#),
            "a geometry without a type: expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection; no place"
        );
        assert_eq!(
            said(r#"{"type": "Point"}"#),
            "a Point without \"coordinates\"; no place"
        );
        assert_eq!(
            said("[1, 2]"),
            "the geometry [1,2] is not an object {\"type\": …, \"coordinates\": …}; no place"
        );
        // Polygons' vertices may be at 0, 0; a centroid there may not.
        assert!(
            said(r#"{"type": "MultiPoint", "coordinates": [[-1, -1], [1, 1]]}"#)
                .starts_with("the centroid of its MultiPoint (0, 0): 0, 0 is the placeholder")
        );
    }
}
