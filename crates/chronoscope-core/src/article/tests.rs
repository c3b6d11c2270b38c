//! Whole pages and files read as sources: the fixtures of
//! `tests/data/articles/` (pages written for these tests, not copied from
//! the web), files on disk, and hostile input.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::*;

const NEWS: &str = include_str!("../../../../tests/data/articles/news.html");
const BLOG: &str = include_str!("../../../../tests/data/articles/blog.html");
const BARE: &str = include_str!("../../../../tests/data/articles/bare.html");
const NK_TXT: &str = include_str!("../../../../assets/nk-troops-article.txt");

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

#[test]
fn a_news_page_loses_its_site() {
    let a = from_html(NEWS);
    assert_eq!(
        paragraphs(&a.text),
        [
            "Harbour board delays vote on ferry terminal",
            "By Mira Castell · 16 October 2024",
            "PORT ALDER: The harbour board postponed its vote on the new ferry terminal on Wednesday, after two members asked for an independent review of the cost estimates.",
            "The project, first proposed in 2019, would replace the terminal built in 1962 with a larger building able to berth two ferries at once. Its estimated cost has risen from 48 million to 71.5 million since the spring.",
            "Questions over the estimates",
            "Board member Dr. Ines Varga said the figures had been revised three times in six months. “We cannot vote on a number that keeps moving,” she told the meeting.",
            "“A delay of a month costs less than a mistake of a decade.”",
            "The chair, Tomas Reyes, said the review would be completed by 30 November 2024 and that the vote would be held at the first meeting after it.",
            "Ferry operators said they would keep the current timetable until the new terminal opens.",
        ]
    );
    for boilerplate in [
        "cookie",
        "Skip to content",
        "Subscribe",
        "Opinion",
        "Home",
        "Share this",
        "Facebook",
        "Photo:",
        "Advertisement",
        "Buy a boat",
        "newsletter",
        "harbour\n",
        "Get in Touch",
        "Latest Posts",
        "Market hall",
        "Most popular",
        "Related articles",
        "Ferry fares",
        "About us",
        "All rights reserved",
        "JavaScript",
        "not text",
        "dataLayer",
    ] {
        assert!(!a.text.contains(boilerplate), "{boilerplate}: {}", a.text);
    }
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour board delays vote on ferry terminal")
    );
    assert_eq!(a.publisher.as_deref(), Some("The Coastal Ledger"));
    assert_eq!(a.author.as_deref(), Some("Mira Castell"));
    assert_eq!(a.published, Date::parse("2024-10-16T09:12+09:00").ok());
    assert_eq!(
        a.url.as_deref(),
        Some("https://coastal-ledger.example/2024/10/16/harbour-board-delays-ferry-vote")
    );
}

#[test]
fn the_news_pages_json_ld_alone_gives_the_same_metadata() {
    // Without Open Graph, `<meta name=author>`, the canonical link and
    // the browser's comment: JSON-LD's @graph, its linked nodes resolved.
    let stripped: String = NEWS
        .lines()
        .filter(|l| {
            !(l.contains("property=\"og:")
                || l.contains("property=\"article:")
                || l.contains("name=\"author\"")
                || l.contains("canonical")
                || l.contains("saved from"))
        })
        .fold(String::new(), |mut page, l| {
            page.push_str(l);
            page.push('\n');
            page
        });
    let a = from_html(&stripped);
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour board delays vote on ferry terminal")
    );
    assert_eq!(a.publisher.as_deref(), Some("The Coastal Ledger"));
    assert_eq!(a.author.as_deref(), Some("Mira Castell"));
    assert_eq!(a.published, Date::parse("2024-10-16T00:12Z").ok());
    assert_eq!(a.url, None);
    assert_eq!(a.text, from_html(NEWS).text);
}

