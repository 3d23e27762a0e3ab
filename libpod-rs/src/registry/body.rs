//! Bounded response bodies: read timeouts as network faults, exact
//! declared sizes, limits.

use std::io::{self, Read};
use std::time::Duration;

use super::{body_error, Error, NetworkFault};

/// A response body whose errors say what they are: a read timeout in words,
/// and every failure marked as a [`NetworkFault`].
pub(super) struct Body {
    pub(super) inner: Box<dyn Read + Send>,
    pub(super) timeout: Duration,
}

impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let message = if is_timeout(&e) {
                format!(
                    "the registry sent nothing for {} s (read timeout): check the registry and the network, or raise RPOD_REGISTRY_TIMEOUT",
                    self.timeout.as_secs()
                )
            } else {
                e.to_string()
            };
            io::Error::new(e.kind(), NetworkFault(message))
        })
    }
}

pub(super) fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    ) || e.to_string().contains("timed out")
}

/// A body that must be exactly `declared` bytes: more fails as soon as the
/// first extra byte arrives, fewer fails at the end.
pub(super) struct Exact<R> {
    pub(super) inner: R,
    pub(super) declared: u64,
    pub(super) read: u64,
    pub(super) what: String,
}

impl<R: Read> Read for Exact<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.declared - self.read;
        if left == 0 {
            // The end must come now.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    Error::SizeMismatch {
                        what: self.what.clone(),
                        served: format!("sent more than {} bytes", self.declared),
                        declared: self.declared,
                    },
                )),
            };
        }
        let n = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
        let got = self.inner.read(&mut buf[..n])?;
        if got == 0 && !buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                Error::SizeMismatch {
                    what: self.what.clone(),
                    served: format!("sent only {} bytes", self.read),
                    declared: self.declared,
                },
            ));
        }
        self.read += got as u64;
        Ok(got)
    }
}

/// Fails when the response announces a length other than `declared`.
pub(super) fn check_announced(
    resp: &ureq::Response,
    declared: u64,
    what: &str,
) -> Result<(), Error> {
    match resp
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
    {
        Some(n) if n != declared => Err(Error::SizeMismatch {
            what: what.to_string(),
            served: format!("announces {n} bytes"),
            declared,
        }),
        _ => Ok(()),
    }
}

pub(super) fn read_limited(reader: impl Read, limit: usize, what: &str) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| body_error(what, e))?;
    if bytes.len() > limit {
        return Err(Error::TooLarge {
            what: what.to_string(),
            limit,
        });
    }
    Ok(bytes)
}
