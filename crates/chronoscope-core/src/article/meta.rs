//! What a web page says about itself: title, publisher, author,
//! publication date and address.
//!
//! Pages describe themselves several ways at once, for social networks
//! (Open Graph `<meta property="og:…">`), for search engines (JSON-LD
//! `<script type="application/ld+json">`, often a `@graph` of linked nodes)
//! and in plain `<meta name>`, `<title>` and `<link rel="canonical">`. Each
//! field is taken from the first of these that has it, in the order an
//! analyst can trust most; a JSON-LD block that does not parse is skipped.
//! Dates are read into [`Date`]s at the precision written, a time to the
//! minute with its offset.

use std::collections::HashMap;

use serde_json::Value;

use super::dom::{Data, Dom, NodeId};
use crate::formats::DayMonthOrder;
use crate::model::{Date, Precision};

/// The metadata found in a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Meta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
}

/// Reads the metadata of `dom`; `time` is the publication date shown in the
/// article itself (its first `<time datetime>`), the last resort for the
/// date.
pub(super) fn read(dom: &Dom, time: Option<Date>) -> Meta {
    let found = Found::collect(dom);
    let ld = JsonLd::read(&found.json_ld);
    let named = |keys: &[&str]| keys.iter().find_map(|k| found.meta.get(*k)).cloned();

    let publisher = named(&["og:site_name"])
        .and_then(|s| clean(&s))
        .or_else(|| ld.publisher.clone());
    let title = named(&["og:title"])
        .and_then(|s| clean(&s))
        .or_else(|| ld.headline.clone())
        .or_else(|| found.title.as_deref().and_then(clean))
        .map(|t| without_site(&t, publisher.as_deref()));
    let author = named(&["author"])
        .into_iter()
        .chain(named(&["article:author"]))
        .find_map(|a| person(&a))
        .or_else(|| ld.author.clone());
    let date = named(&["article:published_time", "og:article:published_time"])
        .and_then(|d| published(&d))
        .or_else(|| ld.published.as_deref().and_then(published))
        .or_else(|| {
            DATE_NAMES
                .iter()
                .filter_map(|k| found.meta.get(*k))
                .find_map(|d| published(d))
        })
        .or(time);
    let url = pick_url(
        found.canonical.as_deref(),
        named(&["og:url"]).as_deref(),
        ld.url.as_deref(),
        found.saved_from.as_deref(),
    );
    Meta {
        title,
        publisher,
        author,
        published: date,
        url,
    }
}

/// `<meta name>`s (and `itemprop`s) that give the publication date.
const DATE_NAMES: [&str; 11] = [
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
];

/// What the document's elements say, before it is weighed.
#[derive(Default)]
struct Found {
    /// `<meta>` values by lower-case `property`, `name` or `itemprop`, the
    /// first of each.
    meta: HashMap<String, String>,
    title: Option<String>,
    canonical: Option<String>,
    json_ld: Vec<String>,
    /// The address in a browser's `<!-- saved from url=(0042)https://… -->`.
    saved_from: Option<String>,
}

