//! `--pid`, `--ipc`, `--uts` and `--cgroupns`: which PID, IPC, UTS and
//! cgroup namespaces a container gets (podman's `Namespace` of specgen,
//! with the modes each flag accepts).

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::flag::Invalid;

/// A namespace a container can be given a mode for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NsKind {
    /// `--pid`.
    Pid,
    /// `--ipc`.
    Ipc,
    /// `--uts`.
    Uts,
    /// `--cgroupns`.
    Cgroup,
}

impl NsKind {
    /// The flag that sets it.
    pub fn flag(self) -> &'static str {
        match self {
            NsKind::Pid => "--pid",
            NsKind::Ipc => "--ipc",
            NsKind::Uts => "--uts",
            NsKind::Cgroup => "--cgroupns",
        }
    }

    /// Its name under `/proc/PID/ns/`.
    pub fn proc_name(self) -> &'static str {
        match self {
            NsKind::Pid => "pid",
            NsKind::Ipc => "ipc",
            NsKind::Uts => "uts",
            NsKind::Cgroup => "cgroup",
        }
    }

    /// Its key in containers.conf's `[containers]` table.
    pub fn conf_key(self) -> &'static str {
        match self {
            NsKind::Pid => "pidns",
            NsKind::Ipc => "ipcns",
            NsKind::Uts => "utsns",
            NsKind::Cgroup => "cgroupns",
        }
    }

    /// The four kinds, in podman's order.
    pub const ALL: [NsKind; 4] = [NsKind::Pid, NsKind::Ipc, NsKind::Uts, NsKind::Cgroup];
}

/// How a container gets one namespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum NsMode {
    /// A new namespace of its own.
    Private,
    /// `--ipc shareable`: a new IPC namespace others may join (rpod's
    /// private ones can all be joined: the same as private but in inspect).
    Shareable,
    /// `--ipc none`: a new IPC namespace without `/dev/shm`.
    None,
    /// The host's namespace.
    Host,
    /// `container:NAME`: another container's (by ID once created).
    Container(String),
    /// `ns:PATH`: the namespace file at this path.
    Path(PathBuf),
    /// The pod's (a member of a pod that shares it, without a mode of its
    /// own): joined at start from a running member or the pod's holder.
    Pod,
}

impl NsMode {
    /// Parses `value` as a mode of namespace `kind` (`""`: `None`, the default).
    pub fn parse(kind: NsKind, value: &str) -> Result<Option<NsMode>, Invalid> {
        let accepted = match kind {
            NsKind::Ipc => "host, private, shareable, none, container:NAME or ns:PATH",
            _ => "host, private, container:NAME or ns:PATH",
        };
        let mode = match value {
            "" => return Ok(None),
            "private" => NsMode::Private,
            "host" => NsMode::Host,
            "shareable" if kind == NsKind::Ipc => NsMode::Shareable,
            "none" if kind == NsKind::Ipc => NsMode::None,
            v => {
                if let Some(name) = v.strip_prefix("container:") {
                    if name.is_empty() {
                        return Err(Invalid::new(
                            "container: needs a container's name or ID: container:NAME",
                        ));
                    }
                    NsMode::Container(name.to_string())
                } else if let Some(path) = v.strip_prefix("ns:") {
                    if !path.starts_with('/') {
                        return Err(Invalid::new(
                            "ns: needs the absolute path of a namespace file: ns:/PATH",
                        ));
                    }
                    NsMode::Path(PathBuf::from(path))
                } else {
                    return Err(Invalid::new(format!(
                        "unrecognized namespace mode {v:?}: use {accepted}"
                    )));
                }
            }
        };
        Ok(Some(mode))
    }

    /// Whether the container gets a namespace of its own.
    pub fn is_new(&self) -> bool {
        matches!(self, NsMode::Private | NsMode::Shareable | NsMode::None)
    }
}

impl fmt::Display for NsMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NsMode::Private => f.write_str("private"),
            NsMode::Shareable => f.write_str("shareable"),
            NsMode::None => f.write_str("none"),
            NsMode::Host => f.write_str("host"),
            NsMode::Container(id) => write!(f, "container:{id}"),
            NsMode::Path(p) => write!(f, "ns:{}", p.display()),
            NsMode::Pod => f.write_str("pod"),
        }
    }
}

impl From<NsMode> for String {
    fn from(m: NsMode) -> String {
        m.to_string()
    }
}

impl TryFrom<String> for NsMode {
    type Error = String;
    fn try_from(s: String) -> Result<NsMode, String> {
        if s == "pod" {
            return Ok(NsMode::Pod);
        }
        // Stored modes were checked when written; IPC's are a superset.
        NsMode::parse(NsKind::Ipc, &s)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| "an empty namespace mode".to_string())
    }
}

