//! The words the single pages share, in both languages: section headings, table captions and
//! headers, Yes/No cells and the type vocabulary. Every layout parser asks these helpers, so
//! `请求Body参数` and `Request body parameters` land on the same structure.

use crate::model::Location;
use crate::raw::TableRole;

/// A section heading of an API page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Heading {
    Function,
    CallingMethod,
    Uri,
    RequestParams,
    ResponseParams,
    /// `Status code: 200` / `状态码: 200` before a response table or example.
    Status(u16),
    ExampleRequests,
    ExampleResponses,
    Sdk,
    /// The closing `Status Codes` / `状态码` table.
    StatusCodes,
    ErrorCodes,
}

/// Recognises a heading line (already trimmed).
pub(crate) fn heading(line: &str) -> Option<Heading> {
    let l = line.trim().trim_end_matches('|').trim();
    Some(match l {
        "Function" | "功能介绍" => Heading::Function,
        "Calling Method" | "调用方法" => Heading::CallingMethod,
        "URI" => Heading::Uri,
        "Request Parameters" | "请求参数" => Heading::RequestParams,
        "Response Parameters" | "响应参数" => Heading::ResponseParams,
        "Example Requests" | "Example Request" | "请求示例" => Heading::ExampleRequests,
        "Example Responses" | "Example Response" | "响应示例" => Heading::ExampleResponses,
        "SDK Sample Code" | "SDK代码示例" => Heading::Sdk,
        "Status Codes" | "状态码" => Heading::StatusCodes,
        "Error Codes" | "错误码" => Heading::ErrorCodes,
        _ => return status_heading(l).map(Heading::Status),
    })
}

/// `Status code: 200`, `状态码: 200`, `状态码:200` (ASCII or full-width colon).
fn status_heading(l: &str) -> Option<u16> {
    let rest = l
        .strip_prefix("Status code")
        .or_else(|| l.strip_prefix("状态码"))?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?.trim();
    status_code(rest)
}

/// A three-digit HTTP status.
pub(crate) fn status_code(s: &str) -> Option<u16> {
    let s = s.trim().trim_end_matches('|').trim();
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok().filter(|c| (100..600).contains(c))
    } else {
        None
    }
}

/// `Updated on 2024-04-09 GMT+08:00` / `更新时间:2024-11-06 GMT+08:00` → `2024-04-09`.
pub(crate) fn updated_date(line: &str) -> Option<String> {
    let l = line.trim();
    let rest = l
        .strip_prefix("Updated on")
        .or_else(|| l.strip_prefix("更新时间"))?
        .trim_start_matches([':', '：', ' ']);
    let date: String = rest.chars().take(10).collect();
    let b = date.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    ok.then_some(date)
}

/// `Table 3 Response body parameters` / `表3 响应Body参数` → the caption's name part.
pub(crate) fn caption(line: &str) -> Option<&str> {
    let l = line.trim();
    let rest = l.strip_prefix("Table ").or_else(|| l.strip_prefix("表"))?;
    let digits = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    if digits == 0 {
        return None;
    }
    let name = rest[digits..].trim();
    (!name.is_empty()).then_some(name)
}

/// What a captioned table holds. `status` is the status heading in force for response tables.
/// None for tables no spec structure takes (response headers).
pub(crate) fn caption_role(name: &str, status: Option<u16>) -> Option<TableRole> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        "path parameters" | "路径参数" => TableRole::Params(Location::Path),
        "query parameters" | "query参数" => TableRole::Params(Location::Query),
        "header parameters" | "request header parameters" | "请求header参数" | "header参数" => {
            TableRole::Params(Location::Header)
        }
        "request body parameters" | "请求body参数" => TableRole::RequestBody,
        "response body parameters" | "响应body参数" => TableRole::ResponseBody(status),
        "response header parameters" | "响应header参数" => return None,
        _ if is_param_name(name) => TableRole::Nested(name.to_string()),
        _ => return None,
    })
}

/// A header cell of a parameter table, by column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Name,
    Required,
    Type,
    Description,
}

pub(crate) fn header_cell(cell: &str) -> Option<Column> {
    Some(match cell.trim().trim_end_matches('|').trim() {
        "Parameter" | "参数" | "Name" | "名称" => Column::Name,
        "Mandatory" | "是否必选" | "Required" => Column::Required,
        "Type" | "参数类型" | "类型" => Column::Type,
        "Description" | "描述" | "说明" => Column::Description,
        _ => return None,
    })
}