#[test]
fn a_blog_page_without_an_article_element_is_found_by_its_paragraphs() {
    let a = from_html(BLOG);
    assert_eq!(
        paragraphs(&a.text),
        [
            "I spent the week in the reading room of the harbour archive, going through the board's minutes from the 1960s.",
            "The minutes are typed on thin paper and bound by year. The volume for 1962 is missing its index, so every decision has to be found by reading.",
            "What the minutes show",
            "The board first discussed a ferry terminal on 14 March 1961.",
            "Construction began in the summer of 1961 and took eleven months.",
            "Some pages were annotated by hand.\nThe notes are in pencil and mostly initialled “J. R.”",
            "I photographed every annotated page for later.",
            "Next week I will compare the minutes with the newspaper coverage of the opening.",
        ]
    );
    for boilerplate in [
        "Field Notes",
        "Archive",
        "Posted on",
        "Related reading",
        "Reading rooms",
        "thoughts",
        "Great find",
        "Powered by",
    ] {
        assert!(!a.text.contains(boilerplate), "{boilerplate}: {}", a.text);
    }
    assert_eq!(a.title.as_deref(), Some("Notes from the harbour archive"));
    assert_eq!(a.publisher, None);
    assert_eq!(a.author, None);
    // The post's `<time>`, beside its text.
    assert_eq!(a.published, Date::parse("2023-05-04T18:30-04:00").ok());
    assert_eq!(
        a.url.as_deref(),
        Some("https://fieldnotes.example.net/2023/05/notes-from-the-harbour-archive/")
    );
}

#[test]
fn a_page_without_metadata_has_its_title() {
    let a = from_html(BARE);
    assert_eq!(
        a,
        Article {
            title: Some("Minutes of the meeting of 12 March".to_owned()),
            text: "Minutes\n\nPresent: the chair, the secretary and four members.\n\nThe minutes of the previous meeting were approved without changes.\n\nThe meeting closed at 9.15 p.m.".to_owned(),
            ..Article::default()
        }
    );
}

#[test]
fn a_page_without_a_title_is_named_by_its_heading() {
    let a = from_html("<body><div><h2>The heading</h2><p>Body text.</p></div></body>");
    assert_eq!(a.title.as_deref(), Some("The heading"));
    let a = from_html("<p>Only a paragraph of text.</p>");
    assert_eq!(a.title.as_deref(), Some("Only a paragraph of text."));
}

/// The bundled example's paragraphs (its title line to the line before
/// "Get in Touch").
fn nk_paragraphs() -> Vec<&'static str> {
    let start = NK_TXT.find("South Korea Monitors").unwrap();
    let end = NK_TXT.find("Get in Touch").unwrap();
    NK_TXT[start..end]
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn the_bundled_text_is_kept_as_written() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/nk-troops-article.txt"
    ));
    let a = read_file(path).unwrap();
    assert_eq!(a.text, NK_TXT);
    assert!(a.text.ends_with("Get in Touch\n\nLatest Posts"));
    // The first line, as written: a text file is not cleaned up.
    assert_eq!(a.title.as_deref(), Some("spot_imgspot_img"));
    assert_eq!(
        (a.publisher, a.author, a.published, a.url),
        (None, None, None, None)
    );
}

#[test]
fn a_page_built_like_the_bundled_one_loses_its_boilerplate() {
    let paragraphs = nk_paragraphs();
    let (title, body) = paragraphs.split_first().unwrap();
    let mut html = String::from(
        "<html><head><title>Example</title></head><body>\
         <div class=\"td-header-wrap\"><div class=\"td-a-rec\"><span>spot_img</span></div>\
         <div class=\"td-a-rec\"><span>spot_img</span></div>\
         <div class=\"td-header-menu-wrap\"><ul class=\"sf-menu\"><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li></ul></div></div>\
         <div class=\"td-main-content-wrap\"><article>",
    );
    write!(
        html,
        "<h1 class=\"entry-title\">{title}</h1><div class=\"td-post-content\">"
    )
    .unwrap();
    for p in body {
        write!(html, "<p>{p}</p>").unwrap();
    }
    html.push_str(
        "</div><div class=\"td_block_wrap\"><h4 class=\"block-title\"><span>Get in Touch</span></h4>\
         <div class=\"td-social-list\"><a href=\"https://f.example\">21,800 Fans</a></div></div>\
         <div class=\"td_block_wrap td_block_7\"><h4 class=\"block-title\"><span>Latest Posts</span></h4>\
         <div class=\"td_module_6\"><h3><a href=\"/1\">Another story of the day</a></h3><div class=\"td-module-meta-info\"><span>October 17, 2024</span></div></div>\
         <div class=\"td_module_6\"><h3><a href=\"/2\">A second story from yesterday</a></h3><div class=\"td-module-meta-info\"><span>October 16, 2024</span></div></div>\
         </div></article></div></body></html>",
    );
    let a = from_html(&html);
    let expected: Vec<String> = paragraphs
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(a.text.split("\n\n").collect::<Vec<_>>(), expected);
    assert!(!a.text.contains("spot_img"));
    assert!(!a.text.contains("Latest Posts"));
    assert!(!a.text.contains("Get in Touch"));
}

