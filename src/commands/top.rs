//! `rpod top`: the processes running in a container, with podman's (psgo's)
//! format descriptors, or ps(1) in the container for any other arguments.

use clap::Args;
use libpod::engine::ProcessInfo;

use super::Globals;
use crate::output;

/// Arguments of `rpod top`.
#[derive(Debug, Args)]
pub struct TopArgs {
    /// Act on the latest container (the arguments are then all descriptors)
    #[arg(short, long)]
    pub latest: bool,
    /// List the supported format descriptors
    #[arg(long)]
    pub list_descriptors: bool,
    /// The container
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["latest", "list_descriptors"])]
    pub container: Option<String>,
    /// Format descriptors (`pid,user,args`, AIX `%p %u %a`) or ps(1) options
    #[arg(
        value_name = "DESCRIPTORS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub descriptors: Vec<String>,
}

/// The descriptor names `top` takes (shell completion offers them).
pub fn descriptor_names() -> Vec<&'static str> {
    DESCRIPTORS.iter().map(|(n, _, _)| *n).collect()
}

/// psgo's descriptors (podman's `top` format): name, AIX code, header.
const DESCRIPTORS: &[(&str, &str, &str)] = &[
    ("pcpu", "%C", "%CPU"),
    ("group", "%G", "GROUP"),
    ("groups", "", "GROUPS"),
    ("ppid", "%P", "PPID"),
    ("user", "%U", "USER"),
    ("uid", "", "UID"),
    ("args", "%a", "COMMAND"),
    ("comm", "%c", "COMMAND"),
    ("rgroup", "%g", "RGROUP"),
    ("nice", "%n", "NI"),
    ("pid", "%p", "PID"),
    ("pgid", "%r", "PGID"),
    ("etime", "%t", "ELAPSED"),
    ("ruser", "%u", "RUSER"),
    ("time", "%x", "TIME"),
    ("tty", "%y", "TTY"),
    ("vsz", "%z", "VSZ"),
    ("capamb", "", "AMBIENT CAPS"),
    ("capinh", "", "INHERITED CAPS"),
    ("capprm", "", "PERMITTED CAPS"),
    ("capeff", "", "EFFECTIVE CAPS"),
    ("capbnd", "", "BOUNDING CAPS"),
    ("seccomp", "", "SECCOMP"),
    ("label", "", "LABEL"),
    ("hpid", "", "HPID"),
    ("huser", "", "HUSER"),
    ("huid", "", "HUID"),
    ("hgroup", "", "HGROUP"),
    ("rss", "", "RSS"),
    ("state", "", "STATE"),
    ("stime", "", "STIME"),
];

/// podman's default: `ps -ef`'s columns.
const DEFAULT: [&str; 8] = [
    "user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args",
];

