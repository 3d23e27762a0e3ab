//! `rpod build` (also `image build`, `buildx build`): build an image from
//! a Containerfile or Dockerfile, printing podman's progress lines.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Args;
use libpod::build::executor::{Event, Reporter};
use libpod::engine::{BuildOptions, PullPolicy};

use super::Globals;
use crate::output;

/// Arguments of `rpod build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The build context directory ("-" reads the Containerfile from standard input, with no context; default: the -f file's directory, else the current one)
    #[arg(value_name = "CONTEXT")]
    pub context: Option<String>,
    /// tagged `name` to apply to the built image
    #[arg(short, long = "tag", value_name = "NAME")]
    pub tag: Vec<String>,
    /// `pathname or URL` of a Dockerfile
    #[arg(short, long = "file", value_name = "PATH")]
    pub file: Vec<String>,
    /// `argument=value` to supply to the builder
    #[arg(long = "build-arg", value_name = "ARG")]
    pub build_arg: Vec<String>,
    /// `argfile.conf` containing lines of argument=value to supply to the builder
    #[arg(long = "build-arg-file", value_name = "FILE")]
    pub build_arg_file: Vec<PathBuf>,
    /// set the target build stage to build
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// do not use existing cached images for the container build. Build from the start with a new set of cached layers.
    #[arg(verbatim_doc_comment)]
    #[arg(long)]
    pub no_cache: bool,
    /// refrain from announcing build instructions and image read/write progress
    #[arg(short, long)]
    pub quiet: bool,
    /// `file` to write the image ID to
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// use intermediate layers during build. Use BUILDAH_LAYERS environment variable to override.
    #[arg(verbatim_doc_comment)]
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub layers: Option<bool>,
    /// `format` of the built image's manifest and metadata. Use BUILDAH_FORMAT environment variable to override.
    #[arg(verbatim_doc_comment)]
    #[arg(long, default_value = "oci", value_parser = ["oci", "docker"])]
    pub format: String,
    /// Pull base images: missing, always, never, newer (default "missing")
    #[arg(long, num_args = 0..=1, default_missing_value = "always", value_name = "POLICY")]
    pub pull: Option<String>,
    /// do not pull the image, use the image present in store if available
    #[arg(long)]
    pub pull_never: bool,
    /// set the `OS/ARCH[/VARIANT]` of the image to the provided value instead of the current operating system and architecture of the host (for example "linux/arm")
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// path to an alternate .dockerignore file
    #[arg(long, value_name = "FILE")]
    pub ignorefile: Option<PathBuf>,
    /// squash all image layers into a single layer
    #[arg(long)]
    pub squash: bool,
    /// Squash all layers, the base image's too, into one
    #[arg(long)]
    pub squash_all: bool,
    /// secret file to expose to the build
    #[arg(long, value_name = "SECRET")]
    pub secret: Vec<String>,
    /// SSH agent socket or keys to expose to the build. (format: default|<id>[=<socket>|<key>[,<key>]])
    #[arg(long, value_name = "ID[=SOCKET]")]
    pub ssh: Vec<String>,
    /// path of the authentication file.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// require HTTPS and verify certificates when accessing the registry
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// use `[username[:password]]` for accessing the registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// use certificates at the specified path to access the registry
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<PathBuf>,
    /// log to `file` instead of stdout/stderr
    #[arg(long, value_name = "FILE")]
    pub logfile: Option<PathBuf>,
    /// how many stages to run in parallel
    #[arg(long, value_name = "N")]
    pub jobs: Option<u32>,
    /// ulimit options
    #[arg(long, value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// add the specified capability when running (default [])
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// drop the specified capability when running (default [])
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// security options (default [])
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Network of RUN steps: none, host, or a network mode as `run --network` takes
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// bind mount a volume into the container
    #[arg(short, long, value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// set metadata for an image (default [])
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// set environment variable for the image
    #[arg(long, value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// unset environment variable from final image
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// set metadata for an image (default [])
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// set custom DNS servers or disable it completely by setting it to 'none', which prevents the automatic creation of `/etc/resolv.conf`.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// set custom DNS options
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// set custom DNS search domains
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// add additional groups to the primary container process. 'keep-groups' allows container processes to use supplementary groups.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// number of times to retry in case of failure when performing push/pull
    #[arg(long, value_name = "N")]
    pub retry: Option<u32>,
    /// delay between retries in case of push/pull failures
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// always remove intermediate containers after a build, even if the build is unsuccessful.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub force_rm: Option<bool>,
    /// set the ARCH of the image to the provided value instead of the architecture of the host
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// prefer `OS` instead of the running OS when pulling images
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// override the `variant` of the specified image
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// `argument=value` to supply additional build context to the builder
    #[arg(long, value_name = "NAME=VALUE")]
    pub build_context: Vec<String>,
    /// output destination (format: type=local,dest=path)
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Vec<String>,
    /// set new timestamps in image info and layer to `seconds` after the epoch, defaults to current times
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub timestamp: Option<i64>,
    /// set new timestamps in image info to `seconds` after the epoch
    #[arg(
        long,
        value_name = "SECONDS",
        env = "SOURCE_DATE_EPOCH",
        hide_env = true
    )]
    pub source_date_epoch: Option<i64>,
    /// set timestamps in layers to no later than the value for --source-date-epoch
    #[arg(long)]
    pub rewrite_timestamp: bool,
    /// omit build history information from built image
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub omit_history: Option<bool>,
    /// unset label when inheriting labels from base image
    #[arg(long, value_name = "KEY")]
    pub unsetlabel: Vec<String>,
    /// unset annotation when inheriting annotations from base image
    #[arg(long, value_name = "KEY")]
    pub unsetannotation: Vec<String>,
    /// inherit the labels from the base image or base stages.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub inherit_labels: Option<bool>,
    /// inherit the annotations from the base image or base stages.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub inherit_annotations: Option<bool>,
    /// set an "org.opencontainers.image.created" annotation in the image
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub created_annotation: Option<bool>,
    /// add default identity label
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub identity_label: Option<bool>,
    /// set metadata for an intermediate image (default [])
    #[arg(long, value_name = "KEY[=VALUE]")]
    pub layer_label: Vec<String>,
    /// add a custom host-to-IP mapping (`host:ip`) (default [])
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// do not create new /etc/hosts file for RUN instructions, use the one from the base image.
    #[arg(verbatim_doc_comment)]
    #[arg(long)]
    pub no_hosts: bool,
    /// do not create new /etc/hostname file for RUN instructions, use the one from the base image.
    #[arg(verbatim_doc_comment)]
    #[arg(long)]
    pub no_hostname: bool,
    /// pass through HTTP Proxy environment variables
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub http_proxy: Option<bool>,
    /// skips stages in multi-stage builds which do not affect the final target
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub skip_unused_stages: Option<bool>,
    /// image name used to replace the value in the first FROM instruction in the Containerfile
    #[arg(long, value_name = "IMAGE")]
    pub from: Option<String>,
    /// remove intermediate containers after a successful build
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub rm: Option<bool>,
    /// pass stdin into containers
    #[arg(long)]
    pub stdin: bool,
    /// remote repository list to utilise as potential cache source.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "REPOSITORY")]
    pub cache_from: Vec<String>,
    /// remote repository list to utilise as potential cache destination.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "REPOSITORY")]
    pub cache_to: Vec<String>,
    /// only consider cache images under specified duration.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "DURATION")]
    pub cache_ttl: Option<String>,
    /// add the image to the specified manifest list. Creates manifest list if it does not exist
    #[arg(long, value_name = "NAME")]
    pub manifest: Option<String>,
    /// attempt to build for all base image platforms
    #[arg(long)]
    pub all_platforms: bool,
    /// additional devices to provide
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// size of '/dev/shm'. The format is `<number><unit>`.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// memory limit (format: <number>[<unit>], where unit = b, k, m or g)
    #[arg(short = 'm', long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// swap limit equal to memory plus swap: '-1' to enable unlimited swap
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// limit the CPU CFS (Completely Fair Scheduler) period
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_period: Option<String>,
    /// limit the CPU CFS (Completely Fair Scheduler) quota
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<String>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<String>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// optional parent cgroup for the container
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// IPC namespace of RUN steps
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// PID namespace of RUN steps
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// UTS namespace of RUN steps
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// 'private', or 'host'
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// 'container', `path` of user namespace to join, or 'host'
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// `containerUID:hostUID:length` UID mapping to use in user namespace
    #[arg(long, value_name = "MAP")]
    pub userns_uid_map: Vec<String>,
    /// `containerGID:hostGID:length` GID mapping to use in user namespace
    #[arg(long, value_name = "MAP")]
    pub userns_gid_map: Vec<String>,
    /// `name` of entries from /etc/subuid to use to set user namespace UID mapping
    #[arg(long, value_name = "USER")]
    pub userns_uid_map_user: Option<String>,
    /// `name` of entries from /etc/subgid to use to set user namespace GID mapping
    #[arg(long, value_name = "GROUP")]
    pub userns_gid_map_group: Option<String>,
    /// `type` of process isolation to use. Use BUILDAH_ISOLATION environment variable to override.
    #[arg(verbatim_doc_comment)]
    #[arg(long, value_name = "TYPE", env = "BUILDAH_ISOLATION", hide_env = true)]
    pub isolation: Option<String>,
    /// this is a legacy option, which has no effect on the image
    #[arg(long)]
    pub compress: bool,
    /// don't compress layers by default
    #[arg(short = 'D', long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub disable_compression: Option<bool>,
    /// this is a Docker specific option and is a NOOP
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub disable_content_trust: Option<bool>,
    /// set additional flag to pass to C preprocessor (cpp)
    #[arg(long, value_name = "FLAG", allow_hyphen_values = true)]
    pub cpp_flag: Vec<String>,
    /// sign the image using a GPG key with the specified `FINGERPRINT`
    #[arg(long, value_name = "FINGERPRINT")]
    pub sign_by: Option<String>,
    /// split logfile to different files for each platform
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub logsplit: Option<bool>,
    /// set required OS `feature` for the target image in addition to values from the base image
    #[arg(long, value_name = "FEATURE")]
    pub os_feature: Vec<String>,
    /// set required OS `version` for the target image instead of the value from the base image
    #[arg(long, value_name = "VERSION")]
    pub os_version: Option<String>,
    /// preserve the contents of VOLUMEs during RUN instructions
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub compat_volumes: Option<bool>,
    /// key needed to decrypt the image
    #[arg(long, value_name = "KEY[:PASSPHRASE]")]
    pub decryption_key: Vec<String>,
    /// confidential workload `options`
    #[arg(long, value_name = "OPTIONS")]
    pub cw: Option<String>,
    /// scan working container using `preset` configuration
    #[arg(long, value_name = "PRESET")]
    pub sbom: Option<String>,
    /// add scan results to image as `path`
    #[arg(long, value_name = "PATH")]
    pub sbom_image_output: Option<String>,
    /// add scan results to image as `path`
    #[arg(long, value_name = "PATH")]
    pub sbom_image_purl_output: Option<String>,
    /// merge scan results using `strategy`
    #[arg(long, value_name = "METHOD")]
    pub sbom_merge_strategy: Option<String>,
    /// save scan results to `file`
    #[arg(long, value_name = "FILE")]
    pub sbom_output: Option<String>,
    /// save scan results to `file``
    #[arg(long, value_name = "FILE")]
    pub sbom_purl_output: Option<String>,
    /// scan working container using `command` in scanner image
    #[arg(long, value_name = "COMMAND")]
    pub sbom_scanner_command: Vec<String>,
    /// scan working container using scanner command from `image`
    #[arg(long, value_name = "IMAGE")]
    pub sbom_scanner_image: Option<String>,
}