impl Found {
    fn collect(dom: &Dom) -> Self {
        let mut found = Self::default();
        for id in dom.descendants(Dom::DOCUMENT) {
            if let Data::Comment(text) = &dom.nodes[id].data {
                if found.saved_from.is_none() {
                    found.saved_from = saved_from(text);
                }
                continue;
            }
            match dom.tag(id) {
                Some("meta") => {
                    let Some(content) = dom.attr(id, "content") else {
                        continue;
                    };
                    for key in ["property", "name", "itemprop"] {
                        if let Some(k) = dom.attr(id, key) {
                            found
                                .meta
                                .entry(k.trim().to_ascii_lowercase())
                                .or_insert_with(|| content.to_owned());
                        }
                    }
                }
                Some("title") if found.title.is_none() => {
                    found.title = Some(text_inside(dom, id));
                }
                Some("link") if found.canonical.is_none() => {
                    let canonical = dom.attr(id, "rel").is_some_and(|rel| {
                        rel.split_ascii_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        found.canonical = dom.attr(id, "href").and_then(clean);
                    }
                }
                Some("script") => {
                    let json = dom
                        .attr(id, "type")
                        .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                    if json {
                        found.json_ld.push(text_inside(dom, id));
                    }
                }
                _ => {}
            }
        }
        found
    }
}

/// The text of the nodes inside `id`.
fn text_inside(dom: &Dom, id: NodeId) -> String {
    let mut text = String::new();
    for n in dom.descendants(id) {
        if let Data::Text(t) = &dom.nodes[n].data {
            text.push_str(t);
        }
    }
    text
}

/// The address in a browser's "saved from" comment.
fn saved_from(comment: &str) -> Option<String> {
    let rest = comment.trim().strip_prefix("saved from url=")?;
    // `(0042)` is the length of the address that follows.
    let rest = match rest.strip_prefix('(') {
        Some(r) => r.split_once(')').map_or(r, |(_, after)| after),
        None => rest,
    };
    let url = rest.split_whitespace().next()?;
    is_web_address(url).then(|| url.to_owned())
}

fn is_web_address(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The page's address: the canonical link, or Open Graph's, or JSON-LD's,
/// or where the browser saved it from; a full address before a relative
/// one.
fn pick_url(
    canonical: Option<&str>,
    og: Option<&str>,
    ld: Option<&str>,
    saved: Option<&str>,
) -> Option<String> {
    let all = [canonical, og, ld, saved];
    all.iter()
        .flatten()
        .find(|u| is_web_address(u))
        .or_else(|| all.iter().flatten().next())
        .and_then(|u| clean(u))
}

/// `text` with its white space collapsed; `None` when nothing is left.
pub(super) fn clean(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A person's name as a page gives it: `None` for an address (Open Graph
/// `article:author` is often a profile page), without a leading "By".
fn person(text: &str) -> Option<String> {
    let name = clean(text)?;
    if is_web_address(&name) {
        return None;
    }
    let bare = ["By ", "by ", "BY "]
        .iter()
        .find_map(|by| name.strip_prefix(by))
        .unwrap_or(&name);
    clean(bare)
}

/// Separators between a page's title and its site's name.
const SITE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " · ", " :: ", " » "];

/// `title` without the site's name after (or before) a separator, when that
/// name is the publisher's.
fn without_site(title: &str, publisher: Option<&str>) -> String {
    let Some(publisher) = publisher else {
        return title.to_owned();
    };
    let publisher = publisher.to_lowercase();
    for sep in SITE_SEPARATORS {
        if let Some((before, after)) = title.rsplit_once(sep)
            && after.trim().to_lowercase() == publisher
            && !before.trim().is_empty()
        {
            return before.trim().to_owned();
        }
        if let Some((before, after)) = title.split_once(sep)
            && before.trim().to_lowercase() == publisher
            && !after.trim().is_empty()
        {
            return after.trim().to_owned();
        }
    }
    title.to_owned()
}

/// A publication date as pages write it (`2024-10-16`,
/// `2024-10-16T09:12:00.000Z`, `2024-10-16T09:12:00+0900`,
/// `Wed, 16 Oct 2024 09:12:00 GMT`, `October 16, 2024`): the day, or the
/// minute with its offset when a time is given (seconds are dropped: no
/// one cites a publication to the second).
pub(super) fn published(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    let mut date = Date::parse(text)
        .ok()
        .or_else(|| {
            crate::formats::dates::parse_loose(text, DayMonthOrder::Ask)
                .ok()
                .map(|loose| loose.date)
        })
        .or_else(|| {
            // RFC 2822 with a zone name (`GMT`, `UTC`, `EST`…) or a weekday
            // parse_loose does not know.
            let without_weekday = text
                .split_once(',')
                .filter(|(day, _)| day.len() <= 9 && day.chars().all(char::is_alphabetic))
                .map_or(text, |(_, rest)| rest.trim());
            crate::formats::dates::parse_loose(without_weekday, DayMonthOrder::Ask)
                .ok()
                .map(|loose| loose.date)
        })?;
    if date.approximate || date.uncertain {
        return None;
    }
    if date.precision > Precision::Minute {
        date.precision = Precision::Minute;
        date.second = 0;
        date.nanosecond = 0;
    }
    Some(date)
}

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default, PartialEq)]
struct JsonLd {
    headline: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// The `@type`s of an article, as schema.org names them (besides any
/// ending in `Article`).
const ARTICLE_TYPES: [&str; 6] = [
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "Report",
    "Posting",
];

impl JsonLd {
    fn read(scripts: &[String]) -> Self {
        let values: Vec<Value> = scripts
            .iter()
            .filter_map(|s| serde_json::from_str(unwrap_script(s)).ok())
            .collect();
        let mut nodes = Vec::new();
        for value in &values {
            collect_nodes(value, &mut nodes);
        }
        let by_id: HashMap<&str, &Value> = nodes
            .iter()
            .filter_map(|n| Some((n.get("@id")?.as_str()?, *n)))
            .collect();
        let is_type = |node: &Value, wanted: &dyn Fn(&str) -> bool| match node.get("@type") {
            Some(Value::String(t)) => wanted(t),
            Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(wanted),
            _ => false,
        };
        let article = nodes
            .iter()
            .find(|n| is_type(n, &|t| t.ends_with("Article") || ARTICLE_TYPES.contains(&t)))
            .or_else(|| {
                nodes.iter().find(|n| {
                    is_type(n, &|t| t.ends_with("Page")) && n.get("datePublished").is_some()
                })
            })
            .or_else(|| nodes.iter().find(|n| n.get("headline").is_some()));
        let Some(article) = article else {
            return Self::default();
        };
        let name_of = |v: &Value| -> Option<String> {
            match resolve(&by_id, v) {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("name").and_then(string),
                _ => None,
            }
        };
        let author = article.get("author").and_then(|a| {
            let names: Vec<String> = match a {
                Value::Array(list) => list.iter().filter_map(&name_of).collect(),
                one => name_of(one).into_iter().collect(),
            };
            let mut unique: Vec<String> = Vec::new();
            for name in names.iter().filter_map(|n| person(&decode_entities(n))) {
                if !unique.contains(&name) {
                    unique.push(name);
                }
            }
            (!unique.is_empty()).then(|| unique.join(", "))
        });
        let field = |key: &str| {
            article
                .get(key)
                .and_then(string)
                .and_then(|s| clean(&decode_entities(&s)))
        };
        Self {
            headline: field("headline"),
            publisher: article
                .get("publisher")
                .and_then(name_of)
                .and_then(|p| clean(&decode_entities(&p))),
            author,
            published: field("datePublished"),
            url: field("url").or_else(|| {
                article
                    .get("mainEntityOfPage")
                    .and_then(|m| string(m).or_else(|| m.get("@id").and_then(string)))
            }),
        }
    }
}

/// The node `value` refers to by its `@id` alone, or `value` itself.
fn resolve<'a>(by_id: &HashMap<&str, &'a Value>, value: &'a Value) -> &'a Value {
    match value.get("@id").and_then(Value::as_str) {
        Some(id) if value.get("name").is_none() => by_id.get(id).copied().unwrap_or(value),
        _ => value,
    }
}

/// A JSON string, or the first string of a list.
fn string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Array(list) => list.first().and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// The JSON inside a script, without the comment or CDATA marks old pages
/// wrap it in.
fn unwrap_script(text: &str) -> &str {
    let mut text = text.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(inner) = text.strip_prefix(open) {
            text = inner.trim_start();
            if let Some(inner) = text.strip_suffix(close) {
                text = inner.trim_end();
            }
        }
    }
    text
}

