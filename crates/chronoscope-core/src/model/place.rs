//! Where an event happened: a point on the globe, the name the source gives
//! it ("near Donetsk") and how precisely the source places it. Conflict
//! tables and investigations carry a place on every row; the map draws
//! them. A pair of coordinates is taken only when it can be a place: out
//! of range, swapped, or the `0, 0` that tools write for "unknown" is
//! refused with a reason the importer reports where it read it, never
//! drawn as a silent point in the ocean.

use std::fmt;

/// How precisely the source places an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlacePrecision {
    /// The spot itself.
    Exact,
    /// Somewhere in or near a town or village.
    Town,
    /// Somewhere in a province, district or region.
    Region,
    /// Somewhere in a country.
    Country,
}

impl PlacePrecision {
    /// The word used in files: `exact`, `town`, `region`, `country`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Town => "town",
            Self::Region => "region",
            Self::Country => "country",
        }
    }

    /// The precision a word names (any case), as written by
    /// [`PlacePrecision::as_str`].
    #[must_use]
    pub fn parse(word: &str) -> Option<Self> {
        Some(match word.trim().to_ascii_lowercase().as_str() {
            "exact" => Self::Exact,
            "town" => Self::Town,
            "region" => Self::Region,
            "country" => Self::Country,
            _ => return None,
        })
    }

    /// UCDP's `where_prec` code: 1 the exact location, 2 within 25 km, 3 a
    /// second-order administrative division, 4 a first-order one, 5 a
    /// linear feature or an area between places, 6 the country, 7
    /// international waters or airspace.
    #[must_use]
    pub fn from_ucdp(code: u8) -> Option<Self> {
        Some(match code {
            1 => Self::Exact,
            2 => Self::Town,
            3..=5 => Self::Region,
            6 | 7 => Self::Country,
            _ => return None,
        })
    }
}

impl fmt::Display for PlacePrecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An event's place: WGS 84 latitude and longitude in degrees.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub lat: f64,
    pub lon: f64,
    /// The name the source gives ("Chuhuiv", "near Donetsk").
    pub name: Option<String>,
    pub precision: Option<PlacePrecision>,
}

/// Why a pair of coordinates is not taken as a place.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PlaceProblem {
    #[error("{field} {text:?} is not a number of degrees")]
    NotANumber { field: &'static str, text: String },
    #[error("latitude {lat} is outside -90 to 90 and longitude {lon} is not: the two look swapped")]
    Swapped { lat: f64, lon: f64 },
    #[error("latitude {0} is outside -90 to 90")]
    Latitude(f64),
    #[error("longitude {0} is outside -180 to 180")]
    Longitude(f64),
    #[error(
        "0, 0 is the placeholder tools write for an unknown place (a point in the Gulf of Guinea)"
    )]
    NullIsland,
    #[error("{0:?} is not a point: expected POINT(longitude latitude)")]
    NotAPoint(String),
}

impl Place {
    /// The place at `lat`, `lon` (degrees), unless they cannot be one.
    pub fn checked(lat: f64, lon: f64) -> Result<Self, PlaceProblem> {
        if !lat.is_finite() {
            return Err(PlaceProblem::Latitude(lat));
        }
        if !lon.is_finite() {
            return Err(PlaceProblem::Longitude(lon));
        }
        if lat.abs() > 90.0 {
            return Err(if lon.abs() <= 90.0 && lat.abs() <= 180.0 {
                PlaceProblem::Swapped { lat, lon }
            } else {
                PlaceProblem::Latitude(lat)
            });
        }
        if lon.abs() > 180.0 {
            return Err(PlaceProblem::Longitude(lon));
        }
        if lat == 0.0 && lon == 0.0 {
            return Err(PlaceProblem::NullIsland);
        }
        Ok(Self {
            lat,
            lon,
            name: None,
            precision: None,
        })
    }

    /// The place written as two texts in decimal degrees ("49.85",
    /// "-36.65"; a trailing N/S/E/W is read too: "49.85N", "36.65 E").
    pub fn parse(lat: &str, lon: &str) -> Result<Self, PlaceProblem> {
        let lat = degrees(lat, "latitude", ('N', 'S'))?;
        let lon = degrees(lon, "longitude", ('E', 'W'))?;
        Self::checked(lat, lon)
    }

    /// The place of a WKT point, `POINT(longitude latitude)` (as UCDP's
    /// `geom_wkt` writes it; any case, spaces anywhere, `POINT Z` with a
    /// height ignored).
    pub fn parse_wkt(text: &str) -> Result<Self, PlaceProblem> {
        let not_a_point = || PlaceProblem::NotAPoint(text.chars().take(80).collect());
        let t = text.trim();
        let head = t.get(..5).ok_or_else(not_a_point)?;
        if !head.eq_ignore_ascii_case("point") {
            return Err(not_a_point());
        }
        let rest = t[5..].trim_start();
        let rest = rest.strip_prefix(['Z', 'z']).map_or(rest, str::trim_start);
        let inner = rest
            .strip_prefix('(')
            .and_then(|r| r.trim_end().strip_suffix(')'))
            .ok_or_else(not_a_point)?;
        let mut parts = inner.split_whitespace();
        let (Some(x), Some(y)) = (parts.next(), parts.next()) else {
            return Err(not_a_point());
        };
        if parts.nth(1).is_some() {
            return Err(not_a_point());
        }
        Self::parse(y, x)
    }

