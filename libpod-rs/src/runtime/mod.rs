//! rpod's in-process OCI runtime: runs one container described by an OCI
//! runtime [`Spec`] on a [`Rootfs`] (an overlay of layers, mounted by the
//! kernel or by fuse-overlayfs, or a vfs copy), and returns its exit code.
//! No conmon, crun or runc is involved.
//!
//! The parent prepares everything (a `Plan`) before `clone`; the child
//! (`child.rs`) only makes syscalls. Rootless runs clone a new user
//! namespace and the parent writes its id maps with newuidmap/newgidmap
//! while the child waits on a sync pipe. Namespaces that have a path in the
//! spec (`--network container:`) are joined first, the user namespace before
//! the others, by a helper process that then clones the container with the
//! remaining `CLONE_NEW*` flags as our child (`CLONE_PARENT`); no id maps are
//! written for a joined user namespace. The child's reports (setup errors,
//! the pty master, the FUSE connection) and the parent's go-aheads cross one
//! close-on-exec channel (`message.rs`); rpod-init reports a command it cannot
//! exec on a pipe of its own, as crun reports exec errors. This module must not print,
//! and it keeps no state on disk: records belong to the container layer.
//!
//! Files here: `plan.rs` turns the spec into the child's `Plan`,
//! `namespaces.rs` the namespaces to create or join and the id maps,
//! `start.rs` clones the child and supervises it ([`start`], [`run`], [`Started`]).

mod child;
mod copy_up;
mod entry;
mod exec;
mod fuse;
pub mod hooks;
mod message;
mod namespaces;
mod plan;
mod preserve;
mod pty;
mod rootfs;
mod seccomp;
mod start;
mod syscalls;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use nix::errno::Errno;

use crate::userns::IdMap;

pub use exec::{exec, exec_detached};
pub use plan::find_fuse_overlayfs;
pub use preserve::preserve_fds;
pub use pty::{prompt_line, set_terminal_size, stdin_is_terminal, terminal_size, RawTerminal};
pub use start::{check_seccomp, run, start, Started};

/// Errors running a container.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec lacks something the runtime needs.
    #[error("invalid runtime spec: {0}")]
    InvalidSpec(String),
    /// No lower layer was given for the overlay.
    #[error("mounting overlay: no lower layers given")]
    NoLayers,
    /// A bind mount's source does not exist on the host.
    #[error("bind mount source {path}: {}", crate::sys::os_text(source))]
    BindSource {
        /// The missing host path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An overlay mount's upper or work directory cannot be made.
    #[error("making the overlay directory {path}: {}", crate::sys::os_text(source))]
    OverlayDir {
        /// The directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A syscall in the parent failed.
    #[error("{step}: {errno}")]
    Sys {
        /// What was being done.
        step: &'static str,
        /// The error number.
        errno: Errno,
    },
    /// newuidmap/newgidmap could not run or refused the mapping.
    #[error("{tool} failed: {message}")]
    IdMap {
        /// `newuidmap` or `newgidmap`.
        tool: &'static str,
        /// What went wrong and what to do (from `userns::write_maps`).
        message: String,
    },
    /// The seccomp profile cannot be compiled.
    #[error("compiling the seccomp profile: {0}")]
    Seccomp(String),
    /// `exec`'s target process does not exist (or is a zombie).
    #[error("container is not running (no process {0})")]
    NotRunning(i32),
    /// A namespace or the root of the running container cannot be opened.
    #[error("joining the container: {path}: {}", crate::sys::os_text(source))]
    Join {
        /// The /proc file being opened.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A namespace the spec asks to join cannot be opened.
    #[error(
        "opening the {name} namespace to join, {path}: {}",
        crate::sys::os_text(source)
    )]
    JoinNamespace {
        /// `network`, `user`, ...
        name: &'static str,
        /// The namespace file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// `--preserve-fd`/`--preserve-fds` name a descriptor we were not
    /// given (podman's words).
    #[error("file descriptor {fd} is not available - the {flag} option requires that file descriptors must be passed")]
    FdNotPassed {
        /// The descriptor.
        fd: u32,
        /// `preserve-fd` or `preserve-fds`.
        flag: &'static str,
    },
    /// `--preserve-fd` names stdin, stdout or stderr (podman's words).
    #[error("cannot preserve FD {0}, consider using the passthrough log-driver to pass STDIO streams into the container: invalid argument")]
    PreserveStdio(u32),
    /// The channel to the container's process failed.
    #[error("talking to the container's process: {0}")]
    Channel(crate::sys::channel::Error),
    /// The container could not be set up or its command not started; `code`
    /// is 125 (setup), 126 (cannot invoke) or 127 (not found).
    #[error("{message}")]
    Container {
        /// The exit code to use.
        code: u8,
        /// What the child reported.
        message: String,
    },
}

impl Error {
    /// Exit code for this error (podman's conventions: 125, 126, 127).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Container { code, .. } => *code,
            _ => 125,
        }
    }
}

