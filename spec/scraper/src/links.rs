//! Links between the pages of one edition, resolved: a row whose object another page describes
//! ("see Table 9" on a data-structure page, a link to a section of it), a response section that
//! only says "See Responses (Task)", a status section that only says "See Returned Values for
//! General Requests". The table linked to is copied into the operation (with the tables it
//! refers to in turn, under names the operation does not use yet), so normalizing needs no other
//! page. A link that leads nowhere is a diagnostic.

use std::collections::{HashMap, HashSet};

use crate::editions::{link_names, Edition};
use crate::raw::{Diagnostic, RawDoc, RawOperation, RawTable, Severity, TableRole};
use crate::words::{caption_field, object_type, upper_camel};

/// What a table brought in from another page became.
enum Imported {
    /// A nested model of this name.
    Model(String),
    /// The value of a map, of this type (as a type cell reads).
    Map(String),
}

/// Where a table stands: the document, then the operation (None: the page's own tables) and the
/// table's index.
type Loc = (usize, Option<usize>, usize);

/// Resolves the links of every operation of the edition.
pub fn resolve(edition: &mut Edition, diagnostics: &mut Vec<Diagnostic>) {
    let index = Index::new(&edition.docs);
    let snapshot = edition.docs.clone();
    for doc in &mut edition.docs {
        let file = doc.file.clone();
        for op in &mut doc.operations {
            let mut r = Resolver {
                docs: &snapshot,
                index: &index,
                file: &file,
                diagnostics,
            };
            r.rows(op);
            r.response(op);
            r.status(op);
        }
    }
}

/// Link target → where it leads.
struct Index {
    tables: HashMap<String, Loc>,
    pages: HashMap<String, usize>,
}

impl Index {
    fn new(docs: &[RawDoc]) -> Index {
        let mut tables = HashMap::new();
        let mut pages = HashMap::new();
        for (d, doc) in docs.iter().enumerate() {
            for name in link_names(doc) {
                pages.entry(name).or_insert(d);
            }
            let own = doc
                .tables
                .iter()
                .enumerate()
                .map(|(t, x)| ((d, None, t), x));
            let ops = doc.operations.iter().enumerate().flat_map(|(o, op)| {
                op.tables
                    .iter()
                    .enumerate()
                    .map(move |(t, x)| ((d, Some(o), t), x))
            });
            for (loc, table) in own.chain(ops) {
                for a in &table.anchors {
                    tables.entry(a.clone()).or_insert(loc);
                }
            }
        }
        Index { tables, pages }
    }
}

