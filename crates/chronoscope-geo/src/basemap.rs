//! The basemap drawn under the events: coastlines, country borders and
//! country names, bundled in the binary so that the map never asks the
//! network for anything (no tiles, no server) and looks the same offline.
//!
//! The data is Natural Earth's (public domain), via the npm package
//! world-atlas 2.0.2 (Natural Earth 4.1.0 as topologies), converted once by
//! `tools/basemap.py` into `assets/basemap.bin` (the format is described
//! there and in the crate's README). It is decoded on first use and kept.
//!
//! Two levels of detail: [`Detail::Coarse`] (1:110m) for a world seen
//! whole, [`Detail::Fine`] (1:50m) from zoom [`FINE_FROM_ZOOM`]. Lines are
//! polylines of `[lon, lat]` degrees, already split at the antimeridian (no
//! segment spans more than 180° of longitude) and cut into pieces of at
//! most 256 points, each with its bounding box, so that a zoomed-in frame
//! only walks the pieces it sees ([`Basemap::lines_in`]). Nothing here
//! draws: the app projects the points with [`crate::Projection`].

use std::fmt;
use std::sync::OnceLock;

/// The credit the map shows for its data.
pub const ATTRIBUTION: &str = "Natural Earth (public domain), via world-atlas";

/// The zoom (the world is `256 × 2^zoom` pixels wide) from which the 1:50m
/// lines replace the 1:110m ones. Below it the world is under about
/// 2,900 pixels wide and the coarse lines' vertices (a few tenths of a
/// degree apart) are a pixel or two from each other; above it their
/// corners show, and the finer lines (eight times the points) are worth
/// drawing.
pub const FINE_FROM_ZOOM: f64 = 3.5;

/// The asset written by `tools/basemap.py`.
static ASSET: &[u8] = include_bytes!("../assets/basemap.bin");

const MAGIC: &[u8; 4] = b"CHBM";
const VERSION: u8 = 1;
/// Stored coordinates are in units of 1e-4 degree.
const UNITS_PER_DEGREE: f64 = 10_000.0;
const MAX_LON: i64 = 180 * 10_000;
const MAX_LAT: i64 = 90 * 10_000;
/// A label's rank counts quarters of a zoom level.
const RANKS_PER_ZOOM: f64 = 4.0;

/// Which of the two sets of lines: 1:110m or 1:50m.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Detail {
    /// Natural Earth 1:110m, for the world seen whole.
    Coarse,
    /// Natural Earth 1:50m, from zoom [`FINE_FROM_ZOOM`].
    Fine,
}

/// Which lines of a level: the land's outline or the borders between
/// countries (each border once, although two countries share it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    Coast,
    Borders,
}

/// A country's name and where to write it: a point well inside its largest
/// polygon (the farthest from its outline on the Mercator map).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Natural Earth's short name ("France", "Dem. Rep. Congo").
    pub name: String,
    pub lon: f32,
    pub lat: f32,
    /// The zoom from which the name is shown, in quarters of a zoom level
    /// (0: on the whole world). Larger countries on the map (their largest
    /// polygon's area on the Mercator map) come earlier.
    pub rank: u8,
}

impl Label {
    /// The zoom from which the name is shown: when the country's largest
    /// polygon covers about 1,500 pixels² (France: 2.5; Russia: 0;
    /// Luxembourg: about 6).
    #[must_use]
    pub fn min_zoom(&self) -> f64 {
        f64::from(self.rank) / RANKS_PER_ZOOM
    }
}

/// Polylines packed in one vector, with their bounding boxes.
#[derive(Debug, Default)]
struct Lines {
    points: Vec<[f32; 2]>,
    /// Where each polyline starts in `points`, and where the last one ends.
    starts: Vec<usize>,
    /// `[west, south, east, north]` of each polyline.
    boxes: Vec<[f32; 4]>,
}

impl Lines {
    const EMPTY: Self = Self {
        points: Vec::new(),
        starts: Vec::new(),
        boxes: Vec::new(),
    };

    fn iter(&self) -> impl Iterator<Item = &[[f32; 2]]> {
        self.starts.windows(2).filter_map(|w| match *w {
            [start, end] => self.points.get(start..end),
            _ => None,
        })
    }
}

#[derive(Debug, Default)]
struct Level {
    coast: Lines,
    borders: Lines,
}

