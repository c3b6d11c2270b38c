//! HTML in imported texts, turned into readable plain text and a list of its
//! links.
//!
//! `TimelineJS`, SIMILE and others put HTML in descriptions. Chronoscope never
//! renders it as markup: `html2text` turns it into text (entities decoded,
//! tags gone, paragraphs and line breaks kept), and the link targets are
//! collected so the UI can show them as working links.
//!
//! What `html2text` costs grows with how deeply the elements nest (its
//! parser checks the open elements at every tag, its layout indents and
//! annotates every line by every element around it, and nested tables are
//! laid out cell by cell), so a description nested a few thousand levels deep
//! took minutes; and its parser compares each attribute of a tag with the
//! ones before it, so a tag of many thousand attributes took as long. So:
//! - a linear scan estimates the nesting the way an HTML parser builds it
//!   and counts attributes;
//! - the parser (`html5ever`, which html2text uses, driven here) counts its
//!   work as it goes and is stopped when the work outgrows the text, which
//!   bounds whatever nesting the scan did not foresee;
//! - the tree it built is measured before it is laid out.
//!
//! Past [`MAX_DEPTH`] elements, [`MAX_TABLE_DEPTH`] tables or
//! [`MAX_ATTRIBUTES`] attributes the text is read flat instead (every tag
//! but links and line breaks removed, entities still decoded, links still
//! kept) and [`HtmlText::flattened`] says so, for the importer's warning.
//!
//! The same guards (the scan, the counted parse into any tree, the flat
//! reading) stand before [`crate::article`]'s reading of whole web pages.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::rc::Rc;

use html2text::{Handle, RcDom};
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, ExpandedName, QualName};

/// Readable text and the links it contained.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    pub text: String,
    /// Link targets in order of appearance, without duplicates.
    pub links: Vec<String>,
    /// Set when the HTML would have cost too much to lay out and was read
    /// as plain text: the reason, for a warning.
    pub flattened: Option<Flattened>,
}

/// Why an HTML text was read as plain text rather than laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flattened {
    /// Elements nested deeper than [`MAX_DEPTH`].
    Nesting,
    /// Tables nested deeper than [`MAX_TABLE_DEPTH`].
    Tables,
    /// A tag with more than [`MAX_ATTRIBUTES`] attributes.
    Attributes,
}

impl fmt::Display for Flattened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Nesting => write!(
                f,
                "HTML nested deeper than {MAX_DEPTH} levels; read as plain text (tags removed, links kept)"
            ),
            Self::Tables => write!(
                f,
                "HTML tables nested deeper than {MAX_TABLE_DEPTH} levels; read as plain text (tags removed, links kept)"
            ),
            Self::Attributes => write!(
                f,
                "an HTML tag with more than {MAX_ATTRIBUTES} attributes; read as plain text (tags removed, links kept)"
            ),
        }
    }
}

/// Deepest nesting of elements laid out as HTML. Real descriptions stay
/// within a few dozen levels; at this depth a megabyte of HTML converts in
/// a few times the time of flat HTML.
pub const MAX_DEPTH: usize = 100;

/// Deepest nesting of tables laid out as HTML. Each table is laid out from
/// the widths of its cells, which lays out the tables inside them: a
/// megabyte of tables nested 100 deep took 15 times as long as flat HTML,
/// 16 deep about as long.
pub const MAX_TABLE_DEPTH: usize = 16;

/// Most attributes of one tag laid out as HTML. The parser compares each
/// attribute with those before it: 20,000 attributes took seconds.
pub const MAX_ATTRIBUTES: usize = 256;

/// Wide enough that html2text never wraps lines itself; the UI wraps.
const NO_WRAP: usize = 100_000;

/// Converts `html` (or plain text) to readable text and its links.
#[must_use]
pub fn to_text(html: &str) -> HtmlText {
    if !html.contains(['<', '&']) {
        return plain(html);
    }
    let config = html2text::config::rich();
    let flattened = match check_nesting(html) {
        // The scan estimates; the parser's work is counted as it goes, and
        // the tree it built is measured before it is laid out.
        Ok(()) => match parse_counted(html).and_then(|dom| tree_nesting(&dom).map(|()| dom)) {
            Ok(dom) => return render(&config, &dom).unwrap_or_else(|| plain(html)),
            Err(kind) => kind,
        },
        Err(kind) => kind,
    };
    let flat = flatten(html);
    let mut text = parse_counted(&flat)
        .ok()
        .and_then(|dom| render(&config, &dom))
        .unwrap_or_else(|| plain(&flat));
    text.flattened = Some(flattened);
    text
}

/// Work the parser may do for each byte of HTML (plus [`BASE_WORK`]) before
/// it is stopped and the text read flat. Its work is looking at the
/// elements open, which it does at a tag about as many times as there are:
/// flat HTML costs about 1 look a byte, HTML nested [`MAX_DEPTH`] deep 10
/// to 30, and it grows with the depth without end (a parse 5,000 deep
/// costs as many thousands).
const WORK_PER_BYTE: usize = 64;

