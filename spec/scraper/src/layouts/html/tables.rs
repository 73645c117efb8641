//! What a table holds, by its header cells: parameters (a name column with a type or a
//! description), status codes (a status column and a description), error codes (a status and an
//! error code), or anything else (value tables, OS lists). Header words are matched loosely, in
//! English and Chinese, since every edition words them its own way.

use crate::raw::{RawErrorCode, RawRow};

use super::dom::{collapse, Grid, Link};
use crate::layouts::vocabulary::{required_cell, status_code};

/// The columns of a table, by what they hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    pub name: Option<usize>,
    pub required: Option<usize>,
    pub ty: Option<usize>,
    pub description: Option<usize>,
    pub status: Option<usize>,
    pub code: Option<usize>,
    pub message: Option<usize>,
    pub solution: Option<usize>,
}

/// What a table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Params,
    Status,
    ErrorCodes,
    Other,
}

/// The column a header cell names; `None` for any other.
fn column(cell: &str) -> Option<fn(&mut Columns) -> &mut Option<usize>> {
    let l = cell.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    Some(
        if has(&["mandatory", "required", "必选", "必填", "是否必"]) {
            |c| &mut c.required
        } else if has(&["error code", "错误码"]) {
            |c| &mut c.code
        } else if has(&[
            "status code",
            "returned value",
            "return value",
            "状态码",
            "返回值",
        ]) {
            |c| &mut c.status
        } else if has(&["error message", "错误信息", "message"]) {
            |c| &mut c.message
        } else if has(&["solution", "处理措施", "解决"]) {
            |c| &mut c.solution
        } else if has(&["type", "类型"]) {
            |c| &mut c.ty
        } else if has(&["description", "描述", "说明", "remark", "meaning"]) {
            |c| &mut c.description
        } else if has(&[
            "parameter",
            "name",
            "field",
            "attribute",
            "参数",
            "名称",
            "字段",
            "属性",
        ]) {
            |c| &mut c.name
        } else {
            return None;
        },
    )
}

/// The columns of a header; the first cell naming a column wins it.
pub fn columns(header: &[String]) -> Columns {
    let mut c = Columns::default();
    for (i, cell) in header.iter().enumerate() {
        if let Some(slot) = column(cell) {
            let slot = slot(&mut c);
            if slot.is_none() {
                *slot = Some(i);
            }
        }
    }
    c
}

/// What a table with these columns holds.
pub fn kind(c: &Columns) -> Kind {
    if c.code.is_some() && (c.status.is_some() || c.message.is_some()) {
        Kind::ErrorCodes
    } else if c.status.is_some() && c.name.is_none() {
        Kind::Status
    } else if c.name.is_some() && (c.ty.is_some() || c.description.is_some()) {
        Kind::Params
    } else {
        Kind::Other
    }
}

/// `Table 3 nics field description` → (`3`, `nics field description`).
pub fn split_caption(caption: &str) -> (Option<String>, String) {
    let rest = caption
        .strip_prefix("Table ")
        .or_else(|| caption.strip_prefix('表'));
    if let Some(rest) = rest {
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        if !number.is_empty() {
            return (
                Some(number.clone()),
                rest[number.len()..].trim().to_string(),
            );
        }
    }
    (None, caption.trim().to_string())
}

/// The rows of a parameter table, each with the links of its cells. A table without a type
/// column types every row `String` (URI tables often have none).
pub fn param_rows(grid: &Grid, c: &Columns) -> Vec<(RawRow, Vec<Link>)> {
    let mut out = Vec::new();
    for (cells, line) in &grid.rows {
        let text = |col: Option<usize>| {
            col.and_then(|i| cells.get(i))
                .map(|c| collapse(&c.text))
                .unwrap_or_default()
        };
        let name = text(c.name);
        if name.is_empty() {
            continue;
        }
        let links: Vec<Link> = [c.description, c.ty]
            .into_iter()
            .flatten()
            .filter_map(|i| cells.get(i))
            .flat_map(|cell| cell.links.iter().cloned())
            .collect();
        let row = RawRow {
            name,
            required: c.required.and_then(|col| required_cell(&text(Some(col)))),
            type_text: match c.ty {
                Some(_) => text(c.ty),
                None => "String".to_string(),
            },
            description: c
                .description
                .and_then(|i| cells.get(i))
                .map(|cell| cell.text.clone())
                .unwrap_or_default(),
            line: *line,
            ..RawRow::default()
        };
        out.push((row, links));
    }
    out
}

