//! Processes: the one way rpod forks ([`fork_then`], [`clone_then`], and
//! on top of them [`daemon_then`] and [`in_fork`]), what a forked child
//! does to its descriptors and signals before it execs, and what rpod
//! reads about processes from `/proc`.
//!
//! A forked child runs a closure and ends with the one `_exit` of the
//! crate, with the code the closure returned: it never returns into the
//! caller's code (a panic in it ends it with 125). The caller must be
//! single-threaded (DESIGN.md "fork before threads"): the child allocates
//! and takes locks, which a thread that does not exist in the child could
//! hold. Debug builds check this before every fork.

use std::ffi::CStr;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd, RawFd};

use nix::errno::Errno;
use nix::sched::CloneFlags;
use nix::sys::signal::{SigHandler, Signal};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::Pid;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The exit code of a forked child whose closure panicked (rpod's own error).
const PANICKED: u8 = 125;

/// Forks; the child runs `child` and exits with the code it returns.
/// Returns the child's PID. The caller must be single-threaded.
pub fn fork_then(child: impl FnOnce() -> u8) -> Result<Pid, Errno> {
    spawn(CloneFlags::empty(), child)
}

/// `clone(2)` with fork semantics (the child continues on a copy of our
/// memory) and `flags` (`CLONE_NEW*` namespaces, `CLONE_PARENT`); the
/// child runs `child` and exits with the code it returns; its exit signal
/// is SIGCHLD. Returns the child's PID. The caller must be single-threaded.
pub fn clone_then(flags: CloneFlags, child: impl FnOnce() -> u8) -> Result<Pid, Errno> {
    spawn(flags, child)
}

fn spawn(flags: CloneFlags, child: impl FnOnce() -> u8) -> Result<Pid, Errno> {
    debug_assert_single_threaded();
    let ret = if flags.is_empty() {
        // SAFETY: the process is single-threaded (checked above in debug
        // builds, the documented precondition otherwise), so no lock is
        // held by a thread missing from the child; the child leaves through
        // `_exit` below, never returning into the caller.
        unsafe { libc::fork() }
    } else {
        let flags = (flags.bits() | libc::SIGCHLD) as libc::c_ulong;
        // SAFETY: clone with a null stack behaves like fork(2), with the
        // namespaces asked for; the same reasoning as for fork applies.
        let pid = unsafe {
            libc::syscall(
                libc::SYS_clone,
                flags,
                std::ptr::null_mut::<libc::c_void>(),
                std::ptr::null_mut::<libc::c_int>(),
                std::ptr::null_mut::<libc::c_int>(),
                0usize,
            )
        };
        pid as libc::pid_t
    };
    match ret {
        -1 => Err(Errno::last()),
        0 => {
            let code =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(child)).unwrap_or(PANICKED);
            // SAFETY: ends this forked process at once: no atexit handlers,
            // no stdio flush, nothing of the parent's run twice.
            unsafe { libc::_exit(i32::from(code)) }
        }
        pid => Ok(Pid::from_raw(pid)),
    }
}

/// Panics (in debug builds) when this process has more than one thread:
/// forking it would leave the child with locks that no thread will release.
/// libtest runs unit tests on threads of its own, so unit tests skip it.
fn debug_assert_single_threaded() {
    if cfg!(debug_assertions) && !cfg!(test) {
        if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
            let n = tasks.count();
            assert!(
                n <= 1,
                "fork with {n} threads running (fork before threads)"
            );
        }
    }
}

/// Waits for our child `pid` to end (retrying when a signal interrupts).
pub fn wait(pid: Pid) -> Result<WaitStatus, Errno> {
    loop {
        match waitpid(pid, None) {
            Err(Errno::EINTR) => {}
            other => return other,
        }
    }
}

/// Starts `body` as a daemon: a grandchild in a session of its own that is
/// no process's child (an intermediate child forks it and exits at once,
/// so it is reparented to the nearest subreaper or init and nobody has to
/// reap it, nor can a terminal's signals reach it). Returns once the
/// intermediate process is gone; the daemon says what it needs to over a
/// [`super::channel::Channel`] it was given. The caller must be
/// single-threaded.
pub fn daemon_then(body: impl FnOnce() -> u8) -> Result<(), Errno> {
    let middle = fork_then(|| {
        let _ = nix::unistd::setsid();
        match fork_then(body) {
            Ok(_) => 0,
            Err(_) => 1,
        }
    })?;
    wait(middle).map(drop)
}

