//! The command line: `chronoscope [FILE…]` opens the window, `chronoscope
//! check FILE…` validates files without one, and `--screenshot` renders a
//! file to a PNG. `anyhow` is used only here, at the edge.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, anyhow};
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::app::{ChronoscopeApp, StartOptions};
use crate::formats::common::plural;
use crate::formats::{self, DayMonthOrder, ImportOptions, LoadError};
use crate::generate::GenFormat;
use crate::model::Document;

mod timex;

/// `generate --format`: the library's [`GenFormat`] as a command-line choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GenFormatArg {
    Csv,
    Json,
    Jsonl,
}

impl From<GenFormatArg> for GenFormat {
    fn from(arg: GenFormatArg) -> Self {
        match arg {
            GenFormatArg::Csv => Self::Csv,
            GenFormatArg::Json => Self::Json,
            GenFormatArg::Jsonl => Self::Jsonl,
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "chronoscope",
    version,
    about = "A timeline for chronologies built from sources: every event tied to the quote it rests on.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Commands>,
    /// Event files to open (none: the bundled example).
    pub files: Vec<PathBuf>,
    /// Render the timeline fitted to the window, save the window as this PNG, and exit.
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<PathBuf>,
    /// Window size in points, e.g. 1600x1000.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<(f32, f32)>,
    #[command(flatten)]
    pub import: ImportArgs,
}

/// `--map`'s pairs of (field, column). A type of its own so that clap takes
/// the list as one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping(pub Vec<(String, String)>);

/// How to read spreadsheets and other imported files.
#[derive(Debug, Default, clap::Args)]
pub struct ImportArgs {
    /// Which CSV columns hold which fields, e.g. `start=launch_time,title=missile_name`
    /// (fields: start, end, title, description, category, tags, source, url, id; and a
    /// place's lat, lon, place (its name) and precision: lat and lon on one column read
    /// it as WKT points).
    #[arg(long, value_name = "FIELD=COLUMN,…", value_parser = parse_map)]
    pub map: Option<Mapping>,
    /// Read numeric dates like 03/04/2024 as day first (3 April).
    #[arg(long, conflicts_with = "month_first")]
    pub day_first: bool,
    /// Read numeric dates like 03/04/2024 as month first (March 4).
    #[arg(long)]
    pub month_first: bool,
    /// The sheet of a spreadsheet (.xlsx, .xls, .ods) to read; default: the first with a value.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

impl ImportArgs {
    /// The options the loaders take.
    #[must_use]
    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            mapping: self.map.clone().map(|m| m.0).unwrap_or_default(),
            day_month_order: if self.day_first {
                DayMonthOrder::DayFirst
            } else if self.month_first {
                DayMonthOrder::MonthFirst
            } else {
                DayMonthOrder::Ask
            },
            sheet: self.sheet.clone(),
        }
    }

    /// Whether the user said anything (then spreadsheets skip the import dialog).
    #[must_use]
    pub fn given(&self) -> bool {
        self.map.is_some() || self.day_first || self.month_first || self.sheet.is_some()
    }
}

fn parse_map(text: &str) -> Result<Mapping, String> {
    formats::csv::parse_mapping(text).map(Mapping)
}

#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Validate event files without opening a window (events, events with a place, sources, date span, warnings); exits nonzero if any has errors.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Write deterministic synthetic events (conflict-data shape) for trying the app at scale.
    Generate {
        /// How many events.
        #[arg(long, default_value_t = 100_000)]
        events: usize,
        /// The same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = GenFormatArg::Csv)]
        format: GenFormatArg,
        /// The file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Export the events of a file in any supported format as a CSV (or TSV)
    /// table, or as a native Chronoscope file, chosen by the output's
    /// extension (.csv, .tsv, .json).
    Export {
        /// The file to read.
        input: PathBuf,
        /// The file to write (replaced atomically if it exists).
        #[arg(short, long, value_name = "OUT.csv")]
        output: PathBuf,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Draw the timeline of a file as an SVG drawing (text as text, one
    /// element per event) or a PNG picture, the whole span or the dates
    /// asked for.
    Render {
        /// The file to read.
        input: PathBuf,
        /// The drawing to write: an SVG drawing, or a PNG picture (two
        /// pixels per point) when the name ends in .png.
        #[arg(short, long, value_name = "OUT.svg|OUT.png")]
        output: PathBuf,
        /// The first date shown (EDTF: 2024, 2024-06, 2024-06-19, -13000000000); default: the first event.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        from: Option<String>,
        /// The last date shown (its end is included); default: the last event.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        to: Option<String>,
        /// Width of the drawing in points (200–20000).
        #[arg(long, default_value_t = 1600, value_name = "PX",
              value_parser = clap::value_parser!(u32).range(200..=20_000))]
        width: u32,
        /// Group the events into lanes by this field: category (the
        /// default), tag, source, file, or the name of any other field
        /// (an imported column).
        #[arg(long, value_name = "FIELD")]
        lanes_by: Option<String>,
        /// Draw only the events whose FIELD (category, tag, source, file or
        /// another field) has VALUE; given more than once, each must hold.
        #[arg(long, value_name = "FIELD=VALUE")]
        only: Vec<String>,
        /// What to draw: the timeline, or the map of the events' places
        /// (fitted to them; --from/--to keep the events of those dates).
        #[arg(long, value_enum, default_value_t = RenderView::Timeline)]
        view: RenderView,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Tag the temporal expressions of TimeML documents (TempEval-3): each
    /// input is written to `OUT_DIR` under its name with TIMEX3 tags in its
    /// <TEXT> (any there before taken out) resolved against its <DCT>.
    Timex {
        #[arg(required = true, value_name = "INPUT_FILES")]
        inputs: Vec<PathBuf>,
        /// The folder to write to (created if missing).
        #[arg(short, long, value_name = "OUT_DIR")]
        output: PathBuf,
    },
    /// Score tagged TimeML documents against gold ones (TempEval-3 Task A:
    /// strict and relaxed P/R/F1, value and type accuracy and F1), per
    /// corpus (`GOLD_DIR`'s subfolders) and type, with the most frequent errors.
    Score { gold: PathBuf, system: PathBuf },
    /// Propose draft events from an article (.txt, .md, .html): one per
    /// sentence with a date, relative dates resolved against its
    /// publication date; written as a native file with the article as source.
    Extract {
        /// The article to read.
        article: PathBuf,
        /// The publication date (EDTF, e.g. 2024-10-16); default: the page's metadata.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// The native file to write.
        #[arg(short, long, value_name = "drafts.json")]
        output: PathBuf,
    },
    /// Convert a file in any supported format to a native Chronoscope file.
    Convert {
        /// The file to read.
        input: PathBuf,
        /// The native file to write (replaced atomically if it exists).
        #[arg(short, long, value_name = "OUT.json")]
        output: PathBuf,
        #[command(flatten)]
        import: ImportArgs,
    },
}

fn parse_size(text: &str) -> Result<(f32, f32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT such as 1600x1000, found {text:?}"))?;
    let dim = |s: &str| -> Result<f32, String> {
        let v: u32 = s
            .trim()
            .parse()
            .map_err(|_| format!("expected a whole number of points, found {s:?}"))?;
        if (100..=16_384).contains(&v) {
            Ok(v as f32)
        } else {
            Err(format!("{v} is out of range 100–16384"))
        }
    };
    Ok((dim(w)?, dim(h)?))
}

/// Runs the command line; the process exit code.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Commands::Check {
            files,
            json,
            import,
        }) => check(&files, json, &import.options()),
        Some(Commands::Generate {
            events,
            seed,
            format,
            output,
        }) => {
            let written = formats::native::write::write_atomically(&output, |f| {
                crate::generate::write(std::io::BufWriter::new(f), events, seed, format.into())
            });
            match written {
                Ok(()) => {
                    println!(
                        "{}: {}",
                        output.display(),
                        plural(events, "event", "events")
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("chronoscope: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some(
            Commands::Convert { input, output, .. }
            | Commands::Export { input, output, .. }
            | Commands::Render { input, output, .. },
        ) if formats::files::same_file(&input, &output) => {
            eprintln!(
                "chronoscope: {} is the input file: writing over it would lose what the output \
                 does not keep; choose another output name (nothing was written)",
                output.display()
            );
            ExitCode::from(2)
        }
        Some(Commands::Timex { inputs, output }) => timex::timex_command(&inputs, &output),
        Some(Commands::Score { gold, system }) => timex::score_command(&gold, &system),
        Some(Commands::Extract {
            article,
            published,
            output,
        }) => match published
            .as_deref()
            .map(crate::model::Date::parse)
            .transpose()
        {
            Ok(published) => timex::extract_command(&article, published, &output),
            Err(e) => {
                eprintln!("chronoscope: --published: {e}");
                ExitCode::from(2)
            }
        },
        Some(Commands::Convert {
            input,
            output,
            import,
        }) => convert(&input, &output, &import.options()),
        Some(Commands::Export {
            input,
            output,
            import,
        }) => export(&input, &output, &import.options()),
        Some(Commands::Render {
            input,
            output,
            from,
            to,
            width,
            lanes_by,
            only,
            view,
            import,
        }) => render(
            &input,
            &output,
            &Drawing {
                from: from.as_deref(),
                to: to.as_deref(),
                width,
                lanes_by: lanes_by.as_deref(),
                only: &only,
                view,
            },
            &import.options(),
        ),
        None => match run_gui(cli.files, cli.screenshot.as_deref(), cli.size, &cli.import) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("chronoscope: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run_gui(
    files: Vec<PathBuf>,
    screenshot: Option<&Path>,
    size: Option<(f32, f32)>,
    import: &ImportArgs,
) -> anyhow::Result<()> {
    let (w, h) = size.unwrap_or((1400.0, 860.0));
    let shooting = screenshot.is_some();
    let viewport = egui::ViewportBuilder::default()
        .with_title("Chronoscope")
        .with_app_id("chronoscope")
        .with_min_inner_size([640.0, 400.0])
        .with_inner_size([w, h]);
    // A screenshot is a scripted run: it must have exactly the requested size and
    // default settings, not the last window's, and must not change the user's
    // settings. So it gets a storage folder of its own, removed afterwards.
    let scratch = shooting.then(|| {
        std::env::temp_dir().join(format!("chronoscope-screenshot-{}", std::process::id()))
    });
    let options = eframe::NativeOptions {
        viewport,
        persist_window: !shooting,
        persistence_path: scratch.clone(),
        ..eframe::NativeOptions::default()
    };
    let outcome: crate::app::screenshot::Outcome = Arc::new(Mutex::new(None));
    let start = StartOptions {
        files,
        screenshot: screenshot.map(|p| (p.to_path_buf(), Arc::clone(&outcome))),
        size: size.map(|(w, h)| egui::vec2(w, h)),
        import: import.given().then(|| import.options()),
        // Unsaved edits are kept in the platform's data folder (a scripted
        // screenshot keeps none).
        autosave: std::env::var_os("CHRONOSCOPE_AUTOSAVE_DIR")
            .map(PathBuf::from)
            .or_else(|| eframe::storage_dir("chronoscope").map(|d| d.join("autosave")))
            .filter(|_| !shooting),
    };
    let result = eframe::run_native(
        "chronoscope",
        options,
        Box::new(move |cc| Ok(Box::new(ChronoscopeApp::new(cc, start)))),
    )
    .map_err(|e| anyhow!("cannot open a window: {e}"));
    if let Some(dir) = scratch {
        // Best effort: a leftover folder in the temp dir is harmless.
        let _ = std::fs::remove_dir_all(dir);
    }
    result?;
    if shooting {
        let shot = outcome
            .lock()
            .map_err(|_| anyhow!("the screenshot state was poisoned"))?
            .take();
        match shot {
            Some(Ok(path)) => println!("{}", path.display()),
            Some(Err(e)) => return Err(anyhow!(e)),
            None => return Err(anyhow!("the window closed before the screenshot was taken")),
        }
    }
    Ok(())
}

/// One file's result, for `check --json`.
#[derive(Debug, Serialize)]
struct FileReport {
    path: String,
    ok: bool,
    events: usize,
    /// Events with a place.
    places: usize,
    sources: usize,
    first: Option<String>,
    last: Option<String>,
    warnings: Vec<Problem>,
    errors: Vec<Problem>,
}

#[derive(Debug, Serialize)]
struct Problem {
    line: Option<usize>,
    column: Option<usize>,
    field: String,
    message: String,
    /// The whole located message, as printed without --json.
    text: String,
}

/// How many events of `doc` have a place (of events kept as rows, only
/// the places are read, on every core).
fn places(doc: &Document) -> usize {
    let counts = crate::work::parts(doc.event_count(), |(from, to)| {
        Some((from..to).filter(|&i| doc.event_place(i).is_some()).count())
    });
    counts.map_or(0, |counts| counts.iter().sum())
}

fn report(path: &Path, result: Result<Document, LoadError>) -> FileReport {
    let shown = path.display().to_string();
    match result {
        Ok(doc) => {
            let span = doc.date_span_text().and_then(|s| {
                s.split_once(" – ")
                    .map(|(first, last)| (first.to_owned(), last.to_owned()))
            });
            FileReport {
                path: shown.clone(),
                ok: true,
                events: doc.event_count(),
                places: places(&doc),
                sources: doc.source_count(),
                first: span.as_ref().map(|s| s.0.clone()),
                last: span.map(|s| s.1),
                warnings: doc
                    .warnings
                    .iter()
                    .map(|w| Problem {
                        line: Some(w.location.line),
                        column: Some(w.location.column),
                        field: w.field.clone(),
                        message: w.message.clone(),
                        text: format!(
                            "{shown}:{}: warning: {}: {}",
                            w.location, w.field, w.message
                        ),
                    })
                    .collect(),
                errors: Vec::new(),
            }
        }
        Err(e) => {
            let (line, column, field, message) = match &e {
                LoadError::Invalid {
                    location,
                    field,
                    message,
                    ..
                } => (
                    Some(location.line),
                    Some(location.column),
                    field.clone(),
                    message.clone(),
                ),
                LoadError::Io { source, .. } => (
                    None,
                    None,
                    String::new(),
                    format!("cannot read the file: {source}"),
                ),
                LoadError::Cancelled { .. } => {
                    (None, None, String::new(), "loading was cancelled".into())
                }
            };
            FileReport {
                path: shown.clone(),
                ok: false,
                events: 0,
                places: 0,
                sources: 0,
                first: None,
                last: None,
                warnings: Vec::new(),
                errors: vec![Problem {
                    text: match (line, column) {
                        (Some(l), Some(c)) if field.is_empty() => {
                            format!("{shown}:{l}:{c}: error: {message}")
                        }
                        (Some(l), Some(c)) => format!("{shown}:{l}:{c}: error: {field}: {message}"),
                        _ => format!("{shown}: error: {message}"),
                    },
                    line,
                    column,
                    field,
                    message,
                }],
            }
        }
    }
}

fn check(files: &[PathBuf], json: bool, options: &ImportOptions) -> ExitCode {
    let reports: Vec<FileReport> = files
        .iter()
        .map(|p| report(p, formats::load_file_with(p, options)))
        .collect();
    let failed = reports.iter().any(|r| !r.ok);
    let printed = if json {
        print_json(&reports)
    } else {
        print_text(&reports)
    };
    if let Err(e) = printed {
        eprintln!("chronoscope: {e:#}");
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What `chronoscope render` draws, besides the file.
struct Drawing<'a> {
    from: Option<&'a str>,
    to: Option<&'a str>,
    width: u32,
    lanes_by: Option<&'a str>,
    only: &'a [String],
    view: RenderView,
}

/// `render --view`: the timeline or the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RenderView {
    Timeline,
    Map,
}

/// The facet a field's name names: category, tag, source, file, or a field.
fn facet_named(name: &str) -> crate::facets::Facet {
    use crate::facets::Facet;
    match name.trim().to_lowercase().as_str() {
        "category" | "categories" => Facet::Category,
        "tag" | "tags" => Facet::Tag,
        "source" | "sources" => Facet::Source,
        "file" | "files" | "layer" => Facet::File,
        _ => Facet::Field(name.trim().to_owned()),
    }
}

/// The values of `facet` for every event of `doc`; an error (naming the
/// option, `what`) when no event has that field.
fn facet_values(
    doc: &Document,
    facet: &crate::facets::Facet,
    what: &str,
) -> Result<crate::facets::FacetValues, String> {
    use crate::facets::{Facet, FacetValues, Files};
    if let Facet::Field(name) = facet {
        let fields = crate::facets::fields(doc);
        if !fields.contains(name) {
            return Err(format!(
                "{what}: no event has the field {name:?}; expected category, tag, source, file{}",
                if fields.is_empty() {
                    String::new()
                } else {
                    format!(" or one of: {}", fields.join(", "))
                }
            ));
        }
    }
    let names = [doc.name.clone()];
    let files = Files {
        names: &names,
        single: 0,
    };
    let never = std::sync::atomic::AtomicBool::new(false);
    let done = std::sync::atomic::AtomicUsize::new(0);
    Ok(FacetValues::compute(doc, facet, files, &never, &done).unwrap_or_default())
}

/// `doc` as `render` draws it: only the events each `FIELD=VALUE` of `only`
/// holds, in lanes by `lanes_by`. An error names a field no event has, or
/// a value no event has (with the values there are).
fn shown(doc: Document, lanes_by: Option<&str>, only: &[String]) -> Result<Document, String> {
    use crate::facets::Facet;
    let facet = lanes_by.map_or(Facet::Category, facet_named);
    if facet == Facet::Category && only.is_empty() {
        return Ok(doc);
    }
    let mut kept: Vec<(crate::facets::FacetValues, u32)> = Vec::new();
    for spec in only {
        let Some((field, value)) = spec.split_once('=') else {
            return Err(format!(
                "--only {spec:?}: expected FIELD=VALUE, such as category=military or country=Ukraine"
            ));
        };
        let what = format!("--only {spec:?}");
        let values = facet_values(&doc, &facet_named(field), &what)?;
        let Some(n) = values.names.iter().position(|v| v == value.trim()) else {
            let some: Vec<&str> = values.names.iter().take(12).map(String::as_str).collect();
            return Err(format!(
                "{what}: no event has that value; its values include: {}",
                some.join(", ")
            ));
        };
        kept.push((values, u32::try_from(n).unwrap_or(u32::MAX)));
    }
    let grouping = if facet == Facet::Category {
        None
    } else {
        let values = facet_values(&doc, &facet, "--lanes-by")?;
        Some(values.grouping(&facet, crate::app::MAX_LANES))
    };
    let doc = std::sync::Arc::new(doc);
    let keep = |i: usize| kept.iter().all(|(values, v)| values.of(i).contains(v));
    Ok(Document::filtered(&doc, &keep, grouping.as_ref(), &[]))
}

/// `chronoscope render`: the timeline of `input` as an SVG drawing or a
/// PNG picture.
fn render(input: &Path, output: &Path, drawing: &Drawing<'_>, options: &ImportOptions) -> ExitCode {
    let Drawing {
        from,
        to,
        width,
        lanes_by,
        only,
        view,
    } = *drawing;
    let extension = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(extension.as_deref(), Some("svg" | "png")) {
        eprintln!(
            "chronoscope: render writes SVG or PNG: expected a name ending in .svg or .png, found {}",
            output.display()
        );
        return ExitCode::from(2);
    }
    let date = |text: Option<&str>, what: &str| -> Result<Option<crate::model::Date>, String> {
        text.map(|t| {
            crate::model::Date::parse(t.trim()).map_err(|e| {
                format!("--{what} {t:?}: {e} (expected a date such as 2024-06-19, 2024-06 or 2024)")
            })
        })
        .transpose()
    };
    let (from, to) = match (date(from, "from"), date(to, "to")) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("chronoscope: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(doc) = load_reporting_warnings(input, options) else {
        return ExitCode::FAILURE;
    };
    let doc = match shown(doc, lanes_by, only) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("chronoscope: {e}");
            return ExitCode::from(2);
        }
    };
    if view == RenderView::Map {
        return render_map(input, output, &doc, (from.as_ref(), to.as_ref()), width);
    }
    let (first, last) = doc.time_range().unwrap_or((0.0, 86_400.0));
    let t0 = from
        .as_ref()
        .map_or(first, crate::model::Date::start_seconds);
    let t1 = to.as_ref().map_or(last, crate::model::Date::end_seconds);
    if t1 <= t0 {
        eprintln!("chronoscope: --to must come after --from");
        return ExitCode::from(2);
    }
    // An end not asked for gets a margin, so the events there show whole.
    let (p0, p1) = crate::svg::with_margin(t0, t1);
    let t0 = if from.is_none() { p0 } else { t0 };
    let t1 = if to.is_none() { p1 } else { t1 };
    #[allow(clippy::cast_precision_loss)] // a width in points
    let svg = crate::svg::render(&doc, t0, t1, width as f32, &[]);
    if let Err(e) = write_drawing(svg, output) {
        eprintln!("chronoscope: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{} -> {}: {} drawn",
        input.display(),
        output.display(),
        plural(doc.event_count(), "event", "events")
    );
    ExitCode::SUCCESS
}

/// Writes the SVG drawing `svg` to `output`, rasterized as a PNG picture
/// when its name ends in `.png`; the message says what failed and where.
fn write_drawing(svg: String, output: &Path) -> Result<(), String> {
    let png = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let bytes = if png {
        crate::png::from_svg(&svg, crate::png::SCALE)
            .map_err(|e| format!("{}: {e}", output.display()))?
    } else {
        svg.into_bytes()
    };
    formats::native::write::write_atomically(output, |f| {
        use std::io::Write as _;
        f.write_all(&bytes)
    })
    .map_err(|e| e.to_string())
}

/// `chronoscope render --view map`: the places of `doc`'s events (of the
/// dates asked for), fitted, `width` points wide and five eighths as high.
fn render_map(
    input: &Path,
    output: &Path,
    doc: &Document,
    (from, to): (Option<&crate::model::Date>, Option<&crate::model::Date>),
    width: u32,
) -> ExitCode {
    let places = crate::places::PlaceIndex::of(doc);
    let window = (from.is_some() || to.is_some()).then(|| {
        (
            from.map_or(f64::NEG_INFINITY, crate::model::Date::start_seconds),
            to.map_or(f64::INFINITY, crate::model::Date::end_seconds),
        )
    });
    #[allow(clippy::cast_precision_loss)] // a width in points
    let size = [width as f32, width as f32 * 5.0 / 8.0];
    let drawing = crate::map_svg::MapDrawing {
        view: None,
        size,
        window,
    };
    let svg = crate::map_svg::render(doc, &places, &drawing);
    if let Err(e) = write_drawing(svg, output) {
        eprintln!("chronoscope: {e}");
        return ExitCode::FAILURE;
    }
    let shown = match window {
        Some((a, b)) => crate::places::in_time(doc, a, b)
            .filter(|&i| places.point(i).is_some())
            .count(),
        None => places.count(),
    };
    println!(
        "{} -> {}: {} with a place drawn",
        input.display(),
        output.display(),
        plural(shown, "event", "events")
    );
    ExitCode::SUCCESS
}

/// `chronoscope export`: a table, or a native file, by the output's extension.
fn export(input: &Path, output: &Path, options: &ImportOptions) -> ExitCode {
    let extension = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "json" => convert(input, output, options),
        "csv" | "tsv" | "tab" => write_out(input, output, options, formats::csv_write::save),
        _ => {
            eprintln!(
                "chronoscope: cannot tell what to write from {}: expected a name ending in .csv, .tsv or .json",
                output.display()
            );
            ExitCode::from(2)
        }
    }
}

/// The document of `input`, its warnings printed; `None` (the error printed)
/// when it cannot be read.
fn load_reporting_warnings(input: &Path, options: &ImportOptions) -> Option<Document> {
    let doc = formats::load_file_with(input, options)
        .map_err(|e| eprintln!("{e}"))
        .ok()?;
    let shown = input.display();
    for w in &doc.warnings {
        eprintln!(
            "{shown}:{}: warning: {}: {}",
            w.location, w.field, w.message
        );
    }
    Some(doc)
}

fn convert(input: &Path, output: &Path, options: &ImportOptions) -> ExitCode {
    write_out(input, output, options, formats::native::write::save)
}

/// Reads `input` and writes it to `output` with `save`, saying what it did.
fn write_out(
    input: &Path,
    output: &Path,
    options: &ImportOptions,
    save: fn(&Document, &Path) -> Result<(), formats::native::write::SaveError>,
) -> ExitCode {
    let Some(doc) = load_reporting_warnings(input, options) else {
        return ExitCode::FAILURE;
    };
    if let Err(e) = save(&doc, output) {
        eprintln!("chronoscope: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{} ({}) -> {}: {}, {}, {}",
        input.display(),
        doc.format,
        output.display(),
        plural(doc.event_count(), "event", "events"),
        plural(doc.source_count(), "source", "sources"),
        plural(doc.warnings.len(), "warning", "warnings")
    );
    ExitCode::SUCCESS
}

fn print_json(reports: &[FileReport]) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(reports).context("cannot write the report")?;
    writeln!(std::io::stdout(), "{text}").context("cannot write to standard output")
}

fn print_text(reports: &[FileReport]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for r in reports {
        if r.ok {
            let span = match (&r.first, &r.last) {
                (Some(a), Some(b)) => format!(", {a} – {b}"),
                _ => String::new(),
            };
            // Said only of files with places, which most timelines have none of.
            let places = if r.places > 0 {
                let n = i64::try_from(r.places).unwrap_or(i64::MAX);
                format!(", {} with a place", crate::calendar::group_thousands(n))
            } else {
                String::new()
            };
            writeln!(
                out,
                "{}: {}{places}, {}{span}, {}",
                r.path,
                plural(r.events, "event", "events"),
                plural(r.sources, "source", "sources"),
                plural(r.warnings.len(), "warning", "warnings")
            )?;
            for w in &r.warnings {
                writeln!(out, "  {}", w.text)?;
            }
        } else {
            writeln!(out, "{}: error", r.path)?;
            for e in &r.errors {
                writeln!(out, "  {}", e.text)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_reject_nonsense() {
        assert_eq!(parse_size("1600x1000"), Ok((1600.0, 1000.0)));
        assert_eq!(parse_size("800X600"), Ok((800.0, 600.0)));
        assert!(parse_size("1600").is_err());
        assert!(parse_size("0x100").is_err());
        assert!(parse_size("axb").is_err());
    }

    #[test]
    fn command_line_shapes() {
        let cli = Cli::try_parse_from(["chronoscope", "check", "a.json", "--json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Commands::Check { json: true, .. })
        ));
        let cli = Cli::try_parse_from([
            "chronoscope",
            "--screenshot",
            "x.png",
            "--size",
            "800x600",
            "f.json",
        ])
        .unwrap();
        assert_eq!(cli.files, [PathBuf::from("f.json")]);
        assert_eq!(cli.size, Some((800.0, 600.0)));
        assert!(Cli::try_parse_from(["chronoscope", "check"]).is_err());
        let cli = Cli::try_parse_from([
            "chronoscope",
            "check",
            "--map",
            "start=launch_time,title=missile_name",
            "--day-first",
            "a.csv",
        ])
        .unwrap();
        let Some(Commands::Check { import, .. }) = cli.command else {
            panic!("check expected");
        };
        let options = import.options();
        assert!(
            options
                .mapping
                .contains(&("title".into(), "missile_name".into()))
        );
        assert_eq!(options.day_month_order, DayMonthOrder::DayFirst);
        let cli = Cli::try_parse_from(["chronoscope", "--map", "start=time", "x.csv"]).unwrap();
        assert!(cli.import.given());
        let cli =
            Cli::try_parse_from(["chronoscope", "convert", "in.ics", "-o", "out.json"]).unwrap();
        assert!(matches!(cli.command, Some(Commands::Convert { .. })));
        assert!(Cli::try_parse_from(["chronoscope", "--day-first", "--month-first"]).is_err());
    }
}
