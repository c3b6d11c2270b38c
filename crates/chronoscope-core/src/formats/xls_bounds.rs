//! What an old binary Excel workbook (`.xls`) would make calamine allocate,
//! counted from its records before calamine reads it.
//!
//! calamine reads every sheet of an `.xls` as soon as it opens the file:
//! it reserves room for the cells a sheet's DIMENSIONS record claims (up to
//! 2³² rows), makes each sheet the rectangle its first and last cells span
//! (a cell at column 65,535 of row 65,535 is 4 billion cells), and copies a
//! shared string into every cell that shows it. A file of a few kilobytes
//! can ask for gigabytes, and a failed allocation aborts the process. So
//! the workbook stream is walked once here, as calamine will walk it, and
//! its cells and text are counted; the caller refuses a file past its
//! limits. Nothing is kept but counts.

use std::collections::HashMap;
use std::io::Read as _;

/// What reading the workbook would cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// Cells calamine reserves or spans, over every sheet (a sheet listed
    /// twice counts twice: calamine reads it twice).
    pub cells: u64,
    /// Bytes of text calamine makes of shared strings, over every cell
    /// that shows one (an upper bound: 3 bytes a character).
    pub text: u64,
}

/// Why a workbook cannot be weighed.
#[derive(Debug, thiserror::Error)]
pub enum XlsError {
    #[error("not a readable .xls workbook: {0}")]
    Container(std::io::Error),
    #[error("not an Excel workbook: the file has no Workbook stream")]
    NoWorkbook,
    #[error("the workbook's sheets overlap: its sheet list points into one sheet many times")]
    Overlapping,
}

/// The record types this walk reads (MS-XLS 2.3).
mod record {
    pub const BOF: u16 = 0x0809;
    pub const EOF: u16 = 0x000A;
    pub const BOUNDSHEET: u16 = 0x0085;
    pub const SST: u16 = 0x00FC;
    pub const CONTINUE: u16 = 0x003C;
    pub const DIMENSIONS: u16 = 0x0200;
    pub const LABELSST: u16 = 0x00FD;
    pub const MULRK: u16 = 0x00BD;
    pub const FORMULA: u16 = 0x0006;
    /// Cells with a row and a column first: NUMBER, LABEL, BOOLERR, RK, RSTRING.
    pub const CELLS: [u16; 5] = [0x0203, 0x0204, 0x0205, 0x027E, 0x00D6];
}

/// The workbook stream of the compound file `bytes`, at most `limit` bytes.
pub fn workbook_stream(bytes: &[u8], limit: u64) -> Result<Vec<u8>, XlsError> {
    let mut file =
        cfb::CompoundFile::open(std::io::Cursor::new(bytes)).map_err(XlsError::Container)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
        .ok_or(XlsError::NoWorkbook)?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(XlsError::Container)?
        .take(limit)
        .read_to_end(&mut stream)
        .map_err(XlsError::Container)?;
    Ok(stream)
}

