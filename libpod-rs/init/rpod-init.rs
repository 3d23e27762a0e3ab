//! rpod's container entry point: a tiny static executable, built by
//! libpod's build script (no std, no libc, raw syscalls), that rpod copies
//! into a sealed memfd and execs as the last step of `run` and `exec`, so
//! that the process the container sees (and `/proc/PID/exe`) is never the
//! rpod binary on the host, and nothing of rpod's memory, arguments or
//! environment is behind it (the runc CVE-2019-5736 class).
//!
//! `rpod-exec -- CMD ARGS...` execs CMD (searched in the `PATH` of the
//! environment it was given, which is the container's) with the same
//! environment. `rpod-init -- CMD ARGS...` is `--init`'s PID 1: it makes
//! itself non-dumpable, forks, the child execs CMD, and it reaps every
//! child, forwards every signal to CMD and exits with CMD's status (128+N
//! when killed by signal N). `rpod-pause -- NAME` runs nothing: it is a
//! `kube play --service-container`'s process, waiting (reaping) until
//! SIGTERM, SIGINT or SIGHUP, then exiting 0 (catatonit -P's part).
//!
//! Descriptor 3 is rpod's error pipe: when CMD cannot be exec'd, a report
//! goes there (`[code, 0, kind, errno (4 bytes, little endian), name...]`;
//! kind 0: exec failed, 1: not found in PATH, 2: fork failed; code 125,
//! 126 or 127) and the
//! process exits with that code. It is closed on a successful exec, which
//! is how rpod learns that CMD started.
//!
//! Not a cargo target, so `cargo fmt`/`clippy` do not see it: check it with
//! `rustfmt --edition 2021 --check init/rpod-init.rs` and `clippy-driver
//! --edition=2021 --crate-type=bin -C panic=abort --emit=metadata -o
//! /tmp/rpod-init.rmeta init/rpod-init.rs -D warnings` (from libpod-rs/).
#![no_std]
#![no_main]

use core::arch::{asm, global_asm};
use core::sync::atomic::{AtomicUsize, Ordering};

/// The report pipe's descriptor: 3, or `-N`'s N (`--preserve-fds`
/// keeps 3..N-1 for the command).
static REPORT_FD: AtomicUsize = AtomicUsize::new(3);

fn report_fd() -> usize {
    REPORT_FD.load(Ordering::Relaxed)
}
const DEFAULT_PATH: &[u8] = b"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const ENOENT: isize = 2;
const ENOTDIR: isize = 20;
const EINTR: isize = 4;
const F_SETFD: usize = 2;
const FD_CLOEXEC: usize = 1;
const PR_SET_NAME: usize = 15;
const PR_SET_DUMPABLE: usize = 4;
const SIG_SETMASK: usize = 2;
const SIGCHLD: usize = 17;
const SIGHUP: usize = 1;
const SIGINT: usize = 2;
const SIGTERM: usize = 15;
const WNOHANG: usize = 1;

#[cfg(target_arch = "x86_64")]
mod nr {
    pub const WRITE: usize = 1;
    pub const CLOSE: usize = 3;
    pub const RT_SIGPROCMASK: usize = 14;
    pub const CLONE: usize = 56;
    pub const EXECVE: usize = 59;
    pub const WAIT4: usize = 61;
    pub const KILL: usize = 62;
    pub const FCNTL: usize = 72;
    pub const RT_SIGTIMEDWAIT: usize = 128;
    pub const PRCTL: usize = 157;
    pub const EXIT_GROUP: usize = 231;
}

#[cfg(target_arch = "aarch64")]
mod nr {
    pub const WRITE: usize = 64;
    pub const CLOSE: usize = 57;
    pub const RT_SIGPROCMASK: usize = 135;
    pub const CLONE: usize = 220;
    pub const EXECVE: usize = 221;
    pub const WAIT4: usize = 260;
    pub const KILL: usize = 129;
    pub const FCNTL: usize = 25;
    pub const RT_SIGTIMEDWAIT: usize = 137;
    pub const PRCTL: usize = 167;
    pub const EXIT_GROUP: usize = 94;
}