/// The rows of a status-code table: (status, description, line). A status cell may carry its
/// reason phrase (`400 Bad Request`).
pub fn status_rows(grid: &Grid, c: &Columns) -> Vec<(u16, String, usize)> {
    let Some(sc) = c.status else {
        return Vec::new();
    };
    grid.rows
        .iter()
        .filter_map(|(cells, line)| {
            let cell = collapse(&cells.get(sc)?.text);
            let (code, reason) = cell.split_once(' ').unwrap_or((&cell, ""));
            let status = status_code(code)?;
            let description = c
                .description
                .and_then(|i| cells.get(i))
                .map(|d| collapse(&d.text))
                .unwrap_or_default();
            let text = match (reason.trim(), description.as_str()) {
                ("", d) => d.to_string(),
                (r, "") => r.to_string(),
                (r, d) => format!("{r}: {d}"),
            };
            Some((status, text, *line))
        })
        .collect()
}

/// The rows of an error-code table.
pub fn error_rows(grid: &Grid, c: &Columns) -> Vec<RawErrorCode> {
    let Some(code_col) = c.code else {
        return Vec::new();
    };
    let text = |cells: &[super::dom::Cell], col: Option<usize>| {
        col.and_then(|i| cells.get(i))
            .map(|c| collapse(&c.text))
            .filter(|t| !t.is_empty())
    };
    grid.rows
        .iter()
        .filter_map(|(cells, line)| {
            let code = text(cells, Some(code_col))?;
            let status = text(cells, c.status)
                .and_then(|s| status_code(s.split(' ').next().unwrap_or("")))
                .unwrap_or(0);
            let message = text(cells, c.message)
                .or_else(|| text(cells, c.description))
                .unwrap_or_default();
            Some(RawErrorCode {
                status,
                code,
                message,
                solution: text(cells, c.solution),
                line: *line,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_in_any_wording_give_the_same_columns() {
        for h in [
            header(&["Parameter", "Mandatory", "Type", "Description"]),
            header(&["Name", "Required", "Data Type", "Remarks"]),
            header(&["参数", "是否必选", "参数类型", "描述"]),
            header(&["Field", "Is Mandatory", "Parameter Type", "Description"]),
        ] {
            let c = columns(&h);
            assert_eq!(
                (c.name, c.required, c.ty, c.description),
                (Some(0), Some(1), Some(2), Some(3)),
                "{h:?}"
            );
            assert_eq!(kind(&c), Kind::Params);
        }
        let c = columns(&header(&["Parameter", "Mandatory", "Description"]));
        assert_eq!((kind(&c), c.ty), (Kind::Params, None));
        let c = columns(&header(&["Returned Value", "Description"]));
        assert_eq!(kind(&c), Kind::Status);
        let c = columns(&header(&[
            "HTTP Status Code",
            "Error Code",
            "Error Message",
            "Description",
            "Solution",
        ]));
        assert_eq!(
            (kind(&c), c.status, c.code, c.solution),
            (Kind::ErrorCodes, Some(0), Some(1), Some(4))
        );
        assert_eq!(kind(&columns(&header(&["OS", "Version"]))), Kind::Other);
    }

    #[test]
    fn captions_split_into_number_and_name() {
        assert_eq!(
            split_caption("Table 3 nics field description"),
            (Some("3".into()), "nics field description".into())
        );
        assert_eq!(
            split_caption("表2 请求Body参数"),
            (Some("2".into()), "请求Body参数".into())
        );
        assert_eq!(
            split_caption("Request parameters"),
            (None, "Request parameters".into())
        );
    }
}
