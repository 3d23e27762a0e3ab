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

/// Where the seccomp profile comes from (`--seccomp-policy`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SeccompSource {
    /// `default`: `--security-opt seccomp=`, else podman's default profile.
    #[default]
    Default,
    /// `image`: the profile (JSON) in the image's
    /// `io.containers.seccomp.profile` label; `seccomp=unconfined` and
    /// `--privileged` still run without one, as podman's.
    Image,
}

impl std::str::FromStr for SeccompSource {
    type Err = Error;
    fn from_str(s: &str) -> Result<SeccompSource> {
        match s {
            "" | "default" => Ok(SeccompSource::Default),
            "image" => Ok(SeccompSource::Image),
            other => Err(Error::SeccompPolicy(other.to_string())),
        }
    }
}

/// The image label holding a seccomp profile (`--seccomp-policy=image`).
pub const IMAGE_SECCOMP_LABEL: &str = "io.containers.seccomp.profile";

/// The seccomp filter `--seccomp-policy=image` gives, from the image's
/// labels: `Ok(None)` when `current` (the `--security-opt` choice) or
/// `privileged` leaves the container without one.
pub fn seccomp_from_image_labels(
    labels: &std::collections::BTreeMap<String, String>,
    current: &SeccompPolicy,
    privileged: bool,
) -> Result<Option<SeccompPolicy>> {
    let text = labels
        .get(IMAGE_SECCOMP_LABEL)
        .filter(|t| !t.is_empty())
        .ok_or(Error::NoImageSeccomp)?;
    if *current == SeccompPolicy::Unconfined || privileged {
        return Ok(None);
    }
    let name = format!("(image label {IMAGE_SECCOMP_LABEL})");
    Ok(Some(SeccompPolicy::Profile(SeccompProfile::parse(
        Path::new(&name),
        text,
    )?)))
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
