//! Which seccomp filter a container gets (`--security-opt seccomp=`):
//! podman's default profile (containers/common's `seccomp.json`, shipped
//! unchanged), none, or a profile file read when the request is built.

use std::path::{Path, PathBuf};

use oci_spec::runtime::LinuxSeccomp;

use super::{Error, Host, Result, SeccompProfile};

/// Which seccomp filter the container gets (`--security-opt seccomp=`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SeccompPolicy {
    /// Podman's default profile for the container's capabilities (none with `--privileged`).
    #[default]
    Default,
    /// `seccomp=unconfined`: no filter.
    Unconfined,
    /// `seccomp=FILE`: a profile read at create time (applied even with `--privileged`).
    Profile(SeccompProfile),
}

/// containers/common's default seccomp profile (an allow-list: everything
/// it does not name answers ENOSYS), shipped unchanged; its origin and
/// version are in `data/seccomp/README.md`.
const DEFAULT_SECCOMP_JSON: &str = include_str!("../../data/seccomp/seccomp.json");

/// Names the built-in profile in errors.
const DEFAULT_SECCOMP_NAME: &str = "(built-in default seccomp.json)";

/// The default seccomp profile, parsed once per process.
fn default_seccomp_profile() -> Result<&'static SeccompProfile> {
    static PROFILE: std::sync::OnceLock<std::result::Result<SeccompProfile, String>> =
        std::sync::OnceLock::new();
    PROFILE
        .get_or_init(|| {
            SeccompProfile::parse(Path::new(DEFAULT_SECCOMP_NAME), DEFAULT_SECCOMP_JSON)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|message| Error::SeccompProfile {
            path: PathBuf::from(DEFAULT_SECCOMP_NAME),
            message: message.clone(),
        })
}

/// The default seccomp profile (podman's: containers/common's
/// `seccomp.json`) for a container holding capabilities `caps`, on this
/// machine: its rules with capability, architecture and kernel conditions
/// resolved, argument conditions kept.
pub fn default_seccomp(caps: &[String]) -> Result<LinuxSeccomp> {
    default_seccomp_for(caps, Host::current())
}

/// [`default_seccomp`] for the machine `host`.
pub fn default_seccomp_for(caps: &[String], host: Host) -> Result<LinuxSeccomp> {
    default_seccomp_profile()?
        .resolve_for(caps, host)?
        .ok_or_else(|| Error::SeccompProfile {
            path: PathBuf::from(DEFAULT_SECCOMP_NAME),
            message: "no default action".into(),
        })
}

impl SeccompPolicy {
    /// The filter for a container holding capabilities `caps` on `host`
    /// (`None`: no filter; `--privileged` drops the default one, not a
    /// profile given explicitly).
    pub fn resolve(
        &self,
        caps: &[String],
        privileged: bool,
        host: Host,
    ) -> Result<Option<LinuxSeccomp>> {
        match self {
            SeccompPolicy::Default if !privileged => default_seccomp_for(caps, host).map(Some),
            SeccompPolicy::Profile(p) => p.resolve_for(caps, host),
            SeccompPolicy::Default | SeccompPolicy::Unconfined => Ok(None),
        }
    }
}
