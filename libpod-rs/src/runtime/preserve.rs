//! `--preserve-fds N` and `--preserve-fd LIST` (`run`, `exec`): which of
//! the descriptors our caller passed us the container's command gets
//! besides its stdio, checked before anything else opens a descriptor.
//!
//! The child keeps the flags of its descriptors below 3+N as they are and
//! marks those above close-on-exec: the caller's inherited ones (not
//! close-on-exec) pass, rpod's own (all close-on-exec) do not. So the
//! inherited ones in that range that a list leaves out are marked
//! close-on-exec here.

use std::os::fd::RawFd;

use super::Error;

/// Checks `--preserve-fd` (`list`) and `--preserve-fds` (`count`) against
/// the descriptors we were given, in podman's order and words, marks the
/// unlisted ones below the highest close-on-exec, and returns N: the
/// container gets descriptors 3..3+N that stayed open for it. Both flags
/// together pass the union (podman's conmon then drops the counted ones).
pub fn preserve_fds(list: &[u32], count: u32) -> Result<u32, Error> {
    let fd = |n: u32| RawFd::try_from(n).unwrap_or(RawFd::MAX);
    for &n in list {
        if !crate::sys::fd_inherited(fd(n)) {
            return Err(Error::FdNotPassed {
                fd: n,
                flag: "preserve-fd",
            });
        }
    }
    for n in 3..count.saturating_add(3) {
        if !crate::sys::fd_inherited(fd(n)) {
            return Err(Error::FdNotPassed {
                fd: n,
                flag: "preserve-fds",
            });
        }
    }
    if let Some(&n) = list.iter().find(|&&n| n < 3) {
        return Err(Error::PreserveStdio(n));
    }
    let highest = list.iter().map(|n| n - 2).max().unwrap_or(0);
    let total = count.max(highest);
    if !list.is_empty() {
        for n in 3..total + 3 {
            if n >= count + 3 && !list.contains(&n) && crate::sys::fd_inherited(fd(n)) {
                crate::sys::process::set_cloexec(fd(n)).map_err(super::sys_err(
                    "closing an unlisted descriptor for --preserve-fd",
                ))?;
            }
        }
    }
    Ok(total)
}
