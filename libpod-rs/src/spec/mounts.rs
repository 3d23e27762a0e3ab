//! Mounts a container asks for, as typed values: a host path, a named or
//! anonymous volume, or a tmpfs at a destination, with options. The
//! grammars of `-v SRC:DST:OPTS`, `--mount type=...,source=...` and
//! `--tmpfs DST[:OPTS]` live here, so that compose, kube play and Quadlet
//! build the same values.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Invalid;

/// Where a mount's content comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MountSource {
    /// A host file or directory (bind mount).
    Bind(PathBuf),
    /// A named volume, created on first use.
    Volume(String),
    /// A new anonymous volume (`-v /path`); the plan names it.
    AnonymousVolume,
    /// A fresh tmpfs.
    Tmpfs,
    /// An image's file system (`--mount type=image`, kube play's image
    /// volumes): read-only unless `rw=true` (then changes go to the
    /// container's own upper directory).
    Image {
        /// The image, as named.
        image: String,
        /// `subpath=`: only this directory of the image (relative).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        subpath: Option<PathBuf>,
    },
    /// An OCI artifact's files (`--mount type=artifact`), bound read-only
    /// from the artifact store.
    Artifact {
        /// The artifact, by name or digest.
        artifact: String,
        /// `title=`: only the file of this title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// `digest=`: only the file of this digest.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        digest: Option<String>,
        /// `name=`: the file's name under the destination directory
        /// (with `-N` added when there are several).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
}

/// One mount of a container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountSpec {
    /// What is mounted.
    pub source: MountSource,
    /// Where, in the container (absolute).
    pub destination: PathBuf,
    /// Mounted read-only.
    #[serde(default)]
    pub read_only: bool,
    /// `:U`: the source is given to the container's user and group.
    #[serde(default)]
    pub chown: bool,
    /// A volume that, while empty, first receives the image's content at
    /// the destination (the default for volumes; `nocopy` turns it off).
    #[serde(default)]
    pub copy_up: bool,
    /// Mount options passed through (a tmpfs's `size=64m`, `mode=1777`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

impl MountSpec {
    /// A mount of `source` at `destination` with the defaults of its kind.
    pub fn new(source: MountSource, destination: impl Into<PathBuf>) -> MountSpec {
        MountSpec {
            copy_up: matches!(
                source,
                MountSource::Volume(_) | MountSource::AnonymousVolume
            ),
            source,
            destination: destination.into(),
            read_only: false,
            chown: false,
            options: Vec::new(),
        }
    }

    /// Whether it is a tmpfs.
    pub fn is_tmpfs(&self) -> bool {
        self.source == MountSource::Tmpfs
    }

    /// Parses `-v [SRC:]DST[:OPTS]`: SRC is a host path (starts with `/` or
    /// `.`) or a volume name; OPTS are `ro`, `rw`, `z`, `Z`, `U`, `nocopy`
    /// and propagation flags, comma-separated. A relative host path
    /// (`./data`) is taken from the current directory, as the CLI's user
    /// means it (callers with another base use [`MountSpec::absolute`] first).
    pub fn parse_volume(value: &str) -> Result<MountSpec, Invalid> {
        let parts: Vec<&str> = value.split(':').collect();
        let (src, dst, opts) = match parts.as_slice() {
            [dst] => (None, *dst, ""),
            [a, b] if b.starts_with('/') => (Some(*a), *b, ""),
            [dst, opts] => (None, *dst, *opts),
            [a, b, c] => (Some(*a), *b, *c),
            _ => return Err(Invalid::new("expected [SOURCE:]/CONTAINER/PATH[:OPTIONS]")),
        };
        if !dst.starts_with('/') {
            return Err(Invalid::new(format!(
                "the container path {dst:?} must be absolute"
            )));
        }
        let source = match src {
            None => MountSource::AnonymousVolume,
            Some(s) if s.starts_with('/') => MountSource::Bind(PathBuf::from(s)),
            Some(s) if s.starts_with('.') => MountSource::Bind(
                std::path::absolute(s).map_err(|e| Invalid::new(format!("{s}: {e}")))?,
            ),
            Some(s) => {
                valid_volume_name(s).map_err(|_| {
                    Invalid::new(format!(
                        "{s:?} is neither an absolute host path nor a valid volume name"
                    ))
                })?;
                MountSource::Volume(s.to_string())
            }
        };
        let mut m = MountSpec::new(source, dst);
        for o in opts.split(',').filter(|o| !o.is_empty()) {
            match o {
                "ro" => m.read_only = true,
                "rw" => m.read_only = false,
                "U" => m.chown = true,
                "nocopy" => m.copy_up = false,
                // Kept for the bind mount (`noexec`: running a file there fails).
                "exec" | "noexec" | "suid" | "nosuid" | "dev" | "nodev" => {
                    m.options
                        .retain(|x| x.trim_start_matches("no") != o.trim_start_matches("no"));
                    m.options.push(o.to_string());
                }
                "z" | "Z" | "private" | "rprivate" | "shared" | "rshared" | "slave" | "rslave"
                | "bind" | "rbind" | "copy" => {}
                other => {
                    return Err(Invalid::new(format!(
                        "unknown option {other:?}: use ro, rw, U, z or Z"
                    )))
                }
            }
        }
        Ok(m)
    }

