//! Pods end to end, as the unprivileged user: members reach each other on
//! localhost and the pod's published port answers from the host; the pod
//! keeps serving when its first member exits; the lifecycle verbs and the
//! pod states podman computes; `pod rm` refusing running members without
//! -f; `pod rm -f` leaving no process behind; `ps --pod` and `--filter pod=`.

use std::time::{Duration, Instant};

use crate::harness::{alive, eventually_within, have, Env};
use crate::network::http_get;
use crate::pull::pull;
use crate::registry;

fn setup() -> Option<(Env, String)> {
    if !have("pasta") {
        return crate::harness::prerequisite("pasta (passt)");
    }
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

const SERVE: &str =
    "mkdir -p /www && echo hello-pod > /www/index.html && exec busybox httpd -f -p 80 -h /www";

/// `wget` of 127.0.0.1:80 from a new member of `pod`, retried while the
/// server starts; the last output.
fn wget_in_pod(env: &Env, image: &str, pod: &str) -> crate::harness::Output {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = env
            .rpod([
                "run",
                "--rm",
                "--pod",
                pod,
                image,
                "busybox",
                "wget",
                "-qO-",
                "http://127.0.0.1:80/",
            ])
            .run();
        if out.code == 0 || Instant::now() > deadline {
            return out;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn pod_state(env: &Env, pod: &str) -> String {
    env.rpod(["pod", "inspect", "--format", "{{.State}}", pod])
        .run()
        .success()
        .out()
        .to_string()
}

fn pid_of(env: &Env, ctr: &str, field: &str) -> i64 {
    env.rpod([
        "inspect",
        "--format",
        &format!("{{{{.State.{field}}}}}"),
        ctr,
    ])
    .run()
    .success()
    .out()
    .parse()
    .unwrap()
}

/// The (device, inode) identity of a process's network namespace.
fn netns_of(pid: i64) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(format!("/proc/{pid}/ns/net"))
        .ok()
        .map(|m| (m.dev(), m.ino()))
}

/// Live processes in network namespace `ns`, and pasta processes whose
/// arguments name one of `pids`.
fn processes_of(ns: (u64, u64), pids: &[i64]) -> Vec<i64> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i64>() else {
            continue;
        };
        if !alive(pid) {
            continue;
        }
        let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let args: Vec<String> = cmd
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let pasta = args
            .first()
            .is_some_and(|a| a.rsplit('/').next() == Some("pasta"));
        let names = pids
            .iter()
            .any(|p| args.iter().any(|a| *a == p.to_string()));
        if netns_of(pid) == Some(ns) || (pasta && names) {
            out.push(pid);
        }
    }
    out
}

#[test]
fn members_share_localhost_and_the_pods_port_outlives_its_first_member() {
    let (env, image) = require!(setup());
    let port = crate::harness::port();
    env.rpod([
        "pod",
        "create",
        "--name",
        "app",
        "-p",
        &format!("127.0.0.1:{port}:80"),
    ])
    .run()
    .success();
    assert_eq!(pod_state(&env, "app"), "Created");
    // The first member creates the namespaces (and pasta's forward)...
    env.rpod([
        "run", "-d", "--pod", "app", "--name", "first", &image, "sleep", "1000",
    ])
    .run()
    .success();
    // ...the second joins them and serves on the pod's port 80.
    env.rpod([
        "run", "-d", "--pod", "app", "--name", "web", &image, "sh", "-c", SERVE,
    ])
    .run()
    .success();
    assert_eq!(pod_state(&env, "app"), "Running");
    let first = pid_of(&env, "first", "Pid");
    let web = pid_of(&env, "web", "Pid");
    assert_eq!(netns_of(first), netns_of(web), "one network namespace");
    let ns = netns_of(web).unwrap();
    // localhost connects members; the host reaches the pod's port.
    let out = wget_in_pod(&env, &image, "app");
    out.success();
    assert_eq!(out.out(), "hello-pod", "{out}");
    assert!(http_get(port).contains("hello-pod"));
    // Members share the pod's host name and /etc/hosts.
    let seen = |c: &str, cmd: &str| {
        env.rpod(["exec", c, "sh", "-c", cmd])
            .run()
            .success()
            .out()
            .to_string()
    };
    assert_eq!(seen("web", "hostname"), "app");
    assert_eq!(seen("first", "hostname"), "app");
    assert_eq!(
        seen("first", "cat /etc/hosts"),
        seen("web", "cat /etc/hosts")
    );
    // ps --pod and --filter pod=.
    let out = env
        .rpod(["ps", "--pod", "--format", "{{.Names}} {{.PodName}}"])
        .run();
    out.success();
    let mut lines = out.lines();
    lines.sort_unstable();
    assert_eq!(lines, ["first app", "web app"], "{out}");
    let out = env
        .rpod(["ps", "-a", "--filter", "pod=app", "--format", "{{.Names}}"])
        .run();
    out.success();
    let mut lines = out.lines();
    lines.sort_unstable();
    assert_eq!(lines, ["first", "web"], "{out}");
    let out = env
        .rpod(["ps", "-a", "--filter", "pod=nope", "--format", "{{.Names}}"])
        .run();
    out.success().stdout_is("");

    // The first member exits: the others keep the namespaces and the
    // pod's port.
    env.rpod(["stop", "-t", "0", "first"]).run().success();
    assert!(!alive(first));
    assert_eq!(pod_state(&env, "app"), "Degraded");
    assert!(http_get(port).contains("hello-pod"));
    let out = wget_in_pod(&env, &image, "app");
    out.success();
    assert_eq!(out.out(), "hello-pod", "{out}");
    // It joins the running member when started again.
    env.rpod(["start", "first"]).run().success();
    assert_eq!(netns_of(pid_of(&env, "first", "Pid")), Some(ns));
    assert_eq!(pod_state(&env, "app"), "Running");

    // pod rm -f leaves no process behind: members, monitors, pasta.
    let mut watched = processes_of(ns, &[first, web]);
    watched.push(pid_of(&env, "web", "ConmonPid"));
    watched.push(pid_of(&env, "first", "ConmonPid"));
    assert!(watched.len() >= 4, "processes of the pod: {watched:?}");
    let id = env
        .rpod(["pod", "inspect", "--format", "{{.Id}}", "app"])
        .run()
        .success()
        .out()
        .to_string();
    env.rpod(["pod", "rm", "-f", "-t", "0", "app"])
        .run()
        .success()
        .stdout_is(&id);
    eventually_within(
        Duration::from_secs(10),
        "the pod's processes to end",
        || watched.iter().all(|p| !alive(*p)) && processes_of(ns, &[first, web]).is_empty(),
    );
    env.rpod(["pod", "exists", "app"]).run().code(1);
    env.rpod(["ps", "-aq"]).run().success().stdout_is("");
}

