//! Where a place goes on screen: the Web Mercator projection (the one every
//! web map uses, so that shapes look as users know them), normalised so
//! that the whole world is the unit square, and a small pure struct rebuilt
//! each frame from the view and the map's rectangle, as the timeline's
//! time↔screen mapping is. Everything is in f64 until the final pixel.
//!
//! The world repeats east and west: a point is drawn on the copy of the
//! world nearest the view's centre, so that the Pacific is one sea, not two
//! edges. Latitudes past ±85.05° (where Mercator goes to infinity) are
//! drawn at that limit.

use std::f64::consts::PI;

/// A longitude and latitude in degrees (WGS 84, as GPS and every data set
/// in the project give them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    #[must_use]
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }
}

/// The latitude at which Web Mercator's square world ends.
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// The length of the equator in metres (the sphere Web Mercator uses).
pub const EQUATOR_METRES: f64 = 40_075_016.686;

/// Screen pixels across the whole world at zoom 0 (as slippy maps count).
pub const TILE: f64 = 256.0;

/// The closest zoom: about a metre across a few pixels.
pub const MAX_ZOOM: f64 = 20.0;

/// A place in normalised Mercator: x from 0 (180° W) to 1 (180° E), y from
/// 0 (the north edge) to 1 (the south edge).
#[must_use]
pub fn mercator(p: LonLat) -> [f64; 2] {
    let lat = p.lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (p.lon + 180.0) / 360.0;
    let y = (1.0 - (PI / 4.0 + lat / 2.0).tan().ln() / PI) / 2.0;
    [x, y]
}

/// The longitude and latitude of a normalised Mercator point; longitudes
/// are brought into [-180, 180).
#[must_use]
pub fn inverse(m: [f64; 2]) -> LonLat {
    let lon = (m[0] * 360.0 - 180.0 + 180.0).rem_euclid(360.0) - 180.0;
    let lat = (PI * (1.0 - 2.0 * m[1])).sinh().atan().to_degrees();
    LonLat { lon, lat }
}

/// What the user looks at: a centre (normalised Mercator) and a zoom (the
/// world is `256 × 2^zoom` pixels wide). Kept between frames; everything
/// else is derived from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    pub center: [f64; 2],
    pub zoom: f64,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            center: [0.5, 0.5],
            zoom: 0.0,
        }
    }
}

impl MapView {
    /// The zoom at which the whole world's width fits `width` pixels: the
    /// furthest out the map goes.
    #[must_use]
    pub fn min_zoom(width: f64) -> f64 {
        (width.max(1.0) / TILE).log2().max(-4.0)
    }

    /// The projection of this view onto a rectangle at `origin` (top left,
    /// pixels) of `size` pixels.
    #[must_use]
    pub fn projection(&self, origin: [f32; 2], size: [f32; 2]) -> Projection {
        Projection {
            origin: [f64::from(origin[0]), f64::from(origin[1])],
            size: [f64::from(size[0]), f64::from(size[1])],
            center: self.center,
            scale: TILE * self.zoom.exp2(),
        }
    }

    /// Keeps the view within what can be shown: the zoom between the whole
    /// world's width and [`MAX_ZOOM`], the centre's x on the world (it
    /// wraps), its y so that the map does not leave the poles far behind.
    #[must_use]
    pub fn clamped(self, size: [f32; 2]) -> Self {
        let zoom = self
            .zoom
            .clamp(Self::min_zoom(f64::from(size[0])), MAX_ZOOM);
        let scale = TILE * zoom.exp2();
        let half = (f64::from(size[1]) / 2.0 / scale).min(0.5);
        let x = self.center[0].rem_euclid(1.0);
        let y = self.center[1].clamp(half, 1.0 - half);
        Self {
            center: [if x.is_finite() { x } else { 0.5 }, y],
            zoom,
        }
    }

    /// Moved by a drag of `dx`, `dy` pixels (the map follows the pointer).
    #[must_use]
    pub fn panned(self, dx: f64, dy: f64) -> Self {
        let scale = TILE * self.zoom.exp2();
        Self {
            center: [self.center[0] - dx / scale, self.center[1] - dy / scale],
            zoom: self.zoom,
        }
    }

    /// Zoomed by `factor` (2 is twice as close) keeping the place under
    /// the screen point `at` where it is, as the wheel zooms at the pointer.
    #[must_use]
    pub fn zoomed_at(self, factor: f64, at: [f32; 2], origin: [f32; 2], size: [f32; 2]) -> Self {
        let before = self.projection(origin, size);
        let fixed = before.screen_to_mercator(at);
        let zoom = (self.zoom + factor.max(1e-9).log2()).min(MAX_ZOOM);
        let mut view = Self {
            center: self.center,
            zoom,
        };
        let after = view.projection(origin, size);
        let moved = after.screen_to_mercator(at);
        view.center = [
            view.center[0] + fixed[0] - moved[0],
            view.center[1] + fixed[1] - moved[1],
        ];
        view
    }

