//! The value of a string literal as proc-macro2 writes it (`Literal::string`: `escape_debug`),
//! or as a raw string; `None` for any other literal or escape, which then goes to prettyplease.

/// The text of a string literal token.
pub(super) fn string(literal: &str) -> Option<String> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes..raw.len().checked_sub(hashes)?)?;
        return Some(body.strip_prefix('"')?.strip_suffix('"')?.to_string());
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            c @ ('\\' | '"' | '\'') => out.push(c),
            'u' => out.push(unicode(&mut chars)?),
            _ => return None,
        }
    }
    Some(out)
}

/// `{7f}` after `\u`.
fn unicode(chars: &mut std::str::Chars<'_>) -> Option<char> {
    if chars.next()? != '{' {
        return None;
    }
    let mut value = 0u32;
    loop {
        match chars.next()? {
            '}' => return char::from_u32(value),
            c => value = value.checked_mul(16)? + c.to_digit(16)?,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::string;

    #[test]
    fn reads_back_what_proc_macro2_writes() {
        for text in [
            "plain",
            "a \"quoted\" \\ back",
            "tab\there",
            "\u{7f}12",
            "中文 é",
            "it's",
        ] {
            let literal = proc_macro2::Literal::string(text).to_string();
            assert_eq!(string(&literal).as_deref(), Some(text), "{literal}");
        }
        assert_eq!(string("r#\"raw \"x\"\"#").as_deref(), Some("raw \"x\""));
        assert_eq!(string("12"), None);
        assert_eq!(string("\"\\x41\""), None);
    }
}
