use nix::mount::MsFlags;
use nix::sys::signal::Signal;
use nix::sys::wait::WaitStatus;
use nix::unistd::Pid;
use oci_spec::runtime::{Capabilities, LinuxNamespaceType};

use super::namespaces::namespace_plan;
use super::plan::{cap_mask, parse_mount_options};
use super::start::status_code;
use super::*;

#[test]
fn mount_options() {
    let o: Vec<String> = ["rbind", "ro", "nosuid", "mode=755", "rprivate", "z"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (f, p, d, b) = parse_mount_options(&o);
    assert!(b);
    assert!(
        f.contains(MsFlags::MS_BIND | MsFlags::MS_REC | MsFlags::MS_RDONLY | MsFlags::MS_NOSUID)
    );
    assert_eq!(p, MsFlags::MS_PRIVATE | MsFlags::MS_REC);
    assert_eq!(d, "mode=755");
}

#[test]
fn caps_to_mask() {
    let set: Capabilities = crate::spec::CapSet::defaults().to_oci();
    // podman's default set: CapEff 00000000800405fb
    assert_eq!(cap_mask(&Some(set)), 0x8004_05fb);
}

#[test]
fn namespaces_with_a_path_are_joined_user_first() {
    let mut spec = crate::spec::generate::sample(true);
    let (flags, joins) = namespace_plan(&spec).unwrap();
    assert!(joins.is_empty());
    assert_ne!(flags & libc::CLONE_NEWNET, 0);
    assert_ne!(flags & libc::CLONE_NEWUSER, 0);
    let net = std::path::Path::new("/proc/7/ns/net");
    let user = std::path::Path::new("/proc/7/ns/user");
    crate::spec::join_namespace(&mut spec, LinuxNamespaceType::Network, net).unwrap();
    crate::spec::join_namespace(&mut spec, LinuxNamespaceType::User, user).unwrap();
    let (flags, joins) = namespace_plan(&spec).unwrap();
    assert_eq!(flags & (libc::CLONE_NEWNET | libc::CLONE_NEWUSER), 0);
    assert_ne!(flags & libc::CLONE_NEWNS, 0, "the rest are still created");
    let got: Vec<(&str, &std::path::Path)> =
        joins.iter().map(|j| (j.name, j.path.as_path())).collect();
    assert_eq!(got, vec![("user", user), ("network", net)]);
    crate::spec::join_namespace(&mut spec, LinuxNamespaceType::Mount, net).unwrap();
    assert!(matches!(namespace_plan(&spec), Err(Error::InvalidSpec(_))));
}

#[test]
fn exit_codes() {
    let pid = Pid::from_raw(1);
    assert_eq!(status_code(WaitStatus::Exited(pid, 42)), Some(42));
    assert_eq!(
        status_code(WaitStatus::Signaled(pid, Signal::SIGTERM, false)),
        Some(143)
    );
}