impl Level {
    const EMPTY: Self = Self {
        coast: Lines::EMPTY,
        borders: Lines::EMPTY,
    };
}

/// The decoded asset: both levels' lines and the countries' labels.
#[derive(Debug, Default)]
pub struct Basemap {
    attribution: String,
    coarse: Level,
    fine: Level,
    labels: Vec<Label>,
}

/// What [`basemap`] gives if the asset could not be decoded (a bug the
/// tests catch): a map with nothing on it rather than a crash.
static EMPTY: Basemap = Basemap {
    attribution: String::new(),
    coarse: Level::EMPTY,
    fine: Level::EMPTY,
    labels: Vec::new(),
};

/// The bundled basemap, decoded on the first call (about 90,000 points:
/// under a millisecond in a release build) and shared afterwards.
#[must_use]
pub fn basemap() -> &'static Basemap {
    static DECODED: OnceLock<Option<Basemap>> = OnceLock::new();
    DECODED
        .get_or_init(|| decode(ASSET).ok())
        .as_ref()
        .unwrap_or(&EMPTY)
}

impl Basemap {
    /// The level of detail to draw at `zoom`: [`Detail::Fine`] from
    /// [`FINE_FROM_ZOOM`] (3.5), [`Detail::Coarse`] below.
    #[must_use]
    pub fn detail_for_zoom(zoom: f64) -> Detail {
        if zoom >= FINE_FROM_ZOOM {
            Detail::Fine
        } else {
            Detail::Coarse
        }
    }

    fn level(&self, d: Detail) -> &Level {
        match d {
            Detail::Coarse => &self.coarse,
            Detail::Fine => &self.fine,
        }
    }

    fn set(&self, d: Detail, layer: Layer) -> &Lines {
        let level = self.level(d);
        match layer {
            Layer::Coast => &level.coast,
            Layer::Borders => &level.borders,
        }
    }

    /// The land's outlines: the coasts and the Caspian Sea's shore (lakes
    /// are not cut out), each point `[lon, lat]` in degrees.
    pub fn coast(&self, d: Detail) -> impl Iterator<Item = &[[f32; 2]]> {
        self.set(d, Layer::Coast).iter()
    }

    /// The borders between countries, each once.
    pub fn borders(&self, d: Detail) -> impl Iterator<Item = &[[f32; 2]]> {
        self.set(d, Layer::Borders).iter()
    }

    /// The polylines of one layer.
    pub fn lines(&self, d: Detail, layer: Layer) -> impl Iterator<Item = &[[f32; 2]]> {
        self.set(d, layer).iter()
    }

    /// The polylines of one layer whose bounding box meets `lon_lat_box`
    /// (`[west, south, east, north]`, degrees, west ≤ east): what a frame
    /// showing that box needs, without testing every point. The box is not
    /// wrapped: a view across the antimeridian asks once for each copy of
    /// the world it shows, with the box shifted by 360°.
    pub fn lines_in(
        &self,
        d: Detail,
        layer: Layer,
        lon_lat_box: [f32; 4],
    ) -> impl Iterator<Item = &[[f32; 2]]> {
        let [west, south, east, north] = lon_lat_box;
        let lines = self.set(d, layer);
        lines
            .boxes
            .iter()
            .zip(lines.iter())
            .filter(move |(b, _)| b[0] <= east && west <= b[2] && b[1] <= north && south <= b[3])
            .map(|(_, line)| line)
    }

    /// The countries' labels, sorted by rank: the first shown first.
    #[must_use]
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The data's credit as the asset states it (with world-atlas's
    /// version); [`ATTRIBUTION`] is its constant part.
    #[must_use]
    pub fn attribution(&self) -> &str {
        &self.attribution
    }
}

/// Why the asset's bytes are not a basemap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BasemapError {
    /// The bytes end before the data does.
    Truncated { at: usize },
    /// Not a basemap at all.
    BadMagic,
    /// A basemap of a format this code does not read.
    UnsupportedVersion(u8),
    /// Bytes that do not make sense at `at`.
    Malformed { at: usize, what: &'static str },
}

