//! Quadlet: translates `.container`, `.volume`, `.network`, `.pod` and `.kube` files
//! into systemd `.service` units that run rpod, the way podman 5's Quadlet generator does.
//!
//! Where rpod differs from podman (docs/pods.md): a pod has no infra container, so a
//! `.pod` unit creates and starts the pod and stays active (`Type=oneshot`,
//! `RemainAfterExit=yes`) while its members run. A `.kube` unit is podman's:
//! `kube play --service-container=true` (`Type=notify`, the service container's
//! monitor its main process) with `kube down` after stop.
//!
//! Pure translation ([`generate`]) plus a directory walker ([`run_generator`]) that
//! reads the unit search path and writes units and `[Install]` symlinks.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use thiserror::Error;

use super::unit::{join_words, split_words_relaxed, unquote_value, UnitError, UnitFile};

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
        "{file}: unsupported Quadlet file type: use .container, .volume, .network, .pod or .kube"
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

const CONTAINER_KEYS: &[&str] = &[
    "AddCapability",
    "AddDevice",
    "AddHost",
    "Annotation",
    "ContainerName",
    "ContainersConfModule",
    "Pod",
    "StartWithPod",
    "DNS",
    "DNSOption",
    "DNSSearch",
    "DropCapability",
    "Entrypoint",
    "Environment",
    "EnvironmentFile",
    "EnvironmentHost",
    "Exec",
    "ExposeHostPort",
    "GIDMap",
    "GlobalArgs",
    "Group",
    "GroupAdd",
    "HealthCmd",
    "HealthInterval",
    "HealthOnFailure",
    "HealthRetries",
    "HealthStartPeriod",
    "HealthStartupCmd",
    "HealthStartupInterval",
    "HealthStartupRetries",
    "HealthStartupSuccess",
    "HealthStartupTimeout",
    "HealthTimeout",
    "HostName",
    "HttpProxy",
    "IP",
    "IP6",
    "Image",
    "Label",
    "LogDriver",
    "LogOpt",
    "Mask",
    "Memory",
    "Mount",
    "Network",
    "NetworkAlias",
    "NoNewPrivileges",
    "Notify",
    "PidsLimit",
    "PodmanArgs",
    "PublishPort",
    "Pull",
    "ReadOnly",
    "ReadOnlyTmpfs",
    "ReloadCmd",
    "ReloadSignal",
    "RemapGid",
    "RemapUid",
    "RemapUidSize",
    "RemapUsers",
    "Retry",
    "RetryDelay",
    "Rootfs",
    "RunInit",
    "ServiceName",
    "SeccompProfile",
    "Secret",
    "SecurityLabelDisable",
    "SecurityLabelFileType",
    "SecurityLabelLevel",
    "SecurityLabelNested",
    "SecurityLabelType",
    "ShmSize",
    "StopSignal",
    "StopTimeout",
    "SubGIDMap",
    "SubUIDMap",
    "Sysctl",
    "Timezone",
    "Tmpfs",
    "UIDMap",
    "Ulimit",
    "Unmask",
    "User",
    "UserNS",
    "VolatileTmp",
    "Volume",
    "WorkingDir",
];

const VOLUME_KEYS: &[&str] = &[
    "ContainersConfModule",
    "Copy",
    "Device",
    "Driver",
    "GID",
    "GlobalArgs",
    "Group",
    "Image",
    "Label",
    "Options",
    "PodmanArgs",
    "ServiceName",
    "Type",
    "UID",
    "User",
    "VolumeName",
];

const NETWORK_KEYS: &[&str] = &[
    "ContainersConfModule",
    "DNS",
    "DisableDNS",
    "Driver",
    "Gateway",
    "GlobalArgs",
    "IPAMDriver",
    "IPRange",
    "IPv6",
    "Internal",
    "Label",
    "NetworkDeleteOnStop",
    "NetworkName",
    "Options",
    "PodmanArgs",
    "ServiceName",
    "Subnet",
];

/// `[Pod]` keys rpod translates (podman's keys whose `pod create` flag rpod lacks are
/// not listed, so they are reported as unsupported).
const POD_KEYS: &[&str] = &[
    "AddHost",
    "ContainersConfModule",
    "DNS",
    "DNSSearch",
    "GlobalArgs",
    "HostName",
    "Label",
    "Network",
    "PodName",
    "PodmanArgs",
    "PublishPort",
    "RemapGid",
    "RemapUid",
    "RemapUidSize",
    "RemapUsers",
    "ServiceName",
    "StopTimeout",
    "UserNS",
];

/// `[Kube]` keys rpod translates (no LogDriver, LogOpt, ExitCodePropagation;
/// no auto-update).
const KUBE_KEYS: &[&str] = &[
    "ConfigMap",
    "ContainersConfModule",
    "GlobalArgs",
    "KubeDownForce",
    "Network",
    "PodmanArgs",
    "PublishPort",
    "RemapGid",
    "RemapUid",
    "RemapUidSize",
    "RemapUsers",
    "ServiceName",
    "SetWorkingDirectory",
    "UserNS",
    "Yaml",
];

/// Per-file translation state: the parsed unit, warnings, and its location.
struct Ctx<'a> {
    unit: UnitFile,
    section: &'a str,
    warnings: Vec<String>,
    dir: PathBuf,
}