#[cfg(target_arch = "x86_64")]
global_asm!(
    ".globl _start",
    "_start:",
    "xor ebp, ebp",
    "mov rdi, rsp",
    "and rsp, -16",
    "call rpod_init_main",
    "ud2",
);

#[cfg(target_arch = "aarch64")]
global_asm!(
    ".globl _start",
    "_start:",
    "mov x29, #0",
    "mov x30, #0",
    "mov x0, sp",
    "and sp, x0, #-16",
    "bl rpod_init_main",
    "brk #0",
);

/// A raw system call; returns the result or `-errno`.
#[cfg(target_arch = "x86_64")]
unsafe fn syscall(n: usize, a: [usize; 5]) -> isize {
    let ret: isize;
    asm!(
        "syscall",
        inlateout("rax") n as isize => ret,
        in("rdi") a[0],
        in("rsi") a[1],
        in("rdx") a[2],
        in("r10") a[3],
        in("r8") a[4],
        lateout("rcx") _,
        lateout("r11") _,
        options(nostack),
    );
    ret
}

/// A raw system call; returns the result or `-errno`.
#[cfg(target_arch = "aarch64")]
unsafe fn syscall(n: usize, a: [usize; 5]) -> isize {
    let ret: isize;
    asm!(
        "svc 0",
        in("x8") n,
        inlateout("x0") a[0] as isize => ret,
        in("x1") a[1],
        in("x2") a[2],
        in("x3") a[3],
        in("x4") a[4],
        options(nostack),
    );
    ret
}

fn sys(n: usize, a: [usize; 5]) -> isize {
    // SAFETY: every call site passes arguments that are valid for the
    // system call named (pointers into live buffers, or integers).
    unsafe { syscall(n, a) }
}

fn exit(code: usize) -> ! {
    loop {
        sys(nr::EXIT_GROUP, [code, 0, 0, 0, 0]);
    }
}

fn write_all(fd: usize, mut buf: &[u8]) {
    while !buf.is_empty() {
        let n = sys(nr::WRITE, [fd, buf.as_ptr() as usize, buf.len(), 0, 0]);
        if n == -EINTR {
            continue;
        }
        if n <= 0 {
            return;
        }
        buf = &buf[n as usize..];
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    exit(125)
}

// The compiler may emit calls to these; there is no libc to provide them.
// Volatile accesses keep it from turning the loops back into calls.
#[no_mangle]
unsafe extern "C" fn memcpy(d: *mut u8, s: *const u8, n: usize) -> *mut u8 {
    for i in 0..n {
        core::ptr::write_volatile(d.add(i), core::ptr::read_volatile(s.add(i)));
    }
    d
}

#[no_mangle]
unsafe extern "C" fn memmove(d: *mut u8, s: *const u8, n: usize) -> *mut u8 {
    if (d as usize) < (s as usize) {
        memcpy(d, s, n)
    } else {
        for i in (0..n).rev() {
            core::ptr::write_volatile(d.add(i), core::ptr::read_volatile(s.add(i)));
        }
        d
    }
}

#[no_mangle]
unsafe extern "C" fn memset(d: *mut u8, c: i32, n: usize) -> *mut u8 {
    for i in 0..n {
        core::ptr::write_volatile(d.add(i), c as u8);
    }
    d
}

#[no_mangle]
unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        let (x, y) = (
            core::ptr::read_volatile(a.add(i)),
            core::ptr::read_volatile(b.add(i)),
        );
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

#[no_mangle]
unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    memcmp(a, b, n)
}

// The precompiled `core` refers to it; with panic=abort nothing unwinds.
#[no_mangle]
extern "C" fn rust_eh_personality() {}