#[test]
fn lifecycle_verbs_and_states() {
    let (env, image) = require!(setup());
    let out = env.rpod(["pod", "create", "lp"]).run();
    out.success();
    let id = out.out().to_string();
    assert_eq!(id.len(), 64, "pod create prints the full ID: {out}");
    let row = |fmt: &str| {
        env.rpod(["pod", "ps", "--format", fmt])
            .run()
            .success()
            .out()
            .to_string()
    };
    assert_eq!(
        row("{{.Name}} {{.Status}} {{.NumberOfContainers}}"),
        "lp Created 0"
    );
    // No process runs for a pod without running containers.
    for name in ["a", "b"] {
        let cmd = format!("echo hello-{name}; exec sleep 1000");
        env.rpod([
            "create", "--pod", "lp", "--name", name, &image, "sh", "-c", &cmd,
        ])
        .run()
        .success();
    }
    assert_eq!(
        row("{{.Name}} {{.Status}} {{.NumberOfContainers}}"),
        "lp Created 2"
    );
    env.rpod(["pod", "start", "lp"])
        .run()
        .success()
        .stdout_is("lp");
    assert_eq!(pod_state(&env, "lp"), "Running");
    let out = env
        .rpod(["pod", "ps", "--ctr-names", "--ctr-status", "--noheading"])
        .run();
    out.success();
    assert!(
        out.out().contains("a,b") && out.out().contains("running,running"),
        "{out}"
    );
    env.rpod(["pod", "ps", "-q", "--no-trunc"])
        .run()
        .success()
        .stdout_is(&id);
    env.rpod([
        "pod",
        "ps",
        "--filter",
        "status=running",
        "--format",
        "{{.Name}}",
    ])
    .run()
    .success()
    .stdout_is("lp");
    env.rpod([
        "pod",
        "ps",
        "--filter",
        "ctr-names=b",
        "--format",
        "{{.Name}}",
    ])
    .run()
    .success()
    .stdout_is("lp");
    // pod logs: both members' lines, each prefixed with its container.
    let a_id = env
        .rpod(["inspect", "--format", "{{.Id}}", "a"])
        .run()
        .success()
        .out()[..12]
        .to_string();
    eventually_within(Duration::from_secs(10), "both members' log lines", || {
        let out = env.rpod(["pod", "logs", "lp"]).run();
        out.code == 0
            && out.lines().contains(&format!("{a_id} hello-a").as_str())
            && out.out().contains(" hello-b")
    });
    env.rpod(["pod", "logs", "--names", "-c", "b", "lp"])
        .run()
        .success()
        .stdout_is("b hello-b");
    // pod top lists both members' processes.
    let out = env.rpod(["pod", "top", "lp"]).run();
    out.success();
    assert_eq!(out.out().matches("sleep 1000").count(), 2, "{out}");
    // One member killed: Degraded.
    env.rpod(["kill", "b"]).run().success();
    env.rpod(["wait", "b"]).run().success();
    assert_eq!(pod_state(&env, "lp"), "Degraded");
    // rm without -f refuses running members (podman's message, 125).
    let out = env.rpod(["pod", "rm", "lp"]).run();
    out.error125()
        .stderr_has("not all containers could be removed from pod")
        .stderr_has("running or paused containers cannot be removed without force");
    env.rpod(["pod", "exists", "lp"]).run().success();
    env.rpod(["pod", "stop", "-t", "0", "lp"])
        .run()
        .success()
        .stdout_is("lp");
    assert_eq!(pod_state(&env, "lp"), "Exited");
    env.rpod(["pod", "restart", "lp"])
        .run()
        .success()
        .stdout_is(&id);
    assert_eq!(pod_state(&env, "lp"), "Running");
    env.rpod(["pod", "kill", "lp"])
        .run()
        .success()
        .stdout_is(&id);
    for c in ["a", "b"] {
        env.rpod(["wait", c]).run().success();
    }
    assert_eq!(pod_state(&env, "lp"), "Exited");
    // logs -f of a pod whose members have exited prints and returns.
    let out = env.rpod(["pod", "logs", "-f", "--names", "lp"]).run();
    out.success();
    let mut lines = out.lines();
    lines.sort_unstable();
    assert_eq!(
        lines,
        ["a hello-a", "a hello-a", "b hello-b", "b hello-b"],
        "{out}"
    );
    // A member removed with `rm` leaves the pod.
    env.rpod(["rm", "a"]).run().success();
    assert_eq!(row("{{.Name}} {{.NumberOfContainers}}"), "lp 1");
    // An exited pod goes without -f, with its members.
    env.rpod(["pod", "rm", "lp"]).run().success().stdout_is(&id);
    env.rpod(["ps", "-aq"]).run().success().stdout_is("");
    env.rpod(["pod", "exists", "lp"]).run().code(1);
    // Pod events, as podman writes them.
    let out = env
        .rpod([
            "events",
            "--stream=false",
            "--filter",
            "type=pod",
            "--format",
            "{{.Status}} {{.Name}}",
        ])
        .run();
    out.success();
    for status in ["create", "start", "stop", "restart", "kill", "remove"] {
        assert!(
            out.lines().contains(&format!("{status} lp").as_str()),
            "{status}: {out}"
        );
    }
    let out = env.rpod(["pod", "rm", "lp"]).run();
    out.code(1).stderr_has("no such pod");
    env.rpod(["pod", "rm", "-f", "lp"])
        .run()
        .success()
        .stdout_is("");
}

