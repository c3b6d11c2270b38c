//! An event's other named values (imported columns, unknown fields), kept
//! compact: a million imported rows with a dozen columns each would spend
//! over a kilobyte per event in a `BTreeMap<String, String>` (a node, and a
//! heap string per key and per value). Here all names and values of an event
//! share one string, with their ends in one small array: two allocations per
//! event, whatever the number of fields.
//!
//! It behaves like a map sorted by name: inserting a name that is there
//! replaces its value; iteration is in name order.

use std::fmt;

/// Named values sorted by name, packed.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    /// Names and values, back to back: `name0 value0 name1 value1 …`.
    text: String,
    /// The end of each name and value in `text`, in that order.
    ends: Vec<u32>,
}

impl Attributes {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for `fields` names and values of `bytes` bytes in all, so that
    /// filling it allocates once.
    #[must_use]
    pub fn with_capacity(fields: usize, bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(2 * fields),
        }
    }

    /// Number of names.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len() / 2
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn piece(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends[i] as usize;
        self.text.get(start..end).unwrap_or_default()
    }

    /// Name and value of entry `i`.
    fn entry(&self, i: usize) -> (&str, &str) {
        (self.piece(2 * i), self.piece(2 * i + 1))
    }

    /// Where `name` is, or where it would go.
    fn search(&self, name: &str) -> Result<usize, usize> {
        // Entries are usually added in name order: check the end first.
        let n = self.len();
        if n == 0 || self.entry(n - 1).0 < name {
            return Err(n);
        }
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.entry(mid).0.cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// The value of `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.search(name).ok().map(|i| self.entry(i).1)
    }

    #[must_use]
    pub fn contains_key(&self, name: &str) -> bool {
        self.search(name).is_ok()
    }

    /// Sets `name` to `value`; returns the value it replaces.
    pub fn insert(&mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Option<String> {
        let (name, value) = (name.as_ref(), value.as_ref());
        match self.search(name) {
            Ok(i) => {
                let old = self.entry(i).1.to_owned();
                self.remove_entry(i);
                self.insert_at(i, name, value);
                Some(old)
            }
            Err(i) => {
                self.insert_at(i, name, value);
                None
            }
        }
    }

    fn insert_at(&mut self, i: usize, name: &str, value: &str) {
        let at = if i == 0 {
            0
        } else {
            self.ends[2 * i - 1] as usize
        };
        let added = name.len() + value.len();
        self.text.insert_str(at, value);
        self.text.insert_str(at, name);
        for end in &mut self.ends[2 * i..] {
            *end += offset(added);
        }
        let name_end = offset(at + name.len());
        let value_end = offset(at + added);
        self.ends.splice(2 * i..2 * i, [name_end, value_end]);
    }

    fn remove_entry(&mut self, i: usize) {
        let start = if i == 0 {
            0
        } else {
            self.ends[2 * i - 1] as usize
        };
        let end = self.ends[2 * i + 1] as usize;
        self.text.replace_range(start..end, "");
        self.ends.drain(2 * i..2 * i + 2);
        for e in &mut self.ends[2 * i..] {
            *e -= offset(end - start);
        }
    }

    /// Removes `name`; returns its value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.search(name).ok()?;
        let old = self.entry(i).1.to_owned();
        self.remove_entry(i);
        Some(old)
    }

    /// Names and values in name order.
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        (0..self.len()).map(|i| self.entry(i))
    }

    /// Gives back spare room once filled.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// A byte offset as stored; names and values of one event never reach 4 GiB
/// (a text field that long would not have loaded), so this saturates.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl fmt::Debug for Attributes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Attributes {
    type Item = (&'a str, &'a str);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Extend<(K, V)> for Attributes {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Attributes {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut a = Self::new();
        a.extend(iter);
        a.shrink_to_fit();
        a
    }
}

impl From<std::collections::BTreeMap<String, String>> for Attributes {
    fn from(map: std::collections::BTreeMap<String, String>) -> Self {
        let bytes = map.iter().map(|(k, v)| k.len() + v.len()).sum();
        let mut a = Self::with_capacity(map.len(), bytes);
        a.extend(map); // already in name order: each is appended
        a
    }
}

/// Tests read values as `attributes["name"]`, like a map's; the library
/// itself only uses [`Attributes::get`], so nothing outside tests can panic.
#[cfg(test)]
impl std::ops::Index<&str> for Attributes {
    type Output = str;

    /// The value of `name`; panics when there is none, like a map's index.
    fn index(&self, name: &str) -> &str {
        match self.get(name) {
            Some(v) => v,
            None => panic!("no attribute {name:?}"),
        }
    }
}

impl serde::Serialize for Attributes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_like_a_sorted_map() {
        let mut a = Attributes::new();
        let mut m = BTreeMap::new();
        let ops = [
            ("country", "Iraq"),
            ("actor1", "Militia"),
            ("zeta", ""),
            ("country", "Syria"),
            ("é", "accent"),
            ("b", "x"),
            ("actor1", "Police"),
            ("", "empty name"),
        ];
        for (k, v) in ops {
            assert_eq!(a.insert(k, v), m.insert(k.to_owned(), v.to_owned()), "{k}");
            let packed: Vec<(&str, &str)> = a.iter().collect();
            let expected: Vec<(&str, &str)> =
                m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            assert_eq!(packed, expected);
        }
        assert_eq!(a.len(), m.len());
        assert_eq!(a.get("country"), Some("Syria"));
        assert_eq!(&a["actor1"], "Police");
        assert!(a.contains_key(""));
        assert!(!a.contains_key("missing"));
        assert_eq!(a.remove("b"), Some("x".to_owned()));
        assert_eq!(a.remove("b"), None);
        assert_eq!(a.get("é"), Some("accent"));
        assert_eq!(
            a,
            Attributes::from(
                m.into_iter()
                    .filter(|(k, _)| k != "b")
                    .collect::<BTreeMap<_, _>>()
            )
        );
        assert_eq!(
            format!("{:?}", Attributes::from_iter([("k", "v")])),
            r#"{"k": "v"}"#
        );
        assert_eq!(
            serde_json::to_string(&Attributes::from_iter([("b", "2"), ("a", "1")])).unwrap(),
            r#"{"a":"1","b":"2"}"#
        );
    }

    #[test]
    fn is_much_smaller_than_a_map_of_strings() {
        let a: Attributes = (0..8)
            .map(|i| (format!("column{i}"), format!("v{i}")))
            .collect();
        let heap = a.text.capacity() + a.ends.capacity() * 4;
        assert!(size_of::<Attributes>() + heap < 200, "{heap} bytes");
    }
}
