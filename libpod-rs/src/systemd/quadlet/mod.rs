//! Quadlet: translates `.container`, `.volume`, `.network`, `.pod`, `.kube`,
//! `.image`, `.build` and `.artifact` files (templates and instances included) into systemd
//! `.service` units that run rpod, the way podman 5's Quadlet generator does.
//!
//! Where rpod differs from podman (docs/pods.md): a pod has no infra container, so a
//! `.pod` unit creates and starts the pod and stays active (`Type=oneshot`,
//! `RemainAfterExit=yes`) while its members run. A `.kube` unit is podman's:
//! `kube play --service-container=true` (`Type=notify`, the service container's
//! monitor its main process) with `kube down` after stop.
//!
//! Pure translation ([`generate`], [`generate_unit`]) plus a directory walker
//! ([`run_generator`]) that reads the unit search path, merges each file's
//! drop-ins (`NAME.d/*.conf` and the broader drop-in directories) and writes
//! units and `[Install]` symlinks.
//!
//! Files: [`ctx`] holds one file's translation state, [`names`] the unit and
//! resource names of Quadlet files, [`args`] the flags several kinds share; one
//! file per kind ([`container`], [`volume`], [`network`], [`pod`], [`kube`],
//! [`image`], [`build`]);
//! [`generator`] walks the search path and writes the units.

use std::collections::BTreeMap;
use std::path::PathBuf;

use thiserror::Error;

use super::unit::{split_words_relaxed, UnitError, UnitFile};

mod args;
mod artifact;
mod build;
mod container;
mod ctx;
mod generator;
mod image;
mod kube;
pub mod manage;
mod names;
mod network;
mod pod;
#[cfg(test)]
mod tests;
mod volume;

pub use generator::{default_dirs, run_generator, search_dirs, this_rpod_path, write_units};

use artifact::artifact;
use build::build;
use container::container;
use ctx::{clean_path, parse_bool, Ctx};
use image::image;
use kube::kube;
use names::{resolve_ref, service_name_of, split_name};
use network::network;
use pod::pod;
use volume::volume;

/// Errors from translating a Quadlet file.
#[derive(Debug, Error)]
pub enum QuadletError {
    /// The file could not be parsed as a unit file.
    #[error("{0}")]
    Parse(#[from] UnitError),
    /// The file is valid syntax but cannot be translated.
    #[error("converting {file}: {message}")]
    Invalid {
        /// File name.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// The file extension is not a Quadlet type rpod handles.
    #[error(
        "{file}: unsupported Quadlet file type: use .container, .volume, .network, .pod, .kube, .image, .build or .artifact"
    )]
    UnsupportedType {
        /// File name.
        file: String,
    },
    /// A unit file is too large, unreadable or not text.
    #[error(transparent)]
    File(#[from] crate::userfile::Error),
    /// Reading or writing a file failed.
    #[error("{path}: {}", crate::sys::os_text(source))]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// The user unit that waits for the system's `network-online.target` (a
/// user manager cannot order after it): what rootless Quadlet units want.
pub const WAIT_ONLINE_UNIT: &str = "rpod-user-wait-network-online.service";

/// The text of [`WAIT_ONLINE_UNIT`]: active once the system manager says
/// `network-online.target` is, at once where no system manager answers
/// (a container, a chroot), and failed after 90 s (units still start).
pub const WAIT_ONLINE_TEXT: &str = "\
# Written by rpod quadlet: rootless Quadlet units start after this one.
[Unit]
Description=Wait for the system's network-online.target (for rpod's user units)
Documentation=man:rpod-quadlet(5)

[Service]
Type=oneshot
RemainAfterExit=yes
TimeoutStartSec=90s
ExecStart=/bin/sh -c 'until systemctl is-active --quiet network-online.target; do s=$$(systemctl is-system-running 2>/dev/null); case x$$s in xoffline|xunknown|x) exit 0;; esac; sleep 0.5; done'
";

/// Options for Quadlet translation.
#[derive(Debug, Clone)]
pub struct QuadletOptions {
    /// Absolute path of the rpod binary written into `Exec*=` lines.
    pub rpod_path: String,
    /// Generating for a user manager (`--user`).
    pub user: bool,
    /// The other Quadlet files (file name -> contents), for resolving references like `x.volume`.
    pub units: BTreeMap<String, String>,
}

impl Default for QuadletOptions {
    fn default() -> Self {
        QuadletOptions {
            rpod_path: "/usr/bin/rpod".into(),
            user: false,
            units: BTreeMap::new(),
        }
    }
}

/// A `[Install]` symlink the generator creates: `link` (relative to the output dir) points at `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symlink {
    /// Path of the link, relative to the output directory.
    pub link: String,
    /// Link target, relative to the link's directory.
    pub target: String,
}