impl Ctx<'_> {
    fn err(&self, message: impl Into<String>) -> QuadletError {
        QuadletError::Invalid {
            file: self.unit.file.clone(),
            message: message.into(),
        }
    }

    /// An error pointing at the last line that sets `key`.
    fn err_key(&self, key: &str, message: impl Into<String>) -> QuadletError {
        let line = self
            .unit
            .entries(self.section)
            .filter(|e| e.key == key)
            .last()
            .map(|e| e.line);
        match line {
            Some(l) => self.err(format!("line {l}: {}", message.into())),
            None => self.err(message),
        }
    }

    fn last(&self, key: &str) -> Option<String> {
        self.unit.last(self.section, key).map(|v| unquote_value(&v))
    }

    fn all(&self, key: &str) -> Vec<String> {
        self.unit
            .values(self.section, key)
            .iter()
            .map(|v| unquote_value(v))
            .collect()
    }

    fn bool(&self, key: &str) -> Result<Option<bool>, QuadletError> {
        match self.last(key) {
            None => Ok(None),
            Some(v) => parse_bool(&v)
                .map(Some)
                .ok_or_else(|| self.err_key(key, format!("invalid boolean {v:?} for key {key}"))),
        }
    }

    /// Every value of `key` split into words; bad escapes become warnings.
    fn words(&mut self, key: &str) -> Result<Vec<String>, QuadletError> {
        let entries: Vec<_> = self
            .unit
            .entries(self.section)
            .filter(|e| e.key == key)
            .cloned()
            .collect();
        let mut out = Vec::new();
        for e in entries {
            let (w, bad) = split_words_relaxed(&e.value).map_err(|err| QuadletError::Invalid {
                file: self.unit.file.clone(),
                message: format!("line {}: {err}", e.line),
            })?;
            if let Some(b) = bad {
                self.warnings
                    .push(format!("{}:{}: {b}, kept verbatim", self.unit.file, e.line));
            }
            out.extend(w);
        }
        Ok(out)
    }

    fn words_of_last(&mut self, key: &str) -> Result<Vec<String>, QuadletError> {
        let Some(e) = self
            .unit
            .entries(self.section)
            .filter(|e| e.key == key)
            .last()
            .cloned()
        else {
            return Ok(Vec::new());
        };
        let (w, bad) = split_words_relaxed(&e.value).map_err(|err| QuadletError::Invalid {
            file: self.unit.file.clone(),
            message: format!("line {}: {err}", e.line),
        })?;
        if let Some(b) = bad {
            self.warnings
                .push(format!("{}:{}: {b}, kept verbatim", self.unit.file, e.line));
        }
        Ok(w)
    }

    fn check_keys(&mut self, known: &[&str]) {
        let mut w = Vec::new();
        for e in self.unit.entries(self.section) {
            if !known.contains(&e.key.as_str()) {
                w.push(format!(
                    "{}:{}: unsupported key {:?} in [{}] ignored",
                    self.unit.file, e.line, e.key, self.section
                ));
            }
        }
        self.warnings.extend(w);
    }

    /// Resolves a host path relative to the Quadlet file's directory.
    fn host_path(&self, p: &str) -> String {
        if p.starts_with('/') || p.starts_with('%') {
            return p.to_string();
        }
        clean_path(&self.dir.join(p))
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "on" => Some(true),
        "0" | "no" | "false" | "off" => Some(false),
        _ => None,
    }
}

fn clean_path(p: &Path) -> String {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out.to_string_lossy().into_owned()
}

/// The unit-file name stem and extension of a Quadlet file name or path.
fn split_name(file_name: &str) -> (String, String, PathBuf) {
    let p = Path::new(file_name);
    let base = p
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
    match base.rsplit_once('.') {
        Some((stem, ext)) => (stem.to_string(), ext.to_string(), dir),
        None => (base, String::new(), dir),
    }
}

/// The service name of a Quadlet file given its stem, extension and parsed unit.
fn service_name_of(unit: &UnitFile, stem: &str, ext: &str, section: &str) -> String {
    match unit
        .last("Quadlet", "ServiceName")
        .or_else(|| unit.last(section, "ServiceName"))
    {
        Some(n) => format!("{}.service", unquote_value(&n)),
        None if ext == "container" || ext == "kube" => format!("{stem}.service"),
        None => format!("{stem}-{ext}.service"),
    }
}

/// Resolves a reference to another Quadlet file: (resource name, service name).
fn resolve_ref(opts: &QuadletOptions, file: &str) -> Option<(String, String)> {
    let text = opts.units.get(file)?;
    let (stem, ext, _) = split_name(file);
    let (section, key) = match ext.as_str() {
        "container" => ("Container", "ContainerName"),
        "volume" => ("Volume", "VolumeName"),
        "network" => ("Network", "NetworkName"),
        "pod" => ("Pod", "PodName"),
        "kube" => ("Kube", "-"),
        _ => return None,
    };
    let unit = UnitFile::parse(file, text).ok()?;
    let name = unit
        .last(section, key)
        .map(|v| unquote_value(&v))
        .unwrap_or_else(|| format!("systemd-{stem}"));
    Some((name, service_name_of(&unit, &stem, &ext, section)))
}

/// Like [`resolve_ref`], falling back to the default names when the file is not known.
fn resolve_or_default(opts: &QuadletOptions, file: &str) -> (String, String) {
    resolve_ref(opts, file).unwrap_or_else(|| {
        let (stem, ext, _) = split_name(file);
        (format!("systemd-{stem}"), format!("{stem}-{ext}.service"))
    })
}