/// podman's infra container runs on under `--exit-policy continue` (the
/// default) when the members exit on their own: the pod is `Degraded`
/// until `pod stop`; under `stop` it is `Exited`. rpod counts the infra
/// it does not run, and no process is left for it.
#[test]
fn exit_policy_states() {
    let (env, image) = require!(setup());
    env.rpod(["pod", "create", "cont"]).run().success();
    env.rpod(["run", "--pod", "cont", &image, "true"])
        .run()
        .success();
    assert_eq!(pod_state(&env, "cont"), "Degraded");
    let row = env
        .rpod(["pod", "ps", "--format", "{{.Name}} {{.Status}}"])
        .run();
    assert_eq!(row.success().out(), "cont Degraded", "{row}");
    env.rpod(["pod", "stop", "cont"]).run().success();
    assert_eq!(pod_state(&env, "cont"), "Exited");
    env.rpod(["pod", "start", "cont"]).run().success();
    assert_eq!(pod_state(&env, "cont"), "Degraded");
    // A Degraded pod without running members goes without -f.
    env.rpod(["pod", "rm", "cont"]).run().success();
    env.rpod(["pod", "create", "--exit-policy", "stop", "st"])
        .run()
        .success();
    env.rpod(["run", "--pod", "st", &image, "true"])
        .run()
        .success();
    assert_eq!(pod_state(&env, "st"), "Exited");
    // --infra=false: no infra to count.
    env.rpod(["pod", "create", "--infra=false", "ni"])
        .run()
        .success();
    env.rpod(["run", "--pod", "ni", &image, "true"])
        .run()
        .success();
    assert_eq!(pod_state(&env, "ni"), "Exited");
    for p in ["st", "ni"] {
        env.rpod(["pod", "rm", p]).run().success();
    }
}

