//! The units of a pod: the pod's own (its infra container) and one per
//! member container.

use super::{
    container_unit, escape_arg, format_command, service_name, user_dependencies, ContainerUnit,
    GenerateError, GenerateInput, GenerateOptions, PodRef, MIN_TIMEOUT_STOP_SEC, RESTART_POLICIES,
};

/// What the generator needs to know about a pod.
#[derive(Debug, Clone, Default)]
pub struct PodInput {
    /// Full ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// The command line that created it (`rpod pod create …`).
    pub create_command: Vec<String>,
    /// The store's graph root.
    pub graph_root: String,
    /// The store's run root.
    pub run_root: String,
}

/// Pod create flags the unit sets itself, removed from the replayed command.
pub(super) const POD_STRIPPED_LONG: &[&str] = &[
    "name",
    "replace",
    "pod-id-file",
    "exit-policy",
    "infra-conmon-pidfile",
];

/// `pod create` flags that take no value (the binary's unit test checks
/// this against its clap definition).
pub const POD_NO_VALUE_LONG: &[&str] = &["replace", "oom-kill-disable", "no-hosts", "no-hostname"];

/// `pod create` flags whose value, if any, follows `=` (`--infra`,
/// `--infra=false`).
pub const POD_OPTIONAL_VALUE_LONG: &[&str] = &["infra", "share-parent"];

/// Takes a `pod create` command line apart: (global flags, kept flags, name).
pub(super) fn parse_pod_create(
    argv: &[String],
) -> Option<(Vec<String>, Vec<String>, Option<String>)> {
    let verb = argv
        .windows(2)
        .position(|w| w[0] == "pod" && w[1] == "create")?;
    let root = argv.get(1..verb)?.to_vec();
    let (mut flags, mut name) = (Vec::new(), None);
    let mut i = verb + 2;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        let (flag, inline) = if let Some(long) = a.strip_prefix("--") {
            match long.split_once('=') {
                Some((f, v)) => (f.to_string(), Some(v.to_string())),
                None => (long.to_string(), None),
            }
        } else if let Some(short) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
            let (f, v) = short.split_at(1);
            let long = match f {
                "n" => "name",
                "p" => "publish",
                "l" => "label",
                "v" => "volume",
                other => other,
            };
            (long.to_string(), (!v.is_empty()).then(|| v.to_string()))
        } else {
            name = Some(a.clone());
            continue;
        };
        let value = if POD_NO_VALUE_LONG.contains(&flag.as_str()) {
            None
        } else {
            match inline {
                Some(v) => Some(v),
                None if POD_OPTIONAL_VALUE_LONG.contains(&flag.as_str()) => None,
                None => {
                    i += 1;
                    Some(argv.get(i - 1)?.clone())
                }
            }
        };
        if flag == "name" {
            name = value;
        } else if !POD_STRIPPED_LONG.contains(&flag.as_str()) {
            match value {
                // Kept as one word: `--infra false` would read `false` as the pod's name.
                Some(v) if POD_OPTIONAL_VALUE_LONG.contains(&flag.as_str()) => {
                    flags.push(format!("--{flag}={v}"));
                }
                v => {
                    flags.push(format!("--{flag}"));
                    flags.extend(v);
                }
            }
        }
    }
    Some((root, flags, name))
}

