//! Temporal tagger benchmark: `cargo bench --bench timex`.
//!
//! Megabytes of text per second through `timex::tag` on one core: the
//! plain text of the TempEval-3 TimeML corpus (`../shared/data/timeml/`,
//! or the folder `CHRONOSCOPE_TIMEML` names) when it is there, else a
//! generated news-like text of the same size. The text is tagged as one
//! document per corpus file, with its DCT as publication date, repeated
//! until at least 20 MB have been read. Results: BENCHMARKS.md.

// A benchmark that cannot set itself up should stop loudly.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use chronoscope::model::Date;
use chronoscope::timex::{self, Options, timeml};

/// The corpus's documents as (text, DCT), if the corpus is there.
fn corpus() -> Option<Vec<(String, Option<Date>)>> {
    let dir = std::env::var_os("CHRONOSCOPE_TIMEML").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/timeml"),
        PathBuf::from,
    );
    let mut files = Vec::new();
    for sub in std::fs::read_dir(&dir).ok()? {
        let sub = sub.ok()?.path();
        if sub.is_dir() {
            for f in std::fs::read_dir(&sub).ok()? {
                files.push(f.ok()?.path());
            }
        }
    }
    files.sort();
    let docs: Vec<_> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "tml"))
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .filter_map(|xml| {
            let (text, _) = timeml::annotations(&xml).ok()?;
            Some((text, timeml::dct(&xml)))
        })
        .collect();
    (!docs.is_empty()).then_some(docs)
}

/// A news-like text of about `bytes` bytes, deterministic.
fn generated(bytes: usize) -> Vec<(String, Option<Date>)> {
    let sentences = [
        "The ministry said on Wednesday that troops had crossed the border earlier this month.",
        "Officials met last week in Seoul, and talks will resume next Monday at 3 p.m.",
        "Exports fell 4.5% in the third quarter of 2024, compared with a year ago.",
        "The treaty, signed in June, includes a mutual defense clause that runs for 20 years.",
        "Prices have risen every month since the early 1990s, analysts told reporters.",
        "About 3,000 soldiers arrived on Oct. 3, 2024, two days after the summit.",
        "The company expects results for the fourth quarter by Jan. 14.",
        "Negotiators worked overnight and agreed to meet again tomorrow morning.",
    ];
    let mut text = String::new();
    let mut k = 0usize;
    while text.len() < bytes {
        text.push_str(sentences[k * 7 % sentences.len()]);
        text.push(if k % 5 == 4 { '\n' } else { ' ' });
        k += 1;
    }
    vec![(text, Date::parse("2024-10-16").ok())]
}

fn main() {
    let (name, docs) = match corpus() {
        Some(docs) => ("TimeML corpus (TimeBank + AQUAINT)", docs),
        None => ("generated news-like text", generated(1_500_000)),
    };
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let mut read = 0usize;
    let mut found = 0usize;
    let start = Instant::now();
    while read < 20_000_000 {
        for (text, published) in &docs {
            let options = Options {
                published: published.clone(),
                ..Options::default()
            };
            found += timex::tag(text, &options).len();
            read += text.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "timex::tag over the {name}: {:.2} MB ({} documents) read {} times, {:.1} MB/s on one core, {} expressions a pass",
        bytes as f64 / 1e6,
        docs.len(),
        read / bytes.max(1),
        read as f64 / 1e6 / seconds,
        found / (read / bytes.max(1)).max(1),
    );
}
