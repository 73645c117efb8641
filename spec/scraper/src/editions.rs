//! Documents grouped into editions and put in order, by what they say of themselves.
//!
//! An edition is what one publication holds: the whole reference in one file, or the pages of a
//! reference published page by page (same layout, language and date). The edition with the most
//! operations is the base the others merge into; the others follow oldest first (undated ones
//! before dated ones: they can only fill gaps). Within an edition, pages follow the reference's
//! own outline (chapter pages list their children). File names play no part in any of it, so
//! renaming or reordering the files gives the same spec.

use std::collections::{BTreeMap, HashMap};

use crate::raw::RawDoc;

/// The documents of one publication, in the reference's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub docs: Vec<RawDoc>,
}

impl Edition {
    pub fn operations(&self) -> usize {
        self.docs.iter().map(|d| d.operations.len()).sum()
    }

    fn updated(&self) -> Option<&str> {
        self.docs.first().and_then(|d| d.updated.as_deref())
    }
}

/// Groups `docs` into editions, base first, fills in what the outline of a paged edition says of
/// each operation (its chapter), and marks deprecated the operations whose title, group or
/// chapter `deprecated(file, title)` calls so.
pub fn group(docs: Vec<RawDoc>, deprecated: &dyn Fn(&str, &str) -> bool) -> Vec<Edition> {
    let mut groups: BTreeMap<(String, String, Option<String>), Vec<RawDoc>> = BTreeMap::new();
    for d in docs {
        let key = (d.format.clone(), d.language.clone(), d.updated.clone());
        groups.entry(key).or_default().push(d);
    }
    let mut editions: Vec<Edition> = groups
        .into_values()
        .map(|docs| Edition {
            docs: in_outline_order(docs),
        })
        .collect();
    for e in &mut editions {
        fill_chapters(&mut e.docs);
        for d in &mut e.docs {
            for op in &mut d.operations {
                let titles = [Some(&op.title), op.group.as_ref(), op.chapter.as_ref()];
                op.deprecated |= titles.iter().flatten().any(|t| deprecated(&d.file, t));
            }
        }
    }
    // Base first: the most operations; then oldest first, undated before dated.
    editions.sort_by(|a, b| {
        b.operations()
            .cmp(&a.operations())
            .then_with(|| a.updated().cmp(&b.updated()))
            .then_with(|| fingerprint(a).cmp(&fingerprint(b)))
    });
    if let Some(base) = editions.first().map(|e| e.operations()) {
        // Only the base is ordered by size; the rest by date.
        let rest = &mut editions[1..];
        rest.sort_by(|a, b| {
            a.updated()
                .cmp(&b.updated())
                .then_with(|| fingerprint(a).cmp(&fingerprint(b)))
        });
        debug_assert!(rest.iter().all(|e| e.operations() <= base));
    }
    editions
}

/// What orders editions and pages when nothing else does: title, then a hash of the content.
fn fingerprint(e: &Edition) -> (String, u64) {
    let first = e.docs.first();
    (
        first.and_then(|d| d.title.clone()).unwrap_or_default(),
        first.map_or(0, content_hash),
    )
}

/// FNV-1a over the operations' titles and paths and the tables' captions: stable across runs and
/// platforms, unlike `std`'s hasher.
fn content_hash(d: &RawDoc) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for op in &d.operations {
        eat(&op.title);
        eat(&op.method);
        eat(&op.path);
    }
    for t in &d.tables {
        eat(t.caption.as_deref().unwrap_or(""));
    }
    if let Some(o) = &d.outline {
        eat(&o.id);
    }
    h
}

/// The link targets a page is known by: its file name (links name files: the address other
/// pages give it), and the file name its own topic id gives (`EN-US_TOPIC_0020212657` →
/// `en-us_topic_0020212657.html`), so that renamed files still find each other.
pub(crate) fn link_names(d: &RawDoc) -> Vec<String> {
    let mut names = vec![d.file.rsplit('/').next().unwrap_or(&d.file).to_string()];
    if let Some(o) = d.outline.as_ref().filter(|o| !o.id.is_empty()) {
        names.push(format!("{}.html", o.id.to_ascii_lowercase()));
    }
    names
}

/// Link target → index of the page in `docs`.
fn link_index(docs: &[RawDoc]) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        for name in link_names(d) {
            map.entry(name).or_insert(i);
        }
    }
    map
}

/// Pages in the order of the reference's outline: roots (pages without a parent page among
/// these) by their own id and title, each followed depth-first by the children it lists.
fn in_outline_order(docs: Vec<RawDoc>) -> Vec<RawDoc> {
    if docs.iter().all(|d| d.outline.is_none()) {
        let mut docs = docs;
        docs.sort_by_key(|d| (d.title.clone().unwrap_or_default(), content_hash(d)));
        return docs;
    }
    let by_link = link_index(&docs);
    let parent_of = |d: &RawDoc| {
        d.outline
            .as_ref()
            .and_then(|o| o.parent.as_ref())
            .and_then(|(href, _)| by_link.get(href.as_str()).copied())
    };
    let key = |i: usize| {
        let d = &docs[i];
        (
            d.outline.as_ref().map(|o| o.id.clone()).unwrap_or_default(),
            d.title.clone().unwrap_or_default(),
            content_hash(d),
        )
    };
    let mut roots: Vec<usize> = (0..docs.len())
        .filter(|&i| parent_of(&docs[i]).is_none())
        .collect();
    roots.sort_by_key(|&i| key(i));
    let mut order = Vec::with_capacity(docs.len());
    let mut seen = vec![false; docs.len()];
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        order.push(i);
        let mut children: Vec<usize> = docs[i]
            .outline
            .iter()
            .flat_map(|o| &o.children)
            .filter_map(|c| by_link.get(c.as_str()).copied())
            .collect();
        // Children that name this page as parent but are missing from its list come last.
        let mut strays: Vec<usize> = (0..docs.len())
            .filter(|&k| parent_of(&docs[k]) == Some(i) && !children.contains(&k))
            .collect();
        strays.sort_by_key(|&k| key(k));
        children.extend(strays);
        stack.extend(children.into_iter().rev());
    }
    // Pages in a cycle of parents have no root: after the rest, by their own key.
    let mut rest: Vec<usize> = (0..docs.len()).filter(|&i| !seen[i]).collect();
    rest.sort_by_key(|&i| key(i));
    order.extend(rest);
    let mut slots: Vec<Option<RawDoc>> = docs.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// A paged edition's chapters: each operation's chapter is the title of its page's root page.
fn fill_chapters(docs: &mut [RawDoc]) {
    let by_link = link_index(docs);
    let parent: Vec<Option<usize>> = docs
        .iter()
        .map(|d| {
            d.outline
                .as_ref()
                .and_then(|o| o.parent.as_ref())
                .and_then(|(href, _)| by_link.get(href.as_str()).copied())
        })
        .collect();
    let chapters: Vec<Option<String>> = (0..docs.len())
        .map(|i| {
            let mut at = i;
            let mut steps = 0;
            while let Some(p) = parent[at] {
                at = p;
                steps += 1;
                if steps > docs.len() {
                    return None;
                }
            }
            (at != i).then(|| docs[at].title.clone()).flatten()
        })
        .collect();
    for (d, chapter) in docs.iter_mut().zip(chapters) {
        for op in &mut d.operations {
            if op.chapter.is_none() {
                op.chapter = chapter.clone();
            }
        }
    }
}
