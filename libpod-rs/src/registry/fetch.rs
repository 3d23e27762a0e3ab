//! Manifests and blobs: fetched, checked against their declared size and
//! digest, and the login check.

use std::io::Read;

use super::{
    body_error, check_announced, read_limited, status_error, Blob, Body, Client, Error, Exact,
    FetchedManifest, MAX_MANIFEST,
};
use crate::config::{Credentials, Endpoint};
use crate::digest::Digest;
use crate::registry::manifest;

impl Client {
    /// Fetches a manifest by tag or digest (verifying it when fetched by
    /// digest); `declared` is the size an index's descriptor gives it.
    pub fn get_manifest(
        &self,
        ep: &Endpoint,
        reference: &str,
        declared: Option<u64>,
    ) -> Result<FetchedManifest, Error> {
        let what = format!(
            "reading manifest {reference} in {}/{}",
            ep.host, ep.repository
        );
        let resp = match self.get(
            ep,
            &format!("/v2/{}/manifests/{reference}", ep.repository),
            Some(manifest::ACCEPT),
            &what,
        ) {
            Err(Error::Status { status: 404, .. }) => return Err(Error::ManifestUnknown { what }),
            other => other?,
        };
        let media_type = resp
            .header("content-type")
            .map(|c| c.split(';').next().unwrap_or(c).trim().to_string())
            .unwrap_or_default();
        let bytes = self.read_body(resp, declared, MAX_MANIFEST, &what)?;
        let digest = Digest::sha256_of(&bytes);
        if let Ok(expected) = reference.parse::<Digest>() {
            if expected != digest {
                return Err(Error::DigestMismatch {
                    what,
                    expected,
                    actual: digest,
                });
            }
        }
        Ok(FetchedManifest {
            bytes,
            media_type,
            digest,
        })
    }

    /// Reads a small body whole: at most `max` bytes, and exactly
    /// `declared` when a descriptor gives the size.
    pub(super) fn read_body(
        &self,
        resp: ureq::Response,
        declared: Option<u64>,
        max: usize,
        what: &str,
    ) -> Result<Vec<u8>, Error> {
        if let Some(d) = declared {
            if d > max as u64 {
                return Err(Error::TooLarge {
                    what: what.to_string(),
                    limit: max,
                });
            }
            check_announced(&resp, d, what)?;
        }
        let body = Body {
            inner: Box::new(resp.into_reader()),
            timeout: self.opts.read_timeout,
        };
        let bytes = read_limited(body, max, what)?;
        if let Some(d) = declared {
            if bytes.len() as u64 != d {
                return Err(Error::SizeMismatch {
                    what: what.to_string(),
                    served: format!("sent {} bytes", bytes.len()),
                    declared: d,
                });
            }
        }
        Ok(bytes)
    }

    /// Opens a blob of `declared` bytes for streaming; the caller verifies
    /// its digest. A registry announcing another size fails here; one
    /// sending more or less fails the read.
    pub fn get_blob(&self, ep: &Endpoint, digest: &Digest, declared: u64) -> Result<Blob, Error> {
        let what = format!("fetching blob {digest} from {}/{}", ep.host, ep.repository);
        let resp = match self.get(
            ep,
            &format!("/v2/{}/blobs/{digest}", ep.repository),
            None,
            &what,
        ) {
            Err(Error::Status { status: 404, .. }) => return Err(Error::BlobUnknown { what }),
            other => other?,
        };
        check_announced(&resp, declared, &what)?;
        let size = resp.header("content-length").and_then(|l| l.parse().ok());
        let body = Body {
            inner: Box::new(resp.into_reader()),
            timeout: self.opts.read_timeout,
        };
        Ok(Blob {
            reader: Box::new(Exact {
                inner: body,
                declared,
                read: 0,
                what,
            }),
            size,
        })
    }

    /// Fetches a small blob (a config) of `declared` bytes whole and verifies it.
    pub fn get_blob_bytes(
        &self,
        ep: &Endpoint,
        digest: &Digest,
        declared: u64,
        max: usize,
    ) -> Result<Vec<u8>, Error> {
        let what = format!("fetching blob {digest} from {}/{}", ep.host, ep.repository);
        if declared > max as u64 {
            return Err(Error::TooLarge { what, limit: max });
        }
        let mut bytes = Vec::new();
        self.get_blob(ep, digest, declared)?
            .reader
            .read_to_end(&mut bytes)
            .map_err(|e| body_error(&what, e))?;
        let actual = Digest::sha256_of(&bytes);
        if actual != *digest {
            return Err(Error::DigestMismatch {
                what,
                expected: digest.clone(),
                actual,
            });
        }
        Ok(bytes)
    }