/// Work any parse may do, however short the HTML (about what 1,000 nested
/// elements cost).
const BASE_WORK: usize = 1_000_000;

/// Bytes given to the parser between two looks at its work.
const CHUNK: usize = 4096;

/// Parses `html` as html2text does, counting the parser's work, and stops
/// (as too deeply nested) when the work outgrows the HTML. The scan of
/// [`check_nesting`] follows the parser's rules only as far as they
/// commonly go; this bounds what it misses.
fn parse_counted(html: &str) -> Result<RcDom, Flattened> {
    let work = Rc::new(Cell::new(0_usize));
    let sink = Counted {
        dom: RcDom::default(),
        work: Rc::clone(&work),
    };
    parse_counted_into(html, sink, &work)
}

/// Parses `html` into `sink`, which adds to `work` each time the parser
/// looks at an element's name or identity (as [`Counted`] does), and stops
/// (as too deeply nested) when that work passes [`WORK_PER_BYTE`] a byte
/// plus [`BASE_WORK`]. For any tree the parser builds: the article reader
/// builds its own.
pub(crate) fn parse_counted_into<S: TreeSink>(
    html: &str,
    sink: S,
    work: &Cell<usize>,
) -> Result<S::Output, Flattened> {
    let budget = html
        .len()
        .saturating_mul(WORK_PER_BYTE)
        .saturating_add(BASE_WORK);
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(sink, opts);
    let mut start = 0;
    while start < html.len() {
        let mut end = (start + CHUNK).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&html[start..end]));
        if work.get() > budget {
            return Err(Flattened::Nesting);
        }
        start = end;
    }
    let output = parser.finish();
    if work.get() > budget {
        return Err(Flattened::Nesting);
    }
    Ok(output)
}

/// html2text's document, built by a parser whose work is counted: each
/// look at an element's name or identity, which the parser does for the
/// elements open at every tag.
struct Counted {
    dom: RcDom,
    work: Rc<Cell<usize>>,
}

impl Counted {
    fn count(&self) {
        self.work.set(self.work.get().saturating_add(1));
    }
}

impl TreeSink for Counted {
    type Handle = Handle;
    type Output = RcDom;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> RcDom {
        self.dom
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.dom.parse_error(msg);
    }

    fn get_document(&self) -> Handle {
        self.dom.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        self.count();
        self.dom.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.dom.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        self.dom.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.dom.create_pi(target, data)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.dom.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        self.dom
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.dom
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &Handle) {
        self.dom.mark_script_already_started(node);
    }