struct Resolver<'a> {
    docs: &'a [RawDoc],
    index: &'a Index,
    file: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    fn table(&self, (d, o, t): Loc) -> &RawTable {
        match o {
            Some(o) => &self.docs[d].operations[o].tables[t],
            None => &self.docs[d].tables[t],
        }
    }

    /// The tables of the page a table stands in (its operation's, or the page's own).
    fn siblings(&self, (d, o, _): Loc) -> &[RawTable] {
        match o {
            Some(o) => &self.docs[d].operations[o].tables,
            None => &self.docs[d].tables,
        }
    }

    /// Rows typed as objects that link to a table on another page.
    fn rows(&mut self, op: &mut RawOperation) {
        // Imported tables are read too: their rows may link further.
        let mut t = 0;
        while t < op.tables.len() {
            for r in 0..op.tables[t].rows.len() {
                let row = &op.tables[t].rows[r];
                let Some(array) = object_type(&row.type_text) else {
                    continue;
                };
                if row.refs.is_empty() {
                    continue;
                }
                let target = row
                    .refs
                    .iter()
                    .find_map(|x| self.index.tables.get(x).copied())
                    .or_else(|| {
                        let d = row
                            .refs
                            .iter()
                            .find_map(|x| self.index.pages.get(x).copied())?;
                        page_table(&self.docs[d].tables, &row.name).map(|t| (d, None, t))
                    });
                let (name, line, refs) = (row.name.clone(), row.line, row.refs.join(", "));
                let Some(loc) = target else {
                    self.warn(
                        line,
                        format!("field `{name}` links to {refs}, which holds no table of this reference"),
                    );
                    continue;
                };
                op.tables[t].rows[r].type_text = match self.import(op, loc, &name) {
                    Imported::Map(value) => format!("Map<String,{value}>"),
                    Imported::Model(model) if array => format!("Array of {model} objects"),
                    Imported::Model(model) => format!("{model} object"),
                };
                op.tables[t].rows[r].refs.clear();
            }
            t += 1;
        }
    }

    /// A response section that only links elsewhere: the page's main table is the body.
    fn response(&mut self, op: &mut RawOperation) {
        let has_body = op
            .tables
            .iter()
            .any(|t| matches!(t.role, TableRole::ResponseBody(_)));
        if has_body || op.response_refs.is_empty() {
            return;
        }
        let target = op.response_refs.iter().find_map(|x| {
            self.index.tables.get(x).copied().or_else(|| {
                let d = *self.index.pages.get(x)?;
                main_table(&self.docs[d].tables).map(|t| (d, None, t))
            })
        });
        let Some(loc) = target else {
            let refs = op.response_refs.join(", ");
            self.warn(
                op.line,
                format!("the response is described at {refs}, which holds no parameter table"),
            );
            return;
        };
        let mut body = self.table(loc).clone();
        let nested = self.bring_nested(op, loc, &mut body);
        body.role = TableRole::ResponseBody(None);
        body.origin = Some(self.docs[loc.0].file.clone());
        op.tables.push(body);
        op.tables.extend(nested);
    }

    /// A status section that only links elsewhere: that page's status codes.
    fn status(&mut self, op: &mut RawOperation) {
        if !op.status_codes.is_empty() || op.status_refs.is_empty() {
            return;
        }
        let page = op.status_refs.iter().find_map(|x| {
            self.index
                .pages
                .get(x.split('#').next().unwrap_or(x))
                .copied()
        });
        match page.filter(|&d| !self.docs[d].status_codes.is_empty()) {
            Some(d) => op.status_codes = self.docs[d].status_codes.clone(),
            None => {
                let refs = op.status_refs.join(", ");
                self.warn(
                    op.line,
                    format!("the status codes are at {refs}, which lists none"),
                );
            }
        }
    }

    /// Copies the table at `loc` (and the tables it refers to) into `op` as a nested model for
    /// field `field`; returns the model's name, or the value type when the table describes a
    /// map (its one row is named in prose: any key).
    fn import(&mut self, op: &mut RawOperation, loc: Loc, field: &str) -> Imported {
        let mut table = self.table(loc).clone();
        if table.rows.len() == 1 && table.rows[0].name.contains(char::is_whitespace) {
            let nested = self.bring_nested(op, loc, &mut table);
            let value = table.rows[0].type_text.clone();
            table.role = TableRole::MapValue(field.to_string());
            table.origin = Some(self.docs[loc.0].file.clone());
            op.tables.push(table);
            op.tables.extend(nested);
            return Imported::Map(value);
        }
        let base = match &table.role {
            TableRole::Nested(n) => n.clone(),
            _ => {
                let from_caption = table
                    .caption
                    .as_deref()
                    .map(|c| upper_camel(caption_field(strip_number(c))))
                    .filter(|n| !n.is_empty() && !n.contains(' '));
                from_caption.unwrap_or_else(|| upper_camel(field))
            }
        };
        let name = unused_name(op, &base);
        let nested = self.bring_nested(op, loc, &mut table);
        table.role = TableRole::Nested(name.clone());
        table.origin = Some(self.docs[loc.0].file.clone());
        op.tables.push(table);
        op.tables.extend(nested);
        Imported::Model(name)
    }

    /// The tables that `table`'s rows refer to by model name on its own page, copied under names
    /// `op` does not use (rows rewritten to match), transitively.
    fn bring_nested(&mut self, op: &RawOperation, loc: Loc, table: &mut RawTable) -> Vec<RawTable> {
        let siblings = self.siblings(loc);
        let origin = self.docs[loc.0].file.clone();
        let mut taken: HashSet<String> = nested_names(&op.tables).collect();
        let mut out: Vec<RawTable> = Vec::new();
        let mut queue: Vec<usize> = vec![usize::MAX];
        let mut renames: HashMap<String, String> = HashMap::new();
        while let Some(k) = queue.pop() {
            let rows = if k == usize::MAX {
                &table.rows
            } else {
                &out[k].rows
            };
            let wanted: Vec<String> = rows
                .iter()
                .filter_map(|r| named_type(&r.type_text))
                .collect();
            for want in wanted {
                if renames.contains_key(&want) {
                    continue;
                }
                let Some(source) = siblings
                    .iter()
                    .find(|t| t.role == TableRole::Nested(want.clone()))
                else {
                    continue;
                };
                let mut name = want.clone();
                let mut i = 2;
                while taken.contains(&name) {
                    name = format!("{want}{i}");
                    i += 1;
                }
                taken.insert(name.clone());
                renames.insert(want, name.clone());
                let mut copy = source.clone();
                copy.role = TableRole::Nested(name);
                copy.origin = Some(origin.clone());
                out.push(copy);
                queue.push(out.len() - 1);
            }
        }
        for t in std::iter::once(&mut *table).chain(out.iter_mut()) {
            for row in &mut t.rows {
                if let Some(n) = named_type(&row.type_text) {
                    if let Some(new) = renames.get(&n) {
                        row.type_text = row
                            .type_text
                            .replace(&format!("{n} object"), &format!("{new} object"));
                    }
                }
            }
        }
        out
    }

    fn warn(&mut self, line: usize, message: String) {
        self.diagnostics
            .push(Diagnostic::new(self.file, line, Severity::Warning, message));
    }
}