/// `pod prune` removes only Stopped and Exited pods, as podman's: a
/// Created pod (no member started), a Running one, a Degraded one (one
/// member of two runs, or the members exited under the default exit
/// policy: podman's infra runs on) stay; `pod ps` shows each state.
#[test]
fn prune_keeps_created_running_and_degraded_pods() {
    let (env, image) = require!(setup());
    let make = |name: &str, extra: &[&str]| {
        env.rpod(["pod", "create"])
            .args(extra)
            .arg(name)
            .run()
            .success();
    };
    make("created", &[]);
    make("running", &[]);
    env.rpod(["run", "-d", "--pod", "running", &image, "sleep", "300"])
        .run()
        .success();
    make("degraded", &["--infra=false"]);
    env.rpod(["run", "-d", "--pod", "degraded", &image, "sleep", "300"])
        .run()
        .success();
    env.rpod(["run", "--pod", "degraded", &image, "true"])
        .run()
        .success();
    make("continued", &[]);
    env.rpod(["run", "--pod", "continued", &image, "true"])
        .run()
        .success();
    make("exited", &["--infra=false"]);
    env.rpod(["run", "--pod", "exited", &image, "true"])
        .run()
        .success();
    make("stopped", &["--infra=false"]);
    env.rpod(["run", "--pod", "stopped", &image, "true"])
        .run()
        .success();
    env.rpod(["create", "--pod", "stopped", &image, "true"])
        .run()
        .success();
    let states = |env: &Env| {
        let out = env
            .rpod([
                "pod",
                "ps",
                "--format",
                "{{.Name}}={{.Status}}",
                "--sort",
                "name",
            ])
            .run();
        out.success();
        out.out().lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(
        states(&env),
        [
            "continued=Degraded",
            "created=Created",
            "degraded=Degraded",
            "exited=Exited",
            "running=Running",
            "stopped=Stopped",
        ]
    );
    let pruned = env.rpod(["pod", "prune", "-f"]).run();
    pruned.success();
    assert_eq!(pruned.lines().len(), 2, "{pruned}");
    assert_eq!(
        states(&env),
        [
            "continued=Degraded",
            "created=Created",
            "degraded=Degraded",
            "running=Running",
        ]
    );
    env.rpod(["pod", "rm", "-fa", "-t0"]).run().success();
}

/// A pod whose first member exits at once while the next one starts and
/// serves the pod's published port (kube play of a Pod whose first
/// container is `true`): the next member makes the pod's network anew, and
/// must not find the host port still bound by the exiting member's pasta.
/// Each round starts the two members back to back; every round must serve.
#[test]
fn next_member_gets_the_port_of_a_member_that_exits_at_once() {
    let (env, image) = require!(setup());
    let port = crate::harness::port();
    for round in 0..8 {
        let name = format!("race{round}");
        let yaml = format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: once\n    image: {image}\n    imagePullPolicy: IfNotPresent\n    command: [\"true\"]\n  - name: web\n    image: {image}\n    imagePullPolicy: IfNotPresent\n    command: [\"sh\", \"-c\", \"{SERVE}\"]\n    ports:\n    - containerPort: 80\n      hostPort: {port}\n      hostIP: 127.0.0.1\n"
        );
        let file = env.write_file(format!("race{round}.yaml").as_ref(), &yaml);
        let out = env.rpod(["kube", "play", file.to_str().unwrap()]).run();
        assert_eq!(out.code, 0, "round {round}: {out}");
        assert!(http_get(port).contains("hello-pod"), "round {round}");
        env.rpod(["pod", "rm", "-f", "-t", "0", &name])
            .run()
            .success();
    }
}

/// `InfraContainerID` (and `pod ps`'s INFRA ID) name the member whose
/// namespaces the pod lives in while one runs, so a script that inspects
/// podman's infra container for the pod's network namespace gets it;
/// empty while none runs, and for a pod that shares nothing.
#[test]
fn infra_id_is_the_member_holding_the_namespaces() {
    let (env, image) = require!(setup());
    let infra = |pod: &str| {
        env.rpod(["pod", "inspect", "--format", "{{.InfraContainerID}}", pod])
            .run()
            .success()
            .out()
            .to_string()
    };
    env.rpod(["pod", "create", "ip"]).run().success();
    env.rpod([
        "create", "--pod", "ip", "--name", "a", &image, "sleep", "1000",
    ])
    .run()
    .success();
    assert_eq!(infra("ip"), "");
    let a = env
        .rpod([
            "run", "-d", "--pod", "ip", "--name", "b", &image, "sleep", "1000",
        ])
        .run();
    let b_id = a.success().out().to_string();
    assert_eq!(infra("ip"), b_id);
    let ps = env
        .rpod([
            "pod",
            "ps",
            "--format",
            "{{.InfraID}}",
            "--filter",
            "name=ip",
        ])
        .run();
    assert_eq!(ps.success().out(), &b_id[..12], "{ps}");
    // Its SandboxKey is the pod's network namespace, the one a's joins.
    env.rpod(["start", "a"]).run().success();
    let key = |c: &str| {
        env.rpod(["inspect", "--format", "{{.NetworkSettings.SandboxKey}}", c])
            .run()
            .success()
            .out()
            .to_string()
    };
    let (ka, kb) = (key("a"), key(&b_id));
    assert!(!ka.is_empty() && !kb.is_empty());
    let ino = |p: &str| std::fs::metadata(p).map(|m| std::os::unix::fs::MetadataExt::ino(&m));
    assert_eq!(ino(&ka).unwrap(), ino(&kb).unwrap(), "{ka} {kb}");
    env.rpod(["pod", "stop", "-t", "0", "ip"]).run().success();
    assert_eq!(infra("ip"), "");
    env.rpod(["pod", "create", "--infra=false", "nip"])
        .run()
        .success();
    env.rpod(["run", "-d", "--pod", "nip", &image, "sleep", "1000"])
        .run()
        .success();
    assert_eq!(infra("nip"), "");
    for p in ["ip", "nip"] {
        env.rpod(["pod", "rm", "-f", "-t", "0", p]).run().success();
    }
}

#[test]
fn pod_new_and_refused_options() {
    let (env, image) = require!(setup());
    // --pod new: creates the pod, which takes the container's ports.
    let port = crate::harness::port();
    env.rpod([
        "run",
        "-d",
        "--pod",
        "new:np",
        "-p",
        &format!("127.0.0.1:{port}:80"),
        "--name",
        "srv",
        &image,
        "sh",
        "-c",
        SERVE,
    ])
    .run()
    .success();
    assert!(http_get(port).contains("hello-pod"));
    let out = env
        .rpod([
            "pod",
            "inspect",
            "--format",
            "{{.InfraConfig.PortBindings}}",
            "np",
        ])
        .run();
    out.success().stdout_has(&port.to_string());
    // Members share /dev/shm, also with those that ran before.
    env.rpod(["run", "--rm", "--pod", "np", &image, "touch", "/dev/shm/t1"])
        .run()
        .success();
    env.rpod(["run", "--rm", "--pod", "np", &image, "ls", "/dev/shm/t1"])
        .run()
        .success()
        .stdout_is("/dev/shm/t1");
    env.rpod(["pod", "inspect", "--format", "{{.SharedNamespaces}}", "np"])
        .run()
        .success()
        .stdout_is("[ipc net uts]");
    // A member cannot set what the pod shares.
    env.rpod([
        "run", "--rm", "--pod", "np", "-p", "9999:80", &image, "true",
    ])
    .run()
    .error125()
    .stderr_has("published or exposed ports must be defined when the pod is created");
    env.rpod([
        "run",
        "--rm",
        "--pod",
        "np",
        "--hostname",
        "x",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("cannot set hostname when joining the pod UTS namespace");
    env.rpod(["pod", "create", "--share", "bogus"])
        .run()
        .error125()
        .stderr_has("invalid kernel namespace to share: bogus");
    env.rpod(["pod", "create", "--name", "np"])
        .run()
        .error125()
        .stderr_has("pod already exists");
    env.rpod(["pod", "create", "--infra=false", "-p", "8080:80"])
        .run()
        .error125()
        .stderr_has("you must have an infra container to publish port bindings");
    // A container that cannot be created takes its new pod with it.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--pod",
            "new:gone",
            "-v",
            "/nonexistent-dir:/x",
            &image,
            "true",
        ])
        .run();
    // (refused when the record is written, after the pod was made)
    out.error125().stderr_has("does not exist");
    env.rpod(["pod", "exists", "gone"]).run().code(1);
    // The pod's DNS settings and hosts are every member's (podman's
    // --dns, --dns-search, --dns-option, --add-host of pod create).
    env.rpod(["pod", "create", "--name", "dnsp", "--dns", "10.1.2.3"])
        .args(["--dns-search", "ex.abc", "--dns-option", "ndots:7"])
        .args(["--add-host", "h1.test:10.9.9.9"])
        .run()
        .success();
    let out = env
        .rpod(["run", "--rm", "--pod", "dnsp", &image])
        .args(["cat", "/etc/resolv.conf", "/etc/hosts"])
        .run();
    out.success();
    out.stdout_has("nameserver 10.1.2.3")
        .stdout_has("search ex.abc")
        .stdout_has("options ndots:7")
        .stdout_has("10.9.9.9\th1.test");
    env.rpod(["pod", "inspect", "--format"])
        .args(["{{.InfraConfig.DNSOption}}", "dnsp"])
        .run()
        .success()
        .stdout_is("[ndots:7]");
    env.rpod(["run", "--rm", "--pod", "dnsp", "--dns-option", "ndots:1"])
        .args([&image, "true"])
        .run()
        .error125();
    // run --pod new: the container's --dns-option goes to the new pod.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--pod",
            "new:dnsn",
            "--dns-option",
            "ndots:3",
        ])
        .args([&image, "cat", "/etc/resolv.conf"])
        .run();
    out.success().stdout_has("options ndots:3");
    env.rpod(["pod", "inspect", "--format"])
        .args(["{{.InfraConfig.DNSOption}}", "dnsn"])
        .run()
        .success()
        .stdout_is("[ndots:3]");
    // --infra=false: members share nothing.
    env.rpod(["pod", "create", "--infra=false", "--name", "solo"])
        .run()
        .success();
    env.rpod([
        "run", "-d", "--pod", "solo", "--name", "s1", &image, "sleep", "1000",
    ])
    .run()
    .success();
    env.rpod([
        "run", "-d", "--pod", "solo", "--name", "s2", &image, "sleep", "1000",
    ])
    .run()
    .success();
    assert_ne!(
        netns_of(pid_of(&env, "s1", "Pid")),
        netns_of(pid_of(&env, "s2", "Pid"))
    );
    env.rpod(["pod", "rm", "-f", "-t", "0", "--all"])
        .run()
        .success();
    env.rpod(["pod", "ps", "-q"]).run().success().stdout_is("");
    env.rpod(["ps", "-aq"]).run().success().stdout_is("");
    // system reset removes pods too, PID holders included.
    env.rpod(["pod", "create", "--share", "+pid", "--name", "left"])
        .run()
        .success();
    env.rpod([
        "run", "-d", "--pod", "left", "--name", "l1", &image, "sleep", "1000",
    ])
    .run()
    .success();
    let l1 = pid_of(&env, "l1", "Pid");
    let (ns, pidns) = (netns_of(l1).unwrap(), pidns_of(l1).unwrap());
    assert!(in_pidns(pidns).len() >= 2, "the member and the PID holder");
    env.rpod(["system", "reset", "--force"]).run().success();
    env.rpod(["pod", "ps", "-q"]).run().success().stdout_is("");
    eventually_within(
        Duration::from_secs(10),
        "the pod's processes to end",
        || processes_of(ns, &[]).is_empty() && in_pidns(pidns).is_empty(),
    );
}