    /// Parses `--mount type=bind|volume|tmpfs,source=…,target=…[,ro][,U]`.
    pub fn parse_mount(value: &str) -> Result<MountSpec, Invalid> {
        let mut typ = "volume";
        let mut source = None;
        let mut target = None;
        let mut read_only = false;
        let mut chown = false;
        let mut copy_up = true;
        let mut tmpfs_options = Vec::new();
        let mut subpath = None;
        let mut rw_given = false;
        let (mut title, mut digest, mut name) = (None, None, None);
        // `ro`, `ro=true`, `rw=false` ...: a bare option is true.
        let on = |k: &str, v: &str| -> Result<bool, Invalid> {
            match v {
                "" | "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(Invalid::new(format!("{k}={v}: use true or false"))),
            }
        };
        for field in value.split(',') {
            let (k, v) = field.split_once('=').unwrap_or((field, ""));
            match k {
                "type" => typ = v,
                "source" | "src" => source = Some(v),
                "target" | "destination" | "dst" => target = Some(v),
                "ro" | "readonly" => {
                    read_only = on(k, v)?;
                    rw_given = true;
                }
                "rw" | "readwrite" => {
                    read_only = !on(k, v)?;
                    rw_given = true;
                }
                "subpath" | "volume-subpath" => subpath = Some(v),
                "title" => title = Some(v.to_string()),
                "digest" => digest = Some(v.to_string()),
                "name" => name = Some(v.to_string()),
                "U" | "chown" => chown = on(k, v)?,
                "volume-nocopy" | "nocopy" => copy_up = !on(k, v)?,
                // A tmpfs gets the image's content there (podman's default) or not.
                "tmpcopyup" | "notmpcopyup" => tmpfs_options.push(k.to_string()),
                "z" | "Z" | "relabel" | "bind-propagation" | "tmpfs-size" | "tmpfs-mode"
                | "consistency" => {}
                other => {
                    return Err(Invalid::new(format!(
                        "unknown field {other:?}: use type, source, target, ro, U"
                    )))
                }
            }
        }
        let target = target.ok_or_else(|| Invalid::new("target=/PATH is required"))?;
        if !target.starts_with('/') {
            return Err(Invalid::new("target must be an absolute path"));
        }
        let source = match (typ, source) {
            ("bind", Some(s)) if s.starts_with('/') => MountSource::Bind(PathBuf::from(s)),
            ("bind", _) => return Err(Invalid::new("type=bind needs source=/HOST/PATH")),
            ("volume", None | Some("")) => MountSource::AnonymousVolume,
            ("volume", Some(s)) => {
                valid_volume_name(s)
                    .map_err(|_| Invalid::new(format!("invalid volume name {s:?}")))?;
                MountSource::Volume(s.to_string())
            }
            ("tmpfs", _) => MountSource::Tmpfs,
            ("image", Some(s)) if !s.is_empty() => MountSource::Image {
                image: s.to_string(),
                subpath: match subpath.map(|p| p.trim_start_matches('/')) {
                    None | Some("") => None,
                    Some(p) if p.split('/').any(|c| c == "..") => {
                        return Err(Invalid::new(format!(
                            "subpath={p}: must stay inside the image (no ..)"
                        )))
                    }
                    Some(p) => Some(PathBuf::from(p)),
                },
            },
            ("image", _) => return Err(Invalid::new("type=image needs source=IMAGE")),
            ("artifact", Some(s)) if !s.is_empty() => MountSource::Artifact {
                artifact: s.to_string(),
                title: title.take(),
                digest: digest.take(),
                name: name.take(),
            },
            ("artifact", _) => return Err(Invalid::new("type=artifact needs source=ARTIFACT")),
            (other, _) => {
                return Err(Invalid::new(format!(
                    "unsupported type {other:?}: use bind, volume, tmpfs, image or artifact"
                )))
            }
        };
        if title.is_some() || digest.is_some() || name.is_some() {
            return Err(Invalid::new(
                "title=, digest= and name= are supported with type=artifact only",
            ));
        }
        if let MountSource::Artifact {
            title: Some(_),
            digest: Some(_),
            ..
        } = &source
        {
            return Err(Invalid::new("cannot specify both digest and title"));
        }
        if subpath.is_some() && !matches!(source, MountSource::Image { .. }) {
            return Err(Invalid::new("subpath= is supported with type=image only"));
        }
        // An image is mounted read-only unless `rw=true` says otherwise.
        let read_only = read_only || matches!(source, MountSource::Image { .. }) && !rw_given;
        // An artifact's files are the store's blobs: never writable.
        let read_only = read_only || matches!(source, MountSource::Artifact { .. });
        let tmpfs = matches!(source, MountSource::Tmpfs);
        let mut m = MountSpec::new(source, target);
        m.read_only = read_only;
        m.chown = chown;
        m.copy_up &= copy_up;
        if tmpfs {
            m.options = tmpfs_options;
        }
        Ok(m)
    }

