//! Reply bodies: read up to a limit, and cut short where an error keeps them.

/// The reply size limit unless [`ConfigBuilder::max_response_bytes`] sets another: far above
/// any documented reply, far below what would hurt a client holding several at once.
///
/// [`ConfigBuilder::max_response_bytes`]: crate::ConfigBuilder::max_response_bytes
pub(crate) const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// How much of a body an error keeps: enough for any error document and the head of an HTML
/// page, without carrying megabytes around in an `Err`.
pub(crate) const KEPT_BODY_BYTES: usize = 4 * 1024;

/// Preallocated at most, whatever `Content-Length` claims: the buffer grows with what arrives.
const MAX_PREALLOCATION: usize = 1024 * 1024;

/// Why a body was not read whole.
pub(crate) enum ReadError {
    /// It is (or announced itself as) larger than the limit.
    TooLarge,
    Transport(reqwest::Error),
}

/// Reads `response`'s body chunk by chunk, failing as soon as it passes `limit` bytes; a
/// `Content-Length` above the limit fails before anything is read.
pub(crate) async fn read_limited(
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, ReadError> {
    let announced = response.content_length();
    if announced.is_some_and(|len| len > limit as u64) {
        return Err(ReadError::TooLarge);
    }
    let capacity = announced
        .map_or(0, |len| len as usize)
        .min(MAX_PREALLOCATION);
    let mut body = Vec::with_capacity(capacity);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if chunk.len() > limit - body.len() {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The body as an error keeps it: lossily decoded as UTF-8 and, past [`KEPT_BODY_BYTES`], cut
/// at a character boundary with a mark giving the full size.
pub(crate) fn kept_text(body: &[u8]) -> String {
    if body.len() <= KEPT_BODY_BYTES {
        return String::from_utf8_lossy(body).into_owned();
    }
    let mut cut = KEPT_BODY_BYTES;
    // Back off continuation bytes (10xxxxxx) so a multi-byte character is not split into a
    // replacement character; valid UTF-8 needs at most three steps.
    while cut > KEPT_BODY_BYTES - 3 && body[cut] & 0b1100_0000 == 0b1000_0000 {
        cut -= 1;
    }
    let head = String::from_utf8_lossy(&body[..cut]);
    format!("{head}… [cut: {} bytes in all]", body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_bodies_are_kept_whole() {
        assert_eq!(
            kept_text(b"{\"error_code\":\"X\"}"),
            "{\"error_code\":\"X\"}"
        );
        let exact = "a".repeat(KEPT_BODY_BYTES);
        assert_eq!(kept_text(exact.as_bytes()), exact);
        assert_eq!(kept_text(b"\xff"), "\u{fffd}");
    }

    #[test]
    fn long_bodies_are_cut_at_a_character_boundary_with_a_mark() {
        let long = "x".repeat(10_000);
        let kept = kept_text(long.as_bytes());
        assert_eq!(
            kept,
            format!("{}… [cut: 10000 bytes in all]", "x".repeat(KEPT_BODY_BYTES))
        );
        // `é` is two bytes: one of them would sit across the cut.
        let text = format!("{}{}", "a".repeat(KEPT_BODY_BYTES - 1), "é".repeat(100));
        let kept = kept_text(text.as_bytes());
        assert!(!kept.contains('\u{fffd}'), "{kept}");
        assert!(kept.starts_with(&"a".repeat(KEPT_BODY_BYTES - 1)), "{kept}");
        assert!(kept.ends_with(&format!("… [cut: {} bytes in all]", text.len())));
        // Four-byte characters, at every alignment against the cut.
        for pad in 0..4 {
            let text = format!("{}{}", "a".repeat(pad), "😀".repeat(2000));
            let kept = kept_text(text.as_bytes());
            assert!(!kept.contains('\u{fffd}'), "pad {pad}");
            let head = kept.split('…').next().unwrap_or_default();
            assert!(head.len() <= KEPT_BODY_BYTES && head.len() > KEPT_BODY_BYTES - 4);
        }
    }
}
