//! Builds the OCI process for `rpod exec` from the user's exec options and
//! what the running container's PID 1 shows (environment, ids, passwd and
//! group files): pure functions; the engine reads the /proc files.

use oci_spec::runtime::{
    Capabilities, LinuxCapabilitiesBuilder, LinuxSeccomp, PosixRlimit, Process, ProcessBuilder,
    UserBuilder,
};

use super::{default_seccomp, merge_env, resolve_user, CapRequest, Error, Result};

/// The user's `rpod exec` options.
#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    /// The command and its arguments.
    pub args: Vec<String>,
    /// `-e NAME=VALUE` entries, added to (or replacing) the container's.
    pub env: Vec<String>,
    /// `-u user[:group]` (default: PID 1's ids).
    pub user: Option<String>,
    /// `-w` (default `/`).
    pub workdir: Option<String>,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub interactive: bool,
    /// `--privileged`: all capabilities, no seccomp filter.
    pub privileged: bool,
    /// Whether `--privileged` was given (true or false): for `rpod exec`,
    /// containers.conf's `privileged` applies only when it was not.
    pub privileged_given: bool,
    /// `-d`: start the process and return its pid.
    pub detach: bool,
    /// The seccomp filter to install (unless `privileged`).
    pub seccomp: ExecSeccomp,
    /// The container's resource limits, which the process gets too (as in
    /// podman); empty keeps the caller's.
    pub rlimits: Vec<PosixRlimit>,
    /// `--preserve-fd(s)`: our descriptors 3..3+N it keeps, as
    /// [`crate::runtime::preserve_fds`] checked and left them.
    pub preserve_fds: u32,
}

/// Where an exec'd process's seccomp filter comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ExecSeccomp {
    /// Podman's default profile for the process's capabilities (the
    /// container's spec is not at hand).
    #[default]
    Default,
    /// The container's own filter, from its spec (`None`: it has none).
    Container(Option<LinuxSeccomp>),
}

/// What the running container's PID 1 shows, in the container's terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitState {
    /// Its environment (`/proc/PID/environ`).
    pub env: Vec<String>,
    /// Its uid inside the container.
    pub uid: u32,
    /// Its gid inside the container.
    pub gid: u32,
    /// Its supplementary gids inside the container.
    pub groups: Vec<u32>,
    /// The container's `/etc/passwd`, if readable.
    pub passwd: Option<String>,
    /// The container's `/etc/group`, if readable.
    pub group: Option<String>,
    /// The container's bounding capabilities, as recorded (`None`:
    /// podman's default set).
    pub caps: Option<super::caps::CapSet>,
}

/// Splits `/proc/PID/environ` (NUL-separated) into `NAME=VALUE` entries.
pub fn parse_environ(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| *b == 0)
        .filter(|e| !e.is_empty())
        .map(|e| String::from_utf8_lossy(e).into_owned())
        .collect()
}

/// Translates an id seen from our user namespace to the container's, with
/// the target's `uid_map`/`gid_map` text (as read by us).
pub fn to_container_id(id: u32, map: &str) -> Option<u32> {
    map.lines().find_map(|l| {
        let f: Vec<u64> = l
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        let [inside, outside, count] = f[..] else {
            return None;
        };
        let id = u64::from(id);
        (outside <= id && id < outside + count)
            .then(|| u32::try_from(inside + (id - outside)).ok())
            .flatten()
    })
}

/// Effective uid, gid and supplementary groups from `/proc/PID/status`,
/// translated into the container's ids with its uid and gid maps.
pub fn init_ids(status: &str, uid_map: &str, gid_map: &str) -> Option<(u32, u32, Vec<u32>)> {
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.split_whitespace().collect::<Vec<_>>())
    };
    let second = |v: Vec<&str>| v.get(1).and_then(|x| x.parse::<u32>().ok());
    let uid = to_container_id(second(field("Uid:")?)?, uid_map)?;
    let gid = to_container_id(second(field("Gid:")?)?, gid_map)?;
    let groups = field("Groups:")
        .unwrap_or_default()
        .iter()
        .filter_map(|g| g.parse().ok())
        .filter_map(|g| to_container_id(g, gid_map))
        .filter(|g| *g != gid)
        .collect();
    Some((uid, gid, groups))
}

