//! The names columns are known by: each header trimmed, a blank one named
//! after its position (`column 3`) and a repeated one numbered (`name (2)`),
//! so that every column has a name of its own for mappings, attributes and
//! warnings.

/// Header names, trimmed, with blanks named `column N` and repeats `name (2)`.
pub(super) fn unique_headers(record: &::csv::StringRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(record.len());
    for (i, h) in record.iter().enumerate() {
        let base = match h.trim() {
            "" => format!("column {}", i + 1),
            h => h.to_owned(),
        };
        let mut name = base.clone();
        let mut n = 2;
        while out.contains(&name) {
            name = format!("{base} ({n})");
            n += 1;
        }
        out.push(name);
    }
    out
}
