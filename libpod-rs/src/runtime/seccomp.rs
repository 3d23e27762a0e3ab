//! OCI seccomp profiles compiled to BPF with `seccompiler` (pure Rust),
//! in the parent before `clone`, and installed by the child just before it
//! drops privileges.
//!
//! Supported profiles: default action ALLOW with rules whose actions are
//! ERRNO/KILL/TRAP/LOG (one BPF program per distinct action; the kernel
//! applies the most restrictive result), or a default ERRNO/KILL with ALLOW
//! rules (an allow-list). Argument conditions map to seccompiler's
//! comparisons. Other shapes are refused with a clear error.
#![allow(unsafe_code)]

use std::collections::{BTreeMap, BTreeSet};

use nix::errno::Errno;
use oci_spec::runtime::{LinuxSeccomp, LinuxSeccompAction, LinuxSeccompOperator};
use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};

use super::Error;

macro_rules! syscalls {
    ($($name:ident),* $(,)?) => {
        &[$((stringify!($name), libc::$name as i64)),*]
    };
}

/// Syscall numbers by name for the current architecture (the ones OCI
/// profiles for containers commonly name; unknown names are skipped, as
/// libseccomp does for syscalls the architecture lacks).
const SYSCALLS: &[(&str, i64)] = syscalls!(
    SYS_acct,
    SYS_add_key,
    SYS_bpf,
    SYS_clock_adjtime,
    SYS_clock_settime,
    SYS_clone,
    SYS_clone3,
    SYS_delete_module,
    SYS_finit_module,
    SYS_init_module,
    SYS_get_mempolicy,
    SYS_set_mempolicy,
    SYS_mbind,
    SYS_move_pages,
    SYS_kcmp,
    SYS_process_vm_readv,
    SYS_process_vm_writev,
    SYS_kexec_file_load,
    SYS_kexec_load,
    SYS_reboot,
    SYS_keyctl,
    SYS_request_key,
    SYS_lookup_dcookie,
    SYS_mount,
    SYS_umount2,
    SYS_pivot_root,
    SYS_setns,
    SYS_unshare,
    SYS_fsconfig,
    SYS_fsmount,
    SYS_fsopen,
    SYS_fspick,
    SYS_open_tree,
    SYS_move_mount,
    SYS_mount_setattr,
    SYS_name_to_handle_at,
    SYS_open_by_handle_at,
    SYS_nfsservctl,
    SYS_perf_event_open,
    SYS_quotactl,
    SYS_quotactl_fd,
    SYS_swapon,
    SYS_swapoff,
    SYS_settimeofday,
    SYS_userfaultfd,
    SYS_syslog,
    SYS_ptrace,
    SYS_personality,
);

#[cfg(target_arch = "x86_64")]
const SYSCALLS_ARCH: &[(&str, i64)] = syscalls!(
    SYS_ioperm,
    SYS_iopl,
    SYS_sysfs,
    SYS__sysctl,
    SYS_uselib,
    SYS_ustat,
);
#[cfg(not(target_arch = "x86_64"))]
const SYSCALLS_ARCH: &[(&str, i64)] = &[];

fn syscall_nr(name: &str) -> Option<i64> {
    let key = format!("SYS_{name}");
    SYSCALLS
        .iter()
        .chain(SYSCALLS_ARCH)
        .find(|(n, _)| *n == key)
        .map(|(_, nr)| *nr)
}

fn arch() -> Result<TargetArch, Error> {
    if cfg!(target_arch = "x86_64") {
        Ok(TargetArch::x86_64)
    } else if cfg!(target_arch = "aarch64") {
        Ok(TargetArch::aarch64)
    } else {
        Err(Error::Seccomp(
            "seccomp is supported on x86_64 and aarch64 only".into(),
        ))
    }
}

fn action(a: LinuxSeccompAction, errno: Option<u32>) -> Result<SeccompAction, Error> {
    Ok(match a {
        LinuxSeccompAction::ScmpActAllow => SeccompAction::Allow,
        LinuxSeccompAction::ScmpActErrno => {
            SeccompAction::Errno(errno.unwrap_or(libc::EPERM as u32))
        }
        LinuxSeccompAction::ScmpActKill | LinuxSeccompAction::ScmpActKillThread => {
            SeccompAction::KillThread
        }
        LinuxSeccompAction::ScmpActKillProcess => SeccompAction::KillProcess,
        LinuxSeccompAction::ScmpActTrap => SeccompAction::Trap,
        LinuxSeccompAction::ScmpActLog => SeccompAction::Log,
        other => return Err(Error::Seccomp(format!("action {other:?} is not supported"))),
    })
}

