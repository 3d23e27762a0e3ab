//! `top` with descriptors psgo does not know: as podman, the host's ps(1)
//! in the container's PID namespace (with a /proc of its own), else ps(1)
//! run in the container.

use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use nix::errno::Errno;
use nix::sys::wait::WaitStatus;

use super::pipe;
use crate::container::{self, Status};
use crate::engine::Engine;
use crate::error::Result;
use crate::spec;

/// Why `top`'s ps(1) could not run or failed.
#[derive(Debug, thiserror::Error)]
pub enum TopError {
    /// The process running ps could not be forked.
    #[error("forking ps: {0}")]
    Fork(#[source] Errno),
    /// Waiting for ps failed.
    #[error("waiting for ps: {0}")]
    Wait(#[source] Errno),
    /// ps(1) run in the container failed.
    #[error("executing ps(1) in the container: {status:?}: {output}")]
    InContainer {
        /// How it ended.
        status: WaitStatus,
        /// What it wrote.
        output: String,
    },
    /// The container's process is gone.
    #[error("container {id} is not running")]
    NotRunning {
        /// The container's short ID.
        id: String,
    },
    /// /proc cannot be listed.
    #[error("reading /proc: {0}")]
    ReadProc(#[source] std::io::Error),
    /// The host's ps path holds a NUL byte.
    #[error("ps path with a NUL byte")]
    NulInPath,
    /// The host's ps(1) exited non-zero.
    #[error("ps(1) failed with exit code {code}: {stderr}")]
    Exit {
        /// Its exit code.
        code: i32,
        /// What it wrote on stderr.
        stderr: String,
    },
    /// The host's ps(1) ended otherwise (a signal).
    #[error("ps(1) failed: {status:?}")]
    Failed {
        /// How it ended.
        status: WaitStatus,
    },
}

/// The exit code of the host-ps helper when it could not enter the
/// container (then ps in the container is tried).
const SETUP_FAILED: i32 = 255;

impl Engine {
    /// Runs `ps ARGS` for a running container and returns its output lines
    /// (podman's fallback for `top` descriptors it does not know itself):
    /// the host's ps in the container's PID namespace, or, when that cannot
    /// be set up, the container's own ps; an error with ps's message when
    /// ps fails.
    pub fn container_ps(&self, name_or_id: &str, args: &[String]) -> Result<Vec<String>> {
        let c = self.container(name_or_id)?;
        let Some(init) = c
            .state
            .init_process()
            .filter(|_| c.state.status == Status::Running)
        else {
            return Err(container::Error::StateImproper(
                "top can only be used on running containers".into(),
            )
            .into());
        };
        match host_ps(init.pid, args) {
            Ok(Some(lines)) => return Ok(lines),
            Ok(None) => {}
            Err(e) => return Err(e),
        }
        tracing::warn!("Falling back to container ps(1), could not execute ps(1) from the host");
        let (out_r, out_w) = pipe()?;
        let argv: Vec<String> = std::iter::once("ps".to_string())
            .chain(args.iter().cloned())
            .collect();
        let child = crate::sys::process::fork_then(|| {
            let _ = nix::sys::signal::sigprocmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(&nix::sys::signal::SigSet::empty()),
                None,
            );
            if let Ok(null) = fs_err::File::open("/dev/null") {
                let _ = nix::unistd::dup2(null.as_raw_fd(), 0);
            }
            let _ = nix::unistd::dup2(out_w.as_raw_fd(), 1);
            let _ = nix::unistd::dup2(out_w.as_raw_fd(), 2);
            let opts = spec::ExecOptions {
                args: argv.clone(),
                ..spec::ExecOptions::default()
            };
            match self.exec_in_container_with(&c.config.id, opts, false) {
                Ok(crate::engine::ExecOutcome::Exited(code)) => code,
                Ok(crate::engine::ExecOutcome::Started(_)) => 0,
                Err(e) => {
                    let _ = nix::unistd::write(std::io::stderr(), format!("{e}\n").as_bytes());
                    e.exit_code()
                }
            }
        })
        .map_err(TopError::Fork)?;
        drop(out_w);
        let mut text = Vec::new();
        let _ = std::fs::File::from(out_r)
            .take(16 << 20)
            .read_to_end(&mut text);
        let status = crate::sys::process::wait(child).map_err(TopError::Wait)?;
        let text = String::from_utf8_lossy(&text);
        if !matches!(status, WaitStatus::Exited(_, 0)) {
            return Err(TopError::InContainer {
                status,
                output: text.trim_end().to_string(),
            }
            .into());
        }
        Ok(text.lines().map(str::to_string).collect())
    }
}

/// `ps` found in `$PATH` (podman's `exec.LookPath`).
fn host_ps_path() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    std::env::split_paths(&path)
        .map(|d| d.join("ps"))
        .find(|p| {
            use std::os::unix::fs::PermissionsExt;
            fs_err::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// The host's ps(1) in the PID namespace of process `pid` (and its user
/// namespace), with a /proc mounted for that namespace in a mount
/// namespace of its own: its output lines; `None` when the host has no ps
/// or the namespaces could not be entered.
fn host_ps(pid: i32, args: &[String]) -> Result<Option<Vec<String>>> {
    let Some(ps) = host_ps_path() else {
        return Ok(None);
    };
    let open_ns = |kind: &str| fs_err::File::open(format!("/proc/{pid}/ns/{kind}")).ok();
    let (Some(pid_ns), Some(user_ns)) = (open_ns("pid"), open_ns("user")) else {
        return Ok(None);
    };
    let same_user_ns = fs_err::read_link("/proc/self/ns/user").ok()
        == fs_err::read_link(format!("/proc/{pid}/ns/user")).ok();
    let argv: Vec<std::ffi::CString> = std::iter::once("ps".to_string())
        .chain(args.iter().cloned())
        .filter_map(|a| std::ffi::CString::new(a).ok())
        .collect();
    let ps_c = std::ffi::CString::new(ps.as_os_str().as_encoded_bytes())
        .map_err(|_| TopError::NulInPath)?;
    let home = std::env::var("HOME").unwrap_or_default();
    let envp = [std::ffi::CString::new(format!("HOME={home}")).unwrap_or_default()];
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let helper = crate::sys::process::fork_then(|| {
        let _ = nix::sys::prctl::set_dumpable(false);
        if !same_user_ns
            && nix::sched::setns(user_ns.as_fd(), nix::sched::CloneFlags::CLONE_NEWUSER).is_err()
        {
            return SETUP_FAILED as u8;
        }
        if nix::sched::setns(pid_ns.as_fd(), nix::sched::CloneFlags::CLONE_NEWPID).is_err() {
            return SETUP_FAILED as u8;
        }
        // Only a child is in the PID namespace.
        let child = crate::sys::process::fork_then(|| {
            if enter_proc().is_err() {
                return SETUP_FAILED as u8;
            }
            let _ = nix::unistd::dup2(out_w.as_raw_fd(), 1);
            let _ = nix::unistd::dup2(err_w.as_raw_fd(), 2);
            let _ = nix::unistd::execve(&ps_c, &argv, &envp);
            SETUP_FAILED as u8
        });
        match child.map(crate::sys::process::wait) {
            Ok(Ok(WaitStatus::Exited(_, code))) => u8::try_from(code).unwrap_or(1),
            _ => SETUP_FAILED as u8,
        }
    })
    .map_err(TopError::Fork)?;
    drop(out_w);
    drop(err_w);
    let out = read_all(out_r);
    let err = read_all(err_r);
    let status = crate::sys::process::wait(helper).map_err(TopError::Wait)?;
    match status {
        WaitStatus::Exited(_, 0) => Ok(Some(out.lines().map(str::to_string).collect())),
        WaitStatus::Exited(_, SETUP_FAILED) => Ok(None),
        WaitStatus::Exited(_, code) => Err(TopError::Exit {
            code,
            stderr: err.trim_end().to_string(),
        }
        .into()),
        status => Err(TopError::Failed { status }.into()),
    }
}

/// In the host-ps helper: a mount namespace of its own with a /proc of
/// the PID namespace it is in.
fn enter_proc() -> nix::Result<()> {
    use nix::mount::{mount, MsFlags};
    crate::sys::mount::own_namespace(crate::sys::mount::Propagation::Private)
        .map_err(|f| f.errno)?;
    mount(
        Some("proc"),
        "/proc",
        Some("proc"),
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
        None::<&str>,
    )
}

/// What a pipe's reader gets until the writers close it (16 MiB at most).
fn read_all(r: OwnedFd) -> String {
    let mut buf = Vec::new();
    let _ = std::fs::File::from(r).take(16 << 20).read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