/// `Table 9 os:scheduler_hints field description` → `os:scheduler_hints field description`.
fn strip_number(caption: &str) -> &str {
    let rest = caption.strip_prefix("Table ").unwrap_or(caption);
    rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
        .trim()
}

/// The model a type text names (`Xyz` of `Array of Xyz objects`, `Xyz object`).
fn named_type(t: &str) -> Option<String> {
    let inner = t.strip_prefix("Array of ").unwrap_or(t);
    let name = inner
        .strip_suffix(" objects")
        .or_else(|| inner.strip_suffix(" object"))?;
    (!name.contains(' ') && name.starts_with(|c: char| c.is_ascii_uppercase()))
        .then(|| name.to_string())
}

fn nested_names(tables: &[RawTable]) -> impl Iterator<Item = String> + '_ {
    tables.iter().filter_map(|t| match &t.role {
        TableRole::Nested(n) => Some(n.clone()),
        _ => None,
    })
}

/// `base`, or `base2`, `base3`… the first name no nested table of `op` has.
fn unused_name(op: &RawOperation, base: &str) -> String {
    let taken: HashSet<String> = nested_names(&op.tables).collect();
    let mut name = base.to_string();
    let mut i = 2;
    while taken.contains(&name) {
        name = format!("{base}{i}");
        i += 1;
    }
    name
}

/// The table of a page a link to the whole page means for field `field`: the one whose caption
/// names the field (`os_extra_specs field description` for `extra_specs`), else the page's main
/// table.
fn page_table(tables: &[RawTable], field: &str) -> Option<usize> {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['-', ':'], "_");
    let field = norm(field);
    let named = tables.iter().position(|t| {
        t.caption.as_deref().is_some_and(|c| {
            let c = norm(caption_field(strip_number(c)));
            !c.is_empty()
                && (c == field
                    || c.ends_with(&format!("_{field}"))
                    || c.trim_end_matches('s') == field.trim_end_matches('s'))
        })
    });
    named.or_else(|| main_table(tables))
}

/// A page's main table: its first parameter table that no row of the page refers to.
fn main_table(tables: &[RawTable]) -> Option<usize> {
    tables.iter().position(|t| t.role == TableRole::Unplaced)
}
