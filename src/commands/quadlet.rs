//! `rpod quadlet`: the Quadlet systemd generator (also run as `rpod-user-generator` /
//! `rpod-system-generator`), translating `.container`/`.volume`/`.network` files to units;
//! with a verb, podman 5.8's `quadlet install|list|print|rm` of the user's Quadlet files.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use libpod::systemd::quadlet::manage::{self, install_dir, Manager};
use libpod::systemd::quadlet::{
    run_generator, search_dirs, this_rpod_path, write_units, QuadletOptions,
};

/// Arguments of `rpod quadlet`, matching podman's quadlet generator.
#[derive(clap::Args, Debug, Clone, Default)]
#[command(args_conflicts_with_subcommands = true)]
pub struct QuadletArgs {
    /// install, list, print or rm (without one: run the generator)
    #[command(subcommand)]
    pub command: Option<QuadletCommand>,
    /// Print the generated units instead of writing them.
    #[arg(long)]
    pub dryrun: bool,
    /// Generate units for the user's systemd manager.
    #[arg(long)]
    pub user: bool,
    /// Do not log to the kernel log (accepted for compatibility; rpod logs to stderr).
    #[arg(long)]
    pub no_kmsg_log: bool,
    /// Print progress and warnings.
    #[arg(short, long)]
    pub verbose: bool,
    /// Output directories as systemd passes them: normal-dir [early-dir] [late-dir].
    #[arg(value_name = "DIR", num_args = 0..=3)]
    pub output_dirs: Vec<PathBuf>,
}

/// Builds generator arguments when rpod is invoked as `rpod-user-generator` or `rpod-system-generator`.
pub fn generator_args(argv0: &str, rest: &[String]) -> Option<QuadletArgs> {
    let base = Path::new(argv0).file_name()?.to_str()?;
    let user = match base {
        "rpod-user-generator" => true,
        "rpod-system-generator" => false,
        _ => return None,
    };
    Some(QuadletArgs {
        command: None,
        dryrun: false,
        user,
        no_kmsg_log: false,
        verbose: false,
        output_dirs: rest.iter().map(PathBuf::from).collect(),
    })
}

/// `rpod quadlet VERB`: podman 5.8's management of installed Quadlet files.
#[derive(clap::Subcommand, Debug, Clone)]
pub enum QuadletCommand {
    /// Install a Quadlet file or a Quadlet application (a directory, a .quadlets file) for the current user
    Install(InstallArgs),
    /// List the Quadlet files of the current user
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Print the contents of a Quadlet file
    #[command(visible_alias = "cat")]
    Print(PrintArgs),
    /// Remove installed Quadlet files (an application's as a whole)
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
}

/// Arguments of `rpod quadlet install`.
#[derive(clap::Args, Debug, Clone)]
pub struct InstallArgs {
    /// A Quadlet file, .quadlets file, URL or application directory, then other files (assets) to install with it
    #[arg(value_name = "QUADLET-PATH-OR-URL", required = true)]
    pub paths: Vec<String>,
    /// Reload systemd after installing Quadlets
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_value_t = true, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub reload_systemd: bool,
    /// Replace the installation even if the quadlet already exists
    #[arg(short, long)]
    pub replace: bool,
}

