//! Waiting for a resource to reach a state: the one polling loop behind every generated
//! `wait_until_…` method.
//!
//! A generated waiter names what it waits for in a [`WaiterInfo`] (the read operation, the
//! status field, the values that end the wait, all from the spec's `waiters`), and hands
//! [`wait_until`] a closure that reads the resource once and one that takes its status. The
//! loop reads, classifies the status, and sleeps between reads with the delays of a
//! [`WaitPolicy`]: the first read at once, then delays that grow by a factor up to a cap, the
//! last read at the deadline.
//!
//! The delays are not jittered: a waiter polls one resource, a retry storm is not a risk (the
//! reads themselves are retried by the client's [`RetryPolicy`](crate::RetryPolicy)), and a fixed
//! schedule is what a caller can reason about and test.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;
use tokio::time::Instant;

use crate::Error;

/// What a generated waiter waits for: the read it polls, where the status is, and which values
/// end the wait. Each client has one constant per waiter in its `waiters` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterInfo {
    /// The waiter's name (`instance_running`); the method is `wait_until_<name>`.
    pub name: &'static str,
    /// The operation polled (`ShowInstance`).
    pub operation: &'static str,
    /// Where the status is in the resource (`server.status`).
    pub status: &'static str,
    /// The values that end the wait: the state is reached.
    pub success: &'static [&'static str],
    /// The values that end the wait with [`WaitError::Failed`].
    pub failure: &'static [&'static str],
}

/// What a status value means to a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitState {
    /// The state is reached.
    Done,
    /// The resource will not reach it.
    Failed,
    /// Not yet (any value not listed as done or failed, and no status at all).
    Pending,
}

impl WaiterInfo {
    /// What `status` means to this waiter.
    pub fn state_of(&self, status: &str) -> WaitState {
        if self.success.contains(&status) {
            WaitState::Done
        } else if self.failure.contains(&status) {
            WaitState::Failed
        } else {
            WaitState::Pending
        }
    }
}

/// How a waiter polls: the first read at once, then a delay before each next read that starts
/// at `initial_delay` and grows by `factor` up to `max_delay`; the wait gives up after `timeout`
/// (the last read is at the deadline).
///
/// The defaults (2 s, ×1.5, up to 30 s, for 30 minutes) suit resources that take minutes
/// (creating an instance or a server, a backup); shorten them for quick jobs:
///
/// ```
/// use std::time::Duration;
/// use huaweicloud_runtime::WaitPolicy;
///
/// let policy = WaitPolicy::default()
///     .initial_delay(Duration::from_secs(1))
///     .factor(2.0)
///     .max_delay(Duration::from_secs(10))
///     .timeout(Duration::from_secs(300));
/// assert_eq!(policy.delay_after(1), Duration::from_secs(1));
/// assert_eq!(policy.delay_after(3), Duration::from_secs(4));
/// assert_eq!(policy.delay_after(9), Duration::from_secs(10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct WaitPolicy {
    /// The delay after the first read.
    pub initial_delay: Duration,
    /// What each delay is multiplied by for the next (1 or more; 1: a fixed delay).
    pub factor: f64,
    /// The longest delay.
    pub max_delay: Duration,
    /// How long the wait may take in all.
    pub timeout: Duration,
}

impl Default for WaitPolicy {
    fn default() -> Self {
        WaitPolicy {
            initial_delay: Duration::from_secs(2),
            factor: 1.5,
            max_delay: Duration::from_secs(30),
            timeout: Duration::from_secs(30 * 60),
        }
    }
}

impl WaitPolicy {
    /// The default policy (see [`WaitPolicy`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// The same delay between all reads.
    pub fn fixed(delay: Duration, timeout: Duration) -> Self {
        WaitPolicy {
            initial_delay: delay,
            factor: 1.0,
            max_delay: delay,
            timeout,
        }
    }

    /// Sets the delay after the first read.
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// Sets the growth factor; a factor below 1 (or not a number) counts as 1.
    pub fn factor(mut self, factor: f64) -> Self {
        self.factor = factor;
        self
    }

    /// Sets the longest delay.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets how long the wait may take in all.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The delay after read number `reads` (1-based): `initial_delay · factor^(reads-1)`, at
    /// most `max_delay`.
    pub fn delay_after(&self, reads: u32) -> Duration {
        let factor = if self.factor >= 1.0 { self.factor } else { 1.0 };
        let exp = i32::try_from(reads.saturating_sub(1)).unwrap_or(i32::MAX);
        let secs = self.initial_delay.as_secs_f64() * factor.powi(exp);
        if !secs.is_finite() || secs >= self.max_delay.as_secs_f64() {
            return self.max_delay;
        }
        Duration::from_secs_f64(secs).min(self.max_delay)
    }
}

