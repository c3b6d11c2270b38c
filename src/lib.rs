//! Chronoscope: a desktop timeline for chronologies built from sources.
//!
//! The library holds everything but `main`: the model and loaders (no egui),
//! the pure time-axis, ruler and layout math, the egui application, and the
//! command line. See ARCHITECTURE.md for the map.

pub mod app;
pub mod calendar;
pub mod citation;
pub mod cli;
pub mod example;
pub mod facets;
pub mod formats;
pub mod generate;
pub mod layout;
pub mod model;
pub mod png;
pub mod search;
pub mod svg;
pub mod ticks;
pub mod time_axis;
pub mod work;