    /// Parses `--tmpfs DST[:OPTIONS]` (options comma-separated, passed to
    /// the tmpfs after rpod's `rw,noexec,nosuid,nodev`).
    pub fn parse_tmpfs(value: &str) -> Result<MountSpec, Invalid> {
        let (dest, o) = value.split_once(':').unwrap_or((value, ""));
        if !dest.starts_with('/') {
            return Err(Invalid::new(format!(
                "invalid mount destination {dest:?}: must be an absolute path"
            )));
        }
        let mut m = MountSpec::new(MountSource::Tmpfs, dest);
        m.options = o
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        Ok(m)
    }

    /// The mount with a relative host path made absolute against `cwd`
    /// (the caller's directory: `-v ./data:/data`).
    pub fn absolute(mut self, cwd: &Path) -> MountSpec {
        if let MountSource::Bind(p) = &self.source {
            if p.is_relative() {
                self.source = MountSource::Bind(cwd.join(p));
            }
        }
        self
    }

    /// Whether it mounts something at `dest` (trailing slashes ignored).
    pub fn targets(&self, dest: &Path) -> bool {
        let clean = |p: &Path| p.to_string_lossy().trim_end_matches('/').to_string();
        clean(&self.destination) == clean(dest)
    }
}

/// `--image-volume` (containers.conf `image_volume_mode`): what the
/// image's `VOLUME`s become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImageVolumeMode {
    /// An anonymous volume each (the default; `bind` is the same for a
    /// local volume).
    #[default]
    Anonymous,
    /// A fresh tmpfs each.
    Tmpfs,
    /// Nothing: the image's directory as it is in the layers.
    Ignore,
}

impl std::str::FromStr for ImageVolumeMode {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<ImageVolumeMode, Invalid> {
        match s {
            "anonymous" | "bind" => Ok(ImageVolumeMode::Anonymous),
            "tmpfs" => Ok(ImageVolumeMode::Tmpfs),
            "ignore" => Ok(ImageVolumeMode::Ignore),
            _ => Err(Invalid::new(format!(
                "invalid image volume mode {s:?} required value: anonymous, bind, tmpfs, ignore"
            ))),
        }
    }
}

/// `--volumes-from CONTAINER[:ro|rw]`: another container's volumes and
/// bind mounts, at the same places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumesFrom {
    /// The container, by name or ID.
    pub container: String,
    /// `ro` / `rw`: forced read-only or writable; `None`: as they are there.
    pub read_only: Option<bool>,
}

impl std::str::FromStr for VolumesFrom {
    type Err = Invalid;

