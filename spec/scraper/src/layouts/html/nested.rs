//! A page's parameter tables placed: which is the request body, which the response body, which
//! describes the object of which row. A row refers to a table by a link to its anchor, by a
//! link or mention of its number ("see Table 3"), by the table's caption naming the row's field,
//! or, failing those, by order (the next table nobody claimed, in the same part of the page).
//! A table no row refers to is its part's main table (the first one) or stays unplaced. Each
//! nested table gets a model name from its caption (or its field), and the rows referring to it
//! are retyped `Xyz object` / `Array of Xyz objects`, the way the other layouts print them, so
//! the normalizer reads every layout alike. Links to other pages stay on the rows (`refs`) for
//! the edition to resolve.

use crate::model::{Location, ARRAY_ITEMS_FIELD};
use crate::raw::{RawRow, RawTable, TableRole};

use super::dom::Link;
use crate::words::{caption_field, object_type, upper_camel};

/// Where on the page a table stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Uri,
    Request,
    /// A response section, with the status a `Status code: 200` line before it gave.
    Response(Option<u16>),
    /// Outside those (a page that is not an API page, or an unlabelled section).
    Loose,
}

/// A parameter table before placing.
#[derive(Debug, Clone)]
pub struct Table {
    pub part: Part,
    /// The caption's number (`3` of `Table 3 …`).
    pub number: Option<String>,
    /// The caption without its number, or empty.
    pub name: String,
    pub caption: Option<String>,
    /// Link targets that lead here, already qualified with the page's file name.
    pub anchors: Vec<String>,
    pub line: usize,
    pub rows: Vec<(RawRow, Vec<Link>)>,
}

/// The link target `href` (on the page `file`) in the form anchors take: `file#anchor`.
pub fn qualify(file: &str, href: &str) -> String {
    let base = file.rsplit('/').next().unwrap_or(file);
    match href.split_once('#') {
        Some(("", anchor)) => format!("{base}#{anchor}"),
        Some((page, anchor)) => format!("{}#{anchor}", page.rsplit('/').next().unwrap_or(page)),
        None => href.rsplit('/').next().unwrap_or(href).to_string(),
    }
}

/// The number a link's text names (`Table 3` → `3`).
fn table_number(text: &str) -> Option<&str> {
    let rest = text
        .trim()
        .strip_prefix("Table ")
        .or_else(|| text.trim().strip_prefix('表'))?;
    let n = rest
        .split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .next()?;
    (!n.is_empty()).then_some(n)
}

/// Places the tables of one page. `file` names the page in diagnostics and anchors.
pub fn place(file: &str, mut tables: Vec<Table>) -> Vec<RawTable> {
    let (parents, shared) = claim(file, &tables);
    let described = describe(file, &tables, &parents);
    let names = model_names(&tables, &parents);
    let referrers = parents
        .iter()
        .enumerate()
        .filter_map(|(k, p)| p.map(|p| (p, k)))
        .chain(shared);
    for ((t, r), k) in referrers.collect::<Vec<_>>() {
        if let Some(name) = &names[k] {
            let row = &mut tables[t].rows[r].0;
            row.type_text = match object_type(&row.type_text) {
                Some(true) => format!("Array of {name} objects"),
                _ => format!("{name} object"),
            };
            row.refs.clear();
        }
    }
    let maps = map_values(&mut tables, &parents);
    let map_fields: Vec<String> = parents
        .iter()
        .map(|p| p.map_or(String::new(), |(t, r)| tables[t].rows[r].0.name.clone()))
        .collect();
    let mut main_seen: Vec<Part> = Vec::new();
    let mut out = Vec::new();
    for (k, t) in tables.into_iter().enumerate() {
        let role = match (&names[k], t.part) {
            (Some(_), _) if maps[k] => TableRole::MapValue(map_fields[k].clone()),
            (Some(name), _) => TableRole::Nested(name.clone()),
            (None, _) if described[k].is_some() => {
                TableRole::Describes(described[k].clone().unwrap_or_default())
            }
            (None, Part::Uri) => uri_role(&t.name),
            (None, part) if !main_seen.contains(&part) && part != Part::Loose => {
                main_seen.push(part);
                match part {
                    Part::Request if mentions(&t.name, &["header"]) => {
                        main_seen.pop();
                        TableRole::Params(Location::Header)
                    }
                    Part::Request => TableRole::RequestBody,
                    Part::Response(status) => TableRole::ResponseBody(status),
                    Part::Uri | Part::Loose => TableRole::Unplaced,
                }
            }
            (None, Part::Request) if mentions(&t.name, &["header"]) => {
                TableRole::Params(Location::Header)
            }
            // The normalizer reports it, with the other tables nothing places.
            (None, _) => TableRole::Unplaced,
        };
        out.push(RawTable {
            role,
            caption: t.caption,
            line: t.line,
            rows: t.rows.into_iter().map(|(r, _)| r).collect(),
            anchors: t.anchors,
            origin: None,
        });
    }
    out
}

