//! JSON pointer → byte spans of the key and the value in the user's file.
//!
//! Every loader fills one of these while it builds the canonical value, so that
//! schema and rule findings, which only know pointers, can point into the file.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::base::source::Span;

/// Where one value of the dataset came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The key's span, for object members (`"graduates"` in `"graduates": 12`).
    pub key: Option<Span>,
    /// The value's span (for objects and arrays: from the opening to the closing bracket).
    pub value: Span,
}

#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    // foldhash, seeded per process: a report has hundreds of pointers, each hashed
    // on insert, and SipHash cost a third of filling the map.
    entries: HashMap<String, Location, foldhash::fast::RandomState>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, pointer: String, location: Location) {
        self.entries.insert(pointer, location);
    }

    /// Records `location` for `pointer`, replacing the one it had: then `Err` with the
    /// pointer (a key seen twice). One hash of the pointer either way.
    pub fn replace(&mut self, pointer: String, location: Location) -> Result<(), String> {
        match self.entries.entry(pointer) {
            Entry::Occupied(mut seen) => {
                seen.insert(location);
                Err(seen.key().clone())
            }
            Entry::Vacant(new) => {
                new.insert(location);
                Ok(())
            }
        }
    }

    pub fn get(&self, pointer: &str) -> Option<&Location> {
        self.entries.get(pointer)
    }

    /// Every pointer and its location, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Location)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The location of `pointer`, or of its nearest ancestor that has one
    /// (a missing key is reported at the object that should hold it).
    pub fn nearest(&self, pointer: &str) -> Option<(&str, &Location)> {
        let mut p = pointer;
        loop {
            if let Some((k, loc)) = self.entries.get_key_value(p) {
                return Some((k.as_str(), loc));
            }
            if p.is_empty() {
                return None;
            }
            p = parent(p);
        }
    }
}

/// The pointer of the parent (`/a/b` → `/a`, `/a` → ``).
pub fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

/// The last segment of a pointer, unescaped.
pub fn last_segment(pointer: &str) -> Option<String> {
    pointer.rfind('/').map(|i| unescape(&pointer[i + 1..]))
}

/// Appends one segment to a pointer, escaping `~` and `/` as RFC 6901 says.
pub fn push(pointer: &str, segment: &str) -> String {
    let mut s = String::with_capacity(pointer.len() + segment.len() + 1);
    s.push_str(pointer);
    s.push('/');
    // Every value of a dataset passes here: one vectorised look, not a char search.
    if memchr::memchr2(b'~', b'/', segment.as_bytes()).is_some() {
        s.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    } else {
        s.push_str(segment);
    }
    s
}

pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The unescaped segments of a pointer.
pub fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer.split('/').skip(1).map(unescape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_and_unescape() {
        let p = push(&push("", "a/b"), "c~d");
        assert_eq!(p, "/a~1b/c~0d");
        assert_eq!(segments(&p).collect::<Vec<_>>(), ["a/b", "c~d"]);
        assert_eq!(parent(&p), "/a~1b");
        assert_eq!(last_segment(&p).as_deref(), Some("c~d"));
        assert_eq!(parent("/a"), "");
    }

    #[test]
    fn nearest_walks_up() {
        let mut m = SourceMap::new();
        let loc = Location {
            key: None,
            value: Span::new(0, 10),
        };
        m.insert(String::new(), loc);
        m.insert("/a".into(), loc);
        assert_eq!(m.nearest("/a/b/c").unwrap().0, "/a");
        assert_eq!(m.nearest("/x").unwrap().0, "");
    }
}
