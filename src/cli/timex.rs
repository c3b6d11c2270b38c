//! The temporal tagger's commands: `timex` (TimeML documents tagged),
//! `score` (TempEval-3 measures against gold documents) and `extract`
//! (an article's dated sentences as draft events in a native file).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::article::{self, ArticleError};
use crate::formats::{self, native::write::SaveError};
use crate::model::{Date, DocumentBuilder, Event, Evidence, Source};
use crate::timex::{self, Options, score, timeml};

/// Why a tagger command failed, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum TimexCommandError {
    #[error("{}: cannot read it: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write it: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    TimeML {
        path: PathBuf,
        source: timeml::TimemlError,
    },
    #[error(
        "{}: it is one of the input files; choose another output folder (nothing was written over it)",
        path.display()
    )]
    SameFile { path: PathBuf },
    #[error("{}: the file has no name", path.display())]
    NoName { path: PathBuf },
    #[error(transparent)]
    Score(#[from] score::ScoreError),
    #[error(transparent)]
    Article(#[from] ArticleError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

fn report(result: Result<(), TimexCommandError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chronoscope: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `chronoscope timex INPUT_FILES... -o OUT_DIR`.
pub fn timex_command(inputs: &[PathBuf], out_dir: &Path) -> ExitCode {
    report(tag_files(inputs, out_dir))
}

fn tag_files(inputs: &[PathBuf], out_dir: &Path) -> Result<(), TimexCommandError> {
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(TimexCommandError::Write {
            path: out_dir.to_path_buf(),
            source: std::io::Error::other(
                "it is not a folder: -o names the folder the tagged documents go to",
            ),
        });
    }
    std::fs::create_dir_all(out_dir).map_err(|source| TimexCommandError::Write {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut total = 0;
    for input in inputs {
        let name = input.file_name().ok_or_else(|| TimexCommandError::NoName {
            path: input.clone(),
        })?;
        let output = out_dir.join(name);
        if inputs.iter().any(|i| formats::files::same_file(i, &output)) {
            return Err(TimexCommandError::SameFile { path: output });
        }
        let xml = std::fs::read_to_string(input).map_err(|source| TimexCommandError::Read {
            path: input.clone(),
            source,
        })?;
        let (tagged, found) =
            timeml::annotate(&xml).map_err(|source| TimexCommandError::TimeML {
                path: input.clone(),
                source,
            })?;
        std::fs::write(&output, tagged).map_err(|source| TimexCommandError::Write {
            path: output.clone(),
            source,
        })?;
        total += found.len();
    }
    println!(
        "{}: {} documents, {total} temporal expressions",
        out_dir.display(),
        inputs.len()
    );
    Ok(())
}

/// `chronoscope score GOLD_DIR SYSTEM_DIR`.
pub fn score_command(gold: &Path, system: &Path) -> ExitCode {
    report(
        score::score_dirs(gold, system)
            .map(|r| print!("{}", r.render(20)))
            .map_err(Into::into),
    )
}

/// An id from a title: lower-case words joined by '-', at most 48 bytes.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_lowercase());
    }
    if out.is_empty() {
        "event".to_owned()
    } else {
        out
    }
}

/// `chronoscope extract ARTICLE [--published DATE] -o drafts.json`.
pub fn extract_command(input: &Path, published: Option<Date>, output: &Path) -> ExitCode {
    report(extract(input, published, output))
}

fn extract(input: &Path, published: Option<Date>, output: &Path) -> Result<(), TimexCommandError> {
    if formats::files::same_file(input, output) {
        return Err(TimexCommandError::SameFile {
            path: output.to_path_buf(),
        });
    }
    let article = article::read_file(input)?;
    let published = published.or(article.published.clone());
    let options = Options {
        published: published.clone(),
        ..Options::default()
    };
    let proposals = timex::propose(&article.text, &options);
    let title = article.title.clone().unwrap_or_else(|| {
        input.file_stem().map_or_else(
            || "Article".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        )
    });
    let source = Source {
        id: slug(&title),
        title: title.clone(),
        author: article.author.clone(),
        publisher: article.publisher.clone(),
        url: article.url.clone(),
        published,
        text: article.text.clone(),
        text_file: None,
    };
    let mut ids = HashSet::new();
    // The next number to try after each id base: many sentences of one
    // title cost one try each, not one per earlier sentence.
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Character offsets from marks made once, not counted from the start
    // of the text for each sentence.
    let offsets = crate::model::quote::CharOffsets::new(&article.text);
    let events: Vec<Event> = proposals
        .iter()
        .map(|p| {
            let base = slug(&p.title);
            let mut id = base.clone();
            let n = next.entry(base.clone()).or_insert(2);
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                *n += 1;
            }
            Event {
                id,
                title: p.title.clone(),
                start: p.start.clone(),
                end: p.end.clone(),
                category: None,
                tags: vec!["draft".to_owned()],
                summary: None,
                url: None,
                links: Vec::new(),
                evidence: vec![Evidence {
                    source: 0,
                    quote: article.text[p.sentence.clone()].to_owned(),
                    note: Some(format!(
                        "\"{}\": {}",
                        &article.text[p.timex.span.clone()],
                        p.timex.describe()
                    )),
                    location: Some(p.sentence.clone()),
                    at: Some(offsets.char_of(p.sentence.start)),
                }],
                place: None,
                attributes: crate::model::Attributes::default(),
            }
        })
        .collect();
    let count = events.len();
    let doc = DocumentBuilder {
        name: output
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        title: Some(format!("Drafts from {title}")),
        format: "Chronoscope JSON".to_owned(),
        sources: vec![source],
        events,
        ..DocumentBuilder::default()
    }
    .build();
    formats::native::write::save(&doc, output)?;
    println!("{}: {count} draft events", output.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("South Korea’s Ministry of Defense"),
            "south-korea-s-ministry-of-defense"
        );
        assert_eq!(slug("—"), "event");
    }
}
