//! HTML in imported texts, turned into readable plain text and a list of its
//! links.
//!
//! `TimelineJS`, SIMILE and others put HTML in descriptions. Chronoscope never
//! renders it as markup: `html2text` turns it into text (entities decoded,
//! tags gone, paragraphs and line breaks kept), and the link targets are
//! collected so the UI can show them as working links.

/// Readable text and the links it contained.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    pub text: String,
    /// Link targets in order of appearance, without duplicates.
    pub links: Vec<String>,
}

/// Wide enough that html2text never wraps lines itself; the UI wraps.
const NO_WRAP: usize = 100_000;

/// Converts `html` (or plain text) to readable text and its links.
#[must_use]
pub fn to_text(html: &str) -> HtmlText {
    if !html.contains(['<', '&']) {
        return HtmlText {
            text: html.trim().to_owned(),
            links: Vec::new(),
        };
    }
    let Ok(lines) = html2text::from_read_rich(html.as_bytes(), NO_WRAP) else {
        return HtmlText {
            text: html.trim().to_owned(),
            links: Vec::new(),
        };
    };
    let mut text = String::new();
    let mut targets = Vec::new();
    // Links seen, hashed: a text of many links costs time in proportion to
    // them, not to their square.
    let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for line in lines {
        for tagged in line.tagged_strings() {
            text.push_str(&tagged.s);
            for annotation in &tagged.tag {
                if let html2text::render::RichAnnotation::Link(url) = annotation
                    && seen.insert(url.clone())
                {
                    targets.push(url.clone());
                }
            }
        }
        text.push('\n');
    }
    let text = tidy(&text);
    HtmlText {
        text,
        links: targets,
    }
}

/// Trims trailing spaces on each line and blank lines at both ends.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn plain_text_passes_through() {
        let t = to_text("  Just words.  ");
        assert_eq!(t.text, "Just words.");
        assert!(t.links.is_empty());
    }

    #[test]
    fn tags_go_entities_decode_and_links_are_kept() {
        let t = to_text(
            "<p>Oswald &amp; <i>Ruby</i></p><p>See <a href=\"https://example.org/a\">the report</a>.</p>",
        );
        assert!(!t.text.contains('<'), "{t:?}");
        assert!(t.text.contains("Oswald & Ruby"), "{t:?}");
        assert!(t.text.contains("See the report."), "{t:?}");
        assert_eq!(t.links, ["https://example.org/a"]);
    }

    #[test]
    fn escaped_markup_is_decoded_once_not_rendered() {
        // The text of an XML element after the XML layer decoded &lt;i&gt;.
        let t = to_text("ref. <i>Treachery in Dallas</i>, p 320");
        assert_eq!(t.text, "ref. Treachery in Dallas, p 320");
    }

    #[test]
    fn links_are_listed_once_in_order_of_appearance() {
        // Thousands of links were each compared with every one before.
        let mut html = String::new();
        for i in 0..3000 {
            let _ = write!(html, "<a href=\"https://example.org/{}\">x</a> ", i % 1000);
        }
        let t = to_text(&html);
        assert_eq!(t.links.len(), 1000);
        assert_eq!(t.links[0], "https://example.org/0");
        assert_eq!(t.links[999], "https://example.org/999");
    }

    #[test]
    fn broken_html_does_not_panic() {
        for input in ["<a href=", "<<<>>>&&&;", "<p><b>unclosed", "&#xFFFFFFFF;"] {
            let _ = to_text(input);
        }
    }
}
