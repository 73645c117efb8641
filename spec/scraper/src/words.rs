//! Words of the documents that more than one stage reads: what marks a title as deprecated.

/// A chapter or page title that says its APIs are deprecated: `Out-of-Date APIs (Unavailable
/// Soon)`, `Querying Images (Discarded)`, `历史API`, `废弃接口`.
pub fn is_deprecated_title(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    ["out-of-date", "outdated", "deprecated", "discarded", "obsolete"]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deprecated_titles() {
        assert!(is_deprecated_title("8 Out-of-Date APIs (Unavailable Soon)"));
        assert!(is_deprecated_title("历史API"));
        assert!(is_deprecated_title("Querying Images (Discarded)"));
        assert!(!is_deprecated_title("APIs (Recommended)"));
        assert_eq!(without_deprecation_mark("Querying Images (Discarded)"), "Querying Images");
        assert_eq!(without_deprecation_mark("Querying AZs (v2)"), "Querying AZs (v2)");
    }
}