    fn from_str(s: &str) -> Result<VolumesFrom, Invalid> {
        let (container, opts) = s.split_once(':').unwrap_or((s, ""));
        if container.is_empty() {
            return Err(Invalid::new("a container is required: CONTAINER[:ro|rw]"));
        }
        let mut read_only = None;
        for o in opts.split(',').filter(|o| !o.is_empty()) {
            match o {
                "ro" => read_only = Some(true),
                "rw" => read_only = Some(false),
                // SELinux relabelling: nothing to do without SELinux.
                "z" | "Z" => {}
                _ => {
                    return Err(Invalid::new(format!(
                        "invalid option {o:?}: use ro, rw, z or Z"
                    )))
                }
            }
        }
        Ok(VolumesFrom {
            container: container.to_string(),
            read_only,
        })
    }
}

impl fmt::Display for MountSpec {
    /// The `-v` form (`SRC:DST[:OPTS]`), or `--tmpfs`'s (`DST[:OPTS]`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dest = self.destination.display();
        let mut opts: Vec<&str> = Vec::new();
        match &self.source {
            MountSource::Bind(p) => write!(f, "{}:{dest}", p.display())?,
            MountSource::Volume(n) => write!(f, "{n}:{dest}")?,
            MountSource::AnonymousVolume => write!(f, "{dest}")?,
            MountSource::Tmpfs => {
                write!(f, "{dest}")?;
                opts.extend(self.options.iter().map(String::as_str));
            }
            MountSource::Image { image, subpath } => {
                write!(f, "type=image,source={image},destination={dest}")?;
                if let Some(p) = subpath {
                    write!(f, ",subpath={}", p.display())?;
                }
                return write!(f, ",rw={}", !self.read_only);
            }
            MountSource::Artifact {
                artifact,
                title,
                digest,
                name,
            } => {
                write!(f, "type=artifact,source={artifact},destination={dest}")?;
                for (k, v) in [("title", title), ("digest", digest), ("name", name)] {
                    if let Some(v) = v {
                        write!(f, ",{k}={v}")?;
                    }
                }
                return Ok(());
            }
        }
        if self.read_only {
            opts.push("ro");
        }
        if self.chown {
            opts.push("U");
        }
        let volume = matches!(
            self.source,
            MountSource::Volume(_) | MountSource::AnonymousVolume
        );
        if volume && !self.copy_up {
            opts.push("nocopy");
        }
        if !opts.is_empty() {
            write!(f, ":{}", opts.join(","))?;
        }
        Ok(())
    }
}

