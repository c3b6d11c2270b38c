//! TimeML documents (TempEval-3's TimeBank and AQUAINT files): the
//! publication date in `<DCT>`, the text in `<TEXT>` with its plain
//! characters and their places in the markup, the TIMEX3 annotations it
//! holds, and the same document written back with the tagger's TIMEX3 tags
//! in place of the old ones and nothing else changed. Read as text, not
//! parsed as XML: the files are what they are, and only `<TEXT>` matters.

use std::fmt::Write as _;
use std::ops::Range;

use super::{Kind, Options, Timex, tag};
use crate::model::Date;

/// Why a TimeML document could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TimemlError {
    #[error("no <TEXT>…</TEXT> element")]
    NoText,
}

/// The publication date: the value of the TIMEX3 inside `<DCT>` (its day).
#[must_use]
pub fn dct(xml: &str) -> Option<Date> {
    let start = xml.find("<DCT>")?;
    let end = start + xml[start..].find("</DCT>")?;
    let value = attribute(&xml[start..end], "value")?;
    let day = value.get(..10).unwrap_or(value);
    Date::parse(day).ok()
}

/// The value of attribute `name` in the first tag of `tag_text`.
fn attribute<'a>(tag_text: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag_text;
    loop {
        let at = rest.find(name)?;
        let before_ok = at > 0 && rest.as_bytes()[at - 1].is_ascii_whitespace();
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(after) = after.strip_prefix('=') {
            let after = after.trim_start();
            let quote = after.chars().next()?;
            if quote == '"' || quote == '\'' {
                let body = &after[1..];
                let close = body.find(quote)?;
                return Some(&body[..close]);
            }
        }
        rest = &rest[at + name.len()..];
    }
}

/// The byte range of `<TEXT>`'s content.
fn text_range(xml: &str) -> Result<Range<usize>, TimemlError> {
    let open = xml.find("<TEXT>").ok_or(TimemlError::NoText)? + "<TEXT>".len();
    let close = open + xml[open..].find("</TEXT>").ok_or(TimemlError::NoText)?;
    Ok(open..close)
}

/// A TIMEX3 annotation read from a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// Byte range in the plain text.
    pub span: Range<usize>,
    pub kind: Option<Kind>,
    pub value: String,
}

