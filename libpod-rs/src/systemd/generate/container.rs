//! The unit of one container: `ExecStart` of the container itself, or with
//! `--new` a unit that creates it from its create command.

use super::{
    escape_arg, format_command, parse_create_command, service_name, user_dependencies,
    ContainerUnit, GenerateError, GenerateInput, GenerateOptions, MIN_TIMEOUT_STOP_SEC,
    RESTART_POLICIES,
};

/// Generates the service for one container.
pub fn container_unit(
    c: &GenerateInput,
    opts: &GenerateOptions,
) -> Result<ContainerUnit, GenerateError> {
    let mut warnings = Vec::new();
    let mut restart = "on-failure".to_string();
    if let Some(p) = &opts.restart_policy {
        if !RESTART_POLICIES.contains(&p.as_str()) {
            return Err(GenerateError::RestartPolicy(p.clone()));
        }
        restart.clone_from(p);
    }
    let stop_timeout = opts.stop_timeout.unwrap_or(c.stop_timeout);
    let name_or_id = if opts.use_name { &c.name } else { &c.id };
    let service = service_name(&opts.container_prefix, &opts.separator, name_or_id);
    let exe = escape_arg(&opts.executable);
    let t = stop_timeout.to_string();
    let mut extra_env = Vec::new();
    let mut start_limit_burst = None;

    let (kind, notify_access, start, stop, stop_post) = if opts.new {
        if c.create_command.is_empty() {
            return Err(GenerateError::NoCreateCommand(name_or_id.clone()));
        }
        let cc = parse_create_command(&c.create_command).ok_or_else(|| {
            GenerateError::BadCreateCommand(name_or_id.clone(), c.create_command.clone())
        })?;
        let root: Vec<String> = cc.root_flags.iter().map(|a| escape_arg(a)).collect();
        let cmd = |verb: &[&str]| -> Vec<String> {
            let mut v = vec![exe.clone()];
            v.extend(root.iter().cloned());
            v.extend(verb.iter().map(|s| s.to_string()));
            v
        };
        let mut start = cmd(&[
            "run",
            "--cidfile=%t/%n.ctr-id",
            "--cgroups=no-conmon",
            "--rm",
            "--sdnotify=conmon",
            "-d",
        ]);
        if let Some(p) = &opts.pod {
            start.push("--pod".into());
            start.push(escape_arg(&p.name));
        }
        match (&cc.name, opts.template) {
            (Some(n), template) => {
                start.push("--replace".into());
                start.push("--name".into());
                // Each instance's container is NAME-INSTANCE (podman's).
                let suffix = if template { "-%i" } else { "" };
                start.push(format!("{}{suffix}", escape_arg(n)));
            }
            (None, true) => start.push(format!("--name={service}-%i")),
            (None, false) => {}
        }
        start.extend(cc.flags.iter().map(|a| escape_arg(a)));
        start.extend(cc.positional.iter().map(|a| escape_arg(a)));
        let mut stop = cmd(&["stop", "--ignore", "-t"]);
        stop.extend([t.clone(), "--cidfile=%t/%n.ctr-id".into()]);
        let mut post = cmd(&["rm", "-f", "--ignore", "-t"]);
        post.extend([t.clone(), "--cidfile=%t/%n.ctr-id".into()]);
        if opts.restart_policy.is_none() {
            if let Some(r) = &cc.restart {
                let (name, count) = r.split_once(':').unwrap_or((r, ""));
                restart = match name {
                    "unless-stopped" => "always".into(),
                    "" => "no".into(),
                    n => n.into(),
                };
                if !count.is_empty() {
                    start_limit_burst = Some(count.to_string());
                }
            }
        }
        for key in &cc.env_names {
            if let Some(kv) = c
                .env
                .iter()
                .find(|kv| kv.split_once('=').is_some_and(|(k, _)| k == key))
            {
                extra_env.push(escape_arg(kv));
            }
        }
        ("notify", Some("all"), start, stop, post)
    } else {
        if !matches!(c.restart.as_str(), "" | "no") {
            warnings.push(format!(
                "container {} has restart policy {:?} which can lead to issues on shutdown: consider recreating the container without a restart policy and use systemd's restart mechanism instead",
                c.id, c.restart
            ));
        }
        let notify = matches!(c.sdnotify.as_str(), "conmon" | "container" | "healthy");
        if !notify {
            warnings.push(format!(
                "container {} was not created with --sdnotify=conmon: the unit is Type=forking and systemd guesses its main PID; recreate the container with --sdnotify=conmon, or use --new",
                c.id
            ));
        }
        let root: Vec<String> = opts.root_flags.iter().map(|a| escape_arg(a)).collect();
        let cmd = |rest: &[&str]| -> Vec<String> {
            let mut v = vec![exe.clone()];
            v.extend(root.iter().cloned());
            v.extend(rest.iter().map(|s| s.to_string()));
            v
        };
        let start = cmd(&["start", name_or_id]);
        let stop = cmd(&["stop", "-t", &t, name_or_id]);
        let post = stop.clone();
        if notify {
            ("notify", Some("all"), start, stop, post)
        } else {
            ("forking", None, start, stop, post)
        }
    };

    let (at, for_instance, instance) = if opts.template {
        ("@", " for %I", "-%i")
    } else {
        ("", "", "")
    };
    let mut s = String::new();
    s.push_str(&format!("# {service}{at}.service\n"));
    if !opts.no_header {
        s.push_str(&format!("# autogenerated by rpod {}\n", opts.version));
        if let Some(ts) = &opts.timestamp {
            s.push_str(&format!("# {ts}\n"));
        }
    }
    s.push_str("\n[Unit]\n");
    s.push_str(&format!(
        "Description=rpod {service}.service{for_instance}\n"
    ));
    s.push_str("Documentation=man:rpod-generate-systemd(1)\n");
    s.push_str("Wants=network-online.target\n");
    s.push_str("After=network-online.target\n");
    s.push_str(&format!(
        "RequiresMountsFor={} {}\n",
        escape_arg(&c.graph_root),
        escape_arg(&c.run_root)
    ));
    if let Some(p) = &opts.pod {
        s.push_str(&format!("BindsTo={}.service\n", p.service));
        s.push_str(&format!("After={}.service\n", p.service));
    }
    s.push_str(&user_dependencies(opts));
    s.push_str("\n[Service]\n");
    s.push_str(&format!("Environment=PODMAN_SYSTEMD_UNIT=%n{instance}\n"));
    if !extra_env.is_empty() {
        s.push_str(&format!("Environment={}\n", extra_env.join(" ")));
    }
    for e in &opts.env {
        s.push_str(&format!("Environment={}\n", escape_arg(e)));
    }
    s.push_str(&format!("Restart={restart}\n"));
    if let Some(sec) = opts.restart_sec.filter(|s| *s != 0) {
        s.push_str(&format!("RestartSec={sec}\n"));
    }
    if let Some(b) = start_limit_burst {
        s.push_str(&format!("StartLimitBurst={b}\n"));
    }
    if let Some(t) = opts.start_timeout.filter(|t| *t != 0) {
        s.push_str(&format!("TimeoutStartSec={t}\n"));
    }
    s.push_str(&format!(
        "TimeoutStopSec={}\n",
        MIN_TIMEOUT_STOP_SEC + stop_timeout
    ));
    s.push_str(&format!("ExecStart={}\n", format_command(&start)));
    s.push_str(&format!("ExecStop={}\n", format_command(&stop)));
    s.push_str(&format!("ExecStopPost={}\n", format_command(&stop_post)));
    s.push_str(&format!("Type={kind}\n"));
    if let Some(a) = notify_access {
        s.push_str(&format!("NotifyAccess={a}\n"));
    }
    s.push_str("\n[Install]\nWantedBy=default.target\n");
    Ok(ContainerUnit {
        service_name: service,
        text: s,
        warnings,
    })
}
