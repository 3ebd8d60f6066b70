//! Bounded reads of response bodies: a body over its limit is refused (success
//! bodies, which are decoded whole) or cut (error bodies, which are only quoted).

use bytes::{Bytes, BytesMut};

/// Why [`read_body_limited`] returned no body.
#[derive(Debug)]
#[non_exhaustive]
pub enum BodyError {
    /// The body is longer than the limit: its `Content-Length` says so, or more
    /// than the limit arrived. The rest was not read.
    TooLarge,
    /// The body broke off or could not be read.
    Read(reqwest::Error),
}

/// The most [`read_body_limited`] reserves before any data arrived, whatever
/// the `Content-Length` declares.
pub(crate) const MAX_PREALLOCATION: usize = 64 * 1024;

/// Reads a whole body of at most `limit` bytes. A `Content-Length` over the
/// limit is refused before anything is read; otherwise the bytes are counted as
/// they arrive and the read stops as soon as the count passes the limit (a
/// chunked body, or a server whose `Content-Length` is wrong).
///
/// Vendors reading a small answer themselves (a discovery document) use this
/// instead of a loop of their own; see also
/// [`fetch_small_json`](crate::fetch_small_json).
pub async fn read_body_limited(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Bytes, BodyError> {
    let declared = response.content_length();
    if declared.is_some_and(|length| length > limit) {
        return Err(BodyError::TooLarge);
    }
    // Most bodies arrive as one chunk: hand it on as it is, without a copy.
    let Some(first) = response.chunk().await.map_err(BodyError::Read)? else {
        return Ok(Bytes::new());
    };
    if u64::try_from(first.len()).unwrap_or(u64::MAX) > limit {
        return Err(BodyError::TooLarge);
    }
    let Some(second) = response.chunk().await.map_err(BodyError::Read)? else {
        return Ok(first);
    };
    let mut body = BytesMut::with_capacity(
        initial_capacity(declared).max(first.len().saturating_add(second.len())),
    );
    for chunk in [first, second] {
        let total = u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX);
        if total > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Read)? {
        let total = u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX);
        if total > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// What to reserve for a body declaring `declared` bytes. The declaration is
/// only a hint (under a raised limit a server may claim gigabytes and send ten
/// bytes): at most [`MAX_PREALLOCATION`] is reserved up front, and the buffer
/// grows with what actually arrives.
fn initial_capacity(declared: Option<u64>) -> usize {
    declared.map_or(0, |length| {
        usize::try_from(length.min(MAX_PREALLOCATION as u64)).unwrap_or(0)
    })
}

/// Reads at most `limit` bytes of a body (an error body, which is only parsed
/// for a message and quoted in a snippet); a body that breaks off yields what
/// arrived.
pub(crate) async fn read_truncated(mut response: reqwest::Response, limit: usize) -> Vec<u8> {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = limit.saturating_sub(body.len());
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= limit {
            break;
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    use super::*;

    /// Serves one HTTP/1.1 response on a loopback port: `head` (status line and
    /// headers, without the blank line), then `chunks` as a chunked body when
    /// `chunked`, or as they are otherwise. Returns the URL to fetch.
    fn serve_once(head: &'static str, chunks: Vec<Vec<u8>>, chunked: bool) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}/", listener.local_addr().expect("bound"));
        std::thread::spawn(move || {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            // The request head ends with an empty line.
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                line.clear();
            }
            let mut stream = reader.into_inner();
            let _ = write!(stream, "{head}\r\n\r\n");
            for chunk in chunks {
                if chunked {
                    let _ = write!(stream, "{:x}\r\n", chunk.len());
                    let _ = stream.write_all(&chunk);
                    let _ = stream.write_all(b"\r\n");
                } else {
                    let _ = stream.write_all(&chunk);
                }
            }
            if chunked {
                let _ = stream.write_all(b"0\r\n\r\n");
            }
            let _ = stream.flush();
        });
        url
    }

    async fn fetch(url: &str) -> reqwest::Response {
        crate::transport::tls::http_client_builder()
            .build()
            .expect("a client")
            .get(url)
            .send()
            .await
            .expect("a response")
    }

    const CHUNKED: &str = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close";

    #[tokio::test]
    async fn a_chunked_body_over_the_limit_is_refused_while_streaming() {
        let url = serve_once(CHUNKED, vec![vec![b'a'; 600], vec![b'b'; 600]], true);
        let response = fetch(&url).await;
        assert_eq!(response.content_length(), None, "no length declared");
        assert!(matches!(
            read_body_limited(response, 1000).await,
            Err(BodyError::TooLarge)
        ));
    }

    #[tokio::test]
    async fn a_chunked_body_at_the_limit_is_read_whole() {
        let url = serve_once(CHUNKED, vec![vec![b'a'; 600], vec![b'b'; 400]], true);
        let body = read_body_limited(fetch(&url).await, 1000).await.unwrap();
        assert_eq!(body.len(), 1000);
        assert!(body.starts_with(b"aaa") && body.ends_with(b"bbb"));
    }

    #[tokio::test]
    async fn a_declared_length_over_the_limit_is_refused_before_reading() {
        // The server declares 1 MB and sends 10 bytes: the declaration alone decides.
        let url = serve_once(
            "HTTP/1.1 200 OK\r\ncontent-length: 1000000\r\nconnection: close",
            vec![b"0123456789".to_vec()],
            false,
        );
        assert!(matches!(
            read_body_limited(fetch(&url).await, 1000).await,
            Err(BodyError::TooLarge)
        ));
    }

    #[test]
    fn the_preallocation_is_capped() {
        assert_eq!(initial_capacity(None), 0);
        assert_eq!(initial_capacity(Some(10)), 10);
        assert_eq!(initial_capacity(Some(10_000_000_000)), MAX_PREALLOCATION);
        assert_eq!(initial_capacity(Some(u64::MAX)), MAX_PREALLOCATION);
    }

    // Reserving the declared length up front made this test abort the process
    // (an exabyte cannot be allocated); capped, the ten bytes are read and the
    // early close is a read error.
    #[tokio::test]
    async fn a_huge_declared_length_under_a_raised_limit_is_not_allocated_up_front() {
        let url = serve_once(
            "HTTP/1.1 200 OK\r\ncontent-length: 1000000000000000000\r\nconnection: close",
            vec![b"0123456789".to_vec()],
            false,
        );
        let response = fetch(&url).await;
        assert_eq!(response.content_length(), Some(1_000_000_000_000_000_000));
        assert!(matches!(
            read_body_limited(response, u64::MAX).await,
            Err(BodyError::Read(_))
        ));
    }

    #[tokio::test]
    async fn an_error_body_is_cut_at_the_limit() {
        let url = serve_once(CHUNKED, vec![vec![b'a'; 600], vec![b'b'; 600]], true);
        let body = read_truncated(fetch(&url).await, 1000).await;
        assert_eq!(body.len(), 1000);
    }
}
