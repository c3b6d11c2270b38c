//! Chronoscope: a desktop timeline for chronologies built from sources.
//!
//! This crate is the window and the command line. What they show and write
//! (model, importers, time axis, layout, search, facets, drawings) is the
//! egui-free `chronoscope-core` crate, re-exported here under the same module
//! names. See ARCHITECTURE.md for the map.

pub mod app;
pub mod cli;

pub use chronoscope_core::{
    article, calendar, citation, crowds, example, facets, formats, generate, layout, map_svg,
    model, passage, places, png, search, svg, ticks, time_axis, timex, work,
};