    /// Lists a repository's tags (distribution's `tags/list`), following
    /// the `Link` header page by page as containers/image does: empty
    /// entries and digest-shaped ones (registries that break the spec) are
    /// skipped, any other invalid tag is an error.
    pub fn list_tags(&self, ep: &Endpoint) -> Result<Vec<String>, Error> {
        #[derive(serde::Deserialize)]
        struct Page {
            #[serde(default)]
            tags: Option<Vec<Option<String>>>,
        }
        let what = "fetching tags list".to_string();
        let mut path = format!("/v2/{}/tags/list", ep.repository);
        let mut tags = Vec::new();
        // A registry whose links go round in circles is stopped.
        for _ in 0..10_000 {
            let resp = self.get(ep, &path, Some("application/json"), &what)?;
            let link = resp.header("link").map(str::to_string);
            let bytes = self.read_body(resp, None, MAX_MANIFEST, &what)?;
            let page: Page = serde_json::from_slice(&bytes)
                .map_err(|e| Error::BadTagList(format!("{what}: {e}")))?;
            for tag in page.tags.unwrap_or_default().into_iter().flatten() {
                if tag.is_empty() || tag.parse::<Digest>().is_ok() {
                    tracing::debug!("ignoring invalid tag {tag:?}");
                    continue;
                }
                if !crate::reference::is_valid_tag(&tag) {
                    return Err(Error::BadTagList(format!(
                        "registry returned invalid tag {tag:?}"
                    )));
                }
                tags.push(tag);
            }
            match link.as_deref().and_then(next_page) {
                Some(next) => path = next,
                None => return Ok(tags),
            }
        }
        Err(Error::BadTagList(format!(
            "{what}: the registry's Link headers do not end"
        )))
    }

    /// Checks credentials against `/v2/` of a registry (basic, or a token via the challenge).
    pub fn check_login(
        &self,
        host: &str,
        insecure: bool,
        creds: &Credentials,
    ) -> Result<(), Error> {
        let ep = Endpoint {
            host: host.to_string(),
            repository: String::new(),
            insecure,
            mirror: false,
        };
        let insecure = self.insecure(insecure);
        let agent = self.agent(host, insecure)?;
        let what = format!("logging in to {host}");
        let first = self.call(&agent, host, insecure, "/v2/", |r| r);
        let header = match first {
            Ok(_) => return Ok(()),
            Err(ureq::Error::Status(401, resp)) => resp
                .header("www-authenticate")
                .unwrap_or_default()
                .to_string(),
            Err(ureq::Error::Status(code, resp)) => return Err(status_error(&what, code, resp)),
            Err(ureq::Error::Transport(t)) => return Err(self.transport_error(&what, host, &t)),
        };
        let value = match self.authorize(&agent, &header, None, Some(creds), &ep, &what) {
            Err(Error::Unauthorized { .. }) => {
                return Err(Error::BadCredentials { host: host.into() })
            }
            other => other?,
        };
        match self.call(&agent, host, insecure, "/v2/", |r| {
            r.set("Authorization", &value)
        }) {
            Ok(_) => Ok(()),
            Err(ureq::Error::Status(401 | 403, _)) => {
                Err(Error::BadCredentials { host: host.into() })
            }
            Err(ureq::Error::Status(code, resp)) => Err(status_error(&what, code, resp)),
            Err(ureq::Error::Transport(t)) => Err(self.transport_error(&what, host, &t)),
        }
    }
}

/// The path and query of a `Link: <URL>; rel="next"` header's URL (absolute
/// or relative; only the path is used, as containers/image does).
fn next_page(link: &str) -> Option<String> {
    let url = link.split(';').next()?.trim().trim_matches(['<', '>']);
    if url.is_empty() {
        return None;
    }
    let rest = match url.split_once("://") {
        Some((_, after)) => &after[after.find('/')?..],
        None => url,
    };
    Some(if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    })
}

#[cfg(test)]
mod link_tests {
    use super::next_page;

    #[test]
    fn next_page_takes_path_and_query() {
        assert_eq!(
            next_page("</v2/a/b/tags/list?n=2&last=x>; rel=\"next\"").as_deref(),
            Some("/v2/a/b/tags/list?n=2&last=x")
        );
        assert_eq!(
            next_page("<https://r.example:5000/v2/a/tags/list?last=y>; rel=\"next\"").as_deref(),
            Some("/v2/a/tags/list?last=y")
        );
        assert_eq!(next_page("<>"), None);
    }
}