impl fmt::Display for BasemapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Truncated { at } => write!(f, "basemap truncated at byte {at}"),
            Self::BadMagic => f.write_str("not a basemap (bad magic)"),
            Self::UnsupportedVersion(v) => write!(f, "basemap format version {v} not supported"),
            Self::Malformed { at, what } => write!(f, "basemap malformed at byte {at}: {what}"),
        }
    }
}

impl std::error::Error for BasemapError {}

/// Reads the asset's bytes in order, never past their end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    fn malformed(&self, what: &'static str) -> BasemapError {
        BasemapError::Malformed { at: self.at, what }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], BasemapError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(BasemapError::Truncated { at: self.at })?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(BasemapError::Truncated { at: self.at })?;
        self.at = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, BasemapError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or(BasemapError::Truncated { at: self.at })?;
        self.at += 1;
        Ok(b)
    }

    /// An unsigned LEB128 integer.
    fn varint(&mut self) -> Result<u64, BasemapError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.malformed("varint too long"))
    }

    /// A signed integer, zigzag-encoded.
    fn zigzag(&mut self) -> Result<i64, BasemapError> {
        let v = self.varint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    /// A count of items of at least `min_bytes` each, checked against the
    /// bytes left so that a corrupt count cannot ask for a huge vector.
    fn count(&mut self, min_bytes: usize) -> Result<usize, BasemapError> {
        let at = self.at;
        let n = usize::try_from(self.varint()?).map_err(|_| self.malformed("count too large"))?;
        if n.saturating_mul(min_bytes) > self.remaining() {
            return Err(BasemapError::Truncated { at });
        }
        Ok(n)
    }

    fn text(&mut self) -> Result<String, BasemapError> {
        let n = self.count(1)?;
        let at = self.at;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| BasemapError::Malformed {
            at,
            what: "text is not UTF-8",
        })
    }

    /// A coordinate pair in stored units, checked to be on the globe.
    fn point(&self, x: i64, y: i64) -> Result<[f32; 2], BasemapError> {
        if x.abs() > MAX_LON || y.abs() > MAX_LAT {
            return Err(self.malformed("coordinate off the globe"));
        }
        Ok([
            (x as f64 / UNITS_PER_DEGREE) as f32,
            (y as f64 / UNITS_PER_DEGREE) as f32,
        ])
    }

    fn lines(&mut self) -> Result<Lines, BasemapError> {
        // A polyline is at least a count and two points of two bytes each.
        let n = self.count(5)?;
        let mut lines = Lines {
            points: Vec::new(),
            starts: Vec::with_capacity(n + 1),
            boxes: Vec::with_capacity(n),
        };
        lines.starts.push(0);
        let (mut x, mut y) = (0i64, 0i64);
        for _ in 0..n {
            let len = self.count(2)?;
            if len < 2 {
                return Err(self.malformed("polyline of fewer than two points"));
            }
            let mut bbox = [
                f32::INFINITY,
                f32::INFINITY,
                f32::NEG_INFINITY,
                f32::NEG_INFINITY,
            ];
            lines.points.reserve(len);
            for _ in 0..len {
                let (dx, dy) = (self.zigzag()?, self.zigzag()?);
                x = x
                    .checked_add(dx)
                    .ok_or_else(|| self.malformed("coordinate overflow"))?;
                y = y
                    .checked_add(dy)
                    .ok_or_else(|| self.malformed("coordinate overflow"))?;
                let p = self.point(x, y)?;
                bbox = [
                    bbox[0].min(p[0]),
                    bbox[1].min(p[1]),
                    bbox[2].max(p[0]),
                    bbox[3].max(p[1]),
                ];
                lines.points.push(p);
            }
            lines.starts.push(lines.points.len());
            lines.boxes.push(bbox);
        }
        Ok(lines)
    }

    fn level(&mut self) -> Result<Level, BasemapError> {
        Ok(Level {
            coast: self.lines()?,
            borders: self.lines()?,
        })
    }

    fn label(&mut self) -> Result<Label, BasemapError> {
        let name = self.text()?;
        let (x, y) = (self.zigzag()?, self.zigzag()?);
        let [lon, lat] = self.point(x, y)?;
        let rank = self.byte()?;
        Ok(Label {
            name,
            lon,
            lat,
            rank,
        })
    }
}

