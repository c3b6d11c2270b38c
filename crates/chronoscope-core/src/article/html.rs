//! The readable text of a web page saved from a browser: the article, not
//! the site around it.
//!
//! A saved news page holds the article and a site's worth of everything
//! else: menus, share buttons, cookie banners, "Latest posts", footers. An
//! analyst adding the page as a source wants the article's paragraphs, in
//! order, and nothing they would not quote. So:
//! - the page is parsed as a browser parses it ([`super::dom`]), behind the
//!   guards of [`crate::formats::html`]: the nesting scan, the counted
//!   parse; a page past them is read flat (block elements become lines),
//!   so no page hangs, crashes or overflows the stack, and the cost stays
//!   proportional to the page;
//! - scripts, styles, forms, controls, figure captions, hidden elements and
//!   other elements that never hold article text are dropped; so are
//!   navigation, headers (outside an `<article>`), footers, asides, and
//!   elements whose class, id, role or label name boilerplate (`share`,
//!   `related`, `newsletter`, `cookie`, …, as whole words of the name:
//!   `shared-content` is kept), unless they hold most of the page's prose
//!   (a wrapper named `has-sidebar` around everything);
//! - the article is the page's `<article>` (or `itemprop=articleBody`),
//!   else its `<main>`, when that holds a fair share of the prose; else the
//!   element whose own paragraphs hold the most text (as Readability
//!   scores: a paragraph counts fully for its parent, half for the
//!   grandparent);
//! - link lists and headings left at the end of the article ("Latest
//!   posts", "Get in touch") are dropped: a block whose text is mostly
//!   links, after the last paragraph of prose;
//! - each paragraph, heading, list item, quotation and preformatted block is
//!   a paragraph of the text, separated by a blank line; white space inside
//!   is collapsed (kept inside `<pre>`), `<br>` is a line break and two in a
//!   row a paragraph break.

use super::Article;
use super::dom::{self, Data, Dom, NodeId};
use super::meta;
use crate::formats::html::{Lexer, MAX_ATTRIBUTES, Token, attributes};
use crate::model::Date;

/// Deepest nesting a page is parsed as a tree at. Real pages stay within a
/// few dozen levels; the scan that checks it costs up to this much for each
/// tag.
const MAX_PAGE_DEPTH: usize = 256;

/// Longest title taken from the text itself, in characters.
const MAX_TITLE_CHARS: usize = 120;