struct Printer {
    quiet: bool,
    /// The first `-t` as given (podman prints it so after COMMIT).
    name: String,
    /// `--logfile`: progress goes there instead of the terminal.
    log: Option<std::sync::Mutex<std::fs::File>>,
}

impl Printer {
    fn line(&self, text: &str) {
        match &self.log {
            Some(f) => {
                if let Ok(mut f) = f.lock() {
                    let _ = writeln!(f, "{text}");
                }
            }
            None => output::println(text),
        }
    }
}

impl Reporter for Printer {
    fn event(&self, e: Event) {
        match e {
            Event::Warning(w) if self.log.is_some() => self.line(&format!("[Warning] {w}")),
            Event::Warning(w) => output::eprintln(&format!("[Warning] {w}")),
            _ if self.quiet => {}
            Event::Step {
                prefix,
                n,
                total,
                text,
            } => self.line(&format!("{prefix}STEP {n}/{total}: {text}")),
            Event::UsingCache(id) => self.line(&format!("--> Using cache {id}")),
            Event::Done(id) => self.line(&format!("--> {}", &id[..12.min(id.len())])),
            Event::Commit(_) => self.line(format!("COMMIT {}", self.name).trim_end()),
        }
    }
}

/// `KEY=VALUE` flags as a map (a bare KEY has an empty value, as podman).
fn key_values(flag: &str, values: &[String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for v in values {
        let (k, val) = v.split_once('=').unwrap_or((v.as_str(), ""));
        anyhow::ensure!(!k.is_empty(), "{flag} {v}: the key is empty: use KEY=VALUE");
        out.insert(k.to_string(), val.to_string());
    }
    Ok(out)
}

/// The RUN steps' container settings from the flags, each value checked.
fn run_defaults(args: &BuildArgs) -> anyhow::Result<libpod::engine::RunDefaults> {
    use libpod::spec::{parse_flag, parse_flags, CapSet, MountSpec, Ulimit};
    let mut d = libpod::engine::RunDefaults::default();
    for u in &args.ulimit {
        d.ulimits
            .extend(Ulimit::parse(u).map_err(|e| anyhow::anyhow!("--ulimit {u}: {e}"))?);
    }
    for c in parse_flags::<CapSet>("--cap-add", &args.cap_add)? {
        d.cap_add = d.cap_add.with(c);
    }
    for c in parse_flags::<CapSet>("--cap-drop", &args.cap_drop)? {
        d.cap_drop = d.cap_drop.with(c);
    }
    d.security_opts.clone_from(&args.security_opt);
    d.network = args
        .network
        .as_deref()
        .map(|n| parse_flag("--network", n))
        .transpose()?;
    for v in &args.volume {
        let m = MountSpec::parse_volume(v).map_err(|e| anyhow::anyhow!("--volume {v}: {e}"))?;
        anyhow::ensure!(
            matches!(m.source, libpod::spec::MountSource::Bind(_)),
            "--volume {v}: build takes bind mounts only (HOST-PATH:CONTAINER-PATH)"
        );
        d.volumes.push(m);
    }
    d.dns = parse_flags("--dns", &args.dns)?;
    d.dns_search.clone_from(&args.dns_search);
    d.dns_options.clone_from(&args.dns_option);
    d.group_add = parse_flags("--group-add", &args.group_add)?;
    d.add_hosts = parse_flags("--add-host", &args.add_host)?;
    anyhow::ensure!(
        !args.no_hosts || args.add_host.is_empty(),
        "--no-hosts and --add-host conflict: /etc/hosts is either the image's or rpod's"
    );
    d.no_hosts = args.no_hosts;
    d.no_hostname = args.no_hostname;
    d.no_http_proxy = args.http_proxy == Some(false);
    d.devices = parse_flags("--device", &args.device)?;
    d.shm_size = args
        .shm_size
        .as_deref()
        .map(|v| libpod::spec::resources::parse_size("--shm-size", v))
        .transpose()?;
    let (resources, warnings) =
        libpod::spec::resources::Resources::from_flags(&libpod::spec::resources::ResourceFlags {
            memory: args.memory.clone(),
            memory_swap: args.memory_swap.clone(),
            cpu_period: args.cpu_period.clone(),
            cpu_quota: args.cpu_quota.clone(),
            cpu_shares: args.cpu_shares.clone(),
            cpuset_cpus: args.cpuset_cpus.clone(),
            cpuset_mems: args.cpuset_mems.clone(),
            ..Default::default()
        })?;
    for w in warnings {
        output::eprintln(&w);
    }
    d.resources = resources;
    d.cgroup_parent = args
        .cgroup_parent
        .as_deref()
        .map(|p| libpod::spec::with_flag("--cgroup-parent", p, libpod::cgroups::parse_parent))
        .transpose()?;
    use libpod::spec::{NsKind, NsMode};
    for (kind, v) in [
        (NsKind::Pid, &args.pid),
        (NsKind::Ipc, &args.ipc),
        (NsKind::Uts, &args.uts),
        (NsKind::Cgroup, &args.cgroupns),
    ] {
        if let Some(v) = v {
            d.namespaces.push((
                kind,
                libpod::spec::with_flag(kind.flag(), v, |v| NsMode::parse(kind, v))?,
            ));
        }
    }
    // RUN steps always get a user namespace mapped onto rpod's own.
    if let Some(u) = args.userns.as_deref() {
        anyhow::ensure!(
            matches!(u, "" | "container" | "host" | "private"),
            "--userns {u}: rpod runs build steps in a user namespace mapped onto its own (container, the default); other modes are not supported: leave --userns out"
        );
    }
    for (flag, given) in [
        ("--userns-uid-map", !args.userns_uid_map.is_empty()),
        ("--userns-gid-map", !args.userns_gid_map.is_empty()),
        ("--userns-uid-map-user", args.userns_uid_map_user.is_some()),
        (
            "--userns-gid-map-group",
            args.userns_gid_map_group.is_some(),
        ),
    ] {
        anyhow::ensure!(
            !given,
            "{flag}: rpod maps build steps onto its own user namespace (/etc/subuid and /etc/subgid of the user); custom maps are not supported: leave {flag} out"
        );
    }
    Ok(d)
}

/// The flags podman has that rpod refuses, each with what to do instead.
fn refuse_unsupported(args: &BuildArgs) -> anyhow::Result<()> {
    if let Some(m) = &args.manifest {
        anyhow::bail!(
            "--manifest {m}: rpod has no manifest lists yet: build with -t {m} and push the image; make the list with podman or buildah"
        );
    }
    anyhow::ensure!(
        !args.all_platforms,
        "--all-platforms: rpod builds one platform and has no manifest lists: build each with --platform OS/ARCH"
    );
    if let Some(k) = &args.sign_by {
        anyhow::bail!(
            "--sign-by {k}: rpod keeps no signatures with stored images: push the image, then sign it with `rpod image sign --sign-by {k} docker://IMAGE`"
        );
    }
    if let Some(s) = &args.sbom {
        anyhow::bail!(
            "--sbom {s}: rpod runs no SBOM scanner: scan the built image with syft or trivy"
        );
    }
    for (flag, given) in [
        ("--sbom-image-output", args.sbom_image_output.is_some()),
        (
            "--sbom-image-purl-output",
            args.sbom_image_purl_output.is_some(),
        ),
        ("--sbom-merge-strategy", args.sbom_merge_strategy.is_some()),
        ("--sbom-output", args.sbom_output.is_some()),
        ("--sbom-purl-output", args.sbom_purl_output.is_some()),
        (
            "--sbom-scanner-command",
            !args.sbom_scanner_command.is_empty(),
        ),
        ("--sbom-scanner-image", args.sbom_scanner_image.is_some()),
    ] {
        anyhow::ensure!(
            !given,
            "{flag}: needs --sbom, and rpod runs no SBOM scanner: scan the built image with syft or trivy"
        );
    }
    if let Some(k) = args.decryption_key.first() {
        let name = k.split(':').next().unwrap_or(k);
        anyhow::bail!(
            "--decryption-key {name}: rpod cannot pull encrypted images: decrypt the base image with skopeo copy --decryption-key first"
        );
    }
    if args.cw.is_some() {
        anyhow::bail!(
            "--cw: rpod cannot build confidential-workload images: build them with buildah"
        );
    }
    if let Some(i) = args.isolation.as_deref() {
        anyhow::ensure!(
            matches!(i, "" | "oci" | "rootless" | "chroot" | "default"),
            "--isolation {i}: use oci, rootless or chroot"
        );
    }
    if args.logsplit == Some(true) {
        anyhow::ensure!(
            args.logfile.is_some(),
            "--logsplit needs --logfile: give the file whose name each platform's log extends"
        );
    }
    for l in &args.layer_label {
        anyhow::ensure!(
            !l.split('=').next().unwrap_or_default().is_empty(),
            "--layer-label {l}: the key is empty: use KEY[=VALUE]"
        );
    }
    Ok(())
}

/// `--cache-ttl`: a Go duration; 0 means no cache at all (podman's rule).
fn cache_ttl(args: &BuildArgs) -> anyhow::Result<Option<std::time::Duration>> {
    args.cache_ttl
        .as_deref()
        .map(|v| {
            libpod::config::parse_duration(v).ok_or_else(|| {
                anyhow::anyhow!(
                    "--cache-ttl {v}: not a duration: use a number and a unit (30m, 1h, 24h)"
                )
            })
        })
        .transpose()
}

/// How base images are pulled (`--authfile` checked at once, as podman).
fn fetch_options(args: &BuildArgs) -> anyhow::Result<libpod::spec::FetchOptions> {
    if let Some(a) = &args.authfile {
        libpod::engine::check_authfile(a)?;
    }
    Ok(libpod::spec::FetchOptions {
        authfile: args.authfile.clone(),
        tls_verify: args.tls_verify,
        creds: args.creds.clone(),
        cert_dir: args.cert_dir.clone(),
        retry: args.retry,
        retry_delay: args.retry_delay.clone(),
        ..libpod::spec::FetchOptions::default()
    })
}

fn build_args(args: &BuildArgs) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut add = |a: &str| match a.split_once('=') {
        Some((k, v)) => {
            out.insert(k.to_string(), v.to_string());
        }
        None => {
            // NAME alone takes the value from the environment, if set.
            if let Ok(v) = std::env::var(a) {
                out.insert(a.to_string(), v);
            }
        }
    };
    for f in &args.build_arg_file {
        let text = fs_err::read_to_string(f)
            .map_err(libpod::sys::without_path)
            .map_err(|e| anyhow::anyhow!("reading --build-arg-file {}: {e}", f.display()))?;
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            add(line);
        }
    }
    for a in &args.build_arg {
        add(a);
    }
    Ok(out)
}

