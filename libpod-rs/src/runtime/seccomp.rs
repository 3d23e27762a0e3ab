//! OCI seccomp profiles compiled to BPF with `seccompiler` (pure Rust),
//! in the parent before `clone`, and installed by the child just before it
//! drops privileges.
//!
//! seccompiler builds filters with one match action and one mismatch
//! action, so a profile becomes several programs and the kernel keeps the
//! most restrictive answer of all of them (for equal actions, the answer of
//! the filter installed last):
//! - with a default action other than ALLOW, one program returns that
//!   default for every syscall no rule names, and ALLOW for the calls (and
//!   argument conditions) of every rule, whatever its action; the calls
//!   named without conditions (most of an allow-list such as podman's) are
//!   looked up by a binary search over their number ranges in front of
//!   seccompiler's program (which tests one call after another, and the
//!   kernel runs the program for every syscall number when installing it);
//! - each other action (ERRNO with one errno value, KILL, TRAP, LOG,
//!   TRACE...) gets a program returning it for its rules' calls and ALLOW
//!   otherwise. They are installed last rule first, so where two rules of
//!   the same kind match, the one listed first in the profile answers.
//!
//! A syscall that matches no rule gets the default action; one matched by
//! rules with different actions gets the most restrictive of them. Rules
//! whose action is the default are no-ops (as in runc). Conditions on
//! different arguments of one rule must all hold; conditions that repeat an
//! argument index are alternatives (runc's reading). Syscall names this
//! architecture lacks are skipped, as runc and crun do.
//!
//! On x86_64 one more program answers ENOSYS to x32 system calls (numbers
//! with bit 30 set), which the per-syscall rules would otherwise not see.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use oci_spec::runtime::{
    LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompFilterFlag, LinuxSeccompOperator,
};
use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};

use super::syscalls::SYSCALLS;
use super::Error;

/// A compiled profile: the programs to install, in order, and the flags of
/// the `seccomp(SECCOMP_SET_MODE_FILTER)` calls.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    /// BPF programs, installed first to last.
    pub programs: Vec<BpfProgram>,
    /// `SECCOMP_FILTER_FLAG_*` bits.
    pub flags: libc::c_ulong,
}

/// The number of syscall `name` on this architecture.
pub(crate) fn syscall_nr(name: &str) -> Option<i64> {
    SYSCALLS
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| SYSCALLS[i].1)
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
    let eperm = libc::EPERM as u32;
    Ok(match a {
        LinuxSeccompAction::ScmpActAllow => SeccompAction::Allow,
        LinuxSeccompAction::ScmpActErrno => SeccompAction::Errno(errno.unwrap_or(eperm)),
        LinuxSeccompAction::ScmpActKill | LinuxSeccompAction::ScmpActKillThread => {
            SeccompAction::KillThread
        }
        LinuxSeccompAction::ScmpActKillProcess => SeccompAction::KillProcess,
        LinuxSeccompAction::ScmpActTrap => SeccompAction::Trap,
        LinuxSeccompAction::ScmpActLog => SeccompAction::Log,
        LinuxSeccompAction::ScmpActTrace => SeccompAction::Trace(errno.unwrap_or(eperm)),
        LinuxSeccompAction::ScmpActNotify => {
            return Err(Error::Seccomp(
                "action SCMP_ACT_NOTIFY is not supported (it needs a seccomp agent)".into(),
            ))
        }
    })
}

fn seccomp_err(e: impl std::fmt::Display) -> Error {
    Error::Seccomp(e.to_string())
}