/// Runs `work` in a forked child and returns what it returned (it crosses
/// a [`super::channel::Channel`]), or `Err` when the child could not be
/// forked or died without an answer. For work that must change the process
/// for good, such as entering a user or mount namespace, without changing
/// the caller. The caller must be single-threaded.
pub fn in_fork<T: Serialize + DeserializeOwned>(
    work: impl FnOnce() -> Result<T, String>,
) -> std::io::Result<Result<T, String>> {
    let (ours, theirs) = super::channel::channel::<(), Result<T, String>>()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let child = fork_then(|| {
        let result = work();
        let code = u8::from(result.is_err());
        match theirs.send(&result) {
            Ok(()) => code,
            Err(_) => 1,
        }
    })?;
    drop(theirs);
    let answer = ours.recv();
    drop(ours);
    let status = wait(child)?;
    Ok(match answer {
        Ok(Some(result)) => result,
        Ok(None) => Err(format!("the helper process ended early: {status:?}")),
        Err(e) => Err(format!("the helper process: {e}")),
    })
}

/// Whether descriptor `fd` was passed to this process by its parent: open
/// and not close-on-exec (every descriptor rpod opens itself is
/// close-on-exec), as `--preserve-fd`/`--preserve-fds` need them.
pub fn fd_inherited(fd: RawFd) -> bool {
    nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_GETFD).is_ok_and(|f| {
        !nix::fcntl::FdFlag::from_bits_truncate(f).contains(nix::fcntl::FdFlag::FD_CLOEXEC)
    })
}

/// Sets this process's execution domain (personality(2): `PER_LINUX32`
/// makes `uname -m` say i686 on x86_64), kept across exec.
pub fn set_personality(persona: libc::c_ulong) -> Result<(), Errno> {
    // SAFETY: personality(2) only changes a flag word of this process.
    let ret = unsafe { libc::personality(persona) };
    Errno::result(ret).map(drop)
}

/// Marks descriptor `fd` close-on-exec.
pub fn set_cloexec(fd: RawFd) -> Result<(), Errno> {
    nix::fcntl::fcntl(
        fd,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    )
    .map(drop)
}

/// Marks every descriptor from 3 up close-on-exec, so nothing the caller
/// inherited leaks into what the process execs.
pub fn cloexec_from_3() -> Result<(), Errno> {
    cloexec_from(3)
}

/// Marks every descriptor from `lo` up close-on-exec (those below are
/// passed on: `--preserve-fds`).
pub fn cloexec_from(lo: u32) -> Result<(), Errno> {
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets a flag on
    // descriptors; it closes nothing and touches no memory.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_close_range,
            lo,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        )
    };
    Errno::result(ret).map(drop)
}

/// Closes the descriptors `lo..=hi` (a forked child about to exec or to
/// run on its own, which must hold nothing else of its parent's).
fn close_range(lo: u32, hi: u32) {
    if lo > hi {
        return;
    }
    // SAFETY: only called in a forked child on descriptors it no longer
    // uses (the ones it keeps are outside the range); no memory is touched.
    let r = unsafe { libc::syscall(libc::SYS_close_range, lo, hi, 0u32) };
    if r == 0 {
        return;
    }
    // Kernels before 5.9: one by one, up to a sane limit.
    for fd in lo..=hi.min(65535) {
        // SAFETY: as above.
        unsafe { libc::close(fd as RawFd) };
    }
}

