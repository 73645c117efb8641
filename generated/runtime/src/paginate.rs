//! `offset`/`limit` pagination as a `Stream` of items.

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;

use crate::error::Error;

/// One page of a list response.
pub trait Page {
    type Item;
    /// The page's items, in order.
    fn into_items(self) -> Vec<Self::Item>;
    /// The documented total count (`instance_num`, `total_num`, …), when the response has one.
    fn total(&self) -> Option<u64>;
}

struct State<F, I> {
    fetch: F,
    offset: u64,
    limit: u32,
    buffer: VecDeque<I>,
    done: bool,
}

/// Yields every item of a paged list. `fetch(offset, limit)` requests one page; the stream stops
/// after a short or empty page, when `offset` reaches the page's `total`, or after the first
/// error (which it yields). Offsets count items, as the services' `offset` parameters do (DCS's,
/// for one).
pub fn paginate<P, F, Fut>(page_size: u32, fetch: F) -> impl Stream<Item = Result<P::Item, Error>>
where
    P: Page,
    F: FnMut(u64, u32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    let state = State {
        fetch,
        offset: 0,
        limit: page_size,
        buffer: VecDeque::new(),
        done: false,
    };
    futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(item) = st.buffer.pop_front() {
                return Some((Ok(item), st));
            }
            if st.done {
                return None;
            }
            if st.limit == 0 {
                st.done = true;
                return Some((
                    Err(Error::InvalidRequest("page size must be at least 1".into())),
                    st,
                ));
            }
            match (st.fetch)(st.offset, st.limit).await {
                Err(e) => {
                    st.done = true;
                    return Some((Err(e), st));
                }
                Ok(page) => {
                    let total = page.total();
                    let items = page.into_items();
                    let count = items.len() as u64;
                    st.offset += count;
                    st.done = count == 0
                        || count < u64::from(st.limit)
                        || total.is_some_and(|t| st.offset >= t);
                    st.buffer.extend(items);
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::cell::RefCell;

    struct TestPage {
        items: Vec<u64>,
        total: Option<u64>,
    }

    impl Page for TestPage {
        type Item = u64;
        fn into_items(self) -> Vec<u64> {
            self.items
        }
        fn total(&self) -> Option<u64> {
            self.total
        }
    }

    type Run = (Vec<Result<u64, String>>, Vec<(u64, u32)>);

    /// Serves `0..len` in pages; records each (offset, limit) asked for.
    fn run(len: u64, page_size: u32, report_total: Option<u64>) -> Run {
        let calls = RefCell::new(Vec::new());
        let stream = paginate(page_size, |offset, limit| {
            calls.borrow_mut().push((offset, limit));
            let items: Vec<u64> = (offset..len.min(offset + u64::from(limit))).collect();
            async move {
                Ok(TestPage {
                    items,
                    total: report_total,
                })
            }
        });
        let items = tokio_test_block_on(stream.map(|r| r.map_err(|e| e.to_string())).collect());
        (items, calls.into_inner())
    }

    fn tokio_test_block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    #[test]
    fn stops_on_short_page() {
        let (items, calls) = run(7, 3, None);
        assert_eq!(items, (0..7).map(Ok).collect::<Vec<_>>());
        assert_eq!(calls, vec![(0, 3), (3, 3), (6, 3)]);
    }

    #[test]
    fn stops_on_empty_page_when_len_is_a_multiple() {
        let (items, calls) = run(6, 3, None);
        assert_eq!(items.len(), 6);
        assert_eq!(calls, vec![(0, 3), (3, 3), (6, 3)]);
    }

    #[test]
    fn stops_at_total_without_an_extra_request() {
        let (items, calls) = run(6, 3, Some(6));
        assert_eq!(items.len(), 6);
        assert_eq!(calls, vec![(0, 3), (3, 3)]);
    }

    #[test]
    fn error_is_yielded_once_and_ends_the_stream() {
        let calls = RefCell::new(0);
        let stream = paginate(2, |offset, _| {
            *calls.borrow_mut() += 1;
            async move {
                if offset == 0 {
                    Ok(TestPage {
                        items: vec![1, 2],
                        total: None,
                    })
                } else {
                    Err(Error::InvalidRequest("boom".into()))
                }
            }
        });
        let got: Vec<_> = tokio_test_block_on(stream.collect());
        assert_eq!(got.len(), 3);
        assert!(matches!(got[2], Err(Error::InvalidRequest(_))));
        assert_eq!(*calls.borrow(), 2);
    }

    #[test]
    fn zero_page_size_is_an_error_not_a_loop() {
        let (items, calls) = run(5, 0, None);
        assert_eq!(items.len(), 1);
        assert!(items[0].is_err());
        assert!(calls.is_empty());
    }
}
