//! Every table row of every operation, placed in the spec or accounted for: per document, the
//! rows seen and the rows placed, and for each row left out a diagnostic saying why, at its line.
//! (Examples are accounted for by [`crate::example_check`].)

use std::collections::{BTreeMap, HashSet};

use crate::raw::{Diagnostic, RawDoc, RawRow, RawTable, Severity, TableRole};

/// Rows seen and placed, per document (`file`).
pub type Counts = BTreeMap<String, (usize, usize)>;

/// Counts the rows of the operations of `docs` (a row of a table brought in from another page
/// counts once, for that page) and reports each row that is not among `placed`.
pub fn rows(
    docs: &[RawDoc],
    placed: &HashSet<(String, usize, String)>,
    counts: &mut Counts,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen = HashSet::new();
    for doc in docs {
        for op in &doc.operations {
            for table in &op.tables {
                let file = table.origin.as_deref().unwrap_or(&doc.file);
                let body_tables = op
                    .tables
                    .iter()
                    .filter(|t| t.role == TableRole::RequestBody)
                    .count();
                for row in &table.rows {
                    let key = (file.to_string(), row.line, row.name.clone());
                    if !seen.insert(key.clone()) {
                        continue;
                    }
                    let entry = counts.entry(file.to_string()).or_default();
                    entry.0 += 1;
                    if placed.contains(&key) {
                        entry.1 += 1;
                    } else {
                        diagnostics.push(Diagnostic::new(
                            file,
                            row.line,
                            Severity::Warning,
                            format!(
                                "row `{}` is not in the spec: {}",
                                row.name,
                                why(table, row, body_tables)
                            ),
                        ));
                    }
                }
            }
        }
    }
}

/// Why a row of `table` is not in the spec.
fn why(table: &RawTable, row: &RawRow, body_tables: usize) -> String {
    let caption = table.caption.as_deref().unwrap_or("(no caption)");
    match &table.role {
        TableRole::Unplaced => format!("its table `{caption}` is not placed"),
        TableRole::Describes(field) => {
            format!("it documents field `{field}`, whose type the spec takes from its own row")
        }
        TableRole::RequestBody if body_tables > 1 => {
            format!("its table `{caption}` is a second request body")
        }
        _ if table.rows.iter().filter(|r| r.name == row.name).count() > 1 => {
            format!("field `{}` appears twice in table `{caption}`", row.name)
        }
        _ => format!("no field of the spec comes from it (table `{caption}`)"),
    }
}

/// Adds the row counts to the total; `(seen, placed)`.
pub fn total(counts: &Counts) -> (usize, usize) {
    counts
        .values()
        .fold((0, 0), |(s, p), (cs, cp)| (s + cs, p + cp))
}
