//! Fuzz target: see chronoscope_core::fuzzing::geojson.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chronoscope_core::fuzzing::geojson(data));
