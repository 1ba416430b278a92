//! Sets of entries where the appliance ignores order: exception lists, allow and block lists.
//! Stored as sorted spans of text, so a million entries cost a few allocations, not a
//! million: an entry read as it is in the capture is a span of the capture's own text, shared
//! with it; any other (an entry written in another form, one added later) a span of the list's
//! own arena. An entry may carry the comment its export wrote beside it (SpamTitan's Comment
//! column): comments are rare, so they live in a small map beside the arena.

use std::cmp::Ordering;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::Origin;

/// The bit of [`Span::start`] that says the span is of the shared text, not the arena.
const SHARED: u32 = 1 << 31;

/// From how many entries a list is sorted on two cores: below it, the thread costs more than
/// it saves.
const SORTED_ON_TWO_CORES: usize = 1 << 16;

/// Sorts by `order`, a total order, without a buffer: a long slice is split at its median
/// (one pass), and each half sorted on a core of its own (one list may be all a capture
/// holds).
fn sort_on_both_cores<T: Send>(items: &mut [T], order: impl Fn(&T, &T) -> Ordering + Sync) {
    if items.len() < SORTED_ON_TWO_CORES {
        return items.sort_unstable_by(&order);
    }
    let middle = items.len() / 2;
    let (low, _, high) = items.select_nth_unstable_by(middle, &order);
    rayon::join(
        || low.sort_unstable_by(&order),
        || high.sort_unstable_by(&order),
    );
}

#[derive(Debug, Clone, Copy)]
struct Span {
    /// The offset in the arena, or with [`SHARED`] in the shared text.
    start: u32,
    len: u32,
    at: Origin,
}

/// A set of text entries, each with where it was read and an optional comment. Serializes as
/// the sorted entries; an entry with a comment as `entry # comment` (entries hold no white
/// space, so the form is unambiguous).
#[derive(Clone, Default)]
pub struct List {
    /// The text of the capture the entries were read from, when they are spans of it.
    shared: Option<Arc<String>>,
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
            list.push_unsorted(text, at);
        }
        list.sorted()
    }

    /// An empty list whose entries may be spans of `text`, the capture they are read from.
    pub(crate) fn sharing(text: Arc<String>) -> List {
        List {
            shared: Some(text),
            ..List::default()
        }
    }

    /// Appends an entry as read, before [`List::sorted`]: a span of the shared text when the
    /// entry lies in it, else one copy into the arena; no allocation of its own.
    pub(crate) fn push_unsorted(&mut self, text: &str, at: Origin) {
        let span = self.span_of(text, at);
        self.spans.push(span);
    }

    /// The span of an entry: in the shared text where it lies there, else appended to the
    /// arena.
    fn span_of(&mut self, text: &str, at: Origin) -> Span {
        let len = text.len() as u32;
        if let Some(shared) = &self.shared {
            let base = shared.as_ptr() as usize;
            let offset = (text.as_ptr() as usize).wrapping_sub(base);
            let inside = offset <= shared.len() && shared.len() - offset >= text.len();
            if inside && offset < SHARED as usize {
                return Span {
                    start: offset as u32 | SHARED,
                    len,
                    at,
                };
            }
        }
        let start = self.arena.len() as u32;
        assert!(start < SHARED, "a list's own entries fit in 2 GiB");
        self.arena.push_str(text);
        Span { start, len, at }
    }

    /// The entries pushed so far, in the order they were pushed (before [`List::sorted`]).
    pub(crate) fn iter_unsorted(&self) -> impl Iterator<Item = (&str, Origin)> {
        self.spans.iter().map(|s| (self.text(s), s.at))
    }

    /// The list sorted, a repeated entry keeping its last origin.
    pub(crate) fn sorted(mut self) -> List {
        let (arena, shared) = (&self.arena, self.shared.as_deref());
        let text = |s: &Span| span_text(arena, shared, s);
        // Among equal entries the last read must stay last. Read in the order of their
        // origins (a listing, line by line), the origin says which that is, and an unstable sort
        // needs no buffer (half the list again); else a stable sort keeps the order read.
        if self.spans.windows(2).all(|w| w[0].at < w[1].at) {
            let order = |a: &Span, b: &Span| text(a).cmp(text(b)).then(a.at.cmp(&b.at));
            sort_on_both_cores(&mut self.spans, order);
        } else {
            self.spans.sort_by(|a, b| text(a).cmp(text(b)));
        }
        // Of equal entries, the last read is kept (with its origin).
        self.spans.dedup_by(|later, kept| {
            let same = text(later) == text(kept);
            if same {
                *kept = *later;
            }
            same
        });
        self.spans.shrink_to_fit();
        self.arena.shrink_to_fit();
        if !self.spans.iter().any(|s| s.start & SHARED != 0) {
            self.shared = None;
        }
        self
    }

    fn text(&self, span: &Span) -> &str {
        span_text(&self.arena, self.shared.as_deref(), span)
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

    /// The entries at sorted positions `range`, with their origins.
    pub(crate) fn range(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (&str, Origin)> {
        self.spans[range].iter().map(|s| (self.text(s), s.at))
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
                let start = self.arena.len() as u32;
                assert!(start < SHARED, "a list's own entries fit in 2 GiB");
                self.arena.push_str(entry);
                let len = entry.len() as u32;
                self.spans.insert(i, Span { start, len, at });
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

    /// The entries `keep` keeps, with their origins and comments: spans of the same texts, no
    /// entry copied.
    pub(crate) fn filtered(&self, mut keep: impl FnMut(&str) -> bool) -> List {
        let spans = self.spans.iter().filter(|s| keep(self.text(s)));
        self.with_spans(spans.copied().collect())
    }

    /// The entries `other` does not hold, in one pass over both (each is sorted).
    pub(crate) fn without(&self, other: &List) -> List {
        if self.same_spans(other) {
            return List::default();
        }
        let mut theirs = other.iter().map(|(text, _)| text).peekable();
        self.filtered(|entry| {
            while theirs.next_if(|t| *t < entry).is_some() {}
            theirs.peek() != Some(&entry)
        })
    }

    /// Whether both lists hold the same spans of the same texts (a list and its copy): the
    /// same entries, known without reading them.
    fn same_spans(&self, other: &List) -> bool {
        let texts = match (&self.shared, &other.shared) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        let place = |s: &Span| (s.start, s.len);
        texts
            && self.arena == other.arena
            && self.spans.len() == other.spans.len()
            && self
                .spans
                .iter()
                .map(place)
                .eq(other.spans.iter().map(place))
    }

    /// A list of these spans of this list's texts, sorted as they are.
    fn with_spans(&self, spans: Vec<Span>) -> List {
        let mut list = List {
            shared: self.shared.clone(),
            arena: String::new(),
            spans,
            comments: std::collections::BTreeMap::new(),
        };
        // The arena is shared only when a kept span is of it.
        if list.spans.iter().any(|s| s.start & SHARED == 0) {
            list.arena = self.arena.clone();
        }
        list.comments = (self.comments.iter())
            .filter(|(entry, _)| list.contains(entry))
            .map(|(e, c)| (e.clone(), c.clone()))
            .collect();
        list
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

/// The text of a span, of the arena or of the shared text.
fn span_text<'t>(arena: &'t str, shared: Option<&'t String>, span: &Span) -> &'t str {
    let (start, len) = ((span.start & !SHARED) as usize, span.len as usize);
    match (span.start & SHARED != 0, shared) {
        (true, Some(shared)) => &shared[start..start + len],
        _ => &arena[start..start + len],
    }
}

/// The entries with their origins, and the comments: never the whole shared text.
impl std::fmt::Debug for List {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List")
            .field("entries", &self.iter().collect::<Vec<_>>())
            .field("comments", &self.comments)
            .finish()
    }
}

impl PartialEq for List {
    fn eq(&self, other: &List) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter()) && self.comments == other.comments
    }
}

impl Eq for List {}

impl std::hash::Hash for List {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.len().hash(state);
        self.iter().for_each(|entry| entry.hash(state));
        self.comments.hash(state);
    }
}