    /// The view that shows every place of `places` inside `size` pixels,
    /// with `margin` pixels around them; a single place is shown at a
    /// town's scale. `None` when there are none.
    #[must_use]
    pub fn fitting(
        places: impl IntoIterator<Item = LonLat>,
        size: [f32; 2],
        margin: f32,
    ) -> Option<Self> {
        let points: Vec<[f64; 2]> = places.into_iter().map(mercator).collect();
        if points.is_empty() {
            return None;
        }
        let (x0, x1) = shortest_x_span(&points);
        let (y0, y1) = points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                (a.min(p[1]), b.max(p[1]))
            });
        let w = f64::from((size[0] - 2.0 * margin).max(1.0));
        let h = f64::from((size[1] - 2.0 * margin).max(1.0));
        let span_x = (x1 - x0).max(1e-9);
        let span_y = (y1 - y0).max(1e-9);
        let scale = (w / span_x).min(h / span_y);
        let zoom = (scale / TILE).log2().min(12.0);
        Some(
            Self {
                center: [f64::midpoint(x0, x1), f64::midpoint(y0, y1)],
                zoom,
            }
            .clamped(size),
        )
    }
}

/// The narrowest band of longitudes holding every point, which may cross
/// the antimeridian (then its end is past 1): points in Fiji and Samoa
/// are a few degrees apart, not the whole world.
fn shortest_x_span(points: &[[f64; 2]]) -> (f64, f64) {
    let mut xs: Vec<f64> = points.iter().map(|p| p[0].rem_euclid(1.0)).collect();
    xs.sort_by(f64::total_cmp);
    // The widest gap between neighbours (going round) is left out.
    let n = xs.len();
    let mut best = (xs[n - 1] - xs[0], 0);
    for i in 1..n {
        let gap = xs[i] - xs[i - 1];
        let span = 1.0 - gap;
        if span < best.0 {
            best = (span, i);
        }
    }
    let (_, start) = best;
    if start == 0 {
        (xs[0], xs[n - 1])
    } else {
        (xs[start], xs[start - 1] + 1.0)
    }
}

/// A view on a rectangle of the screen, rebuilt each frame: pure arithmetic
/// between places and pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    origin: [f64; 2],
    size: [f64; 2],
    center: [f64; 2],
    /// Pixels per world width.
    scale: f64,
}

impl Projection {
    /// Pixels across the whole world at this zoom.
    #[must_use]
    pub fn world_pixels(&self) -> f64 {
        self.scale
    }

    /// How far east of the centre `x` lies on the copy of the world nearest
    /// it (-0.5 to 0.5 of the world): a branch for points on the world (the
    /// common case, read a million times a frame), the remainder otherwise.
    fn nearest_dx(&self, x: f64) -> f64 {
        let mut dx = x - self.center[0];
        if dx > 0.5 {
            dx -= 1.0;
        } else if dx < -0.5 {
            dx += 1.0;
        }
        if (-0.5..=0.5).contains(&dx) {
            dx
        } else {
            (x - self.center[0] + 0.5).rem_euclid(1.0) - 0.5
        }
    }

    /// The screen point of a normalised Mercator point, on the copy of the
    /// world nearest the centre.
    #[must_use]
    pub fn mercator_to_screen(&self, m: [f64; 2]) -> [f64; 2] {
        let dx = self.nearest_dx(m[0]);
        [
            self.origin[0] + self.size[0] / 2.0 + dx * self.scale,
            self.origin[1] + self.size[1] / 2.0 + (m[1] - self.center[1]) * self.scale,
        ]
    }

    /// The screen point of a normalised Mercator point as it is (x not
    /// brought to the copy of the world nearest the centre): for drawing a
    /// given copy of the world.
    #[must_use]
    pub fn mercator_to_screen_unwrapped(&self, m: [f64; 2]) -> [f64; 2] {
        [
            self.origin[0] + self.size[0] / 2.0 + (m[0] - self.center[0]) * self.scale,
            self.origin[1] + self.size[1] / 2.0 + (m[1] - self.center[1]) * self.scale,
        ]
    }

    /// A normalised Mercator point in pixels of the whole world at this
    /// zoom (on the copy nearest the centre): where it is, independent of
    /// where the view is panned, so that cells of a grid in these pixels
    /// stay the same cells as the map moves.
    #[must_use]
    pub fn world_point(&self, m: [f64; 2]) -> [f64; 2] {
        let dx = self.nearest_dx(m[0]);
        [(self.center[0] + dx) * self.scale, m[1] * self.scale]
    }