/// The result of translating one Quadlet file.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The service file name, e.g. `web.service`.
    pub service_name: String,
    /// The unit text.
    pub unit: String,
    /// Symlinks for `[Install]` Alias/WantedBy/RequiredBy/UpheldBy.
    pub symlinks: Vec<Symlink>,
    /// Warnings (unknown keys, ignored escapes), each naming file and line.
    pub warnings: Vec<String>,
}

/// What [`run_generator`] produced for all files.
#[derive(Debug, Default)]
pub struct GeneratorReport {
    /// Units generated successfully.
    pub units: Vec<Generated>,
    /// Files that failed, with their error text.
    pub errors: Vec<String>,
    /// Warnings from all files.
    pub warnings: Vec<String>,
}

/// Translates one Quadlet file (`file_name` may be a path; its directory resolves relative paths).
pub fn generate(
    file_name: &str,
    contents: &str,
    opts: &QuadletOptions,
) -> Result<Generated, QuadletError> {
    generate_unit(file_name, UnitFile::parse(file_name, contents)?, opts)
}

/// The `[Unit]` keys whose values may name other Quadlet files, which become
/// the files' service names.
const DEPENDENCY_KEYS: &[&str] = &[
    "After",
    "Before",
    "BindsTo",
    "Conflicts",
    "OnFailure",
    "OnSuccess",
    "PartOf",
    "PropagatesReloadTo",
    "PropagatesStopTo",
    "ReloadPropagatedFrom",
    "Requires",
    "Requisite",
    "StopPropagatedFrom",
    "Upholds",
    "Wants",
];

/// The section a Quadlet file of this kind (its extension) keeps its keys
/// in; `None` for a kind Quadlet does not have.
pub(super) fn section_of(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "container" => "Container",
        "volume" => "Volume",
        "network" => "Network",
        "pod" => "Pod",
        "kube" => "Kube",
        "image" => "Image",
        "build" => "Build",
        "artifact" => "Artifact",
        _ => return None,
    })
}