/// Why a wait ended without the state: the resource reached a failure state, the time ran out,
/// or a read failed. Each case keeps the last resource read, when there was one.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<T> {
    /// The status is one of the waiter's failure values: the resource will not get there.
    Failed {
        waiter: &'static str,
        /// The status read.
        status: String,
        /// The resource as last read (with that status).
        resource: T,
    },
    /// The state was not reached within the policy's timeout.
    TimedOut {
        waiter: &'static str,
        elapsed: Duration,
        /// How many reads were made.
        reads: u32,
        /// The status of the last resource read, if any.
        status: Option<String>,
        /// The last resource read (`None` when a list never showed it).
        last: Option<T>,
    },
    /// A read failed (after the client's own retries): the wait stops.
    Request {
        waiter: &'static str,
        source: Error,
        /// The last resource read before the failure, if any.
        last: Option<T>,
    },
}

impl<T> WaitError<T> {
    /// The waiter's name.
    pub fn waiter(&self) -> &'static str {
        match self {
            WaitError::Failed { waiter, .. }
            | WaitError::TimedOut { waiter, .. }
            | WaitError::Request { waiter, .. } => waiter,
        }
    }

    /// The last resource read, if any.
    pub fn resource(&self) -> Option<&T> {
        match self {
            WaitError::Failed { resource, .. } => Some(resource),
            WaitError::TimedOut { last, .. } | WaitError::Request { last, .. } => last.as_ref(),
        }
    }

    /// The last resource read, if any, by value.
    pub fn into_resource(self) -> Option<T> {
        match self {
            WaitError::Failed { resource, .. } => Some(resource),
            WaitError::TimedOut { last, .. } | WaitError::Request { last, .. } => last,
        }
    }
}

impl<T> fmt::Display for WaitError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed { waiter, status, .. } => {
                write!(f, "{waiter}: the resource is in the failure state {status}")
            }
            WaitError::TimedOut {
                waiter,
                elapsed,
                reads,
                status,
                ..
            } => {
                let plural = if *reads == 1 { "" } else { "s" };
                write!(
                    f,
                    "{waiter}: not done after {elapsed:?} ({reads} read{plural})"
                )?;
                match status {
                    Some(s) => write!(f, "; last status {s}"),
                    None => f.write_str("; no status read"),
                }
            }
            WaitError::Request { waiter, source, .. } => {
                write!(f, "{waiter}: reading the resource failed: {source}")
            }
        }
    }
}

