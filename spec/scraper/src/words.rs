//! Words of the documents that more than one stage reads: what marks a title as deprecated, what
//! types a row as "an object described elsewhere", what a nested table's caption names, and how
//! such words become model names.

/// A chapter or page title that says its APIs are deprecated: `Out-of-Date APIs (Unavailable
/// Soon)`, `Querying Images (Discarded)`, `历史API`, `废弃接口`.
pub fn is_deprecated_title(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    [
        "out-of-date",
        "outdated",
        "deprecated",
        "discarded",
        "obsolete",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || ["历史", "废弃", "下线"].iter().any(|w| title.contains(w))
}

/// `title` without its parenthesized deprecation mark: `Querying Images (Discarded)` →
/// `Querying Images`.
pub fn without_deprecation_mark(title: &str) -> &str {
    match title.rfind('(') {
        Some(at) if title.trim_end().ends_with(')') && is_deprecated_title(&title[at..]) => {
            title[..at].trim_end()
        }
        _ => title,
    }
}

/// `Object`, `Array of objects` and the other words for "an object described elsewhere":
/// `Some(true)` for an array of them. A list written as a wrapper (`List(Dict)`,
/// `Array<Object>`) is an array of what it wraps.
pub fn object_type(t: &str) -> Option<bool> {
    let l = t.trim().to_ascii_lowercase();
    for (open, close) in [
        ("list(", ")"),
        ("list<", ">"),
        ("array(", ")"),
        ("array<", ">"),
    ] {
        if let Some(inner) = l.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return (object_type(inner) == Some(false)).then_some(true);
        }
    }
    match l.as_str() {
        "object" | "json" | "dict" | "dictionary" | "map" => Some(false),
        "array of objects" | "array of object" | "list of objects" | "array of dict"
        | "array of dicts" | "objects" => Some(true),
        _ => None,
    }
}

/// The field a nested table's caption names: `nics field description` → `nics`;
/// `Request parameters` stays.
pub fn caption_field(name: &str) -> &str {
    let lower = name.to_ascii_lowercase();
    for suffix in [
        " field description",
        " field descriptions",
        " parameter description",
        " parameters description",
        " parameters",
        " parameter",
        " objects",
        " object",
        " field structure",
        " structure",
        " description",
    ] {
        if lower.ends_with(suffix) {
            return name[..name.len() - suffix.len()].trim();
        }
    }
    name.trim()
}

/// `backup_record_response` → `BackupRecordResponse`; `Master/Standby` → `MasterStandby`.
pub fn upper_camel(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(f) = chars.next() {
            out.push(f.to_ascii_uppercase());
            let rest: String = chars.collect();
            // `DCS`, `IP`, `AZs` read as words, not as runs of capitals.
            if rest
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == 's' || c.is_ascii_digit())
            {
                out.push_str(&rest.to_ascii_lowercase());
            } else {
                out.push_str(&rest);
            }
        }
    }
    out
}

/// Whether an example's label says it shows a failure: `Abnormal response`, `Error response`,
/// `异常响应`.
pub fn says_failure(label: &str) -> bool {
    let l = label.to_lowercase();
    [
        "abnormal",
        "error",
        "failure",
        "failed",
        "exception",
        "异常",
        "失败",
        "错误",
    ]
    .iter()
    .any(|w| l.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_words_and_wrapped_lists() {
        assert_eq!(object_type(" Dict "), Some(false));
        assert_eq!(object_type("List(Dict)"), Some(true));
        assert_eq!(object_type("Array<Object>"), Some(true));
        assert_eq!(object_type("list<object>"), Some(true));
        assert_eq!(object_type("List(String)"), None);
        assert_eq!(object_type("List(List(Dict))"), None);
        assert_eq!(object_type("String"), None);
    }

    #[test]
    fn deprecated_titles() {
        assert!(is_deprecated_title("8 Out-of-Date APIs (Unavailable Soon)"));
        assert!(is_deprecated_title("历史API"));
        assert!(is_deprecated_title("Querying Images (Discarded)"));
        assert!(!is_deprecated_title("APIs (Recommended)"));
        assert_eq!(
            without_deprecation_mark("Querying Images (Discarded)"),
            "Querying Images"
        );
        assert_eq!(
            without_deprecation_mark("Querying AZs (v2)"),
            "Querying AZs (v2)"
        );
    }
}