/// Arguments of `rpod quadlet list`.
#[derive(clap::Args, Debug, Clone)]
pub struct ListArgs {
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print output to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Arguments of `rpod quadlet print`.
#[derive(clap::Args, Debug, Clone)]
pub struct PrintArgs {
    /// The Quadlet file's name (web.container)
    #[arg(value_name = "QUADLET")]
    pub quadlet: String,
}

/// Arguments of `rpod quadlet rm`.
#[derive(clap::Args, Debug, Clone)]
pub struct RmArgs {
    /// Quadlet file names, or applications (.NAME.app)
    #[arg(value_name = "QUADLET")]
    pub quadlets: Vec<String>,
    /// Remove all Quadlet files of the current user
    #[arg(short, long)]
    pub all: bool,
    /// Stop running units first
    #[arg(short, long)]
    pub force: bool,
    /// Do not fail for Quadlet files that do not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Reload systemd after removing (when a systemd manager is running)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_value_t = true, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub reload_systemd: bool,
}

/// One row of `quadlet list` (podman's field names).
#[derive(serde::Serialize)]
#[allow(non_snake_case)]
struct ListRow {
    Name: String,
    UnitName: String,
    Path: String,
    Status: String,
    App: String,
}

fn manager() -> (bool, Manager) {
    let user = libpod::userns::is_rootless();
    (user, Manager { user })
}

/// Reloads the manager when one runs; says what to do when none does.
fn reload(m: &Manager, wanted: bool) -> anyhow::Result<()> {
    if !wanted {
        return Ok(());
    }
    if !m.available() {
        crate::output::warn(&format!(
            "no systemd {}manager is running: the files are in place, and its Quadlet generator makes the units when it starts (rpod quadlet --dryrun{} shows them)",
            if m.user { "user " } else { "" },
            if m.user { " --user" } else { "" },
        ));
        return Ok(());
    }
    m.reload()?;
    Ok(())
}

fn verb(cmd: QuadletCommand) -> anyhow::Result<u8> {
    let (user, m) = manager();
    let dir = install_dir(user);
    let (dirs, _) = search_dirs(user);
    match cmd {
        QuadletCommand::Install(a) => {
            let report = manage::install(&a.paths, &dir, a.replace)?;
            for p in &report.installed {
                crate::output::println(&p.display().to_string());
            }
            for (src, e) in &report.errors {
                crate::output::eprintln(&format!("Error: quadlet {src:?} failed to install: {e}"));
            }
            reload(&m, a.reload_systemd)?;
            if !report.errors.is_empty() {
                anyhow::bail!("errors occurred installing some Quadlets");
            }
            Ok(0)
        }
        QuadletCommand::List(a) => {
            let mut filters: Vec<regex::Regex> = Vec::new();
            for f in &a.filter {
                match f.split_once('=') {
                    Some(("name", v)) => filters.push(
                        regex::Regex::new(v).with_context(|| format!("invalid filter {f:?}"))?,
                    ),
                    Some((k, _)) => anyhow::bail!("{k} is not a valid filter: use name=PATTERN"),
                    None => anyhow::bail!("invalid filter {f:?}: use name=PATTERN"),
                }
            }
            let all = manage::installed(&dirs, &dir);
            let units: Vec<String> = all
                .iter()
                .filter_map(|q| q.unit_name.clone().ok())
                .collect();
            let states = if m.available() {
                m.states(&units)?
            } else {
                Default::default()
            };
            let rows: Vec<ListRow> = all
                .into_iter()
                .filter(|q| filters.iter().all(|re| re.is_match(&q.name)))
                .map(|q| {
                    let (unit, status) = match q.unit_name {
                        Ok(u) => {
                            let status = match states.get(&u) {
                                Some(s) if s.load == "loaded" => format!("{}/{}", s.active, s.sub),
                                _ => "Not loaded".to_string(),
                            };
                            (u, status)
                        }
                        Err(e) => (String::new(), e),
                    };
                    ListRow {
                        Name: q.name,
                        UnitName: unit,
                        Path: q.path.display().to_string(),
                        Status: status,
                        App: q.app.unwrap_or_default(),
                    }
                })
                .collect();
            let format = a.format.as_deref().unwrap_or(
                "{{range .}}{{.Name}}\t{{.UnitName}}\t{{.Path}}\t{{.Status}}\t{{.App}}\n{{end -}}",
            );
            if crate::output::template::is_json(format) {
                crate::output::print_json(&rows)?;
                return Ok(0);
            }
            let t = crate::output::template::Template::for_rows(format)?;
            let header = [ListRow {
                Name: "NAME".into(),
                UnitName: "UNIT NAME".into(),
                Path: "PATH ON DISK".into(),
                Status: "STATUS".into(),
                App: "APPLICATION".into(),
            }];
            let mut text = t.render(&header)?;
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&t.render(&rows)?);
            crate::output::print_raw(&crate::output::table::tabwriter(&text));
            Ok(0)
        }
        QuadletCommand::Print(a) => {
            let path = manage::find(&dirs, &a.quadlet)?;
            let text = fs_err::read_to_string(&path)?;
            crate::output::print_raw(&text);
            Ok(0)
        }
        QuadletCommand::Rm(a) => {
            if a.quadlets.is_empty() && !a.all {
                anyhow::bail!("at least one quadlet file must be selected: name it, or pass --all");
            }
            let plan = manage::plan_remove(&dirs, &dir, &a.quadlets, a.all, a.ignore);
            let mut errors: Vec<String> = plan
                .errors
                .iter()
                .map(|(n, e)| format!("unable to remove Quadlet {n}: {e}"))
                .collect();
            let running = m.available();
            let mut keep: Vec<String> = Vec::new();
            if running {
                let units: Vec<(String, String)> = plan
                    .quadlets
                    .iter()
                    .filter_map(|(n, p)| manage::service_name(p).ok().map(|u| (n.clone(), u)))
                    .collect();
                let names: Vec<String> = units.iter().map(|(_, u)| u.clone()).collect();
                let states = m.states(&names)?;
                for (n, u) in &units {
                    let active = states
                        .get(u)
                        .is_some_and(|s| s.load == "loaded" && s.active == "active");
                    if !active {
                        continue;
                    }
                    if !a.force {
                        errors.push(format!(
                            "unable to remove Quadlet {n}: {}",
                            manage::ManageError::Running(n.clone())
                        ));
                        keep.push(n.clone());
                    } else if let Err(e) = m.stop(u) {
                        errors.push(format!("unable to remove Quadlet {n}: {e}"));
                        keep.push(n.clone());
                    }
                }
            }
            let mut removed = plan.ignored.clone();
            for (n, p) in &plan.quadlets {
                if keep.contains(n) {
                    continue;
                }
                match manage::remove_file(p) {
                    Ok(()) => removed.push(n.clone()),
                    Err(e) => errors.push(format!("unable to remove Quadlet {n}: {e}")),
                }
            }
            if keep.is_empty() {
                for o in &plan.others {
                    manage::remove_file(o)?;
                }
            }
            for r in &removed {
                crate::output::println(r);
            }
            if running {
                reload(&m, a.reload_systemd)?;
            }
            if !errors.is_empty() {
                let last = errors.pop().expect("one error");
                for e in &errors {
                    crate::output::eprintln(&format!("Error: {e}"));
                }
                anyhow::bail!("{last}");
            }
            Ok(0)
        }
    }
}

