//! The registry side of `push`: is a blob there (HEAD), mount it from
//! another repository of the same registry, upload it in one streamed PUT,
//! put a manifest. Requests carry a token for `pull,push` on the
//! repository, asked for once on the first 401 and kept.

#![allow(clippy::result_large_err)] // ureq's own error, matched on at once by every caller

use std::io::Read;

use super::{status_error, Client, Error};
use crate::config::Endpoint;
use crate::digest::Digest;

/// What a cross-repository mount gave.
pub enum Mounted {
    /// The registry has the blob in the repository now.
    Done,
    /// It did not mount it; an upload may start at this location.
    Upload(String),
}

impl Client {
    /// `scheme://host` of an endpoint (plain HTTP only for an insecure
    /// host that does not answer HTTPS, learnt with a GET of `/v2/`).
    fn base_url(&self, ep: &Endpoint) -> Result<(ureq::Agent, String), Error> {
        let insecure = self.insecure(ep.insecure);
        let agent = self.agent(&ep.host, insecure)?;
        if !insecure {
            return Ok((agent, format!("https://{}", ep.host)));
        }
        let known = self
            .schemes
            .lock()
            .expect("scheme cache")
            .get(&ep.host)
            .copied();
        let scheme = match known {
            Some(s) => s,
            None => {
                let _ = self.call(&agent, &ep.host, true, "/v2/", |r| r);
                self.schemes
                    .lock()
                    .expect("scheme cache")
                    .get(&ep.host)
                    .copied()
                    .unwrap_or("https")
            }
        };
        Ok((agent, format!("{scheme}://{}", ep.host)))
    }

    /// Sends a request for pushing (`send` builds and sends it; it may be
    /// called twice: again after a 401 is answered with a token).
    fn push_request(
        &self,
        ep: &Endpoint,
        what: &str,
        send: impl Fn(&ureq::Agent, &str, Option<&str>) -> Result<ureq::Response, ureq::Error>,
    ) -> Result<Result<ureq::Response, (u16, ureq::Response)>, Error> {
        let (agent, base) = self.base_url(ep)?;
        let scope = format!("repository:{}:pull,push", ep.repository);
        let key = (ep.host.clone(), scope.clone());
        let mut authorized_once = false;
        loop {
            let token = self.tokens.lock().expect("token cache").get(&key).cloned();
            match send(&agent, &base, token.as_deref()) {
                Ok(resp) => return Ok(Ok(resp)),
                Err(ureq::Error::Status(401, resp)) if !authorized_once => {
                    authorized_once = true;
                    self.answer_challenge(&agent, &resp, &scope, ep, what)?;
                }
                Err(ureq::Error::Status(401, _)) => {
                    return Err(Error::Unauthorized {
                        what: what.to_string(),
                        host: ep.host.clone(),
                    })
                }
                Err(ureq::Error::Status(403, resp)) => {
                    let mut e = status_error(what, 403, resp);
                    if let Error::Status { body, .. } = &mut e {
                        *body = format!(
                            "{body}: access denied: check the name and that your account may push to it; log in with `rpod login {}`",
                            ep.host
                        );
                    }
                    return Err(e);
                }
                Err(ureq::Error::Status(code, resp)) => return Ok(Err((code, resp))),
                Err(ureq::Error::Transport(t)) => {
                    return Err(self.transport_error(what, &ep.host, &t))
                }
            }
        }
    }

    /// Whether the repository has the blob `digest`.
    pub fn blob_exists(&self, ep: &Endpoint, digest: &Digest) -> Result<bool, Error> {
        let what = format!("checking blob {digest} in {}/{}", ep.host, ep.repository);
        let path = format!("/v2/{}/blobs/{digest}", ep.repository);
        match self.push_request(ep, &what, |agent, base, token| {
            with_token(agent.head(&format!("{base}{path}")), token).call()
        })? {
            Ok(_) => Ok(true),
            Err((404, _)) => Ok(false),
            Err((code, resp)) => Err(status_error(&what, code, resp)),
        }
    }