/// Translates an already parsed Quadlet file (its drop-ins merged in).
pub fn generate_unit(
    file_name: &str,
    unit: UnitFile,
    opts: &QuadletOptions,
) -> Result<Generated, QuadletError> {
    let (stem, ext, dir) = split_name(file_name);
    let section = section_of(&ext).ok_or_else(|| QuadletError::UnsupportedType {
        file: file_name.into(),
    })?;
    let mut ctx = Ctx {
        unit,
        section,
        warnings: Vec::new(),
        dir,
    };
    for key in ["User", "Group", "DynamicUser"] {
        if ctx.unit.entries("Service").any(|e| e.key == key) {
            ctx.warnings.push(format!(
                "Warning: using key {key} in the Service group is not supported - use at your own risk"
            ));
        }
    }
    if matches!(section, "Container" | "Volume") {
        if let Some(img) = ctx.last("Image") {
            if !img.ends_with(".build")
                && !img.ends_with(".image")
                && !names::is_unambiguous_image(&img)
            {
                let base = std::path::Path::new(file_name)
                    .file_name()
                    .map(|b| b.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ctx.warnings.push(format!(
                    "Warning: {base} specifies the image \"{img}\" which not a fully qualified image name. \
                     This is not ideal for performance and security reasons. \
                     See the rpod-pull manpage discussion of short-name-aliases.conf for details."
                ));
            }
        }
    }
    let service_name = service_name_of(&ctx.unit, &stem, &ext, section);
    let default_deps = match ctx.unit.last("Quadlet", "DefaultDependencies") {
        Some(v) => parse_bool(&v).ok_or_else(|| ctx.err("invalid DefaultDependencies"))?,
        None => true,
    };

    let mut out = UnitFile {
        file: service_name.clone(),
        sections: Vec::new(),
    };
    if default_deps {
        // A user manager has no network-online.target of its own: its units
        // wait for the system's through rpod's helper unit (podman's
        // podman-user-wait-network-online.service), which the generator writes.
        let online = if opts.user {
            WAIT_ONLINE_UNIT
        } else {
            "network-online.target"
        };
        out.add("Unit", "Wants", online);
        out.add("Unit", "After", online);
    }
    let mut extra_unit: Vec<(&str, String)> = Vec::new();
    let mut service: Vec<(String, String)> = Vec::new();
    match ext.as_str() {
        "container" => container(&mut ctx, &stem, opts, &mut extra_unit, &mut service)?,
        "volume" => volume(&mut ctx, &stem, opts, &mut extra_unit, &mut service)?,
        "pod" => pod(
            &mut ctx,
            &stem,
            file_name,
            opts,
            &mut extra_unit,
            &mut service,
        )?,
        "kube" => kube(&mut ctx, opts, &mut extra_unit, &mut service)?,
        "image" => image(&mut ctx, opts, &mut service)?,
        "build" => build(&mut ctx, file_name, opts, &mut extra_unit, &mut service)?,
        "artifact" => artifact(&mut ctx, opts, &mut service)?,
        _ => network(&mut ctx, &stem, opts, &mut service)?,
    }
    let (mounts, deps): (Vec<_>, Vec<_>) = extra_unit
        .into_iter()
        .partition(|(k, _)| *k == "RequiresMountsFor");
    for (k, v) in deps {
        out.add("Unit", k, &v);
    }
    // Pass through the user's sections, except the Quadlet-specific ones.
    let user = ctx.unit.clone();
    for s in &user.sections {
        if s.name == section || s.name == "Quadlet" {
            continue;
        }
        for e in &s.entries {
            let dep_key = DEPENDENCY_KEYS.contains(&e.key.as_str());
            if s.name == "Unit" && dep_key {
                let mut deps = Vec::new();
                for w in split_words_relaxed(&e.value)?.0 {
                    if generator::QUADLET_EXTENSIONS.iter().any(|x| w.ends_with(x)) {
                        let Some((_, svc)) = resolve_ref(opts, &w) else {
                            return Err(ctx.err(format!("unable to translate dependency for {w}")));
                        };
                        deps.push(svc);
                    } else {
                        deps.push(w);
                    }
                }
                out.add(&s.name, &e.key, &deps.join(" "));
                continue;
            }
            out.add(&s.name, &e.key, &e.value);
        }
    }
    out.add("Unit", "SourcePath", file_name);
    out.add("Unit", "RequiresMountsFor", "%t/containers");
    for (k, v) in mounts {
        out.add("Unit", k, &v);
    }
    for (k, v) in service {
        let user_set = user.entries("Service").any(|e| e.key == k);
        let settable = matches!(
            k.as_str(),
            "Type"
                | "RemainAfterExit"
                | "SyslogIdentifier"
                | "KillMode"
                | "NotifyAccess"
                | "WorkingDirectory"
        );
        if settable && user_set {
            continue;
        }
        out.add("Service", &k, &v);
    }
    // Keep a record of the source section for `systemctl cat` readers.
    for e in user.entries(section) {
        out.add(&format!("X-{section}"), &e.key, &e.value);
    }
    // Order: Unit, X-*, Service, then the rest, like podman's output.
    out.sections.sort_by_key(|s| match s.name.as_str() {
        "Unit" => 0,
        n if n.starts_with("X-") => 1,
        "Service" => 2,
        _ => 3,
    });
    let symlinks = install_symlinks(&user, &service_name)?;
    let unit = format!(
        "# Automatically generated by rpod quadlet from {file_name}\n#\n{}",
        out.to_text()
    );
    Ok(Generated {
        service_name,
        unit,
        symlinks,
        warnings: ctx.warnings,
    })
}

/// The symlinks `[Install]` asks for: `Alias=` names, and `WantedBy=`,
/// `RequiredBy=`, `UpheldBy=` links in `UNIT.wants/` (`.requires/`,
/// `.upholds/`) directories. A template (`web@.container`) is linked only
/// through its `DefaultInstance=` (`web@INSTANCE.service`); an instance as itself.
fn install_symlinks(user: &UnitFile, service_name: &str) -> Result<Vec<Symlink>, QuadletError> {
    let mut symlinks = Vec::new();
    let words = |key: &str| -> Result<Vec<String>, QuadletError> {
        let mut out = Vec::new();
        for e in user.entries("Install").filter(|e| e.key == key) {
            if e.value.is_empty() {
                out.clear();
            } else {
                out.extend(split_words_relaxed(&e.value)?.0);
            }
        }
        Ok(out)
    };
    for a in words("Alias")? {
        let link = clean_path(std::path::Path::new(&a));
        let depth = link.matches('/').count();
        symlinks.push(Symlink {
            target: format!("{}{}", "../".repeat(depth), service_name),
            link,
        });
    }
    let linked = match service_name.strip_suffix("@.service") {
        Some(_) => match user.last("Install", "DefaultInstance") {
            Some(i) => service_name.replacen("@.", &format!("@{i}."), 1),
            None => String::new(),
        },
        None => service_name.to_string(),
    };
    if !linked.is_empty() {
        for (key, suffix) in [
            ("WantedBy", "wants"),
            ("RequiredBy", "requires"),
            ("UpheldBy", "upholds"),
        ] {
            for w in words(key)? {
                if w.contains('/') {
                    continue;
                }
                symlinks.push(Symlink {
                    link: format!("{w}.{suffix}/{linked}"),
                    target: format!("../{service_name}"),
                });
            }
        }
    }
    Ok(symlinks)
}