/// The records of `stream` from `at`: (offset, type, data), until a record
/// is cut short.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (usize, u16, &[u8])> {
    let mut pos = at;
    std::iter::from_fn(move || {
        let head = stream.get(pos..pos + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(pos + 4..pos + 4 + len)?;
        let at = pos;
        pos += 4 + len;
        Some((at, typ, data))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// What reading `stream`, a workbook stream, would cost calamine.
pub fn cost(stream: &[u8]) -> Result<Cost, XlsError> {
    let (sheets, strings) = globals(stream);
    // Each sheet is walked from where the sheet list says it starts, as
    // calamine walks it; a file whose sheets overlap would be walked over
    // and over, so the walk has a budget of the stream once.
    let mut budget = stream.len() + 4 * sheets.len();
    let mut weighed: HashMap<usize, Cost> = HashMap::new();
    let mut total = Cost::default();
    for at in sheets {
        let cost = if let Some(&cost) = weighed.get(&at) {
            cost
        } else {
            let (cost, walked) = sheet_cost(stream, at, &strings);
            budget = budget.checked_sub(walked).ok_or(XlsError::Overlapping)?;
            weighed.insert(at, cost);
            cost
        };
        total.cells = total.cells.saturating_add(cost.cells);
        total.text = total.text.saturating_add(cost.text);
    }
    Ok(total)
}

/// Where each sheet starts (the sheet list, in order), and the text bytes
/// of each shared string.
fn globals(stream: &[u8]) -> (Vec<usize>, Vec<u64>) {
    let mut sheets = Vec::new();
    let mut strings = Vec::new();
    let mut all = records(stream, 0).peekable();
    while let Some((_, typ, data)) = all.next() {
        match typ {
            record::BOUNDSHEET => {
                if let Some(at) = u32_at(data, 0) {
                    sheets.push(at as usize);
                }
            }
            record::SST => {
                let mut parts = vec![data.get(8..).unwrap_or_default()];
                while let Some((_, record::CONTINUE, more)) = all.peek() {
                    parts.push(more);
                    all.next();
                }
                strings = shared_strings(&parts);
            }
            // The globals end where the first sheet begins.
            record::EOF => break,
            _ => {}
        }
    }
    (sheets, strings)
}

/// The text bytes of each string of a shared string table split over
/// `parts` (an SST record and its CONTINUE records): 3 bytes a character,
/// what UTF-8 takes at most for a UTF-16 code unit.
fn shared_strings(parts: &[&[u8]]) -> Vec<u64> {
    let mut reader = Parts {
        all: parts,
        part: 0,
        pos: 0,
    };
    let mut lengths = Vec::new();
    while let Some(length) = reader.string() {
        lengths.push(length);
    }
    lengths
}

/// A reader over the parts of a record split by CONTINUE records.
struct Parts<'a> {
    all: &'a [&'a [u8]],
    part: usize,
    pos: usize,
}

impl Parts<'_> {
    /// The next `n` bytes of the current part, moving on to the next part
    /// when this one is used up.
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.pos >= self.all.get(self.part)?.len() {
            self.part += 1;
            self.pos = 0;
        }
        let part = self.all.get(self.part)?;
        let bytes = part.get(self.pos..self.pos + n)?;
        self.pos += n;
        Some(bytes)
    }

    /// Skips `n` bytes, across parts.
    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            let part = self.all.get(self.part)?;
            let here = (part.len() - self.pos.min(part.len())).min(n);
            self.pos += here;
            n -= here;
            if n > 0 {
                self.part += 1;
                self.pos = 0;
            }
        }
        Some(())
    }

    /// The text bytes of the next `XLUnicodeRichExtendedString` (MS-XLS
    /// 2.5.293), read past it; `None` at the end.
    fn string(&mut self) -> Option<u64> {
        let header = self.take(3)?;
        let chars = usize::from(u16::from_le_bytes([header[0], header[1]]));
        let flags = header[2];
        let runs = if flags & 0x8 == 0 {
            0
        } else {
            usize::from(u16_at(self.take(2)?, 0)?)
        };
        let extension = if flags & 0x4 == 0 {
            0
        } else {
            u32_at(self.take(4)?, 0)? as usize
        };
        // The characters, one or two bytes each; a string cut by a CONTINUE
        // record goes on after a new flags byte.
        let mut wide = flags & 0x1 != 0;
        let mut left = chars;
        while left > 0 {
            let part = self.all.get(self.part)?;
            let room = part.len().saturating_sub(self.pos);
            let width = if wide { 2 } else { 1 };
            let here = left.min(room / width);
            self.pos += here * width;
            left -= here;
            if left > 0 {
                self.part += 1;
                self.pos = 0;
                wide = self.take(1)?[0] & 0x1 != 0;
            }
        }
        self.skip(4 * runs)?;
        self.skip(extension)?;
        Some(3 * chars as u64)
    }
}

