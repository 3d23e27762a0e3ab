//! The container's entry point. rpod's last step in a container (`run`'s
//! child, `exec`'s process) is not an `execve` of the command from rpod's
//! own image but an exec of `rpod-init` (libpod-rs/init/rpod-init.rs, a
//! tiny static program built by build.rs and embedded here) from a sealed
//! memfd, which then execs the command, or stays as `--init`'s PID 1.
//!
//! So the container never sees a process with rpod's binary, memory,
//! arguments or environment behind it: `/proc/PID/exe` of its entry point
//! is the sealed copy (a `#!/proc/self/exe` script re-execs that copy, not
//! the host's rpod: the runc CVE-2019-5736 class), and `--init`'s PID 1 is
//! a fresh, non-dumpable image holding only the container's own command
//! line and environment. Because it was exec'd inside the container's user
//! namespace, rpod (that namespace's owner) keeps access to its
//! `/proc/1/ns/*` for `exec`, while the container's processes, without
//! CAP_SYS_PTRACE there, cannot read its memory, environment or files.
//! Creating the memfd costs one small copy per container start or exec.

use std::convert::Infallible;
use std::ffi::CString;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use nix::errno::Errno;
use nix::fcntl::{fcntl, FcntlArg, FdFlag};

use super::child::{fail, Failure, Plan};
use super::{sys_err, Error};

/// rpod-init, as built for this target.
static IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rpod-init"));

/// The descriptor on which rpod-init reports a command it cannot exec.
const REPORT_FD: i32 = 3;

/// A sealed memfd holding rpod-init, made before `clone`.
pub(crate) fn image() -> Result<OwnedFd, Error> {
    crate::sys::sealed_executable(c"rpod-init", IMAGE).map_err(sys_err(
        "preparing the container's entry point (a sealed memfd)",
    ))
}

/// The last step in the container: exec rpod-init from `image` with the
/// write end of its report pipe `report` as its descriptor 3, to exec the
/// plan's command (or
/// run it as `--init`'s PID 1). Returns only what went wrong.
pub(crate) fn exec(plan: &Plan, image: &OwnedFd, report: &OwnedFd) -> Result<Infallible, Failure> {
    let step = "starting the container's entry point";
    if plan.args.is_empty() {
        return Err(fail("no command", Errno::EINVAL));
    }
    // Descriptor 3 (past --preserve-fds' ones) becomes the report pipe
    // (inherited: not close-on-exec); the image moves out of the way first
    // if it is there.
    let report_fd = REPORT_FD + i32::try_from(plan.preserve_fds).unwrap_or(0);
    let moved;
    let image = if image.as_raw_fd() == report_fd {
        moved = crate::sys::fs::dup_at_least(image.as_fd(), report_fd + 1)
            .map_err(|e| fail(step, e))?;
        moved.as_fd()
    } else {
        image.as_fd()
    };
    if report.as_raw_fd() == report_fd {
        fcntl(report_fd, FcntlArg::F_SETFD(FdFlag::empty())).map_err(|e| fail(step, e))?;
    } else {
        match nix::unistd::dup2(report.as_raw_fd(), report_fd) {
            Ok(_) => {}
            // RLIMIT_NOFILE of 3 (--ulimit nofile=3): no descriptor 3 can
            // exist, so rpod-init's reports get lost and only the exit
            // code (126, 127) tells.
            Err(Errno::EBADF) => {}
            Err(e) => return Err(fail(step, e)),
        }
    }
    let mut args: Vec<CString> = Vec::with_capacity(plan.args.len() + 2);
    args.push(CString::from(if plan.pause {
        c"rpod-pause"
    } else if plan.init {
        c"rpod-init"
    } else {
        c"rpod-exec"
    }));
    if plan.preserve_fds > 0 {
        args.push(CString::new(format!("-{report_fd}")).map_err(|_| fail(step, Errno::EINVAL))?);
    }
    args.push(CString::from(c"--"));
    args.extend(plan.args.iter().cloned());
    Err(fail(step, crate::sys::exec_fd(image, &args, &plan.env)))
}

/// The message of rpod-init's report (after its code byte: 0, kind, errno,
/// name; see init/rpod-init.rs), or the report as text when it is not one.
pub(crate) fn describe(msg: &[u8]) -> String {
    match msg {
        [0, kind, e0, e1, e2, e3, name @ ..] => {
            let errno = Errno::from_raw(i32::from_le_bytes([*e0, *e1, *e2, *e3]));
            let name = String::from_utf8_lossy(name);
            // podman's words for what the runtime could not invoke (126)
            // or find (127), after crun's.
            let not_found = ": OCI runtime attempted to invoke a command that was not found";
            match kind {
                1 => format!(
                    "executable file `{name}` not found in $PATH: No such file or directory{not_found}"
                ),
                2 => format!("starting the container's command: {}", errno.desc()),
                _ => {
                    let suffix = match errno {
                        Errno::ENOENT => not_found,
                        Errno::EACCES | Errno::EPERM | Errno::EISDIR | Errno::ENOEXEC => {
                            ": OCI permission denied"
                        }
                        _ => "",
                    };
                    format!("exec container process `{name}`: {}{suffix}", errno.desc())
                }
            }
        }
        _ => String::from_utf8_lossy(msg).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_read_like_the_runtime_errors() {
        let mut r = vec![0u8, 1];
        r.extend_from_slice(&libc::ENOENT.to_le_bytes());
        r.extend_from_slice(b"nosuch");
        assert_eq!(
            describe(&r),
            "executable file `nosuch` not found in $PATH: No such file or directory: \
             OCI runtime attempted to invoke a command that was not found"
        );
        let mut r = vec![0u8, 0];
        r.extend_from_slice(&libc::EACCES.to_le_bytes());
        r.extend_from_slice(b"/etc/passwd");
        assert_eq!(
            describe(&r),
            "exec container process `/etc/passwd`: Permission denied: OCI permission denied"
        );
        assert_eq!(describe(b"making / private: x"), "making / private: x");
    }

    #[test]
    fn the_image_is_a_small_static_executable() {
        assert_eq!(&IMAGE[..4], b"\x7fELF");
        assert!(IMAGE.len() < 64 * 1024, "{} bytes", IMAGE.len());
    }
}