impl<T: fmt::Debug> std::error::Error for WaitError<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Request { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Polls until the resource's status is one of `info.success` (returns the resource), one of
/// `info.failure` ([`WaitError::Failed`]), or `policy.timeout` passes ([`WaitError::TimedOut`]).
///
/// `read` reads the resource once: `Ok(None)` when it is not there yet (a list that does not
/// show it), which keeps the wait going like any value not listed. `status` takes the status
/// out of a resource (`None` when it has none, which keeps the wait going too). A failed read
/// ends the wait ([`WaitError::Request`]).
///
/// Logs a `tracing` event per read (`debug`), and on the end of the wait (`info` when done,
/// `warn` otherwise), with the waiter's name.
pub async fn wait_until<T, F, Fut, S>(
    info: &WaiterInfo,
    policy: &WaitPolicy,
    mut read: F,
    status: S,
) -> Result<T, WaitError<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>, Error>>,
    S: Fn(&T) -> Option<String>,
{
    let waiter = info.name;
    let start = Instant::now();
    let deadline = start.checked_add(policy.timeout);
    let mut reads: u32 = 0;
    let mut last: Option<T> = None;
    let mut last_status: Option<String> = None;
    loop {
        reads = reads.saturating_add(1);
        match read().await {
            Err(source) => {
                tracing::warn!(waiter, reads, error = %source, "wait: reading the resource failed");
                return Err(WaitError::Request {
                    waiter,
                    source,
                    last,
                });
            }
            Ok(None) => {
                tracing::debug!(waiter, reads, "wait: the resource is not listed yet");
            }
            Ok(Some(resource)) => {
                let now = status(&resource);
                match now.as_deref().map(|s| info.state_of(s)) {
                    Some(WaitState::Done) => {
                        tracing::info!(waiter, reads, status = now.as_deref(), "wait: done");
                        return Ok(resource);
                    }
                    Some(WaitState::Failed) => {
                        let status = now.unwrap_or_default();
                        tracing::warn!(waiter, reads, status = %status, "wait: failure state");
                        return Err(WaitError::Failed {
                            waiter,
                            status,
                            resource,
                        });
                    }
                    _ => {
                        tracing::debug!(waiter, reads, status = now.as_deref(), "wait: not yet");
                        last = Some(resource);
                        last_status = now;
                    }
                }
            }
        }
        let now = Instant::now();
        let left = deadline.map_or(Duration::MAX, |d| d.saturating_duration_since(now));
        if left.is_zero() {
            let elapsed = now.saturating_duration_since(start);
            tracing::warn!(
                waiter,
                reads,
                ?elapsed,
                status = last_status.as_deref(),
                "wait: timed out"
            );
            return Err(WaitError::TimedOut {
                waiter,
                elapsed,
                reads,
                status: last_status,
                last,
            });
        }
        tokio::time::sleep(policy.delay_after(reads).min(left)).await;
    }
}

/// The first item of a list (read page by page) that `matches`, or `None`: the read of a
/// waiter whose resource has no operation of its own. Stops reading at the match.
pub async fn find_item<T, S, M>(items: S, mut matches: M) -> Result<Option<T>, Error>
where
    S: Stream<Item = Result<T, Error>>,
    M: FnMut(&T) -> bool,
{
    let mut items = std::pin::pin!(items);
    while let Some(item) = items.next().await {
        let item = item?;
        if matches(&item) {
            return Ok(Some(item));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::VecDeque;

    const JOB: WaiterInfo = WaiterInfo {
        name: "job_success",
        operation: "ShowJob",
        status: "status",
        success: &["SUCCESS"],
        failure: &["FAIL"],
    };

    #[derive(Debug, Clone, PartialEq)]
    struct Job {
        status: Option<String>,
        n: u32,
    }

    fn job(status: &str, n: u32) -> Option<Job> {
        Some(Job {
            status: Some(status.to_string()),
            n,
        })
    }

    fn status(j: &Job) -> Option<String> {
        j.status.clone()
    }

    /// A read that answers from a script and records the (paused) time of each call.
    struct Script {
        answers: RefCell<VecDeque<Result<Option<Job>, Error>>>,
        times: RefCell<Vec<Duration>>,
        start: Instant,
    }

    impl Script {
        fn new(answers: Vec<Result<Option<Job>, Error>>) -> Self {
            Script {
                answers: RefCell::new(answers.into()),
                times: RefCell::new(Vec::new()),
                start: Instant::now(),
            }
        }

        fn read(&self) -> impl Future<Output = Result<Option<Job>, Error>> {
            self.times.borrow_mut().push(self.start.elapsed());
            let next = self
                .answers
                .borrow_mut()
                .pop_front()
                .unwrap_or_else(|| Ok(job("RUNNING", 0)));
            async move { next }
        }

        fn times(&self) -> Vec<u64> {
            self.times
                .borrow()
                .iter()
                .map(|d| d.as_millis() as u64)
                .collect()
        }
    }

    fn policy() -> WaitPolicy {
        WaitPolicy::new()
            .initial_delay(Duration::from_millis(100))
            .factor(2.0)
            .max_delay(Duration::from_millis(300))
            .timeout(Duration::from_millis(1000))
    }

    #[test]
    fn delays_grow_by_the_factor_up_to_the_cap() {
        let p = policy();
        let delays: Vec<u128> = (1..=5).map(|n| p.delay_after(n).as_millis()).collect();
        assert_eq!(delays, [100, 200, 300, 300, 300]);
        // A factor below 1, or not a number, is a fixed delay.
        for f in [0.5, f64::NAN, -3.0] {
            assert_eq!(
                p.factor(f).delay_after(7),
                Duration::from_millis(100),
                "{f}"
            );
        }
        // Huge exponents stay at the cap.
        assert_eq!(p.delay_after(u32::MAX), Duration::from_millis(300));
        let d = WaitPolicy::default();
        assert_eq!(
            (d.initial_delay, d.factor, d.max_delay, d.timeout),
            (
                Duration::from_secs(2),
                1.5,
                Duration::from_secs(30),
                Duration::from_secs(1800)
            )
        );
        let f = WaitPolicy::fixed(Duration::from_secs(5), Duration::from_secs(60));
        assert_eq!(f.delay_after(1), f.delay_after(10));
    }

    #[tokio::test(start_paused = true)]
    async fn success_after_polls_at_the_policy_times() {
        let script = Script::new(vec![
            Ok(job("INIT", 1)),
            Ok(job("RUNNING", 2)),
            Ok(None),
            Ok(job("RUNNING", 4)),
            Ok(job("SUCCESS", 5)),
        ]);
        let done = wait_until(&JOB, &policy(), || script.read(), status)
            .await
            .expect("done");
        assert_eq!(done, job("SUCCESS", 5).unwrap());
        // Read at 0, then after 100, 200, 300, 300 ms.
        assert_eq!(script.times(), [0, 100, 300, 600, 900]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_failure_state_ends_the_wait_at_once_with_the_resource() {
        let script = Script::new(vec![Ok(job("INIT", 1)), Ok(job("FAIL", 2))]);
        let err = wait_until(&JOB, &policy(), || script.read(), status)
            .await
            .unwrap_err();
        assert_eq!(script.times(), [0, 100]);
        assert_eq!(err.resource(), job("FAIL", 2).as_ref());
        assert_eq!(
            err.to_string(),
            "job_success: the resource is in the failure state FAIL"
        );
        match err {
            WaitError::Failed {
                status, resource, ..
            } => assert_eq!((status.as_str(), resource.n), ("FAIL", 2)),
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_timeout_ends_the_wait_with_the_last_resource() {
        // Never done: reads at 0, 100, 300, 600, 900, and the last one at the deadline.
        let script = Script::new(Vec::new());
        let err = wait_until(&JOB, &policy(), || script.read(), status)
            .await
            .unwrap_err();
        assert_eq!(script.times(), [0, 100, 300, 600, 900, 1000]);
        match &err {
            WaitError::TimedOut {
                elapsed,
                reads,
                status,
                last,
                ..
            } => {
                assert_eq!(*elapsed, Duration::from_millis(1000));
                assert_eq!(*reads, 6);
                assert_eq!(status.as_deref(), Some("RUNNING"));
                assert_eq!(last.as_ref().map(|j| j.n), Some(0));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "job_success: not done after 1s (6 reads); last status RUNNING"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_zero_timeout_reads_once() {
        let script = Script::new(vec![Ok(None)]);
        let p = policy().timeout(Duration::ZERO);
        let err = wait_until(&JOB, &p, || script.read(), status)
            .await
            .unwrap_err();
        assert_eq!(script.times(), [0]);
        assert!(err.resource().is_none());
        assert_eq!(
            err.to_string(),
            "job_success: not done after 0ns (1 read); no status read"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_read_ends_the_wait_keeping_the_last_resource() {
        let script = Script::new(vec![
            Ok(job("INIT", 1)),
            Err(Error::InvalidRequest("boom".into())),
        ]);
        let err = wait_until(&JOB, &policy(), || script.read(), status)
            .await
            .unwrap_err();
        assert_eq!(err.waiter(), "job_success");
        assert!(std::error::Error::source(&err).is_some());
        assert!(err.to_string().contains("invalid request: boom"), "{err}");
        assert_eq!(err.into_resource().map(|j| j.n), Some(1));
    }

    #[tokio::test]
    async fn find_item_stops_at_the_match() {
        let pulled = RefCell::new(0);
        let items = futures_util::stream::iter([1, 2, 3, 4]).map(|i| {
            *pulled.borrow_mut() += 1;
            Ok::<_, Error>(i)
        });
        assert_eq!(find_item(items, |i| *i == 2).await.unwrap(), Some(2));
        assert_eq!(*pulled.borrow(), 2);
        let none = futures_util::stream::iter([Ok::<_, Error>(1)]);
        assert_eq!(find_item(none, |i| *i == 9).await.unwrap(), None);
        let failing = futures_util::stream::iter([Err::<i32, _>(Error::Config("x".into()))]);
        assert!(find_item(failing, |_| true).await.is_err());
    }

    #[test]
    fn states() {
        assert_eq!(JOB.state_of("SUCCESS"), WaitState::Done);
        assert_eq!(JOB.state_of("FAIL"), WaitState::Failed);
        assert_eq!(JOB.state_of("success"), WaitState::Pending);
        assert_eq!(JOB.state_of(""), WaitState::Pending);
    }
}