#[test]
fn boilerplate_names_are_matched_as_whole_words() {
    let a = from_html(
        "<article><p>Kept first paragraph of the article.</p>\
         <div class=\"shared-content\"><p>Kept: shared is not share.</p></div>\
         <div class=\"main-article-body\"><p>Kept: main article.</p></div>\
         <div class=\"sharebar\"><p>Dropped share bar.</p></div>\
         <div id=\"relatedStories\"><p>Dropped related stories.</p></div>\
         <p>Kept last paragraph.</p></article>",
    );
    assert_eq!(
        paragraphs(&a.text),
        [
            "Kept first paragraph of the article.",
            "Kept: shared is not share.",
            "Kept: main article.",
            "Kept last paragraph."
        ]
    );
}

#[test]
fn a_wrapper_named_like_boilerplate_around_everything_is_kept() {
    // An ASP.NET page is one form; a theme names its wrapper `has-sidebar`.
    let a = from_html(
        "<body><form id=\"aspnetForm\"><div class=\"layout has-sidebar\">\
         <div class=\"story\"><p>The first paragraph of the story, long enough to count.</p>\
         <p>The second paragraph of the story, also long enough.</p></div>\
         <div class=\"sidebar\"><p>Sidebar text.</p></div></div></form></body>",
    );
    assert_eq!(
        paragraphs(&a.text),
        [
            "The first paragraph of the story, long enough to count.",
            "The second paragraph of the story, also long enough."
        ]
    );
}

#[test]
fn teaser_articles_do_not_hide_the_story() {
    // A page whose `<article>`s are teasers and whose story is in a div.
    let story =
        "<p>This is the long paragraph of the real story, with many words in it.</p>".repeat(5);
    let a = from_html(&format!(
        "<div class=\"story-body\">{story}</div>\
         <div class=\"more\"><article><p>A teaser.</p></article><article><p>Another teaser.</p></article></div>"
    ));
    assert_eq!(a.text.matches("real story").count(), 5);
    assert!(!a.text.contains("teaser"));
}

#[test]
fn link_lists_inside_the_text_are_kept() {
    let a = from_html(
        "<article><p>The documents are:</p><ul><li><a href=\"/1\">The first report</a></li>\
         <li><a href=\"/2\">The second report</a></li></ul><p>Both were published in June.</p>\
         <h2>See also</h2><ul><li><a href=\"/3\">Something else</a></li></ul></article>",
    );
    assert_eq!(
        paragraphs(&a.text),
        [
            "The documents are:",
            "The first report",
            "The second report",
            "Both were published in June."
        ]
    );
}

#[test]
fn text_and_markdown_are_kept_as_written() {
    let text = "\n\n  First line of a pasted text  \r\nSecond line.\n";
    let a = from_text(text);
    assert_eq!(a.text, text);
    assert_eq!(a.title.as_deref(), Some("First line of a pasted text"));
    let long = format!("{} end", "word ".repeat(40));
    let title = from_text(&long).title.unwrap();
    assert!(title.chars().count() <= 120, "{title}");
    assert!(title.ends_with("word…"), "{title}");
    assert_eq!(from_text("").title, None);
    assert_eq!(from_text(" \n\t\n").title, None);
    assert_eq!(
        from_text("———\nÉté 2024 — 🎉").title.as_deref(),
        Some("Été 2024 — 🎉")
    );
    let md = "Some intro\n\n# The Title\n\nText with *emphasis*.\n";
    assert_eq!(from_markdown(md).title.as_deref(), Some("The Title"));
    assert_eq!(from_markdown(md).text, md);
}

