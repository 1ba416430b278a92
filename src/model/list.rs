//! Sets of entries where the appliance ignores order: exception lists, allow and block lists.
//! Stored as one string arena with sorted spans, so a million entries cost a few allocations,
//! not a million. An entry may carry the comment its export wrote beside it (SpamTitan's
//! Comment column): comments are rare, so they live in a small map beside the arena.

use serde::{Serialize, Serializer};

use super::Origin;

#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
    at: Origin,
}

/// A set of text entries, each with where it was read and an optional comment. Serializes as
/// the sorted entries; an entry with a comment as `entry # comment` (entries hold no white
/// space, so the form is unambiguous).
#[derive(Debug, Clone, Default)]
pub struct List {
    arena: String,
    /// Sorted by entry text, no duplicates.
    spans: Vec<Span>,
    /// Comments by entry, for the entries that have one.
    comments: std::collections::BTreeMap<String, String>,
}

impl List {
    /// A list of these entries; a repeated entry keeps its last origin.
    pub(crate) fn from_entries<'e>(entries: impl IntoIterator<Item = (&'e str, Origin)>) -> List {
        let mut list = List::default();
        for (text, at) in entries {
            list.spans.push(Span {
                start: list.arena.len() as u32,
                len: text.len() as u32,
                at,
            });
            list.arena.push_str(text);
        }
        let arena = &list.arena;
        let text = |s: &Span| &arena[s.start as usize..(s.start + s.len) as usize];
        // Stable, so among equal entries the last read stays last; keep that one.
        list.spans.sort_by(|a, b| text(a).cmp(text(b)));
        let mut kept: Vec<Span> = Vec::with_capacity(list.spans.len());
        for span in list.spans.drain(..) {
            match kept.last_mut() {
                Some(last) if text(last) == text(&span) => *last = span,
                _ => kept.push(span),
            }
        }
        list.spans = kept;
        list
    }

    fn text(&self, span: &Span) -> &str {
        &self.arena[span.start as usize..(span.start + span.len) as usize]
    }

    fn find(&self, entry: &str) -> Result<usize, usize> {
        self.spans.binary_search_by(|s| self.text(s).cmp(entry))
    }

    /// How many entries the list holds.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the list holds no entry.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Entries in sorted order, with their origins.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Origin)> {
        self.spans.iter().map(|s| (self.text(s), s.at))
    }

    /// Where an entry was read, if the list holds it.
    pub fn get(&self, entry: &str) -> Option<Origin> {
        self.find(entry).ok().map(|i| self.spans[i].at)
    }

    /// Whether the list holds an entry.
    pub fn contains(&self, entry: &str) -> bool {
        self.find(entry).is_ok()
    }

    /// Adds an entry, or moves an existing one's origin to `at`.
    pub fn insert(&mut self, entry: &str, at: Origin) {
        match self.find(entry) {
            Ok(i) => self.spans[i].at = at,
            Err(i) => {
                let span = Span {
                    start: self.arena.len() as u32,
                    len: entry.len() as u32,
                    at,
                };
                self.arena.push_str(entry);
                self.spans.insert(i, span);
            }
        }
    }

    /// Sets the comment of an entry the list holds; an empty comment removes it.
    pub(crate) fn set_comment(&mut self, entry: &str, comment: &str) {
        if !self.contains(entry) {
            return;
        }
        if comment.is_empty() {
            self.comments.remove(entry);
        } else {
            self.comments.insert(entry.to_string(), comment.to_string());
        }
    }

    /// The comment of an entry, if it has one.
    pub fn comment(&self, entry: &str) -> Option<&str> {
        self.comments.get(entry).map(String::as_str)
    }

    /// Removes an entry and its comment; whether it was there.
    pub fn remove(&mut self, entry: &str) -> bool {
        match self.find(entry) {
            Ok(i) => {
                self.spans.remove(i);
                self.comments.remove(entry);
                true
            }
            Err(_) => false,
        }
    }
}

impl PartialEq for List {
    fn eq(&self, other: &List) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter()) && self.comments == other.comments
    }
}

impl Eq for List {}

impl Serialize for List {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(|(text, _)| match self.comment(text) {
            Some(comment) => std::borrow::Cow::Owned(format!("{text} # {comment}")),
            None => std::borrow::Cow::Borrowed(text),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32) -> Origin {
        Origin { source: 0, line }
    }

    #[test]
    fn sorted_unique_last_origin_wins() {
        let list = List::from_entries([("b", at(1)), ("a", at(2)), ("b", at(3))]);
        let entries: Vec<_> = list.iter().collect();
        assert_eq!(entries, vec![("a", at(2)), ("b", at(3))]);
    }

    #[test]
    fn insert_and_remove_keep_order() {
        let mut list = List::from_entries([("m", at(1))]);
        list.insert("z", at(2));
        list.insert("a", at(3));
        assert!(list.remove("m"));
        assert!(!list.remove("m"));
        assert_eq!(list.iter().map(|(t, _)| t).collect::<Vec<_>>(), ["a", "z"]);
        assert_eq!(list.get("z"), Some(at(2)));
    }

    #[test]
    fn comments_follow_their_entry() {
        let mut list = List::from_entries([("a@x.jp", at(1)), ("b@x.jp", at(2))]);
        list.set_comment("a@x.jp", "our supplier");
        list.set_comment("c@x.jp", "not in the list");
        assert_eq!(list.comment("a@x.jp"), Some("our supplier"));
        assert_eq!(list.comment("c@x.jp"), None);
        assert_eq!(
            ron::to_string(&list).unwrap(),
            r#"["a@x.jp # our supplier","b@x.jp"]"#
        );
        let mut other = list.clone();
        other.set_comment("a@x.jp", "");
        assert_ne!(list, other, "a comment is part of the list");
        list.remove("a@x.jp");
        assert_eq!(list.comment("a@x.jp"), None);
    }
}
