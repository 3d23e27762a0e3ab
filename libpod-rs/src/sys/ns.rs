//! Namespaces: what owns a namespace (`ioctl_ns(2)`).

use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;

/// The user namespace that owns the namespace open at `fd`
/// (`ioctl(NS_GET_USERNS)`, ioctl_ns(2)), opened close-on-exec.
pub fn owner(fd: BorrowedFd<'_>) -> Result<OwnedFd, Errno> {
    // _IO(0xb7, 0x1) from <linux/nsfs.h>.
    const NS_GET_USERNS: libc::c_ulong = 0xb701;
    // SAFETY: NS_GET_USERNS takes no argument and only returns a new
    // descriptor (or -1); `fd` is open for the duration of the call.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), NS_GET_USERNS as _) };
    let owner = Errno::result(r)?;
    // SAFETY: the ioctl returned a fresh descriptor that nothing else owns.
    Ok(unsafe { super::owned_fd(owner) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_namespace_is_owned_by_a_user_namespace() {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let net = std::fs::File::open("/proc/self/ns/net").unwrap();
        let owner = std::fs::File::from(super::owner(net.as_fd()).unwrap());
        // Our network namespace is owned by our user namespace or by one of
        // its ancestors: either way a user namespace, not the network one.
        let link = std::fs::read_link(format!("/proc/self/fd/{}", owner.as_raw_fd())).unwrap();
        assert!(link.to_string_lossy().starts_with("user:["), "{link:?}");
        assert_ne!(
            owner.metadata().unwrap().ino(),
            net.metadata().unwrap().ino()
        );
        let plain = tempfile::tempfile().unwrap();
        assert_eq!(super::owner(plain.as_fd()).err(), Some(Errno::ENOTTY));
    }
}