/// The NUL-terminated string at `p`, without its NUL.
fn c_str<'a>(p: *const u8) -> &'a [u8] {
    let mut n = 0;
    // SAFETY: `p` comes from the argument or environment vectors the
    // kernel set up: NUL-terminated strings that live as long as we do.
    unsafe {
        while core::ptr::read_volatile(p.add(n)) != 0 {
            n += 1;
        }
        core::slice::from_raw_parts(p, n)
    }
}

/// Sends a report on the error pipe and exits with `code`.
fn fail(code: u8, kind: u8, errno: isize, name: &[u8]) -> ! {
    let mut buf = [0u8; 512];
    let head = [code, 0, kind];
    let e = (errno as i32).to_le_bytes();
    let mut n = 0;
    for b in head.iter().chain(e.iter()).chain(name.iter()) {
        if n == buf.len() {
            break;
        }
        buf[n] = *b;
        n += 1;
    }
    write_all(report_fd(), &buf[..n]);
    exit(usize::from(code))
}

/// Execs `argv[0]` as the shell would (searching `PATH` without a slash);
/// returns only through [`fail`].
fn exec_command(argv: *const *const u8, envp: *const *const u8) -> ! {
    // SAFETY: argv has at least one entry (checked by the caller).
    let cmd = unsafe { *argv };
    let name = c_str(cmd);
    let execve = |path: *const u8| {
        sys(
            nr::EXECVE,
            [path as usize, argv as usize, envp as usize, 0, 0],
        )
    };
    if name.contains(&b'/') {
        let e = -execve(cmd);
        fail(if e == ENOENT { 127 } else { 126 }, 0, e, name);
    }
    let mut path = DEFAULT_PATH;
    let mut i = 0;
    loop {
        // SAFETY: envp is the NULL-terminated vector the kernel gave us.
        let p = unsafe { *envp.add(i) };
        if p.is_null() {
            break;
        }
        if let Some(v) = c_str(p).strip_prefix(b"PATH=") {
            path = v;
            break;
        }
        i += 1;
    }
    let mut denied = 0;
    let mut buf = [0u8; 4096];
    for dir in path.split(|b| *b == b':') {
        let dir: &[u8] = if dir.is_empty() { b"." } else { dir };
        let len = dir.len() + 1 + name.len();
        if len >= buf.len() {
            continue;
        }
        buf[..dir.len()].copy_from_slice(dir);
        buf[dir.len()] = b'/';
        buf[dir.len() + 1..len].copy_from_slice(name);
        buf[len] = 0;
        let e = -execve(buf.as_ptr());
        if e != ENOENT && e != ENOTDIR && denied == 0 {
            denied = e;
        }
    }
    if denied != 0 {
        fail(126, 0, denied, name)
    }
    fail(127, 1, ENOENT, name)
}

/// `--init`'s PID 1 once the command's process is forked: reap and forward.
fn init_loop(main: isize) -> ! {
    let all: u64 = !0;
    loop {
        let sig = sys(
            nr::RT_SIGTIMEDWAIT,
            [&all as *const u64 as usize, 0, 0, 8, 0],
        );
        if sig < 0 {
            continue;
        }
        if sig as usize != SIGCHLD {
            sys(nr::KILL, [main as usize, sig as usize, 0, 0, 0]);
            continue;
        }
        loop {
            let mut status: i32 = 0;
            let pid = sys(
                nr::WAIT4,
                [usize::MAX, &mut status as *mut i32 as usize, WNOHANG, 0, 0],
            );
            if pid <= 0 {
                break;
            }
            if pid == main {
                let (termsig, code) = (status & 0x7f, (status >> 8) & 0xff);
                exit(if termsig == 0 {
                    code as usize
                } else {
                    128 + termsig as usize
                });
            }
        }
    }
}

