//! Reading an event again from its row, when the document looks at it: the
//! [`RowReader`] a CSV document keeps, holding the file's text and the
//! table's [`Spec`], so that a large table keeps only where each row is.

use std::sync::Arc;

use super::day_month::Orders;
use super::rows::Rows;
use super::split::Record;
use super::table::{Spec, Table};
use crate::model::{DocumentBuilder, Place, RowEvent, RowKey, RowReader};

/// Reads the event of a row again, from the file's text kept in memory.
pub(super) struct CsvRows {
    pub(super) text: Arc<String>,
    pub(super) spec: Arc<Spec>,
    /// ` of file.csv`.
    pub(super) title_end: String,
    pub(super) orders: Orders,
    pub(super) renamed: rustc_hash::FxHashMap<u32, String>,
}

impl std::fmt::Debug for CsvRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvRows")
            .field("text_bytes", &self.text.len())
            .field("path", &self.spec.path)
            .field("renamed", &self.renamed.len())
            .finish_non_exhaustive()
    }
}

impl RowReader for CsvRows {
    fn read(&self, key: RowKey) -> Option<RowEvent> {
        let body = self.text.get(self.spec.bom..)?;
        let table = Table {
            body,
            spec: Arc::clone(&self.spec),
        };
        let mut rows = Rows::new(&table, self.title_end.clone(), self.orders);
        let mut records = self
            .spec
            .records(body, usize::try_from(key.offset).ok()?, 0);
        let mut record = Record::new(body);
        if !records.read(&mut record) {
            return None;
        }
        let mut doc = DocumentBuilder::default();
        let id = self.renamed.get(&key.row).cloned();
        let event = rows.build(&mut doc, &record, key.row as usize, id)?;
        Some(RowEvent {
            event,
            sources: doc.sources,
        })
    }

    /// The row's coordinates, name and precision, and nothing else of it.
    fn place(&self, key: RowKey) -> Option<Place> {
        let body = self.text.get(self.spec.bom..)?;
        let mut records = self
            .spec
            .records(body, usize::try_from(key.offset).ok()?, 0);
        let mut record = Record::new(body);
        if !records.read(&mut record) {
            return None;
        }
        self.spec.place(&record)
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.renamed.len() * 48
            + self
                .spec
                .headers
                .iter()
                .map(String::capacity)
                .sum::<usize>()
    }
}