    fn pop(&self, node: &Handle) {
        self.dom.pop(node);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.dom.get_template_contents(target)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.count();
        self.dom.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.dom.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.dom.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.dom.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(
        &self,
        target: &Handle,
        form: &Handle,
        nodes: (&Handle, Option<&Handle>),
    ) {
        self.dom.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.dom.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.dom.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.dom.is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.dom.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &Handle) -> bool {
        self.dom.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(
        &self,
        location: &Handle,
        template: &Handle,
        attrs: &[Attribute],
    ) -> bool {
        self.dom
            .attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.dom.maybe_clone_an_option_into_selectedcontent(option);
    }
}

/// `text` as it is, trimmed.
fn plain(text: &str) -> HtmlText {
    HtmlText {
        text: text.trim().to_owned(),
        links: Vec::new(),
        flattened: None,
    }
}

/// Lays out a parsed document as text, collecting its links.
fn render(
    config: &html2text::config::Config<html2text::render::RichDecorator>,
    dom: &RcDom,
) -> Option<HtmlText> {
    let tree = config.dom_to_render_tree(dom).ok()?;
    let lines = config.render_to_lines(tree, NO_WRAP).ok()?;
    let mut text = String::new();
    let mut targets = Vec::new();
    let mut seen = HashSet::new();
    for line in lines {
        for tagged in line.tagged_strings() {
            text.push_str(&tagged.s);
            for annotation in &tagged.tag {
                if let html2text::render::RichAnnotation::Link(url) = annotation
                    && !seen.contains(url.as_str())
                {
                    seen.insert(url.clone());
                    targets.push(url.clone());
                }
            }
        }
        text.push('\n');
    }
    Some(HtmlText {
        text: tidy(&text),
        links: targets,
        flattened: None,
    })
}

/// Trims trailing spaces on each line and blank lines at both ends.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_owned()
}

// ---------------------------------------------------------------- lexing

/// One piece of HTML as [`Lexer`] reads it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Text as written (entities not decoded).
    Text(&'a str),
    /// A `<` that starts no tag, which HTML reads as text.
    Lt,
    /// A start tag: its name and the text of its attributes.
    Start { name: &'a str, attributes: &'a str },
    /// An end tag: its name and the text of its attributes (which HTML
    /// ignores, but its parser reads).
    End { name: &'a str, attributes: &'a str },
    /// The content of an element that holds no markup (`script`, `style`,
    /// `textarea`, …), up to its end tag.
    Raw { element: &'a str, text: &'a str },
    /// A comment, doctype, processing instruction or broken tag.
    Other,
}

/// Elements whose content is text, not markup, up to their end tag.
const RAW_TEXT: [&str; 9] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Reads HTML as tags and text in one pass, as an HTML tokenizer does
/// (simplified: what matters here is where tags begin and end).
pub(crate) struct Lexer<'a> {
    html: &'a str,
    pos: usize,
    /// Inside an element of [`RAW_TEXT`]: its name.
    raw: Option<&'a str>,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(html: &'a str) -> Self {
        Self {
            html,
            pos: 0,
            raw: None,
        }
    }

    /// The end of the tag whose attributes start at `from`: the index of
    /// its `>` outside quoted values, or `None` when the text ends first.
    fn tag_end(&self, from: usize) -> Option<usize> {
        let bytes = self.html.as_bytes();
        let mut quote: Option<u8> = None;
        let mut after_equals = false;
        for (i, &b) in bytes.iter().enumerate().skip(from) {
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None => match b {
                    b'>' => return Some(i),
                    b'=' => after_equals = true,
                    b'"' | b'\'' if after_equals => quote = Some(b),
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {}
                    _ => after_equals = false,
                },
            }
        }
        None
    }

    /// The length of the tag name starting at `from`.
    fn name_len(&self, from: usize) -> usize {
        self.html.as_bytes()[from..]
            .iter()
            .take_while(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
            .count()
    }

    /// The content of the raw-text element `element`, up to its end tag.
    fn raw_text(&mut self, element: &'a str) -> Token<'a> {
        let bytes = self.html.as_bytes();
        let start = self.pos;
        let mut at = start;
        let end = loop {
            let Some(i) = memchr::memmem::find(&bytes[at..], b"</") else {
                break bytes.len();
            };
            let name_at = at + i + 2;
            let after = name_at + element.len();
            if bytes
                .get(name_at..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(element.as_bytes()))
                && bytes.get(after).is_none_or(|b| {
                    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
                })
            {
                break at + i;
            }
            at = name_at;
        };
        self.pos = end;
        Token::Raw {
            element,
            text: &self.html[start..end],
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let html = self.html;
        let bytes = html.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        if let Some(element) = self.raw.take() {
            return Some(self.raw_text(element));
        }
        let rest = &bytes[self.pos..];
        let Some(lt) = memchr::memchr(b'<', rest) else {
            let text = &html[self.pos..];
            self.pos = bytes.len();
            return Some(Token::Text(text));
        };
        if lt > 0 {
            let text = &html[self.pos..self.pos + lt];
            self.pos += lt;
            return Some(Token::Text(text));
        }
        let start = self.pos;
        let skip_to = |from: usize, pattern: &[u8]| {
            memchr::memmem::find(&bytes[from.min(bytes.len())..], pattern)
                .map_or(bytes.len(), |i| from + i + pattern.len())
        };
        let next = rest.get(1).copied();
        let token = match next {
            Some(b'!') if rest.starts_with(b"<!--") => {
                // `<!-->` and `<!--->` are (empty) comments too.
                self.pos = skip_to(start + 2, b"-->");
                Token::Other
            }
            Some(b'!' | b'?') => {
                self.pos = skip_to(start + 2, b">");
                Token::Other
            }
            Some(b'/') => match rest.get(2) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let name_at = start + 2;
                    let name = &html[name_at..name_at + self.name_len(name_at)];
                    let attributes_at = name_at + name.len();
                    if let Some(end) = self.tag_end(attributes_at) {
                        self.pos = end + 1;
                        Token::End {
                            name,
                            attributes: &html[attributes_at..end],
                        }
                    } else {
                        // A tag the text ends in is dropped, as parsers do.
                        self.pos = bytes.len();
                        Token::Other
                    }
                }
                _ => {
                    self.pos = skip_to(start + 2, b">");
                    Token::Other
                }
            },
            Some(b) if b.is_ascii_alphabetic() => {
                let name_at = start + 1;
                let name = &html[name_at..name_at + self.name_len(name_at)];
                let attributes_at = name_at + name.len();
                if let Some(end) = self.tag_end(attributes_at) {
                    self.pos = end + 1;
                    if let Some(raw) = RAW_TEXT.iter().find(|r| r.eq_ignore_ascii_case(name)) {
                        self.raw = Some(raw);
                    }
                    Token::Start {
                        name,
                        attributes: &html[attributes_at..end],
                    }
                } else {
                    self.pos = bytes.len();
                    Token::Other
                }
            }
            _ => {
                self.pos += 1;
                Token::Lt
            }
        };
        Some(token)
    }
}