/// Closes every descriptor from 3 up except those in `keep`, in a forked
/// child that goes on alone (a daemon): it must hold none of its parent's
/// pipes, terminals or logs. The standard descriptors are left to the
/// caller ([`null_stdio`]).
pub fn close_fds_except(keep: &[BorrowedFd<'_>]) {
    close_fds_from_except(3, keep);
}

/// [`close_fds_except`] from descriptor `first` up: the ones below it
/// are passed on on purpose (`--preserve-fds`).
pub fn close_fds_from_except(first: u32, keep: &[BorrowedFd<'_>]) {
    let mut keep: Vec<u32> = keep
        .iter()
        .filter_map(|fd| u32::try_from(fd.as_raw_fd()).ok())
        .filter(|&fd| fd >= first)
        .collect();
    keep.sort_unstable();
    let mut lo = first.max(3);
    for k in keep {
        if k > lo {
            close_range(lo, k - 1);
        }
        lo = lo.max(k + 1);
    }
    close_range(lo, u32::MAX);
}

/// Points descriptors 0, 1 and 2 at /dev/null (a daemon's stdio: the
/// caller's may be pipes someone reads to EOF, or a terminal).
pub fn null_stdio() -> Result<(), Errno> {
    let null = super::fs::open(
        "/dev/null",
        nix::fcntl::OFlag::O_RDWR,
        nix::sys::stat::Mode::empty(),
    )?;
    for fd in 0..3 {
        nix::unistd::dup2(null.as_raw_fd(), fd)?;
    }
    Ok(())
}

/// Execs `program` with exactly the descriptors `fds` (each at the number
/// paired with it; nothing else stays open), after the caller prepared the
/// rest; returns only the error. For a forked child.
pub fn exec_with_fds<A: AsRef<CStr>, E: AsRef<CStr>>(
    program: &CStr,
    args: &[A],
    env: &[E],
    fds: &[(BorrowedFd<'_>, RawFd)],
) -> Errno {
    // Moved above every target first, so that placing one never overwrites
    // another still to be placed.
    let top = fds.iter().map(|&(_, to)| to).max().unwrap_or(2).max(2);
    let mut high = Vec::with_capacity(fds.len());
    for &(fd, to) in fds {
        match rustix::io::fcntl_dupfd_cloexec(fd, top + 1) {
            Ok(h) => high.push((h, to)),
            Err(e) => return Errno::from_raw(e.raw_os_error()),
        }
    }
    for (h, to) in &high {
        // dup2 leaves the new descriptor without close-on-exec.
        if let Err(e) = nix::unistd::dup2(h.as_raw_fd(), *to) {
            return e;
        }
    }
    drop(high);
    close_range(u32::try_from(top + 1).unwrap_or(3), u32::MAX);
    match nix::unistd::execve(program, args, env) {
        Err(e) => e,
        Ok(never) => match never {},
    }
}

/// Resets every signal's disposition to the default, so a child does not
/// inherit signals our caller ignored (e.g. SIGINT in `cmd &`).
pub fn reset_signal_dispositions() {
    for sig in Signal::iterator() {
        if matches!(sig, Signal::SIGKILL | Signal::SIGSTOP) {
            continue;
        }
        // SAFETY: installing SIG_DFL runs no handler code; called in a
        // freshly forked, single-threaded child.
        unsafe {
            let _ = nix::sys::signal::signal(sig, SigHandler::SigDfl);
        }
    }
}

/// Unblocks every signal (a daemon whose starter blocked some around a
/// container's start).
pub fn unblock_signals() {
    let _ = nix::sys::signal::sigprocmask(
        nix::sys::signal::SigmaskHow::SIG_SETMASK,
        Some(&nix::sys::signal::SigSet::empty()),
        None,
    );
}

/// Ignores `sig` (SIG_IGN; a process it execs keeps ignoring it).
pub fn ignore_signal(sig: Signal) {
    // SAFETY: installing SIG_IGN runs no handler code.
    unsafe {
        let _ = nix::sys::signal::signal(sig, SigHandler::SigIgn);
    }
}

/// Installs one classic BPF program as a seccomp filter on the calling
/// thread (needs no_new_privs or CAP_SYS_ADMIN in our user namespace;
/// unlike seccompiler's helper it does not force no_new_privs, which
/// podman leaves off by default).
pub fn seccomp_set_filter(
    prog: &[seccompiler::sock_filter],
    flags: libc::c_ulong,
) -> Result<(), Errno> {
    let fprog = libc::sock_fprog {
        len: u16::try_from(prog.len()).map_err(|_| Errno::EINVAL)?,
        filter: prog.as_ptr().cast_mut().cast::<libc::sock_filter>(),
    };
    // SAFETY: fprog points at `prog`, a valid array of BPF instructions
    // (seccompiler's sock_filter is repr(C) with libc's layout) that
    // outlives the call; the kernel copies it.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            flags,
            &fprog as *const libc::sock_fprog,
        )
    };
    Errno::result(ret).map(drop)
}

/// Takes ownership of a descriptor inherited from the parent process for a
/// stated purpose (e.g. `--ready-fd`); fails when it is not open, or is a
/// standard descriptor, or was taken before. It is made close-on-exec so
/// it does not leak further. Call it first thing, before the process opens
/// files of its own (one of them could otherwise get this number when the
/// parent did not pass it after all).
pub fn inherited_fd(fd: RawFd) -> std::io::Result<OwnedFd> {
    use std::sync::Mutex;
    static TAKEN: Mutex<Vec<RawFd>> = Mutex::new(Vec::new());
    if fd <= 2 {
        return Err(std::io::Error::from_raw_os_error(libc::EBADF));
    }
    let mut taken = TAKEN.lock().unwrap_or_else(|e| e.into_inner());
    if taken.contains(&fd) {
        return Err(std::io::Error::from_raw_os_error(libc::EBADF));
    }
    nix::fcntl::fcntl(
        fd,
        nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC),
    )?;
    taken.push(fd);
    // SAFETY: the descriptor is open (checked above), was handed to this
    // process for this use only, and is taken at most once (the list
    // above), so nothing else in the process owns it.
    Ok(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) })
}

