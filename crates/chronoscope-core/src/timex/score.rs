//! Measuring the tagger against annotated TimeML documents with the
//! TempEval-3 Task A measures (UzZaman et al. 2013): precision, recall and
//! F1 of spans matched strictly (same extent) and relaxed (overlapping),
//! value and type accuracy over the relaxed matches, and value F1 and type
//! F1 as the relaxed F1 times those accuracies. Per corpus (the gold
//! folder's subfolders), per type, and the most frequent kinds of error,
//! so that the rules can be improved where it pays.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::timeml::{Annotation, TimemlError, annotations};

/// Why a folder could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    TimeML { path: PathBuf, source: TimemlError },
    #[error("{}: no system file of that name in {}", gold.display(), system.display())]
    Missing { gold: PathBuf, system: PathBuf },
    #[error("{}: no .tml files", path.display())]
    Empty { path: PathBuf },
    #[error("{}: its text differs from the gold file's", path.display())]
    TextDiffers { path: PathBuf },
}

/// Counts of one part of the evaluation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    /// Gold expressions overlapped by a system one.
    pub relaxed: usize,
    /// System expressions overlapping a gold one (differs from `relaxed`
    /// only in per-type counts).
    pub relaxed_system: usize,
    pub value_ok: usize,
    pub type_ok: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.relaxed_system += o.relaxed_system;
        self.value_ok += o.value_ok;
        self.type_ok += o.type_ok;
    }

    #[must_use]
    pub fn strict_p(&self) -> f64 {
        ratio(self.strict, self.system)
    }
    #[must_use]
    pub fn strict_r(&self) -> f64 {
        ratio(self.strict, self.gold)
    }
    #[must_use]
    pub fn strict_f1(&self) -> f64 {
        f1(self.strict_p(), self.strict_r())
    }
    #[must_use]
    pub fn relaxed_p(&self) -> f64 {
        ratio(self.relaxed_system, self.system)
    }
    #[must_use]
    pub fn relaxed_r(&self) -> f64 {
        ratio(self.relaxed, self.gold)
    }
    #[must_use]
    pub fn relaxed_f1(&self) -> f64 {
        f1(self.relaxed_p(), self.relaxed_r())
    }
    #[must_use]
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.relaxed)
    }
    #[must_use]
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_ok, self.relaxed)
    }
    #[must_use]
    pub fn value_f1(&self) -> f64 {
        self.relaxed_f1() * self.value_accuracy()
    }
    #[must_use]
    pub fn type_f1(&self) -> f64 {
        self.relaxed_f1() * self.type_accuracy()
    }
}

/// The evaluation of a system folder against a gold folder.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub documents: usize,
    pub all: Counts,
    pub corpora: BTreeMap<String, Counts>,
    /// By TIMEX3 type: gold counts by the gold type, system counts by the system's.
    pub types: BTreeMap<String, Counts>,
    /// Kinds of error and how often each occurred, most frequent first.
    pub errors: Vec<(String, usize)>,
}

/// A text for an error kind: lower case, numbers as `N`.
fn shape_text(text: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            if c.is_whitespace() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
    }
    out.trim().to_owned()
}

