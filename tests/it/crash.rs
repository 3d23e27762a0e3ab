//! Concurrency and crashes beyond pull: racing creates of one name,
//! parallel pulls that share a base layer, `rm` racing `start`, and SIGKILL
//! of a foreground `run`, of `create`, `rm` and `rmi`, of a container's
//! PID 1, of fuse-overlayfs and of pasta. After each, `ps -a` and `images`
//! tell the truth and the next command works.

use std::time::Duration;

use crate::harness::{alive, eventually, kill_group, rpod_bin, wait_for_descendant, walk, Env};
use crate::pull::{config_id, pull};
use crate::registry::{self, Shared};

fn setup() -> Option<(Env, &'static Shared, String)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    Some((env, shared, image))
}

/// `ps -a` as "NAME STATE" lines, sorted.
fn ps_states(env: &Env) -> Vec<String> {
    let out = env
        .rpod(["ps", "-a", "--format", "{{.Names}} {{.State}}"])
        .run();
    out.success();
    let mut v: Vec<String> = out.lines().iter().map(|l| l.to_string()).collect();
    v.sort();
    v
}

/// Asserts that every container `ps -a` calls running has a live PID 1,
/// and every other one has none.
#[track_caller]
fn ps_is_honest(env: &Env) {
    let out = env
        .rpod(["ps", "-a", "--format", "{{.ID}} {{.State}}"])
        .run();
    out.success();
    for line in out.lines() {
        let (id, state) = line.split_once(' ').unwrap_or_else(|| panic!("{out}"));
        let pid: i64 = env
            .rpod(["inspect", "--format", "{{.State.Pid}}", id])
            .run()
            .out()
            .parse()
            .unwrap_or(0);
        assert_eq!(
            state == "running",
            alive(pid),
            "ps says {state}, pid {pid} alive: {}\n{out}",
            alive(pid)
        );
    }
}

/// Waits until the rpod process under a spawned `runuser` runs, so that a
/// kill lands while it works; `None` when it has already finished (a fast
/// command may end before it is seen: the checks after the kill then see
/// a completed command, which they must accept too).
fn rpod_under(pid: u32) -> Option<u32> {
    wait_for_descendant(pid, &format!("{} ", rpod_bin().display()))
}

#[test]
fn concurrent_creates_of_one_name_exactly_one_wins() {
    let (env, _s, image) = require!(setup());
    let racers: Vec<_> = (0..8)
        .map(|_| env.rpod(["create", "--name", "x", &image, "true"]).start())
        .collect();
    let outs: Vec<_> = racers
        .into_iter()
        .map(|r| r.finish(Duration::from_secs(120)))
        .collect();
    let won: Vec<_> = outs.iter().filter(|o| o.code == 0).collect();
    assert_eq!(
        won.len(),
        1,
        "{}",
        outs.iter()
            .map(|o| o.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for o in outs.iter().filter(|o| o.code != 0) {
        o.error125()
            .stderr_has("the container name \"x\" is already in use");
    }
    assert_eq!(ps_states(&env), ["x created"]);
    assert_eq!(
        env.rpod(["inspect", "--format", "{{.Id}}", "x"])
            .run()
            .out(),
        won[0].out()
    );
    assert_eq!(
        walk(&env.root().join("containers"))
            .iter()
            .filter(|p| p.ends_with("config.json"))
            .count(),
        1
    );
}

#[test]
fn parallel_pulls_sharing_a_base_layer() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let names = [
        "busybox:latest",
        "alpine:latest",
        "shared:latest",
        "zstd:latest",
        "whiteout:latest",
        "multi:latest",
    ];
    let pulls: Vec<_> = names
        .iter()
        .map(|n| {
            env.rpod(["pull", "-q", "--tls-verify=false", &shared.reference(n)])
                .start()
        })
        .collect();
    for (n, p) in names.iter().zip(pulls) {
        let out = p.finish(Duration::from_secs(300));
        out.success();
        assert_eq!(out.out(), config_id(shared, n), "{n}\n{out}");
    }
    let mut ids: Vec<String> = env
        .rpod(["images", "-q", "--no-trunc"])
        .run()
        .lines()
        .iter()
        .map(|l| l.to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), names.len(), "{ids:?}");
    let copies = walk(&env.root())
        .into_iter()
        .filter(|p| p.ends_with("bin/busybox"))
        .count();
    assert_eq!(copies, 1, "the shared base layer is unpacked once");
    for n in names {
        env.rpod([
            "run",
            "--rm",
            "--network",
            "none",
            &shared.reference(n),
            "true",
        ])
        .run()
        .success();
    }
}

