//! Markdown notes and articles: the text as written, the title from the
//! first top-level heading.
//!
//! Analysts keep sources as Markdown (copied from a reader app, written up
//! in a notes app); the text stays exactly as written, markup and all, so
//! that a quote found in it is found where the file has it. Its title is
//! the first level-1 heading (`# Title`, or `Title` underlined with `===`),
//! outside code blocks; a YAML front matter block (`---` … `---`), as notes
//! apps and static site generators write it, gives the title, author, date
//! and address when it has them.

use super::{Article, first_line_title, meta};

/// Reads a Markdown text (see the module documentation).
pub(super) fn from_markdown(text: &str) -> Article {
    let (front, body) = front_matter(text);
    let title = front.title.or_else(|| first_heading(body)).or_else(|| {
        body.lines()
            .map(|l| l.trim().trim_start_matches('#').trim_end_matches('#'))
            .find_map(first_line_title)
    });
    Article {
        title,
        publisher: front.publisher,
        author: front.author,
        published: front.date.as_deref().and_then(meta::published),
        url: front.url,
        text: text.to_owned(),
    }
}

/// What a front matter block says.
#[derive(Default)]
struct FrontMatter {
    title: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// The front matter of `text` and the text after it (all of `text` when it
/// has none).
fn front_matter(text: &str) -> (FrontMatter, &str) {
    let mut front = FrontMatter::default();
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next().filter(|l| l.trim_end() == "---") else {
        return (front, text);
    };
    let mut at = first.len();
    let mut fields = Vec::new();
    for line in lines {
        at += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            for (key, value) in fields {
                let slot = match key {
                    "title" => &mut front.title,
                    "author" | "authors" | "by" => &mut front.author,
                    "publisher" | "site" | "source_name" => &mut front.publisher,
                    "date" | "published" | "pubdate" | "created" => &mut front.date,
                    "url" | "source" | "link" | "canonical" => &mut front.url,
                    _ => continue,
                };
                if slot.is_none() {
                    *slot = meta::clean(value);
                }
            }
            return (front, text.get(at.min(text.len())..).unwrap_or(""));
        }
        if let Some((key, value)) = trimmed.split_once(':')
            && !key.starts_with([' ', '\t', '-'])
        {
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value);
            fields.push((key.trim(), value));
        }
    }
    // No closing line: not front matter.
    (FrontMatter::default(), text)
}

/// The first level-1 heading outside code blocks.
fn first_heading(text: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            previous = None;
            continue;
        }
        if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            fence = Some(&trimmed[..3]);
            previous = None;
            continue;
        }
        if indent <= 3 {
            if let Some(rest) = trimmed.strip_prefix('#')
                && (rest.starts_with([' ', '\t']) || rest.trim().is_empty())
            {
                let title = rest.trim().trim_end_matches('#');
                if let Some(t) = first_line_title(title) {
                    return Some(t);
                }
            }
            if !trimmed.is_empty()
                && trimmed.trim_end().chars().all(|c| c == '=')
                && let Some(t) = previous.and_then(first_line_title)
            {
                return Some(t);
            }
        }
        previous = (!trimmed.is_empty() && indent <= 3).then_some(trimmed);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn the_title_is_the_first_level_one_heading() {
        let text =
            "Intro line\n\n```\n# not a heading\n```\n## Second\n#  The *title*  ##\n\nBody.";
        let a = from_markdown(text);
        assert_eq!(a.title.as_deref(), Some("The *title*"));
        assert_eq!(a.text, text);
        let a = from_markdown("Underlined\n==========\n\nBody");
        assert_eq!(a.title.as_deref(), Some("Underlined"));
        let a = from_markdown("#hashtag is no heading\n\nBody");
        assert_eq!(a.title.as_deref(), Some("hashtag is no heading"));
        let a = from_markdown("\n\n## Only a subheading\n\ntext");
        assert_eq!(a.title.as_deref(), Some("Only a subheading"));
        assert_eq!(from_markdown("").title, None);
    }

    #[test]
    fn front_matter_gives_the_metadata() {
        let text = "---\ntitle: \"Summit: the notes\"\nauthor: Jane Doe\ndate: 2024-06-19\nurl: https://example.org/n\ntags:\n  - a\n---\n# Heading\n\nBody.";
        let a = from_markdown(text);
        assert_eq!(a.title.as_deref(), Some("Summit: the notes"));
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.published, Date::parse("2024-06-19").ok());
        assert_eq!(a.url.as_deref(), Some("https://example.org/n"));
        assert_eq!(a.text, text);
        // Without a closing line it is text.
        let a = from_markdown("---\ntitle: x\n\nBody");
        assert_eq!(a.title.as_deref(), Some("title: x"));
        // A front matter without a title: the heading after it.
        let a = from_markdown("---\ndate: 2024\n---\n# After\n");
        assert_eq!(a.title.as_deref(), Some("After"));
        assert_eq!(a.published, Date::parse("2024").ok());
    }
}