/// Tables that describe a map: their one row is named in prose (`Name of the network where the
/// ECS accesses`), not like a field, so it stands for any key. The row that refers to such a
/// table is retyped `Map<String,…>` with the prose row's type as the value. Returns, per table,
/// whether it is one.
fn map_values(tables: &mut [Table], parents: &[Option<(usize, usize)>]) -> Vec<bool> {
    let is_map = |t: &Table| t.rows.len() == 1 && t.rows[0].0.name.contains(char::is_whitespace);
    let maps: Vec<bool> = tables
        .iter()
        .zip(parents)
        .map(|(t, p)| p.is_some() && is_map(t))
        .collect();
    for k in 0..tables.len() {
        if let (true, Some((pt, pr))) = (maps[k], parents[k]) {
            let value = tables[k].rows[0].0.type_text.clone();
            tables[pt].rows[pr].0.type_text = format!("Map<String,{value}>");
        }
    }
    maps
}

/// Body tables that describe a map: like a nested table of that shape ([`map_values`]), their
/// one row is named in prose (`Name of the network where the ECS accesses`), so it stands for
/// any key of the body itself (`{"demo_net": […]}`). The row becomes the body's
/// [`ARRAY_ITEMS_FIELD`], the body's own type, typed `Map<String,…>` with the row's type.
/// Returns each such row's line and prose name, for the caller to note.
pub fn map_bodies(tables: &mut [RawTable]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for t in tables {
        let body = matches!(t.role, TableRole::RequestBody | TableRole::ResponseBody(_));
        if let (true, [row]) = (body, t.rows.as_mut_slice()) {
            if row.name.trim().contains(char::is_whitespace) {
                out.push((
                    row.line,
                    std::mem::replace(&mut row.name, ARRAY_ITEMS_FIELD.into()),
                ));
                row.type_text = format!("Map<String,{}>", row.type_text);
            }
        }
    }
    out
}

fn mentions(name: &str, words: &[&str]) -> bool {
    let l = name.to_lowercase();
    words.iter().any(|w| l.contains(w))
}

/// A URI table: path and query together unless its caption says which.
fn uri_role(name: &str) -> TableRole {
    if mentions(name, &["query", "查询"]) {
        TableRole::Params(Location::Query)
    } else if mentions(name, &["header"]) {
        TableRole::Params(Location::Header)
    } else if mentions(name, &["path", "路径"]) {
        TableRole::Params(Location::Path)
    } else {
        TableRole::UriParams
    }
}

/// For each table no object row claimed, the field of a row of another type that links to it
/// (a map whose keys it documents).
fn describe(
    file: &str,
    tables: &[Table],
    parents: &[Option<(usize, usize)>],
) -> Vec<Option<String>> {
    let mut out = vec![None; tables.len()];
    for t in 0..tables.len() {
        for (row, links) in &tables[t].rows {
            for l in links {
                let target = qualify(file, &l.href);
                let same_page = l.href.starts_with('#') || l.href.is_empty();
                let k = (0..tables.len()).find(|&k| {
                    k != t
                        && parents[k].is_none()
                        && out[k].is_none()
                        && (tables[k].anchors.contains(&target)
                            || same_page
                                && table_number(&l.text).is_some()
                                && tables[k].number.as_deref() == table_number(&l.text))
                });
                if let Some(k) = k {
                    out[k] = Some(row.name.clone());
                }
            }
        }
    }
    out
}