/// The identity of a process's PID namespace.
fn pidns_of(pid: i64) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(format!("/proc/{pid}/ns/pid"))
        .ok()
        .map(|m| (m.dev(), m.ino()))
}

/// Live processes in PID namespace `ns`.
fn in_pidns(ns: (u64, u64)) -> Vec<i64> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse::<i64>().ok())
        .filter(|p| alive(*p) && pidns_of(*p) == Some(ns))
        .collect()
}

#[test]
fn shared_pid_namespace_outlives_its_first_member() {
    let (env, image) = require!(setup());
    env.rpod(["pod", "create", "--share", "+pid", "--name", "pp"])
        .run()
        .success();
    for name in ["p1", "p2"] {
        env.rpod([
            "run", "-d", "--pod", "pp", "--name", name, &image, "sleep", "1000",
        ])
        .run()
        .success();
    }
    let (p1, p2) = (pid_of(&env, "p1", "Pid"), pid_of(&env, "p2", "Pid"));
    let ns = pidns_of(p1).unwrap();
    assert_eq!(pidns_of(p2), Some(ns), "one PID namespace");
    // Members see each other's processes; PID 1 is the pod's holder.
    let out = env
        .rpod([
            "exec",
            "p2",
            "sh",
            "-c",
            "cat /proc/1/cmdline | tr '\\0' ' '; echo; ls /proc | grep -c '^[0-9]'",
        ])
        .run();
    out.success();
    assert!(
        !out.lines()[0].contains("sleep"),
        "PID 1 is not a member: {out}"
    );
    // The first member exits: the other keeps running.
    env.rpod(["stop", "-t", "0", "p1"]).run().success();
    assert!(!alive(p1));
    assert!(alive(p2), "the second member lives on");
    assert_eq!(pod_state(&env, "pp"), "Degraded");
    // It starts again in the same namespace.
    env.rpod(["start", "p1"]).run().success();
    assert_eq!(pidns_of(pid_of(&env, "p1", "Pid")), Some(ns));
    // With no member running, no process is left: the holder goes too.
    env.rpod(["pod", "stop", "-t", "0", "pp"]).run().success();
    eventually_within(Duration::from_secs(10), "the PID holder to exit", || {
        in_pidns(ns).is_empty()
    });
    // A new start makes a new holder; pod rm -f ends everything.
    env.rpod(["pod", "start", "pp"]).run().success();
    let ns2 = pidns_of(pid_of(&env, "p2", "Pid")).unwrap();
    assert!(!in_pidns(ns2).is_empty());
    env.rpod(["pod", "rm", "-f", "-t", "0", "pp"])
        .run()
        .success();
    eventually_within(
        Duration::from_secs(10),
        "the pod's processes to end",
        || in_pidns(ns2).is_empty(),
    );
}

#[test]
fn pod_on_a_user_defined_network() {
    let (env, image) = require!(setup());
    env.rpod(["network", "create", "podnet"]).run().success();
    env.rpod(["pod", "create", "--network", "podnet", "--name", "bp"])
        .run()
        .success();
    env.rpod([
        "run", "-d", "--pod", "bp", "--name", "b1", &image, "sleep", "1000",
    ])
    .run()
    .success();
    env.rpod([
        "run", "-d", "--pod", "bp", "--name", "bweb", &image, "sh", "-c", SERVE,
    ])
    .run()
    .success();
    assert_eq!(
        netns_of(pid_of(&env, "b1", "Pid")),
        netns_of(pid_of(&env, "bweb", "Pid"))
    );
    let out = wget_in_pod(&env, &image, "bp");
    out.success();
    assert_eq!(out.out(), "hello-pod", "{out}");
    // The pod's address on the network answers a container outside it.
    let ip = env
        .rpod([
            "exec",
            "b1",
            "sh",
            "-c",
            "ip -4 -o addr show eth0 | sed 's/.*inet \\([0-9.]*\\).*/\\1/'",
        ])
        .run()
        .success()
        .out()
        .to_string();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "podnet",
            &image,
            "busybox",
            "wget",
            "-qO-",
            &format!("http://{ip}:80/"),
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "hello-pod", "{out}");
    // The first member exits: the pod keeps its address.
    env.rpod(["stop", "-t", "0", "b1"]).run().success();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "podnet",
            &image,
            "busybox",
            "wget",
            "-qO-",
            &format!("http://{ip}:80/"),
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "hello-pod", "{out}");
    env.rpod(["pod", "rm", "-f", "-t", "0", "bp"])
        .run()
        .success();
    env.rpod(["network", "rm", "podnet"]).run().success();
}