#[test]
fn rm_racing_start() {
    let (env, _s, image) = require!(setup());
    for round in 0..5 {
        let name = format!("r{round}");
        let id = env
            .rpod(["create", "--name", &name, "--network", "none", &image])
            .args(["sleep", "100"])
            .run()
            .out()
            .to_string();
        let start = env.rpod(["start", &name]).start();
        let rm = env.rpod(["rm", "-f", "-t", "0", &name]).start();
        let rm = rm.finish(Duration::from_secs(120));
        let start = start.finish(Duration::from_secs(120));
        rm.success();
        // start either ran first (and the container was then removed) or
        // found it gone (by its name, or by the ID the name led to).
        if start.code != 0 {
            start.code(125);
            let gone = |what: &str| {
                format!("Error: no container with name or ID \"{what}\" found: no such container\n")
            };
            assert!(
                start.stderr == gone(&name) || start.stderr == gone(&id),
                "{start}"
            );
        }
        env.rpod(["container", "exists", &name]).run().code(1);
        assert_eq!(ps_states(&env), Vec::<String>::new(), "round {round}");
    }
    env.rpod(["run", "--rm", "--network", "none", &image, "true"])
        .run()
        .success();
}

#[test]
fn sigkill_of_a_foreground_run() {
    let (env, _s, image) = require!(setup());
    let run = env
        .rpod([
            "run",
            "--name",
            "fg",
            "--network",
            "none",
            &image,
            "sleep",
            "100",
        ])
        .start();
    let rpod = rpod_under(run.pid()).expect("the foreground run under runuser");
    wait_for_descendant(rpod, "sleep 100").expect("the container's sleep");
    let _ = std::process::Command::new("kill")
        .args(["-9", &rpod.to_string()])
        .status();
    let out = run.finish(Duration::from_secs(60));
    assert_eq!(out.code, 137, "{out}");
    // The record says what is true, now and once things settle.
    ps_is_honest(&env);
    eventually("the container to stop with its runner", || {
        ps_states(&env) == ["fg exited"]
    });
    ps_is_honest(&env);
    env.rpod(["rm", "fg"]).run().success().stdout_is("fg");
    env.rpod([
        "run",
        "--rm",
        "--name",
        "fg",
        "--network",
        "none",
        &image,
        "echo",
        "next",
    ])
    .run()
    .success()
    .stdout_is("next");
}

#[test]
fn sigkill_of_create_rm_and_rmi() {
    let (env, shared, image) = require!(setup());
    // create, killed as soon as it runs: either no record, or a whole one.
    for round in 0..3 {
        let name = format!("c{round}");
        let c = env
            .rpod(["create", "--name", &name, &image, "true"])
            .start();
        if round > 0 {
            rpod_under(c.pid());
        }
        kill_group(c.pid());
        let _ = c.finish(Duration::from_secs(30));
        let states = ps_states(&env);
        assert!(
            states.is_empty() || states == [format!("{name} created")],
            "round {round}: {states:?}"
        );
        env.rpod(["rm", "-af"]).run().success();
        env.rpod(["create", "--name", &name, &image, "true"])
            .run()
            .success();
        env.rpod(["rm", &name]).run().success();
    }
    // rm -f of a running container, killed as soon as it runs.
    env.rpod([
        "run",
        "-d",
        "--name",
        "victim",
        "--network",
        "none",
        &image,
        "sleep",
        "100",
    ])
    .run()
    .success();
    let rm = env.rpod(["rm", "-f", "-t", "0", "victim"]).start();
    rpod_under(rm.pid());
    kill_group(rm.pid());
    let _ = rm.finish(Duration::from_secs(30));
    ps_is_honest(&env);
    env.rpod(["rm", "-f", "-t", "0", "-i", "victim"])
        .run()
        .success();
    assert_eq!(ps_states(&env), Vec::<String>::new());
    // rmi, killed as soon as it runs: the image is whole or gone.
    for round in 0..3 {
        let rmi = env.rpod(["rmi", &image]).start();
        if round > 0 {
            rpod_under(rmi.pid());
        }
        kill_group(rmi.pid());
        let _ = rmi.finish(Duration::from_secs(30));
        let listed = env.rpod(["images", "-q"]).run();
        listed.success();
        if listed.out().is_empty() {
            pull(&env, shared, "busybox:latest");
        }
        env.rpod([
            "run",
            "--rm",
            "--network",
            "none",
            &image,
            "cat",
            "/data/file",
        ])
        .run()
        .success()
        .stdout_is("hardlinked content");
    }
}

