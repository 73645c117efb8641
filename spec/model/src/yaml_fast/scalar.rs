//! Scalars and keys on one line: plain, single- and double-quoted. Each function returns
//! `None` where libyaml might read the text otherwise, or where the scalar goes on past the
//! line.

use std::borrow::Cow;

use super::lines::{eq_mask, word_of};
use super::{Scalar, Style};

/// Longest key read, in bytes of source. libyaml rejects simple keys over 1024 characters and
/// serde_yaml writes keys over 128 characters as complex `? ` keys, so this never bites on
/// serde_yaml's output.
const MAX_KEY_LEN: usize = 128;

/// Whether a sequence entry's text starts a compact mapping (`- key: value`) rather than being a
/// scalar. Only a guess at the shape: `split_key` then checks the key.
pub(super) fn is_key_line(rest: &str) -> bool {
    match rest.as_bytes().first() {
        Some(b'\'' | b'"') => quoted(rest).is_some_and(|(_, tail)| !tail.is_empty()),
        _ => find_colon(rest).is_some(),
    }
}

/// Splits a mapping line into its key and the value text after `: ` (empty for `key:`).
pub(super) fn split_key(body: &str) -> Option<(Scalar<'_>, &str)> {
    let (key, after) = match body.as_bytes().first()? {
        b'\'' | b'"' => quoted(body)?,
        _ => {
            let colon = find_colon(body)?;
            (plain(body.get(..colon)?)?, body.get(colon..)?)
        }
    };
    // `<<` (a merge key in YAML 1.1) is left to serde_yaml.
    if body.len().saturating_sub(after.len()) > MAX_KEY_LEN
        || (key.style == Style::Plain && key.text == "<<")
    {
        return None;
    }
    let rest = after.strip_prefix(':')?;
    if rest.is_empty() {
        return Some((key, rest));
    }
    // Exactly one space, and a value after it.
    let rest = rest.strip_prefix(' ')?;
    if rest.is_empty() || rest.starts_with(' ') {
        return None;
    }
    Some((key, rest))
}

/// The byte offset of the first `:` that ends a plain key (followed by a space or the end).
fn find_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .find(|&i| bytes.get(i) == Some(&b':') && matches!(bytes.get(i + 1), None | Some(b' ')))
}

/// A plain scalar that is the whole of `text`, or `None` where libyaml would read `text` as
/// something else (an indicator, a comment, a key) or serde_yaml would not write it plain.
pub(super) fn plain(text: &str) -> Option<Scalar<'_>> {
    let bytes = text.as_bytes();
    let (&first, tail) = bytes.split_first()?;
    let starts_plain = match first {
        // `-`, `?` and `:` start a plain scalar only when glued to what follows.
        b'-' | b'?' | b':' => tail.first().is_some_and(|&b| b != b' '),
        b'[' | b']' | b'{' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' | b' ' => false,
        _ => true,
    };
    // libyaml trims trailing spaces; serde_yaml never writes them.
    if !starts_plain || matches!(bytes.last(), Some(b' ' | b':')) {
        return None;
    }
    // `: ` would start a value, ` #` a comment.
    if has_colon_space_or_space_hash(bytes) {
        return None;
    }
    Some(Scalar {
        text: Cow::Borrowed(text),
        style: Style::Plain,
    })
}

/// Whether `bytes` holds `: ` or ` #`. Eight bytes at a time: each word is compared with
/// itself shifted by a byte (the previous word's last byte in front), which pairs every byte
/// with the one before it.
fn has_colon_space_or_space_hash(bytes: &[u8]) -> bool {
    let pairs = |word: u64, previous: u8| {
        let before = (word << 8) | u64::from(previous);
        (eq_mask(before, b':') & eq_mask(word, b' '))
            | (eq_mask(before, b' ') & eq_mask(word, b'#'))
            != 0
    };
    let mut words = bytes.chunks_exact(8);
    let mut previous = 0;
    for word in &mut words {
        if pairs(word_of(word), previous) {
            return true;
        }
        previous = word.last().copied().unwrap_or(0);
    }
    // The rest is padded with zero bytes, which pair with nothing.
    pairs(word_of(words.remainder()), previous)
}

/// A quoted scalar at the start of `text`, closed on the same line, and the text after it.
pub(super) fn quoted(text: &str) -> Option<(Scalar<'_>, &str)> {
    let (value, tail) = match text.as_bytes().first()? {
        b'\'' => single_quoted(text.get(1..)?)?,
        b'"' => double_quoted(text.get(1..)?)?,
        _ => return None,
    };
    let scalar = Scalar {
        text: value,
        style: Style::Quoted,
    };
    Some((scalar, tail))
}

/// The body of a single-quoted scalar (after the opening quote): `''` is a quote.
fn single_quoted(inner: &str) -> Option<(Cow<'_, str>, &str)> {
    let mut owned: Option<String> = None;
    // Start of the text not yet copied to `owned`, and where to look for the next quote.
    let mut start = 0;
    let mut from = 0;
    loop {
        let at = from + inner.get(from..)?.find('\'')?;
        if inner.as_bytes().get(at + 1) == Some(&b'\'') {
            owned
                .get_or_insert_with(String::new)
                .push_str(inner.get(start..=at)?);
            start = at + 2;
            from = at + 2;
            continue;
        }
        let value = match owned {
            Some(mut text) => {
                text.push_str(inner.get(start..at)?);
                Cow::Owned(text)
            }
            None => Cow::Borrowed(inner.get(..at)?),
        };
        return Some((value, inner.get(at + 1..)?));
    }
}

/// The body of a double-quoted scalar (after the opening quote), unescaped.
fn double_quoted(inner: &str) -> Option<(Cow<'_, str>, &str)> {
    let bytes = inner.as_bytes();
    let mut owned: Option<String> = None;
    // Start of the text not yet copied to `owned`. Bytes of multi-byte characters are never
    // `"` or `\`, so every index stopped at is a character boundary.
    let mut start = 0;
    let mut i = 0;
    loop {
        match bytes.get(i)? {
            b'"' => break,
            b'\\' => {
                let text = owned.get_or_insert_with(String::new);
                text.push_str(inner.get(start..i)?);
                let (ch, len) = escape(inner.get(i + 1..)?)?;
                text.push(ch);
                i += 1 + len;
                start = i;
            }
            _ => i += 1,
        }
    }
    let value = match owned {
        Some(mut text) => {
            text.push_str(inner.get(start..i)?);
            Cow::Owned(text)
        }
        None => Cow::Borrowed(inner.get(..i)?),
    };
    Some((value, inner.get(i + 1..)?))
}

/// A double-quoted escape (the text after the backslash): the character and the length of the
/// escape. libyaml's set; an escaped line break (a multi-line scalar) or anything else declines.
fn escape(text: &str) -> Option<(char, usize)> {
    let ch = match text.as_bytes().first()? {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\x0B',
        b'f' => '\x0C',
        b'r' => '\r',
        b'e' => '\x1B',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{A0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return hex_escape(text, 2),
        b'u' => return hex_escape(text, 4),
        b'U' => return hex_escape(text, 8),
        _ => return None,
    };
    Some((ch, 1))
}

/// `\xXX`, `\uXXXX`, `\UXXXXXXXX`: exactly `digits` hex digits naming a Unicode scalar value
/// (libyaml rejects surrogates and values past U+10FFFF, as `char::from_u32` does).
fn hex_escape(text: &str, digits: usize) -> Option<(char, usize)> {
    let hex = text.get(1..1 + digits)?;
    // Checked by hand: `from_str_radix` would also take a leading `+`.
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let ch = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((ch, 1 + digits))
}