/// Reads a page (see the module documentation).
pub(super) fn from_html(html: &str) -> Article {
    if html.trim().is_empty() {
        return Article::default();
    }
    let parsed = crate::formats::html::check_nesting_within(html, MAX_PAGE_DEPTH, usize::MAX)
        .and_then(|()| dom::parse(html));
    let (dom, meta, flat) = if let Ok(dom) = parsed {
        (dom, None, false)
    } else {
        let Ok(flat) = dom::parse(&crate::formats::html::flatten(html)) else {
            return Article::default();
        };
        let meta = dom::parse(&head_only(html))
            .map(|head| meta::read(&head, None))
            .unwrap_or_default();
        (flat, Some(meta), true)
    };
    let page = Page::weigh(&dom);
    let root = page.root();
    let paragraphs = page.paragraphs(root, flat);
    let meta = meta.unwrap_or_else(|| meta::read(&dom, page.time_near(root)));
    let title = meta.title.or_else(|| {
        paragraphs
            .iter()
            .find(|p| p.heading)
            .or_else(|| paragraphs.first())
            .and_then(|p| p.text.lines().next())
            .and_then(meta::clean)
            .map(|t| crate::passage::cut_at_word(&t, MAX_TITLE_CHARS))
    });
    Article {
        title,
        publisher: meta.publisher,
        author: meta.author,
        published: meta.published,
        url: meta.url,
        text: paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

/// The metadata elements of `html` (`meta`, `link`, `title`, JSON-LD
/// scripts) without the rest, for a page too deeply nested to be parsed
/// whole: flat, so it parses in time proportional to its size.
fn head_only(html: &str) -> String {
    let mut head = String::new();
    let mut wanted: Option<&str> = None;
    for token in Lexer::new(html) {
        match token {
            Token::Start {
                name,
                attributes: text,
            } => {
                wanted = None;
                if attributes(text).nth(MAX_ATTRIBUTES).is_some() {
                    continue;
                }
                if name.eq_ignore_ascii_case("meta") || name.eq_ignore_ascii_case("link") {
                    head.push('<');
                    head.push_str(name);
                    head.push_str(text);
                    head.push('>');
                } else if name.eq_ignore_ascii_case("title") {
                    wanted = Some("title");
                } else if name.eq_ignore_ascii_case("script")
                    && text.to_ascii_lowercase().contains("ld+json")
                {
                    wanted = Some("script");
                }
            }
            Token::Raw { text, .. } => match wanted.take() {
                Some("title") => {
                    head.push_str("<title>");
                    head.push_str(text);
                    head.push_str("</title>");
                }
                Some(_) => {
                    head.push_str("<script type=\"application/ld+json\">");
                    head.push_str(text);
                    head.push_str("</script>");
                }
                None => {}
            },
            Token::End { .. } | Token::Text(_) | Token::Lt | Token::Other => {}
        }
    }
    head
}

/// Elements that never hold article text.
const NEVER_TEXT: [&str; 22] = [
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "canvas",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "label",
    "dialog",
    "audio",
    "video",
    "map",
    "figcaption",
    "frameset",
    "noembed",
];

/// Elements that hold the site around the article.
const SITE_ELEMENTS: [&str; 6] = ["nav", "header", "footer", "aside", "form", "menu"];

/// Roles of the site around the article.
const SITE_ROLES: [&str; 10] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alertdialog",
];

/// Words in a class, id or label that name boilerplate.
const BOILERPLATE_WORDS: [&str; 53] = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "sharebar",
    "social",
    "related",
    "recommended",
    "recommendations",
    "latest",
    "recent",
    "popular",
    "trending",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "login",
    "comments",
    "comment",
    "footer",
    "sidebar",
    "widget",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "promo",
    "promoted",
    "sponsored",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "paywall",
    "popup",
    "modal",
    "tags",
    "masthead",
    "navbox",
    "skip",
    "search",
    "outbrain",
    "taboola",
    "print",
    "toolbar",
    "follow",
    "donate",
];

/// Elements that begin and end a paragraph of their own.
const BLOCKS: [&str; 42] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
    "body",
    "html",
];

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// Blocks dropped from the end of the article when their text is mostly
/// links.
const LINK_LISTS: [&str; 10] = [
    "ul", "ol", "dl", "section", "div", "table", "p", "aside", "nav", "details",
];

/// Text directly in an element counts towards its score when it is at
/// least this long (characters other than white space): prose, not a
/// label.
const PROSE_TEXT: u32 = 25;

/// A page weighed: what is dropped and how much text each element holds.
struct Page<'a> {
    dom: &'a Dom,
    /// Dropped with everything inside it.
    dropped: Vec<bool>,
    /// Characters other than white space in the element's kept text.
    text: Vec<u32>,
    /// Of which inside links.
    links: Vec<u32>,
    /// Of which inside paragraphs.
    prose: Vec<u32>,
    /// Readability's score, doubled: the text of the paragraphs it holds,
    /// and half of its children's.
    score: Vec<u32>,
    /// Whether the element is a paragraph ([`is_paragraph`]).
    paragraph: Vec<bool>,
}