/// Markup as plain text: tags dropped, entities decoded, and where each
/// plain byte came from.
#[derive(Clone, Debug, Default)]
pub struct Plain {
    pub text: String,
    /// For each plain byte, the markup offset its character starts at.
    pub from: Vec<usize>,
    /// For each plain byte, the markup offset after its character.
    pub to: Vec<usize>,
    /// The TIMEX3 elements met, by plain byte range.
    pub timexes: Vec<Annotation>,
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// `markup` (a part of a document) as plain text.
#[must_use]
pub fn plain(markup: &str) -> Plain {
    let mut out = Plain::default();
    let mut open: Option<(usize, Option<Kind>, String)> = None;
    let mut no_close = false;
    let mut i = 0;
    let bytes = markup.as_bytes();
    while i < markup.len() {
        let c = bytes[i];
        if c == b'<'
            && !no_close
            && let Some(close) = markup[i..].find('>').or_else(|| {
                // No '>' after this one: none after any later '<' either.
                no_close = true;
                None
            })
        {
            let tag_text = &markup[i..=i + close];
            if tag_text.starts_with("<TIMEX3") {
                let kind = attribute(tag_text, "type").and_then(Kind::from_name);
                let value = attribute(tag_text, "value").unwrap_or("").to_owned();
                open = Some((out.text.len(), kind, value));
            } else if tag_text.starts_with("</TIMEX3")
                && let Some((start, kind, value)) = open.take()
            {
                out.timexes.push(Annotation {
                    span: start..out.text.len(),
                    kind,
                    value,
                });
            }
            i += close + 1;
            continue;
        }
        if c == b'&'
            && let Some(semi) = markup.as_bytes()[i..]
                .iter()
                .take(12)
                .position(|&b| b == b';')
            && let Some(ch) = entity(&markup[i + 1..i + semi])
        {
            let end = i + semi + 1;
            for _ in 0..ch.len_utf8() {
                out.from.push(i);
                out.to.push(end);
            }
            out.text.push(ch);
            i = end;
            continue;
        }
        let ch = markup[i..].chars().next().unwrap_or(' ');
        let end = i + ch.len_utf8();
        for _ in 0..ch.len_utf8() {
            out.from.push(i);
            out.to.push(end);
        }
        out.text.push(ch);
        i = end;
    }
    out
}

/// The plain text of `<TEXT>` and the TIMEX3 annotations in it.
pub fn annotations(xml: &str) -> Result<(String, Vec<Annotation>), TimemlError> {
    let range = text_range(xml)?;
    let p = plain(&xml[range]);
    Ok((p.text, p.timexes))
}

/// `markup` without its TIMEX3 tags (their content kept). One pass.
fn without_timex_tags(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(lt) = markup[from..].find('<').map(|k| from + k) {
        let rest = &markup[lt..];
        if !(rest.starts_with("<TIMEX3") || rest.starts_with("</TIMEX3")) {
            from = lt + 1;
            continue;
        }
        let Some(close) = rest.find('>') else {
            break;
        };
        out.push_str(&markup[copied..lt]);
        copied = lt + close + 1;
        from = copied;
    }
    out.push_str(&markup[copied..]);
    out
}

/// The largest `tid="tN"` number outside `<TEXT>`.
fn last_tid(xml: &str, text: &Range<usize>) -> u64 {
    let mut last = 0;
    for (at, _) in xml.match_indices("tid=\"t") {
        if text.contains(&at) {
            continue;
        }
        let digits: String = xml[at + 6..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        last = last.max(digits.parse().unwrap_or(0));
    }
    last
}

/// The markup range of a timex's plain span, shrunk so that it crosses no
/// tag; `None` when nothing is left.
fn markup_range(p: &Plain, markup: &str, span: &Range<usize>) -> Option<Range<usize>> {
    let start = *p.from.get(span.start)?;
    let mut end = *p.to.get(span.end.checked_sub(1)?)?;
    // The first tag inside: stop before it.
    if let Some(tag) = markup[start..end].find('<') {
        end = start + tag;
        while end > start && markup[..end].ends_with(char::is_whitespace) {
            end -= markup[..end].chars().next_back().map_or(1, char::len_utf8);
        }
    }
    (end > start).then_some(start..end)
}

/// The document with the tagger's TIMEX3 tags in `<TEXT>` (any there
/// before taken out), the DCT as the publication date; and the timexes.
pub fn annotate(xml: &str) -> Result<(String, Vec<Timex>), TimemlError> {
    let range = text_range(xml)?;
    let markup = without_timex_tags(&xml[range.clone()]);
    let p = plain(&markup);
    let options = Options {
        published: dct(xml),
        ..Options::default()
    };
    let found = tag(&p.text, &options);
    let mut out = String::with_capacity(xml.len() + found.len() * 60);
    out.push_str(&xml[..range.start]);
    let mut tid = last_tid(xml, &range);
    let mut at = 0;
    for t in &found {
        let Some(r) = markup_range(&p, &markup, &t.span) else {
            continue;
        };
        if r.start < at {
            continue;
        }
        tid += 1;
        out.push_str(&markup[at..r.start]);
        let _ = write!(
            out,
            "<TIMEX3 tid=\"t{tid}\" type=\"{}\" value=\"{}\"",
            t.kind.as_str(),
            t.value
        );
        if let Some(m) = &t.modifier {
            let _ = write!(out, " mod=\"{m}\"");
        }
        out.push('>');
        out.push_str(&markup[r.clone()]);
        out.push_str("</TIMEX3>");
        at = r.end;
    }
    out.push_str(&markup[at..]);
    out.push_str(&xml[range.end..]);
    Ok((out, found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn annotate_never_panics_and_keeps_the_text(
            body in "(\\PC|<|>|&|;|<TIMEX3 value=\"x\">|</TIMEX3>|<EVENT>|</EVENT>|&amp;|&#233;|Friday|last week|3 p.m.| ){0,40}",
        ) {
            let xml = format!("<DCT><TIMEX3 value=\"2024-10-16\">x</TIMEX3></DCT><TEXT>{body}</TEXT>");
            let (out, _) = annotate(&xml).unwrap();
            prop_assert_eq!(without_timex_tags(&out), without_timex_tags(&xml));
        }
    }

    const DOC: &str = "<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-08-07\" functionInDocument=\"CREATION_TIME\">08/07/1998</TIMEX3></DCT>\n<TEXT>\nBombs <EVENT eid=\"e1\">exploded</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-08-07\">Friday</TIMEX3> at AT&amp;T, <EVENT eid=\"e2\">three days</EVENT> after <EVENT eid=\"e3\">last week</EVENT>'s talks.\n</TEXT>\n<TLINK lid=\"l1\" relatedToTime=\"t1\"/>\n</TimeML>\n";

    #[test]
    fn reads_the_dct_and_annotations() {
        assert_eq!(dct(DOC), Date::parse("1998-08-07").ok());
        let (text, gold) = annotations(DOC).unwrap();
        assert!(text.contains("at AT&T,"));
        assert_eq!(gold.len(), 1);
        assert_eq!(&text[gold[0].span.clone()], "Friday");
        assert_eq!(gold[0].kind, Some(Kind::Date));
    }

    #[test]
    fn annotates_without_changing_anything_else() {
        let (out, _) = annotate(DOC).unwrap();
        assert!(
            out.contains("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-08-07\">Friday</TIMEX3>"),
            "{out}"
        );
        // Inside an element, never across one.
        assert!(out.contains("<EVENT eid=\"e2\"><TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P3D\">three days</TIMEX3></EVENT>"), "{out}");
        assert!(out.contains("<TIMEX3 tid=\"t3\" type=\"DATE\" value=\"1998-W31\" mod=\"AFTER\">last week</TIMEX3>"), "{out}");
        // The rest byte for byte: the text without TIMEX3 tags is the same.
        assert_eq!(without_timex_tags(&out), without_timex_tags(DOC));
        assert_eq!(annotate("<TimeML/>"), Err(TimemlError::NoText));
    }
}
