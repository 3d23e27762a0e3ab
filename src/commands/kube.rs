//! `rpod kube play|down|generate` (also `rpod play kube`, `rpod generate
//! kube`): Kubernetes YAML run locally, and written from containers and
//! pods, with podman's flags and output.

use std::path::PathBuf;

use anyhow::bail;
use clap::{Args, Subcommand};
use libpod::engine::PlayRun;
use libpod::kube::generate::{generate, GenKind, GenOptions};
use libpod::kube::{self, PlayOptions};
use libpod::network::ports::parse_publish_spec;

use super::Globals;
use crate::output;

/// `rpod kube ...`
#[derive(Debug, Subcommand)]
pub enum KubeCommand {
    /// Play containers, pods or volumes from a Kubernetes YAML file
    Play(Box<PlayArgs>),
    /// Remove the pods and containers a Kubernetes YAML file made
    Down(DownArgs),
    /// Generate Kubernetes YAML from containers, pods or volumes
    Generate(GenerateKubeArgs),
}

/// `rpod play kube ...` (podman's older spelling).
#[derive(Debug, Subcommand)]
pub enum PlayCommand {
    /// Play containers, pods or volumes from a Kubernetes YAML file
    Kube(Box<PlayArgs>),
}

/// Arguments of `kube play`.
#[derive(Debug, Args)]
pub struct PlayArgs {
    /// The YAML files (`-` reads standard input)
    #[arg(value_name = "KUBEFILE", required = true)]
    pub files: Vec<String>,
    /// Stop pods defined in the YAML file
    #[arg(long)]
    pub down: bool,
    /// Remove volumes as part of --down
    #[arg(long)]
    pub force: bool,
    /// Delete and recreate pods defined in the YAML file
    #[arg(long)]
    pub replace: bool,
    /// Connect pod to network(s) or network mode
    #[arg(long, value_name = "MODE")]
    pub network: Vec<String>,
    /// Publish a container's port, or a range of ports, to the host
    #[arg(long, value_name = "PORT", value_delimiter = ',')]
    pub publish: Vec<String>,
    /// Whether to publish all ports defined in the K8S YAML file (containerPort, hostPort), if false only hostPort will be published
    #[arg(long)]
    pub publish_all: bool,
    /// `Pathname` of a YAML file containing a kubernetes configmap
    #[arg(long, value_name = "PATH")]
    pub configmap: Vec<PathBuf>,
    /// Build all images in a YAML (given Containerfiles exist)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub build: Option<bool>,
    /// Path to top level of context directory
    #[arg(long, value_name = "DIR")]
    pub context_dir: Option<PathBuf>,
    /// Start the pod after creating it
    #[arg(long, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set, default_value_t = true)]
    pub start: bool,
    /// Add rpod-specific annotations to containers and pods created by rpod (key=value)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// User namespace to use
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Suppress output information when pulling images
    #[arg(short, long)]
    pub quiet: bool,
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
    /// Clean up all objects created when a SIGTERM is received or pods exit
    #[arg(short, long)]
    pub wait: bool,
    /// Logging driver for the container
    #[arg(long, value_name = "DRIVER", value_parser = ["k8s-file", "json-file", "none"])]
    pub log_driver: Option<String>,
    /// Logging driver options
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Starts a service container before all pods
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub service_container: Option<bool>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// `Credentials` (USERNAME:PASSWORD) to use for authenticating to a registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// `Pathname` of a directory containing TLS certificates and keys
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<PathBuf>,
    /// Do not create /etc/hosts within the pod's containers, instead use the version from the image
    #[arg(long)]
    pub no_hosts: bool,
    /// Do not create /etc/hostname within the container, instead use the version from the image
    #[arg(long)]
    pub no_hostname: bool,
    /// Do not prefix container name with pod name
    #[arg(long)]
    pub no_pod_prefix: bool,
    /// Specify a static IPv4 address for the container
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub ip: Vec<String>,
    /// Static MAC addresses to assign to the pods
    #[arg(long, value_name = "MAC", value_delimiter = ',')]
    pub mac_address: Vec<String>,
    /// Exit-code propagation of the service container
    #[arg(long, value_name = "POLICY")]
    pub service_exit_code_propagation: Option<String>,
}

