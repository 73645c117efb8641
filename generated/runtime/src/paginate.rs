//! Paged lists as a `Stream` of items: by `offset`/`limit` ([`paginate`], [`paginate_with`]), or
//! by `marker`/`limit` ([`Paging::by_reply_marker`], [`Paging::by_item_marker`]).
//!
//! One loop walks every kind of list: it keeps the page size and the page limit ([`Paging`]) and
//! yields each page's items; a cursor per kind asks for the next page and says whether the list
//! goes on.

use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::marker::PhantomData;

use futures_core::Stream;

use crate::error::Error;

/// One page of a list response.
pub trait Page {
    type Item;
    /// The page's items, in order.
    fn into_items(self) -> Vec<Self::Item>;
    /// The documented total count (`instance_num`, `total_num`, …), when the response has one.
    fn total(&self) -> Option<u64>;
    /// The marker of the next page, for a list whose reply names it (`page_info.next_marker`)
    /// and that is walked with [`Paging::by_reply_marker`]: `None` or empty on the last page.
    /// `None` unless implemented.
    fn next_marker(&self) -> Option<String> {
        None
    }
    /// The marker that names `item` (its `id`), for a list whose next page starts after the
    /// last item of this one, walked with [`Paging::by_item_marker`]. `None` unless
    /// implemented.
    fn item_marker(item: &Self::Item) -> Option<String>
    where
        Self: Sized,
    {
        let _ = item;
        None
    }
}

/// How a list is walked: items per page, and the most pages it fetches.
///
/// The page limit is what ends a list that never ends: a server that ignores `offset` or the
/// marker in a way that does not repeat the page exactly (a moving clock in every item, say)
/// and sends no total.
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

    /// Yields every item of a list paged by a marker that each reply names
    /// ([`Page::next_marker`], like `page_info.next_marker`). `fetch(marker, limit)` requests
    /// one page: `marker` is `None` for the first (the request keeps whatever marker it would
    /// send anyway), then the marker the previous reply named. The stream stops after a reply
    /// with no marker or an empty one, or after the first error (which it yields). An empty
    /// page that names a next marker does not end the list.
    ///
    /// The guards of [`paginate_with`], for markers: a reply naming a marker already sent
    /// ([`Error::RepeatedPage`]: the server ignores the marker, or its markers loop; that page's
    /// items are not yielded), and the page limit ([`Error::TooManyPages`]).
    pub fn by_reply_marker<P, F, Fut>(self, fetch: F) -> impl Stream<Item = Result<P::Item, Error>>
    where
        P: Page,
        F: FnMut(Option<String>, u32) -> Fut,
        Fut: Future<Output = Result<P, Error>>,
    {
        walk(self, ByMarker::new(fetch, MarkerFrom::Reply))
    }

    /// Yields every item of a list whose next page starts after the last item of this one:
    /// the next request's marker is that item's ([`Page::item_marker`], like its `id`).
    /// `fetch(marker, limit)` requests one page: `marker` is `None` for the first (the request
    /// keeps whatever marker it would send anyway). The stream stops after an empty page or one
    /// shorter than the page size, or after the first error (which it yields).
    ///
    /// A full page whose last item has no marker (or an empty one) ends the list with
    /// [`Error::MissingMarker`] after its items: the rest cannot be asked for. The guards of
    /// [`paginate_with`], for markers: a last item whose marker was already sent
    /// ([`Error::RepeatedPage`]: the server ignores the marker; that page's items are not
    /// yielded), and the page limit ([`Error::TooManyPages`]).
    pub fn by_item_marker<P, F, Fut>(self, fetch: F) -> impl Stream<Item = Result<P::Item, Error>>
    where
        P: Page,
        F: FnMut(Option<String>, u32) -> Fut,
        Fut: Future<Output = Result<P, Error>>,
    {
        walk(self, ByMarker::new(fetch, MarkerFrom::LastItem))
    }
}

impl From<u32> for Paging {
    fn from(page_size: u32) -> Self {
        Paging::new(page_size)
    }
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
    let cursor = ByOffset {
        fetch,
        offset: 0,
        previous: Vec::new(),
        page: PhantomData,
    };
    walk(paging, cursor)
}

/// What a cursor does after a page's items.
enum After {
    /// Asks for another page.
    More,
    /// Ends: the page was the last.
    End,
    /// Ends with this error, after the page's items.
    Fail(Error),
}

/// Asks for the pages of one list, one after the other.
trait Cursor {
    type Item;
    /// Fetches page number `page` (1-based) of at most `limit` items: the items to yield, and
    /// what comes after them.
    async fn next_page(&mut self, page: u64, limit: u32)
        -> Result<(Vec<Self::Item>, After), Error>;
}

