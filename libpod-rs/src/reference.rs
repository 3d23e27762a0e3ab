//! Image references: the distribution grammar (`[domain/]path[:tag][@digest]`)
//! and Docker Hub's normalisation (`alpine` → `docker.io/library/alpine`,
//! `index.docker.io` → `docker.io`).

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

use crate::digest::{self, Digest};

/// The registry short names resolve to when nothing else is configured.
pub const DOCKER_HUB: &str = "docker.io";
/// Docker Hub's API host.
pub const DOCKER_HUB_API: &str = "registry-1.docker.io";

/// Why a string is not an image reference.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Empty input.
    #[error("repository name must have at least one component")]
    Empty,
    /// Uppercase letters in the repository path.
    #[error("invalid reference format: repository name ({0}) must be lowercase")]
    Uppercase(String),
    /// Anything else that breaks the grammar.
    #[error("invalid reference format {0:?}: expected [DOMAIN/]NAME[:TAG][@DIGEST]")]
    Format(String),
    /// A tag that breaks the tag grammar.
    #[error("invalid tag {0:?}: tags are up to 128 of [A-Za-z0-9_.-], not starting with . or -")]
    Tag(String),
    /// Name longer than 255 characters.
    #[error("repository name {0:?} is longer than 255 characters")]
    TooLong(String),
    /// A bad digest part.
    #[error(transparent)]
    Digest(#[from] digest::Error),
}

/// A parsed, normalised image reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    domain: String,
    path: String,
    tag: Option<String>,
    digest: Option<Digest>,
}

fn path_component() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$").expect("static regex"))
}

fn domain_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$",
        )
        .expect("static regex")
    })
}

/// The tag grammar `[\w][\w.-]{0,127}` with ASCII `\w`, checked by hand: as
/// a regex, the bounded repeat compiled to megabytes and cost ~150 ms on
/// every pull and run.
pub fn is_valid_tag(t: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = t.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 128
        && word(bytes[0])
        && bytes[1..]
            .iter()
            .all(|&b| word(b) || b == b'.' || b == b'-')
}

/// Whether the first path component of `name` is a registry domain.
fn is_domain(first: &str) -> bool {
    first.contains('.')
        || first.contains(':')
        || first == "localhost"
        || first.chars().any(|c| c.is_ascii_uppercase())
}