/// A scratch folder for files read in a test.
fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("chronoscope-article-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn files_are_read_by_their_extension() {
    let dir = scratch("kinds");
    let write = |name: &str, text: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let html = "<title>T</title><p>Para <b>one</b>.</p>";
    for (name, expected) in [
        ("a.html", "Para one."),
        ("a.HTM", "Para one."),
        ("a.xhtml", "Para one."),
        ("a.txt", html),
        ("a.md", html),
    ] {
        let a = read_file(&write(name, html.as_bytes())).unwrap();
        assert_eq!(a.text, expected, "{name}");
    }
    // Other names: a page when it starts as one, else text.
    let page = "<!DOCTYPE html><html><title>T</title><p>Saved page.</p>";
    assert_eq!(
        read_file(&write("page.php", page.as_bytes())).unwrap().text,
        "Saved page."
    );
    assert_eq!(
        read_file(&write("notes", b"# not markdown")).unwrap().text,
        "# not markdown"
    );
    // A byte order mark is no part of the text.
    assert_eq!(
        read_file(&write("bom.txt", "\u{feff}Text".as_bytes()))
            .unwrap()
            .text,
        "Text"
    );
    // A page in windows-1252 that says so.
    let latin = b"<meta charset=windows-1252><p>Caf\xe9 \x93ouvert\x94</p>";
    assert_eq!(
        read_file(&write("latin.html", latin)).unwrap().text,
        "Café “ouvert”"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn unreadable_files_are_located_errors() {
    let dir = scratch("errors");
    let binary = dir.join("photo.jpg");
    std::fs::write(&binary, b"ok\nstill ok \xff\xd8\xff\xe0").unwrap();
    let e = read_file(&binary).unwrap_err();
    assert!(matches!(e, ArticleError::NotText { .. }), "{e:?}");
    assert_eq!(e.path(), binary);
    let message = e.to_string();
    assert!(
        message.contains("photo.jpg:2:10: not UTF-8 text"),
        "{message}"
    );
    // Latin-1 in a text file is not guessed.
    let latin = dir.join("latin.txt");
    std::fs::write(&latin, b"charset=latin1 caf\xe9").unwrap();
    assert!(matches!(
        read_file(&latin),
        Err(ArticleError::NotText { .. })
    ));

    let missing = dir.join("missing.txt");
    let e = read_file(&missing).unwrap_err();
    assert!(
        matches!(&e, ArticleError::Unreadable { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    );
    assert!(
        e.to_string()
            .starts_with(&format!("{}: cannot read the file", missing.display()))
    );

    let e = read_file(&dir).unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");

    // A sparse file larger than the limit is refused before it is read.
    let large = dir.join("large.html");
    let file = std::fs::File::create(&large).unwrap();
    file.set_len(MAX_ARTICLE_BYTES + 1).unwrap();
    drop(file);
    let e = read_file(&large).unwrap_err();
    assert!(
        matches!(&e, ArticleError::Unreadable { source, .. } if source.kind() == std::io::ErrorKind::FileTooLarge)
    );
    assert!(e.to_string().contains("more than the 64 MiB"), "{e}");
    #[cfg(unix)]
    {
        let e = read_file(Path::new("/dev/zero")).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn within_a_minute(started: Instant) {
    assert!(
        started.elapsed() < Duration::from_mins(1),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn deeply_nested_pages_are_read_flat() {
    let started = Instant::now();
    for (open, close) in [
        ("<div>", "</div>"),
        ("<article><div>", "</div></article>"),
        ("<a href=1><div>", "</a>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<b>", ""),
    ] {
        let html = format!(
            "<title>Deep &amp; dark</title><meta name=author content=\"Ann\">{}<p>Deep &amp; down</p>{}",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        let a = from_html(&html);
        assert!(a.text.contains("Deep & down"), "{open}: {:?}", &a.text);
        assert_eq!(a.title.as_deref(), Some("Deep & dark"), "{open}");
        assert_eq!(a.author.as_deref(), Some("Ann"), "{open}");
    }
    within_a_minute(started);
}

#[test]
fn nesting_that_the_scan_misses_stops_the_parse() {
    // `</br>` reopens formatting the next `<a>` closed: each repeat is a
    // level deeper, which the scan does not follow (see formats::html).
    let started = Instant::now();
    let html = format!("<p>Before.</p>{}", "</br><a href=1><s>x".repeat(20_000));
    let a = from_html(&html);
    assert!(
        a.text.starts_with("Before."),
        "{}",
        &a.text[..40.min(a.text.len())]
    );
    within_a_minute(started);
}

#[test]
fn five_megabytes_of_junk_tags() {
    let mut html = String::with_capacity(5 << 20);
    let mut state = 0x2545_f491_u32;
    let pieces = [
        "<div class=\"a\">",
        "</div>",
        "<p>",
        "</p>",
        "<span>",
        "</span>",
        "<li>",
        "<ul>",
        "</ul>",
        "<table><tr><td>",
        "</td>",
        "</table>",
        "<a href=\"x\">",
        "</a>",
        "<br>",
        "<img src=x>",
        "<script>var a=\"</div>\";</script>",
        "<!-- c -->",
        "&amp;",
        "&#x1F600;",
        "&bogus;",
        "<",
        ">",
        "word ",
        "<nav>",
        "<h2>",
        "<article>",
        "<b><i>",
        "</b>",
        "<svg><title>t</title>",
        "</svg>",
        "<template>",
        "<select><option>",
        "\u{0}",
        "é🎉",
    ];
    while html.len() < 5 << 20 {
        // xorshift: the same junk every run.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        html.push_str(pieces[state as usize % pieces.len()]);
    }
    let started = Instant::now();
    let a = from_html(&html);
    within_a_minute(started);
    assert!(!a.text.contains('\u{0}'));
    // Many flat paragraphs.
    let flat = "<p>A paragraph of the page &amp; its <a href=x>link</a>.</p>\n".repeat(80_000);
    let started = Instant::now();
    let a = from_html(&flat);
    within_a_minute(started);
    assert_eq!(
        a.text
            .matches("A paragraph of the page & its link.")
            .count(),
        80_000
    );
}

#[test]
fn a_tag_with_many_attributes_is_read_flat() {
    let mut html = String::from("<title>Many</title><p>Before <b");
    for i in 0..100_000 {
        write!(html, " a{i}=\"{i}\"").unwrap();
    }
    html.push_str(">bold</b> after</p>");
    let started = Instant::now();
    let a = from_html(&html);
    within_a_minute(started);
    assert_eq!(a.text, "Before bold after");
    assert_eq!(a.title.as_deref(), Some("Many"));
}

#[test]
fn invalid_json_ld_is_skipped() {
    let a = from_html(
        "<script type=\"application/ld+json\">{\"headline\": \"Unclosed</script>\
         <script type=\"application/ld+json\">[1, 2, {\"@type\": 3}, null, \"x\", {\"@graph\": 5}]</script>\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"name\":5},\"publisher\":[],\"datePublished\":\"soon\"}</script>\
         <title>Still here</title><p>Text.</p>",
    );
    assert_eq!(a.title.as_deref(), Some("Still here"));
    assert_eq!((a.author, a.publisher, a.published), (None, None, None));
    assert_eq!(a.text, "Text.");
}

#[test]
fn empty_and_binary_input() {
    assert_eq!(from_html(""), Article::default());
    assert_eq!(from_html(" \n\t "), Article::default());
    assert_eq!(from_text(""), Article::default());
    assert_eq!(from_markdown(""), Article::default());
    let bytes: Vec<u8> = (0..=255_u8).cycle().take(100_000).collect();
    let binary = String::from_utf8_lossy(&bytes);
    let a = from_html(&binary);
    assert!(!a.text.chars().any(|c| c.is_control() && c != '\n'));
    let _ = from_text(&binary);
    let _ = from_markdown(&binary);
}

#[test]
fn paragraphs_written_as_divs_or_table_cells() {
    let body =
        "<div class=\"text\">A paragraph of the story written in a div of its own.</div>".repeat(4);
    let a = from_html(&format!(
        "<div class=\"menu-wrap\"><div>Home</div><div>World</div></div>\
         <div class=\"story\"><h1>Title</h1>{body}</div><div class=\"foot\">Short.</div>"
    ));
    assert_eq!(
        paragraphs(&a.text),
        [
            "Title",
            "A paragraph of the story written in a div of its own.",
            "A paragraph of the story written in a div of its own.",
            "A paragraph of the story written in a div of its own.",
            "A paragraph of the story written in a div of its own.",
        ]
    );
    let a = from_html(
        "<table><tr><td><a href=/>Home</a></td></tr><tr><td>An old page lays out its text in a table cell, \
         <br>with line breaks.<br><br>And paragraphs made of two breaks, written long ago.</td></tr></table>",
    );
    assert_eq!(
        a.text,
        "An old page lays out its text in a table cell,\nwith line breaks.\n\nAnd paragraphs made of two breaks, written long ago."
    );
}