/// The attributes of a tag, from the text after its name: (name, value as
/// written, entities not decoded), as the HTML tokenizer splits them.
pub(crate) struct Attributes<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
        let mut i = self.pos;
        while i < bytes.len() && (space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            self.pos = i;
            return None;
        }
        let name_start = i;
        // A name may begin with `=`, as the HTML tokenizer reads it.
        if bytes[i] == b'=' {
            i += 1;
        }
        while i < bytes.len() && !space(bytes[i]) && !matches!(bytes[i], b'=' | b'/') {
            i += 1;
        }
        let name = &text[name_start..i];
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && space(bytes[i]) {
                i += 1;
            }
            if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                let end = memchr::memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                value = &text[i + 1..end];
                i = end + 1;
            } else {
                let start = i;
                while i < bytes.len() && !space(bytes[i]) {
                    i += 1;
                }
                value = &text[start..i];
            }
        }
        self.pos = i;
        Some((name, value))
    }
}

pub(crate) fn attributes(text: &str) -> Attributes<'_> {
    Attributes { text, pos: 0 }
}

/// The value of attribute `wanted` in the attribute text of a tag, as
/// written (entities not decoded); the first one when it is repeated.
fn attribute<'a>(text: &'a str, wanted: &str) -> Option<&'a str> {
    attributes(text)
        .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
        .map(|(_, value)| value)
}

// ---------------------------------------------------------------- nesting

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Elements that have no content and no end tag. `html`, `head` and `body`
/// are here too: the parser makes them itself, so their tags nest nothing.
const VOID: [&str; 21] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "html", "head", "body",
];

/// Formatting elements: the parser reopens them around later text when
/// another end tag closed them.
const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements whose end forgets the formatting elements opened inside them.
const MARKERS: [&str; 7] = [
    "applet", "caption", "marquee", "object", "td", "th", "template",
];

/// Start tags that close an open `p`.
const CLOSES_P: [&str; 37] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "xmp",
    "li",
    "dd",
    "dt",
];

/// Where the search for an element "in scope" stops (the parser's default
/// scope): an end tag of an element beyond one of these is ignored.
const SCOPE: [&str; 9] = [
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];

/// The parser's special elements: an end tag of an ordinary element (a
/// `span`) is ignored when one of these is open inside it.
const SPECIAL: [&str; 83] = [
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// A table and its parts: their end tags look for them within the table.
const TABLE_PARTS: [&str; 8] = [
    "table", "caption", "tbody", "thead", "tfoot", "tr", "td", "th",
];

/// Where the search for an open `p` or `button` stops.
fn button_scope(name: &str) -> bool {
    is_one_of(name, &SCOPE) || name.eq_ignore_ascii_case("button")
}

/// Where the search for an open `li` stops, for its end tag.
fn list_item_scope(name: &str) -> bool {
    is_one_of(name, &SCOPE) || is_one_of(name, &["ol", "ul"])
}

/// Where the search for an open `li`, `dd` or `dt` stops, for a start tag
/// of one of them: the special elements, less `address`, `div` and `p`.
fn list_start_scope(name: &str) -> bool {
    is_one_of(name, &SPECIAL) && !is_one_of(name, &["address", "div", "p"])
}

/// An element open during [`check_nesting`].
struct Open<'a> {
    name: &'a str,
    attributes: &'a str,
    /// How many formatting elements waited to be reopened when it opened.
    mark: usize,
}

/// The elements open at a point of the scan, and the formatting elements
/// closed by other end tags, which the parser reopens around the next text.
#[derive(Default)]
struct Nesting<'a> {
    open: Vec<Open<'a>>,
    lingering: Vec<(&'a str, &'a str)>,
    tables: usize,
}