/// `--layers`, else `$BUILDAH_LAYERS` (as podman), else true.
fn layers(flag: Option<bool>) -> bool {
    flag.unwrap_or_else(|| {
        std::env::var("BUILDAH_LAYERS").map_or(true, |v| {
            !matches!(
                v.to_ascii_lowercase().as_str(),
                "false" | "0" | "no" | "off"
            )
        })
    })
}

/// Runs `rpod build`.
pub fn run(g: &Globals, args: BuildArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        !(args.squash && args.squash_all),
        "cannot specify --squash-all with --squash"
    );
    refuse_unsupported(&args)?;
    anyhow::ensure!(
        !(args.timestamp.is_some() && args.source_date_epoch.is_some()),
        "--timestamp and --source-date-epoch conflict: give one (--timestamp also sets the files' times)"
    );
    let outputs = args
        .output
        .iter()
        .map(|o| {
            libpod::build::args::parse_output(o).map_err(|e| anyhow::anyhow!("--output {o}: {e}"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    // A tar on standard output: nothing else may go there (podman's rule).
    let to_stdout = outputs.contains(&libpod::build::args::BuildOutput::Tar(None));
    let ttl = cache_ttl(&args)?;
    let mut stdin_text = None;
    let stdin_context = args.context.as_deref() == Some("-");
    let first_file = args.file.first().map(String::as_str);
    if stdin_context || first_file == Some("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| anyhow::anyhow!("reading the Containerfile from standard input: {e}"))?;
        stdin_text = Some(text);
    }
    let context = if stdin_context {
        None
    } else {
        // No context: the directory of the Containerfile given with -f
        // (podman's rule), else the current one.
        Some(match (&args.context, first_file) {
            (Some(c), _) => PathBuf::from(c),
            (None, Some(f)) if f != "-" && !f.contains("://") => std::path::Path::new(f)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf),
            (None, _) => PathBuf::from("."),
        })
    };
    let pull = match (args.pull_never, args.pull.as_deref()) {
        (true, _) | (_, Some("never" | "false")) => PullPolicy::Never,
        (_, Some("always" | "true" | "newer")) => PullPolicy::Always,
        (_, Some("missing") | None) => PullPolicy::Missing,
        (_, Some(other)) => anyhow::bail!("--pull={other}: use missing, always, never or newer"),
    };
    let mut platform = match &args.platform {
        Some(p) => Some(libpod::build::args::parse_platform(p).map_err(anyhow::Error::msg)?),
        None => None,
    };
    // --os/--arch/--variant replace those parts of --platform (or the host's).
    if args.os.is_some() || args.arch.is_some() || args.variant.is_some() {
        let mut p = platform.unwrap_or_else(libpod::registry::manifest::Platform::host);
        if let Some(os) = &args.os {
            p.os.clone_from(os);
        }
        if let Some(arch) = &args.arch {
            if *arch != p.architecture {
                p.variant = None;
            }
            p.architecture.clone_from(arch);
        }
        if let Some(v) = &args.variant {
            p.variant = Some(v.clone());
        }
        platform = Some(p);
    }
    let quiet = args.quiet || to_stdout;
    // --logsplit: the log of a --platform build goes to LOGFILE_OS_ARCH.
    let logfile = match (&args.logfile, &platform) {
        (Some(f), Some(p)) if args.logsplit == Some(true) => Some(PathBuf::from(format!(
            "{}_{}_{}",
            f.display(),
            p.os,
            p.architecture
        ))),
        (f, _) => f.clone(),
    };
    if !args.annotation.is_empty() && args.format == "docker" {
        output::eprintln(
            "WARN[0000] annotations are not supported by the docker image format; ignored",
        );
    }
    if args.file.len() > 1 {
        // Several Containerfiles: their texts one after the other (each
        // path as the first is found: here, else in the context).
        let mut text = String::new();
        for f in &args.file {
            let here = PathBuf::from(f);
            let path = match &context {
                Some(c) if !here.exists() => c.join(f),
                _ => here,
            };
            let part = fs_err::read_to_string(&path)
                .map_err(libpod::sys::without_path)
                .map_err(|e| anyhow::anyhow!("the Containerfile {f}: {e}"))?;
            text.push_str(&part);
            text.push('\n');
        }
        stdin_text = Some(text);
    }
    let opts = BuildOptions {
        file: first_file
            .filter(|f| *f != "-" && args.file.len() == 1)
            .map(PathBuf::from),
        text: stdin_text,
        context,
        ignorefile: args.ignorefile.clone(),
        tags: args.tag.clone(),
        build_args: build_args(&args)?,
        target: args.target.clone(),
        no_cache: args.no_cache || !layers(args.layers) || ttl == Some(std::time::Duration::ZERO),
        pull,
        format: if args.format == "docker" {
            libpod::image::author::Format::Docker
        } else {
            libpod::image::author::Format::Oci
        },
        platform,
        secrets: args
            .secret
            .iter()
            .map(|v| {
                libpod::build::args::parse_secret(v)
                    .map_err(|e| anyhow::anyhow!("--secret {v}: {e}"))
            })
            .collect::<anyhow::Result<_>>()?,
        ssh: args
            .ssh
            .iter()
            .map(|v| {
                libpod::build::args::parse_ssh(v).map_err(|e| anyhow::anyhow!("--ssh {v}: {e}"))
            })
            .collect::<anyhow::Result<_>>()?,
        output: match (&logfile, quiet) {
            (Some(f), _) => libpod::build::executor::RunOutput::File(f.clone()),
            (None, true) => libpod::build::executor::RunOutput::Quiet,
            (None, false) => libpod::build::executor::RunOutput::Terminal,
        },
        labels: key_values("--label", &args.label)?,
        unset_env: args.unsetenv.clone(),
        annotations: key_values("--annotation", &args.annotation)?,
        env: args
            .env
            .iter()
            .map(|e| {
                anyhow::ensure!(e.contains('='), "--env {e}: use KEY=VALUE");
                Ok(e.clone())
            })
            .collect::<anyhow::Result<_>>()?,
        squash: match (args.squash, args.squash_all) {
            (true, _) => libpod::build::executor::Squash::New,
            (_, true) => libpod::build::executor::Squash::All,
            _ => libpod::build::executor::Squash::No,
        },
        run: run_defaults(&args)?,
        fetch: fetch_options(&args)?,
        contexts: args
            .build_context
            .iter()
            .map(|v| {
                libpod::build::args::parse_build_context(v)
                    .map_err(|e| anyhow::anyhow!("--build-context {v}: {e}"))
            })
            .collect::<anyhow::Result<_>>()?,
        outputs,
        shaping: libpod::build::executor::Shaping {
            timestamp: args.timestamp,
            source_date_epoch: args.source_date_epoch,
            rewrite_timestamp: args.rewrite_timestamp,
            omit_history: args.omit_history == Some(true),
            unset_labels: args.unsetlabel.clone(),
            unset_annotations: args.unsetannotation.clone(),
            inherit_labels: args.inherit_labels != Some(false),
            inherit_annotations: args.inherit_annotations != Some(false),
            created_annotation: args.created_annotation != Some(false),
            // podman's default: the label, unless the build is to be reproducible.
            identity_label: args
                .identity_label
                .unwrap_or(args.timestamp.is_none() && args.source_date_epoch.is_none()),
            all_stages: args.skip_unused_stages == Some(false),
            from: args.from.clone(),
            os_features: args.os_feature.clone(),
            os_version: args.os_version.clone(),
            stdin: args.stdin,
            cache_ttl: ttl,
            compat_volumes: args.compat_volumes == Some(true),
        },
        cpp_flags: args.cpp_flag.clone(),
    };
    let log = match &logfile {
        Some(f) => Some(std::sync::Mutex::new(
            fs_err::OpenOptions::new()
                .create(true)
                .append(true)
                .open(f)
                .map(fs_err::File::into_file)
                .map_err(libpod::sys::without_path)
                .map_err(|e| anyhow::anyhow!("--logfile {}: {e}", f.display()))?,
        )),
        None => None,
    };
    let engine = g.engine(true)?;
    let printer = Printer {
        quiet,
        name: args.tag.first().cloned().unwrap_or_default(),
        log,
    };
    let image = engine.build(opts, &printer)?;
    if !quiet {
        printer.line(&format!("--> {}", &image.id[..12]));
        for n in &image.names {
            if args
                .tag
                .iter()
                .any(|t| libpod::Engine::normalize_new_name(t).ok().as_ref() == Some(n))
            {
                printer.line(&format!("Successfully tagged {n}"));
            }
        }
    }
    if let Some(f) = &args.iidfile {
        fs_err::write(f, format!("sha256:{}", image.id))
            .map_err(libpod::sys::without_path)
            .map_err(|e| anyhow::anyhow!("writing --iidfile {}: {e}", f.display()))?;
    }
    if !to_stdout {
        output::println(&image.id);
    }
    Ok(0)
}