/// By entries (with their origins), then comments: as [`PartialEq`] compares.
impl Ord for List {
    fn cmp(&self, other: &List) -> std::cmp::Ordering {
        let entries = self.iter().cmp(other.iter());
        entries.then_with(|| self.comments.cmp(&other.comments))
    }
}

impl PartialOrd for List {
    fn partial_cmp(&self, other: &List) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

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

    /// A list long enough to be sorted on two cores keeps the last read of each entry, in
    /// the order of its lines or not, as a map written entry by entry does.
    #[test]
    fn a_long_list_sorted_on_two_cores_keeps_the_last_read() {
        let lines: Vec<u32> = (1..=(SORTED_ON_TWO_CORES as u32 + 999)).collect();
        let mut shuffled = lines.clone();
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, (i * 7919 + 13) % (i + 1));
        }
        for order in [lines, shuffled] {
            let entry = |line: u32| format!("user{:05}@example.com", (line * 48271) % 40_000);
            let names: Vec<(String, Origin)> = order.iter().map(|&l| (entry(l), at(l))).collect();
            let list = List::from_entries(names.iter().map(|(n, o)| (n.as_str(), *o)));
            let mut expected = std::collections::BTreeMap::new();
            for (name, origin) in &names {
                expected.insert(name.as_str(), *origin);
            }
            assert!(list.iter().eq(expected.into_iter()));
        }
    }

    #[test]
    fn the_last_read_wins_whatever_order_the_origins_are_in() {
        let read = |order: &[u32]| {
            let entries = order
                .iter()
                .map(|&line| (["b", "a"][line as usize % 2], at(line)));
            let list = List::from_entries(entries);
            list.iter()
                .map(|(t, at)| (t.to_string(), at))
                .collect::<Vec<_>>()
        };
        // In the order of their lines, as a listing is read.
        assert_eq!(
            read(&[1, 2, 3, 4, 5, 7]),
            [("a".into(), at(7)), ("b".into(), at(4))]
        );
        // In another order: the last read, not the last line.
        assert_eq!(
            read(&[7, 2, 5, 4, 3, 1]),
            [("a".into(), at(1)), ("b".into(), at(4))]
        );
        assert_eq!(read(&[3, 3, 1]), [("a".into(), at(1))]);
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
    fn without_keeps_what_the_other_lacks() {
        let mut list = List::from_entries([("a", at(1)), ("b", at(2)), ("c", at(3)), ("d", at(4))]);
        list.set_comment("c", "kept");
        list.set_comment("b", "gone");
        let other = List::from_entries([("b", at(9)), ("bb", at(9)), ("d", at(9)), ("e", at(9))]);
        let rest = list.without(&other);
        assert_eq!(
            rest.iter().collect::<Vec<_>>(),
            [("a", at(1)), ("c", at(3))]
        );
        assert_eq!(rest.comment("c"), Some("kept"));
        assert_eq!(rest.comment("b"), None);
        assert!(list.without(&list).is_empty());
        assert_eq!(list.without(&List::default()), list);
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