    /// Asks the registry to mount `digest` from the repository `from`
    /// (same host) into the endpoint's; else returns where to upload it.
    pub fn mount_blob(&self, ep: &Endpoint, digest: &Digest, from: &str) -> Result<Mounted, Error> {
        let what = format!(
            "mounting blob {digest} from {from} in {}/{}",
            ep.host, ep.repository
        );
        let path = format!(
            "/v2/{}/blobs/uploads/?mount={digest}&from={from}",
            ep.repository
        );
        self.start_upload(ep, &what, &path)
    }

    fn start_upload(&self, ep: &Endpoint, what: &str, path: &str) -> Result<Mounted, Error> {
        let (_, base) = self.base_url(ep)?;
        let resp = match self.push_request(ep, what, |agent, base, token| {
            with_token(agent.post(&format!("{base}{path}")), token)
                .set("Content-Length", "0")
                .call()
        })? {
            Ok(r) => r,
            Err((code, resp)) => return Err(status_error(what, code, resp)),
        };
        if resp.status() == 201 {
            return Ok(Mounted::Done);
        }
        let location = resp.header("location").ok_or_else(|| Error::Unreachable {
            what: what.to_string(),
            message: "the registry gave no upload location".into(),
            retryable: false,
        })?;
        Ok(Mounted::Upload(absolute(&base, location)))
    }

    /// Uploads a blob of `size` bytes in one PUT, its bytes from `open`
    /// (called again when the first attempt needs a token).
    pub fn upload_blob(
        &self,
        ep: &Endpoint,
        digest: &Digest,
        size: u64,
        location: Option<String>,
        open: &dyn Fn() -> std::io::Result<Box<dyn Read + Send>>,
    ) -> Result<(), Error> {
        let what = format!("uploading blob {digest} to {}/{}", ep.host, ep.repository);
        let location = match location {
            Some(l) => l,
            None => match self.start_upload(
                ep,
                &what,
                &format!("/v2/{}/blobs/uploads/", ep.repository),
            )? {
                Mounted::Upload(l) => l,
                Mounted::Done => return Ok(()),
            },
        };
        let sep = if location.contains('?') { '&' } else { '?' };
        let url = format!("{location}{sep}digest={digest}");
        let result = self.push_request(ep, &what, |agent, _, token| {
            let body = open().map_err(|e| {
                ureq::Error::from(std::io::Error::new(
                    e.kind(),
                    format!("reading the blob: {e}"),
                ))
            })?;
            with_token(agent.put(&url), token)
                .set("Content-Type", "application/octet-stream")
                .set("Content-Length", &size.to_string())
                .send(body)
        })?;
        match result {
            Ok(_) => Ok(()),
            Err((code, resp)) => Err(status_error(&what, code, resp)),
        }
    }

    /// Puts a manifest under `reference` (a tag or its digest).
    pub fn put_manifest(
        &self,
        ep: &Endpoint,
        reference: &str,
        bytes: &[u8],
        media_type: &str,
    ) -> Result<(), Error> {
        let what = format!(
            "writing manifest {reference} to {}/{}",
            ep.host, ep.repository
        );
        let path = format!("/v2/{}/manifests/{reference}", ep.repository);
        match self.push_request(ep, &what, |agent, base, token| {
            with_token(agent.put(&format!("{base}{path}")), token)
                .set("Content-Type", media_type)
                .send_bytes(bytes)
        })? {
            Ok(_) => Ok(()),
            Err((code, resp)) => Err(status_error(&what, code, resp)),
        }
    }
}

fn with_token(req: ureq::Request, token: Option<&str>) -> ureq::Request {
    match token {
        Some(t) => req.set("Authorization", t),
        None => req,
    }
}

/// A `Location` header as an absolute URL.
fn absolute(base: &str, location: &str) -> String {
    if location.starts_with("http://") || location.starts_with("https://") {
        location.to_string()
    } else {
        format!("{base}{location}")
    }
}
