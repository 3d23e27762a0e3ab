//! Running commands beside a container: `exec` into a running container's
//! namespaces, and `unshare`'s command with the store's environment.

use std::path::PathBuf;

use super::{Engine, ExecOutcome};
use crate::error::{Error, Result};
use crate::{runtime, spec};

/// Why a command could not be run in a container's namespaces.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    /// The container's process is gone.
    #[error("container is not running: no process {pid} (start it first)")]
    NoProcess {
        /// Its host PID.
        pid: i32,
    },
    /// A file of the process under /proc cannot be read.
    #[error("reading {}: {}", path.display(), crate::sys::os_text(source))]
    ReadProc {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The process's ids are not mapped into rpod's user namespace.
    #[error("process {pid}: its ids are not mapped into our user namespace")]
    UnmappedIds {
        /// Its host PID.
        pid: i32,
    },
    /// `exec -t -d`, which nothing would read.
    #[error("exec: -t with -d is not supported yet (nothing would read the terminal)")]
    DetachedTty,
}

impl Engine {
    /// Runs a command in the running container whose PID 1 has host pid
    /// `pid` (`rpod exec`): in the foreground it returns the command's exit
    /// code; with `opts.detach` it returns once the command started.
    /// The environment and default user are PID 1's; names for `--user` are
    /// looked up in the container's /etc/passwd and /etc/group.
    pub fn exec_in_pid(&self, pid: i32, opts: spec::ExecOptions) -> Result<ExecOutcome> {
        let target = crate::sys::pidfd::ProcessId::of(pid).ok_or(ExecError::NoProcess { pid })?;
        self.exec_in_pid_with(target, opts, None, &|_| None)
    }

    /// [`Engine::exec_in_pid`], with the environment and default user taken
    /// from `process` (the container's spec) instead of PID 1, which may be
    /// `--init`'s init rather than the container's command; and where else
    /// to read the container's /etc files (`passwd`, `group`) when its root
    /// cannot be read from here (a fuse-overlayfs root refuses processes
    /// outside its user namespace).
    pub(crate) fn exec_in_pid_with(
        &self,
        target: crate::sys::pidfd::ProcessId,
        opts: spec::ExecOptions,
        process: Option<&oci_spec::runtime::Process>,
        etc_fallback: &dyn Fn(&str) -> Option<String>,
    ) -> Result<ExecOutcome> {
        let pid = target.pid;
        let proc_dir = PathBuf::from(format!("/proc/{pid}"));
        let read = |rel: &str| fs_err::read(proc_dir.join(rel));
        let not_running = || Error::from(ExecError::NoProcess { pid });
        if pid <= 0 {
            return Err(not_running());
        }
        let text = |rel: &str| -> Result<String> {
            read(rel)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => not_running(),
                    _ => ExecError::ReadProc {
                        path: proc_dir.join(rel),
                        source: e,
                    }
                    .into(),
                })
        };
        // Read first: it also tells a process that is gone.
        let status = text("status")?;
        let (env, uid, gid, groups) = match process {
            // The container's own defaults (PID 1 may be `--init`'s init,
            // whose environ is not readable when it runs as another user).
            Some(p) => (
                p.env().clone().unwrap_or_default(),
                p.user().uid(),
                p.user().gid(),
                p.user().additional_gids().clone().unwrap_or_default(),
            ),
            None => {
                let (uid, gid, groups) =
                    spec::init_ids(&status, &text("uid_map")?, &text("gid_map")?)
                        .ok_or(ExecError::UnmappedIds { pid })?;
                let environ = read("environ").map_err(|source| ExecError::ReadProc {
                    path: proc_dir.join("environ"),
                    source,
                })?;
                (spec::parse_environ(&environ), uid, gid, groups)
            }
        };
        let etc = |f: &str| {
            spec::read_in_tree(&proc_dir.join("root"), &format!("etc/{f}"))
                .or_else(|| etc_fallback(f))
        };
        let caps = process
            .as_ref()
            .and_then(|p| p.capabilities().as_ref())
            .and_then(|c| c.bounding().as_ref())
            .map(|b| {
                b.iter()
                    .filter_map(|c| spec::caps::Cap::from_oci(*c))
                    .collect()
            });
        let init = spec::InitState {
            caps,
            env,
            uid,
            gid,
            groups,
            passwd: etc("passwd"),
            group: etc("group"),
        };
        if opts.detach && opts.tty {
            return Err(ExecError::DetachedTty.into());
        }
        // What was read above came from the recorded process only if it
        // still runs now (the runtime checks again once it holds the
        // namespaces).
        if !target.is_alive() {
            return Err(not_running());
        }
        let (process, seccomp) = spec::exec_process(&opts, &init)?;
        let result = if opts.detach {
            runtime::exec_detached(target, &process, seccomp.as_ref(), opts.preserve_fds)
                .map(ExecOutcome::Started)
        } else {
            let io = runtime::Stdio {
                interactive: opts.interactive,
                tty: opts.tty,
                fds: None,
                preserve_fds: opts.preserve_fds,
            };
            runtime::exec(target, &process, seccomp.as_ref(), io).map(ExecOutcome::Exited)
        };
        result.map_err(|e| match e {
            runtime::Error::NotRunning(_) => not_running(),
            other => other.into(),
        })
    }

    /// Environment for `rpod unshare` commands (podman sets the same names).
    pub fn unshare_env(&self) -> Vec<(String, String)> {
        vec![
            (
                "CONTAINERS_GRAPHROOT".into(),
                self.store.root().display().to_string(),
            ),
            (
                "CONTAINERS_RUNROOT".into(),
                self.store.runroot().display().to_string(),
            ),
        ]
    }

    /// Runs a command (the user's `$SHELL` when empty) with the store's
    /// environment and waits for it (`rpod unshare`); returns its exit code,
    /// 126 when it cannot be run, 127 when it is not found, 128+N for signal N.
    pub fn run_command(&self, argv: &[String]) -> Result<u8> {
        use std::os::unix::process::ExitStatusExt;
        let argv: Vec<String> = if argv.is_empty() {
            vec![std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into())]
        } else {
            argv.to_vec()
        };
        let status = std::process::Command::new(&argv[0])
            .args(&argv[1..])
            .envs(self.unshare_env())
            .status();
        match status {
            Ok(s) => Ok(match (s.code(), s.signal()) {
                (Some(c), _) => u8::try_from(c).unwrap_or(1),
                (None, Some(sig)) => 128u8.saturating_add(u8::try_from(sig).unwrap_or(0)),
                _ => 1,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Exec {
                command: argv[0].clone(),
                code: crate::error::EXIT_NOT_FOUND,
                source: e,
            }),
            Err(e) => Err(Error::Exec {
                command: argv[0].clone(),
                code: crate::error::EXIT_CANNOT_INVOKE,
                source: e,
            }),
        }
    }
}