/// Start time (clock ticks since boot, field 22 of `/proc/PID/stat`) of a
/// live process; `None` when it is gone or a zombie. Recorded beside a pid,
/// it tells a recycled pid from the process that was meant.
pub fn process_start_time(pid: i32) -> Option<u64> {
    process_stat(pid).map(|(start, _)| start)
}

/// The start time and parent PID of a live (not zombie) process, from
/// `/proc/PID/stat` (fields 22 and 4).
pub fn process_stat(pid: i32) -> Option<(u64, i32)> {
    if pid <= 0 {
        return None;
    }
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may contain spaces and parentheses: split after the last ')'.
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    if matches!(fields.next()?, "Z" | "X") {
        return None;
    }
    let ppid = fields.next()?.parse().ok()?;
    Some((fields.nth(17)?.parse().ok()?, ppid))
}

/// Shrinks a long-lived helper's resident set to what its loop uses (the
/// monitor): returns freed heap to the kernel, drops the main thread's
/// stack pages below the caller's frames (deep calls of the set-up left
/// them dirty) and this process's mappings of read-only file pages (its
/// executable and shared libraries; they stay in the page cache, and the
/// few the loop touches fault back in). Returns the bytes of mappings
/// released.
pub fn release_idle_memory() -> usize {
    let released = release_mappings();
    // Last, so that the buffers of the smaps text just read go back too.
    // SAFETY: malloc_trim only returns free heap memory to the kernel.
    unsafe { libc::malloc_trim(0) };
    released
}

/// Drops this process's mappings of the code and constants of its
/// executable and shared libraries (their read-only segments): a
/// supervision loop calls it before it sleeps, so that it holds only
/// what it touches while awake. Each fault maps up to 16 neighbouring
/// pages from the page cache (the kernel's fault-around), so the few
/// dozen places one wake-up passes through keep about 2 MB mapped. The
/// pages stay in the page cache; touching them again is a minor fault.
/// No allocation, one `madvise` per segment. Returns the bytes released.
pub fn release_code_pages() -> usize {
    let mut released = 0usize;
    // SAFETY: the loader calls release_object_code once per loaded
    // object, with the pointer we pass, while holding its lock; the
    // callback neither unwinds nor keeps the pointers it is given.
    unsafe {
        libc::dl_iterate_phdr(
            Some(release_object_code),
            std::ptr::from_mut(&mut released).cast(),
        )
    };
    released
}

/// [`release_code_pages`] for one loaded object.
extern "C" fn release_object_code(
    info: *mut libc::dl_phdr_info,
    _size: libc::size_t,
    data: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: dl_iterate_phdr passes a valid `info` for this call, and
    // `data` is the `usize` that release_code_pages lent it.
    let (info, released) = unsafe { (&*info, &mut *data.cast::<usize>()) };
    let name: &[u8] = if info.dlpi_name.is_null() {
        b""
    } else {
        // SAFETY: a NUL-terminated name owned by the loader.
        unsafe { CStr::from_ptr(info.dlpi_name) }.to_bytes()
    };
    // The executable (no name) and libraries loaded from a file; not the
    // vDSO, whose pages are the kernel's.
    if !(name.is_empty() || name.starts_with(b"/")) || info.dlpi_phdr.is_null() {
        return 0;
    }
    // SAFETY: the loader's program headers of this object, dlpi_phnum of them.
    let headers = unsafe { std::slice::from_raw_parts(info.dlpi_phdr, info.dlpi_phnum.into()) };
    let Some(base) = usize::try_from(info.dlpi_addr).ok() else {
        return 0;
    };
    // An object with text relocations had its code written by the loader:
    // dropping those pages would bring back unrelocated bytes.
    if has_text_relocations(base, headers) {
        return 0;
    }
    // The ranges first: the headers are in the object's first segment,
    // which a release would make fault back in when read after it.
    let page = page_size();
    let mut ranges = [(0usize, 0usize); 8];
    let mut n = 0;
    for h in headers {
        // Read-only loaded segments only (RELRO and data are in writable
        // ones), and only those wholly backed by the file.
        if h.p_type != libc::PT_LOAD || h.p_flags & libc::PF_W != 0 || h.p_memsz != h.p_filesz {
            continue;
        }
        let (Ok(vaddr), Ok(size)) = (usize::try_from(h.p_vaddr), usize::try_from(h.p_memsz)) else {
            continue;
        };
        // Whole pages inside the segment: a page it shares with a
        // neighbour, if a loader ever mapped one so, is left alone.
        let start = base.wrapping_add(vaddr).next_multiple_of(page);
        let end = base.wrapping_add(vaddr).wrapping_add(size) & !(page - 1);
        if end > start && n < ranges.len() {
            ranges[n] = (start, end);
            n += 1;
        }
    }
    for &(start, end) in &ranges[..n] {
        // SAFETY: [start, end) lies in a read-only segment of a loaded
        // object without text relocations, mapped privately from its
        // file by the loader and never written: after MADV_DONTNEED its
        // pages read back from the file, identical.
        let r =
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
        if r == 0 {
            *released += end - start;
        }
    }
    0
}

