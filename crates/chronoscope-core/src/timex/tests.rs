//! The tagger on whole texts: the seed article, the fixtures of
//! tests/data/timex/, and any string (proptest).

use super::*;
use proptest::prelude::*;

fn published(date: &str) -> Options {
    Options {
        published: Date::parse(date).ok(),
        ..Options::default()
    }
}

/// (text, value, mod) of each expression.
fn found(text: &str, options: &Options) -> Vec<(String, String, Option<String>)> {
    tag(text, options)
        .into_iter()
        .map(|t| (text[t.span].to_owned(), t.value, t.modifier))
        .collect()
}

fn value_of(text: &str, options: &Options, words: &str) -> Timex {
    tag(text, options)
        .into_iter()
        .find(|t| &text[t.span.clone()] == words)
        .unwrap_or_else(|| panic!("{words:?} not found in {:?}", found(text, options)))
}

#[test]
fn the_seed_articles_expressions() {
    let text = include_str!("../../../../assets/nk-troops-article.txt");
    let options = published("2024-10-16");
    let june = value_of(text, &options, "June");
    assert_eq!((june.kind, june.value.as_str()), (Kind::Date, "2024-06"));
    assert_eq!(
        june.anchor,
        Some(Anchor::Published(Date::parse("2024-10-16").unwrap()))
    );
    let month = value_of(text, &options, "earlier this month");
    assert_eq!(month.value, "2024-10");
    assert_eq!(month.modifier.as_deref(), Some("START"));
    assert_eq!(
        month.dates(),
        Some((
            Date::parse("2024-10-01~").unwrap(),
            Date::parse("2024-10-10~").ok()
        ))
    );
    assert_eq!(month.describe(), "early October 2024");
    let week = value_of(text, &options, "last week");
    assert_eq!(week.value, "2024-W41");
    assert_eq!(
        week.dates(),
        Some((
            Date::parse("2024-10-07").unwrap(),
            Date::parse("2024-10-13").ok()
        ))
    );
    assert_eq!(week.describe(), "week of Mon 7 October 2024");
    let wednesday = value_of(text, &options, "Wednesday");
    assert_eq!(wednesday.value, "2024-10-16");
    assert_eq!(wednesday.describe(), "Wed 16 October 2024");
    // Nothing else in it is a date ("3,000 North Koreans", "recently" is PAST_REF).
    let values: Vec<String> = tag(text, &options).into_iter().map(|t| t.value).collect();
    assert_eq!(
        values,
        ["2024-10-16", "2024-W41", "2024-10", "PAST_REF", "2024-06"]
    );
}

#[test]
fn without_a_publication_date_relative_expressions_stay_unresolved() {
    let text = include_str!("../../../../assets/nk-troops-article.txt");
    let tagged = tag(text, &Options::default());
    let values: Vec<&str> = tagged.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(
        values,
        ["XXXX-WXX-3", "XXXX-WXX", "XXXX-XX", "PAST_REF", "XXXX-06"]
    );
    assert!(
        tagged
            .iter()
            .all(|t| t.dates().is_none() && t.anchor.is_none())
    );
    assert_eq!(tagged[4].describe(), "June (year unknown)");
}

#[test]
fn narrative_text_resolves_against_the_last_date_mentioned() {
    let text =
        "On 3 March 1871 the siege ended. Two days later the army left. In June it returned.";
    let options = Options {
        narrative: true,
        ..Options::default()
    };
    let tagged = tag(text, &options);
    let values: Vec<&str> = tagged.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["1871-03-03", "1871-03-05", "1871-06"]);
    assert!(
        matches!(tagged[1].anchor, Some(Anchor::Mentioned(ref r, _)) if &text[r.clone()] == "3 March 1871")
    );
}