/// Runs `rpod top`: psgo's descriptors read from /proc; other arguments go
/// to ps(1) in the container, as podman does.
pub fn run(g: &Globals, args: TopArgs) -> anyhow::Result<u8> {
    if args.list_descriptors {
        let mut names: Vec<&str> = DESCRIPTORS.iter().map(|d| d.0).collect();
        names.sort_unstable();
        output::print_raw(&format!("{}\n", names.join("\n")));
        return Ok(0);
    }
    let engine = g.engine(false)?;
    let mut given = args.descriptors;
    let container = match args.container {
        Some(c) if args.latest => {
            given.insert(0, c);
            engine.latest_container()?.config.id
        }
        Some(c) => c.trim_start_matches('/').to_string(),
        None => engine.latest_container()?.config.id,
    };
    // Also comma-separated, as podman splits them.
    let split: Vec<String> = given
        .iter()
        .flat_map(|d| d.split([',', ' ']))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let wanted: Option<Vec<&(&str, &str, &str)>> = if split.is_empty() {
        DEFAULT
            .iter()
            .map(|n| DESCRIPTORS.iter().find(|d| d.0 == *n))
            .collect()
    } else {
        split
            .iter()
            .map(|s| {
                DESCRIPTORS
                    .iter()
                    .find(|d| d.0 == s || (!d.1.is_empty() && d.1 == s))
            })
            .collect()
    };
    let Some(wanted) = wanted else {
        return ps_fallback(&engine, &container, &given);
    };
    let procs = engine.container_processes(&container)?;
    let mut lines = vec![wanted.iter().map(|d| d.2).collect::<Vec<_>>().join("\t")];
    for p in &procs {
        lines.push(
            wanted
                .iter()
                .map(|d| value(p, d.0))
                .collect::<Vec<_>>()
                .join("\t"),
        );
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
}

/// ps(1) in the container with the user's arguments (one argument is split
/// as a shell would); ps's own line is left out, as podman does.
fn ps_fallback(engine: &libpod::Engine, container: &str, given: &[String]) -> anyhow::Result<u8> {
    let ps_args: Vec<String> = if given.len() == 1 {
        libpod::compose::config::shell_split(&given[0])
            .map_err(|e| anyhow::anyhow!("parsing ps args: {e}"))?
    } else {
        given.to_vec()
    };
    let joined = given.join(" ");
    let lines = engine.container_ps(container, &ps_args)?;
    let kept: Vec<String> = lines.into_iter().filter(|l| !l.contains(&joined)).collect();
    output::print_raw(&kept.iter().map(|l| format!("{l}\n")).collect::<String>());
    Ok(0)
}

/// One descriptor's value for a process, as psgo prints it.
fn value(p: &ProcessInfo, descriptor: &str) -> String {
    let caps = |i: usize| caps_text(p.caps[i]);
    match descriptor {
        "pcpu" => format!("{:.3}", p.cpu_percent),
        "group" => p.group.clone(),
        "groups" => p.groups.join(","),
        "ppid" => p.ppid.clone(),
        "user" => p.user.clone(),
        "uid" => p.uid.to_string(),
        "args" if p.command.is_empty() => format!("[{}]", p.comm),
        "args" => p.command.clone(),
        "comm" => p.comm.clone(),
        "rgroup" => p.rgroup.clone(),
        "nice" => p.nice.clone(),
        "pid" => p.pid.clone(),
        "pgid" => p.pgid.clone(),
        "etime" => output::human::go_duration(p.elapsed),
        "ruser" => p.ruser.clone(),
        "time" => output::human::go_duration(p.cpu_time),
        "tty" => p.tty.clone(),
        "vsz" => p.vsz_kib.to_string(),
        "capamb" => caps(0),
        "capinh" => caps(1),
        "capprm" => caps(2),
        "capeff" => caps(3),
        "capbnd" => caps(4),
        "seccomp" => match p.seccomp {
            Some(0) => "disabled".into(),
            Some(1) => "strict".into(),
            Some(2) => "filter".into(),
            _ => "?".into(),
        },
        "label" => p.label.clone(),
        "hpid" => p.host_pid.clone(),
        "huser" => p.host_user.clone(),
        "huid" => p.host_uid.to_string(),
        "hgroup" => p.host_group.clone(),
        "rss" => p.rss_kib.to_string(),
        "state" => p.state.clone(),
        "stime" => p.started.format("%Y-%m-%d %H:%M:%S%.f %z %Z").to_string(),
        _ => String::new(),
    }
}

/// A capability mask as psgo prints it: `full`, `none`, or the names
/// without `CAP_`, sorted.
fn caps_text(mask: u64) -> String {
    let all = libpod::spec::ALL_CAPS;
    let full = (1u64 << all.len()) - 1;
    if mask & full == full {
        return "full".into();
    }
    let mut names: Vec<&str> = (0..64)
        .filter(|i| mask >> i & 1 == 1)
        .map(|i| {
            all.get(i)
                .map_or("unknown", |n| n.trim_start_matches("CAP_"))
        })
        .collect();
    if names.is_empty() {
        return "none".into();
    }
    names.sort_unstable();
    names.join(",")
}
