//! The verbs that print: `ps`, `logs`, `top`, `port`, `images`, `ls`,
//! `config`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Mutex;

use libpod::compose::project::{self, Context};
use libpod::compose::{self, Format, Loaded};
use libpod::container::logs::ReadOptions;
use serde::Serialize;

use crate::commands::Globals;
use crate::output;

use super::indexed;
use super::{ConfigArgs, ConfigFormat, LogsArgs, PortArgs, PsArgs, ServicesArgs};

/// A `compose ps` row (Docker Compose's field names).
#[derive(Serialize)]
#[allow(non_snake_case)]
struct PsRow {
    ID: String,
    Name: String,
    Image: String,
    Command: String,
    Project: String,
    Service: String,
    Created: i64,
    CreatedHuman: String,
    State: String,
    Status: String,
    ExitCode: i32,
    Ports: String,
    Labels: BTreeMap<String, String>,
}

const PS_HEADERS: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Name", "NAME"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("Project", "PROJECT"),
    ("Service", "SERVICE"),
    ("CreatedHuman", "CREATED"),
    ("Created", "CREATED"),
    ("State", "STATE"),
    ("Status", "STATUS"),
    ("ExitCode", "EXIT CODE"),
    ("Ports", "PORTS"),
    ("Labels", "LABELS"),
];

const PS_DEFAULT: &str = "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}";

pub(super) fn run_ps(ctx: &Context<'_>, a: PsArgs) -> anyhow::Result<u8> {
    let entries = project::ps(ctx, &a.services, a.all)?;
    if a.services_only {
        let mut seen = Vec::new();
        for e in &entries {
            if !seen.contains(&e.service) {
                output::println(&e.service);
                seen.push(e.service.clone());
            }
        }
        return Ok(0);
    }
    if a.quiet {
        for e in &entries {
            output::println(&e.container.config.id);
        }
        return Ok(0);
    }
    let now = chrono::Utc::now();
    let rows: Vec<PsRow> = entries
        .iter()
        .map(|e| {
            let c = &e.container;
            let mut command = c.config.command.join(" ");
            if command.chars().count() > 20 {
                command = command.chars().take(17).collect::<String>() + "...";
            }
            PsRow {
                ID: c.config.id.clone(),
                Name: c.config.name.clone(),
                Image: c.config.image_name.clone(),
                Command: format!("\"{command}\""),
                Project: ctx.project.name.clone(),
                Service: e.service.clone(),
                Created: c.config.created.timestamp(),
                CreatedHuman: output::human::since(&c.config.created),
                State: c.state.status.to_string(),
                Status: crate::commands::ps::status_text(
                    c,
                    now,
                    &ctx.engine
                        .health_of(c)
                        .map(|h| h.status.as_str().to_string())
                        .unwrap_or_default(),
                ),
                ExitCode: c.state.exit_code,
                Ports: libpod::network::ports::format_ports(&c.config.port_mappings),
                Labels: c.config.labels.clone(),
            }
        })
        .collect();
    let format = output::row_format(a.format.as_deref(), PS_DEFAULT);
    output::print_rows(format, &rows, PS_HEADERS, false, "containers.psReporter")
}

pub(super) fn run_logs(ctx: &Context<'_>, a: LogsArgs) -> anyhow::Result<u8> {
    let containers = ctx.service_containers(&a.services)?;
    let tail = match a.tail.as_deref() {
        None | Some("all") => None,
        Some(n) => usize::try_from(
            n.parse::<i64>()
                .map_err(|_| anyhow::anyhow!("--tail {n}: expected a number or all"))?,
        )
        .ok(),
    };
    let opts = ReadOptions {
        tail,
        timestamps: a.timestamps,
        ..ReadOptions::default()
    };
    let out: Mutex<std::io::Stdout> = Mutex::new(std::io::stdout());
    if a.no_log_prefix {
        let mut o = std::io::stdout();
        let mut e = std::io::stdout();
        for c in &containers {
            libpod::container::logs::read(&ctx.engine.log_path(c), &opts, &mut o, &mut e)?;
        }
        return Ok(0);
    }
    let colour = !a.no_color && std::io::stdout().is_terminal();
    project::logs::show(ctx.engine, &containers, &opts, a.follow, colour, &out)?;
    Ok(0)
}