#[test]
fn dates_of_values() {
    let t = |value: &str, modifier: Option<&str>| Timex {
        span: 0..0,
        kind: Kind::Date,
        value: value.to_owned(),
        modifier: modifier.map(str::to_owned),
        anchor: None,
    };
    let d = |s: &str| Date::parse(s).unwrap();
    assert_eq!(
        t("2024-Q3", None).dates(),
        Some((d("2024-07"), Some(d("2024-09"))))
    );
    assert_eq!(t("2024", None).dates(), Some((d("2024"), None)));
    assert_eq!(t("198", None).dates(), Some((d("1980"), Some(d("1989")))));
    assert_eq!(
        t("2024", Some("END")).dates(),
        Some((d("2024-09~"), Some(d("2024-12~"))))
    );
    assert_eq!(
        t("2024-10-16T14:30", None).dates(),
        Some((d("2024-10-16T14:30"), None))
    );
    assert_eq!(t("PAST_REF", None).dates(), None);
    assert_eq!(t("XXXX-06", None).dates(), None);
    assert_eq!(t("2024-02-30", None).dates(), None);
    assert_eq!(t("2024-Q3", None).describe(), "Q3 2024");
    let mut three = t("P3D", None);
    three.kind = Kind::Duration;
    assert_eq!(three.describe(), "3 days");
    let mut monday = t("XXXX-WXX-1", None);
    monday.kind = Kind::Set;
    assert_eq!(monday.describe(), "every Monday");
}

/// Every line of tests/data/timex/fixtures.tsv: the bracketed expression
/// found with that span, type, value and mod.
#[test]
fn fixtures() {
    let fixtures = include_str!("../../../../tests/data/timex/fixtures.tsv");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in fixtures
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [published, marked, kind, value, modifier] = fields[..] else {
            panic!("not five fields: {line:?}");
        };
        let open = marked.find('[').unwrap();
        let close = marked.find(']').unwrap();
        let text = marked.replace(['[', ']'], "");
        let span = open..close - 1;
        let options = Options {
            published: (published != "-").then(|| Date::parse(published).unwrap()),
            ..Options::default()
        };
        let tagged = tag(&text, &options);
        let got = tagged.iter().find(|t| t.span == span);
        let expected = (kind, value, (modifier != "-").then_some(modifier));
        let ok = got.is_some_and(|t| {
            (t.kind.as_str(), t.value.as_str(), t.modifier.as_deref()) == expected
        });
        if !ok {
            let all: Vec<_> = tagged
                .iter()
                .map(|t| {
                    (
                        &text[t.span.clone()],
                        t.kind.as_str(),
                        t.value.as_str(),
                        t.modifier.as_deref(),
                    )
                })
                .collect();
            failures.push(format!("{marked}: expected {expected:?}, found {all:?}"));
        }
        count += 1;
    }
    assert!(count >= 70, "{count} fixtures");
    assert!(
        failures.is_empty(),
        "{} of {count} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

proptest! {
    #[test]
    fn tag_never_panics_and_gives_ordered_spans(
        text in "(\\PC|[0-9/.,:\\- ]|Oct\\.|May|3rd|2024|of|last|week|ago|the|early|p\\.m\\.|Monday|\n){0,40}",
        narrative in any::<bool>(),
        dated in any::<bool>(),
    ) {
        let options = Options {
            published: dated.then(|| Date::parse("2024-10-16").unwrap()),
            narrative,
            ..Options::default()
        };
        let mut last = 0;
        for t in tag(&text, &options) {
            prop_assert!(t.span.start >= last && t.span.start < t.span.end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prop_assert!(t.span.end <= text.len());
            last = t.span.end;
            let _ = t.dates();
            let _ = t.describe();
        }
        let _ = propose(&text, &options);
    }
}

#[test]
fn long_repetitive_inputs_take_linear_time() {
    let options = published("2024-10-16");
    for piece in [
        "the ",
        "last ",
        "3 ",
        "Oct. ",
        "early ",
        "-",
        "a ",
        "nineteen ",
    ] {
        let text = piece.repeat(50_000);
        let start = std::time::Instant::now();
        let _ = tag(&text, &options);
        assert!(start.elapsed().as_secs() < 10, "{piece:?}");
    }
    for piece in ["<", "&", "<TIMEX3 ", "</TIMEX3>"] {
        let xml = format!("<DCT></DCT><TEXT>{}</TEXT>", piece.repeat(50_000));
        let start = std::time::Instant::now();
        let _ = timeml::annotate(&xml);
        assert!(start.elapsed().as_secs() < 10, "{piece:?}");
    }
}