/// Generates the units of a pod: one per member, then the pod's, which `Wants=` and comes `Before=` its
/// members', then one per member (`BindsTo=` and `After=` the pod's). rpod's pods
/// have no infra container, so the pod's unit is `Type=oneshot` with
/// `RemainAfterExit=yes`: it creates (with `--new`) and starts the pod, and stays
/// active while the members run.
pub fn pod_units(
    pod: &PodInput,
    members: &[GenerateInput],
    opts: &GenerateOptions,
    pod_prefix: &str,
) -> Result<Vec<ContainerUnit>, GenerateError> {
    if opts.template {
        return Err(GenerateError::PodTemplate);
    }
    // The members' units take the policy; the pod's is Type=oneshot, which
    // systemd (before 254) refuses a Restart= for.
    if let Some(p) = &opts.restart_policy {
        if !RESTART_POLICIES.contains(&p.as_str()) {
            return Err(GenerateError::RestartPolicy(p.clone()));
        }
    }
    let name_or_id = if opts.use_name { &pod.name } else { &pod.id };
    let service = service_name(pod_prefix, &opts.separator, name_or_id);
    let member_opts = GenerateOptions {
        pod: Some(PodRef {
            service: service.clone(),
            name: pod.name.clone(),
        }),
        ..opts.clone()
    };
    let mut units = Vec::new();
    for m in members {
        units.push(container_unit(m, &member_opts)?);
    }
    let stop_timeout = opts.stop_timeout.unwrap_or(10);
    let exe = escape_arg(&opts.executable);
    let id_file = format!("%t/{service}.pod-id");
    let (root, pre) = if opts.new {
        let (root, flags, _) = parse_pod_create(&pod.create_command)
            .ok_or_else(|| GenerateError::PodCreateCommand(name_or_id.clone()))?;
        let root: Vec<String> = root.iter().map(|a| escape_arg(a)).collect();
        let mut create = vec![exe.clone()];
        create.extend(root.iter().cloned());
        create.extend(
            [
                "pod",
                "create",
                "--pod-id-file",
                &id_file,
                "--exit-policy=stop",
                "--replace",
                "--name",
            ]
            .map(String::from),
        );
        create.push(escape_arg(&pod.name));
        create.extend(flags.iter().map(|a| escape_arg(a)));
        (
            root,
            vec![format!("/bin/rm -f {id_file}"), format_command(&create)],
        )
    } else {
        (
            opts.root_flags.iter().map(|a| escape_arg(a)).collect(),
            Vec::new(),
        )
    };
    let cmd = |rest: &[&str]| -> Vec<String> {
        let mut v = vec![exe.clone()];
        v.extend(root.iter().cloned());
        v.extend(rest.iter().map(|s| s.to_string()));
        v
    };
    let target = escape_arg(if opts.new { &pod.name } else { name_or_id });
    let t = stop_timeout.to_string();
    let start = cmd(&["pod", "start", &target]);
    let stop = cmd(&["pod", "stop", "--ignore", "-t", &t, &target]);
    let post = if opts.new {
        Some(cmd(&[
            "pod",
            "rm",
            "--ignore",
            "-f",
            "--pod-id-file",
            &id_file,
        ]))
    } else {
        None
    };

    let services: Vec<String> = units
        .iter()
        .map(|u| format!("{}.service", u.service_name))
        .collect();
    let mut s = String::new();
    s.push_str(&format!("# {service}.service\n"));
    if !opts.no_header {
        s.push_str(&format!("# autogenerated by rpod {}\n", opts.version));
        if let Some(ts) = &opts.timestamp {
            s.push_str(&format!("# {ts}\n"));
        }
    }
    s.push_str("\n[Unit]\n");
    s.push_str(&format!("Description=rpod {service}.service\n"));
    s.push_str("Documentation=man:rpod-generate-systemd(1)\n");
    s.push_str("Wants=network-online.target\n");
    s.push_str("After=network-online.target\n");
    s.push_str(&format!(
        "RequiresMountsFor={} {}\n",
        escape_arg(&pod.graph_root),
        escape_arg(&pod.run_root)
    ));
    if !services.is_empty() {
        s.push_str(&format!("Wants={}\n", services.join(" ")));
        s.push_str(&format!("Before={}\n", services.join(" ")));
    }
    s.push_str(&user_dependencies(opts));
    s.push_str("\n[Service]\n");
    s.push_str("Environment=PODMAN_SYSTEMD_UNIT=%n\n");
    for e in &opts.env {
        s.push_str(&format!("Environment={}\n", escape_arg(e)));
    }
    if let Some(t) = opts.start_timeout.filter(|t| *t != 0) {
        s.push_str(&format!("TimeoutStartSec={t}\n"));
    }
    s.push_str(&format!(
        "TimeoutStopSec={}\n",
        MIN_TIMEOUT_STOP_SEC + stop_timeout
    ));
    for p in &pre {
        s.push_str(&format!("ExecStartPre={p}\n"));
    }
    s.push_str(&format!("ExecStart={}\n", format_command(&start)));
    s.push_str(&format!("ExecStop={}\n", format_command(&stop)));
    if let Some(p) = post {
        s.push_str(&format!("ExecStopPost={}\n", format_command(&p)));
    }
    s.push_str("Type=oneshot\nRemainAfterExit=yes\n");
    s.push_str("\n[Install]\nWantedBy=default.target\n");
    units.push(ContainerUnit {
        service_name: service,
        text: s,
        warnings: Vec::new(),
    });
    Ok(units)
}