impl<'a> Page<'a> {
    fn weigh(dom: &'a Dom) -> Self {
        let n = dom.nodes.len();
        let mut page = Self {
            dom,
            dropped: vec![false; n],
            text: vec![0; n],
            links: vec![0; n],
            prose: vec![0; n],
            score: vec![0; n],
            paragraph: (0..n).map(|id| is_paragraph(dom, id)).collect(),
        };
        for id in 0..n {
            page.dropped[id] = never_text(dom, id);
        }
        // How much prose each element holds before the site is dropped, to
        // tell a wrapper named `has-sidebar` from a sidebar.
        page.measure();
        let all_prose = page.prose[Dom::DOCUMENT];
        for id in 0..n {
            if !page.dropped[id] && page.prose[id].saturating_mul(2) <= all_prose {
                page.dropped[id] = is_site(dom, id);
            }
        }
        page.measure();
        page
    }

    /// The kept nodes inside `root`, in document order.
    fn kept(&self, root: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut next = (!self.dropped[root]).then_some(root);
        std::iter::from_fn(move || {
            let id = next?;
            let mut after = self.dom.next_in(id, root);
            while let Some(a) = after {
                if !self.dropped[a] {
                    break;
                }
                after = self.dom.next_skipping(a, root);
            }
            next = after;
            Some(id)
        })
    }

    /// Counts the text, links, prose and score of every kept node.
    fn measure(&mut self) {
        let order: Vec<NodeId> = self.kept(Dom::DOCUMENT).collect();
        self.text.fill(0);
        self.links.fill(0);
        self.prose.fill(0);
        self.score.fill(0);
        for &id in order.iter().rev() {
            let node = &self.dom.nodes[id];
            let parent = node.parent;
            if let Data::Text(t) = &node.data {
                let len = u32::try_from(t.chars().filter(|c| !c.is_whitespace()).count())
                    .unwrap_or(u32::MAX);
                self.text[id] = len;
                if len >= PROSE_TEXT
                    && let Some(p) = parent
                    && !self.paragraph[p]
                {
                    self.score[p] = self.score[p].saturating_add(len.saturating_mul(2));
                }
            }
            if self.dom.is(id, "a") {
                self.links[id] = self.text[id];
            }
            let len = self.text[id];
            if self.paragraph[id] && (len >= PROSE_TEXT || self.dom.is(id, "p")) {
                self.prose[id] = len;
                if let Some(p) = parent {
                    self.score[p] = self.score[p].saturating_add(len.saturating_mul(2));
                    if let Some(g) = self.dom.nodes[p].parent {
                        self.score[g] = self.score[g].saturating_add(len);
                    }
                }
            }
            if let Some(p) = parent {
                self.text[p] = self.text[p].saturating_add(self.text[id]);
                self.links[p] = self.links[p].saturating_add(self.links[id]);
                self.prose[p] = self.prose[p].saturating_add(self.prose[id]);
            }
        }
    }

    /// The element that holds the article (see the module documentation).
    fn root(&self) -> NodeId {
        let dom = self.dom;
        let mut article: Option<NodeId> = None;
        let mut main: Option<NodeId> = None;
        let mut best: Option<NodeId> = None;
        let more =
            |this: NodeId, than: Option<NodeId>, by: &[u32]| than.is_none_or(|t| by[this] > by[t]);
        for id in self.kept(Dom::DOCUMENT) {
            if dom.tag(id).is_none() {
                continue;
            }
            if (dom.is(id, "article") || has_word(dom.attr(id, "itemprop"), "articleBody"))
                && self.prose[id] > 0
                && more(id, article, &self.prose)
            {
                article = Some(id);
            }
            if (dom.is(id, "main") || is_role(dom, id, "main"))
                && self.prose[id] > 0
                && more(id, main, &self.prose)
            {
                main = Some(id);
            }
            if self.score[id] > 0 && more(id, best, &self.score) {
                best = Some(id);
            }
        }
        let fallback = || dom.find("body").unwrap_or(Dom::DOCUMENT);
        match (article.or(main), best) {
            (Some(semantic), Some(best)) => {
                if dom.contains(semantic, best)
                    || self.prose[semantic].saturating_mul(3) >= self.prose[best]
                {
                    semantic
                } else {
                    best
                }
            }
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => fallback(),
        }
    }