impl Nesting<'_> {
    /// The index of the innermost open element named one of `names`,
    /// searching from the innermost and stopping at an element for which
    /// `stop` holds.
    fn find(&self, names: &[&str], stop: impl Fn(&str) -> bool) -> Option<usize> {
        for (i, open) in self.open.iter().enumerate().rev() {
            if is_one_of(open.name, names) {
                return Some(i);
            }
            if stop(open.name) {
                return None;
            }
        }
        None
    }

    /// Closes the open elements from `index` on.
    fn close_from(&mut self, index: usize) {
        while self.open.len() > index {
            let Some(open) = self.open.pop() else {
                break;
            };
            if open.name.eq_ignore_ascii_case("table") {
                self.tables = self.tables.saturating_sub(1);
            }
            if is_one_of(open.name, &MARKERS) {
                self.lingering.truncate(open.mark);
            } else if self.open.len() > index && is_one_of(open.name, &FORMATTING) {
                // Closed by the end of an element around it: reopened
                // later, at most three alike, as the parser does.
                let alike = self
                    .lingering
                    .iter()
                    .filter(|(n, a)| n.eq_ignore_ascii_case(open.name) && *a == open.attributes)
                    .count();
                if alike < 3 {
                    self.lingering.push((open.name, open.attributes));
                }
            }
        }
    }

    /// Ends the formatting element `name` as the parser's adoption agency
    /// does: when elements other than formatting ones are open inside it
    /// (`<a><div>x</a>`), those stay open and the formatting element is
    /// reopened inside them, so only it leaves, and nothing gets shallower.
    fn end_formatting(&mut self, name: &str) {
        match self.find(&[name], |n| is_one_of(n, &SCOPE)) {
            Some(i) => {
                let blocks_inside = self.open[i + 1..]
                    .iter()
                    .any(|o| !is_one_of(o.name, &FORMATTING));
                if blocks_inside {
                    self.open.remove(i);
                } else {
                    self.close_from(i);
                }
            }
            None => {
                if let Some(i) = self
                    .lingering
                    .iter()
                    .rposition(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    self.lingering.remove(i);
                }
            }
        }
    }

    /// An end tag of `name`, as the parser takes it.
    fn end_tag(&mut self, name: &str) {
        if is_one_of(name, &FORMATTING) {
            self.end_formatting(name);
        } else if is_one_of(name, &SPECIAL) {
            // Ends the element if it is in scope; otherwise ignored.
            let found = if is_one_of(name, &TABLE_PARTS) {
                // Within its own table only.
                self.find(&[name], |n| is_one_of(n, &["table", "template"]))
            } else if name.eq_ignore_ascii_case("li") {
                self.find(&[name], list_item_scope)
            } else if name.eq_ignore_ascii_case("p") {
                self.find(&[name], button_scope)
            } else if is_one_of(name, &HEADINGS) {
                self.find(&HEADINGS, |n| is_one_of(n, &SCOPE))
            } else {
                self.find(&[name], |n| is_one_of(n, &SCOPE))
            };
            if let Some(i) = found {
                self.close_from(i);
            }
        } else if let Some(i) = self.find(&[name], |n| is_one_of(n, &SPECIAL)) {
            // Any other element: ignored when a special one is open inside.
            self.close_from(i);
        }
    }

    /// What a start tag of `name` closes before it opens.
    fn implied_ends(&mut self, name: &str) {
        if is_one_of(name, &CLOSES_P)
            && let Some(p) = self.find(&["p"], button_scope)
        {
            self.close_from(p);
        }
        let lower = name.to_ascii_lowercase();
        let same = match lower.as_str() {
            "li" => self.find(&["li"], list_start_scope),
            "dd" | "dt" => self.find(&["dd", "dt"], list_start_scope),
            "button" => self.find(&["button"], button_scope),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self
                    .open
                    .last()
                    .is_some_and(|o| is_one_of(o.name, &HEADINGS)) =>
            {
                Some(self.open.len() - 1)
            }
            "option" | "optgroup"
                if self
                    .open
                    .last()
                    .is_some_and(|o| o.name.eq_ignore_ascii_case("option")) =>
            {
                Some(self.open.len() - 1)
            }
            // A table row, section or cell closes what is open inside the
            // table, section or row it belongs to.
            "tr" => self
                .find(&["table", "tbody", "thead", "tfoot"], |_| false)
                .map(|i| i + 1),
            "tbody" | "thead" | "tfoot" => self.find(&["table"], |_| false).map(|i| i + 1),
            "td" | "th" => self
                .find(&["tr"], |n| n.eq_ignore_ascii_case("table"))
                .map(|i| i + 1),
            _ => None,
        };
        if let Some(i) = same {
            self.close_from(i);
        }
        if lower == "optgroup"
            && self
                .open
                .last()
                .is_some_and(|o| o.name.eq_ignore_ascii_case("optgroup"))
        {
            self.close_from(self.open.len() - 1);
        }
        if lower == "a" || lower == "nobr" {
            // A new link ends the one open, by the adoption agency.
            self.end_formatting(name);
        }
    }
}

/// Whether the elements of `html`, as an HTML parser would nest them,
/// stay within [`MAX_DEPTH`] and [`MAX_TABLE_DEPTH`], and its tags within
/// [`MAX_ATTRIBUTES`]. An estimate in one pass, stopping at the first tag
/// past a limit, following the parser's rules where they change the depth:
/// end tags close what they match in scope (and are ignored otherwise), the
/// tags that end an open paragraph, list item or table cell do so, a
/// formatting element ended around a block leaves the block open, and
/// formatting elements closed by another end tag count until the parser
/// would have reopened them.
fn check_nesting(html: &str) -> Result<(), Flattened> {
    check_nesting_within(html, MAX_DEPTH, MAX_TABLE_DEPTH)
}