/// Decodes an asset written by `tools/basemap.py`; any inconsistency,
/// including bytes missing at the end or left over, is an error.
pub(crate) fn decode(bytes: &[u8]) -> Result<Basemap, BasemapError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(BasemapError::BadMagic);
    }
    let version = r.byte()?;
    if version != VERSION {
        return Err(BasemapError::UnsupportedVersion(version));
    }
    let attribution = r.text()?;
    if r.byte()? != 2 {
        return Err(r.malformed("expected two levels of detail"));
    }
    let coarse = r.level()?;
    let fine = r.level()?;
    // A label is at least a name's length, two coordinates and a rank.
    let n = r.count(4)?;
    let mut labels = Vec::with_capacity(n);
    for _ in 0..n {
        labels.push(r.label()?);
    }
    if r.remaining() > 0 {
        return Err(r.malformed("bytes after the end"));
    }
    Ok(Basemap {
        attribution,
        coarse,
        fine,
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: [Detail; 2] = [Detail::Coarse, Detail::Fine];

    fn map() -> Basemap {
        decode(ASSET).expect("the bundled asset decodes")
    }

    fn label<'a>(m: &'a Basemap, name: &str) -> &'a Label {
        m.labels()
            .iter()
            .find(|l| l.name == name)
            .unwrap_or_else(|| panic!("no label {name}"))
    }

    #[test]
    fn the_asset_decodes_and_is_shared() {
        let m = map();
        assert!(
            m.attribution().starts_with(ATTRIBUTION),
            "{}",
            m.attribution()
        );
        assert!(std::ptr::eq(basemap(), basemap()));
        assert_eq!(basemap().labels().len(), m.labels().len());
        assert!(
            ASSET.len() < 1_500_000,
            "the asset is {} bytes",
            ASSET.len()
        );
    }

    #[test]
    fn both_levels_have_plausible_counts() {
        let m = map();
        for d in BOTH {
            assert!(m.coast(d).count() > 100, "{d:?}");
            assert!(m.borders(d).count() > 200, "{d:?}");
        }
        let points = |d| m.coast(d).map(<[_]>::len).sum::<usize>();
        assert!(points(Detail::Fine) > 5 * points(Detail::Coarse));
        assert!(m.labels().len() >= 150, "{} labels", m.labels().len());
        assert_eq!(
            m.lines(Detail::Fine, Layer::Coast).count(),
            m.coast(Detail::Fine).count()
        );
    }

    #[test]
    fn every_point_is_on_the_globe_and_no_segment_jumps() {
        let m = map();
        for d in BOTH {
            for line in m.coast(d).chain(m.borders(d)) {
                assert!(line.len() >= 2);
                for p in line {
                    assert!((-180.0..=180.0).contains(&p[0]), "{p:?}");
                    assert!((-90.0..=90.0).contains(&p[1]), "{p:?}");
                }
                for w in line.windows(2) {
                    let dlon = (w[1][0] - w[0][0]).abs();
                    assert!(dlon <= 180.0, "{d:?} {w:?}");
                    // Stricter: nothing in the data is anywhere near a jump
                    // (the longest segment is about 9°, in Antarctica).
                    assert!(dlon < 20.0, "{d:?} {w:?}");
                }
            }
        }
        for l in m.labels() {
            assert!((-180.0..=180.0).contains(&l.lon), "{l:?}");
            assert!((-85.06..=85.06).contains(&l.lat), "{l:?}");
        }
    }

    #[test]
    fn known_labels_are_in_place() {
        let m = map();
        let inside = |name: &str, west: f32, south: f32, east: f32, north: f32| {
            let l = label(&m, name);
            assert!(
                (west..=east).contains(&l.lon) && (south..=north).contains(&l.lat),
                "{l:?}"
            );
        };
        inside("France", -5.0, 41.0, 10.0, 52.0);
        inside("Brazil", -74.0, -34.0, -34.0, 5.0);
        inside("Japan", 129.0, 30.0, 146.0, 46.0);
        inside("Russia", 27.0, 41.0, 180.0, 82.0);
        inside("United States of America", -125.0, 24.0, -66.0, 50.0);
        inside("Australia", 113.0, -39.0, 154.0, -10.0);
        inside("Italy", 6.0, 36.0, 19.0, 47.5);
        // Larger countries show earlier.
        let zoom = |name: &str| label(&m, name).min_zoom();
        assert!(zoom("Russia") < zoom("France"));
        assert!(zoom("France") < zoom("Luxembourg"));
        assert!(zoom("Russia") <= 0.5);
        assert!((1.5..=3.5).contains(&zoom("France")), "{}", zoom("France"));
    }

    #[test]
    fn labels_are_sorted_by_rank_and_unique() {
        let m = map();
        assert!(m.labels().windows(2).all(|w| w[0].rank <= w[1].rank));
        let mut names: Vec<&str> = m.labels().iter().map(|l| l.name.as_str()).collect();
        names.sort_unstable();
        let all = names.len();
        names.dedup();
        assert_eq!(names.len(), all);
        assert!(m.labels().iter().all(|l| !l.name.is_empty()));
    }

    #[test]
    fn detail_follows_the_zoom() {
        assert_eq!(Basemap::detail_for_zoom(0.0), Detail::Coarse);
        assert_eq!(Basemap::detail_for_zoom(3.4), Detail::Coarse);
        assert_eq!(Basemap::detail_for_zoom(FINE_FROM_ZOOM), Detail::Fine);
        assert_eq!(Basemap::detail_for_zoom(6.0), Detail::Fine);
        assert_eq!(Basemap::detail_for_zoom(f64::NAN), Detail::Coarse);
    }

    #[test]
    fn lines_in_a_box_are_those_whose_box_meets_it() {
        let m = map();
        let france = [-5.0, 41.0, 10.0, 52.0];
        for d in BOTH {
            for layer in [Layer::Coast, Layer::Borders] {
                let all = m.lines(d, layer).count();
                let seen: Vec<_> = m.lines_in(d, layer, france).collect();
                assert!(!seen.is_empty() && seen.len() < all / 4, "{d:?} {layer:?}");
                // Every line with a point in the box is among them.
                let with_point = m
                    .lines(d, layer)
                    .filter(|l| {
                        l.iter().any(|p| {
                            (france[0]..=france[2]).contains(&p[0])
                                && (france[1]..=france[3]).contains(&p[1])
                        })
                    })
                    .count();
                assert!(
                    with_point > 0 && with_point <= seen.len(),
                    "{d:?} {layer:?}"
                );
            }
        }
        assert_eq!(
            m.lines_in(Detail::Fine, Layer::Coast, [200.0, 0.0, 210.0, 10.0])
                .count(),
            0
        );
    }

    #[test]
    fn a_truncated_asset_is_an_error() {
        let step = ASSET.len() / 97;
        let cuts = (0..ASSET.len()).step_by(step.max(1)).chain([
            1,
            4,
            5,
            6,
            ASSET.len() - 2,
            ASSET.len() - 1,
        ]);
        for cut in cuts {
            assert!(decode(&ASSET[..cut]).is_err(), "cut at {cut}");
        }
        assert!(matches!(
            decode(&ASSET[..ASSET.len() / 2]),
            Err(BasemapError::Truncated { .. })
        ));
    }

    #[test]
    fn other_bytes_are_errors() {
        assert_eq!(decode(b"").err(), Some(BasemapError::Truncated { at: 0 }));
        assert_eq!(decode(b"PNG\x0d\x0a").err(), Some(BasemapError::BadMagic));
        let mut other = ASSET.to_vec();
        other[4] = 9;
        assert_eq!(
            decode(&other).err(),
            Some(BasemapError::UnsupportedVersion(9))
        );
        let mut longer = ASSET.to_vec();
        longer.push(0);
        assert!(matches!(
            decode(&longer),
            Err(BasemapError::Malformed { .. })
        ));
        // A huge count does not allocate: it is checked against the bytes.
        let mut huge = b"CHBM\x01\x00\x02".to_vec();
        huge.extend([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
        assert!(decode(&huge).is_err());
        assert!(!BasemapError::BadMagic.to_string().is_empty());
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]

            /// Corrupt bytes anywhere give a map or an error, never a panic.
            #[test]
            fn corrupt_assets_do_not_panic(
                at in 0..ASSET.len(),
                byte in any::<u8>(),
                cut in 0..ASSET.len(),
            ) {
                let mut bytes = ASSET.to_vec();
                bytes[at] = byte;
                let _ = decode(&bytes);
                bytes.truncate(cut.max(at));
                let _ = decode(&bytes);
            }
        }
    }
}