    /// Whether `id`'s text is mostly links and it is a block that lists
    /// them.
    fn is_link_list(&self, id: NodeId) -> bool {
        self.dom
            .tag(id)
            .is_some_and(|tag| LINK_LISTS.contains(&tag))
            && self.links[id] > 0
            && self.links[id].saturating_mul(2) > self.text[id]
    }

    /// The paragraphs of the text inside `root`. `flat`: the page was read
    /// flat, each line a paragraph.
    fn paragraphs(&self, root: NodeId, flat: bool) -> Vec<Paragraph> {
        let dom = self.dom;
        let mut out = Collector {
            flat,
            ..Collector::default()
        };
        // (node, whether its children were visited)
        let mut stack = vec![(root, false)];
        while let Some((id, done)) = stack.pop() {
            if self.dropped[id] {
                continue;
            }
            let tag = dom.tag(id);
            let block = tag.is_some_and(|t| BLOCKS.contains(&t));
            let heading = tag.is_some_and(|t| HEADINGS.contains(&t));
            let pre = tag == Some("pre");
            let list = id != root && self.is_link_list(id);
            if done {
                if block {
                    out.flush();
                }
                out.headings -= usize::from(heading);
                out.preformatted -= usize::from(pre);
                out.link_lists -= usize::from(list);
                continue;
            }
            match &dom.nodes[id].data {
                Data::Text(text) => out.text(text),
                Data::Element { .. } => {
                    match tag {
                        Some("br") => out.line_break(),
                        Some("td" | "th") => out.cell(),
                        _ => {}
                    }
                    if block {
                        out.flush();
                    }
                    out.headings += usize::from(heading);
                    out.preformatted += usize::from(pre);
                    out.link_lists += usize::from(list);
                    stack.push((id, true));
                    let children: Vec<NodeId> = dom.children(id).collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
                Data::Document => {
                    let children: Vec<NodeId> = dom.children(id).collect();
                    stack.extend(children.into_iter().rev().map(|c| (c, false)));
                }
                Data::Comment(_) | Data::Other => {}
            }
        }
        out.flush();
        let mut paragraphs = out.paragraphs;
        // Link lists and headings after the last paragraph of prose.
        if let Some(last) = paragraphs.iter().rposition(|p| !p.link_list && !p.heading) {
            paragraphs.truncate(last + 1);
        }
        paragraphs
    }

    /// The date of the first `<time datetime>` in the article, or failing
    /// that around it (a blog's date is often in the post's header, beside
    /// its text), outside link lists.
    fn time_near(&self, root: NodeId) -> Option<Date> {
        let dom = self.dom;
        let mut around = Some(root);
        for _ in 0..3 {
            let within = around?;
            let mut next = Some(within);
            while let Some(id) = next {
                if self.dropped[id] || (id != within && self.is_link_list(id)) {
                    next = dom.next_skipping(id, within);
                    continue;
                }
                if dom.is(id, "time")
                    && let Some(date) = dom.attr(id, "datetime").and_then(meta::published)
                {
                    return Some(date);
                }
                next = dom.next_in(id, within);
            }
            around = dom.nodes[within].parent;
        }
        None
    }
}

/// Whether element `id` is a paragraph of prose: a `<p>`, or a `<div>`,
/// `<section>`, table cell or definition that holds only text (as pages
/// that write `<div class="text">` for each paragraph, or lay out with
/// tables, have it).
fn is_paragraph(dom: &Dom, id: NodeId) -> bool {
    match dom.tag(id) {
        Some("p") => true,
        Some("div" | "section" | "td" | "dd") => !dom
            .children(id)
            .any(|c| dom.tag(c).is_some_and(|t| BLOCKS.contains(&t) || t == "br")),
        _ => false,
    }
}

/// Whether `id` never holds article text: see [`NEVER_TEXT`], elements not
/// of HTML (SVG, `MathML`) and hidden ones.
fn never_text(dom: &Dom, id: NodeId) -> bool {
    match &dom.nodes[id].data {
        Data::Element { .. } => {}
        Data::Comment(_) | Data::Other => return true,
        Data::Document | Data::Text(_) => return false,
    }
    let Some(tag) = dom.tag(id) else {
        return true;
    };
    if NEVER_TEXT.contains(&tag) || dom.attr(id, "hidden").is_some() {
        return true;
    }
    if dom
        .attr(id, "aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    dom.attr(id, "style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Whether element `id` holds the site around the article: by its name,
/// role, or the words of its class, id or label.
fn is_site(dom: &Dom, id: NodeId) -> bool {
    let Some(tag) = dom.tag(id) else {
        return false;
    };
    if SITE_ELEMENTS.contains(&tag) {
        // An article's own header holds its headline and byline.
        return !(tag == "header" && inside(dom, id, "article"));
    }
    if SITE_ROLES.iter().any(|role| is_role(dom, id, role)) {
        return true;
    }
    let article_like = matches!(tag, "html" | "body" | "main" | "article")
        || is_role(dom, id, "main")
        || has_word(dom.attr(id, "itemprop"), "articleBody");
    if article_like {
        return false;
    }
    ["class", "id"]
        .iter()
        .filter_map(|a| dom.attr(id, a))
        .flat_map(str::split_ascii_whitespace)
        .any(|token| name_parts(token).any(|p| is_boilerplate(&p)))
        || dom.attr(id, "aria-label").is_some_and(|label| {
            label
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| is_boilerplate(&w.to_lowercase()))
        })
}

fn is_boilerplate(word: &str) -> bool {
    BOILERPLATE_WORDS.contains(&word)
}

/// The lower-case words of a class or id: `share-tools` → share, tools;
/// `shareButtons` → share, buttons; `shared_content` → shared, content.
fn name_parts(token: &str) -> impl Iterator<Item = String> + '_ {
    let whole = std::iter::once(token.to_lowercase());
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut previous_lower = false;
    for c in token.chars() {
        if matches!(c, '-' | '_' | ':' | '.' | '/') {
            parts.push(std::mem::take(&mut part));
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            parts.push(std::mem::take(&mut part));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        part.extend(c.to_lowercase());
    }
    parts.push(part);
    whole.chain(parts.into_iter().filter(|p| !p.is_empty()))
}

/// Whether `id` has an ancestor element `tag`.
fn inside(dom: &Dom, id: NodeId, tag: &str) -> bool {
    let mut at = dom.nodes[id].parent;
    while let Some(p) = at {
        if dom.is(p, tag) {
            return true;
        }
        at = dom.nodes[p].parent;
    }
    false
}

fn is_role(dom: &Dom, id: NodeId, role: &str) -> bool {
    dom.attr(id, "role").is_some_and(|r| {
        r.split_ascii_whitespace()
            .any(|w| w.eq_ignore_ascii_case(role))
    })
}

/// Whether the space-separated `list` (an `itemprop`) has `word`.
fn has_word(list: Option<&str>, word: &str) -> bool {
    list.is_some_and(|l| l.split_ascii_whitespace().any(|w| w == word))
}

/// A paragraph of the text.
#[derive(Debug, PartialEq)]
struct Paragraph {
    text: String,
    heading: bool,
    /// Inside a block whose text is mostly links.
    link_list: bool,
}

/// Text gathered into paragraphs as the article is walked.
#[derive(Default)]
struct Collector {
    paragraphs: Vec<Paragraph>,
    line: String,
    space: bool,
    /// `<br>`s since the last text.
    breaks: usize,
    /// The page was read flat: every line is a paragraph.
    flat: bool,
    headings: usize,
    preformatted: usize,
    link_lists: usize,
}

impl Collector {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.preformatted > 0 && matches!(c, '\n' | '\t' | ' ') {
                self.line.push(c);
                continue;
            }
            if c.is_whitespace() {
                self.space = !self.line.is_empty() && !self.line.ends_with('\n');
            } else if !invisible(c) {
                if self.space {
                    self.line.push(' ');
                    self.space = false;
                }
                self.line.push(c);
                self.breaks = 0;
            }
        }
    }