/// `rpod-pause`'s loop, every signal blocked: reap, and exit on a stop signal.
fn pause_loop() -> ! {
    let all: u64 = !0;
    loop {
        let sig = sys(
            nr::RT_SIGTIMEDWAIT,
            [&all as *const u64 as usize, 0, 0, 8, 0],
        );
        match sig as usize {
            SIGTERM | SIGINT | SIGHUP => exit(0),
            SIGCHLD => {
                let mut status: i32 = 0;
                while sys(
                    nr::WAIT4,
                    [usize::MAX, &mut status as *mut i32 as usize, WNOHANG, 0, 0],
                ) > 0
                {}
            }
            _ => {}
        }
    }
}

/// Entered from `_start` with the initial stack: argc, argv..., NULL, envp..., NULL.
#[no_mangle]
extern "C" fn rpod_init_main(sp: *const usize) -> ! {
    // SAFETY: the kernel's initial stack layout.
    let (argc, argv) = unsafe { (*sp, sp.add(1) as *const *const u8) };
    // SAFETY: envp follows argv's NULL.
    let envp = unsafe { argv.add(argc + 1) };
    // SAFETY: argv has argc entries.
    let arg = |i: usize| c_str(unsafe { *argv.add(i) });
    // `-N`: the report pipe is descriptor N.
    let mut first = 1;
    if argc > 1 {
        if let [b'-', digits @ ..] = arg(1) {
            if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
                let n = digits
                    .iter()
                    .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
                REPORT_FD.store(n, Ordering::Relaxed);
                first = 2;
            }
        }
    }
    let init = match (argc > first + 1).then(|| (arg(0), arg(first))) {
        Some((b"rpod-init", b"--")) => true,
        Some((b"rpod-exec", b"--")) => false,
        Some((b"rpod-pause", b"--")) => {
            sys(nr::PRCTL, [PR_SET_DUMPABLE, 0, 0, 0, 0]);
            let all: u64 = !0;
            sys(
                nr::RT_SIGPROCMASK,
                [SIG_SETMASK, &all as *const u64 as usize, 0, 8, 0],
            );
            // Closing the report pipe tells rpod it started.
            sys(nr::CLOSE, [report_fd(), 0, 0, 0, 0]);
            pause_loop()
        }
        _ => {
            write_all(2, b"rpod-init: usage: rpod-init|rpod-exec|rpod-pause [-FD] -- COMMAND [ARG...] (rpod's container entry point)\n");
            exit(125)
        }
    };
    // SAFETY: argc > first + 1, so this is the command's NULL-terminated vector.
    let cmd = unsafe { argv.add(first + 1) };
    // Nothing in the container may read this process's memory or files,
    // nor open its /proc/PID/exe (no CAP_SYS_PTRACE in its user namespace);
    // rpod, which owns that namespace, still opens /proc/1/ns/* for `exec`.
    // The command's execve makes it dumpable again.
    sys(nr::PRCTL, [PR_SET_DUMPABLE, 0, 0, 0, 0]);
    if !init {
        sys(nr::FCNTL, [report_fd(), F_SETFD, FD_CLOEXEC, 0, 0]);
        exec_command(cmd, envp)
    }
    sys(
        nr::PRCTL,
        [PR_SET_NAME, c"rpod-init".as_ptr() as usize, 0, 0, 0],
    );
    let (all, mut old): (u64, u64) = (!0, 0);
    sys(
        nr::RT_SIGPROCMASK,
        [
            SIG_SETMASK,
            &all as *const u64 as usize,
            &mut old as *mut u64 as usize,
            8,
            0,
        ],
    );
    let pid = sys(nr::CLONE, [SIGCHLD, 0, 0, 0, 0]);
    if pid == 0 {
        sys(
            nr::RT_SIGPROCMASK,
            [SIG_SETMASK, &old as *const u64 as usize, 0, 8, 0],
        );
        sys(nr::FCNTL, [report_fd(), F_SETFD, FD_CLOEXEC, 0, 0]);
        exec_command(cmd, envp)
    }
    if pid < 0 {
        fail(125, 2, -pid, b"")
    }
    sys(nr::CLOSE, [report_fd(), 0, 0, 0, 0]);
    init_loop(pid)
}
