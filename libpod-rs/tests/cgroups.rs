//! A container's cgroup on the real kernel, as root: created under
//! podman's naming, a sleeping child moved in, memory and pids limits set
//! and read back from the kernel's files, the child frozen and thawed
//! (its state checked in /proc), counters read, and the cgroup removed.
//!
//! Not root is a missing prerequisite: the test fails, unless
//! `RPOD_TEST_ALLOW_SKIP=1` (never under `CI`) makes it a skip.

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use libpod::cgroups::{plan, Cgroup, Layout, Plan};
use libpod::spec::resources::{ResourceFlags, Resources};

fn skips_allowed() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    std::env::var("RPOD_TEST_ALLOW_SKIP").is_ok_and(|v| v == "1") && !ci
}

/// Fails the test, or (where allowed) reports a skip and returns `None`.
fn prerequisite(reason: &str) -> Option<()> {
    if !skips_allowed() {
        panic!(
            "missing prerequisite: {reason}\n(this fails the test; RPOD_TEST_ALLOW_SKIP=1 skips it instead, except under CI)"
        );
    }
    eprintln!("SKIP: {reason}");
    None
}

/// Kills the child and removes the cgroup whatever happens in the test.
struct Cleanup {
    child: Child,
    cgroup: Cgroup,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = self.cgroup.thaw();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = self.cgroup.remove();
    }
}

/// The state letter of /proc/PID/stat (after the command's parenthesis).
fn proc_state(pid: u32) -> char {
    let stat = fs_err::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    after.chars().next().unwrap()
}

/// Waits (bounded) until `f` holds.
fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn read(dir: &Path, file: &str) -> String {
    fs_err::read_to_string(dir.join(file))
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn container_cgroup_limits_freeze_and_removal() {
    if !nix::unistd::geteuid().is_root()
        && prerequisite("cgroups can only be created as root here").is_none()
    {
        return;
    }
    let layout = Layout::detect().unwrap();
    let id = format!(
        "rpodtest{}x{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let Plan::Managed(cg) = plan(&layout, false, None, &id) else {
        panic!("root always gets a cgroup");
    };
    assert_eq!(
        cg.relative_path(),
        Path::new(&format!("libpod_parent/libpod-{id}"))
    );
    cg.create().unwrap();
    let child = Command::new("sleep").arg("1000").spawn().unwrap();
    let pid = child.id();
    let guard = Cleanup {
        child,
        cgroup: cg.clone(),
    };

    let flags = ResourceFlags {
        memory: Some("64m".into()),
        pids_limit: Some("16".into()),
        ..Default::default()
    };
    let (resources, _) = Resources::from_flags(&flags).unwrap();
    let warnings = cg.apply(&resources).unwrap();
    eprintln!("warnings: {warnings:?}");
    cg.add_process(i32::try_from(pid).unwrap()).unwrap();

    // The kernel's own files say what was set.
    let (mem_dir, pids_dir) = (cg.dir("memory").unwrap(), cg.dir("pids").unwrap());
    if cg.is_v2() {
        assert_eq!(read(&mem_dir, "memory.max"), "67108864");
    } else {
        assert_eq!(read(&mem_dir, "memory.limit_in_bytes"), "67108864");
    }
    assert_eq!(read(&pids_dir, "pids.max"), "16");
    // The child is in it, as /proc and the cgroup both say.
    let own = fs_err::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    let rel = cg.relative_path().to_string_lossy().into_owned();
    assert!(
        own.lines().any(|l| l.ends_with(&format!("/{rel}"))),
        "{own}"
    );
    assert_eq!(cg.processes().unwrap(), [i32::try_from(pid).unwrap()]);

    let stats = cg.stats().unwrap();
    assert_eq!(stats.memory_limit, Some(64 << 20));
    assert_eq!(stats.pids, 1);

    // Frozen: the sleeping child leaves the S state (the refrigerator
    // shows as D on v1); thawed: it sleeps again.
    // (Just spawned, the child may still be running its exec: wait for it.)
    wait_for("the child to sleep", || proc_state(pid) == 'S');
    cg.freeze().unwrap();
    assert!(cg.is_frozen().unwrap());
    if !cg.is_v2() {
        wait_for("the frozen state in /proc", || proc_state(pid) == 'D');
    }
    cg.thaw().unwrap();
    assert!(!cg.is_frozen().unwrap());
    wait_for("the child sleeping again", || proc_state(pid) == 'S');

    // A cgroup with a process cannot be removed; once it is gone, it can.
    let e = cg.remove().unwrap_err().to_string();
    assert!(e.contains("still has processes"), "{e}");
    drop(guard);
    for dir in cg.dirs() {
        assert!(!dir.exists(), "{} left behind", dir.display());
    }
}

/// The kernel enforces what was written: an allocation beyond the memory
/// limit is OOM-killed (and counted), and a pids limit stops forks.
#[test]
fn limits_are_enforced() {
    use std::os::unix::process::ExitStatusExt;
    if !nix::unistd::geteuid().is_root()
        && prerequisite("cgroups can only be created as root here").is_none()
    {
        return;
    }
    let layout = Layout::detect().unwrap();
    let id = format!("rpodtest{}oom", std::process::id());
    let Plan::Managed(cg) = plan(&layout, false, None, &id) else {
        panic!("root always gets a cgroup");
    };
    cg.create().unwrap();
    // The child stops itself; once it is in the cgroup, it is continued
    // and allocates (dd's 200 MiB buffer, filled) past the 32 MiB limit
    // (64 MiB with swap).
    let child = Command::new("sh")
        .args([
            "-c",
            "kill -STOP $$; exec dd if=/dev/zero of=/dev/null bs=200M count=1",
        ])
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut guard = Cleanup {
        child,
        cgroup: cg.clone(),
    };
    wait_for("the child to stop itself", || proc_state(pid) == 'T');
    let flags = ResourceFlags {
        memory: Some("32m".into()),
        pids_limit: Some("1".into()),
        ..Default::default()
    };
    cg.apply(&Resources::from_flags(&flags).unwrap().0).unwrap();
    cg.add_process(i32::try_from(pid).unwrap()).unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(pid).unwrap()),
        nix::sys::signal::Signal::SIGCONT,
    )
    .unwrap();
    let status = guard.child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "{status:?}: the allocation was not OOM-killed"
    );
    assert!(cg.oom_kills().unwrap() >= 1);

    // pids.max 1 and one process in it: no fork succeeds.
    let child = Command::new("sh")
        .args(["-c", "kill -STOP $$; /bin/true; exit $?"])
        .spawn()
        .unwrap();
    let pid = child.id();
    guard.child = child;
    wait_for("the second child to stop itself", || proc_state(pid) == 'T');
    cg.add_process(i32::try_from(pid).unwrap()).unwrap();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(pid).unwrap()),
        nix::sys::signal::Signal::SIGCONT,
    )
    .unwrap();
    let status = guard.child.wait().unwrap();
    assert!(!status.success(), "a fork beyond pids.max 1 succeeded");
    let events = cg
        .dir("pids")
        .map(|d| read(&d, "pids.events"))
        .unwrap_or_default();
    assert!(
        events.contains("max ") && !events.contains("max 0"),
        "{events}"
    );
}