    fn line_break(&mut self) {
        if self.flat {
            self.flush();
            return;
        }
        let kept = self.line.trim_end_matches([' ', '\t']).len();
        self.line.truncate(kept);
        self.space = false;
        if !self.line.is_empty() {
            self.breaks += 1;
            if self.breaks >= 2 {
                self.flush();
            } else {
                self.line.push('\n');
            }
        }
    }

    /// A table cell begins.
    fn cell(&mut self) {
        let trimmed = self.line.trim_end();
        if !trimmed.is_empty() && !trimmed.ends_with('\n') {
            self.line.truncate(trimmed.len());
            self.line.push_str(" | ");
            self.space = false;
        }
    }

    fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        let text = if self.preformatted > 0 {
            line.trim_end().trim_start_matches('\n').to_owned()
        } else {
            line.trim().to_owned()
        };
        self.space = false;
        self.breaks = 0;
        if !text.is_empty() {
            self.paragraphs.push(Paragraph {
                text,
                heading: self.headings > 0,
                link_list: self.link_lists > 0,
            });
        }
    }
}

/// Characters that show nothing: controls, soft hyphens, zero-width spaces
/// and joiners' cousins that only get in the way of finding a quote.
fn invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_parts_split_words() {
        let parts = |t| name_parts(t).collect::<Vec<_>>();
        assert_eq!(parts("share-tools"), ["share-tools", "share", "tools"]);
        assert_eq!(parts("shareButtons"), ["sharebuttons", "share", "buttons"]);
        assert_eq!(
            parts("shared_content"),
            ["shared_content", "shared", "content"]
        );
        assert_eq!(parts("main-article"), ["main-article", "main", "article"]);
        assert_eq!(parts("navbar"), ["navbar", "navbar"]);
        assert_eq!(parts("AD"), ["ad", "ad"]);
    }

    #[test]
    fn boilerplate_by_whole_words_only() {
        for (html, dropped) in [
            ("<div class='share-tools'>x</div>", true),
            ("<div class='shared-content'>x</div>", false),
            ("<div class='main-article'>x</div>", false),
            ("<div id='sidebarRight'>x</div>", true),
            ("<div class='leaderboard'>x</div>", false),
            ("<div class='ad-slot'>x</div>", true),
            ("<div class='loaded'>x</div>", false),
            ("<div class='tagline'>x</div>", false),
            ("<div aria-label='Share this article'>x</div>", true),
            ("<div role='navigation'>x</div>", true),
            ("<div class='post-tags'>x</div>", true),
        ] {
            let dom = dom::parse(html).unwrap();
            let div = dom.find("div").unwrap();
            assert_eq!(is_site(&dom, div), dropped, "{html}");
        }
    }

    #[test]
    fn line_breaks_and_white_space() {
        let a = from_html(
            "<p>One\n  two&nbsp;&amp;\tthree<br>four<br> <br>five</p><pre>  a\n    b</pre><p>x\u{ad}y</p>",
        );
        assert_eq!(a.text, "One two & three\nfour\n\nfive\n\n  a\n    b\n\nxy");
    }

    #[test]
    fn tables_read_row_by_row() {
        let a = from_html(
            "<table><tr><th>Year</th><th>Event</th></tr><tr><td>1066</td><td>Hastings</td></tr></table>",
        );
        assert_eq!(a.text, "Year | Event\n\n1066 | Hastings");
    }
}