/// A value's form: digits as 9 ("1998-08-07" → "9999-99-99").
fn shape_value(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

fn kind_name(a: &Annotation) -> String {
    a.kind.map_or("?", super::Kind::as_str).to_owned()
}

/// Scores one document's system annotations against its gold ones.
#[must_use]
#[allow(clippy::many_single_char_names, clippy::implicit_hasher)]
pub fn score_document(
    text: &str,
    gold: &[Annotation],
    system: &[Annotation],
    types: &mut BTreeMap<String, Counts>,
    errors: &mut HashMap<String, usize>,
) -> Counts {
    let mut c = Counts {
        gold: gold.len(),
        system: system.len(),
        ..Counts::default()
    };
    for g in gold {
        types.entry(kind_name(g)).or_default().gold += 1;
    }
    for s in system {
        types.entry(kind_name(s)).or_default().system += 1;
    }
    let words = |a: &Annotation| shape_text(text.get(a.span.clone()).unwrap_or(""));
    let (mut i, mut j) = (0, 0);
    while i < gold.len() || j < system.len() {
        match (gold.get(i), system.get(j)) {
            (Some(g), Some(s)) if s.span.end <= g.span.start => {
                *errors
                    .entry(format!("spurious {} \"{}\"", kind_name(s), words(s)))
                    .or_default() += 1;
                j += 1;
            }
            (Some(g), Some(s)) if g.span.end <= s.span.start => {
                *errors
                    .entry(format!("missed {} \"{}\"", kind_name(g), words(g)))
                    .or_default() += 1;
                i += 1;
            }
            (Some(g), Some(s)) => {
                c.relaxed += 1;
                c.relaxed_system += 1;
                let t = types.entry(kind_name(g)).or_default();
                t.relaxed += 1;
                if g.span == s.span {
                    c.strict += 1;
                    t.strict += 1;
                }
                if g.value == s.value {
                    c.value_ok += 1;
                    t.value_ok += 1;
                } else {
                    let key = format!(
                        "value of {} \"{}\": gold {} system {}",
                        kind_name(g),
                        words(g),
                        shape_value(&g.value),
                        shape_value(&s.value)
                    );
                    *errors.entry(key).or_default() += 1;
                }
                if g.kind == s.kind {
                    c.type_ok += 1;
                    t.type_ok += 1;
                } else {
                    let key = format!(
                        "type of \"{}\": gold {} system {}",
                        words(g),
                        kind_name(g),
                        kind_name(s)
                    );
                    *errors.entry(key).or_default() += 1;
                }
                types.entry(kind_name(s)).or_default().relaxed_system += 1;
                i += 1;
                j += 1;
            }
            (Some(g), None) => {
                *errors
                    .entry(format!("missed {} \"{}\"", kind_name(g), words(g)))
                    .or_default() += 1;
                i += 1;
            }
            (None, Some(s)) => {
                *errors
                    .entry(format!("spurious {} \"{}\"", kind_name(s), words(s)))
                    .or_default() += 1;
                j += 1;
            }
            (None, None) => break,
        }
    }
    c
}

/// The .tml files under `dir`, sorted.
fn tml_files(dir: &Path) -> Result<Vec<PathBuf>, ScoreError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| ScoreError::Io {
            path: d.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| ScoreError::Io {
                path: d.clone(),
                source,
            })?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "tml") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn read(path: &Path) -> Result<String, ScoreError> {
    std::fs::read_to_string(path).map_err(|source| ScoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Scores every .tml file under `gold` against the file of the same name
/// under `system`; the corpus of a file is its first folder under `gold`.
pub fn score_dirs(gold: &Path, system: &Path) -> Result<Report, ScoreError> {
    let gold_files = tml_files(gold)?;
    if gold_files.is_empty() {
        return Err(ScoreError::Empty {
            path: gold.to_path_buf(),
        });
    }
    let system_files: HashMap<std::ffi::OsString, PathBuf> = tml_files(system)?
        .into_iter()
        .filter_map(|p| Some((p.file_name()?.to_owned(), p.clone())))
        .collect();
    let mut report = Report::default();
    let mut errors = HashMap::new();
    for g in &gold_files {
        let Some(s) = g.file_name().and_then(|n| system_files.get(n)) else {
            return Err(ScoreError::Missing {
                gold: g.clone(),
                system: system.to_path_buf(),
            });
        };
        let timeml = |path: &Path, xml: &str| {
            annotations(xml).map_err(|source| ScoreError::TimeML {
                path: path.to_path_buf(),
                source,
            })
        };
        let (gold_text, gold_timexes) = timeml(g, &read(g)?)?;
        let (system_text, system_timexes) = timeml(s, &read(s)?)?;
        if gold_text != system_text {
            return Err(ScoreError::TextDiffers { path: s.clone() });
        }
        let counts = score_document(
            &gold_text,
            &gold_timexes,
            &system_timexes,
            &mut report.types,
            &mut errors,
        );
        let corpus = g
            .strip_prefix(gold)
            .ok()
            .and_then(|rel| {
                let mut parts = rel.components();
                let first = parts.next()?;
                parts
                    .next()
                    .map(|_| first.as_os_str().to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "all".to_owned());
        report.corpora.entry(corpus).or_default().add(&counts);
        report.all.add(&counts);
        report.documents += 1;
    }
    let mut errors: Vec<(String, usize)> = errors.into_iter().collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    report.errors = errors;
    Ok(report)
}

fn row(out: &mut String, name: &str, c: &Counts) {
    let pct = |x: f64| format!("{:.2}", 100.0 * x);
    let _ = writeln!(
        out,
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        c.gold,
        c.system,
        pct(c.strict_p()),
        pct(c.strict_r()),
        pct(c.strict_f1()),
        pct(c.relaxed_p()),
        pct(c.relaxed_r()),
        pct(c.relaxed_f1()),
        pct(c.value_accuracy()),
        pct(c.value_f1()),
        pct(c.type_accuracy()),
        pct(c.type_f1()),
        c.strict,
    );
}

impl Report {
    /// The figures as Markdown tables, with the `top` most frequent errors.
    #[must_use]
    pub fn render(&self, top: usize) -> String {
        let header = "| | gold | system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | value acc. | value F1 | type acc. | type F1 | strict matches |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
        let mut out = format!("{} documents\n\nPer corpus:\n\n{header}", self.documents);
        for (name, c) in &self.corpora {
            row(&mut out, name, c);
        }
        row(&mut out, "all", &self.all);
        let _ = write!(
            out,
            "\nPer type (gold type for recall and accuracies, system type for precision):\n\n{header}"
        );
        for (name, c) in &self.types {
            row(&mut out, name, c);
        }
        let _ = writeln!(out, "\nThe {top} most frequent errors:\n");
        let _ = writeln!(out, "| count | error |\n|---:|---|");
        for (kind, n) in self.errors.iter().take(top) {
            let _ = writeln!(out, "| {n} | {} |", kind.replace('|', "\\|"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timex::Kind;

    fn a(span: std::ops::Range<usize>, kind: Kind, value: &str) -> Annotation {
        Annotation {
            span,
            kind: Some(kind),
            value: value.to_owned(),
        }
    }

    #[test]
    fn strict_relaxed_value_and_type() {
        let text = "On Friday and last week and in 1998 for three days.";
        let gold = [
            a(3..9, Kind::Date, "1998-08-07"),
            a(14..23, Kind::Date, "1998-W31"),
            a(31..35, Kind::Date, "1998"),
            a(40..50, Kind::Duration, "P3D"),
        ];
        let system = [
            a(3..9, Kind::Date, "1998-08-07"),
            a(19..23, Kind::Date, "1998-W32"),
            a(40..50, Kind::Date, "P3D"),
            a(0..2, Kind::Date, "X"),
        ];
        let mut system = system.to_vec();
        system.sort_by_key(|s| s.span.start);
        let mut types = BTreeMap::new();
        let mut errors = HashMap::new();
        let c = score_document(text, &gold, &system, &mut types, &mut errors);
        assert_eq!((c.gold, c.system, c.strict, c.relaxed), (4, 4, 2, 3));
        assert_eq!((c.value_ok, c.type_ok), (2, 2));
        assert!((c.relaxed_f1() - 0.75).abs() < 1e-9);
        assert!((c.value_f1() - 0.75 * 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(errors.get("missed DATE \"N\""), Some(&1));
        assert_eq!(
            errors.get("value of DATE \"last week\": gold 9999-W99 system 9999-W99"),
            Some(&1)
        );
        assert_eq!(types["DURATION"].gold, 1);
    }
}