/// What calamine makes of the sheet that starts at `at`, and how many bytes
/// the walk went over.
fn sheet_cost(stream: &[u8], at: usize, strings: &[u64]) -> (Cost, usize) {
    let mut cells = Span::default();
    let mut formulas = Span::default();
    let (mut reserved, mut text, mut depth, mut seen_bof) = (0_u64, 0_u64, 0_usize, false);
    let mut end = at;
    for (pos, typ, data) in records(stream, at) {
        end = pos + 4 + data.len();
        if depth > 0 {
            match typ {
                record::BOF => depth += 1,
                record::EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let cell = || Some((u16_at(data, 0)?, u16_at(data, 2)?));
        match typ {
            record::BOF if seen_bof => depth += 1,
            record::BOF => seen_bof = true,
            record::EOF => break,
            record::DIMENSIONS => reserved = reserved.max(dimensions(data)),
            record::LABELSST => {
                cells.add(cell());
                let index = u32_at(data, 6).map_or(usize::MAX, |i| i as usize);
                text = text.saturating_add(strings.get(index).copied().unwrap_or(0));
            }
            record::FORMULA => {
                cells.add(cell());
                formulas.add(cell());
            }
            record::MULRK => {
                let last = data.len().checked_sub(2).and_then(|at| u16_at(data, at));
                if let (Some((row, first)), Some(last)) = (cell(), last) {
                    cells.add(Some((row, first)));
                    cells.add(Some((row, last)));
                }
            }
            t if record::CELLS.contains(&t) => cells.add(cell()),
            _ => {}
        }
    }
    let cost = Cost {
        cells: reserved
            .saturating_add(cells.area())
            .saturating_add(formulas.area()),
        text,
    };
    (cost, end.saturating_sub(at).max(4))
}

/// The cells a DIMENSIONS record claims, as calamine reads it.
fn dimensions(data: &[u8]) -> u64 {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u16_at(data, 4).unwrap_or(0),
            u16_at(data, 6).unwrap_or(0),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u16_at(data, 8).unwrap_or(0),
            u16_at(data, 10).unwrap_or(0),
        ),
        _ => return 0,
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    let rows = u64::from(last_row.saturating_sub(first_row)) + 1;
    let cols = u64::from(last_col.saturating_sub(first_col)) + 1;
    rows.saturating_mul(cols)
}

/// The rectangle the cells seen so far span.
#[derive(Default)]
struct Span {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
}

impl Span {
    fn add(&mut self, cell: Option<(u16, u16)>) {
        let Some((row, col)) = cell else { return };
        let widen = |span: Option<(u16, u16)>, v: u16| {
            Some(span.map_or((v, v), |(a, b)| (a.min(v), b.max(v))))
        };
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                (u64::from(r1 - r0) + 1).saturating_mul(u64::from(c1 - c0) + 1)
            }
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of type `typ` holding `data`.
    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend(u16::try_from(data.len()).unwrap().to_le_bytes());
        out.extend(data);
        out
    }

    fn cell(typ: u16, row: u16, col: u16, rest: &[u8]) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(col.to_le_bytes());
        data.extend(rest);
        rec(typ, &data)
    }

    /// A workbook stream: globals listing `sheets` copies of one sheet at
    /// the same place, a shared string table, then the sheet's `records`.
    fn workbook(sheets: usize, strings: &[u8], records: &[Vec<u8>]) -> Vec<u8> {
        let bof = rec(record::BOF, &[0; 16]);
        let eof = rec(record::EOF, &[]);
        let sst = rec(record::SST, strings);
        let boundsheet_len = 4 + 8;
        let globals_len = bof.len() + sheets * boundsheet_len + sst.len() + eof.len();
        let mut out = bof.clone();
        for _ in 0..sheets {
            let mut data = u32::try_from(globals_len).unwrap().to_le_bytes().to_vec();
            data.extend([0, 0, 1, 0, b'S', 0, 0, 0][..4].iter());
            out.extend(rec(record::BOUNDSHEET, &data));
        }
        out.extend(sst);
        out.extend(eof.clone());
        out.extend(bof);
        for r in records {
            out.extend(r);
        }
        out.extend(eof);
        out
    }

    /// An SST of strings of these lengths, one byte a character.
    fn sst(lengths: &[u16]) -> Vec<u8> {
        let mut data = vec![0; 8];
        for &n in lengths {
            data.extend(n.to_le_bytes());
            data.push(0);
            data.extend(std::iter::repeat_n(b'a', usize::from(n)));
        }
        data
    }

    #[test]
    fn cells_and_shared_text_are_counted_per_sheet_listed() {
        let records = [
            cell(0x0203, 0, 0, &[0; 10]),
            cell(record::LABELSST, 9, 3, &[0, 0, 1, 0, 0, 0]),
            cell(record::LABELSST, 10, 3, &[0, 0, 1, 0, 0, 0]),
        ];
        let stream = workbook(1, &sst(&[5, 1000]), &records);
        // Rows 0–10 by columns 0–3; string 1 (1,000 characters) twice.
        assert_eq!(
            cost(&stream).unwrap(),
            Cost {
                cells: 44,
                text: 6000
            }
        );
        // The same sheet listed three times is read three times.
        let stream = workbook(3, &sst(&[5, 1000]), &records);
        assert_eq!(
            cost(&stream).unwrap(),
            Cost {
                cells: 132,
                text: 18_000
            }
        );
    }

    #[test]
    fn claims_and_far_apart_cells_are_counted() {
        let mut dims = 0_u32.to_le_bytes().to_vec();
        dims.extend(100_000_000_u32.to_le_bytes());
        dims.extend([0, 0, 4, 0, 0, 0]);
        let stream = workbook(1, &sst(&[]), &[rec(record::DIMENSIONS, &dims)]);
        assert!(cost(&stream).unwrap().cells > 400_000_000);
        let far = [
            cell(0x0203, 0, 0, &[0; 10]),
            cell(0x0203, 65_535, 65_535, &[0; 10]),
        ];
        let stream = workbook(1, &sst(&[]), &far);
        assert_eq!(cost(&stream).unwrap().cells, 65_536 * 65_536);
    }

    #[test]
    fn a_string_split_by_a_continue_record_is_read_whole() {
        // "abcdef" wide (two bytes a character), split after three characters.
        let mut first = vec![6, 0, 1];
        first.extend([b'a', 0, b'b', 0, b'c', 0]);
        // Then "xy", one byte a character.
        let second = vec![1, b'd', 0, b'e', 0, b'f', 0, 2, 0, 0, b'x', b'y'];
        let parts: [&[u8]; 2] = [&first, &second];
        assert_eq!(shared_strings(&parts), [18, 6]);
    }

    #[test]
    fn garbage_never_panics_and_costs_its_length() {
        let mut seed = 7_u64;
        for len in 0..2000 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (seed >> 56) as u8
                })
                .collect();
            let _ = cost(&bytes);
        }
    }
}