/// The table a row's link leads to (by anchor, or by a same-page "Table N"), among those `ok`
/// allows.
fn linked(
    file: &str,
    tables: &[Table],
    links: &[Link],
    ok: impl Fn(usize) -> bool,
) -> Option<usize> {
    links.iter().find_map(|l| {
        let by_anchor = qualify(file, &l.href);
        let same_page = !l.href.contains(".htm") || l.href.starts_with('#');
        (0..tables.len()).find(|&k| {
            ok(k)
                && (tables[k].anchors.contains(&by_anchor)
                    || same_page
                        && table_number(&l.text).is_some()
                        && tables[k].number.as_deref() == table_number(&l.text))
        })
    })
}

/// For each table, the (table, row) of the row that refers to it; and the rows that link to a
/// table another row refers to already (one table serving several fields).
type Claims = (Vec<Option<(usize, usize)>>, Vec<((usize, usize), usize)>);

fn claim(file: &str, tables: &[Table]) -> Claims {
    let n = tables.len();
    let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
    let object_rows: Vec<(usize, usize)> = (0..n)
        .flat_map(|t| (0..tables[t].rows.len()).map(move |r| (t, r)))
        .filter(|&(t, r)| object_type(&tables[t].rows[r].0.type_text).is_some())
        .collect();
    let free =
        |parent: &[Option<(usize, usize)>], k: usize, t: usize| parent[k].is_none() && k != t;
    let mut rest = Vec::new();
    let mut shared = Vec::new();
    // 1. Links: to the table's anchor, or naming its number.
    for &(t, r) in &object_rows {
        let links = &tables[t].rows[r].1;
        match linked(file, tables, links, |k| free(&parent, k, t)) {
            Some(k) => parent[k] = Some((t, r)),
            None => match linked(file, tables, links, |k| k != t && parent[k].is_some()) {
                Some(k) => shared.push(((t, r), k)),
                None => rest.push((t, r)),
            },
        }
    }
    // 2. A caption named after the field (`fpgaimages`, or its singular).
    let mut still = Vec::new();
    for (t, r) in rest {
        let field = &tables[t].rows[r].0.name;
        let singular = field.strip_suffix('s').unwrap_or(field);
        let target = (0..n).find(|&k| {
            let c = caption_field(&tables[k].name);
            free(&parent, k, t) && !c.is_empty() && (c == field || c == singular)
        });
        match target {
            Some(k) => parent[k] = Some((t, r)),
            None => still.push((t, r)),
        }
    }
    // 3. In order: the next unclaimed table after the row's own one, in the same part, unless
    //    the row links elsewhere (another page describes it).
    for (t, r) in still {
        if tables[t].rows[r]
            .1
            .iter()
            .any(|l| l.href.contains(".htm") && !l.href.starts_with('#'))
        {
            continue;
        }
        let next =
            (t + 1..n).find(|&k| free(&parent, k, t) && tables[k].part == tables[t].part && k != 0);
        if let Some(k) = next {
            if is_main_candidate(tables, &parent, k) {
                continue;
            }
            parent[k] = Some((t, r));
        }
    }
    (parent, shared)
}

/// Whether table `k` is the first of its part, so its part's main table, which no row takes by
/// order alone.
fn is_main_candidate(tables: &[Table], parent: &[Option<(usize, usize)>], k: usize) -> bool {
    tables[k].part != Part::Loose
        && !(0..k).any(|j| tables[j].part == tables[k].part && parent[j].is_none())
}

