//! Replays the fuzz corpora in `fuzz/corpus/<target>/` through the same
//! checks the fuzz targets run (`chronoscope_core::fuzzing`), without a
//! fuzzer: every input the fuzzer kept, and every crash it found (kept
//! there once fixed), must load or fail cleanly and survive the round trips.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chronoscope_core::fuzzing::TARGETS;

#[test]
fn every_fuzz_corpus_input_is_handled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut replayed = 0;
    for (name, target) in TARGETS {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            panic!("{}: no corpus for the fuzz target {name}", dir.display());
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        assert!(!files.is_empty(), "{}: an empty corpus", dir.display());
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} fails", file.display());
            replayed += 1;
        }
    }
    assert!(replayed >= TARGETS.len());
}
