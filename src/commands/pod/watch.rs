//! `rpod pod top`, `rpod pod logs` and `rpod pod stats`: the members'
//! processes, output and resource usage.

use libpod::container::Status;
use libpod::engine::Pod;
use libpod::Engine;

use super::{LogsArgs, StatsArgs, TopArgs};
use crate::commands::Globals;
use crate::output;

/// The pod `pod top`/`pod logs` act on: the one named or, with
/// `--latest`, the newest (podman's argument checks and messages).
fn one_pod(
    engine: &Engine,
    name: Option<&str>,
    latest: bool,
    missing: &str,
) -> anyhow::Result<Pod> {
    match (name, latest) {
        (Some(_), true) => anyhow::bail!("--latest and pods cannot be used together"),
        (Some(n), false) => Ok(engine.pod(n)?),
        (None, true) => Ok(engine.latest_pod()?),
        (None, false) => anyhow::bail!("{missing}"),
    }
}

pub(super) fn top(engine: &Engine, a: &TopArgs) -> anyhow::Result<u8> {
    let pod = one_pod(
        engine,
        a.pod.as_deref(),
        a.latest,
        "you must provide the name or id of a running pod",
    )?;
    let running: Vec<_> = pod
        .members
        .iter()
        .filter(|c| matches!(c.state.status, Status::Running | Status::Paused))
        .collect();
    anyhow::ensure!(
        !running.is_empty(),
        "pod {} is not running: no containers in pod {} are running",
        pod.config.id,
        pod.config.id
    );
    let mut lines = vec!["USER\tPID\tPPID\t%CPU\tELAPSED\tTTY\tTIME\tCOMMAND".to_string()];
    for c in running {
        for p in engine.container_processes(&c.config.id)? {
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
    }
    output::print_raw(&output::table::align(&lines));
    Ok(0)
}

pub(super) fn logs(g: &Globals, a: &LogsArgs) -> anyhow::Result<u8> {
    use libpod::container::logs::ReadOptions;
    let engine = &g.engine(false)?;
    let pod = one_pod(
        engine,
        a.pod.as_deref(),
        a.latest,
        "specify at least one pod name or ID to log",
    )?;
    let mut members = pod.members.clone();
    if let Some(only) = &a.container {
        // A name wins over an ID prefix (a member "b" and another whose
        // ID starts with b: only the first).
        if members.iter().any(|c| c.config.name == *only) {
            members.retain(|c| c.config.name == *only);
        } else {
            members.retain(|c| c.config.id.starts_with(only.as_str()));
        }
        anyhow::ensure!(
            !members.is_empty(),
            "container {only} is not in pod {}: no such container",
            pod.config.name
        );
    }
    let now = std::time::SystemTime::now();
    let time = |v: &Option<String>, bound, flag| -> anyhow::Result<_> {
        v.as_deref()
            .map(|s| libpod::container::logs::parse_time(s, now, bound))
            .transpose()
            .map_err(|e| anyhow::anyhow!("{flag}: {e}"))
    };
    let opts = ReadOptions {
        tail: a.tail.and_then(|n| usize::try_from(n).ok()),
        since: time(&a.since, libpod::container::logs::Bound::Since, "--since")?,
        until: time(&a.until, libpod::container::logs::Bound::Until, "--until")?,
        timestamps: a.timestamps,
    };
    crate::commands::logs::print_many(g, &members, &opts, a.follow, a.color, |c| {
        if a.names {
            format!("{} ", c.config.name)
        } else {
            format!("{} ", c.short_id())
        }
    })?;
    Ok(0)
}

pub(super) fn stats(g: &Globals, a: StatsArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let given = usize::from(!a.pods.is_empty()) + usize::from(a.all) + usize::from(a.latest);
    anyhow::ensure!(
        given <= 1,
        "--all, --latest and arguments cannot be used together"
    );
    let pods: Vec<Pod> = if a.latest {
        vec![engine.latest_pod()?]
    } else if a.pods.is_empty() {
        engine.pods()?
    } else {
        let mut v = Vec::new();
        for n in &a.pods {
            v.push(engine.pod(n)?);
        }
        v
    };
    let containers: Vec<String> = pods
        .iter()
        .flat_map(|p| p.members.iter())
        .filter(|c| matches!(c.state.status, Status::Running | Status::Paused))
        .map(|c| c.config.id.clone())
        .collect();
    if containers.is_empty() {
        return Ok(0);
    }
    drop(engine);
    crate::commands::stats::run(
        g,
        crate::commands::stats::StatsArgs {
            containers,
            all: false,
            latest: false,
            format: a.format,
            no_stream: a.no_stream,
            no_trunc: false,
            no_reset: a.no_reset,
            interval: 5,
        },
    )
}
