//! A file or pasted text turned into a source: its text, and what is known
//! about it (title, publisher, author, publication date, address).
//!
//! An analyst adds sources as they find them: text copied from a page, a
//! Markdown note, a page saved from the browser. Plain text and Markdown
//! are kept exactly as written (a quote is found where the file has it);
//! a web page is reduced to its article's readable text, paragraph by
//! paragraph, without the site around it ([`html`]), and its metadata is
//! read from what the page says about itself ([`meta`]). Nothing here
//! draws or fetches: the app decides what to do with the [`Article`].

mod dom;
mod encoding;
mod html;
mod markdown;
mod meta;

use std::path::{Path, PathBuf};

use crate::model::{Date, Location};

/// The largest file read as a source: 64 MiB, far more than a book or a
/// saved page.
pub const MAX_ARTICLE_BYTES: u64 = crate::formats::files::MAX_SOURCE_TEXT_BYTES;

/// Longest title taken from the first line of a text, in characters.
const MAX_TITLE_CHARS: usize = 120;

/// What a user adds as a source: its text and what is known about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    /// The publication date as written in the page, read as a model Date at
    /// the precision given (day, or minute with offset when the page gives
    /// a time), e.g. from "2024-10-16T09:12:00+09:00".
    pub published: Option<Date>,
    pub url: Option<String>,
    /// The readable text: paragraphs separated by a blank line.
    pub text: String,
}

/// Why a file could not be read as a source.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file could not be read: missing, not allowed, not a regular file
    /// (a folder, device or pipe: [`std::io::ErrorKind::InvalidInput`]) or
    /// larger than [`MAX_ARTICLE_BYTES`] ([`std::io::ErrorKind::FileTooLarge`]).
    #[error("{}: cannot read the file: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not UTF-8 text (nor a web page declaring the West
    /// European encoding): where its bytes stop being text.
    #[error(
        "{}:{location}: not UTF-8 text: a source is read from a text, Markdown or HTML file saved as UTF-8",
        path.display()
    )]
    NotText { path: PathBuf, location: Location },
}

impl ArticleError {
    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Unreadable { path, .. } | Self::NotText { path, .. } => path,
        }
    }
}

/// A plain text (a `.txt` file, pasted text): the text kept exactly as
/// written; the title its first line with a letter or digit, trimmed and
/// cut at a word to at most 120 characters.
#[must_use]
pub fn from_text(text: &str) -> Article {
    Article {
        title: first_line_title(text),
        text: text.to_owned(),
        ..Article::default()
    }
}

/// A Markdown text: kept exactly as written; the title from the first
/// `# ` heading (or the front matter's `title:`), else the first line.
#[must_use]
pub fn from_markdown(text: &str) -> Article {
    markdown::from_markdown(text)
}

/// A web page saved from a browser: its article's readable text and the
/// page's metadata (see [`html`] and [`meta`]).
#[must_use]
pub fn from_html(html: &str) -> Article {
    html::from_html(html)
}

/// How a file is read, from its name (and, for other names, its start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
}

impl Kind {
    fn of(path: &Path, text: &str) -> Self {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("txt" | "text") => Self::Text,
            Some("md" | "markdown") => Self::Markdown,
            Some("html" | "htm" | "xhtml") => Self::Html,
            _ if looks_like_html(text) => Self::Html,
            _ => Self::Text,
        }
    }
}

/// Whether `text` starts as a web page does (a page saved under another
/// name: `.php`, `.aspx`, no extension).
fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let start = start.get(..14).unwrap_or(start).to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// Reads the file at `path` as a source, by its extension: `.txt`/`.text`
/// as text, `.md`/`.markdown` as Markdown, `.html`/`.htm`/`.xhtml` as a web
/// page; any other file as a web page when it starts as one, else as text.
/// The file must be a regular file of at most [`MAX_ARTICLE_BYTES`], in
/// UTF-8 (a byte order mark is dropped); a web page declaring the West
/// European encoding (`windows-1252`, `iso-8859-1`) is read in it.
pub fn read_file(path: &Path) -> Result<Article, ArticleError> {
    let bytes = crate::formats::files::read_regular(path, MAX_ARTICLE_BYTES).map_err(|source| {
        ArticleError::Unreadable {
            path: path.to_path_buf(),
            source,
        }
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let declared = encoding::declared_windows_1252(bytes)
                .filter(|text| Kind::of(path, text) == Kind::Html);
            if let Some(text) = declared {
                text
            } else {
                let offset = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&bytes[..offset]);
                return Err(ArticleError::NotText {
                    path: path.to_path_buf(),
                    location: Location::of_offset(&valid, offset),
                });
            }
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(match Kind::of(path, text) {
        Kind::Text => from_text(text),
        Kind::Markdown => from_markdown(text),
        Kind::Html => from_html(text),
    })
}

/// The first line of `text` with a letter or digit, white space collapsed,
/// cut at a word to at most [`MAX_TITLE_CHARS`] characters.
fn first_line_title(text: &str) -> Option<String> {
    let line = text
        .lines()
        .find(|l| l.chars().any(char::is_alphanumeric))?;
    let line = meta::clean(line)?;
    Some(crate::passage::cut_at_word(&line, MAX_TITLE_CHARS))
}

#[cfg(test)]
mod tests;