/// The rules an OCI argument list stands for: `None` when it has no
/// conditions (the syscall number alone matches).
fn arg_rules(args: &[LinuxSeccompArg]) -> Result<Option<Vec<SeccompRule>>, Error> {
    if args.is_empty() {
        return Ok(None);
    }
    let mut conditions = Vec::new();
    for a in args {
        let index = u8::try_from(a.index())
            .ok()
            .filter(|i| *i < 6)
            .ok_or_else(|| {
                Error::Seccomp(format!(
                    "argument index {} is out of range: syscalls have arguments 0 to 5",
                    a.index()
                ))
            })?;
        let (op, value) = match a.op() {
            LinuxSeccompOperator::ScmpCmpNe => (SeccompCmpOp::Ne, a.value()),
            LinuxSeccompOperator::ScmpCmpLt => (SeccompCmpOp::Lt, a.value()),
            LinuxSeccompOperator::ScmpCmpLe => (SeccompCmpOp::Le, a.value()),
            LinuxSeccompOperator::ScmpCmpEq => (SeccompCmpOp::Eq, a.value()),
            LinuxSeccompOperator::ScmpCmpGe => (SeccompCmpOp::Ge, a.value()),
            LinuxSeccompOperator::ScmpCmpGt => (SeccompCmpOp::Gt, a.value()),
            // OCI: `value` is the mask, `valueTwo` the expected result.
            LinuxSeccompOperator::ScmpCmpMaskedEq => (
                SeccompCmpOp::MaskedEq(a.value()),
                a.value_two().unwrap_or(0),
            ),
        };
        conditions.push(
            SeccompCondition::new(index, SeccompCmpArgLen::Qword, op, value)
                .map_err(seccomp_err)?,
        );
    }
    let mut indexes: Vec<usize> = args.iter().map(|a| a.index()).collect();
    indexes.sort_unstable();
    indexes.dedup();
    let rules = if indexes.len() == args.len() {
        vec![SeccompRule::new(conditions).map_err(seccomp_err)?]
    } else {
        conditions
            .into_iter()
            .map(|c| SeccompRule::new(vec![c]).map_err(seccomp_err))
            .collect::<Result<_, _>>()?
    };
    Ok(Some(rules))
}

type Rules = BTreeMap<i64, Vec<SeccompRule>>;

/// Adds a syscall's rules to a map in which an empty list means "the
/// syscall number alone matches" (and then wins over any condition).
fn add_rules(map: &mut Rules, nr: i64, rules: Option<&Vec<SeccompRule>>) {
    match (map.entry(nr), rules) {
        (Entry::Vacant(e), r) => {
            e.insert(r.cloned().unwrap_or_default());
        }
        (Entry::Occupied(mut e), None) => e.get_mut().clear(),
        (Entry::Occupied(mut e), Some(r)) => {
            if !e.get().is_empty() {
                e.get_mut().extend(r.iter().cloned());
            }
        }
    }
}

fn filter_flags(flags: Option<&Vec<LinuxSeccompFilterFlag>>) -> libc::c_ulong {
    flags.into_iter().flatten().fold(0, |acc, f| {
        acc | match f {
            LinuxSeccompFilterFlag::SeccompFilterFlagTsync => libc::SECCOMP_FILTER_FLAG_TSYNC,
            LinuxSeccompFilterFlag::SeccompFilterFlagLog => libc::SECCOMP_FILTER_FLAG_LOG,
            LinuxSeccompFilterFlag::SeccompFilterFlagSpecAllow => {
                libc::SECCOMP_FILTER_FLAG_SPEC_ALLOW
            }
        }
    })
}

/// Compile an OCI seccomp profile into BPF programs, to install in order.
pub(crate) fn compile(profile: &LinuxSeccomp) -> Result<Compiled, Error> {
    let arch = arch()?;
    let default = action(profile.default_action(), profile.default_errno_ret())?;
    // The rules of each action other than the default, in profile order.
    let mut groups: Vec<(SeccompAction, Rules)> = Vec::new();
    for sc in profile.syscalls().iter().flatten() {
        let act = action(sc.action(), sc.errno_ret())?;
        if act == default {
            continue;
        }
        let rules = arg_rules(sc.args().as_deref().unwrap_or_default())?;
        let idx = match groups.iter().position(|(a, _)| *a == act) {
            Some(i) => i,
            None => {
                groups.push((act, Rules::new()));
                groups.len() - 1
            }
        };
        for nr in sc.names().iter().filter_map(|n| syscall_nr(n)) {
            add_rules(&mut groups[idx].1, nr, rules.as_ref());
        }
    }
    let mut programs = Vec::new();
    if cfg!(target_arch = "x86_64") {
        programs.push(x32_guard());
    }
    if default != SeccompAction::Allow {
        // Every call some rule names is let through here; the programs
        // below give the rules' own answers. Calls named without argument
        // conditions (most of an allow-list) are found by a search tree in
        // front of seccompiler's linear program for the others.
        let mut named = Rules::new();
        for (_, rules) in &groups {
            for (nr, r) in rules {
                add_rules(&mut named, *nr, (!r.is_empty()).then_some(r));
            }
        }
        let plain: Vec<i64> = named
            .iter()
            .filter(|(_, r)| r.is_empty())
            .map(|(nr, _)| *nr)
            .collect();
        named.retain(|_, r| !r.is_empty());
        let rest = SeccompFilter::new(named, default.clone(), SeccompAction::Allow, arch)
            .and_then(BpfProgram::try_from)
            .map_err(seccomp_err)?;
        programs.push(search_tree(&plain, SeccompAction::Allow, rest)?);
    }
    for (act, mut rules) in groups.into_iter().rev() {
        if act != SeccompAction::Allow && !rules.is_empty() {
            let plain: Vec<i64> = rules
                .iter()
                .filter(|(_, r)| r.is_empty())
                .map(|(nr, _)| *nr)
                .collect();
            rules.retain(|_, r| !r.is_empty());
            let rest = SeccompFilter::new(rules, SeccompAction::Allow, act.clone(), arch)
                .and_then(BpfProgram::try_from)
                .map_err(seccomp_err)?;
            programs.push(search_tree(&plain, act, rest)?);
        }
    }
    Ok(Compiled {
        programs,
        flags: filter_flags(profile.flags().as_ref()),
    })
}