#[test]
fn sigkill_of_the_containers_pid_1() {
    let (env, _s, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "p",
        "--network",
        "none",
        &image,
        "sleep",
        "100",
    ])
    .run()
    .success();
    let pid = env
        .rpod(["inspect", "--format", "{{.State.Pid}}", "p"])
        .run()
        .out()
        .to_string();
    let _ = std::process::Command::new("kill")
        .args(["-9", &pid])
        .status();
    env.rpod(["wait", "p"]).run().success().stdout_is("137");
    assert_eq!(ps_states(&env), ["p exited"]);
    ps_is_honest(&env);
    assert_eq!(
        env.rpod(["inspect", "--format", "{{.State.ExitCode}}", "p"])
            .run()
            .out(),
        "137"
    );
    env.rpod(["start", "p"]).run().success();
    assert_eq!(ps_states(&env), ["p running"]);
    env.rpod(["rm", "-f", "-t", "0", "p"]).run().success();
}

/// Live processes named `name` whose command line mentions `needle`.
fn helpers(name: &str, needle: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmd =
            String::from_utf8_lossy(&std::fs::read(e.path().join("cmdline")).unwrap_or_default())
                .replace('\0', " ");
        let first = cmd
            .split(' ')
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        if first == name && cmd.contains(needle) && alive(i64::from(pid)) {
            out.push(pid);
        }
    }
    out
}

#[test]
fn sigkill_of_fuse_overlayfs_and_pasta() {
    let (env, _s, image) = require!(setup());
    if !crate::harness::have("/usr/bin/fuse-overlayfs") || !crate::harness::have("pasta") {
        crate::harness::prerequisite::<()>("fuse-overlayfs and pasta (passt)");
        return;
    }
    // fuse-overlayfs serving a running container's root.
    env.rpod([
        "--storage-opt",
        "overlay.mount_program=/usr/bin/fuse-overlayfs",
        "run",
        "-d",
        "--name",
        "f",
        "--network",
        "none",
        &image,
        "sleep",
        "100",
    ])
    .run()
    .success();
    let store = env.root().display().to_string();
    let daemons = helpers("fuse-overlayfs", &store);
    assert_eq!(daemons.len(), 1, "{daemons:?}");
    let _ = std::process::Command::new("kill")
        .args(["-9", &daemons[0].to_string()])
        .status();
    // The container's files are gone from under it: it cannot run a new
    // command, and ps still tells the truth about its PID 1.
    let out = env.rpod(["exec", "f", "cat", "/etc/passwd"]).run();
    assert_ne!(out.code, 0, "{out}");
    ps_is_honest(&env);
    env.rpod(["rm", "-f", "-t", "0", "f"])
        .run()
        .success()
        .stdout_is("f");
    assert_eq!(ps_states(&env), Vec::<String>::new());

    // pasta of a running container with a published port.
    let port = crate::harness::port();
    env.rpod([
        "run",
        "-d",
        "--name",
        "n",
        "--network",
        "pasta",
        "-p",
        &format!("127.0.0.1:{port}:80"),
        &image,
        "sleep",
        "100",
    ])
    .run()
    .success();
    let pid = env
        .rpod(["inspect", "--format", "{{.State.Pid}}", "n"])
        .run()
        .out()
        .to_string();
    let pastas = helpers("pasta", &pid);
    assert_eq!(pastas.len(), 1, "{pastas:?}");
    let _ = std::process::Command::new("kill")
        .args(["-9", &pastas[0].to_string()])
        .status();
    // The container runs on, without its network helper.
    assert_eq!(ps_states(&env), ["n running"]);
    ps_is_honest(&env);
    env.rpod(["exec", "n", "true"]).run().success();
    env.rpod(["rm", "-f", "-t", "0", "n"])
        .run()
        .success()
        .stdout_is("n");
    assert_eq!(ps_states(&env), Vec::<String>::new());
    env.rpod(["run", "--rm", &image, "true"]).run().success();
}
