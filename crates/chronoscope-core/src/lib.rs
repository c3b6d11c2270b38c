//! Chronoscope without a window: everything that reads, holds, arranges,
//! searches and draws chronologies, and nothing that touches the screen.
//!
//! A crate of its own so that the layering is the compiler's to enforce: it
//! does not depend on egui or eframe, so a UI import here does not build.
//! The app (`chronoscope`) re-exports these modules under the same names.
//! See ARCHITECTURE.md for the map.

pub mod article;
pub mod calendar;
pub mod citation;
pub mod crowds;
pub mod example;
pub mod facets;
pub mod formats;
pub mod fuzzing;
pub mod generate;
pub mod layout;
pub mod map_svg;
pub mod model;
pub mod passage;
pub mod places;
pub mod png;
pub mod search;
pub mod svg;
pub mod ticks;
pub mod time_axis;
pub mod timex;
pub mod work;