struct Walk<C: Cursor> {
    cursor: C,
    paging: Paging,
    /// Pages fetched so far.
    pages: u64,
    buffer: VecDeque<C::Item>,
    /// The error that ends the stream once the buffer is yielded.
    failed: Option<Error>,
    done: bool,
}

/// The items of every page `cursor` fetches, within the page size and the page limit of
/// `paging`; an error ends the stream after it.
fn walk<C: Cursor>(paging: Paging, cursor: C) -> impl Stream<Item = Result<C::Item, Error>> {
    let state = Walk {
        cursor,
        paging,
        pages: 0,
        buffer: VecDeque::new(),
        failed: None,
        done: false,
    };
    futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(item) = st.buffer.pop_front() {
                return Some((Ok(item), st));
            }
            if let Some(e) = st.failed.take() {
                st.done = true;
                return Some((Err(e), st));
            }
            if st.done {
                return None;
            }
            st.next_page().await;
        }
    })
}

impl<C: Cursor> Walk<C> {
    /// Fetches the next page into the buffer, or ends the walk.
    async fn next_page(&mut self) {
        let limit = self.paging.page_size;
        let after = if limit == 0 {
            After::Fail(Error::InvalidRequest("page size must be at least 1".into()))
        } else if self.pages >= self.paging.max_pages {
            After::Fail(Error::TooManyPages {
                max_pages: self.paging.max_pages,
            })
        } else {
            match self.cursor.next_page(self.pages + 1, limit).await {
                Ok((items, after)) => {
                    self.pages += 1;
                    self.buffer.extend(items);
                    after
                }
                Err(e) => After::Fail(e),
            }
        };
        match after {
            After::More => {}
            After::End => self.done = true,
            After::Fail(e) => {
                self.done = true;
                self.failed = Some(e);
            }
        }
    }
}

/// `offset`/`limit` paging.
struct ByOffset<P: Page, F> {
    fetch: F,
    offset: u64,
    /// The items of the last page, to recognise a server that sends it again.
    previous: Vec<P::Item>,
    page: PhantomData<fn() -> P>,
}

impl<P, F, Fut> Cursor for ByOffset<P, F>
where
    P: Page,
    P::Item: PartialEq + Clone,
    F: FnMut(u64, u32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    type Item = P::Item;

    async fn next_page(&mut self, page: u64, limit: u32) -> Result<(Vec<P::Item>, After), Error> {
        let reply = (self.fetch)(self.offset, limit).await?;
        let total = reply.total();
        let items = reply.into_items();
        // Only a full page can be compared here: a short one ended the list.
        if !items.is_empty() && items == self.previous {
            return Err(Error::RepeatedPage {
                page,
                offset: self.offset,
            });
        }
        let count = items.len() as u64;
        self.offset += count;
        let last =
            count == 0 || count < u64::from(limit) || total.is_some_and(|t| self.offset >= t);
        if last {
            return Ok((items, After::End));
        }
        self.previous.clone_from(&items);
        Ok((items, After::More))
    }
}

/// Where a list paged by marker finds the marker of its next page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerFrom {
    /// The reply names it ([`Page::next_marker`]).
    Reply,
    /// The page's last item ([`Page::item_marker`]).
    LastItem,
}

/// `marker`/`limit` paging.
struct ByMarker<P, F> {
    fetch: F,
    from: MarkerFrom,
    /// The marker of the next request; `None` for the first.
    marker: Option<String>,
    /// Every marker sent so far, to recognise a server that leads back to a page it sent.
    sent: HashSet<String>,
    /// Items fetched before the next page.
    before: u64,
    page: PhantomData<fn() -> P>,
}

impl<P, F> ByMarker<P, F> {
    fn new(fetch: F, from: MarkerFrom) -> Self {
        ByMarker {
            fetch,
            from,
            marker: None,
            sent: HashSet::new(),
            before: 0,
            page: PhantomData,
        }
    }
}

