//! The rows that only `TimelineJS3`'s spreadsheet template has: the row of
//! Type `title` (the document's title and description) and rows of Type
//! `era` (periods).

use super::day_month::Side;
use super::notes::{ERAS, TITLE_ROW};
use super::rows::Rows;
use super::split::Record;
use super::text::one_line;
use crate::formats::common::{non_empty, shorten};
use crate::formats::html;
use crate::formats::import::before_start;
use crate::model::{DocumentBuilder, Period};

impl<'a> Rows<'_, 'a> {
    /// A `TimelineJS` row of Type `title`, data row `row`: the document's
    /// title and description.
    pub(super) fn title_row(&mut self, doc: &mut DocumentBuilder, record: &Record<'a>, row: usize) {
        let plan = &self.table.plan;
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).map_or("", str::trim);
        if self.title_seen {
            let c = plan.timelinejs.as_ref().and_then(|t| t.kind).unwrap_or(0);
            let why = format!(
                "a second row of Type \"title\" ({:?}): only the first gives the title",
                shorten(&html::to_text(cell(plan.title)).text, 60)
            );
            self.skip(doc, record, row, c, "row", &why);
            return;
        }
        self.title_seen = true;
        let title = one_line(&html::to_text(cell(plan.title)).text);
        if !title.is_empty() {
            doc.title = Some(title);
            self.counts.report.note(TITLE_ROW);
        }
        let text = html::to_text(cell(plan.description.first().copied())).text;
        if !text.is_empty() {
            doc.description = Some(text);
        }
    }

    /// A `TimelineJS` row of Type `era`, data row `row`: a period, or a
    /// warning when it has no usable start and end.
    pub(super) fn era_row(&mut self, doc: &mut DocumentBuilder, record: &Record<'a>, row: usize) {
        let plan = &self.table.plan;
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).map_or("", str::trim);
        let title = one_line(&html::to_text(cell(plan.title)).text);
        // As the warnings quote it: a headline may be megabytes long.
        let shown = shorten(&title, 60);
        let (Some(start_cols), Some(end_cols)) = (&plan.start, &plan.end) else {
            let c = plan.timelinejs.as_ref().and_then(|t| t.kind).unwrap_or(0);
            let why = format!("era {shown:?} needs a start and an end");
            return self.skip(doc, record, row, c, "era", &why);
        };
        let start = self.date(start_cols, record, Side::Start);
        let end = self.date(end_cols, record, Side::End);
        let (column, why) = match (start, end) {
            (Ok(Some(start)), Ok(Some(end))) if end.end_seconds() >= start.start_seconds() => {
                let description = html::to_text(cell(plan.description.first().copied())).text;
                doc.periods.push(Period {
                    title: non_empty(title).unwrap_or_else(|| "(untitled era)".to_owned()),
                    start,
                    end,
                    description: (!description.is_empty()).then_some(description),
                });
                self.counts.report.count(ERAS, "era");
                return;
            }
            (Ok(Some(start)), Ok(Some(end))) => (
                end_cols.first(),
                format!("era {shown:?}: {}", before_start(&end, &start)),
            ),
            (Err(p), _) | (_, Err(p)) => (p.column, format!("era {shown:?}: {}", p.message)),
            (Ok(None), _) => (start_cols.first(), format!("era {shown:?} has no start")),
            (_, Ok(None)) => (end_cols.first(), format!("era {shown:?} has no end")),
        };
        self.skip(doc, record, row, column, "era", &why);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn regression_timelinejs_sheet_year_0_read_as_1_bce_without_a_warning() {
        let text = "Year,Month,Day,Time,End Year,Display Date,Headline,Text,Type,Group\n\
            0,,,,,,Year zero,,,\n\
            -0,,,,,,Minus zero,,,\n\
            -1,,,,,,One BCE,,,\n\
            1,,,,,,One CE,,,\n\
            1 BC,,,,,,Written BC,,,\n\
            -100,,,,0,,Era to zero,,era,\n";
        let doc = load_default(text, "zero.csv");
        let got: Vec<(String, i64)> = doc
            .iter_events()
            .map(|e| (e.title.clone(), e.start.year))
            .collect();
        assert_eq!(
            got,
            [
                ("One BCE".to_owned(), 0),
                ("Written BC".to_owned(), 0),
                ("One CE".to_owned(), 1)
            ]
        );
        assert_eq!(
            warnings(&doc),
            [
                (
                    2,
                    1,
                    "Year",
                    "row 1: cannot read Year \"0\" as a start date: year 0 does not exist in TimelineJS (1 BCE is -1, 1 CE is 1): unusable date; skipped"
                ),
                (
                    3,
                    1,
                    "Year",
                    "row 2: cannot read Year \"-0\" as a start date: year 0 does not exist in TimelineJS (1 BCE is -1, 1 CE is 1): unusable date; skipped"
                ),
                (
                    7,
                    5,
                    "End Year",
                    "row 6: era \"Era to zero\": cannot read End Year \"0\" as an end date: year 0 does not exist in TimelineJS (1 BCE is -1, 1 CE is 1): unusable date; skipped"
                ),
            ]
        );
    }

    #[test]
    fn timelinejs_template_gives_title_eras_bce_and_html() {
        let doc = load_default(TIMELINEJS, "template.csv");
        assert_eq!(doc.format, "TimelineJS3 spreadsheet (CSV)");
        assert_eq!(doc.title.as_deref(), Some("Ancient Wonders"));
        assert_eq!(
            doc.description.as_deref(),
            Some("A short tour of antiquity.")
        );
        let periods: Vec<(&str, String, String)> = doc
            .periods
            .iter()
            .map(|p| (p.title.as_str(), p.start.to_edtf(), p.end.to_edtf()))
            .collect();
        assert_eq!(
            periods,
            [
                ("Bronze Age", "-2999".into(), "-1199".into()),
                ("Archaic Greece", "-0799".into(), "-0499".into()),
            ]
        );
        assert_eq!(
            doc.periods[0].description.as_deref(),
            Some("The age of bronze")
        );

        let rome = event(&doc, "row-4");
        assert_eq!(rome.title, "Founding of the Roman Republic");
        assert_eq!(rome.start.year, -499, "TimelineJS -500 is 500 BCE");
        assert_eq!(rome.start.precision, Precision::Year);
        assert_eq!(rome.category.as_deref(), Some("Rome"));
        assert_eq!(rome.links, ["https://example.org/rome"]);
        assert!(text_of(&doc, &rome).starts_with("Traditional date. See"));
        assert!(!text_of(&doc, &rome).contains('<'));
        assert_eq!(
            rome.attributes.get("Media"),
            Some("https://example.org/rome.jpg")
        );
        assert_eq!(rome.attributes.get("Media Credit"), Some("Public domain"));
        assert_eq!(rome.attributes.get("Media Caption"), Some("The Forum"));
        assert_eq!(rome.attributes.get("Background"), Some("#222222"));

        let caesar = event(&doc, "row-5");
        assert_eq!(caesar.start.to_edtf(), "-0043-03-15");
        assert_eq!(caesar.attributes.get("Display Date"), Some("Ides of March"));

        let apollo = event(&doc, "row-6");
        assert_eq!(apollo.start.to_edtf(), "1969-07-20T20:17");
        assert_eq!(
            apollo.end.as_ref().map(Date::to_edtf).as_deref(),
            Some("1969-07-21T02:56")
        );
        assert_eq!(event(&doc, "row-7").title, "Untitled row text");
        assert_eq!(event(&doc, "row-8").start.to_edtf(), "1957-10-04");

        assert_eq!(
            warnings(&doc),
            [
                (
                    10,
                    1,
                    "Year",
                    "row 9: cannot read Year \"2000\", Month \"13\" as a start date: cannot read \"13\" as a month: expected 1–12 or a month name; skipped"
                ),
                (
                    11,
                    5,
                    "End Year",
                    "row 10: era \"Unfinished era\" has no end; skipped"
                ),
            ]
        );
        for note in [
            "recognised the TimelineJS3 spreadsheet template by its column names",
            "start from columns \"Year\", \"Month\", \"Day\", \"Time\"",
            "end from columns \"End Year\", \"End Month\", \"End Day\", \"End Time\"",
            "title from column \"Headline\"",
            "description from column \"Text\"",
            "category from column \"Group\"",
            "5 of 10 rows imported",
            "the row of Type \"title\" gives the title and description",
            "eras become periods (2 eras)",
            "titles taken from the start of the text (1 row)",
            "skipped 1 row (see warnings)",
            "skipped 1 era (see warnings)",
            "TimelineJS years below 0 read as BCE: Year -500 is 500 BCE (astronomical year -499)",
        ] {
            assert!(
                has_note(&doc, note),
                "missing note {note:?} in {:#?}",
                doc.notes
            );
        }
    }
}