#[test]
fn pods_udp_port_outlives_its_first_member() {
    let (env, image) = require!(setup());
    let port = crate::harness::port();
    env.rpod([
        "pod",
        "create",
        "--name",
        "up",
        "-p",
        &format!("127.0.0.1:{port}:5300/udp"),
    ])
    .run()
    .success();
    let held = || std::net::UdpSocket::bind(("127.0.0.1", port)).is_err();
    // The first member starts rpod's UDP relay (busybox has no UDP server
    // to answer through it: the relay holding the host port is the sign).
    for name in ["u1", "u2"] {
        env.rpod([
            "run", "-d", "--pod", "up", "--name", name, &image, "sleep", "1000",
        ])
        .run()
        .success();
    }
    assert!(held(), "the relay holds 127.0.0.1:{port}/udp");
    // It stays while a member runs...
    env.rpod(["stop", "-t", "0", "u1"]).run().success();
    assert!(held(), "the relay outlives the first member");
    // ...and goes with the last one.
    env.rpod(["stop", "-t", "0", "u2"]).run().success();
    eventually_within(
        Duration::from_secs(10),
        "the UDP relay to free its port",
        || !held(),
    );
    env.rpod(["pod", "rm", "-f", "-t", "0", "up"])
        .run()
        .success();
}

/// `--pod-id-file` on `run`, `pod start` and `pod stop`, as the units
/// `generate systemd --new` writes use them.
#[test]
fn pod_id_files_name_the_pod_for_run_start_and_stop() {
    let (env, image) = require!(setup());
    let file = env.dir.join("pod.id");
    let id = env
        .rpod([
            "pod",
            "create",
            "--name",
            "byfile",
            "--network",
            "none",
            "--pod-id-file",
        ])
        .arg(&file)
        .run()
        .success()
        .out()
        .to_string();
    env.rpod(["run", "-d", "--name", "member", "--pod-id-file"])
        .arg(&file)
        .args([&image, "sleep", "1000"])
        .run()
        .success();
    env.rpod(["inspect", "--format", "{{.Pod}}", "member"])
        .run()
        .success()
        .stdout_is(&id);
    env.rpod(["pod", "stop", "-t", "0", "--pod-id-file"])
        .arg(&file)
        .run()
        .success()
        .stdout_is(&id);
    env.rpod(["inspect", "--format", "{{.State.Status}}", "member"])
        .run()
        .success()
        .stdout_is("exited");
    env.rpod(["pod", "start", "--pod-id-file"])
        .arg(&file)
        .run()
        .success()
        .stdout_is(&id);
    env.rpod(["inspect", "--format", "{{.State.Status}}", "member"])
        .run()
        .success()
        .stdout_is("running");
    let missing = env.dir.join("no-such.id");
    env.rpod(["pod", "stop", "--ignore", "--pod-id-file"])
        .arg(&missing)
        .run()
        .success();
    env.rpod(["pod", "start", "--pod-id-file"])
        .arg(&missing)
        .run()
        .error125()
        .stderr_has("reading pod ID from file");
    env.rpod(["run", "--pod", "byfile", "--pod-id-file"])
        .arg(&file)
        .arg(&image)
        .run()
        .error125()
        .stderr_has("--pod-id-file");
    env.rpod(["pod", "rm", "-f", "-t", "0", "--pod-id-file"])
        .arg(&file)
        .run()
        .success();
}

#[test]
fn infra_flags_are_recorded_and_nothing_runs_for_them() {
    let (env, image) = require!(setup());
    let pidfile = env.root().join("infra.pid");
    let pidfile = pidfile.to_str().unwrap();
    // The image does not exist: rpod neither pulls nor runs it.
    let out = env
        .rpod([
            "pod",
            "create",
            "--name",
            "ip",
            "--infra-name",
            "ip-holder",
            "--infra-image",
            "i.do/not/exist:image",
            "--infra-command",
            "/pause-x",
            "--infra-conmon-pidfile",
            pidfile,
        ])
        .run();
    out.success()
        .stderr_has("rpod pods have no infra container")
        .stderr_has("--infra-image (not pulled or run)")
        .stderr_has("--infra-command (not run)")
        .stderr_has("--infra-conmon-pidfile (not written)");
    assert!(!std::path::Path::new(pidfile).exists(), "no PID file");
    let fmt = "{{.CreateInfra}} {{.InfraConfig.InfraName}} {{.InfraConfig.InfraImage}} {{.InfraConfig.InfraCommand}}";
    env.rpod(["pod", "inspect", "--format", fmt, "ip"])
        .run()
        .success()
        .stdout_is("true ip-holder i.do/not/exist:image /pause-x");
    // No container was made under the infra name; members work as usual.
    env.rpod(["container", "exists", "ip-holder"]).run().code(1);
    env.rpod(["run", "--rm", "--pod", "ip", &image, "cat", "/etc/hostname"])
        .run()
        .success()
        .stdout_is("ip");
    env.rpod(["ps", "-aq"]).run().success().stdout_is("");
    // The infra name is held as podman's infra container holds it: no
    // other pod's infra and no container may take it while the pod exists.
    env.rpod(["pod", "create", "--infra-name", "ip-holder"])
        .run()
        .error125()
        .stderr_has("the container name \"ip-holder\" is already in use by the infra container of pod ")
        .stderr_has("You have to remove that container to be able to reuse that name: that name is already in use");
    for verb in ["create", "run"] {
        env.rpod([verb, "--name", "ip-holder", &image, "true"])
            .run()
            .error125()
            .stderr_has(
                "the container name \"ip-holder\" is already in use by the infra container of pod ",
            );
    }
    env.rpod(["create", "--name", "taken", &image, "true"])
        .run()
        .success();
    env.rpod(["pod", "create", "--infra-name", "taken"])
        .run()
        .error125()
        .stderr_has("the container name \"taken\" is already in use by ");
    env.rpod(["rm", "taken"]).run().success();
    // Once the pod is gone, the name is free.
    env.rpod(["pod", "rm", "ip"]).run().success();
    env.rpod(["create", "--name", "ip-holder", &image, "true"])
        .run()
        .success();
    env.rpod(["rm", "ip-holder"]).run().success();
    // podman's refusals without an infra container.
    env.rpod(["pod", "create", "--infra=false", "--infra-name", "x"])
        .run()
        .error125()
        .stderr_has("cannot set infra-name without an infra container");
    env.rpod(["pod", "create", "--infra-name=-bad"])
        .run()
        .error125()
        .stderr_has("--infra-name");
    env.rpod(["pod", "create", "--infra=false", "--share", "net"])
        .run()
        .error125()
        .stderr_has("cannot set share(net) namespaces without an infra container");
    // Sharing nothing, without --infra, means no infra (podman).
    env.rpod(["pod", "create", "--share", "none", "--name", "bare"])
        .run()
        .success();
    env.rpod(["pod", "inspect", "--format", "{{.CreateInfra}}", "bare"])
        .run()
        .success()
        .stdout_is("false");
    env.rpod(["pod", "rm", "-f", "--all"]).run().success();
}