/// Whether a loaded object's dynamic section asks for text relocations
/// (DT_TEXTREL, or DF_TEXTREL in DT_FLAGS).
fn has_text_relocations(base: usize, headers: &[libc::Elf64_Phdr]) -> bool {
    const DT_NULL: i64 = 0;
    const DT_TEXTREL: i64 = 22;
    const DT_FLAGS: i64 = 30;
    const DF_TEXTREL: u64 = 0x4;
    /// An entry of the dynamic section (Elf64_Dyn).
    #[repr(C)]
    struct Dyn {
        d_tag: i64,
        d_val: u64,
    }
    let Some(dynamic) = headers.iter().find(|h| h.p_type == libc::PT_DYNAMIC) else {
        return false;
    };
    let Ok(vaddr) = usize::try_from(dynamic.p_vaddr) else {
        return true;
    };
    let n = usize::try_from(dynamic.p_memsz).unwrap_or(0) / std::mem::size_of::<Dyn>();
    let first = base.wrapping_add(vaddr) as *const Dyn;
    for i in 0..n {
        // SAFETY: the object's dynamic section, mapped by the loader, holds
        // `n` entries (it ends earlier, at DT_NULL).
        let d = unsafe { &*first.add(i) };
        match d.d_tag {
            DT_NULL => break,
            DT_TEXTREL => return true,
            DT_FLAGS if d.d_val & DF_TEXTREL != 0 => return true,
            _ => {}
        }
    }
    false
}

/// The mappings part of [`release_idle_memory`].
fn release_mappings() -> usize {
    // smaps, so that mappings with copied-on-write pages (RELRO data that
    // the loader relocated, then made read-only) are left alone: dropping
    // those would reload unrelocated bytes.
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return 0;
    };
    let mut candidates: Vec<(usize, usize, bool)> = Vec::new();
    let mut stack = None;
    for line in smaps.lines() {
        if let Some(kb) = line.strip_prefix("Anonymous:") {
            if kb.trim().trim_end_matches("kB").trim() != "0" {
                if let Some(last) = candidates.last_mut() {
                    last.2 = false;
                }
            }
            continue;
        }
        let mut f = line.split_whitespace();
        let (Some(range), Some(perms)) = (f.next(), f.next()) else {
            continue;
        };
        let Some((a, b)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
        else {
            continue;
        };
        // Header lines: range perms offset dev inode [path]; a file path
        // starts with '/' ([heap], [stack], [vdso] and anonymous ones do not).
        let path = f.nth(3);
        if path == Some("[stack]") {
            stack = Some((start, end));
        }
        let file = path.is_some_and(|path| path.starts_with('/'));
        candidates.push((
            start,
            end,
            file && !perms.contains('w') && perms.ends_with('p'),
        ));
    }
    let mut released = stack.map_or(0, |(start, end)| release_dead_stack(start, end));
    for (start, end, ok) in candidates {
        if !ok {
            continue;
        }
        // SAFETY: a read-only private file mapping with no copied-on-write
        // page: after MADV_DONTNEED its pages read back from the file,
        // identical, so nothing the process relies on changes.
        let r =
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED) };
        if r == 0 {
            released += end - start;
        }
    }
    released
}

