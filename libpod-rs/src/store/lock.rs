//! File locks (flock) that make concurrent rpod invocations safe.
//!
//! Lock order, always taken in this order and never the other way round:
//! 1. `gc.lock` — shared while a pull adds layers, exclusive while layers are
//!    removed (rmi, prune, reset), so a layer just unpacked by a pull cannot
//!    be collected before that pull records its image.
//! 2. `layer-<id>.lock` — exclusive while one layer is unpacked, so eight
//!    pulls of one image unpack each layer once.
//! 3. `store.lock` — exclusive while `images.json` is read-modified-written.
//!
//! Locks live in the graph root (not the runroot), so two invocations with
//! different `XDG_RUNTIME_DIR` still exclude each other. flock locks are
//! released by the kernel when the process dies, so SIGKILL never leaves a
//! stale lock behind.

use std::fs::File; // from descriptors (or for flock): no path for fs_err to name
use std::path::{Path, PathBuf};

use nix::fcntl::{Flock, FlockArg};

/// A held flock; released when dropped.
#[derive(Debug)]
pub struct LockGuard {
    _lock: Flock<File>,
    path: PathBuf,
}

impl LockGuard {
    /// The lock file this guard holds.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Whether a lock is taken shared (readers) or exclusive (writers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockMode {
    /// Several holders at once.
    Shared,
    /// One holder at a time.
    Exclusive,
}

/// Takes the flock at `path` (created if missing), blocking until it is free.
pub fn lock(path: &Path, mode: LockMode) -> std::io::Result<LockGuard> {
    let file = fs_err::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?
        .into_parts()
        .0;
    let arg = match mode {
        LockMode::Shared => FlockArg::LockShared,
        LockMode::Exclusive => FlockArg::LockExclusive,
    };
    let lock = Flock::lock(file, arg).map_err(|(_, errno)| {
        std::io::Error::new(
            std::io::Error::from(errno).kind(),
            format!("locking {}: {errno}", path.display()),
        )
    })?;
    Ok(LockGuard {
        _lock: lock,
        path: path.to_path_buf(),
    })
}

/// A held POSIX record lock (an open file description lock); released when dropped.
#[derive(Debug)]
pub struct RecordLockGuard {
    _file: File,
    path: PathBuf,
}

impl RecordLockGuard {
    /// The lock file this guard holds.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Takes a whole-file record lock (`F_OFD_SETLKW`) on `path`, created if
/// missing, blocking until it is free. Record locks, unlike flock, exclude
/// the `fcntl` locks containers/storage's lockfile takes, so a store that
/// podman shares (its artifact store's `index.lock`) is locked against both.
pub fn lock_record(path: &Path, mode: LockMode) -> std::io::Result<RecordLockGuard> {
    use std::os::fd::AsRawFd;
    let file = fs_err::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?
        .into_parts()
        .0;
    let kind = match mode {
        LockMode::Shared => libc::F_RDLCK,
        LockMode::Exclusive => libc::F_WRLCK,
    };
    let request = libc::flock {
        l_type: kind as libc::c_short,
        l_whence: libc::SEEK_SET as libc::c_short,
        l_start: 0,
        l_len: 0,
        l_pid: 0,
    };
    loop {
        match nix::fcntl::fcntl(
            file.as_raw_fd(),
            nix::fcntl::FcntlArg::F_OFD_SETLKW(&request),
        ) {
            Ok(_) => break,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(errno) => {
                return Err(std::io::Error::new(
                    std::io::Error::from(errno).kind(),
                    format!("locking {}: {errno}", path.display()),
                ))
            }
        }
    }
    Ok(RecordLockGuard {
        _file: file,
        path: path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusive_lock_excludes_a_second_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = lock(&path, LockMode::Exclusive).unwrap();
        let file = fs_err::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .into_file();
        // A non-blocking attempt through another open file description fails.
        assert!(Flock::lock(file, FlockArg::LockExclusiveNonblock).is_err());
        drop(held);
        let file = fs_err::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .into_file();
        assert!(Flock::lock(file, FlockArg::LockExclusiveNonblock).is_ok());
    }
}