/// `pod create --hosts-file`: the members' shared /etc/hosts starts from
/// the pod's file (or nothing with `none`), not containers.conf's.
#[test]
fn pod_hosts_file() {
    let (env, image) = require!(setup());
    let base = env.write_file(&env.dir.join("pod-hosts"), "192.0.2.33 podbase\n");
    env.rpod(["pod", "create", "--network", "none", "--hosts-file"])
        .arg(&base)
        .arg("hf")
        .run()
        .success();
    let out = env
        .rpod(["run", "--rm", "--pod", "hf", &image, "cat", "/etc/hosts"])
        .run();
    assert!(
        out.success()
            .out()
            .lines()
            .any(|l| l == "192.0.2.33\tpodbase"),
        "{out}"
    );
    env.containers_conf(&format!(
        "[containers]\nbase_hosts_file = \"{}\"\n",
        base.display()
    ));
    env.rpod([
        "pod",
        "create",
        "--network",
        "none",
        "--hosts-file",
        "none",
        "hn",
    ])
    .run()
    .success();
    let out = env
        .rpod(["run", "--rm", "--pod", "hn", &image, "cat", "/etc/hosts"])
        .run();
    assert!(!out.success().out().contains("podbase"), "{out}");
    env.rpod(["pod", "rm", "-f", "hf", "hn"]).run().success();
}

/// The pod verbs the lifecycle test leaves out: `pod ls` (podman's alias),
/// `pod pause`/`unpause` (members frozen and thawed, the pod's state
/// following), `pod stats` (one row per member; rootless on cgroup v1
/// both are refused with podman's messages), and a pod made with
/// `--userns keep-id` whose members run as the caller's own ID.
#[test]
fn pod_ls_pause_unpause_stats_and_userns_keep_id() {
    let (env, image) = require!(setup());
    env.rpod(["pod", "create", "--name", "pp"]).run().success();
    for name in ["m1", "m2"] {
        env.rpod(["run", "-d", "--pod", "pp", "--name", name, &image])
            .args(["sleep", "1000"])
            .run()
            .success();
    }
    env.rpod(["pod", "ls", "--format", "{{.Name}} {{.NumberOfContainers}}"])
        .run()
        .success()
        .stdout_is("pp 2");
    let state = |c: &str| {
        env.rpod(["inspect", "--format", "{{.State.Status}}", c])
            .run()
            .success()
            .out()
            .to_string()
    };
    let cgroup2 = std::fs::metadata("/sys/fs/cgroup/cgroup.controllers").is_ok();
    if cgroup2 {
        env.rpod(["pod", "pause", "pp"]).run().success();
        assert_eq!(pod_state(&env, "pp"), "Paused");
        assert_eq!(state("m1"), "paused");
        assert_eq!(state("m2"), "paused");
        env.rpod(["pod", "unpause", "pp"]).run().success();
        assert_eq!(pod_state(&env, "pp"), "Running");
        assert_eq!(state("m1"), "running");
    } else {
        // Rootless on cgroup v1 there is no freezer to use: podman's
        // refusal, for each member, and nothing changes.
        env.rpod(["pod", "pause", "pp"])
            .run()
            .error125()
            .stderr_has("can not pause containers on rootless containers with cgroup V1");
        assert_eq!(pod_state(&env, "pp"), "Running");
        assert_eq!(state("m1"), "running");
    }
    let out = env
        .rpod(["pod", "stats", "--no-stream", "--format", "{{.Name}}", "pp"])
        .run();
    if cgroup2 {
        out.success();
        let mut rows = out.lines();
        rows.sort_unstable();
        assert_eq!(rows, ["m1", "m2"], "{out}");
    } else {
        out.error125()
            .stderr_has("stats is not supported in rootless mode without cgroups v2");
    }
    env.rpod(["pod", "rm", "-f", "-t", "0", "pp"])
        .run()
        .success();

    // --userns keep-id: members are the caller inside, as podman's.
    env.rpod(["pod", "create", "--name", "kid", "--userns", "keep-id"])
        .run()
        .success();
    let me = env
        .rpod(["run", "--rm", "--pod", "kid", &image, "id", "-u"])
        .run();
    me.success();
    let uid = env.user.as_ref().expect("a rootless user").uid;
    assert_eq!(me.out(), uid.to_string(), "{me}");
    env.rpod(["pod", "rm", "-f", "kid"]).run().success();
}