/// The PID, IPC, UTS and cgroup namespace modes asked for (`None`: the
/// default, containers.conf's or podman's).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamespaceSpec {
    /// `--pid`.
    pub pid: Option<NsMode>,
    /// `--ipc`.
    pub ipc: Option<NsMode>,
    /// `--uts`.
    pub uts: Option<NsMode>,
    /// `--cgroupns`.
    pub cgroup: Option<NsMode>,
}

impl NamespaceSpec {
    /// The mode asked for namespace `kind`.
    pub fn get(&self, kind: NsKind) -> Option<&NsMode> {
        match kind {
            NsKind::Pid => self.pid.as_ref(),
            NsKind::Ipc => self.ipc.as_ref(),
            NsKind::Uts => self.uts.as_ref(),
            NsKind::Cgroup => self.cgroup.as_ref(),
        }
    }

    /// The mode of namespace `kind`, to set.
    pub fn get_mut(&mut self, kind: NsKind) -> &mut Option<NsMode> {
        match kind {
            NsKind::Pid => &mut self.pid,
            NsKind::Ipc => &mut self.ipc,
            NsKind::Uts => &mut self.uts,
            NsKind::Cgroup => &mut self.cgroup,
        }
    }
}

/// The modes a container was created with (its record; inspect's
/// `PidMode`, `IpcMode`, `UTSMode`, `CgroupnsMode`); `container:` by the
/// other container's full ID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Namespaces {
    /// The PID namespace.
    pub pid: NsMode,
    /// The IPC namespace.
    pub ipc: NsMode,
    /// The UTS namespace.
    pub uts: NsMode,
    /// The cgroup namespace.
    pub cgroup: NsMode,
}

impl Default for Namespaces {
    /// What records of older rpods had: all private.
    fn default() -> Namespaces {
        Namespaces {
            pid: NsMode::Private,
            ipc: NsMode::Private,
            uts: NsMode::Private,
            cgroup: NsMode::Private,
        }
    }
}

impl Namespaces {
    /// The mode of namespace `kind`.
    pub fn get(&self, kind: NsKind) -> &NsMode {
        match kind {
            NsKind::Pid => &self.pid,
            NsKind::Ipc => &self.ipc,
            NsKind::Uts => &self.uts,
            NsKind::Cgroup => &self.cgroup,
        }
    }

    /// The mode of namespace `kind`, to set.
    pub fn get_mut(&mut self, kind: NsKind) -> &mut NsMode {
        match kind {
            NsKind::Pid => &mut self.pid,
            NsKind::Ipc => &mut self.ipc,
            NsKind::Uts => &mut self.uts,
            NsKind::Cgroup => &mut self.cgroup,
        }
    }

    /// The containers whose namespaces it joins (by ID).
    pub fn targets(&self) -> impl Iterator<Item = (NsKind, &str)> {
        NsKind::ALL.into_iter().filter_map(|k| match self.get(k) {
            NsMode::Container(id) => Some((k, id.as_str())),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_per_flag() {
        assert_eq!(NsMode::parse(NsKind::Pid, ""), Ok(None));
        assert_eq!(NsMode::parse(NsKind::Pid, "host"), Ok(Some(NsMode::Host)));
        assert_eq!(
            NsMode::parse(NsKind::Uts, "container:web"),
            Ok(Some(NsMode::Container("web".into())))
        );
        assert_eq!(
            NsMode::parse(NsKind::Cgroup, "ns:/proc/1/ns/cgroup"),
            Ok(Some(NsMode::Path("/proc/1/ns/cgroup".into())))
        );
        assert_eq!(
            NsMode::parse(NsKind::Ipc, "shareable"),
            Ok(Some(NsMode::Shareable))
        );
        assert_eq!(NsMode::parse(NsKind::Ipc, "none"), Ok(Some(NsMode::None)));
        assert!(NsMode::parse(NsKind::Pid, "shareable").is_err());
        assert!(NsMode::parse(NsKind::Pid, "ns:relative").is_err());
        assert!(NsMode::parse(NsKind::Pid, "container:").is_err());
        let e = NsMode::parse(NsKind::Uts, "bogus").unwrap_err().to_string();
        assert!(e.contains("host, private"), "{e}");
        for m in [
            "host",
            "private",
            "shareable",
            "none",
            "container:x",
            "ns:/p",
        ] {
            let mode = NsMode::parse(NsKind::Ipc, m).unwrap().unwrap();
            assert_eq!(mode.to_string(), m);
            let json = serde_json::to_string(&mode).unwrap();
            assert_eq!(serde_json::from_str::<NsMode>(&json).unwrap(), mode);
        }
    }
}
