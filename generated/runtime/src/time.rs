//! `X-Sdk-Date` timestamps (`YYYYMMDDTHHMMSSZ`, UTC) without a calendar dependency.

use std::time::{SystemTime, UNIX_EPOCH};

/// Formats `time` as the signer's basic ISO 8601 date.
pub fn sdk_date(time: SystemTime) -> String {
    // Times before 1970 do not occur on a working clock; clamp rather than fail.
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_known_instants() {
        let at = |s: u64| sdk_date(UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), "19700101T000000Z");
        // 2026-04-12T10:15:30Z, checked with `date -u -d @1775988930`.
        assert_eq!(at(1_775_988_930), "20260412T101530Z");
        // Leap day 2024-02-29T23:59:59Z.
        assert_eq!(at(1_709_251_199), "20240229T235959Z");
    }
}
