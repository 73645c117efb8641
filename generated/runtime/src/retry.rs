//! Retry decisions: which failures, how long to wait.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use crate::config::RetryPolicy;

/// Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2).
pub(crate) fn is_idempotent(method: &str) -> bool {
    matches!(
        method.to_ascii_uppercase().as_str(),
        "GET" | "HEAD" | "OPTIONS" | "PUT" | "DELETE"
    )
}

/// What an attempt ended with, as far as retrying is concerned.
pub(crate) enum Outcome {
    /// The connection was never established: the server saw nothing, so any method may retry.
    NotSent,
    /// Connection dropped after the request may have been sent.
    MaybeSent,
    /// 429: the request was throttled before it was processed, so any method may retry.
    Throttled { retry_after: Option<Duration> },
    /// 5xx: the request may have been processed.
    ServerError { retry_after: Option<Duration> },
}

/// Delay before the next attempt, or `None` to give up. `attempt` is the 1-based number of the
/// attempt that just failed.
pub(crate) fn next_delay(
    policy: &RetryPolicy,
    method: &str,
    attempt: u32,
    outcome: &Outcome,
) -> Option<Duration> {
    if attempt >= policy.max_attempts {
        return None;
    }
    let may_repeat = policy.retry_non_idempotent || is_idempotent(method);
    match outcome {
        Outcome::NotSent => Some(backoff(policy, attempt)),
        Outcome::MaybeSent if may_repeat => Some(backoff(policy, attempt)),
        Outcome::Throttled { retry_after } => after(policy, attempt, *retry_after),
        Outcome::ServerError { retry_after } if may_repeat => after(policy, attempt, *retry_after),
        _ => None,
    }
}

/// The server's `Retry-After` up to the policy's cap (a longer one ends the retries), else the
/// backoff.
fn after(policy: &RetryPolicy, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
    match retry_after {
        Some(wait) if wait > policy.max_retry_after => None,
        Some(wait) => Some(wait),
        None => Some(backoff(policy, attempt)),
    }
}

/// Exponential backoff with "equal jitter": a random delay in `[d/2, d]`, `d = base·2^(n-1)`.
pub(crate) fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let exp = attempt.saturating_sub(1).min(20);
    let full = policy
        .base_delay
        .saturating_mul(1u32 << exp)
        .min(policy.max_delay);
    let half = full / 2;
    let span = (full - half).as_nanos() as u64;
    let jitter = if span == 0 {
        0
    } else {
        random_u64() % (span + 1)
    };
    half + Duration::from_nanos(jitter)
}

/// A random number from the standard library's per-instance hash keys (no RNG dependency needed
/// for jitter).
fn random_u64() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(0x9e37_79b9_7f4a_7c15);
    h.finish()
}

/// Parses `Retry-After`: delay seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            max_retry_after: Duration::from_secs(10),
            retry_non_idempotent: false,
        }
    }

    #[test]
    fn backoff_doubles_within_jitter_bounds_and_caps() {
        let p = policy();
        for _ in 0..50 {
            let d1 = backoff(&p, 1);
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100));
            let d2 = backoff(&p, 2);
            assert!(d2 >= Duration::from_millis(100) && d2 <= Duration::from_millis(200));
            let d9 = backoff(&p, 9);
            assert!(d9 >= Duration::from_millis(150) && d9 <= Duration::from_millis(300));
        }
    }

    #[test]
    fn post_is_retried_only_when_not_sent_or_opted_in() {
        let p = policy();
        let s = Outcome::ServerError { retry_after: None };
        assert!(next_delay(&p, "GET", 1, &s).is_some());
        assert!(next_delay(&p, "POST", 1, &s).is_none());
        assert!(next_delay(&p, "POST", 1, &Outcome::MaybeSent).is_none());
        assert!(next_delay(&p, "POST", 1, &Outcome::NotSent).is_some());
        let opt_in = RetryPolicy {
            retry_non_idempotent: true,
            ..p.clone()
        };
        assert!(next_delay(&opt_in, "POST", 1, &s).is_some());
        // Bounded: the 4th attempt is the last.
        assert!(next_delay(&p, "GET", 3, &s).is_some());
        assert!(next_delay(&p, "GET", 4, &s).is_none());
    }

    #[test]
    fn throttling_is_retried_for_every_method() {
        let p = policy();
        let throttled = Outcome::Throttled { retry_after: None };
        for method in ["GET", "POST", "PATCH", "DELETE"] {
            let delay = next_delay(&p, method, 1, &throttled).expect(method);
            assert!(delay <= Duration::from_millis(100), "{method}: backoff");
            assert!(next_delay(&p, method, 4, &throttled).is_none(), "{method}");
        }
        let wait = Outcome::Throttled {
            retry_after: Some(Duration::from_secs(3)),
        };
        assert_eq!(
            next_delay(&p, "POST", 1, &wait),
            Some(Duration::from_secs(3))
        );
        // 5xx keeps its rule: a POST may have been processed.
        let failed = Outcome::ServerError {
            retry_after: Some(Duration::from_secs(3)),
        };
        assert_eq!(next_delay(&p, "POST", 1, &failed), None);
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let p = policy();
        let outcomes: [fn(Duration) -> Outcome; 2] = [
            |wait| Outcome::Throttled {
                retry_after: Some(wait),
            },
            |wait| Outcome::ServerError {
                retry_after: Some(wait),
            },
        ];
        for outcome in outcomes {
            assert_eq!(
                next_delay(&p, "GET", 1, &outcome(Duration::from_secs(2))),
                Some(Duration::from_secs(2))
            );
            assert_eq!(
                next_delay(&p, "GET", 1, &outcome(Duration::from_secs(11))),
                None
            );
        }
    }

    #[test]
    fn retry_after_formats() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date");
        assert_eq!(parse_retry_after(" 3 ", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }
}