/// `Yes` / `No` / `是` / `否`.
pub(crate) fn required_cell(cell: &str) -> Option<bool> {
    match cell.trim().trim_end_matches('|').trim() {
        "Yes" | "yes" | "是" | "必选" => Some(true),
        "No" | "no" | "否" | "可选" => Some(false),
        _ => None,
    }
}

/// Type words as the pages print them (`String`, `Array of strings`, `BackupRecordResponse
/// object`, `Map<String,String>`). Rows are rebuilt from this vocabulary, not from offsets.
pub(crate) fn is_type(cell: &str) -> bool {
    let t = cell.trim().trim_end_matches('|').trim();
    const PRIMITIVES: [&str; 14] = [
        "String",
        "Integer",
        "Long",
        "Float",
        "Double",
        "Number",
        "Boolean",
        "Object",
        "Int",
        "int",
        "BigDecimal",
        "Date",
        "string",
        "integer",
    ];
    if PRIMITIVES.contains(&t) || t == "boolean" || t == "object" || t == "long" {
        return true;
    }
    if let Some(rest) = t.strip_prefix("Array of ") {
        return !rest.is_empty() && rest.split(' ').all(is_word);
    }
    if t.starts_with("Map<") || t.starts_with("Array<") || t.starts_with("List<") {
        return t.ends_with('>');
    }
    if let Some(name) = t
        .strip_suffix(" object")
        .or_else(|| t.strip_suffix(" objects"))
    {
        return is_word(name) && name.starts_with(|c: char| c.is_ascii_uppercase());
    }
    false
}

fn is_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A parameter name cell: one identifier-like token (`backup_format`, `X-Auth-Token`,
/// `tags[].key`) that is not a type or Yes/No word.
pub(crate) fn is_param_name(cell: &str) -> bool {
    let t = cell.trim().trim_end_matches('|').trim();
    let mut chars = t.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.[]".contains(c))
        && !is_type(t)
        && required_cell(t).is_none()
        && heading(t).is_none()
}

/// The request line of an API (`POST /v2/{project_id}/instances?x={x}`) → (method, path,
/// query template). An RFC 6570 query expansion (`/ports/{port_id}{?reserve_port,x}`) becomes
/// part of the query template (`reserve_port={reserve_port}&x={x}`).
pub(crate) fn uri_line(line: &str) -> Option<(String, String, Option<String>)> {
    let l = line.trim().trim_end_matches('|').trim();
    let (method, rest) = l.split_once(' ')?;
    const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    if !METHODS.contains(&method) {
        return None;
    }
    let uri = rest.trim();
    if !uri.starts_with('/') || uri.contains(' ') {
        return None;
    }
    let (path, query) = split_uri(uri);
    Some((method.to_string(), path, query))
}

/// A URI → its path and query template (see [`uri_line`]).
pub(crate) fn split_uri(uri: &str) -> (String, Option<String>) {
    let (mut path, mut query) = match uri.split_once('?') {
        Some((p, q)) if !p.ends_with('{') => (p.to_string(), Some(q.to_string())),
        _ => (uri.to_string(), None),
    };
    if let Some(open) = path.find("{?") {
        if let Some(close) = path[open..].find('}') {
            let names: Vec<String> = path[open + 2..open + close]
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| format!("{n}={{{n}}}"))
                .collect();
            path = format!("{}{}", &path[..open], &path[open + close + 1..]);
            let expanded = names.join("&");
            query = match query {
                Some(q) if !q.is_empty() => Some(format!("{q}&{expanded}")),
                _ => Some(expanded),
            };
        }
    }
    (path, query.filter(|q| !q.is_empty()))
}

/// Paragraph markers of the 2025 layout: 参数解释 / 约束限制 / 取值范围 / 默认取值 and their
/// English forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    Definition,
    Constraints,
    Range,
    Default,
}

pub(crate) fn block_marker(line: &str) -> Option<Block> {
    Some(match line.trim().trim_end_matches([':', '：']) {
        "参数解释" | "Definition" => Block::Definition,
        "约束限制" | "Constraints" => Block::Constraints,
        "取值范围" | "Range" => Block::Range,
        "默认取值" | "Default Value" => Block::Default,
        _ => return None,
    })
}