/// Runs the generator; returns the process exit code.
pub fn run(args: QuadletArgs) -> anyhow::Result<u8> {
    if let Some(cmd) = args.command {
        return verb(cmd);
    }
    // A word that is neither a verb nor a directory (systemd passes the
    // generator absolute paths): podman's words for an unknown verb.
    if let Some(word) = args
        .output_dirs
        .first()
        .and_then(|d| d.to_str())
        .filter(|w| !w.contains('/') && !Path::new(w).is_dir())
    {
        let rpod = crate::this_program();
        anyhow::bail!(
            "unrecognized command `{rpod} quadlet {word}`\nTry '{rpod} quadlet --help' for more information"
        );
    }
    let opts = QuadletOptions {
        rpod_path: this_rpod_path(),
        user: args.user,
        ..Default::default()
    };
    let (dirs, dir_warnings) = search_dirs(args.user);
    for w in &dir_warnings {
        eprintln!("quadlet: {w}");
    }
    if args.verbose {
        for d in &dirs {
            eprintln!("quadlet: searching {}", d.display());
        }
    }
    let out_dir = if args.dryrun {
        None
    } else {
        Some(
            args.output_dirs
                .first()
                .context("missing output directory: pass one, or use --dryrun")?,
        )
    };
    let report = run_generator(&dirs, None, &opts)?;
    for w in &report.warnings {
        eprintln!("quadlet: warning: {w}");
    }
    for e in &report.errors {
        eprintln!("quadlet: {e}");
    }
    match out_dir {
        None => {
            let mut out = std::io::stdout().lock();
            for g in &report.units {
                writeln!(out, "---{}---", g.service_name)?;
                writeln!(out, "{}", g.unit)?;
            }
        }
        Some(dir) => {
            write_units(dir, &report.units, opts.user)?;
            if args.verbose {
                for g in &report.units {
                    eprintln!("quadlet: wrote {}", dir.join(&g.service_name).display());
                }
            }
        }
    }
    Ok(if report.errors.is_empty() { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_names() {
        let a = generator_args(
            "/usr/lib/systemd/user-generators/rpod-user-generator",
            &["/run/user/1/systemd/generator".into()],
        )
        .unwrap();
        assert!(a.user);
        assert_eq!(a.output_dirs.len(), 1);
        assert!(
            !generator_args("/x/rpod-system-generator", &[])
                .unwrap()
                .user
        );
        assert!(generator_args("/usr/bin/rpod", &[]).is_none());
    }

    /// Every Exec* line of generated .pod, .container (Pod=) and .kube units parses
    /// with rpod's own command line, and a rejected flag fails the check.
    #[test]
    fn pod_and_kube_units_run_rpod_verbs() {
        use clap::Parser;
        use libpod::systemd::quadlet::{generate, QuadletOptions};
        use libpod::systemd::unit::{split_words, UnitFile};

        let files = [
            (
                "app.pod",
                "[Pod]\nPodName=app\nPublishPort=8080:80\nNetwork=appnet\nAddHost=db:10.0.0.2\n\
                 DNS=1.1.1.1\nDNSSearch=example.com\nLabel=a=b\nHostName=apphost\n\
                 UserNS=keep-id\nStopTimeout=5\n",
            ),
            (
                "web.container",
                "[Container]\nImage=docker.io/library/nginx\nPod=app.pod\n",
            ),
            (
                "site.kube",
                "[Kube]\nYaml=/srv/a.yaml\nYaml=/srv/b.yaml\nConfigMap=/srv/cm.yaml\n\
                 Network=appnet\nPublishPort=8081:80\nUserNS=keep-id\nKubeDownForce=yes\n",
            ),
        ];
        let opts = QuadletOptions {
            units: files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            ..Default::default()
        };
        let parses = |line: &str| {
            let words = split_words(line.trim_start_matches('-')).unwrap();
            crate::cli::Cli::try_parse_from(&words).map_err(|e| format!("{line}: {e}"))
        };
        let mut lines = 0;
        for (name, text) in files {
            let g = generate(name, text, &opts).unwrap();
            assert!(g.warnings.is_empty(), "{name}: {:?}", g.warnings);
            let unit = UnitFile::parse(&g.service_name, &g.unit).unwrap();
            for key in ["ExecStartPre", "ExecStart", "ExecStop", "ExecStopPost"] {
                for line in unit.values("Service", key) {
                    parses(&line).unwrap();
                    lines += 1;
                }
            }
        }
        assert_eq!(lines, 4 + 3 + 2);
        assert!(parses("/usr/bin/rpod pod create --no-such-flag x --name y").is_err());
    }

    /// A `.container` setting every key podman 5.8.2 documents (and a
    /// `.network`, `.volume`, `.pod`, `.kube` with theirs) generates command
    /// lines rpod's own CLI accepts: no generated flag is missing in rpod.
    #[test]
    fn every_key_generates_flags_rpod_accepts() {
        use clap::Parser;
        use libpod::systemd::quadlet::{generate, QuadletOptions};
        use libpod::systemd::unit::{split_words, UnitFile};

        let files = [
            (
                "app.container",
                "[Container]\nImage=docker.io/library/nginx\nAddCapability=CAP_NET_RAW\n\
                 AddDevice=/dev/null\nAddHost=db:10.0.0.2\nAnnotation=a=b\nAppArmor=unconfined\n\
                 AutoUpdate=registry\nCgroupsMode=enabled\nContainerName=app\n\
                 ContainersConfModule=/etc/m.conf\nDNS=1.1.1.1\nDNSOption=ndots:1\n\
                 DNSSearch=example.com\nDropCapability=CAP_CHOWN\nEntrypoint=/bin/sh\n\
                 Environment=A=1\nEnvironmentFile=/etc/env\nEnvironmentHost=no\nExec=-c true\n\
                 ExposeHostPort=8080\nGIDMap=0:1:100\nGlobalArgs=--log-level=info\nGroup=10\n\
                 GroupAdd=wheel\nHealthCmd=true\nHealthInterval=30s\nHealthLogDestination=local\n\
                 HealthMaxLogCount=3\nHealthMaxLogSize=100\nHealthOnFailure=kill\nHealthRetries=2\n\
                 HealthStartPeriod=5s\nHealthStartupCmd=true\nHealthStartupInterval=1s\n\
                 HealthStartupRetries=1\nHealthStartupSuccess=1\nHealthStartupTimeout=5s\n\
                 HealthTimeout=5s\nHostName=app\nHttpProxy=false\nIP=10.0.0.9\nIP6=fd00::9\n\
                 Label=l=1\nLogDriver=k8s-file\nLogOpt=max-size=1m\nMask=/proc/kcore\n\
                 Memory=512m\nMount=type=tmpfs,destination=/t\nNetwork=appnet.network\n\
                 NetworkAlias=web\nNoNewPrivileges=yes\nNotify=healthy\nPidsLimit=100\n\
                 PodmanArgs=--cpus=1\nPublishPort=8080:80\nPull=never\nReadOnly=yes\n\
                 ReadOnlyTmpfs=no\nReloadSignal=SIGHUP\nRetry=2\nRetryDelay=1s\nRunInit=yes\n\
                 SeccompProfile=unconfined\nSecret=s\nSecurityLabelDisable=yes\n\
                 SecurityLabelFileType=t\nSecurityLabelLevel=s0\nSecurityLabelNested=yes\n\
                 SecurityLabelType=t\nShmSize=64m\nStartWithPod=yes\nStopSignal=SIGTERM\n\
                 StopTimeout=5\nSysctl=net.ipv4.ip_forward=1\nTimezone=UTC\nTmpfs=/run\n\
                 UIDMap=0:1:100\nUlimit=nofile=100:100\nUnmask=/proc/acpi\nUser=1\n\
                 VolatileTmp=no\nVolume=data.volume:/data\nWorkingDir=%h\n",
            ),
            (
                "data.volume",
                "[Volume]\nCopy=no\nDevice=tmpfs\nDriver=local\nType=tmpfs\nLabel=a=b\n\
                 Options=size=10m\nUser=0\nGroup=0\nVolumeName=data\n",
            ),
            (
                "appnet.network",
                "[Network]\nDNS=1.1.1.1\nDisableDNS=no\nDriver=bridge\nGateway=10.9.0.1\n\
                 IPAMDriver=host-local\nIPRange=10.9.0.128/25\nIPv6=no\nInterfaceName=br9\n\
                 Internal=no\nLabel=a=b\nNetworkDeleteOnStop=yes\nNetworkName=appnet\n\
                 Options=mtu=1400\nSubnet=10.9.0.0/24\n",
            ),
            (
                "grp.pod",
                "[Pod]\nAddHost=a:10.0.0.1\nDNS=1.1.1.1\nDNSSearch=x\nExitPolicy=continue\n\
                 HostName=h\nLabel=a=b\nNetwork=appnet.network\nPodName=grp\n\
                 PublishPort=9090:90\nStopTimeout=3\nUserNS=keep-id\n",
            ),
            (
                "pulled.image",
                "[Image]\nImage=docker.io/library/nginx\nImageTag=localhost/web\nArch=amd64\n\
                 AuthFile=/a.json\nCertDir=/c\nCreds=u:p\nOS=linux\nRetry=1\nRetryDelay=1s\n\
                 TLSVerify=no\nVariant=v8\nPolicy=missing\nPodmanArgs=--quiet\n",
            ),
            (
                "built.build",
                "[Build]\nImageTag=localhost/b\nAuthFile=/a.json\nBuildArg=A=1\n\
                 Environment=E=1\nFile=/srv/Containerfile\nIgnoreFile=/srv/.ignore\nLabel=l=1\n\
                 Network=appnet.network\nPull=always\nSecret=id=s,src=/s\n\
                 SetWorkingDirectory=/srv\nTarget=t\nTLSVerify=yes\nVolume=/srv:/srv\n\
                 Annotation=k=v\nArch=amd64\nDNS=1.1.1.1\nDNSOption=ndots:1\nDNSSearch=x\n\
                 ForceRM=no\nGroupAdd=keep-groups\nRetry=2\nRetryDelay=1s\nVariant=v2\n",
            ),
            (
                "fromimage.container",
                "[Container]\nImage=pulled.image\nMount=type=image,source=built.build,destination=/b\n",
            ),
            (
                "site.kube",
                "[Kube]\nYaml=/srv/a.yaml\nAutoUpdate=registry\nConfigMap=/srv/cm.yaml\n\
                 KubeDownForce=yes\nLogDriver=k8s-file\nLogOpt=max-size=1m\n\
                 Network=appnet.network\nPublishPort=8081:80\nRemapUsers=keep-id\n",
            ),
        ];
        let opts = QuadletOptions {
            units: files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            ..Default::default()
        };
        for (name, text) in files {
            let g = generate(name, text, &opts).unwrap_or_else(|e| panic!("{name}: {e}"));
            let unit = UnitFile::parse(&g.service_name, &g.unit).unwrap();
            for key in [
                "ExecStartPre",
                "ExecStart",
                "ExecStop",
                "ExecStopPost",
                "ExecReload",
            ] {
                for line in unit.values("Service", key) {
                    let words = split_words(line.trim_start_matches('-')).unwrap();
                    if let Err(e) = crate::cli::Cli::try_parse_from(&words) {
                        panic!("{name} {key}={line}:\n{e}");
                    }
                }
            }
        }
    }
}
