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

/// How [`paginate_with`] walks a list: items per page, and the most pages it fetches.
///
/// The page limit is what ends a list that never ends: a server that ignores `offset` in a way
/// that does not repeat the page exactly (a moving clock in every item, say) and sends no total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    page_size: u32,
    max_pages: u64,
}

impl Paging {
    /// The page limit unless [`Paging::with_max_pages`] sets another: a million items at 100 a
    /// page, far beyond any list the services document, yet reached within minutes.
    pub const DEFAULT_MAX_PAGES: u64 = 10_000;

    /// `page_size` items a page, at most [`Paging::DEFAULT_MAX_PAGES`] pages.
    pub fn new(page_size: u32) -> Self {
        Paging {
            page_size,
            max_pages: Self::DEFAULT_MAX_PAGES,
        }
    }

    /// Fetch at most `max_pages` pages: a list that needs more ends with
    /// [`Error::TooManyPages`].
    pub fn with_max_pages(self, max_pages: u64) -> Self {
        Paging { max_pages, ..self }
    }

    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    pub fn max_pages(&self) -> u64 {
        self.max_pages
    }
}

impl From<u32> for Paging {
    fn from(page_size: u32) -> Self {
        Paging::new(page_size)
    }
}

struct State<F, I> {
    fetch: F,
    paging: Paging,
    offset: u64,
    /// Pages fetched so far.
    pages: u64,
    /// The items of the last page, to recognise a server that sends it again.
    previous: Vec<I>,
    buffer: VecDeque<I>,
    done: bool,
}

/// [`paginate_with`] with [`Paging::new`]`(page_size)`: at most
/// [`Paging::DEFAULT_MAX_PAGES`] pages.
pub fn paginate<P, F, Fut>(page_size: u32, fetch: F) -> impl Stream<Item = Result<P::Item, Error>>
where
    P: Page,
    P::Item: PartialEq + Clone,
    F: FnMut(u64, u32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    paginate_with(Paging::new(page_size), fetch)
}

/// Yields every item of a paged list. `fetch(offset, limit)` requests one page; the stream stops
/// after a short or empty page, when `offset` reaches the page's `total`, or after the first
/// error (which it yields). Offsets count items, as the services' `offset` parameters do (DCS's,
/// for one).
///
/// Two guards end a list that would otherwise never end, each with its own error: a page equal
/// item for item to the one before ([`Error::RepeatedPage`]: the server ignores `offset`; its
/// items are not yielded again), and a list needing more than [`Paging::max_pages`] pages
/// ([`Error::TooManyPages`]).
pub fn paginate_with<P, F, Fut>(
    paging: Paging,
    fetch: F,
) -> impl Stream<Item = Result<P::Item, Error>>
where
    P: Page,
    P::Item: PartialEq + Clone,
    F: FnMut(u64, u32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    let state = State {
        fetch,
        paging,
        offset: 0,
        pages: 0,
        previous: Vec::new(),
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
            if let Err(e) = next_page(&mut st).await {
                st.done = true;
                return Some((Err(e), st));
            }
        }
    })
}

/// Fetches the next page into the buffer, deciding whether it is the last.
async fn next_page<P, F, Fut>(st: &mut State<F, P::Item>) -> Result<(), Error>
where
    P: Page,
    P::Item: PartialEq + Clone,
    F: FnMut(u64, u32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    let limit = st.paging.page_size;
    if limit == 0 {
        return Err(Error::InvalidRequest("page size must be at least 1".into()));
    }
    if st.pages >= st.paging.max_pages {
        return Err(Error::TooManyPages {
            max_pages: st.paging.max_pages,
        });
    }
    let page = (st.fetch)(st.offset, limit).await?;
    st.pages += 1;
    let total = page.total();
    let items = page.into_items();
    // Only a full page can be compared here: a short one ended the list.
    if !items.is_empty() && items == st.previous {
        return Err(Error::RepeatedPage {
            page: st.pages,
            offset: st.offset,
        });
    }
    let count = items.len() as u64;
    st.offset += count;
    st.done = count == 0 || count < u64::from(limit) || total.is_some_and(|t| st.offset >= t);
    if !st.done {
        st.previous.clone_from(&items);
    }
    st.buffer.extend(items);
    Ok(())
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

    /// Counts `fetch` calls; past `guard` calls it fails, so a stream that never ends on its own
    /// still ends the test (with a count showing it).
    fn endless<P>(
        paging: Paging,
        guard: usize,
        page: impl Fn(u64, u32) -> P,
    ) -> (Vec<Result<u64, Error>>, usize)
    where
        P: Page<Item = u64>,
    {
        let calls = RefCell::new(0usize);
        let stream = paginate_with(paging, |offset, limit| {
            *calls.borrow_mut() += 1;
            let reply = if *calls.borrow() > guard {
                Err(Error::InvalidRequest("still fetching".into()))
            } else {
                Ok(page(offset, limit))
            };
            async move { reply }
        });
        let items = tokio_test_block_on(stream.collect());
        (items, calls.into_inner())
    }

    #[test]
    fn a_server_ignoring_offset_is_stopped_at_the_repeated_page() {
        let same = |_, _| TestPage {
            items: vec![7, 8, 9],
            total: None,
        };
        let (items, calls) = endless(Paging::new(3), 100, same);
        assert_eq!(calls, 2, "one request past the first page, not 100");
        assert_eq!(items.len(), 4, "{items:?}");
        assert!(items[..3].iter().all(Result::is_ok));
        assert!(
            matches!(items[3], Err(Error::RepeatedPage { page: 2, offset: 3 })),
            "{items:?}"
        );
    }

    #[test]
    fn an_endless_list_stops_at_the_page_limit() {
        let fresh = |offset: u64, limit: u32| TestPage {
            items: (offset..offset + u64::from(limit)).collect(),
            total: None,
        };
        let (items, calls) = endless(Paging::new(2).with_max_pages(5), 100, fresh);
        assert_eq!(calls, 5);
        assert_eq!(items.len(), 11);
        assert!(matches!(
            items[10],
            Err(Error::TooManyPages { max_pages: 5 })
        ));
        let (items, calls) = endless(Paging::new(1), 20_000, fresh);
        assert_eq!(calls, 10_000, "the default limit");
        assert!(matches!(
            items.last(),
            Some(Err(Error::TooManyPages { max_pages: 10_000 }))
        ));
    }

    #[test]
    fn a_list_ending_on_the_last_allowed_page_is_complete() {
        let (items, calls) = endless(Paging::new(2).with_max_pages(5), 100, |offset, limit| {
            TestPage {
                items: (offset..9.min(offset + u64::from(limit))).collect(),
                total: None,
            }
        });
        assert_eq!(calls, 5);
        let items: Vec<u64> = items.into_iter().map(|r| r.expect("no error")).collect();
        assert_eq!(items, (0..9).collect::<Vec<_>>());
    }

    #[test]
    fn zero_page_size_is_an_error_not_a_loop() {
        let (items, calls) = run(5, 0, None);
        assert_eq!(items.len(), 1);
        assert!(items[0].is_err());
        assert!(calls.is_empty());
    }
}