/// `不涉及` / `N/A` (with or without a full stop) means the block states nothing.
pub(crate) fn is_none_word(text: &str) -> bool {
    matches!(
        text.trim().trim_end_matches(['。', '.']),
        "不涉及" | "N/A" | "NA" | "无" | "None" | "none"
    )
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// `zh` when Chinese characters are more than a twentieth of the letters (a Chinese page still
/// has parameter names, paths and JSON in ASCII; an English one may quote a Chinese name), else
/// `en`.
pub(crate) fn language_of(text: &str) -> &'static str {
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_cjk(c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if cjk * 20 > latin {
        "zh"
    } else {
        "en"
    }
}

/// The PDF prints bullets as `●`; pages print `•`. One marker keeps enum extraction in one place.
pub(crate) fn normalize_bullet(line: &str) -> String {
    let t = line.trim();
    for marker in ["•", "●", "-", "*"] {
        if let Some(rest) = t.strip_prefix(marker) {
            if rest.starts_with(' ') {
                return format!("● {}", rest.trim());
            }
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_both_languages_match() {
        assert_eq!(heading("状态码: 200"), Some(Heading::Status(200)));
        assert_eq!(heading("状态码:400"), Some(Heading::Status(400)));
        assert_eq!(heading("Status code: 500"), Some(Heading::Status(500)));
        assert_eq!(heading("状态码"), Some(Heading::StatusCodes));
        assert_eq!(heading("请求示例"), heading("Example Requests"));
        assert_eq!(heading("instance_id"), None);
    }

    #[test]
    fn captions_and_roles() {
        assert_eq!(caption("表2 请求Body参数"), Some("请求Body参数"));
        assert_eq!(
            caption("Table 5-213 Path Parameters"),
            Some("Path Parameters")
        );
        assert_eq!(caption("Tables"), None);
        assert_eq!(
            caption_role("请求Body参数", None),
            caption_role("Request body parameters", None)
        );
        assert_eq!(
            caption_role("BackupRecordResponse", None),
            Some(TableRole::Nested("BackupRecordResponse".into()))
        );
    }

    #[test]
    fn type_vocabulary() {
        for t in [
            "String",
            "Array of strings",
            "Array of BackupRecordResponse objects",
            "Files object",
        ] {
            assert!(is_type(t), "{t}");
        }
        for t in ["instance_id", "Yes", "项目ID。", "aof", "Array of"] {
            assert!(!is_type(t), "{t}");
        }
        assert!(is_param_name("backup_format"));
        assert!(!is_param_name("String"));
        assert!(!is_param_name("是"));
    }

    #[test]
    fn language_by_share_of_chinese_characters() {
        assert_eq!(language_of("instance_id String 实例ID。"), "zh");
        assert_eq!(
            language_of("The name of the instance, e.g. 缓存 or cache1 in the console."),
            "en"
        );
    }

    #[test]
    fn dates_and_uris() {
        assert_eq!(
            updated_date("更新时间:2024-11-06 GMT+08:00").as_deref(),
            Some("2024-11-06")
        );
        assert_eq!(
            updated_date("Updated on 2024-04-09 GMT+08:00").as_deref(),
            Some("2024-04-09")
        );
        assert_eq!(updated_date("Updated on soon"), None);
        let (m, p, q) = uri_line("GET /v1/x/detail?id={id}&page={page}").unwrap();
        assert_eq!(
            (m.as_str(), p.as_str(), q.as_deref()),
            ("GET", "/v1/x/detail", Some("id={id}&page={page}"))
        );
        assert!(uri_line("POST https://{dcs_endpoint}/v2").is_none());
        let (_, p, q) = uri_line(
            "DELETE /v2.1/{project_id}/servers/{server_id}/os-interface/{port_id}{?reserve_port}",
        )
        .unwrap();
        assert_eq!(
            p,
            "/v2.1/{project_id}/servers/{server_id}/os-interface/{port_id}"
        );
        assert_eq!(q.as_deref(), Some("reserve_port={reserve_port}"));
        let (_, p, q) = uri_line("GET /v1/{project_id}/fpga{?image_id,page}").unwrap();
        assert_eq!(
            (p.as_str(), q.as_deref()),
            (
                "/v1/{project_id}/fpga",
                Some("image_id={image_id}&page={page}")
            )
        );
    }
}