/// Arguments of `kube down`.
#[derive(Debug, Args)]
pub struct DownArgs {
    /// The YAML files (`-` reads standard input)
    #[arg(value_name = "KUBEFILE", required = true)]
    pub files: Vec<String>,
    /// remove volumes
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `kube generate`.
#[derive(Debug, Args)]
#[command(override_usage = "[options] {CONTAINER...|POD...|VOLUME...}")]
pub struct GenerateKubeArgs {
    /// Containers, pods or volumes (by name or ID)
    #[arg(value_name = "CONTAINER|POD|VOLUME", required = true)]
    pub names: Vec<String>,
    /// Write output to the specified path
    #[arg(short, long, value_name = "FILE")]
    pub filename: Option<PathBuf>,
    /// Generate YAML for a Kubernetes service object
    #[arg(short, long)]
    pub service: bool,
    /// Generate YAML for the given Kubernetes kind
    #[arg(short, long, value_name = "TYPE")]
    pub r#type: Option<String>,
    /// Set the replicas number for Deployment kind
    #[arg(short, long, value_name = "N", default_value_t = 1)]
    pub replicas: u32,
    /// Add podman-only reserved annotations to the generated YAML file (Cannot be used by Kubernetes)
    #[arg(long)]
    pub podman_only: bool,
}

/// Runs `rpod kube ...`.
pub fn run(g: &Globals, cmd: KubeCommand) -> anyhow::Result<u8> {
    match cmd {
        KubeCommand::Play(a) => play(g, *a),
        KubeCommand::Down(a) => down(g, &a.files, a.force),
        KubeCommand::Generate(a) => generate_kube(g, a),
    }
}

/// Runs `rpod play kube ...`.
pub fn run_play(g: &Globals, cmd: PlayCommand) -> anyhow::Result<u8> {
    match cmd {
        PlayCommand::Kube(a) => play(g, *a),
    }
}

fn play_options(a: &PlayArgs) -> anyhow::Result<PlayOptions> {
    let mut opts = PlayOptions::default();
    match a.network.as_slice() {
        [] => {}
        [one] => {
            opts.network = Some(
                one.parse()
                    .map_err(|e| anyhow::anyhow!("--network {one}: {e}"))?,
            )
        }
        _ => bail!("--network: rpod connects a pod to one network mode; give --network once"),
    }
    for p in &a.publish {
        opts.publish
            .extend(parse_publish_spec(p).map_err(|e| anyhow::anyhow!("--publish {p}: {e}"))?);
    }
    opts.publish_all = a.publish_all;
    for f in &a.configmap {
        opts.config_maps.extend(kube::read_config_maps(f)?);
    }
    for an in &a.annotation {
        let Some((k, v)) = an.split_once('=') else {
            bail!("annotation {an:?} must include an '=' sign");
        };
        opts.annotations.insert(k.to_string(), v.to_string());
    }
    if let Some(u) = &a.userns {
        opts.userns = Some(
            u.parse()
                .map_err(|e| anyhow::anyhow!("--userns {u}: {e}"))?,
        );
    }
    Ok(opts)
}

fn play(g: &Globals, a: PlayArgs) -> anyhow::Result<u8> {
    if a.down {
        return down(g, &a.files, a.force);
    }
    if let Some(f) = &a.authfile {
        libpod::engine::check_authfile(f)?;
    }
    let (docs, service_name) = kube::read_files_named(&a.files)?;
    let mut opts = play_options(&a)?;
    let engine = g.engine(false)?;
    opts.stored_secrets = engine.kube_stored_secrets(&docs)?;
    let plan = kube::plan(&docs, &opts)?;
    for i in &plan.ignored {
        tracing::info!("kube kind {i} not supported: skipped");
    }
    if a.wait {
        output::println("Use ctrl+c to clean up or wait for pods to exit");
    }
    let mut log = libpod::spec::LogConfig::default();
    if let Some(d) = &a.log_driver {
        log.driver = Some(
            d.parse()
                .map_err(|e| anyhow::anyhow!("--log-driver {d}: {e}"))?,
        );
    }
    for o in &a.log_opt {
        log.apply_opt(o)
            .map_err(|e| anyhow::anyhow!("--log-opt {o}: {e}"))?;
    }
    let run = PlayRun {
        log: (a.log_driver.is_some() || !a.log_opt.is_empty()).then_some(log),
        start: a.start,
        replace: a.replace,
        build: a.build,
        context_dir: a.context_dir.clone(),
        authfile: a.authfile.clone(),
        service: (a.service_container == Some(true)).then_some(service_name),
        tls_verify: a.tls_verify,
        creds: a.creds.clone(),
        cert_dir: a.cert_dir.clone(),
        no_hosts: a.no_hosts,
        no_hostname: a.no_hostname,
        no_pod_prefix: a.no_pod_prefix,
        static_ips: libpod::spec::parse_flags("--ip", &a.ip)?,
        static_macs: libpod::spec::parse_flags("--mac-address", &a.mac_address)?,
        exit_code_propagation: libpod::spec::parse_opt_flag(
            "--service-exit-code-propagation",
            a.service_exit_code_propagation.as_deref(),
        )?
        .unwrap_or_default(),
    };
    let report = engine.kube_play(&plan, &run, &mut |line| output::eprintln(line))?;
    if !report.volumes.is_empty() {
        output::println("Volumes:");
        for v in &report.volumes {
            output::println(v);
        }
    }
    let mut failed = 0;
    for p in &report.pods {
        output::println("Pod:");
        output::println(&p.id);
        match p.containers.len() {
            0 => continue,
            1 => output::println("Container:"),
            _ => output::println("Containers:"),
        }
        for c in &p.containers {
            output::println(c);
        }
        if !p.errors.is_empty() {
            output::println("");
        }
        for e in &p.errors {
            output::eprintln(e);
        }
        failed += p.errors.len();
        output::println("");
    }
    if failed > 0 {
        bail!("failed to start {failed} containers");
    }
    if a.wait {
        let interrupted = engine.kube_wait(&report)?;
        output::println(if interrupted {
            "\nCleaning up containers, pods, and volumes..."
        } else {
            "Cleaning up containers, pods, and volumes..."
        });
        let down = kube::down_plan(&docs);
        print_down(&engine.kube_down(&down, true)?)?;
    }
    Ok(0)
}

fn down(g: &Globals, files: &[String], force: bool) -> anyhow::Result<u8> {
    let docs = kube::read_files(files)?;
    let plan = kube::down_plan(&docs);
    let engine = g.engine(false)?;
    print_down(&engine.kube_down(&plan, force)?)?;
    Ok(0)
}

/// Prints podman's `kube down` report; the last error is the command's.
fn print_down(r: &libpod::engine::DownReport) -> anyhow::Result<()> {
    output::println("Pods stopped:");
    for id in &r.stopped {
        output::println(id);
    }
    output::println("Pods removed:");
    for id in &r.removed {
        output::println(id);
    }
    output::println("Secrets removed:");
    output::println("Volumes removed:");
    for v in &r.volumes {
        output::println(v);
    }
    if let Some(last) = r.errors.last() {
        for e in &r.errors[..r.errors.len() - 1] {
            output::eprintln(&format!("Error: {e}"));
        }
        bail!("{last}");
    }
    Ok(())
}

/// Runs `rpod kube generate` / `rpod generate kube`.
pub fn generate_kube(g: &Globals, a: GenerateKubeArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let kind: GenKind = a
        .r#type
        .as_deref()
        .or(engine.kube_generate_type())
        .unwrap_or("pod")
        .parse()
        .map_err(|e: String| anyhow::anyhow!(e))?;
    if a.replicas > 1 && kind != GenKind::Deployment {
        bail!("--replicas is only used when --type is set to deployment");
    }
    let (pods, volumes) = engine.kube_generate_input(&a.names)?;
    let now = chrono::Utc::now();
    let opts = GenOptions {
        kind,
        replicas: a.replicas,
        service: a.service,
        timestamp: now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        node_port_seed: now.timestamp_subsec_nanos().into(),
        podman_only: a.podman_only,
    };
    let yaml =
        generate(&pods, &volumes, &opts).map_err(|e| anyhow::anyhow!("generating YAML: {e}"))?;
    match &a.filename {
        Some(f) => kube::write_new_file(f, &yaml)?,
        None => output::print_raw(&yaml),
    }
    Ok(0)
}