/// The process to exec and its seccomp profile (`None` when privileged).
pub fn exec_process(
    opts: &ExecOptions,
    init: &InitState,
) -> Result<(Process, Option<LinuxSeccomp>)> {
    let mut extra = Vec::new();
    let (uid, gid, groups) = match &opts.user {
        Some(u) => {
            let r = resolve_user(u, init.passwd.as_deref(), init.group.as_deref())?;
            extra.push(format!("HOME={}", r.home));
            (r.uid, r.gid, r.additional_gids)
        }
        None => (init.uid, init.gid, init.groups.clone()),
    };
    let has_term = init.env.iter().any(|e| e.starts_with("TERM="));
    if opts.tty && !has_term {
        extra.push("TERM=xterm".to_string());
    }
    extra.extend(opts.env.iter().cloned());
    let env = merge_env(&init.env, &extra).map_err(|e| Error::InvalidEnv(e.to_string()))?;

    // The container's own set (`--cap-add`, containers.conf's
    // `default_capabilities`), as podman's exec sessions get it.
    let cap_set = CapRequest {
        base: init.caps,
        ..CapRequest::default()
    }
    .resolve(opts.privileged);
    let cap_names = cap_set.names();
    let caps = cap_set.to_oci();
    let capabilities = LinuxCapabilitiesBuilder::default()
        .bounding(caps.clone())
        .effective(caps.clone())
        .permitted(caps)
        .inheritable(Capabilities::new())
        .ambient(Capabilities::new())
        .build()?;
    let mut ub = UserBuilder::default().uid(uid).gid(gid);
    if !groups.is_empty() {
        ub = ub.additional_gids(groups);
    }
    let cwd = opts
        .workdir
        .clone()
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "/".to_string());
    let process = ProcessBuilder::default()
        .terminal(opts.tty)
        .user(ub.build()?)
        .args(opts.args.clone())
        .env(env)
        .cwd(cwd)
        .capabilities(capabilities)
        .no_new_privileges(false)
        .rlimits(opts.rlimits.clone())
        .build()?;
    let seccomp = match &opts.seccomp {
        _ if opts.privileged => None,
        ExecSeccomp::Default => Some(default_seccomp(&cap_names)?),
        ExecSeccomp::Container(s) => s.clone(),
    };
    Ok((process, seccomp))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str =
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n";
    const GROUP: &str = "root:x:0:\nnogroup:x:65534:\n";

    fn init() -> InitState {
        InitState {
            env: vec![
                "PATH=/bin".into(),
                "HOME=/root".into(),
                "HOSTNAME=abc".into(),
            ],
            uid: 0,
            gid: 0,
            groups: vec![10],
            passwd: Some(PASSWD.into()),
            group: Some(GROUP.into()),
            caps: None,
        }
    }

    #[test]
    fn environ_is_split_on_nul() {
        assert_eq!(parse_environ(b"A=1\0B=2\0\0"), ["A=1", "B=2"]);
        assert!(parse_environ(b"").is_empty());
    }

    #[test]
    fn ids_are_translated_through_the_maps() {
        let map = "         0       1000          1\n         1     100000      65536\n";
        assert_eq!(to_container_id(1000, map), Some(0));
        assert_eq!(to_container_id(100_000, map), Some(1));
        assert_eq!(to_container_id(165_535, map), Some(65536));
        assert_eq!(to_container_id(165_536, map), None);
        assert_eq!(to_container_id(5, "0 0 4294967295\n"), Some(5));
        let status = "Name:\tsleep\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nGroups:\t1000 100009 \n";
        assert_eq!(init_ids(status, map, map), Some((0, 0, vec![10])));
        assert_eq!(init_ids("Name:\tx\n", map, map), None);
    }

    #[test]
    fn defaults_follow_the_init() {
        let opts = ExecOptions {
            args: vec!["id".into()],
            env: vec!["HOSTNAME=x".into(), "X=1".into()],
            ..ExecOptions::default()
        };
        let (p, seccomp) = exec_process(&opts, &init()).unwrap();
        assert_eq!(p.user().uid(), 0);
        assert_eq!(p.user().additional_gids().as_deref(), Some(&[10][..]));
        assert_eq!(p.cwd().to_str(), Some("/"));
        assert_eq!(
            p.env().as_deref().unwrap(),
            ["PATH=/bin", "HOME=/root", "HOSTNAME=x", "X=1"]
        );
        assert!(seccomp.is_some());
        let caps = p.capabilities().as_ref().unwrap();
        assert_eq!(caps.effective().as_ref().map(|c| c.len()), Some(11));
    }

    #[test]
    fn user_workdir_tty_and_privileged() {
        let opts = ExecOptions {
            args: vec!["sh".into()],
            user: Some("nobody".into()),
            workdir: Some("/tmp".into()),
            tty: true,
            privileged: true,
            ..ExecOptions::default()
        };
        let (p, seccomp) = exec_process(&opts, &init()).unwrap();
        assert_eq!((p.user().uid(), p.user().gid()), (65534, 65534));
        assert_eq!(p.cwd().to_str(), Some("/tmp"));
        let env = p.env().clone().unwrap();
        assert!(env.contains(&"HOME=/home".to_string()), "{env:?}");
        assert!(env.contains(&"TERM=xterm".to_string()), "{env:?}");
        assert!(seccomp.is_none());
        let caps = p.capabilities().as_ref().unwrap();
        assert_eq!(
            caps.bounding().as_ref().map(|c| c.len()),
            Some(crate::spec::ALL_CAPS.len())
        );
        let unknown = ExecOptions {
            user: Some("nosuchuser".into()),
            ..opts
        };
        assert!(exec_process(&unknown, &init()).is_err());
    }

    #[test]
    fn the_containers_own_filter_and_limits() {
        let nofile = oci_spec::runtime::PosixRlimitBuilder::default()
            .typ(oci_spec::runtime::PosixRlimitType::RlimitNofile)
            .soft(100u64)
            .hard(200u64)
            .build()
            .unwrap();
        let opts = ExecOptions {
            args: vec!["id".into()],
            seccomp: ExecSeccomp::Container(None),
            rlimits: vec![nofile],
            ..ExecOptions::default()
        };
        let (p, seccomp) = exec_process(&opts, &init()).unwrap();
        assert!(seccomp.is_none());
        assert_eq!(p.rlimits().as_deref(), Some(&[nofile][..]));
    }
}