/// A program that answers `action` to the syscalls numbered `calls` (sorted)
/// through a binary search over their ranges (a few comparisons, where a
/// linear program takes one or two per syscall: the kernel runs the
/// program for every syscall number when the filter is installed, and for
/// every syscall made after) and hands every other call, and every call of
/// another architecture, to `rest`.
fn search_tree(
    calls: &[i64],
    action: SeccompAction,
    rest: BpfProgram,
) -> Result<BpfProgram, Error> {
    let answer = u32::from(action);
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for nr in calls.iter().filter_map(|n| u32::try_from(*n).ok()) {
        match ranges.last_mut() {
            Some((_, hi)) if *hi + 1 == nr => *hi = nr,
            _ => ranges.push((nr, nr)),
        }
    }
    // Instructions, with `Jump::Rest` patched once the length is known.
    enum Insn {
        Op(u16, u8, u8, u32),
        Rest,
        To(usize),
    }
    fn node(ranges: &[(u32, u32)], answer: u32, out: &mut Vec<Insn>) {
        match ranges {
            [] => out.push(Insn::Rest),
            [(lo, hi)] => {
                out.push(Insn::Op(JGE_K, 0, 2, *lo));
                out.push(Insn::Op(JGT_K, 1, 0, *hi));
                out.push(Insn::Op(RET_K, 0, 0, answer));
                out.push(Insn::Rest);
            }
            _ => {
                let mid = ranges.len() / 2;
                out.push(Insn::Op(JGE_K, 0, 1, ranges[mid].0));
                let to_right = out.len();
                out.push(Insn::To(0));
                node(&ranges[..mid], answer, out);
                let right = out.len();
                out[to_right] = Insn::To(right);
                node(&ranges[mid..], answer, out);
            }
        }
    }
    let audit_arch = if cfg!(target_arch = "x86_64") {
        AUDIT_ARCH_X86_64
    } else {
        AUDIT_ARCH_AARCH64
    };
    let mut code = vec![
        Insn::Op(LD_W_ABS, 0, 0, 4), // seccomp_data.arch
        Insn::Op(JEQ_K, 1, 0, audit_arch),
        Insn::Rest,
        Insn::Op(LD_W_ABS, 0, 0, 0), // seccomp_data.nr
    ];
    node(&ranges, answer, &mut code);
    let end = code.len();
    let mut prog = Vec::with_capacity(end + rest.len());
    for (i, insn) in code.into_iter().enumerate() {
        let ja = |to: usize| seccompiler::sock_filter {
            code: JA,
            jt: 0,
            jf: 0,
            k: (to - i - 1) as u32,
        };
        prog.push(match insn {
            Insn::Op(code, jt, jf, k) => seccompiler::sock_filter { code, jt, jf, k },
            Insn::Rest => ja(end),
            Insn::To(to) => ja(to),
        });
    }
    prog.extend(rest);
    if prog.len() > usize::from(u16::MAX) {
        return Err(Error::Seccomp(format!(
            "the filter has {} instructions, more than the kernel takes",
            prog.len()
        )));
    }
    Ok(prog)
}