impl<P, F, Fut> Cursor for ByMarker<P, F>
where
    P: Page,
    F: FnMut(Option<String>, u32) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
{
    type Item = P::Item;

    async fn next_page(&mut self, page: u64, limit: u32) -> Result<(Vec<P::Item>, After), Error> {
        let reply = (self.fetch)(self.marker.clone(), limit).await?;
        let (items, next) = match self.from {
            MarkerFrom::Reply => {
                let next = reply.next_marker();
                (reply.into_items(), next)
            }
            MarkerFrom::LastItem => {
                let items = reply.into_items();
                if (items.len() as u64) < u64::from(limit) {
                    return Ok((items, After::End));
                }
                let next = match items.last().and_then(P::item_marker) {
                    Some(marker) if !marker.is_empty() => marker,
                    _ => return Ok((items, After::Fail(Error::MissingMarker { page }))),
                };
                (items, Some(next))
            }
        };
        let Some(next) = next.filter(|m| !m.is_empty()) else {
            return Ok((items, After::End));
        };
        if !self.sent.insert(next.clone()) {
            return Err(Error::RepeatedPage {
                page,
                offset: self.before,
            });
        }
        self.before += items.len() as u64;
        self.marker = Some(next);
        Ok((items, After::More))
    }
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

    /// A page of a list paged by marker: the items are numbers, each its own marker.
    struct MarkedPage {
        items: Vec<u64>,
        next: Option<String>,
    }

    impl Page for MarkedPage {
        type Item = u64;
        fn into_items(self) -> Vec<u64> {
            self.items
        }
        fn total(&self) -> Option<u64> {
            None
        }
        fn next_marker(&self) -> Option<String> {
            self.next.clone()
        }
        fn item_marker(item: &u64) -> Option<String> {
            Some(item.to_string())
        }
    }

    type MarkerRun = (Vec<Result<u64, String>>, Vec<(Option<String>, u32)>);

    /// Serves `1..=len` in pages starting after the marker (an item); the reply names the next
    /// marker while items remain. Records each (marker, limit) asked for.
    fn run_markers(len: u64, page_size: u32, from_reply: bool) -> MarkerRun {
        let calls = RefCell::new(Vec::new());
        let fetch = |marker: Option<String>, limit: u32| {
            calls.borrow_mut().push((marker.clone(), limit));
            let start: u64 = marker.and_then(|m| m.parse().ok()).unwrap_or(0);
            let end = len.min(start + u64::from(limit));
            let page = MarkedPage {
                items: (start + 1..=end).collect(),
                next: (end < len).then(|| end.to_string()),
            };
            async move { Ok(page) }
        };
        let paging = Paging::new(page_size);
        let items = if from_reply {
            tokio_test_block_on(paging.by_reply_marker(fetch).collect::<Vec<_>>())
        } else {
            tokio_test_block_on(paging.by_item_marker(fetch).collect::<Vec<_>>())
        };
        let items = items
            .into_iter()
            .map(|r| r.map_err(|e| e.to_string()))
            .collect();
        (items, calls.into_inner())
    }

    fn marker_calls(calls: &[(Option<&str>, u32)]) -> Vec<(Option<String>, u32)> {
        calls
            .iter()
            .map(|(m, l)| (m.map(str::to_string), *l))
            .collect()
    }

    #[test]
    fn item_markers_start_after_the_last_item_and_stop_on_a_short_page() {
        let (items, calls) = run_markers(7, 3, false);
        assert_eq!(items, (1..=7).map(Ok).collect::<Vec<_>>());
        assert_eq!(
            calls,
            marker_calls(&[(None, 3), (Some("3"), 3), (Some("6"), 3)])
        );
    }

    #[test]
    fn reply_markers_stop_when_the_reply_names_none() {
        // 6 items, 3 a page: the second reply names no marker, so no third (empty) request.
        let (items, calls) = run_markers(6, 3, true);
        assert_eq!(items, (1..=6).map(Ok).collect::<Vec<_>>());
        assert_eq!(calls, marker_calls(&[(None, 3), (Some("3"), 3)]));
    }

    #[test]
    fn marker_walks_check_the_page_size() {
        for from_reply in [false, true] {
            let (items, calls) = run_markers(5, 0, from_reply);
            assert_eq!(items.len(), 1);
            assert!(items[0].is_err());
            assert!(calls.is_empty());
        }
    }

    #[test]
    fn a_page_without_marker_methods_ends_a_marker_walk() {
        // `TestPage` keeps the defaults: no next marker (one page, then the end), no item
        // marker (a full page cannot be followed: an error after its items).
        let page = |_: Option<String>, _: u32| async {
            Ok(TestPage {
                items: vec![1, 2],
                total: None,
            })
        };
        let got: Vec<_> = tokio_test_block_on(Paging::new(2).by_reply_marker(page).collect());
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(Result::is_ok));
        let got: Vec<_> = tokio_test_block_on(Paging::new(2).by_item_marker(page).collect());
        assert_eq!(got.len(), 3);
        assert!(matches!(got[2], Err(Error::MissingMarker { page: 1 })));
    }
}