/// The objects of a JSON-LD block: the block itself, the items of a list,
/// and the items of a `@graph` in either (no deeper: a page's JSON-LD is
/// read in time proportional to its size).
fn collect_nodes<'a>(value: &'a Value, nodes: &mut Vec<&'a Value>) {
    let mut push = |v: &'a Value| {
        if v.is_object() {
            nodes.push(v);
            if let Some(Value::Array(graph)) = v.get("@graph") {
                nodes.extend(graph.iter().filter(|g| g.is_object()));
            }
        }
    };
    match value {
        Value::Array(items) => items.iter().for_each(&mut push),
        other => push(other),
    }
}

/// `text` with the HTML entities some sites leave in their JSON-LD decoded
/// (`&amp;`, `&quot;`, `&#39;`, `&#x2019;`…).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest[1..]
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| Some((entity_char(&rest[1..=end])?, end + 2)));
        if let Some((c, len)) = entity {
            out.push(c);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The character of an entity's name (`amp`, `#39`, `#x2019`).
fn entity_char(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Meta {
        read(&super::super::dom::parse(html).unwrap(), None)
    }

    #[test]
    fn publication_dates_as_pages_write_them() {
        let cases = [
            ("2024-10-16", "2024-10-16"),
            ("2024-10-16T09:12:00+09:00", "2024-10-16T09:12+09:00"),
            ("2024-10-16T09:12:00.000Z", "2024-10-16T09:12Z"),
            ("2024-10-16T09:12:00+0900", "2024-10-16T09:12+09:00"),
            ("2024-10-16T09:12:45-05:00", "2024-10-16T09:12-05:00"),
            ("2024-10-16 09:12", "2024-10-16T09:12"),
            ("Wed, 16 Oct 2024 09:12:00 GMT", "2024-10-16T09:12Z"),
            ("Wed, 16 Oct 2024 09:12:00 +0900", "2024-10-16T09:12+09:00"),
            ("October 16, 2024", "2024-10-16"),
            ("16 October 2024", "2024-10-16"),
        ];
        for (written, expected) in cases {
            assert_eq!(
                published(written),
                Some(Date::parse(expected).unwrap()),
                "{written}"
            );
        }
        for junk in [
            "",
            "yesterday",
            "2024-13-01",
            "2024-02-30",
            "{{date}}",
            "2024?",
        ] {
            assert_eq!(published(junk), None, "{junk}");
        }
    }

    #[test]
    fn json_ld_in_a_graph_with_linked_nodes() {
        let m = meta_of(
            r##"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
                {"@type":"Organization","@id":"#org","name":"The Daily Example"},
                {"@type":"Person","@id":"#p1","name":"Jane Doe"},
                {"@type":["NewsArticle"],"headline":"Talks &amp; more","datePublished":"2024-10-16T09:12:00+09:00",
                 "author":[{"@id":"#p1"},{"@type":"Person","name":"John Roe"},"Jane Doe"],
                 "publisher":{"@id":"#org"},"mainEntityOfPage":{"@id":"https://example.org/a"}}]}</script>"##,
        );
        assert_eq!(m.title.as_deref(), Some("Talks & more"));
        assert_eq!(m.publisher.as_deref(), Some("The Daily Example"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(m.published, Date::parse("2024-10-16T09:12+09:00").ok());
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn json_ld_as_a_list_and_junk_beside_it() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"headline": broken</script>
            <script type="application/ld+json"><!--
            [{"@type":"WebSite","name":"Site"},{"@type":"BlogPosting","headline":"Post","author":"Ann Lee","datePublished":"2023-05-01"}]
            --></script>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Post"));
        assert_eq!(m.author.as_deref(), Some("Ann Lee"));
        assert_eq!(m.published, Date::parse("2023-05-01").ok());
    }

    #[test]
    fn json_ld_nested_past_the_parsers_limit_is_skipped() {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let m = meta_of(&format!(
            r#"<title>Kept</title><script type="application/ld+json">{deep}</script>"#
        ));
        assert_eq!(m.title.as_deref(), Some("Kept"));
    }

    #[test]
    fn open_graph_before_json_ld_before_the_title() {
        let m = meta_of(
            r#"<title>Title tag | Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta property="og:title" content="The  OG
              title - Example News">
            <meta name="author" content="By Jane Doe">
            <meta property="article:author" content="https://facebook.com/jane">
            <meta property="og:url" content="https://example.org/og">
            <link rel="canonical" href="/relative">"#,
        );
        assert_eq!(m.title.as_deref(), Some("The OG title"));
        assert_eq!(m.publisher.as_deref(), Some("Example News"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        // A full address before a relative one.
        assert_eq!(m.url.as_deref(), Some("https://example.org/og"));
    }

    #[test]
    fn the_site_is_cut_from_the_title_only_when_it_is_the_publisher() {
        assert_eq!(without_site("A - B | Site", Some("site")), "A - B");
        assert_eq!(
            without_site("Site: A | Other", Some("Site")),
            "Site: A | Other"
        );
        assert_eq!(without_site("Site — A", Some("Site")), "A");
        assert_eq!(without_site("A | Site", None), "A | Site");
        assert_eq!(without_site(" | Site", Some("Site")), " | Site");
    }

    #[test]
    fn saved_from_comment() {
        assert_eq!(
            saved_from(" saved from url=(0027)https://example.org/a.html "),
            Some("https://example.org/a.html".to_owned())
        );
        assert_eq!(saved_from("saved from url=(0014)about:internet"), None);
    }

    #[test]
    fn entities_in_json_ld() {
        assert_eq!(
            decode_entities("A &amp; B &#39;x&#x2019; &bogus; &"),
            "A & B 'x’ &bogus; &"
        );
    }
}
