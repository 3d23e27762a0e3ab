//! Authorization: answering a registry's challenge (bearer tokens, basic
//! auth), with the client's token cache.

use super::{read_limited, status_error, Body, Client, Error, MAX_TOKEN_ANSWER};
use crate::config::{Credentials, Endpoint};
use crate::registry::auth;
use crate::registry::auth::Challenge;

impl Client {
    /// Answers the 401 `resp` for `scope` and caches the token (or basic
    /// header) that the next attempt sends.
    pub(crate) fn answer_challenge(
        &self,
        agent: &ureq::Agent,
        resp: &ureq::Response,
        scope: &str,
        ep: &Endpoint,
        what: &str,
    ) -> Result<(), Error> {
        let header = resp.header("www-authenticate").unwrap_or_default();
        let creds = self.credentials(&ep.host)?;
        let value = self.authorize(agent, header, Some(scope), creds.as_ref(), ep, what)?;
        self.tokens
            .lock()
            .expect("token cache")
            .insert((ep.host.clone(), scope.to_string()), value);
        Ok(())
    }

    /// Answers a 401 challenge: a `Bearer ...` token or a `Basic ...` header value.
    pub(super) fn authorize(
        &self,
        agent: &ureq::Agent,
        header: &str,
        scope: Option<&str>,
        creds: Option<&Credentials>,
        ep: &Endpoint,
        what: &str,
    ) -> Result<String, Error> {
        let unauthorized = || Error::Unauthorized {
            what: what.to_string(),
            host: ep.host.clone(),
        };
        match Challenge::parse(header) {
            Some(Challenge::Bearer {
                realm,
                service,
                scope: challenge_scope,
            }) => {
                // The registry's agent: its certs.d applies to its token service too, as in containers/image.
                let mut req = agent.get(&realm);
                if let Some(s) = &service {
                    req = req.query("service", s);
                }
                if let Some(s) = scope.map(str::to_string).or(challenge_scope) {
                    req = req.query("scope", &s);
                }
                if let Some(c) = creds {
                    req = req.set("Authorization", &auth::basic_header(c));
                }
                let resp = match req.call() {
                    Ok(r) => r,
                    Err(ureq::Error::Status(401 | 403, _)) => return Err(unauthorized()),
                    Err(ureq::Error::Status(code, resp)) => {
                        return Err(status_error(
                            &format!("{what}: fetching a token from {realm}"),
                            code,
                            resp,
                        ))
                    }
                    Err(ureq::Error::Transport(t)) => {
                        return Err(self.transport_error(
                            &format!("{what}: fetching a token"),
                            &realm,
                            &t,
                        ))
                    }
                };
                let reading = format!("{what}: reading the token from {realm}");
                let bytes = read_limited(
                    Body {
                        inner: Box::new(resp.into_reader()),
                        timeout: self.opts.read_timeout,
                    },
                    MAX_TOKEN_ANSWER,
                    &reading,
                )?;
                let body: serde_json::Value =
                    serde_json::from_slice(&bytes).map_err(|e| Error::Unreachable {
                        what: reading.clone(),
                        message: e.to_string(),
                        retryable: false,
                    })?;
                let token = body
                    .get("token")
                    .or_else(|| body.get("access_token"))
                    .and_then(serde_json::Value::as_str)
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| Error::Unreachable {
                        what: reading,
                        message: "the token server's answer has no token".into(),
                        retryable: false,
                    })?;
                Ok(format!("Bearer {token}"))
            }
            Some(Challenge::Basic) => creds.map(auth::basic_header).ok_or_else(unauthorized),
            None => Err(unauthorized()),
        }
    }
}
