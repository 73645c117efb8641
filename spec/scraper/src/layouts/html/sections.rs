//! The sections of a page: what each holds, from its heading's words (a hint, in English and
//! Chinese, any case, singular or plural) and, where the words say nothing, from where it stands
//! and what it holds. A heading one level below another inherits its kind unless its own words
//! say otherwise.

use crate::model::ExampleKind;

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Function, constraints, scenarios: prose for the operation's description.
    Description,
    Uri,
    Request,
    Response,
    /// Example requests or responses (`None`: both, told apart by their own labels).
    Examples(Option<ExampleKind>),
    /// Status codes (returned values).
    Status,
    ErrorCodes,
    /// Anything else (SDK samples, change history).
    Other,
}

/// The kind a heading's words name, if they name one.
pub fn hinted(heading: &str) -> Option<Kind> {
    let l = heading.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    let word = |w: &str| l.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    let request = has(&["request", "请求"]);
    let response = has(&["response", "响应", "返回结果"]);
    Some(if has(&["example", "示例", "sample"]) {
        if has(&["sdk", "code"]) {
            Kind::Other
        } else {
            Kind::Examples(match (request, response) {
                (true, false) => Some(ExampleKind::Request),
                (false, true) => Some(ExampleKind::Response),
                _ => None,
            })
        }
    } else if has(&["error code", "错误码"]) {
        Kind::ErrorCodes
    } else if has(&[
        "returned value",
        "return value",
        "status code",
        "返回值",
        "状态码",
    ]) {
        Kind::Status
    } else if (word("uri") || word("url") || has(&["请求路径"])) && !request {
        Kind::Uri
    } else if request {
        Kind::Request
    } else if response {
        Kind::Response
    } else if has(&[
        "function",
        "constraint",
        "scenario",
        "description",
        "功能",
        "约束",
        "场景",
        "说明",
    ]) {
        Kind::Description
    } else {
        return None;
    })
}

/// Tracks the kind in force as headings come: each level's kind, so a deeper heading without
/// words of its own inherits its parent's.
#[derive(Debug, Default)]
pub struct Tracker {
    stack: Vec<(u8, Option<Kind>)>,
}

impl Tracker {
    /// Enters a heading of `level` with `text`; returns the kind now in force (`None`: unknown).
    pub fn enter(&mut self, level: u8, text: &str) -> Option<Kind> {
        while self.stack.last().is_some_and(|(l, _)| *l >= level) {
            self.stack.pop();
        }
        let inherited = self.stack.iter().rev().find_map(|(_, k)| *k);
        let own = hinted(text);
        let kind = match (own, inherited) {
            // `Example Request (Creating an SSH Key)` under `Examples`: its own words refine.
            (Some(k), _) => Some(k),
            (None, k) => k,
        };
        self.stack.push((level, kind));
        kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_words_in_any_form() {
        for (h, k) in [
            ("Request", Kind::Request),
            ("Request Parameters", Kind::Request),
            ("request parameter", Kind::Request),
            ("请求参数", Kind::Request),
            ("Response", Kind::Response),
            ("Response Parameters", Kind::Response),
            ("响应参数", Kind::Response),
            ("URI", Kind::Uri),
            ("Returned Values", Kind::Status),
            ("Status Codes", Kind::Status),
            ("状态码", Kind::Status),
            ("Error Codes", Kind::ErrorCodes),
            ("Function", Kind::Description),
            ("Function Description", Kind::Description),
            ("Constraints", Kind::Description),
            (
                "Example Request (Creating an ECS)",
                Kind::Examples(Some(ExampleKind::Request)),
            ),
            (
                "Example Responses",
                Kind::Examples(Some(ExampleKind::Response)),
            ),
            ("Examples", Kind::Examples(None)),
            ("SDK Sample Code", Kind::Other),
        ] {
            assert_eq!(hinted(h), Some(k), "{h}");
        }
        assert_eq!(hinted("Contents"), None);
        assert_eq!(
            hinted("Security Group Management"),
            None,
            "`uri` only as a word"
        );
    }

    #[test]
    fn deeper_headings_inherit_unless_they_say_otherwise() {
        let mut t = Tracker::default();
        assert_eq!(t.enter(3, "Request"), Some(Kind::Request));
        assert_eq!(t.enter(4, "Body of a batch"), Some(Kind::Request));
        assert_eq!(t.enter(3, "Examples"), Some(Kind::Examples(None)));
        assert_eq!(
            t.enter(4, "Example response"),
            Some(Kind::Examples(Some(ExampleKind::Response)))
        );
        assert_eq!(t.enter(2, "Something else"), None);
    }
}
