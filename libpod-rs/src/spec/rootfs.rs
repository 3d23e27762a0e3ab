//! `--rootfs DIR[:O]`: a container run from an exploded directory instead
//! of an image.

use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::flag::Invalid;

/// The directory a container runs from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootfsSpec {
    /// The directory (absolute).
    pub path: PathBuf,
    /// `:O`: an overlay on top, so that the directory is not changed
    /// (the changes are the container's own and go with it).
    pub overlay: bool,
}

impl FromStr for RootfsSpec {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<RootfsSpec, Invalid> {
        let (path, overlay) = match s.rsplit_once(':') {
            Some((p, "O")) => (p, true),
            Some((_, o)) if !o.contains('/') => {
                return Err(Invalid::new(format!(
                    "unknown option {o:?}: the only option is O (an overlay on top)"
                )))
            }
            _ => (s, false),
        };
        if !path.starts_with('/') {
            return Err(Invalid::new(
                "the root file system must be an absolute path",
            ));
        }
        Ok(RootfsSpec {
            path: PathBuf::from(path),
            overlay,
        })
    }
}

impl std::fmt::Display for RootfsSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.overlay {
            f.write_str(":O")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_suffix() {
        let r: RootfsSpec = "/srv/root:O".parse().unwrap();
        assert!(r.overlay);
        assert_eq!(r.path, PathBuf::from("/srv/root"));
        let r: RootfsSpec = "/srv/root".parse().unwrap();
        assert!(!r.overlay);
        assert!("/srv/root:Z".parse::<RootfsSpec>().is_err());
        assert!("rel".parse::<RootfsSpec>().is_err());
        assert_eq!(r.to_string(), "/srv/root");
    }
}