const LD_W_ABS: u16 = 0x20; // BPF_LD | BPF_W | BPF_ABS
const JA: u16 = 0x05; // BPF_JMP | BPF_JA
const JEQ_K: u16 = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
const JGT_K: u16 = 0x25; // BPF_JMP | BPF_JGT | BPF_K
const JGE_K: u16 = 0x35; // BPF_JMP | BPF_JGE | BPF_K
const JSET_K: u16 = 0x45; // BPF_JMP | BPF_JSET | BPF_K
const RET_K: u16 = 0x06; // BPF_RET | BPF_K
const AUDIT_ARCH_X86_64: u32 = 0xC000_003E;
const AUDIT_ARCH_AARCH64: u32 = 0xC000_00B7;

/// A program answering ENOSYS to x32 system calls (x86_64 arch, syscall
/// number with `__X32_SYSCALL_BIT`), and ALLOW to everything else.
fn x32_guard() -> BpfProgram {
    const X32_SYSCALL_BIT: u32 = 0x4000_0000;
    let insn = |code, jt, jf, k| seccompiler::sock_filter { code, jt, jf, k };
    vec![
        insn(LD_W_ABS, 0, 0, 4), // seccomp_data.arch
        insn(JEQ_K, 0, 3, AUDIT_ARCH_X86_64),
        insn(LD_W_ABS, 0, 0, 0), // seccomp_data.nr
        insn(JSET_K, 0, 1, X32_SYSCALL_BIT),
        insn(RET_K, 0, 0, libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32),
        insn(RET_K, 0, 0, libc::SECCOMP_RET_ALLOW),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use oci_spec::runtime::{LinuxSeccompArgBuilder, LinuxSeccompBuilder, LinuxSyscallBuilder};

    /// Runs one classic-BPF program (the instructions seccompiler emits)
    /// on a `seccomp_data`.
    fn run(prog: &BpfProgram, arch: u32, nr: i64, args: [u64; 6]) -> u32 {
        let mut data = Vec::new();
        data.extend_from_slice(&(nr as i32).to_ne_bytes());
        data.extend_from_slice(&arch.to_ne_bytes());
        data.extend_from_slice(&0u64.to_ne_bytes()); // instruction pointer
        for a in args {
            data.extend_from_slice(&a.to_ne_bytes());
        }
        let (mut acc, mut pc) = (0u32, 0usize);
        loop {
            let i = &prog[pc];
            pc += 1;
            match i.code {
                0x20 => {
                    let o = i.k as usize;
                    acc = u32::from_ne_bytes(data[o..o + 4].try_into().unwrap());
                }
                0x54 => acc &= i.k,
                0x05 => pc += i.k as usize,
                0x15 | 0x25 | 0x35 | 0x45 => {
                    let hit = match i.code {
                        0x15 => acc == i.k,
                        0x25 => acc > i.k,
                        0x35 => acc >= i.k,
                        _ => acc & i.k != 0,
                    };
                    pc += usize::from(if hit { i.jt } else { i.jf });
                }
                0x06 => return i.k,
                other => panic!("unexpected BPF opcode {other:#x}"),
            }
        }
    }

    /// What the kernel answers with all the programs installed: the most
    /// restrictive result; among equals, the one installed last.
    fn verdict(c: &Compiled, nr: i64, args: [u64; 6]) -> u32 {
        let arch = if cfg!(target_arch = "x86_64") {
            0xC000_003E
        } else {
            0xC000_00B7
        };
        let mut ret = libc::SECCOMP_RET_ALLOW;
        for p in c.programs.iter().rev() {
            let cur = run(p, arch, nr, args);
            if ((cur & 0xffff_0000) as i32) < ((ret & 0xffff_0000) as i32) {
                ret = cur;
            }
        }
        ret
    }

    fn nr(name: &str) -> i64 {
        syscall_nr(name).unwrap_or_else(|| panic!("no syscall {name}"))
    }

    const ALLOW: u32 = libc::SECCOMP_RET_ALLOW;
    fn errno(e: i32) -> u32 {
        libc::SECCOMP_RET_ERRNO | e as u32
    }

    fn rule(names: &[&str], act: LinuxSeccompAction, errno: Option<u32>) -> LinuxSyscallBuilder {
        let mut b = LinuxSyscallBuilder::default()
            .names(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .action(act);
        if let Some(e) = errno {
            b = b.errno_ret(e);
        }
        b
    }

    fn arg(index: usize, value: u64, op: LinuxSeccompOperator) -> LinuxSeccompArg {
        LinuxSeccompArgBuilder::default()
            .index(index)
            .value(value)
            .op(op)
            .build()
            .unwrap()
    }

    #[test]
    fn the_table_is_sorted_and_complete() {
        assert!(SYSCALLS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(syscall_nr("mount"), Some(libc::SYS_mount));
        assert_eq!(syscall_nr("mkdirat"), Some(libc::SYS_mkdirat));
        assert_eq!(syscall_nr("read"), Some(libc::SYS_read));
        assert_eq!(syscall_nr("mseal"), Some(462));
        assert_eq!(syscall_nr("no_such_call"), None);
    }

    #[test]
    fn default_profile_answers() {
        let caps: Vec<String> = crate::spec::DEFAULT_CAPS
            .iter()
            .map(|s| s.to_string())
            .collect();
        let c = compile(&crate::spec::default_seccomp(&caps).unwrap()).unwrap();
        let enosys = errno(libc::ENOSYS);
        let eperm = errno(libc::EPERM);
        for call in [
            "read", "execve", "execveat", "clone3", "keyctl", "mount", "chroot",
        ] {
            assert_eq!(verdict(&c, nr(call), [0; 6]), ALLOW, "{call}");
        }
        // Not in the allow-list: the default answer.
        for call in [
            "io_uring_setup",
            "io_uring_enter",
            "io_uring_register",
            "listmount",
            "statmount",
            "mseal",
            "add_key",
            "request_key",
        ] {
            assert_eq!(verdict(&c, nr(call), [0; 6]), enosys, "{call}");
        }
        // A syscall number no kernel has yet.
        assert_eq!(verdict(&c, 1000, [0; 6]), enosys);
        // Named with EPERM, or allowed only with a capability the default
        // set lacks.
        for call in [
            "kexec_load",
            "userfaultfd",
            "bpf",
            "perf_event_open",
            "setns",
        ] {
            assert_eq!(verdict(&c, nr(call), [0; 6]), eperm, "{call}");
        }
        // Argument conditions: personality values, audit sockets.
        let arg0 = |v: u64| [v, 0, 0, 0, 0, 0];
        for ok in [0, 8, 0x20000, 0x20008, 0xffff_ffff] {
            assert_eq!(verdict(&c, nr("personality"), arg0(ok)), ALLOW, "{ok:#x}");
        }
        assert_eq!(verdict(&c, nr("personality"), arg0(0x0040000)), enosys);
        let newuser = libc::CLONE_NEWUSER as u64;
        assert_eq!(verdict(&c, nr("clone"), arg0(newuser | 17)), ALLOW);
        assert_eq!(verdict(&c, nr("unshare"), arg0(newuser)), ALLOW);
        let netlink_audit = [16, 3, 9, 0, 0, 0];
        assert_eq!(
            verdict(&c, nr("socket"), netlink_audit),
            errno(libc::EINVAL)
        );
        assert_eq!(verdict(&c, nr("socket"), [2, 1, 0, 0, 0, 0]), ALLOW);

        // Capabilities change the answers.
        let none = compile(&crate::spec::default_seccomp(&[]).unwrap()).unwrap();
        assert_eq!(verdict(&none, nr("chroot"), [0; 6]), eperm);
        let admin =
            compile(&crate::spec::default_seccomp(&["CAP_SYS_ADMIN".into()]).unwrap()).unwrap();
        assert_eq!(verdict(&admin, nr("setns"), [0; 6]), ALLOW);
        assert_eq!(verdict(&admin, nr("bpf"), [0; 6]), ALLOW);
        let bpf = compile(&crate::spec::default_seccomp(&["CAP_BPF".into()]).unwrap()).unwrap();
        assert_eq!(verdict(&bpf, nr("bpf"), [0; 6]), ALLOW);
    }

    #[test]
    fn allow_list_with_its_own_errors() {
        // podman's shape: ENOSYS by default, an allow list, EPERM for some
        // calls, and EINVAL for one call only with given arguments.
        let p = LinuxSeccompBuilder::default()
            .default_action(LinuxSeccompAction::ScmpActErrno)
            .default_errno_ret(libc::ENOSYS as u32)
            .syscalls(vec![
                rule(
                    &["mkdir", "mkdirat"],
                    LinuxSeccompAction::ScmpActErrno,
                    Some(1),
                )
                .build()
                .unwrap(),
                rule(
                    &["read", "write", "socket"],
                    LinuxSeccompAction::ScmpActAllow,
                    None,
                )
                .build()
                .unwrap(),
                rule(&["socket"], LinuxSeccompAction::ScmpActErrno, Some(22))
                    .args(vec![
                        arg(0, 16, LinuxSeccompOperator::ScmpCmpEq),
                        arg(2, 9, LinuxSeccompOperator::ScmpCmpEq),
                    ])
                    .build()
                    .unwrap(),
                rule(&["personality"], LinuxSeccompAction::ScmpActAllow, None)
                    .args(vec![arg(0, 8, LinuxSeccompOperator::ScmpCmpEq)])
                    .build()
                    .unwrap(),
                rule(&["kill"], LinuxSeccompAction::ScmpActKillProcess, None)
                    .build()
                    .unwrap(),
                rule(&["nosuchcall"], LinuxSeccompAction::ScmpActAllow, None)
                    .build()
                    .unwrap(),
            ])
            .build()
            .unwrap();
        let c = compile(&p).unwrap();
        assert_eq!(verdict(&c, nr("read"), [0; 6]), ALLOW);
        assert_eq!(verdict(&c, nr("mkdir"), [0; 6]), errno(libc::EPERM));
        assert_eq!(verdict(&c, nr("mkdirat"), [0; 6]), errno(libc::EPERM));
        assert_eq!(verdict(&c, nr("getpid"), [0; 6]), errno(libc::ENOSYS));
        assert_eq!(
            verdict(&c, nr("socket"), [16, 3, 9, 0, 0, 0]),
            errno(libc::EINVAL)
        );
        assert_eq!(verdict(&c, nr("socket"), [16, 3, 0, 0, 0, 0]), ALLOW);
        assert_eq!(verdict(&c, nr("personality"), [8, 0, 0, 0, 0, 0]), ALLOW);
        assert_eq!(
            verdict(&c, nr("personality"), [1, 0, 0, 0, 0, 0]),
            errno(libc::ENOSYS)
        );
        assert_eq!(
            verdict(&c, nr("kill"), [0; 6]),
            libc::SECCOMP_RET_KILL_PROCESS
        );
    }

    #[test]
    fn deny_list_actions_and_repeated_arguments() {
        let p = LinuxSeccompBuilder::default()
            .default_action(LinuxSeccompAction::ScmpActAllow)
            .syscalls(vec![
                rule(&["mkdir"], LinuxSeccompAction::ScmpActErrno, Some(13))
                    .build()
                    .unwrap(),
                rule(
                    &["mkdir", "rmdir"],
                    LinuxSeccompAction::ScmpActErrno,
                    Some(1),
                )
                .build()
                .unwrap(),
                rule(&["uname"], LinuxSeccompAction::ScmpActTrap, None)
                    .build()
                    .unwrap(),
                rule(&["getppid"], LinuxSeccompAction::ScmpActLog, None)
                    .build()
                    .unwrap(),
                rule(&["getpid"], LinuxSeccompAction::ScmpActTrace, None)
                    .build()
                    .unwrap(),
                // Two conditions on argument 0: either one matches.
                rule(&["close"], LinuxSeccompAction::ScmpActKill, None)
                    .args(vec![
                        arg(0, 100, LinuxSeccompOperator::ScmpCmpEq),
                        arg(0, 200, LinuxSeccompOperator::ScmpCmpGe),
                    ])
                    .build()
                    .unwrap(),
                rule(&["dup"], LinuxSeccompAction::ScmpActErrno, Some(9))
                    .args(vec![LinuxSeccompArgBuilder::default()
                        .index(0usize)
                        .value(0xf0u64)
                        .value_two(0x30u64)
                        .op(LinuxSeccompOperator::ScmpCmpMaskedEq)
                        .build()
                        .unwrap()])
                    .build()
                    .unwrap(),
            ])
            .build()
            .unwrap();
        let c = compile(&p).unwrap();
        // The first matching rule of a kind answers.
        assert_eq!(verdict(&c, nr("mkdir"), [0; 6]), errno(libc::EACCES));
        assert_eq!(verdict(&c, nr("rmdir"), [0; 6]), errno(libc::EPERM));
        assert_eq!(verdict(&c, nr("uname"), [0; 6]), libc::SECCOMP_RET_TRAP);
        assert_eq!(verdict(&c, nr("getppid"), [0; 6]), libc::SECCOMP_RET_LOG);
        assert_eq!(
            verdict(&c, nr("getpid"), [0; 6]),
            libc::SECCOMP_RET_TRACE | libc::EPERM as u32
        );
        let kill = libc::SECCOMP_RET_KILL_THREAD;
        assert_eq!(verdict(&c, nr("close"), [100, 0, 0, 0, 0, 0]), kill);
        assert_eq!(verdict(&c, nr("close"), [250, 0, 0, 0, 0, 0]), kill);
        assert_eq!(verdict(&c, nr("close"), [150, 0, 0, 0, 0, 0]), ALLOW);
        assert_eq!(verdict(&c, nr("dup"), [0x3f, 0, 0, 0, 0, 0]), errno(9));
        assert_eq!(verdict(&c, nr("dup"), [0x4f, 0, 0, 0, 0, 0]), ALLOW);
        assert_eq!(verdict(&c, nr("read"), [0; 6]), ALLOW);
    }

    #[test]
    fn the_search_tree_allows_exactly_its_calls() {
        let refuse = libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32;
        let rest = vec![seccompiler::sock_filter {
            code: RET_K,
            jt: 0,
            jf: 0,
            k: refuse,
        }];
        let arch = if cfg!(target_arch = "x86_64") {
            AUDIT_ARCH_X86_64
        } else {
            AUDIT_ARCH_AARCH64
        };
        for allowed in [
            vec![],
            vec![7],
            vec![0, 1, 2, 5, 7, 8, 9, 100, 300, 301, 302, 450],
            (0..400).filter(|n| n % 3 != 0).collect::<Vec<i64>>(),
        ] {
            let prog = search_tree(&allowed, SeccompAction::Allow, rest.clone()).unwrap();
            for nr in 0..600 {
                let want = if allowed.contains(&nr) { ALLOW } else { refuse };
                assert_eq!(run(&prog, arch, nr, [0; 6]), want, "{nr} in {allowed:?}");
            }
            // Another architecture's numbers go to `rest`.
            if let Some(nr) = allowed.first() {
                assert_eq!(run(&prog, 0x4000_0003, *nr, [0; 6]), refuse);
            }
        }
        // An allow-list without argument conditions.
        let p = LinuxSeccompBuilder::default()
            .default_action(LinuxSeccompAction::ScmpActErrno)
            .default_errno_ret(libc::ENOSYS as u32)
            .syscalls(vec![rule(
                &["read", "write"],
                LinuxSeccompAction::ScmpActAllow,
                None,
            )
            .build()
            .unwrap()])
            .build()
            .unwrap();
        let c = compile(&p).unwrap();
        assert_eq!(verdict(&c, nr("read"), [0; 6]), ALLOW);
        assert_eq!(verdict(&c, nr("mkdir"), [0; 6]), errno(libc::ENOSYS));
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn x32_calls_are_refused() {
        let p = LinuxSeccompBuilder::default()
            .default_action(LinuxSeccompAction::ScmpActAllow)
            .syscalls(vec![rule(
                &["mkdir"],
                LinuxSeccompAction::ScmpActErrno,
                None,
            )
            .build()
            .unwrap()])
            .build()
            .unwrap();
        let c = compile(&p).unwrap();
        assert_eq!(verdict(&c, nr("mkdir"), [0; 6]), errno(libc::EPERM));
        assert_eq!(
            verdict(&c, 0x4000_0000 | nr("mkdir"), [0; 6]),
            errno(libc::ENOSYS)
        );
    }

    #[test]
    fn unsupported_shapes_are_errors() {
        let notify = LinuxSeccompBuilder::default()
            .default_action(LinuxSeccompAction::ScmpActAllow)
            .syscalls(vec![rule(
                &["mkdir"],
                LinuxSeccompAction::ScmpActNotify,
                None,
            )
            .build()
            .unwrap()])
            .build()
            .unwrap();
        assert!(compile(&notify)
            .unwrap_err()
            .to_string()
            .contains("SCMP_ACT_NOTIFY"));
        let index = LinuxSeccompBuilder::default()
            .default_action(LinuxSeccompAction::ScmpActAllow)
            .syscalls(vec![rule(
                &["mkdir"],
                LinuxSeccompAction::ScmpActErrno,
                None,
            )
            .args(vec![arg(6, 0, LinuxSeccompOperator::ScmpCmpEq)])
            .build()
            .unwrap()])
            .build()
            .unwrap();
        assert!(compile(&index).unwrap_err().to_string().contains("index 6"));
    }
}