pub(super) fn run_top(ctx: &Context<'_>, a: ServicesArgs) -> anyhow::Result<u8> {
    for c in ctx.service_containers(&a.services)? {
        if !project::is_running(&c) {
            continue;
        }
        output::println(&c.config.name);
        let procs = ctx.engine.container_processes(&c.config.id)?;
        let mut lines = vec!["USER\tPID\tPPID\t%CPU\tELAPSED\tTTY\tTIME\tCOMMAND".to_string()];
        for p in procs {
            lines.push(format!(
                "{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}",
                p.user,
                p.pid,
                p.ppid,
                p.cpu_percent,
                output::human::go_duration(p.elapsed),
                p.tty,
                output::human::go_duration(p.cpu_time),
                p.command
            ));
        }
        output::print_raw(&output::table::align(&lines));
        output::println("");
    }
    Ok(0)
}

pub(super) fn run_port(ctx: &Context<'_>, a: PortArgs) -> anyhow::Result<u8> {
    let c = indexed(ctx, &a.service, a.index)?;
    let ports = ctx.engine.container_ports(&c.config.id)?;
    match ports.iter().find(|p| p.container_port == a.port) {
        Some(p) => {
            let ip = p
                .host_ip
                .map_or_else(|| "0.0.0.0".to_string(), |ip| ip.to_string());
            output::println(&format!("{ip}:{}", p.host_port));
            Ok(0)
        }
        None => anyhow::bail!("no port {} published for service {:?}", a.port, a.service),
    }
}

pub(super) fn run_images(ctx: &Context<'_>, a: ServicesArgs) -> anyhow::Result<u8> {
    let mut lines = vec!["CONTAINER\tREPOSITORY\tTAG\tIMAGE ID\tSIZE".to_string()];
    for c in ctx.service_containers(&a.services)? {
        let name = &c.config.image_name;
        let (repo, tag) = match name.rsplit_once(':') {
            Some((r, t)) if !t.contains('/') => (r.to_string(), t.to_string()),
            _ => (name.clone(), "latest".to_string()),
        };
        let size = ctx
            .engine
            .find_image(&c.config.image_id)
            .map(|i| output::human::size(i.size()))
            .unwrap_or_default();
        let id: String = c.config.image_id.chars().take(12).collect();
        lines.push(format!("{}\t{repo}\t{tag}\t{id}\t{size}", c.config.name));
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
}

pub(super) fn run_ls(g: &Globals) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let mut projects: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
    for c in engine.containers()? {
        let Some(p) = c.config.labels.get(project::labels::PROJECT) else {
            continue;
        };
        let e = projects.entry(p.clone()).or_insert((0, 0, String::new()));
        e.0 += 1;
        if project::is_running(&c) {
            e.1 += 1;
        }
        if let Some(f) = c.config.labels.get(project::labels::CONFIG_FILES) {
            e.2.clone_from(f);
        }
    }
    let mut lines = vec!["NAME\tSTATUS\tCONFIG FILES".to_string()];
    for (name, (all, running, files)) in projects {
        let status = if running == all {
            format!("running({running})")
        } else {
            format!("running({running}), exited({})", all - running)
        };
        lines.push(format!("{name}\t{status}\t{files}"));
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
}

pub(super) fn run_config(loaded: &Loaded, args: &ConfigArgs) -> anyhow::Result<u8> {
    let p = &loaded.project;
    if args.list_services {
        for name in p.service_order() {
            output::println(&name);
        }
    } else if args.list_volumes {
        for name in p.volumes.keys() {
            output::println(name);
        }
    } else if args.list_networks {
        for name in p.networks.keys() {
            output::println(name);
        }
    } else if args.list_profiles {
        for name in &loaded.profiles {
            output::println(name);
        }
    } else {
        let format = match args.format {
            ConfigFormat::Yaml => Format::Yaml,
            ConfigFormat::Json => Format::Json,
        };
        let text = compose::render(loaded, format).map_err(libpod::Error::from)?;
        if !args.quiet {
            output::print_raw(&text);
        }
    }
    Ok(0)
}