/// Translates one Quadlet file (`file_name` may be a path; its directory resolves relative paths).
pub fn generate(
    file_name: &str,
    contents: &str,
    opts: &QuadletOptions,
) -> Result<Generated, QuadletError> {
    let (stem, ext, dir) = split_name(file_name);
    let unit = UnitFile::parse(file_name, contents)?;
    let section = match ext.as_str() {
        "container" => "Container",
        "volume" => "Volume",
        "network" => "Network",
        "pod" => "Pod",
        "kube" => "Kube",
        _ => {
            return Err(QuadletError::UnsupportedType {
                file: file_name.into(),
            })
        }
    };
    let mut ctx = Ctx {
        unit,
        section,
        warnings: Vec::new(),
        dir,
    };
    for key in ["User", "Group", "DynamicUser"] {
        if let Some(e) = ctx.unit.entries("Service").find(|e| e.key == key) {
            return Err(ctx.err(format!(
                "line {}: using key {key} in the Service group is not supported",
                e.line
            )));
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
        out.add("Unit", "Wants", "network-online.target");
        out.add("Unit", "After", "network-online.target");
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
            let dep_key = matches!(
                e.key.as_str(),
                "After"
                    | "Before"
                    | "Requires"
                    | "Wants"
                    | "BindsTo"
                    | "PartOf"
                    | "Requisite"
                    | "Upholds"
                    | "Conflicts"
                    | "PropagatesStopTo"
                    | "StopPropagatedFrom"
            );
            if s.name == "Unit" && dep_key {
                let mut deps = Vec::new();
                for w in split_words_relaxed(&e.value)?.0 {
                    if [".container", ".volume", ".network", ".pod", ".kube"]
                        .iter()
                        .any(|x| w.ends_with(x))
                    {
                        let Some((_, svc)) = resolve_ref(opts, &w) else {
                            return Err(ctx.err(format!(
                                "line {}: unable to translate dependency for {w}: no such Quadlet file",
                                e.line
                            )));
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
    let mut symlinks = Vec::new();
    let install: Vec<_> = user.entries("Install").cloned().collect();
    for e in install {
        let (words, _) = split_words_relaxed(&e.value)?;
        for w in words {
            match e.key.as_str() {
                "Alias" => {
                    let depth = w.matches('/').count();
                    symlinks.push(Symlink {
                        link: w.clone(),
                        target: format!("{}{}", "../".repeat(depth), service_name),
                    });
                }
                "WantedBy" | "RequiredBy" | "UpheldBy" => {
                    let suffix = match e.key.as_str() {
                        "WantedBy" => "wants",
                        "RequiredBy" => "requires",
                        _ => "upholds",
                    };
                    symlinks.push(Symlink {
                        link: format!("{w}.{suffix}/{service_name}"),
                        target: format!("../{service_name}"),
                    });
                }
                _ => {}
            }
        }
    }
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

fn global_prefix(ctx: &mut Ctx<'_>, rpod: &str) -> Result<Vec<String>, QuadletError> {
    let mut cmd = vec![rpod.to_string()];
    for m in ctx.all("ContainersConfModule") {
        cmd.push(format!("--module={m}"));
    }
    cmd.extend(ctx.words("GlobalArgs")?);
    Ok(cmd)
}

fn push2(args: &mut Vec<String>, flag: &str, v: impl Into<String>) {
    args.push(flag.to_string());
    args.push(v.into());
}

fn dependency(name: &str, extra_unit: &mut Vec<(&str, String)>) {
    extra_unit.push(("Requires", name.to_string()));
    extra_unit.push(("After", name.to_string()));
}

fn container(
    ctx: &mut Ctx<'_>,
    stem: &str,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(CONTAINER_KEYS);
    let image = ctx.last("Image");
    let rootfs = ctx.last("Rootfs");
    if image.is_none() && rootfs.is_none() {
        return Err(ctx.err("no Image or Rootfs key specified"));
    }
    if image.is_some() && rootfs.is_some() {
        return Err(ctx.err("the Image and Rootfs keys conflict: keep only one"));
    }
    if let Some(img) = &image {
        if img.ends_with(".image") || img.ends_with(".build") {
            return Err(ctx.err(format!(
                "image {img}: references to Quadlet .image/.build units are not supported yet"
            )));
        }
    }
    let pod = match ctx.last("Pod").filter(|p| !p.is_empty()) {
        None => None,
        Some(p) if !p.ends_with(".pod") => {
            return Err(ctx.err_key("Pod", format!("pod {p} is not Quadlet based")))
        }
        Some(p) => match resolve_ref(opts, &p) {
            Some((name, svc)) => {
                extra_unit.push(("BindsTo", svc.clone()));
                extra_unit.push(("After", svc));
                Some(name)
            }
            None => return Err(ctx.err_key("Pod", format!("quadlet pod unit {p} does not exist"))),
        },
    };
    ctx.bool("StartWithPod")?;
    let name = ctx
        .last("ContainerName")
        .unwrap_or_else(|| "systemd-%N".into());
    let global = global_prefix(ctx, &opts.rpod_path)?;
    let user_type = ctx.unit.last("Service", "Type");
    let oneshot = user_type.as_deref() == Some("oneshot");

    let mut a: Vec<String> = global.clone();
    a.push("run".into());
    push2(&mut a, "--name", name.clone());
    for f in ["--replace", "--rm", "--cgroups=split"] {
        a.push(f.into());
    }
    if !oneshot {
        let notify = match ctx.last("Notify") {
            None => "conmon".to_string(),
            Some(v) if v.eq_ignore_ascii_case("healthy") => "healthy".into(),
            Some(v) => match parse_bool(&v) {
                Some(true) => "container".into(),
                Some(false) => "conmon".into(),
                None => return Err(ctx.err(format!("invalid Notify value {v:?}"))),
            },
        };
        a.push(format!("--sdnotify={notify}"));
    }
    a.push("-d".into());
    if let Some(p) = pod {
        push2(&mut a, "--pod", p);
    }

    // Simple single-valued flags.
    for (key, flag) in [
        ("HostName", "--hostname"),
        ("WorkingDir", "-w"),
        ("PidsLimit", "--pids-limit"),
        ("ShmSize", "--shm-size"),
        ("StopSignal", "--stop-signal"),
        ("StopTimeout", "--stop-timeout"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
        ("Pull", "--pull"),
        ("LogDriver", "--log-driver"),
        ("Memory", "--memory"),
        ("IP", "--ip"),
        ("IP6", "--ip6"),
        ("HealthCmd", "--health-cmd"),
        ("HealthInterval", "--health-interval"),
        ("HealthOnFailure", "--health-on-failure"),
        ("HealthRetries", "--health-retries"),
        ("HealthStartPeriod", "--health-start-period"),
        ("HealthTimeout", "--health-timeout"),
        ("HealthStartupCmd", "--health-startup-cmd"),
        ("HealthStartupInterval", "--health-startup-interval"),
        ("HealthStartupRetries", "--health-startup-retries"),
        ("HealthStartupSuccess", "--health-startup-success"),
        ("HealthStartupTimeout", "--health-startup-timeout"),
    ] {
        if let Some(v) = ctx.last(key) {
            push2(&mut a, flag, v);
        }
    }
    if let Some(tz) = ctx.last("Timezone") {
        if !tz.is_empty() {
            a.push(format!("--tz={tz}"));
        }
    }
    if ctx.bool("RunInit")? == Some(true) {
        a.push("--init".into());
    }
    if let Some(v) = ctx.last("Entrypoint") {
        a.push(format!("--entrypoint={v}"));
    }
    if let Some(b) = ctx.bool("HttpProxy")? {
        a.push(format!("--http-proxy={b}"));
    }
    if ctx.bool("EnvironmentHost")? == Some(true) {
        a.push("--env-host".into());
    }
    if ctx.bool("NoNewPrivileges")? == Some(true) {
        push2(&mut a, "--security-opt", "no-new-privileges");
    }
    if ctx.bool("SecurityLabelDisable")? == Some(true) {
        push2(&mut a, "--security-opt", "label=disable");
    }
    if ctx.bool("SecurityLabelNested")? == Some(true) {
        push2(&mut a, "--security-opt", "label=nested");
    }
    for (key, pre) in [
        ("SecurityLabelType", "label=type:"),
        ("SecurityLabelFileType", "label=filetype:"),
        ("SecurityLabelLevel", "label=level:"),
        ("SeccompProfile", "seccomp="),
    ] {
        if let Some(v) = ctx.last(key) {
            push2(&mut a, "--security-opt", format!("{pre}{v}"));
        }
    }
    for m in ctx.all("Mask") {
        push2(&mut a, "--security-opt", format!("mask={m}"));
    }
    for m in ctx.all("Unmask") {
        push2(&mut a, "--security-opt", format!("unmask={m}"));
    }

    // User, group and ID mappings.
    let user = ctx.last("User");
    let group = ctx.last("Group");
    match (user, group) {
        (Some(u), Some(g)) => push2(&mut a, "--user", format!("{u}:{g}")),
        (Some(u), None) => push2(&mut a, "--user", u),
        (None, Some(_)) => return Err(ctx.err_key("Group", "Group set without User: add User=")),
        (None, None) => {}
    }
    user_mappings(ctx, &mut a, true)?;
    for (key, flag) in [
        ("UIDMap", "--uidmap"),
        ("GIDMap", "--gidmap"),
        ("SubUIDMap", "--subuidname"),
        ("SubGIDMap", "--subgidname"),
        ("GroupAdd", "--group-add"),
        ("AddHost", "--add-host"),
        ("DNS", "--dns"),
        ("DNSSearch", "--dns-search"),
        ("DNSOption", "--dns-option"),
        ("Secret", "--secret"),
        ("Ulimit", "--ulimit"),
        ("ExposeHostPort", "--expose"),
        ("PublishPort", "--publish"),
        ("Tmpfs", "--tmpfs"),
        ("NetworkAlias", "--network-alias"),
    ] {
        for v in ctx.all(key) {
            push2(&mut a, flag, v);
        }
    }

    // Read-only root and /tmp.
    let read_only = ctx.bool("ReadOnly")?;
    match read_only {
        Some(true) => a.push("--read-only".into()),
        Some(false) => a.push("--read-only=false".into()),
        None => {}
    }
    if read_only == Some(true) {
        match ctx.bool("ReadOnlyTmpfs")? {
            Some(true) => a.push("--read-only-tmpfs".into()),
            Some(false) => a.push("--read-only-tmpfs=false".into()),
            None => {}
        }
    }
    if ctx.bool("VolatileTmp")? == Some(true) && read_only != Some(true) {
        push2(&mut a, "--tmpfs", "/tmp:rw,size=512M,mode=1777");
    }

    for c in ctx.words("AddCapability")? {
        push2(&mut a, "--cap-add", c.to_ascii_lowercase());
    }
    for c in ctx.words("DropCapability")? {
        push2(&mut a, "--cap-drop", c.to_ascii_lowercase());
    }
    for d in ctx.all("AddDevice") {
        match d.strip_prefix('-') {
            Some(opt) => {
                let host = opt.split(':').next().unwrap_or_default();
                if Path::new(host).exists() {
                    push2(&mut a, "--device", opt);
                }
            }
            None => push2(&mut a, "--device", d),
        }
    }
    for s in ctx.words("Sysctl")? {
        push2(&mut a, "--sysctl", s);
    }
    for e in ctx.words("Environment")? {
        push2(&mut a, "--env", e);
    }
    for f in ctx.all("EnvironmentFile") {
        let p = ctx.host_path(&f);
        push2(&mut a, "--env-file", p);
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    for l in ctx.words("Annotation")? {
        push2(&mut a, "--annotation", l);
    }
    for l in ctx.words("LogOpt")? {
        push2(&mut a, "--log-opt", l);
    }
    for n in ctx.all("Network") {
        let (net, rest) = match n.split_once(':') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (n.clone(), None),
        };
        let net = if net.ends_with(".network") {
            let (name, svc) = resolve_or_default(opts, &net);
            dependency(&svc, extra_unit);
            name
        } else if net.ends_with(".container") {
            let Some((name, svc)) = resolve_ref(opts, &net) else {
                return Err(ctx.err_key("Network", format!("network {net}: no such Quadlet file")));
            };
            dependency(&svc, extra_unit);
            format!("container:{name}")
        } else if net.ends_with(".pod") {
            return Err(ctx.err(format!(
                "network {net}: references to other Quadlet units are not supported yet"
            )));
        } else {
            net
        };
        match rest {
            Some(r) => push2(&mut a, "--network", format!("{net}:{r}")),
            None => push2(&mut a, "--network", net),
        }
    }
    for v in ctx.all("Volume") {
        let mut parts: Vec<String> = v.split(':').map(str::to_string).collect();
        if parts.len() >= 2 {
            let src = parts[0].clone();
            if src.starts_with('.') || src.starts_with('/') {
                parts[0] = ctx.host_path(&src);
                if parts[0].starts_with('/') {
                    extra_unit.push(("RequiresMountsFor", parts[0].clone()));
                }
            } else if src.ends_with(".volume") {
                let (name, svc) = resolve_or_default(opts, &src);
                dependency(&svc, extra_unit);
                parts[0] = name;
            }
        }
        push2(&mut a, "-v", parts.join(":"));
    }
    for m in ctx.words("Mount")? {
        let m = mount_arg(ctx, opts, &m, extra_unit)?;
        push2(&mut a, "--mount", m);
    }
    a.extend(ctx.words("PodmanArgs")?);
    if let Some(img) = image {
        a.push(img);
    } else if let Some(r) = rootfs {
        push2(&mut a, "--rootfs", r);
    }
    a.extend(ctx.words_of_last("Exec")?);

    // Reload.
    let reload_cmd = ctx.words_of_last("ReloadCmd")?;
    let reload_sig = ctx.last("ReloadSignal");
    if !reload_cmd.is_empty() && reload_sig.is_some() {
        return Err(ctx.err_key(
            "ReloadSignal",
            "ReloadCmd and ReloadSignal are mutually exclusive but both are set",
        ));
    }
    let mut rm = global.clone();
    rm.extend(["rm", "-v", "-f", "-i"].map(String::from));
    rm.push(name.clone());

    let _ = stem;
    service.push(("Environment".into(), "PODMAN_SYSTEMD_UNIT=%n".into()));
    service.push(("KillMode".into(), "mixed".into()));
    service.push(("ExecStop".into(), join_words(&rm)));
    service.push(("ExecStopPost".into(), format!("-{}", join_words(&rm))));
    service.push(("ExecStart".into(), join_words(&a)));
    if !reload_cmd.is_empty() {
        let mut r = global.clone();
        r.push("exec".into());
        r.push(name.clone());
        r.extend(reload_cmd);
        service.push(("ExecReload".into(), join_words(&r)));
    } else if let Some(sig) = reload_sig {
        let mut r = global.clone();
        r.extend(["kill", "--signal"].map(String::from));
        r.push(sig);
        r.push(name.clone());
        service.push(("ExecReload".into(), join_words(&r)));
    }
    service.push(("Delegate".into(), "yes".into()));
    service.push(("Type".into(), "notify".into()));
    service.push(("NotifyAccess".into(), "all".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}

/// The `RemapUsers`/`UserNS`/`UIDMap`… keys as `--userns`/`--uidmap`/`--gidmap` flags.
fn user_mappings(ctx: &Ctx<'_>, a: &mut Vec<String>, manual: bool) -> Result<(), QuadletError> {
    let remap = ctx.last("RemapUsers");
    let explicit = ["UserNS", "UIDMap", "GIDMap", "SubUIDMap", "SubGIDMap"]
        .iter()
        .any(|k| ctx.last(k).is_some());
    if remap.is_some() && explicit {
        return Err(ctx.err_key(
            "RemapUsers",
            "deprecated Remap keys are set along with explicit mapping keys: use only UserNS/UIDMap/GIDMap",
        ));
    }
    if let Some(mode) = remap {
        let uids = ctx.all("RemapUid");
        let gids = ctx.all("RemapGid");
        match mode.as_str() {
            "manual" if !manual => {
                return Err(ctx.err_key("RemapUsers", "RemapUsers=manual is not supported"))
            }
            "manual" => {
                for u in uids {
                    push2(a, "--uidmap", u);
                }
                for g in gids {
                    push2(a, "--gidmap", g);
                }
            }
            "auto" => {
                let mut o: Vec<String> = uids.iter().map(|u| format!("uidmapping={u}")).collect();
                o.extend(gids.iter().map(|g| format!("gidmapping={g}")));
                if let Some(s) = ctx.last("RemapUidSize") {
                    o.push(format!("size={s}"));
                }
                let v = if o.is_empty() {
                    "auto".to_string()
                } else {
                    format!("auto:{}", o.join(","))
                };
                push2(a, "--userns", v);
            }
            "keep-id" => {
                let mut o: Vec<String> = uids.iter().map(|u| format!("uid={u}")).collect();
                o.extend(gids.iter().map(|g| format!("gid={g}")));
                let v = if o.is_empty() {
                    "keep-id".to_string()
                } else {
                    format!("keep-id:{}", o.join(","))
                };
                push2(a, "--userns", v);
            }
            other => return Err(ctx.err(format!("unsupported RemapUsers value {other:?}"))),
        }
    }
    if let Some(v) = ctx.last("UserNS") {
        push2(a, "--userns", v);
    }
    Ok(())
}

/// Splits a CSV mount spec, honouring double quotes.
fn csv_fields(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut q = false;
    for c in s.chars() {
        match c {
            '"' => q = !q,
            ',' if !q => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn mount_arg(
    ctx: &Ctx<'_>,
    opts: &QuadletOptions,
    spec: &str,
    extra_unit: &mut Vec<(&str, String)>,
) -> Result<String, QuadletError> {
    let fields = csv_fields(spec);
    let kind = fields
        .iter()
        .find_map(|f| f.strip_prefix("type="))
        .unwrap_or("volume")
        .to_string();
    if kind == "artifact" {
        return Err(ctx.err("artifact mounts are not supported yet"));
    }
    let mut out = Vec::new();
    for f in fields {
        let (k, v) = match f.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (f.clone(), None),
        };
        let field = match (k.as_str(), v) {
            ("source" | "src", Some(v)) => {
                let v = if kind == "bind" {
                    let p = ctx.host_path(&v);
                    extra_unit.push(("RequiresMountsFor", p.clone()));
                    p
                } else if kind == "volume" && v.ends_with(".volume") {
                    let (name, svc) = resolve_or_default(opts, &v);
                    dependency(&svc, extra_unit);
                    name
                } else {
                    v
                };
                format!("source={v}")
            }
            (_, Some(v)) => format!("{k}={v}"),
            (_, None) => k,
        };
        if field.contains(',') || field.contains('"') {
            out.push(format!("\"{}\"", field.replace('"', "\"\"")));
        } else {
            out.push(field);
        }
    }
    Ok(out.join(","))
}

fn uid_of(ctx: &Ctx<'_>, v: &str, what: &str) -> Result<String, QuadletError> {
    if v.chars().all(|c| c.is_ascii_digit()) {
        return Ok(v.into());
    }
    if v == "root" {
        return Ok("0".into());
    }
    Err(ctx.err(format!(
        "{what} {v:?}: only numeric ids and root are supported; use the numeric id"
    )))
}

fn volume(
    ctx: &mut Ctx<'_>,
    stem: &str,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(VOLUME_KEYS);
    let name = ctx
        .last("VolumeName")
        .unwrap_or_else(|| format!("systemd-{stem}"));
    let mut a = global_prefix(ctx, &opts.rpod_path)?;
    a.extend(["volume", "create", "--ignore"].map(String::from));
    let driver = ctx.last("Driver");
    if let Some(d) = &driver {
        push2(&mut a, "--driver", d.clone());
    }
    if driver.as_deref() == Some("image") {
        let Some(img) = ctx.last("Image") else {
            return Err(ctx.err_key(
                "Driver",
                "the key Image is mandatory when using the image driver",
            ));
        };
        if img.ends_with(".image") || img.ends_with(".build") {
            return Err(ctx.err(format!(
                "image {img}: references to Quadlet .image/.build units are not supported yet"
            )));
        }
        push2(&mut a, "--opt", format!("image={img}"));
    }
    if let Some(u) = ctx.last("UID") {
        push2(&mut a, "--uid", u);
    }
    if let Some(g) = ctx.last("GID") {
        push2(&mut a, "--gid", g);
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    if let Some(t) = ctx.last("Type") {
        push2(&mut a, "--opt", format!("type={t}"));
    }
    if let Some(d) = ctx.last("Device") {
        if d.starts_with('/') {
            extra_unit.push(("RequiresMountsFor", d.clone()));
        }
        push2(&mut a, "--opt", format!("device={d}"));
    }
    if ctx.bool("Copy")? == Some(false) {
        push2(&mut a, "--opt", "nocopy");
    }
    let mut o = Vec::new();
    if let Some(u) = ctx.last("User") {
        o.push(format!("uid={}", uid_of(ctx, &u, "User")?));
    }
    if let Some(g) = ctx.last("Group") {
        o.push(format!("gid={}", uid_of(ctx, &g, "Group")?));
    }
    if let Some(opt) = ctx.last("Options") {
        o.push(opt);
    }
    if !o.is_empty() {
        push2(&mut a, "--opt", format!("o={}", o.join(",")));
    }
    a.extend(ctx.words("PodmanArgs")?);
    a.push(name);
    service.push(("ExecStart".into(), join_words(&a)));
    service.push(("Type".into(), "oneshot".into()));
    service.push(("RemainAfterExit".into(), "yes".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}

fn network(
    ctx: &mut Ctx<'_>,
    stem: &str,
    opts: &QuadletOptions,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(NETWORK_KEYS);
    let name = ctx
        .last("NetworkName")
        .unwrap_or_else(|| format!("systemd-{stem}"));
    let global = global_prefix(ctx, &opts.rpod_path)?;
    let mut a = global.clone();
    a.extend(["network", "create", "--ignore"].map(String::from));
    if ctx.bool("DisableDNS")? == Some(true) {
        a.push("--disable-dns".into());
    }
    for d in ctx.all("DNS") {
        push2(&mut a, "--dns", d);
    }
    if let Some(d) = ctx.last("Driver") {
        push2(&mut a, "--driver", d);
    }
    if let Some(d) = ctx.last("IPAMDriver") {
        push2(&mut a, "--ipam-driver", d);
    }
    let subnets = ctx.all("Subnet");
    let gateways = ctx.all("Gateway");
    let ranges = ctx.all("IPRange");
    if subnets.is_empty() && (!gateways.is_empty() || !ranges.is_empty()) {
        return Err(ctx.err_key(
            "Gateway",
            "cannot set gateway or range without subnet: add Subnet=",
        ));
    }
    if gateways.len() > subnets.len() {
        return Err(ctx.err_key("Gateway", "cannot set more gateways than subnets"));
    }
    if ranges.len() > subnets.len() {
        return Err(ctx.err_key("IPRange", "cannot set more ranges than subnets"));
    }
    for (i, s) in subnets.iter().enumerate() {
        push2(&mut a, "--subnet", s.clone());
        if let Some(g) = gateways.get(i) {
            push2(&mut a, "--gateway", g.clone());
        }
        if let Some(r) = ranges.get(i) {
            push2(&mut a, "--ip-range", r.clone());
        }
    }
    if ctx.bool("Internal")? == Some(true) {
        a.push("--internal".into());
    }
    if ctx.bool("IPv6")? == Some(true) {
        a.push("--ipv6".into());
    }
    for o in ctx.all("Options") {
        push2(&mut a, "--opt", o);
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    a.extend(ctx.words("PodmanArgs")?);
    a.push(name.clone());
    service.push(("ExecStart".into(), join_words(&a)));
    if ctx.bool("NetworkDeleteOnStop")? == Some(true) {
        let mut r = global;
        r.extend(["network", "rm"].map(String::from));
        r.push(name);
        service.push(("ExecStopPost".into(), join_words(&r)));
    }
    service.push(("Type".into(), "oneshot".into()));
    service.push(("RemainAfterExit".into(), "yes".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}

/// `Network=` values as `--network` flags; `.network` references become dependencies.
fn networks(
    ctx: &Ctx<'_>,
    opts: &QuadletOptions,
    a: &mut Vec<String>,
    extra_unit: &mut Vec<(&str, String)>,
) -> Result<(), QuadletError> {
    for n in ctx.all("Network") {
        let (net, rest) = match n.split_once(':') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (n.clone(), None),
        };
        let net = if net.ends_with(".network") {
            let (name, svc) = resolve_or_default(opts, &net);
            dependency(&svc, extra_unit);
            name
        } else if net.ends_with(".container") || net.ends_with(".pod") {
            return Err(ctx.err_key(
                "Network",
                format!("network {net}: only .network units can be referenced here"),
            ));
        } else {
            net
        };
        match rest {
            Some(r) => push2(a, "--network", format!("{net}:{r}")),
            None => push2(a, "--network", net),
        }
    }
    Ok(())
}

/// The service names of the `.container` units that join `pod_file` and start with it.
fn pod_members(opts: &QuadletOptions, pod_file: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (file, text) in &opts.units {
        if !file.ends_with(".container") {
            continue;
        }
        let Ok(unit) = UnitFile::parse(file, text) else {
            continue;
        };
        let joins = unit
            .last("Container", "Pod")
            .is_some_and(|p| unquote_value(&p) == pod_file);
        let starts = unit
            .last("Container", "StartWithPod")
            .and_then(|v| parse_bool(&unquote_value(&v)))
            .unwrap_or(true);
        if joins && starts {
            let (stem, ext, _) = split_name(file);
            out.push(service_name_of(&unit, &stem, &ext, "Container"));
        }
    }
    out
}

/// A `.pod` file: `pod create` before start, `pod start`, then `pod stop` and `pod rm`.
fn pod(
    ctx: &mut Ctx<'_>,
    stem: &str,
    file_name: &str,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(POD_KEYS);
    let name = ctx
        .last("PodName")
        .unwrap_or_else(|| format!("systemd-{stem}"));
    let base = Path::new(file_name)
        .file_name()
        .map(|b| b.to_string_lossy().into_owned())
        .unwrap_or_default();
    for svc in pod_members(opts, &base) {
        extra_unit.push(("Wants", svc.clone()));
        extra_unit.push(("Before", svc));
    }
    let global = global_prefix(ctx, &opts.rpod_path)?;
    let mut a = global.clone();
    a.extend(["pod", "create", "--replace", "--exit-policy", "stop"].map(String::from));
    user_mappings(ctx, &mut a, false)?;
    for p in ctx.all("PublishPort") {
        push2(&mut a, "--publish", p);
    }
    networks(ctx, opts, &mut a, extra_unit)?;
    for (key, flag) in [
        ("AddHost", "--add-host"),
        ("DNS", "--dns"),
        ("DNSSearch", "--dns-search"),
    ] {
        for v in ctx.all(key) {
            push2(&mut a, flag, v);
        }
    }
    for l in ctx.words("Label")? {
        push2(&mut a, "--label", l);
    }
    if let Some(h) = ctx.last("HostName") {
        push2(&mut a, "--hostname", h);
    }
    a.extend(ctx.words("PodmanArgs")?);
    push2(&mut a, "--name", name.clone());

    let mut start = global.clone();
    start.extend(["pod", "start"].map(String::from));
    start.push(name.clone());
    let time = ctx.last("StopTimeout").unwrap_or_else(|| "10".into());
    let mut stop = global.clone();
    stop.extend(["pod", "stop", "--ignore"].map(String::from));
    stop.push(format!("--time={time}"));
    stop.push(name.clone());
    let mut rm = global;
    rm.extend(["pod", "rm", "--ignore", "--force"].map(String::from));
    rm.push(name);

    service.push(("Environment".into(), "PODMAN_SYSTEMD_UNIT=%n".into()));
    service.push(("ExecStartPre".into(), join_words(&a)));
    service.push(("ExecStart".into(), join_words(&start)));
    service.push(("ExecStop".into(), join_words(&stop)));
    service.push(("ExecStopPost".into(), join_words(&rm)));
    service.push(("Type".into(), "oneshot".into()));
    service.push(("RemainAfterExit".into(), "yes".into()));
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}

/// A `.kube` file: `kube play --replace` on start, `kube down` after stop.
fn kube(
    ctx: &mut Ctx<'_>,
    opts: &QuadletOptions,
    extra_unit: &mut Vec<(&str, String)>,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(KUBE_KEYS);
    let yamls: Vec<String> = ctx.all("Yaml").iter().map(|y| ctx.host_path(y)).collect();
    if yamls.is_empty() {
        return Err(ctx.err("no Yaml key specified"));
    }
    // As podman: a service container's monitor is the main process
    // (Type=notify); `Type=oneshot` plays without one (a YAML of volumes).
    let oneshot = match ctx.unit.last("Service", "Type").as_deref() {
        None | Some("notify") => false,
        Some("oneshot") => true,
        Some(t) => {
            return Err(ctx.err(format!(
            "invalid service Type '{t}': a .kube unit is Type=notify (the default) or Type=oneshot"
        )))
        }
    };
    let global = global_prefix(ctx, &opts.rpod_path)?;
    let mut a = global.clone();
    a.extend(["kube", "play", "--replace"].map(String::from));
    if !oneshot {
        a.push("--service-container=true".into());
    }
    user_mappings(ctx, &mut a, false)?;
    networks(ctx, opts, &mut a, extra_unit)?;
    for c in ctx.all("ConfigMap") {
        let p = ctx.host_path(&c);
        push2(&mut a, "--configmap", p);
    }
    for p in ctx.all("PublishPort") {
        push2(&mut a, "--publish", p);
    }
    a.extend(ctx.words("PodmanArgs")?);
    a.extend(yamls.iter().cloned());

    let mut down = global;
    down.extend(["kube", "down"].map(String::from));
    if ctx.bool("KubeDownForce")? == Some(true) {
        down.push("--force".into());
    }
    down.extend(yamls.iter().cloned());

    match ctx.last("SetWorkingDirectory").as_deref() {
        None | Some("") => {}
        Some("yaml") => {
            if yamls.len() != 1 {
                return Err(ctx.err(
                    "SetWorkingDirectory=yaml is only supported when a single Yaml key is provided",
                ));
            }
            let dir = Path::new(&yamls[0])
                .parent()
                .map(|d| d.to_string_lossy().into_owned())
                .unwrap_or_default();
            service.push(("WorkingDirectory".into(), dir));
        }
        Some("unit") => service.push(("WorkingDirectory".into(), clean_path(&ctx.dir))),
        Some(v) => {
            return Err(ctx.err_key(
                "SetWorkingDirectory",
                format!("unsupported value {v:?} for SetWorkingDirectory: use yaml or unit"),
            ))
        }
    }
    service.push(("KillMode".into(), "mixed".into()));
    service.push(("Environment".into(), "PODMAN_SYSTEMD_UNIT=%n".into()));
    service.push(("ExecStart".into(), join_words(&a)));
    service.push(("ExecStopPost".into(), join_words(&down)));
    if oneshot {
        service.push(("Type".into(), "oneshot".into()));
        service.push(("RemainAfterExit".into(), "yes".into()));
    } else {
        service.push(("Type".into(), "notify".into()));
        service.push(("NotifyAccess".into(), "all".into()));
    }
    service.push(("SyslogIdentifier".into(), "%N".into()));
    Ok(())
}

/// The default Quadlet search directories for a user (`uid`) or for the system.
pub fn default_dirs(user: bool, xdg_config_home: &Path, uid: u32) -> Vec<PathBuf> {
    if user {
        vec![
            xdg_config_home.join("containers/systemd"),
            PathBuf::from(format!("/etc/containers/systemd/users/{uid}")),
            PathBuf::from("/etc/containers/systemd/users"),
        ]
    } else {
        vec![
            PathBuf::from("/etc/containers/systemd"),
            PathBuf::from("/usr/share/containers/systemd"),
        ]
    }
}

/// The search directories of this process: `$QUADLET_UNIT_DIRS` when set
/// (podman's override), else [`default_dirs`] for our uid and
/// `$XDG_CONFIG_HOME` (`~/.config` when unset).
pub fn search_dirs(user: bool) -> Vec<PathBuf> {
    if let Some(d) = std::env::var_os("QUADLET_UNIT_DIRS") {
        return std::env::split_paths(&d).collect();
    }
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(".config")
        });
    default_dirs(user, &xdg, nix::unistd::getuid().as_raw())
}

/// The rpod path the units run: this executable, unless it was invoked
/// through a generator link (then `/usr/bin/rpod`).
pub fn this_rpod_path() -> String {
    std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| !p.ends_with("-generator"))
        .unwrap_or_else(|| "/usr/bin/rpod".into())
}

/// Reads Quadlet files from `dirs` (earlier dirs win for the same name), translates them,
/// and, when `out_dir` is given, writes the units and symlinks there.
pub fn run_generator(
    dirs: &[PathBuf],
    out_dir: Option<&Path>,
    opts: &QuadletOptions,
) -> Result<GeneratorReport, QuadletError> {
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    for d in dirs {
        let Ok(rd) = fs_err::read_dir(d) else {
            continue;
        };
        for ent in rd.flatten() {
            let name = ent.file_name().to_string_lossy().into_owned();
            let ok = [".container", ".volume", ".network", ".pod", ".kube"]
                .iter()
                .any(|e| name.ends_with(e));
            if ok && ent.path().is_file() {
                files.entry(name).or_insert_with(|| ent.path());
            }
        }
    }
    let mut report = GeneratorReport::default();
    let mut texts = Vec::new();
    let mut opts = opts.clone();
    for (name, path) in &files {
        let text = crate::userfile::read_string(path, crate::userfile::QUADLET_UNIT)?;
        opts.units.insert(name.clone(), text.clone());
        texts.push((path, text));
    }
    for (path, text) in texts {
        match generate(&path.to_string_lossy(), &text, &opts) {
            Ok(g) => {
                report.warnings.extend(g.warnings.iter().cloned());
                report.units.push(g);
            }
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    if let Some(out) = out_dir {
        write_units(out, &report.units)?;
    }
    Ok(report)
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> QuadletError + '_ {
    move |source| QuadletError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes generated units and their symlinks into `out`.
pub fn write_units(out: &Path, units: &[Generated]) -> Result<(), QuadletError> {
    fs_err::create_dir_all(out).map_err(io_err(out))?;
    for g in units {
        let p = out.join(&g.service_name);
        fs_err::write(&p, &g.unit).map_err(io_err(&p))?;
        for s in &g.symlinks {
            let link = out.join(&s.link);
            if let Some(parent) = link.parent() {
                fs_err::create_dir_all(parent).map_err(io_err(parent))?;
            }
            let _ = fs_err::remove_file(&link);
            fs_err::os::unix::fs::symlink(&s.target, &link).map_err(io_err(&link))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(name: &str, text: &str) -> Generated {
        generate(name, text, &QuadletOptions::default()).unwrap()
    }

    fn exec_start(g: &Generated) -> String {
        let u = UnitFile::parse("x", &g.unit).unwrap();
        u.last("Service", "ExecStart").unwrap()
    }

    #[test]
    fn basic_container() {
        let g = gen(
            "/q/web.container",
            "[Container]\nImage=nginx\nPublishPort=8080:80\nEnvironment=TZ=UTC\n",
        );
        assert_eq!(g.service_name, "web.service");
        assert_eq!(
            exec_start(&g),
            "/usr/bin/rpod run --name systemd-%N --replace --rm --cgroups=split \
             --sdnotify=conmon -d --publish 8080:80 --env TZ=UTC nginx"
        );
        assert!(g.unit.contains("SourcePath=/q/web.container"));
        assert!(g
            .unit
            .contains("ExecStop=/usr/bin/rpod rm -v -f -i systemd-%N"));
    }

    #[test]
    fn keys_translate() {
        let cases: &[(&str, &str)] = &[
            ("HostName=h", "--hostname h"),
            ("User=1\nGroup=2", "--user 1:2"),
            ("UserNS=keep-id", "--userns keep-id"),
            ("WorkingDir=/w", "-w /w"),
            ("Label=a=b \"c=d e\"", "--label a=b --label \"c=d e\""),
            ("Annotation=a=b", "--annotation a=b"),
            ("ReadOnly=yes", "--read-only"),
            ("Tmpfs=/t", "--tmpfs /t"),
            ("AddCapability=CAP_X", "--cap-add cap_x"),
            ("DropCapability=CAP_Y", "--cap-drop cap_y"),
            ("Notify=yes", "--sdnotify=container"),
            ("PodmanArgs=--foo bar", "--foo bar img"),
            ("Volume=/a:/b", "-v /a:/b"),
            ("Volume=data:/b", "-v data:/b"),
            ("Network=host", "--network host"),
            ("ContainerName=x", "--name x"),
            ("Exec=a \"b c\"", "img a \"b c\""),
            ("Entrypoint=/e", "--entrypoint=/e"),
            ("EnvironmentFile=/e", "--env-file /e"),
        ];
        for (key, want) in cases {
            let g = gen(
                "/q/a.container",
                &format!("[Container]\nImage=img\n{key}\n"),
            );
            let got = exec_start(&g);
            assert!(got.contains(want), "{key}: {got}");
        }
    }

    #[test]
    fn global_args_before_verb() {
        let g = gen(
            "/q/a.container",
            "[Container]\nImage=i\nGlobalArgs=--log-level=debug\n",
        );
        assert!(exec_start(&g).starts_with("/usr/bin/rpod --log-level=debug run "));
    }

    #[test]
    fn kube_units_run_a_service_container_unless_oneshot() {
        let g = gen("/q/site.kube", "[Kube]\nYaml=site.yaml\n");
        let u = UnitFile::parse("x", &g.unit).unwrap();
        assert!(
            exec_start(&g).ends_with("kube play --replace --service-container=true /q/site.yaml"),
            "{}",
            g.unit
        );
        assert_eq!(u.last("Service", "Type").as_deref(), Some("notify"));
        assert_eq!(u.last("Service", "NotifyAccess").as_deref(), Some("all"));
        assert_eq!(u.last("Service", "RemainAfterExit"), None);
        let g = gen(
            "/q/vols.kube",
            "[Kube]\nYaml=vols.yaml\n[Service]\nType=oneshot\n",
        );
        let u = UnitFile::parse("x", &g.unit).unwrap();
        assert!(exec_start(&g).ends_with("kube play --replace /q/vols.yaml"));
        assert_eq!(u.last("Service", "RemainAfterExit").as_deref(), Some("yes"));
        let bad = generate(
            "/q/x.kube",
            "[Kube]\nYaml=x.yaml\n[Service]\nType=forking\n",
            &QuadletOptions::default(),
        );
        assert!(bad.is_err());
    }

    #[test]
    fn unknown_key_warns_with_line() {
        let g = gen("/q/a.container", "[Container]\nImage=i\nBogus=1\n");
        assert_eq!(g.warnings.len(), 1);
        assert!(
            g.warnings[0].contains("/q/a.container:3"),
            "{:?}",
            g.warnings
        );
    }

    #[test]
    fn errors() {
        let o = QuadletOptions::default();
        let e = generate("a.container", "[Container]\n", &o).unwrap_err();
        assert!(e.to_string().contains("no Image or Rootfs key specified"));
        let e = generate("a.container", "[Container]\nbad line\n", &o).unwrap_err();
        assert!(e.to_string().contains("a.container:2"), "{e}");
        assert!(generate("a.kube", "[Kube]\n", &o).is_err());
    }

    #[test]
    fn volume_and_network() {
        let g = gen("/q/d.volume", "[Volume]\nLabel=a=b\n");
        assert_eq!(g.service_name, "d-volume.service");
        assert_eq!(
            exec_start(&g),
            "/usr/bin/rpod volume create --ignore --label a=b systemd-d"
        );
        let g = gen("/q/n.network", "[Network]\nSubnet=10.0.0.0/24\n");
        assert_eq!(g.service_name, "n-network.service");
        assert_eq!(
            exec_start(&g),
            "/usr/bin/rpod network create --ignore --subnet 10.0.0.0/24 systemd-n"
        );
    }

    #[test]
    fn resolves_references() {
        let mut opts = QuadletOptions::default();
        opts.units.insert(
            "d.volume".into(),
            "[Volume]\nVolumeName=data\nServiceName=dv\n".into(),
        );
        opts.units
            .insert("db.container".into(), "[Container]\nImage=i\n".into());
        let g = generate(
            "/q/a.container",
            "[Unit]\nAfter=db.container\n[Container]\nImage=i\nVolume=d.volume:/d\nNetwork=db.container\n",
            &opts,
        )
        .unwrap();
        let u = UnitFile::parse("x", &g.unit).unwrap();
        assert_eq!(
            u.values("Unit", "Requires"),
            vec!["db.service", "dv.service"]
        );
        assert!(u
            .values("Unit", "After")
            .contains(&"db.service".to_string()));
        let e = exec_start(&g);
        assert!(e.contains("--network container:systemd-db"), "{e}");
        assert!(e.contains("-v data:/d"), "{e}");
        let err = generate(
            "/q/b.container",
            "[Unit]\nAfter=missing.container\n[Container]\nImage=i\n",
            &opts,
        )
        .unwrap_err();
        assert!(err
            .to_string()
            .contains("unable to translate dependency for missing.container"));
    }

    #[test]
    fn install_symlinks() {
        let g = gen(
            "/q/w.container",
            "[Container]\nImage=i\n[Install]\nWantedBy=default.target\nAlias=x/y.service\n",
        );
        assert_eq!(
            g.symlinks,
            vec![
                Symlink {
                    link: "default.target.wants/w.service".into(),
                    target: "../w.service".into()
                },
                Symlink {
                    link: "x/y.service".into(),
                    target: "../w.service".into()
                }
            ]
        );
    }

    #[test]
    fn generator_writes_files() {
        let src = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        fs_err::write(
            src.path().join("w.container"),
            "[Container]\nImage=i\n[Install]\nWantedBy=default.target\n",
        )
        .unwrap();
        fs_err::write(src.path().join("bad.container"), "[Container]\n").unwrap();
        let r = run_generator(
            &[src.path().to_path_buf()],
            Some(out.path()),
            &QuadletOptions::default(),
        )
        .unwrap();
        assert_eq!(r.units.len(), 1);
        assert_eq!(r.errors.len(), 1);
        assert!(out.path().join("w.service").is_file());
        assert!(
            fs_err::symlink_metadata(out.path().join("default.target.wants/w.service")).is_ok()
        );
    }
}