/// [`check_nesting`] with other limits.
pub(crate) fn check_nesting_within(
    html: &str,
    max_depth: usize,
    max_tables: usize,
) -> Result<(), Flattened> {
    let mut nesting = Nesting::default();
    for token in Lexer::new(html) {
        match token {
            Token::Start {
                name,
                attributes: text,
            } => {
                if attributes(text).nth(MAX_ATTRIBUTES).is_some() {
                    return Err(Flattened::Attributes);
                }
                if is_one_of(name, &VOID) {
                    continue;
                }
                nesting.implied_ends(name);
                nesting.open.push(Open {
                    name,
                    attributes: text.trim(),
                    mark: nesting.lingering.len(),
                });
                if name.eq_ignore_ascii_case("table") {
                    nesting.tables += 1;
                    if nesting.tables > max_tables {
                        return Err(Flattened::Tables);
                    }
                }
                if nesting.open.len() + nesting.lingering.len() > max_depth {
                    return Err(Flattened::Nesting);
                }
            }
            Token::End {
                name,
                attributes: text,
            } => {
                if attributes(text).nth(MAX_ATTRIBUTES).is_some() {
                    return Err(Flattened::Attributes);
                }
                nesting.end_tag(name);
            }
            Token::Text(_) | Token::Lt | Token::Raw { .. } | Token::Other => {}
        }
    }
    Ok(())
}