/// `pod create --network NET --ip --mac-address --network-alias`: the
/// member that makes the pod's network namespace gets the address, MAC
/// and names; a later member sees the same interface; another container
/// on the network reaches the pod by its alias; `pod inspect` shows the
/// static address. Without a network by name the flags are refused.
#[test]
fn pod_static_address_and_alias_on_a_network() {
    let (env, image) = require!(setup());
    env.rpod(["network", "create", "--subnet", "10.91.7.0/24", "podnet"])
        .run()
        .success();
    env.rpod([
        "pod",
        "create",
        "--network",
        "podnet",
        "--ip",
        "10.91.7.77",
        "--mac-address",
        "02:42:0a:5b:07:4d",
        "--network-alias",
        "podapi",
        "addr",
    ])
    .run()
    .success();
    env.rpod([
        "pod",
        "inspect",
        "--format",
        "{{.InfraConfig.StaticIP}} {{.InfraConfig.StaticMAC}}",
        "addr",
    ])
    .run()
    .success()
    .stdout_is("10.91.7.77 02:42:0a:5b:07:4d");
    env.rpod([
        "run", "-d", "--pod", "addr", "--name", "srv", &image, "sh", "-c", SERVE,
    ])
    .run()
    .success();
    let out = env
        .rpod([
            "run", "--rm", "--pod", "addr", &image, "busybox", "ip", "addr", "show", "eth0",
        ])
        .run();
    let text = out.success().out();
    assert!(text.contains("inet 10.91.7.77/24"), "{out}");
    assert!(text.contains("link/ether 02:42:0a:5b:07:4d"), "{out}");
    let deadline = Instant::now() + Duration::from_secs(20);
    let out = loop {
        let out = env
            .rpod(["run", "--rm", "--network", "podnet", &image])
            .args(["busybox", "wget", "-q", "-O", "-", "http://podapi/"])
            .run();
        if out.code == 0 || Instant::now() > deadline {
            break out;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(out.success().out(), "hello-pod", "{out}");
    env.rpod(["pod", "create", "--ip", "10.91.7.78", "noaddr"])
        .run()
        .error125()
        .stderr_has("--ip is only supported with user-defined networks");
    env.rpod(["pod", "rm", "-f", "addr"]).run().success();
}

/// `pod create -v --shm-size --uidmap --sysctl --device --no-hosts
/// --label-file`: podman's infra container hands these to the members;
/// rpod records them on the pod and gives them to each member it creates.
/// Two members see the pod's bind mount (what one writes the other reads),
/// a /dev/shm of the pod's size, the pod's uid map, the pod's device, and
/// no /etc/hosts of rpod's; `pod inspect` shows the mounts and devices.
/// A member's own `-v` at the same place wins. Bad values fail `pod
/// create` naming the flag, and --gpus is refused with what to do.
#[test]
fn pod_settings_reach_every_member() {
    let (env, image) = require!(setup());
    let data = env.write_file(
        std::path::Path::new("podvol/from-host"),
        "hello-from-host\n",
    );
    let dir = data.parent().expect("dir").to_path_buf();
    // The members' root is a subordinate id (--uidmap 0:1:…), not the user.
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let labels = env.write_file(std::path::Path::new("pod.labels"), "# c\nteam=blue\n");
    env.rpod(["pod", "create", "--name", "ps1", "--shm-size", "24m"])
        .args(["-v", &format!("{}:/data", dir.display())])
        .args(["--uidmap", "0:1:4000", "--device", "/dev/null:/dev/podnull"])
        .args(["--sysctl", "kernel.msgmax=12345", "--no-hosts"])
        .args(["--label-file", &labels.to_string_lossy()])
        .run()
        .success();
    let probe = "cat /data/from-host; df -k /dev/shm | tail -1; cat /proc/self/uid_map; \
                 test -c /dev/podnull && echo dev-ok; cat /proc/sys/kernel/msgmax; \
                 echo hosts:$(grep -c ps1 /etc/hosts 2>/dev/null); id -u > /data/by-member";
    let out = env
        .rpod(["run", "--rm", "--pod", "ps1", &image, "sh", "-c", probe])
        .run();
    out.success();
    let text = out.out().to_string();
    assert!(text.contains("hello-from-host"), "{out}");
    assert!(text.contains(" 24576 "), "a 24m /dev/shm: {out}");
    let map: Vec<&str> = text
        .lines()
        .find(|l| l.trim_start().starts_with('0'))
        .expect("uid_map line")
        .split_whitespace()
        .collect();
    assert_eq!(map[2], "4000", "the pod's 4000 ids: {out}");
    assert!(text.contains("dev-ok"), "{out}");
    assert!(text.contains("12345"), "{out}");
    assert!(!text.contains("hosts:1"), "--no-hosts: {out}");
    // A second member sees what the first wrote in the pod's volume.
    env.rpod([
        "run",
        "--rm",
        "--pod",
        "ps1",
        &image,
        "cat",
        "/data/by-member",
    ])
    .run()
    .success()
    .stdout_is("0");
    // A member's own -v at /data wins over the pod's.
    let other = env.write_file(std::path::Path::new("own/mine"), "x");
    let own = format!("{}:/data", other.parent().expect("dir").display());
    env.rpod([
        "run", "--rm", "--pod", "ps1", "-v", &own, &image, "ls", "/data",
    ])
    .run()
    .success()
    .stdout_is("mine");
    let inspect = env
        .rpod(["pod", "inspect", "--format", "json", "ps1"])
        .run()
        .success()
        .json();
    let doc = if inspect.is_array() {
        &inspect[0]
    } else {
        &inspect
    };
    assert_eq!(doc["mounts"][0]["Destination"], "/data", "{doc}");
    assert_eq!(
        doc["devices"][0]["PathInContainer"], "/dev/podnull",
        "{doc}"
    );
    assert_eq!(doc["InfraConfig"]["NoManageHosts"], true, "{doc}");
    assert_eq!(doc["Labels"]["team"], "blue", "{doc}");
    env.rpod(["pod", "rm", "-f", "ps1"]).run().success();

    env.rpod(["pod", "create", "--name", "bad", "--shm-size", "lots"])
        .run()
        .error125()
        .stderr_has("--shm-size");
    env.rpod(["pod", "create", "--name", "bad", "-v", "relative/dst"])
        .run()
        .error125()
        .stderr_has("--volume");
    env.rpod(["pod", "create", "--name", "bad", "--gpus", "all"])
        .run()
        .error125()
        .stderr_has("--device /dev/PATH");
    env.rpod(["pod", "exists", "bad"]).run().code(1);
}