impl Reference {
    /// Parses and normalises a reference (short names go to docker.io; no tag is added).
    pub fn parse(input: &str) -> Result<Reference, Error> {
        if input.is_empty() {
            return Err(Error::Empty);
        }
        let (rest, digest) = match input.split_once('@') {
            Some((r, d)) => (r, Some(d.parse::<Digest>()?)),
            None => (input, None),
        };
        let (name, tag) = match rest.rfind(':') {
            Some(i) if !rest[i..].contains('/') => (&rest[..i], Some(&rest[i + 1..])),
            _ => (rest, None),
        };
        if let Some(t) = tag {
            if !is_valid_tag(t) {
                return Err(Error::Tag(t.to_string()));
            }
        }
        if name.is_empty() {
            return Err(Error::Format(input.to_string()));
        }
        let (mut domain, mut path) = match name.split_once('/') {
            Some((first, rest)) if is_domain(first) => (first.to_string(), rest.to_string()),
            _ => (DOCKER_HUB.to_string(), name.to_string()),
        };
        if !domain_re().is_match(&domain) {
            return Err(Error::Format(input.to_string()));
        }
        if domain == "index.docker.io" {
            domain = DOCKER_HUB.to_string();
        }
        if domain == DOCKER_HUB && !path.contains('/') {
            path = format!("library/{path}");
        }
        if path.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(Error::Uppercase(path));
        }
        if path.is_empty() || !path.split('/').all(|c| path_component().is_match(c)) {
            return Err(Error::Format(input.to_string()));
        }
        if domain.len() + 1 + path.len() > 255 {
            return Err(Error::TooLong(name.to_string()));
        }
        Ok(Reference {
            domain,
            path,
            tag: tag.map(str::to_string),
            digest,
        })
    }

    /// Whether `input` has no domain component (so registries.conf decides where it lives).
    pub fn is_short_name(input: &str) -> bool {
        let name = input.split('@').next().unwrap_or(input);
        match name.split_once('/') {
            Some((first, _)) => !is_domain(first),
            None => true,
        }
    }

    /// The registry domain, e.g. `docker.io` or `localhost:5000`.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The repository path, e.g. `library/alpine`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The tag, if any.
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// The digest, if any.
    pub fn digest(&self) -> Option<&Digest> {
        self.digest.as_ref()
    }

    /// `domain/path`, e.g. `docker.io/library/alpine`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.domain, self.path)
    }

    /// Adds the tag `latest` when there is neither tag nor digest.
    pub fn with_default_tag(mut self) -> Reference {
        if self.tag.is_none() && self.digest.is_none() {
            self.tag = Some("latest".into());
        }
        self
    }

    /// The same repository with this tag (and no digest).
    pub fn with_tag(&self, tag: &str) -> Reference {
        Reference {
            tag: Some(tag.to_string()),
            digest: None,
            ..self.clone()
        }
    }

    /// The same repository with this digest (and no tag).
    pub fn with_digest(&self, digest: Digest) -> Reference {
        Reference {
            tag: None,
            digest: Some(digest),
            ..self.clone()
        }
    }

    /// The same reference on another domain (for mirrors and search registries).
    pub fn with_domain(&self, domain: &str, path: &str) -> Reference {
        Reference {
            domain: domain.to_string(),
            path: path.to_string(),
            ..self.clone()
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.domain, self.path)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Reference {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Reference::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    #[test]
    fn normalises_like_docker() {
        let cases = [
            ("alpine", "docker.io/library/alpine"),
            ("alpine:3.19", "docker.io/library/alpine:3.19"),
            ("library/alpine", "docker.io/library/alpine"),
            ("user/app:v1", "docker.io/user/app:v1"),
            ("index.docker.io/alpine", "docker.io/library/alpine"),
            ("docker.io/alpine:latest", "docker.io/library/alpine:latest"),
            ("localhost/mybox:1", "localhost/mybox:1"),
            ("localhost:5000/team/app", "localhost:5000/team/app"),
            ("127.0.0.1:5000/busybox:v2s2", "127.0.0.1:5000/busybox:v2s2"),
            ("quay.io/a/b/c:t", "quay.io/a/b/c:t"),
            ("a__b/c-d.e:t_1", "docker.io/a__b/c-d.e:t_1"),
        ];
        for (input, want) in cases {
            assert_eq!(
                Reference::parse(input).unwrap().to_string(),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn tag_and_digest_together() {
        let r = Reference::parse(&format!("localhost:5000/a/b:t@{D}")).unwrap();
        assert_eq!(r.domain(), "localhost:5000");
        assert_eq!(r.path(), "a/b");
        assert_eq!(r.tag(), Some("t"));
        assert_eq!(r.digest().unwrap().to_string(), D);
        let r = Reference::parse(&format!("alpine@{D}")).unwrap();
        assert_eq!(r.tag(), None);
        assert_eq!(r.clone().with_default_tag().tag(), None);
    }

    #[test]
    fn rejects_bad_references() {
        for bad in [
            "",
            "Alpine",
            "docker.io/Library/x",
            "a:b:c",
            "a/",
            "/a",
            "a//b",
            "-a",
            "a:-t",
            "a@sha256:xyz",
            "UPPER.io:/x",
        ] {
            assert!(Reference::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tag_grammar() {
        assert!(Reference::parse(&format!("a:{}", "t".repeat(128))).is_ok());
        assert!(Reference::parse(&format!("a:{}", "t".repeat(129))).is_err());
        for ok in ["a:_x", "a:1.0-rc_2", "a:X"] {
            assert!(Reference::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["a:.x", "a:-x", "a:é", "a:x y", "a:"] {
            assert!(Reference::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn short_names() {
        assert!(Reference::is_short_name("alpine"));
        assert!(Reference::is_short_name("user/app:1"));
        assert!(!Reference::is_short_name("localhost/app"));
        assert!(!Reference::is_short_name("quay.io/a"));
        assert!(!Reference::is_short_name("host:5000/a"));
    }
}