/// The same limits measured on the tree the parser built: the depth of
/// its elements (less `html` and `body`, which every fragment gets) and of
/// its tables. Walks the tree without recursion.
fn tree_nesting(dom: &RcDom) -> Result<(), Flattened> {
    let mut pending = vec![(dom.document.clone(), 0_usize, 0_usize)];
    while let Some((node, depth, tables)) = pending.pop() {
        let (depth, tables) = match &node.data {
            html2text::Element { name, .. } => {
                let table = usize::from(&*name.local == "table");
                (depth + 1, tables + table)
            }
            _ => (depth, tables),
        };
        if tables > MAX_TABLE_DEPTH {
            return Err(Flattened::Tables);
        }
        if depth > MAX_DEPTH + 2 {
            return Err(Flattened::Nesting);
        }
        for child in node.children.borrow().iter() {
            pending.push((child.clone(), depth, tables));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- flat

/// Elements that begin and end a line of their own.
const BLOCKS: [&str; 44] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
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
    "listing",
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
];

/// `html` with its nesting removed: links (`<a href>`, rebuilt) and line
/// breaks (`<br>` for every block element's start and end) are the only
/// tags left; text and its entities are kept as written, raw-text content
/// escaped. One pass; the result nests no deeper than a link.
pub(crate) fn flatten(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut at_break = true;
    let line_break = |out: &mut String, at_break: &mut bool| {
        if !*at_break {
            out.push_str("<br>");
            *at_break = true;
        }
    };
    for token in Lexer::new(html) {
        match token {
            Token::Text(text) => {
                out.push_str(text);
                at_break &= text.trim().is_empty();
            }
            Token::Lt => {
                out.push_str("&lt;");
                at_break = false;
            }
            Token::Raw { element, text } => {
                if is_one_of(element, &["textarea", "xmp", "plaintext"]) {
                    // textarea decodes entities, the others do not.
                    let decodes = element.eq_ignore_ascii_case("textarea");
                    for c in text.chars() {
                        match c {
                            '<' => out.push_str("&lt;"),
                            '&' if !decodes => out.push_str("&amp;"),
                            c => out.push(c),
                        }
                    }
                    at_break &= text.trim().is_empty();
                }
            }
            Token::Start { name, attributes } => {
                if name.eq_ignore_ascii_case("a") {
                    out.push_str("</a>");
                    if let Some(href) = attribute(attributes, "href") {
                        out.push_str("<a href=\"");
                        out.push_str(&href.replace('"', "&quot;"));
                        out.push_str("\">");
                    }
                } else if is_one_of(name, &BLOCKS) {
                    line_break(&mut out, &mut at_break);
                } else if is_one_of(name, &["td", "th"]) {
                    out.push(' ');
                }
            }
            Token::End { name, .. } => {
                if name.eq_ignore_ascii_case("a") {
                    out.push_str("</a>");
                } else if is_one_of(name, &BLOCKS) {
                    line_break(&mut out, &mut at_break);
                }
            }
            Token::Other => {}
        }
    }
    out
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
        assert_eq!(t.flattened, None);
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
        for input in [
            "<a href=",
            "<<<>>>&&&;",
            "<p><b>unclosed",
            "&#xFFFFFFFF;",
            "</",
            "<!--",
            "<script>",
            "<a href='x",
            "<b =\"\">",
            "<table><td></table></td>",
        ] {
            let _ = to_text(input);
            let _ = flatten(input);
            let _ = check_nesting(input);
        }
    }

    fn nested(open: &str, depth: usize, inner: &str, close: &str) -> String {
        format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
    }

    #[test]
    fn regression_deeply_nested_html_in_a_description_hangs() {
        // 5,000 levels took about a minute; the scan stops at the limit and
        // the text is read flat, with its links and entities.
        let started = std::time::Instant::now();
        for (open, close) in [
            ("<div>", "</div>"),
            ("<table><tr><td>x", "</td></tr></table>"),
            ("<ul><li>", "</li></ul>"),
            ("<blockquote>", "</blockquote>"),
            ("<b>", ""),
        ] {
            let html = nested(
                open,
                5_000,
                "Deep &amp; down <a href=\"https://example.org/d\">here</a>",
                close,
            );
            let t = to_text(&html);
            assert!(t.flattened.is_some(), "{open}");
            assert!(t.text.contains("Deep & down here"), "{open}: {:?}", &t.text);
            assert_eq!(t.links, ["https://example.org/d"], "{open}");
        }
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn regression_a_tag_with_thousands_of_attributes_takes_quadratic_time() {
        // The parser compares each attribute with those before it: 100,000
        // took minutes. Past the limit the tag is dropped, its text kept.
        let mut html = String::from("<p>Before <b");
        for i in 0..100_000 {
            write!(html, " a{i}=\"{i}\"").unwrap();
        }
        html.push_str(">bold</b> <a href='https://e.org/x' title=t>after</a></p>");
        let started = std::time::Instant::now();
        let t = to_text(&html);
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(t.flattened, Some(Flattened::Attributes));
        assert_eq!(t.text, "Before bold after");
        assert_eq!(t.links, ["https://e.org/x"]);
        // The same in an end tag, which HTML ignores but its parser reads.
        let end_tag = format!("<b>x</b{}>", " z".repeat(MAX_ATTRIBUTES + 1));
        assert_eq!(check_nesting(&end_tag), Err(Flattened::Attributes));
        let within = format!("<b{}>x</b>", " z".repeat(MAX_ATTRIBUTES));
        assert_eq!(check_nesting(&within), Ok(()));
    }

    #[test]
    fn nesting_within_the_limits_is_laid_out_as_html() {
        let html = nested("<div>", MAX_DEPTH - 5, "<b>inside</b>", "</div>");
        assert_eq!(check_nesting(&html), Ok(()));
        let t = to_text(&html);
        assert_eq!((t.text.as_str(), t.flattened), ("inside", None));
        let html = nested("<div>", MAX_DEPTH + 1, "x", "</div>");
        assert_eq!(check_nesting(&html), Err(Flattened::Nesting));
        let tables = nested(
            "<table><tr><td>",
            MAX_TABLE_DEPTH,
            "x",
            "</td></tr></table>",
        );
        assert_eq!(check_nesting(&tables), Ok(()));
        assert_eq!(to_text(&tables).flattened, None);
        let tables = nested(
            "<table><tr><td>",
            MAX_TABLE_DEPTH + 1,
            "x",
            "</td></tr></table>",
        );
        assert_eq!(check_nesting(&tables), Err(Flattened::Tables));
        assert_eq!(to_text(&tables).flattened, Some(Flattened::Tables));
    }

    #[test]
    fn long_flat_html_is_not_deep() {
        // Siblings, implied ends and void elements do not add up.
        for html in [
            "<p>a".repeat(500),
            "<li>a".repeat(500),
            "<dt>a<dd>b".repeat(500),
            "<br><img src=x><hr>".repeat(500),
            "<table><tr><td>a<td>b<tr><td>c</table>".repeat(200),
            "<p><b>bold</p>".repeat(500),
            "<h1>a<h2>b".repeat(500),
            "<a href=1>a<a href=2>b".repeat(500),
            "<span>a</span>".repeat(500),
            "<!-- <div> --><script>if (a <div) {}</script>".repeat(500),
        ] {
            assert_eq!(check_nesting(&html), Ok(()), "{}", &html[..40]);
        }
    }

    #[test]
    fn reopened_formatting_counts_towards_the_depth() {
        // Each `</span>` closes a `<b>` of different attributes, which the
        // parser reopens around the text at the end: as deep as their number.
        let mut html = String::new();
        let mut closed = String::new();
        for i in 0..MAX_DEPTH {
            write!(html, "<span><b class=c{i}></span>").unwrap();
            write!(closed, "<span><b class=c{i}></span></b>").unwrap();
        }
        html.push_str("text");
        assert_eq!(check_nesting(&html), Err(Flattened::Nesting));
        // An explicit end forgets them.
        assert_eq!(check_nesting(&closed), Ok(()));
    }

    #[test]
    fn regression_end_tags_the_parser_ignores_nest_deeper_than_counted() {
        // `</a>` around a block leaves the block open (the adoption agency),
        // `</span>` with a block open inside is ignored, `</div>` beyond a
        // table cell is ignored: each repeat is one level deeper, and the
        // parser took 25 s over 20,000 of the first before the tree was
        // measured.
        for unit in [
            "<a href=1><div>x</a>",
            "<span><div>x</span>",
            "<div><td>x</div>",
            "<i><ul>x</i>",
        ] {
            let html = unit.repeat(MAX_DEPTH + 1);
            assert_eq!(check_nesting(&html), Err(Flattened::Nesting), "{unit}");
        }
        let started = std::time::Instant::now();
        let t = to_text(&"<a href=1><div>x</a>".repeat(20_000));
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(t.flattened, Some(Flattened::Nesting));
        // Closed properly, the same elements are flat.
        assert_eq!(
            check_nesting(&"<a href=1>x</a><div>y</div><span><div>z</div></span>".repeat(500)),
            Ok(())
        );
    }

    #[test]
    fn the_parse_is_stopped_when_its_work_outgrows_the_html() {
        // `</br>` is read as `<br>`, which reopens the `<s>` that the next
        // `<a>` closed: each repeat is one level deeper, which the scan
        // does not follow; the parser's work gives it away.
        let html = "</br><a href=1><s>x".repeat(5_000);
        assert_eq!(check_nesting(&html), Ok(()));
        assert_eq!(parse_counted(&html).err(), Some(Flattened::Nesting));
        let t = to_text(&html);
        assert_eq!(t.flattened, Some(Flattened::Nesting));
        assert_eq!(t.links, ["1"]);
        // Within the limit, the same parse is kept.
        let shallow = "</br><a href=1><s>x".repeat(50);
        assert!(parse_counted(&shallow).is_ok());
        assert_eq!(to_text(&shallow).flattened, None);
    }

    #[test]
    fn the_tree_is_measured_when_the_scan_underestimates() {
        // The parser's tree, measured exactly (with its `html` and `body`).
        let dom = html2text::config::rich()
            .parse_html(nested("<div>", MAX_DEPTH + 3, "x", "").as_bytes())
            .unwrap();
        assert_eq!(tree_nesting(&dom), Err(Flattened::Nesting));
        let dom = html2text::config::rich()
            .parse_html(nested("<div>", MAX_DEPTH, "x", "").as_bytes())
            .unwrap();
        assert_eq!(tree_nesting(&dom), Ok(()));
    }

    #[test]
    fn flat_reading_keeps_lines_links_and_entities() {
        let html = "<div><p>One &lt;two&gt;</p><ul><li>Three</li><li><a href='https://e.org/?a=1&amp;b=\"2\"'>four</a></li></ul><script>var x = 1 < 2;</script>5 < 6<br>seven</div>";
        let flat = flatten(html);
        assert!(!flat.contains("<div"), "{flat}");
        let dom = html2text::config::rich()
            .parse_html(flat.as_bytes())
            .unwrap();
        let t = render(&html2text::config::rich(), &dom).unwrap();
        assert_eq!(t.text, "One <two>\nThree\nfour\n5 < 6\nseven", "{flat}");
        assert_eq!(t.links, ["https://e.org/?a=1&b=\"2\""]);
    }

    #[test]
    fn lexer_reads_tags_as_a_parser_does() {
        let tokens: Vec<Token<'_>> =
            Lexer::new("a<b c='>'>d</b >< e<!-- x --><STYLE>p<q</style>").collect();
        assert_eq!(
            tokens,
            [
                Token::Text("a"),
                Token::Start {
                    name: "b",
                    attributes: " c='>'"
                },
                Token::Text("d"),
                Token::End {
                    name: "b",
                    attributes: " "
                },
                Token::Lt,
                Token::Text(" e"),
                Token::Other,
                Token::Start {
                    name: "STYLE",
                    attributes: ""
                },
                Token::Raw {
                    element: "style",
                    text: "p<q"
                },
                Token::End {
                    name: "style",
                    attributes: ""
                },
            ]
        );
        assert_eq!(attribute(" x=1 HREF = \"a b\" href=c", "href"), Some("a b"));
        assert_eq!(attribute(" checked href", "href"), Some(""));
        assert_eq!(attribute(" = href=u", "href"), Some("u"));
        assert_eq!(attribute(" title=x", "href"), None);
    }

    #[test]
    fn many_links_are_listed_once_each_in_linear_time() {
        let mut html = String::new();
        for i in 0..20_000 {
            write!(html, "<a href=\"https://e.org/{}\">l</a> ", i % 10_000).unwrap();
        }
        let t = to_text(&html);
        assert_eq!(t.links.len(), 10_000);
        assert_eq!(t.links[9_999], "https://e.org/9999");
    }
}