/// Checks a volume name against Docker's grammar (`[a-zA-Z0-9][a-zA-Z0-9_.-]*`).
pub fn valid_volume_name(name: &str) -> Result<(), Invalid> {
    let mut b = name.bytes();
    let ok = b.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(Invalid::new(format!(
            "invalid volume name {name:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumes_from_forms() {
        let v: VolumesFrom = "db".parse().unwrap();
        assert_eq!(v.read_only, None);
        let v: VolumesFrom = "db:ro,z".parse().unwrap();
        assert_eq!((v.container.as_str(), v.read_only), ("db", Some(true)));
        assert_eq!(
            "db:rw".parse::<VolumesFrom>().unwrap().read_only,
            Some(false)
        );
        assert!("db:bogus".parse::<VolumesFrom>().is_err());
        assert!(":ro".parse::<VolumesFrom>().is_err());
    }

    #[test]
    fn artifact_mounts_parse_read_only_with_their_selectors() {
        let m =
            MountSpec::parse_mount("type=artifact,src=quay.io/a/b:1,dst=/data,title=x.txt,name=y")
                .unwrap();
        assert!(m.read_only);
        assert_eq!(
            m.source,
            MountSource::Artifact {
                artifact: "quay.io/a/b:1".into(),
                title: Some("x.txt".into()),
                digest: None,
                name: Some("y".into()),
            }
        );
        assert_eq!(
            m.to_string(),
            "type=artifact,source=quay.io/a/b:1,destination=/data,title=x.txt,name=y"
        );
        assert!(MountSpec::parse_mount("type=artifact,dst=/data").is_err());
        assert!(
            MountSpec::parse_mount("type=artifact,src=a,dst=/d,title=t,digest=sha256:00").is_err()
        );
        assert!(MountSpec::parse_mount("type=bind,src=/a,dst=/d,title=t").is_err());
    }

    #[test]
    fn volume_flags() {
        let r = MountSpec::parse_volume("data:/data:ro,U").unwrap();
        assert_eq!(r.source, MountSource::Volume("data".into()));
        assert_eq!(r.destination, Path::new("/data"));
        assert!(r.read_only && r.chown && r.copy_up);
        assert_eq!(r.to_string(), "data:/data:ro,U");
        let r = MountSpec::parse_volume("data:/data:nocopy").unwrap();
        assert!(!r.copy_up);
        assert_eq!(r.to_string(), "data:/data:nocopy");
        let r = MountSpec::parse_volume("/host:/c").unwrap();
        assert_eq!(r.source, MountSource::Bind("/host".into()));
        assert!(!r.read_only && !r.copy_up);
        assert_eq!(
            MountSpec::parse_volume("/c").unwrap().source,
            MountSource::AnonymousVolume
        );
        let r = MountSpec::parse_volume("/c:ro").unwrap();
        assert_eq!(
            (r.source.clone(), r.read_only),
            (MountSource::AnonymousVolume, true)
        );
        assert_eq!(r.to_string(), "/c:ro");
        for bad in ["data:rel", "/a:/b:bogus", "-x:/b", "a:b:c:d"] {
            assert!(MountSpec::parse_volume(bad).is_err(), "{bad}");
        }
        let rel = MountSpec::new(MountSource::Bind("./d".into()), "/d").absolute(Path::new("/w"));
        assert_eq!(rel.source, MountSource::Bind("/w/./d".into()));
        let here = MountSpec::parse_volume("./d:/d").unwrap();
        assert_eq!(
            here.source,
            MountSource::Bind(std::env::current_dir().unwrap().join("d"))
        );
    }

    #[test]
    fn mount_flags() {
        let r = MountSpec::parse_mount("type=bind,source=/h,target=/c,ro").unwrap();
        assert_eq!(
            (r.source, r.read_only),
            (MountSource::Bind("/h".into()), true)
        );
        let r = MountSpec::parse_mount("type=volume,src=v,dst=/c").unwrap();
        assert_eq!(r.source, MountSource::Volume("v".into()));
        assert!(r.copy_up);
        assert!(
            !MountSpec::parse_mount("type=volume,dst=/c,volume-nocopy")
                .unwrap()
                .copy_up
        );
        assert!(
            !MountSpec::parse_mount("type=bind,src=/h,dst=/c")
                .unwrap()
                .copy_up
        );
        assert!(MountSpec::parse_mount("type=tmpfs,target=/t")
            .unwrap()
            .is_tmpfs());
        // podman's spellings of read-only and read-write.
        for (opts, ro) in [
            ("readonly", true),
            ("readonly=true", true),
            ("ro=true", true),
            ("ro", true),
            ("rw=false", true),
            ("rw", false),
            ("rw=true", false),
            ("ro=false", false),
            ("readonly=false", false),
        ] {
            let m = MountSpec::parse_mount(&format!("type=bind,src=/h,dst=/c,{opts}")).unwrap();
            assert_eq!(m.read_only, ro, "{opts}");
        }
        for bad in [
            "type=bind,src=/h,target=/c,ro=maybe",
            "type=bind,target=/c",
            "type=nfs,target=/c",
            "type=volume,source=v",
            "type=volume,source=-v,target=/c",
        ] {
            assert!(MountSpec::parse_mount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tmpfs_flags() {
        let t = MountSpec::parse_tmpfs("/run:size=1m,mode=1777").unwrap();
        assert!(t.is_tmpfs());
        assert_eq!(t.options, ["size=1m", "mode=1777"]);
        assert_eq!(t.to_string(), "/run:size=1m,mode=1777");
        let e = MountSpec::parse_tmpfs("run").unwrap_err().to_string();
        assert!(e.contains("must be an absolute path"), "{e}");
    }

    #[test]
    fn records_serialise_typed() {
        let m = MountSpec::parse_volume("data:/data:ro").unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert!(json.contains(r#""source":{"volume":"data"}"#), "{json}");
        assert_eq!(serde_json::from_str::<MountSpec>(&json).unwrap(), m);
    }
}