/// Model names for the claimed tables, unique on the page: the caption's field (or the row's),
/// prefixed with the parent's name on a clash.
fn model_names(tables: &[Table], parents: &[Option<(usize, usize)>]) -> Vec<Option<String>> {
    let mut names: Vec<Option<String>> = vec![None; tables.len()];
    let mut used: Vec<String> = Vec::new();
    for k in 0..tables.len() {
        let Some((pt, pr)) = parents[k] else { continue };
        let field = caption_field(&tables[k].name);
        let base = match upper_camel(field) {
            b if !b.is_empty() && field.split_whitespace().count() == 1 => b,
            _ => upper_camel(&tables[pt].rows[pr].0.name),
        };
        let mut name = base.clone();
        if used.contains(&name) {
            name = match &names[pt] {
                Some(p) => format!("{p}{base}"),
                None if matches!(tables[k].part, Part::Response(_)) => format!("{base}Response"),
                None => format!("{base}Request"),
            };
        }
        let mut i = 2;
        while used.contains(&name) {
            name = format!("{base}{i}");
            i += 1;
        }
        used.push(name.clone());
        names[k] = Some(name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, ty: &str, links: &[(&str, &str)]) -> (RawRow, Vec<Link>) {
        (
            RawRow {
                name: name.into(),
                type_text: ty.into(),
                ..RawRow::default()
            },
            links
                .iter()
                .map(|(h, t)| Link {
                    href: h.to_string(),
                    text: t.to_string(),
                })
                .collect(),
        )
    }

    fn table(part: Part, caption: &str, anchor: &str, rows: Vec<(RawRow, Vec<Link>)>) -> Table {
        let (number, name) = super::super::tables::split_caption(caption);
        Table {
            part,
            number,
            name,
            caption: (!caption.is_empty()).then(|| caption.to_string()),
            anchors: vec![format!("p.html#{anchor}")],
            line: 1,
            rows,
        }
    }

    #[test]
    fn links_numbers_captions_and_order_place_the_tables() {
        let tables = vec![
            table(
                Part::Request,
                "Table 2 Request parameters",
                "t2",
                vec![
                    row("server", "Object", &[("#t3", "Table 3")]),
                    row("tags", "Array of objects", &[]),
                    row("meta", "Object", &[("other.html#x", "Table 9")]),
                ],
            ),
            table(
                Part::Request,
                "Table 3 server field description",
                "t3",
                vec![row("nics", "Array of objects", &[("", "Table 5")])],
            ),
            table(
                Part::Request,
                "Table 4 tags field description",
                "t4",
                vec![row("key", "String", &[])],
            ),
            table(
                Part::Request,
                "Table 5 nics field description",
                "t5",
                vec![row("id", "String", &[])],
            ),
            table(
                Part::Response(None),
                "",
                "t6",
                vec![row("job_id", "String", &[])],
            ),
        ];
        let placed = place("p.html", tables);
        let roles: Vec<&TableRole> = placed.iter().map(|t| &t.role).collect();
        assert_eq!(
            roles,
            [
                &TableRole::RequestBody,
                &TableRole::Nested("Server".into()),
                &TableRole::Nested("Tags".into()),
                &TableRole::Nested("Nics".into()),
                &TableRole::ResponseBody(None),
            ]
        );
        let types: Vec<&str> = placed[0]
            .rows
            .iter()
            .map(|r| r.type_text.as_str())
            .collect();
        assert_eq!(types, ["Server object", "Array of Tags objects", "Object"]);
        assert_eq!(placed[1].rows[0].type_text, "Array of Nics objects");
    }

    #[test]
    fn one_table_serves_several_rows_and_a_prose_row_makes_a_map() {
        let tables = vec![
            table(
                Part::Response(None),
                "Table 2 Response parameters",
                "t2",
                vec![
                    row("servers_links", "Array of objects", &[("#t3", "Table 3")]),
                    row("links", "Array of objects", &[("#t3", "Table 3")]),
                    row("addresses", "Object", &[("#t4", "Table 4")]),
                ],
            ),
            table(
                Part::Response(None),
                "Table 3 servers_links and links field description",
                "t3",
                vec![row("rel", "String", &[])],
            ),
            table(
                Part::Response(None),
                "Table 4 addresses field description",
                "t4",
                vec![row(
                    "Name of the network",
                    "Array of objects",
                    &[("#t5", "Table 5")],
                )],
            ),
            table(
                Part::Response(None),
                "Table 5 network field description",
                "t5",
                vec![row("addr", "String", &[])],
            ),
        ];
        let placed = place("p.html", tables);
        let types: Vec<&str> = placed[0]
            .rows
            .iter()
            .map(|r| r.type_text.as_str())
            .collect();
        assert_eq!(
            types,
            [
                "Array of ServersLinks objects",
                "Array of ServersLinks objects",
                "Map<String,Array of Network objects>"
            ]
        );
        assert_eq!(placed[2].role, TableRole::MapValue("addresses".into()));
        assert_eq!(placed[3].role, TableRole::Nested("Network".into()));
    }

    #[test]
    fn qualified_targets() {
        assert_eq!(qualify("dir/p.html", "#t1"), "p.html#t1");
        assert_eq!(qualify("p.html", "q.html#t2"), "q.html#t2");
        assert_eq!(qualify("p.html", "q.html"), "q.html");
    }
}