/// Drops the pages of the main thread's stack (mapped at `start..end`)
/// that lie well below this call's frame: frames of calls that returned,
/// dead data. A later call that reaches that deep gets zeroed pages. Not
/// inlined, so that its frame is below its caller's. Returns the bytes
/// released.
#[inline(never)]
fn release_dead_stack(start: usize, end: usize) -> usize {
    let here = 0u8;
    let sp = std::hint::black_box(&here) as *const u8 as usize;
    if sp < start || sp >= end {
        // Not on the main thread's stack (another thread called this).
        return 0;
    }
    // The margin covers this frame and madvise's own: the syscall wrapper
    // uses a few dozen bytes below here.
    const MARGIN: usize = 16 << 10;
    let top = sp.saturating_sub(MARGIN) & !(page_size() - 1);
    if top <= start {
        return 0;
    }
    // SAFETY: [start, top) is part of the main thread's stack mapping and
    // lies more than MARGIN below the frame running now, so it holds only
    // frames of calls that returned (no signal handler runs on this stack
    // in the processes that call this: signals are read from a signalfd,
    // and std's overflow handler has its own stack). Zeroed pages replace
    // them when touched again.
    let r = unsafe { libc::madvise(start as *mut libc::c_void, top - start, libc::MADV_DONTNEED) };
    if r == 0 {
        top - start
    } else {
        0
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(n)
        .ok()
        .filter(|n| n.is_power_of_two())
        .unwrap_or(4096)
}

/// Runs `f` when the process exits normally (returns from main or calls
/// `exit`), after everything else: the end-to-end test harness prints its
/// passed/failed/skipped line so, after libtest's own summary. Returns
/// false when the C library's table of exit handlers is full.
pub fn at_exit(f: extern "C" fn()) -> bool {
    // SAFETY: atexit only stores the pointer; `f` is a plain function that
    // lives as long as the program, and an `extern "C"` function that
    // panics aborts instead of unwinding into the C library.
    unsafe { libc::atexit(f) == 0 }
}

/// Our standard descriptor `n` (0, 1 or 2), borrowed: for poll lists and
/// ioctls on the terminal we were started on. `None` for other numbers.
pub fn stdio(n: RawFd) -> Option<BorrowedFd<'static>> {
    // SAFETY: rpod never closes its standard descriptors (a forked child
    // only replaces them, with dup2), so they stay open for the borrow.
    (0..=2)
        .contains(&n)
        .then(|| unsafe { BorrowedFd::borrow_raw(n) })
}

/// This process's `/proc/self/oom_score_adj` (0 when it cannot be read).
pub fn own_oom_score_adj() -> i32 {
    std::fs::read_to_string("/proc/self/oom_score_adj")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_pages_given_back_read_back_the_same() {
        // Relocated data (pointers in RELRO) and code must be as before.
        static WORDS: &[&str] = &["relocated", "pointers"];
        let released = release_code_pages();
        assert!(released > 1 << 20, "only {released} bytes released");
        assert_eq!(WORDS.join(" "), "relocated pointers");
        assert_eq!(format!("{:?}", vec![1, 2]), "[1, 2]");
        let again = release_code_pages();
        assert!(
            again > 1 << 20,
            "only {again} bytes released the second time"
        );
    }

    #[test]
    fn a_forked_child_ends_with_the_code_its_closure_returns() {
        let pid = fork_then(|| 42).unwrap();
        assert_eq!(wait(pid).unwrap(), WaitStatus::Exited(pid, 42));
        // A panicking child (exit code PANICKED) is not tested here: the
        // panic machinery takes locks that libtest's other threads may hold
        // at the fork, so the child can hang.
    }

    #[test]
    fn in_fork_returns_the_childs_answer_and_leaves_us_alone() {
        let me = std::process::id();
        let got = in_fork(|| Ok::<u32, String>(std::process::id())).unwrap();
        assert_ne!(got.unwrap(), me);
        let got = in_fork(|| Err::<u32, String>("refused".into())).unwrap();
        assert_eq!(got, Err("refused".into()));
    }

    #[test]
    fn start_times_name_live_processes_only() {
        let me = std::process::id() as i32;
        let t = process_start_time(me).expect("own start time");
        assert_eq!(process_start_time(me), Some(t));
        assert_eq!(process_start_time(0), None);
        assert_eq!(process_start_time(i32::MAX), None);
    }
}
