//! Content digests (`sha256:<hex>`): parsing, computing, and verifying
//! while streaming. Never a bare string once parsed.

use std::fmt;
use std::io::{self, Read};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

/// Errors of digest parsing and verification.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not `algorithm:hex` of the right length.
    #[error("invalid digest {input:?}: expected sha256:<64 lowercase hex digits>")]
    Invalid {
        /// What was given.
        input: String,
    },
    /// An algorithm rpod cannot verify.
    #[error("unsupported digest algorithm {algorithm:?}: only sha256 is supported")]
    Unsupported {
        /// The algorithm named.
        algorithm: String,
    },
}

/// A sha256 content digest.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest {
    hex: String,
}

impl Digest {
    /// The digest of `bytes`.
    pub fn sha256_of(bytes: &[u8]) -> Digest {
        Digest {
            hex: hex::encode(Sha256::digest(bytes)),
        }
    }

    /// The digest whose sha256 hash is `hash`.
    pub fn from_sha256(hash: [u8; 32]) -> Digest {
        Digest {
            hex: hex::encode(hash),
        }
    }

    /// The algorithm (always `sha256`).
    pub fn algorithm(&self) -> &str {
        "sha256"
    }

    /// The hex-encoded hash.
    pub fn hex(&self) -> &str {
        &self.hex
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.hex)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.hex)
    }
}

impl FromStr for Digest {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let (algorithm, hex) = s.split_once(':').ok_or_else(|| Error::Invalid {
            input: s.to_string(),
        })?;
        if algorithm != "sha256" {
            let valid_name = !algorithm.is_empty()
                && algorithm
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+._-".contains(&b));
            return Err(if valid_name {
                Error::Unsupported {
                    algorithm: algorithm.to_string(),
                }
            } else {
                Error::Invalid {
                    input: s.to_string(),
                }
            });
        }
        if hex.len() != 64
            || !hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(Error::Invalid {
                input: s.to_string(),
            });
        }
        Ok(Digest {
            hex: hex.to_string(),
        })
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A reader that hashes (sha256) and counts every byte read through it.
pub struct DigestReader<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
}

impl<R: Read> DigestReader<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        DigestReader {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    /// The digest of the bytes read so far.
    pub fn digest(&self) -> Digest {
        Digest {
            hex: hex::encode(self.hasher.clone().finalize()),
        }
    }

    /// How many bytes have been read.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The wrapped reader.
    pub fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: Read> Read for DigestReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELLO: &str = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    #[test]
    fn computes_and_parses() {
        assert_eq!(Digest::sha256_of(b"hello").to_string(), HELLO);
        assert_eq!(
            HELLO.parse::<Digest>().unwrap(),
            Digest::sha256_of(b"hello")
        );
    }

    #[test]
    fn rejects_bad_input() {
        for bad in ["", "sha256", "sha256:abc", &HELLO.to_uppercase(), "md5"] {
            assert!(bad.parse::<Digest>().is_err(), "{bad}");
        }
        assert!(matches!(
            format!("sha512:{}", "a".repeat(128)).parse::<Digest>(),
            Err(Error::Unsupported { .. })
        ));
    }

    #[test]
    fn reader_hashes_what_passes() {
        let mut r = DigestReader::new(&b"hello"[..]);
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        assert_eq!(r.digest().to_string(), HELLO);
        assert_eq!(r.bytes_read(), 5);
    }

    #[test]
    fn serde_round_trip() {
        let d = Digest::sha256_of(b"x");
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Digest>(&json).unwrap(), d);
    }
}
