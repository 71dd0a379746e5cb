//! Reading a request body: at most a given number of bytes, within the body timeout. Nothing
//! from the network is buffered past its bound.

use std::time::Duration;

use bytes::Buf;
use futures_util::{Stream, StreamExt};

use super::error::Error;

/// Reads the body, at most `limit` bytes (refused at once when Content-Length says more) and
/// within `timeout`.
pub async fn read<S, B>(
    body: S,
    declared: Option<u64>,
    limit: usize,
    timeout: Duration,
) -> Result<Vec<u8>, Error>
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Error::TooLarge(limit));
    }
    let collect = async {
        let mut body = std::pin::pin!(body);
        // Content-Length is the sender's word, not yet authenticated: a small start, grown as
        // bytes actually arrive.
        let mut out = Vec::with_capacity(declared.unwrap_or(0).min(8 * 1024) as usize);
        while let Some(chunk) = body.next().await {
            let mut chunk = chunk.map_err(|_| Error::BodyRead)?;
            if out.len() + chunk.remaining() > limit {
                return Err(Error::TooLarge(limit));
            }
            while chunk.has_remaining() {
                let part = chunk.chunk();
                out.extend_from_slice(part);
                let n = part.len();
                chunk.advance(n);
            }
        }
        Ok(out)
    };
    tokio::time::timeout(timeout, collect)
        .await
        .map_err(|_| Error::BodyTimeout)?
}