fn seccomp_err(e: impl std::fmt::Display) -> Error {
    Error::Seccomp(e.to_string())
}

/// Compile an OCI seccomp profile into BPF programs, to install in order.
pub(crate) fn compile(profile: &LinuxSeccomp) -> Result<Vec<BpfProgram>, Error> {
    let arch = arch()?;
    let default = action(profile.default_action(), profile.default_errno_ret())?;
    // Group the rules by their action.
    type Rules = BTreeMap<i64, Vec<SeccompRule>>;
    let mut groups: Vec<(SeccompAction, Rules, BTreeSet<i64>)> = Vec::new();
    for sc in profile.syscalls().iter().flatten() {
        let act = action(sc.action(), sc.errno_ret())?;
        if act == default {
            continue;
        }
        let mut conditions = Vec::new();
        for a in sc.args().iter().flatten() {
            let op = match a.op() {
                LinuxSeccompOperator::ScmpCmpNe => SeccompCmpOp::Ne,
                LinuxSeccompOperator::ScmpCmpLt => SeccompCmpOp::Lt,
                LinuxSeccompOperator::ScmpCmpLe => SeccompCmpOp::Le,
                LinuxSeccompOperator::ScmpCmpEq => SeccompCmpOp::Eq,
                LinuxSeccompOperator::ScmpCmpGe => SeccompCmpOp::Ge,
                LinuxSeccompOperator::ScmpCmpGt => SeccompCmpOp::Gt,
                LinuxSeccompOperator::ScmpCmpMaskedEq => SeccompCmpOp::MaskedEq(a.value()),
            };
            let value = match a.op() {
                LinuxSeccompOperator::ScmpCmpMaskedEq => a.value_two().unwrap_or(0),
                _ => a.value(),
            };
            conditions.push(
                SeccompCondition::new(a.index() as u8, SeccompCmpArgLen::Qword, op, value)
                    .map_err(seccomp_err)?,
            );
        }
        let idx = match groups.iter().position(|(a, _, _)| *a == act) {
            Some(i) => i,
            None => {
                groups.push((act.clone(), BTreeMap::new(), BTreeSet::new()));
                groups.len() - 1
            }
        };
        for name in sc.names() {
            let Some(nr) = syscall_nr(name) else { continue };
            let (_, rules, always) = &mut groups[idx];
            if conditions.is_empty() {
                // An empty rule list matches on the syscall number alone.
                always.insert(nr);
                rules.insert(nr, Vec::new());
            } else if !always.contains(&nr) {
                rules
                    .entry(nr)
                    .or_default()
                    .push(SeccompRule::new(conditions.clone()).map_err(seccomp_err)?);
            }
        }
    }
    if default != SeccompAction::Allow && groups.iter().any(|(a, _, _)| *a != SeccompAction::Allow)
    {
        return Err(Error::Seccomp(
            "profiles mixing a non-allow default with non-allow rules are not supported".into(),
        ));
    }
    let mut progs = Vec::new();
    for (act, rules, _) in groups {
        let filter = SeccompFilter::new(rules, default.clone(), act, arch).map_err(seccomp_err)?;
        progs.push(BpfProgram::try_from(filter).map_err(seccomp_err)?);
    }
    Ok(progs)
}

/// Install one BPF program on the calling thread (needs no_new_privs or
/// CAP_SYS_ADMIN in our user namespace; unlike seccompiler's helper it does
/// not force no_new_privs, which podman leaves off by default).
pub(crate) fn install(prog: &BpfProgram) -> Result<(), Errno> {
    let fprog = libc::sock_fprog {
        len: prog.len() as u16,
        filter: prog.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: fprog points at `prog`, a valid array of BPF instructions
    // (seccompiler's sock_filter has libc's layout) that outlives the call;
    // the kernel copies it.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            0,
            &fprog as *const libc::sock_fprog,
        )
    };
    Errno::result(ret).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_compiles() {
        let caps: Vec<String> = crate::spec::DEFAULT_CAPS
            .iter()
            .map(|s| s.to_string())
            .collect();
        let profile = crate::spec::default_seccomp(&caps).unwrap();
        let progs = compile(&profile).unwrap();
        // one program for EPERM, one for clone3's ENOSYS
        assert_eq!(progs.len(), 2);
        assert!(progs.iter().all(|p| !p.is_empty()));
        assert_eq!(syscall_nr("mount"), Some(libc::SYS_mount));
        assert_eq!(syscall_nr("no_such_call"), None);
    }
}