/// The container's root file system and how it is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rootfs {
    /// An overlay of image layers over a private upper directory.
    Overlay(Overlay),
    /// A directory of its own (the vfs driver's copy of the layers),
    /// bind-mounted as the root.
    Dir(PathBuf),
}

impl Rootfs {
    /// The directory that becomes the container's `/`.
    pub fn root(&self) -> &std::path::Path {
        match self {
            Rootfs::Overlay(o) => &o.merged,
            Rootfs::Dir(d) => d,
        }
    }
}

/// An overlay root file system (the overlay storage driver).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlay {
    /// Layer directories, top first.
    pub lower: Vec<PathBuf>,
    /// The container's writable upper directory.
    pub upper: PathBuf,
    /// Overlay's work directory (same file system as `upper`).
    pub work: PathBuf,
    /// Where the overlay is mounted (in the container's mount namespace only).
    pub merged: PathBuf,
    /// Mount with overlay's `volatile` (no syncs; for `--rm` containers
    /// whose upper directory is discarded anyway, as podman does).
    pub volatile: bool,
    /// The FUSE program that serves the overlay (fuse-overlayfs) instead
    /// of the kernel's overlayfs.
    pub mount_program: Option<PathBuf>,
    /// The uid and gid maps (host ids) the layers' owners were written
    /// under. A container whose own maps differ (`--userns=keep-id`,
    /// `--uidmap` ...) sees them through fuse-overlayfs' id mapping, so
    /// that the image's root files are still root's inside.
    pub storage_maps: Option<(Vec<IdMap>, Vec<IdMap>)>,
}

impl Overlay {
    /// The kernel's overlay options for these directories: `lowerdir`,
    /// `upperdir`, `workdir`, then `userxattr` when mounted in a user
    /// namespace.
    pub fn kernel_options(&self, userxattr: bool) -> String {
        let lower: Vec<String> = self
            .lower
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let mut data = format!(
            "lowerdir={},upperdir={},workdir={}",
            lower.join(":"),
            self.upper.display(),
            self.work.display()
        );
        if userxattr {
            data.push_str(",userxattr");
        }
        data
    }

    /// Mounts a second view of a container's file system on `merged`
    /// (for `cp`, `export`, `mount`), with the kernel's overlay; beside a
    /// running container's own mount, which holds the upper directory,
    /// overlay's index must be off or the mount is refused.
    pub fn mount_view(&self, userxattr: bool, beside_running: bool) -> Result<(), String> {
        let mut data = self.kernel_options(userxattr);
        if beside_running {
            data.push_str(",index=off");
        }
        fs_err::create_dir_all(&self.merged)
            .map_err(crate::sys::without_path)
            .map_err(|e| format!("{}: {e}", self.merged.display()))?;
        nix::mount::mount(
            Some("overlay"),
            &self.merged,
            Some("overlay"),
            nix::mount::MsFlags::empty(),
            Some(data.as_str()),
        )
        .map_err(|e| format!("mounting the container's overlay: {e}"))
    }

    /// Mounts a view of a stopped container's file system on `merged`
    /// served by its mount program (fuse-overlayfs), for `cp` and
    /// `export`. Call it right after entering a mount namespace of one's
    /// own, with the one left as `outer` (the daemon runs there, and exits
    /// when the caller's namespace ends: see the `fuse` module). The
    /// caller must be single-threaded.
    pub fn mount_program_view(&self, outer: &std::os::fd::OwnedFd) -> Result<(), String> {
        fuse::mount_view(self, outer)
    }
}

/// How the container's standard streams connect to ours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stdio {
    /// `-i`: the container reads our stdin (else /dev/null).
    pub interactive: bool,
    /// `-t`: a pty in the container's devpts relayed to our terminal
    /// (also taken from `process.terminal` in the spec).
    pub tty: bool,
    /// Without `-t`: descriptors for the container's stdin, stdout and
    /// stderr (the caller keeps them open until [`start`] returns); our own
    /// stdio when `None`.
    pub fds: Option<[std::os::fd::RawFd; 3]>,
    /// `--preserve-fds`: our descriptors 3..3+N stay open in the container.
    pub preserve_fds: u32,
}

fn sys_err(step: &'static str) -> impl Fn(Errno) -> Error {
    move |errno| Error::Sys { step, errno }
}