    /// This place with a name.
    #[must_use]
    pub fn named(mut self, name: Option<String>) -> Self {
        self.name = name.filter(|n| !n.trim().is_empty());
        self
    }

    /// "49.8500° N, 36.6500° E" with the name and precision when known.
    #[must_use]
    pub fn describe(&self) -> String {
        let ns = if self.lat < 0.0 { 'S' } else { 'N' };
        let ew = if self.lon < 0.0 { 'W' } else { 'E' };
        let at = format!("{:.4}° {ns}, {:.4}° {ew}", self.lat.abs(), self.lon.abs());
        match (&self.name, self.precision) {
            (Some(n), Some(p)) => format!("{n} ({at}, {p})"),
            (Some(n), None) => format!("{n} ({at})"),
            (None, Some(p)) => format!("{at}, {p}"),
            (None, None) => at,
        }
    }
}

/// Degrees from text: a decimal number, perhaps with a hemisphere letter
/// after it (S and W make it negative) and a degree sign.
fn degrees(
    text: &str,
    field: &'static str,
    (plus, minus): (char, char),
) -> Result<f64, PlaceProblem> {
    let not_a_number = || PlaceProblem::NotANumber {
        field,
        text: text.chars().take(40).collect(),
    };
    let t = text.trim();
    let (number, sign) = match t.chars().last() {
        Some(c) if c.eq_ignore_ascii_case(&plus) => (&t[..t.len() - 1], 1.0),
        Some(c) if c.eq_ignore_ascii_case(&minus) => (&t[..t.len() - 1], -1.0),
        _ => (t, 1.0),
    };
    let number = number.trim().trim_end_matches('°').trim();
    // Numbers only: "nan", "inf" and "1e400" are not coordinates.
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
    {
        return Err(not_a_number());
    }
    let value: f64 = number.parse().map_err(|_| not_a_number())?;
    Ok(sign * value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_read_in_their_spellings() {
        let p = Place::parse("49.85", "36.65").unwrap();
        assert_eq!((p.lat, p.lon), (49.85, 36.65));
        let p = Place::parse(" 33.5 S", "70.6W").unwrap();
        assert_eq!((p.lat, p.lon), (-33.5, -70.6));
        let p = Place::parse("-12.5°", "+130").unwrap();
        assert_eq!((p.lat, p.lon), (-12.5, 130.0));
        assert!(matches!(
            Place::parse("north", "36"),
            Err(PlaceProblem::NotANumber {
                field: "latitude",
                ..
            })
        ));
        assert!(Place::parse("nan", "1").is_err());
        assert!(Place::parse("", "1").is_err());
    }

    #[test]
    fn impossible_places_are_refused_with_a_reason() {
        assert_eq!(
            Place::checked(120.5, 33.1),
            Err(PlaceProblem::Swapped {
                lat: 120.5,
                lon: 33.1
            })
        );
        assert_eq!(
            Place::checked(95.0, 120.0),
            Err(PlaceProblem::Latitude(95.0))
        );
        assert_eq!(
            Place::checked(190.0, 100.0),
            Err(PlaceProblem::Latitude(190.0))
        );
        assert_eq!(
            Place::checked(10.0, 200.0),
            Err(PlaceProblem::Longitude(200.0))
        );
        assert_eq!(Place::checked(0.0, 0.0), Err(PlaceProblem::NullIsland));
        assert!(Place::checked(0.0, 10.0).is_ok());
        assert!(Place::checked(90.0, -180.0).is_ok());
        assert_eq!(
            Place::checked(120.5, 33.1).unwrap_err().to_string(),
            "latitude 120.5 is outside -90 to 90 and longitude 33.1 is not: the two look swapped"
        );
    }

    #[test]
    fn wkt_points() {
        let p = Place::parse_wkt("POINT (36.65 49.85)").unwrap();
        assert_eq!((p.lat, p.lon), (49.85, 36.65));
        let p = Place::parse_wkt("point z(1.5 2.5 300)").unwrap();
        assert_eq!((p.lat, p.lon), (2.5, 1.5));
        for bad in [
            "LINESTRING(1 2, 3 4)",
            "POINT(1)",
            "POINT 1 2",
            "POINT(1 2 3 4)",
            "",
            "POIN",
        ] {
            assert!(Place::parse_wkt(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn precisions() {
        assert_eq!(PlacePrecision::parse("Town"), Some(PlacePrecision::Town));
        assert_eq!(PlacePrecision::parse("street"), None);
        assert_eq!(PlacePrecision::from_ucdp(1), Some(PlacePrecision::Exact));
        assert_eq!(PlacePrecision::from_ucdp(6), Some(PlacePrecision::Country));
        assert_eq!(PlacePrecision::from_ucdp(9), None);
        for p in [
            PlacePrecision::Exact,
            PlacePrecision::Town,
            PlacePrecision::Region,
            PlacePrecision::Country,
        ] {
            assert_eq!(PlacePrecision::parse(p.as_str()), Some(p));
        }
    }

    #[test]
    fn description() {
        let p = Place::parse("49.85", "-36.65")
            .unwrap()
            .named(Some("Chuhuiv".into()));
        assert_eq!(p.describe(), "Chuhuiv (49.8500° N, 36.6500° W)");
    }
}