    /// The screen point of a point in world pixels ([`Self::world_point`]).
    #[must_use]
    pub fn world_to_screen(&self, w: [f64; 2]) -> [f64; 2] {
        [
            self.origin[0] + self.size[0] / 2.0 + w[0] - self.center[0] * self.scale,
            self.origin[1] + self.size[1] / 2.0 + w[1] - self.center[1] * self.scale,
        ]
    }

    /// The view's rectangle in world pixels: (x0, y0, x1, y1).
    #[must_use]
    pub fn world_view(&self) -> [f64; 4] {
        let (cx, cy) = (self.center[0] * self.scale, self.center[1] * self.scale);
        [
            cx - self.size[0] / 2.0,
            cy - self.size[1] / 2.0,
            cx + self.size[0] / 2.0,
            cy + self.size[1] / 2.0,
        ]
    }

    /// The screen point of a place.
    #[must_use]
    pub fn to_screen(&self, p: LonLat) -> [f32; 2] {
        let s = self.mercator_to_screen(mercator(p));
        [s[0] as f32, s[1] as f32]
    }

    /// The normalised Mercator point under a screen point (x not wrapped).
    #[must_use]
    pub fn screen_to_mercator(&self, s: [f32; 2]) -> [f64; 2] {
        [
            self.center[0] + (f64::from(s[0]) - self.origin[0] - self.size[0] / 2.0) / self.scale,
            self.center[1] + (f64::from(s[1]) - self.origin[1] - self.size[1] / 2.0) / self.scale,
        ]
    }

    /// The place under a screen point; `None` off the world's north or
    /// south edge.
    #[must_use]
    pub fn to_lonlat(&self, s: [f32; 2]) -> Option<LonLat> {
        let m = self.screen_to_mercator(s);
        (0.0..=1.0).contains(&m[1]).then(|| inverse(m))
    }

    /// The normalised Mercator rectangle in view: (x0, y0, x1, y1), x not
    /// wrapped (x0 may be below 0 and x1 above 1 near the antimeridian).
    #[must_use]
    pub fn visible(&self) -> [f64; 4] {
        let hw = self.size[0] / 2.0 / self.scale;
        let hh = self.size[1] / 2.0 / self.scale;
        [
            self.center[0] - hw,
            self.center[1] - hh,
            self.center[0] + hw,
            self.center[1] + hh,
        ]
    }

    /// Metres on the ground per screen pixel at a latitude.
    #[must_use]
    pub fn metres_per_pixel(&self, lat: f64) -> f64 {
        EQUATOR_METRES * lat.clamp(-MAX_LAT, MAX_LAT).to_radians().cos() / self.scale
    }
}

/// A scale bar at most `max_px` long at latitude `lat`: a round length (1,
/// 2 or 5 × 10ⁿ metres), its length in pixels and its label ("500 km").
#[must_use]
pub fn scale_bar(projection: &Projection, lat: f64, max_px: f64) -> (f64, f64, String) {
    let per_px = projection.metres_per_pixel(lat);
    let most = per_px * max_px;
    let mut metres = 10f64.powf(most.log10().floor());
    for step in [5.0, 2.0] {
        if metres * step <= most {
            metres *= step;
            break;
        }
    }
    let label = if metres >= 1000.0 {
        format!("{} km", format_round(metres / 1000.0))
    } else {
        format!("{} m", format_round(metres))
    };
    (metres, metres / per_px, label)
}

