//! The map's geometry, apart from any window: where a latitude and
//! longitude go on screen at a zoom (`projection.rs`), and the basemap the
//! app draws under the events (`basemap.rs`), bundled so that the map never
//! asks the network for anything.

pub mod basemap;
pub mod projection;

pub use basemap::{ATTRIBUTION, Basemap, Detail, Label, Layer, basemap};
pub use projection::{LonLat, MapView, Projection};
