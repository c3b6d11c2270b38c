//! A citation of one event as plain text, for pasting into a report: what
//! happened and when, the source it rests on (title, publisher, date, link)
//! and the quoted passage. Pure text from the model; the app puts it on the
//! clipboard (Edit > Copy citation).

use crate::model::{Document, EventRef, Zone};

/// The citation of `event` (of `doc`) by its evidence number `evidence`
/// (the one shown; the first when out of range). An event that cites no
/// source says so, and gives its own links. Times of day are given in
/// `zone`.
#[must_use]
pub fn citation(doc: &Document, event: &EventRef<'_>, evidence: usize, zone: Zone) -> String {
    let mut lines = vec![event.display_title()];
    let date = event.date_human_in(zone);
    let written = event.date_text();
    lines.push(if date == written {
        date
    } else {
        format!("{date} (as written: {written})")
    });
    let cited = event
        .evidence
        .get(evidence)
        .or_else(|| event.evidence.first());
    let source = cited.and_then(|e| event.source(doc, e));
    if let Some(source) = source {
        let mut line = format!("Source: {}", source.title);
        if let Some(publisher) = &source.publisher {
            line.push_str(", ");
            line.push_str(publisher);
        }
        if let Some(published) = &source.published {
            line.push_str(", ");
            line.push_str(&published.human());
        }
        lines.push(line);
        if let Some(url) = source.url.as_ref().or(event.url.as_ref()) {
            lines.push(url.clone());
        }
    } else {
        lines.push("Source: none cited".to_owned());
        lines.extend(event.url.iter().cloned());
    }
    lines.extend(
        event
            .links
            .iter()
            .filter(|l| {
                source.and_then(|s| s.url.as_ref()) != Some(*l) && event.url.as_ref() != Some(*l)
            })
            .cloned(),
    );
    if let Some(evidence) = cited.filter(|e| !e.quote.trim().is_empty()) {
        lines.push(format!(
            "Quote: \u{201c}{}\u{201d}",
            one_line(&evidence.quote)
        ));
        if let Some(note) = &evidence.note {
            lines.push(format!("Note: {note}"));
        }
    } else if let Some(source) = source.filter(|s| s.text.len() <= OWN_TEXT_MAX) {
        // No quote: the whole text is the evidence (a spreadsheet row's
        // notes, which name the row's own sources). It is given whole, one
        // line per paragraph.
        for paragraph in source.text.split("\n\n").map(one_line) {
            if !paragraph.is_empty() {
                lines.push(paragraph);
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// Longest text, without a quote, that a citation gives whole: a row's
/// notes, not an article.
const OWN_TEXT_MAX: usize = 1200;

/// `text` with its runs of whitespace (line breaks of the source) as single
/// spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example_event(doc: &Document, id: &str) -> String {
        let event = doc.event(doc.event_by_id(id).unwrap()).unwrap();
        citation(doc, &event, 0, Zone::Utc)
    }

    #[test]
    fn a_quoted_event_names_its_source_and_quotes_it() {
        let doc = crate::example::load().unwrap();
        let text = example_event(&doc, "treaty");
        assert_eq!(
            text,
            "Putin and Kim Jong-un sign a mutual defense treaty in Pyongyang\n\
             Wed 19 June 2024 (as written: 2024-06-19)\n\
             Source: South Korea Monitors North Korea's Potential Troop Support in Ukraine War, \
             News article citing Yonhap News Agency (scraped copy), Wed 16 October 2024\n\
             Quote: \u{201c}culminating in a treaty signed by Russian President Vladimir Putin and \
             North Korean leader Kim Jong-un during a summit in Pyongyang in June.\u{201d}\n\
             Note: The article gives the month; the date 19 June is from reports of the summit.\n"
        );
    }

    #[test]
    fn an_event_citing_nothing_says_so_and_keeps_its_links() {
        let doc = crate::model::DocumentBuilder {
            events: vec![crate::model::Event {
                url: Some("https://example.org/a".into()),
                links: vec![
                    "https://example.org/a".into(),
                    "https://example.org/b".into(),
                ],
                ..crate::model::Event::new(
                    "a",
                    "Summit",
                    crate::model::Date::parse("2024-06").unwrap(),
                )
            }],
            ..crate::model::DocumentBuilder::default()
        }
        .build();
        let text = citation(&doc, &doc.event(0).unwrap(), 0, Zone::Utc);
        assert_eq!(
            text,
            "Summit\nJune 2024 (as written: 2024-06)\nSource: none cited\n\
             https://example.org/a\nhttps://example.org/b\n"
        );
    }

    #[test]
    fn a_row_of_a_table_cites_its_own_text_whole_which_names_its_sources() {
        let text = "date,title,notes,source_url\n2024-10-16,Briefing,\"The minister\nbriefed lawmakers.\",https://example.org/r\n";
        let doc = crate::formats::csv::parse(
            text,
            std::path::Path::new("t.csv"),
            &crate::formats::ImportOptions::default(),
        )
        .unwrap();
        let event = doc.event(0).unwrap();
        assert_eq!(
            citation(&doc, &event, 3, Zone::Utc),
            "Briefing\nWed 16 October 2024 (as written: 2024-10-16)\nSource: Row 1 of t.csv\n\
             https://example.org/r\nThe minister briefed lawmakers.\n"
        );
    }
}