fn format_round(n: f64) -> String {
    if n >= 1.0 {
        format!("{}", n.round() as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SIZE: [f32; 2] = [800.0, 600.0];
    const ORIGIN: [f32; 2] = [10.0, 20.0];

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() <= eps
    }

    #[test]
    fn known_places() {
        let m = mercator(LonLat::new(0.0, 0.0));
        assert!(close(m[0], 0.5, 1e-12) && close(m[1], 0.5, 1e-12));
        let m = mercator(LonLat::new(-180.0, MAX_LAT));
        assert!(close(m[0], 0.0, 1e-12) && close(m[1], 0.0, 1e-9));
        let m = mercator(LonLat::new(180.0, -MAX_LAT));
        assert!(close(m[0], 1.0, 1e-12) && close(m[1], 1.0, 1e-9));
    }

    #[test]
    fn the_poles_are_drawn_at_the_edge() {
        let north = mercator(LonLat::new(10.0, 90.0));
        let south = mercator(LonLat::new(10.0, -90.0));
        assert!(close(north[1], 0.0, 1e-9) && close(south[1], 1.0, 1e-9));
        assert!(north[1].is_finite() && south[1].is_finite());
        let back = inverse(north);
        assert!(close(back.lat, MAX_LAT, 1e-9));
    }

    #[test]
    fn the_antimeridian_is_one_sea() {
        // Looking at Fiji: both sides of 180° sit side by side.
        let view = MapView {
            center: mercator(LonLat::new(180.0, -17.0)),
            zoom: 6.0,
        };
        let p = view.projection(ORIGIN, SIZE);
        let west = p.to_screen(LonLat::new(179.5, -17.0));
        let east = p.to_screen(LonLat::new(-179.5, -17.0));
        assert!(east[0] > west[0]);
        assert!((east[0] - west[0]) < 100.0, "{west:?} {east:?}");
        let back = p.to_lonlat(east).unwrap();
        assert!(close(back.lon, -179.5, 1e-6), "{back:?}");
    }

    #[test]
    fn zooming_keeps_the_place_under_the_pointer() {
        let view = MapView {
            center: mercator(LonLat::new(37.6, 55.75)),
            zoom: 4.0,
        };
        let at = [300.0, 250.0];
        let under = view.projection(ORIGIN, SIZE).to_lonlat(at).unwrap();
        let closer = view.zoomed_at(2.0, at, ORIGIN, SIZE);
        assert!(close(closer.zoom, 5.0, 1e-12));
        let still = closer.projection(ORIGIN, SIZE).to_screen(under);
        assert!((still[0] - at[0]).abs() < 1e-3 && (still[1] - at[1]).abs() < 1e-3);
    }

    #[test]
    fn fitting_shows_every_place_and_crosses_the_antimeridian_when_shorter() {
        let places = [
            LonLat::new(178.0, -18.0),
            LonLat::new(-172.0, -13.8),
            LonLat::new(179.0, -16.0),
        ];
        let view = MapView::fitting(places, SIZE, 20.0).unwrap();
        let p = view.projection(ORIGIN, SIZE);
        for place in places {
            let s = p.to_screen(place);
            assert!(
                s[0] >= ORIGIN[0] && s[0] <= ORIGIN[0] + SIZE[0],
                "{place:?} {s:?}"
            );
            assert!(
                s[1] >= ORIGIN[1] && s[1] <= ORIGIN[1] + SIZE[1],
                "{place:?} {s:?}"
            );
        }
        // Ten degrees wide, not the whole world.
        assert!(view.zoom > 4.0, "{view:?}");
        assert!(MapView::fitting([], SIZE, 20.0).is_none());
    }

    #[test]
    fn the_view_stays_on_the_world() {
        let far = MapView {
            center: [3.25, 7.0],
            zoom: 40.0,
        }
        .clamped(SIZE);
        assert!(close(far.center[0], 0.25, 1e-12));
        assert!(far.center[1] <= 1.0 && far.zoom <= MAX_ZOOM);
        let out = MapView {
            center: [0.5, 0.5],
            zoom: -10.0,
        }
        .clamped(SIZE);
        assert!(close(out.zoom, MapView::min_zoom(800.0), 1e-12));
    }

    #[test]
    fn scale_bars_are_round() {
        let view = MapView {
            center: mercator(LonLat::new(0.0, 0.0)),
            zoom: 3.0,
        };
        let p = view.projection(ORIGIN, SIZE);
        let (metres, px, label) = scale_bar(&p, 0.0, 120.0);
        assert!(px <= 120.0 && px > 40.0, "{px}");
        assert_eq!(label, "2000 km");
        assert!(close(metres, 2_000_000.0, 1e-6));
        // Further north a pixel is fewer metres.
        let (north, _, _) = scale_bar(&p, 60.0, 120.0);
        assert!(north < metres);
    }

    proptest! {
        #[test]
        fn screen_and_place_round_trip_at_every_zoom(
            lon in -180.0_f64..180.0,
            lat in -85.0_f64..85.0,
            zoom in 0.0_f64..MAX_ZOOM,
        ) {
            let place = LonLat::new(lon, lat);
            let view = MapView { center: mercator(place), zoom };
            let p = view.projection(ORIGIN, SIZE);
            let s = p.to_screen(place);
            prop_assert!((s[0] - (ORIGIN[0] + SIZE[0] / 2.0)).abs() < 1e-2);
            // A few pixels away (towards the equator, so as to stay on the
            // world near the poles) and back: the place a pixel covers.
            let toward_equator = if lat > 0.0 { 5.0 } else { -5.0 };
            let near = [s[0] + 7.0, s[1] + toward_equator];
            let there = p.to_lonlat(near).unwrap();
            let again = p.to_screen(there);
            prop_assert!((again[0] - near[0]).abs() < 1e-2 && (again[1] - near[1]).abs() < 1e-2,
                "{near:?} {again:?}");
        }

        #[test]
        fn mercator_round_trips(lon in -180.0_f64..180.0, lat in -MAX_LAT..MAX_LAT) {
            let back = inverse(mercator(LonLat::new(lon, lat)));
            prop_assert!(close(back.lon, lon, 1e-9) && close(back.lat, lat, 1e-9), "{back:?}");
        }
    }
}
