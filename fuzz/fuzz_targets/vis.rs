//! Fuzz target: see chronoscope_core::fuzzing::vis.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chronoscope_core::fuzzing::vis(data));
