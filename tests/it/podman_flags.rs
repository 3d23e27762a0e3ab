//! Flags of podman's command line that scripts use and rpod took on in the
//! issue 17 audit: `--sig-proxy` (run, start, attach) and the others below;
//! as the unprivileged user.

use std::time::Duration;

use crate::harness::{eventually, Env};
use crate::pull::busybox_env as setup;

/// Sends `sig` (a name for kill(1)) to the process group of a spawned command.
fn signal_group(pid: u32, sig: &str) {
    let ok = std::process::Command::new("kill")
        .args(["-s", sig, "--", &format!("-{pid}")])
        .status()
        .expect("running kill")
        .success();
    assert!(ok, "kill -s {sig} -{pid} failed");
}

fn status(env: &Env, name: &str) -> String {
    env.rpod(["inspect", "--format", "{{.State.Status}}", name])
        .run()
        .success()
        .out()
        .to_string()
}

#[test]
fn run_without_sig_proxy_leaves_the_container_running_when_rpod_is_signalled() {
    let (env, image) = require!(setup());
    let run = env
        .rpod(["run", "--name", "sp", "--sig-proxy=false", &image])
        .args(["sh", "-c", "echo up; exec sleep 600"])
        .start();
    run.wait_for_stdout("up", Duration::from_secs(30));
    signal_group(run.pid(), "TERM");
    eventually("rpod run to exit on SIGTERM", || run.exited());
    // The signal ended rpod's client only, not the container.
    assert_eq!(status(&env, "sp"), "running");
    env.rpod(["rm", "-f", "-t", "0", "sp"]).run().success();
}

#[test]
fn attach_proxies_signals_to_the_container() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-d", "--name", "sp", &image])
        .args([
            "sh",
            "-c",
            "trap 'echo got-usr1' USR1; while :; do echo tick; sleep 0.2; done",
        ])
        .run()
        .success();
    let attach = env.rpod(["attach", "sp"]).start();
    // Ticks arrive once the session relays: its signal handling is in place.
    attach.wait_for_stdout("tick", Duration::from_secs(30));
    signal_group(attach.pid(), "USR1");
    eventually("the container's trap to see SIGUSR1", || {
        env.rpod(["logs", "sp"]).run().stdout.contains("got-usr1")
    });
    env.rpod(["rm", "-f", "-t", "0", "sp"]).run().success();
}

#[test]
fn start_sig_proxy_needs_attach_as_in_podman() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "sp", &image, "true"])
        .run()
        .success();
    env.rpod(["start", "--sig-proxy", "sp"])
        .run()
        .error125()
        .stderr_has("you cannot use sig-proxy without --attach");
    // With --attach and without proxying, the container's output and exit
    // code come through the monitor.
    env.rpod(["start", "--attach", "--sig-proxy=false", "sp"])
        .run()
        .success();
    assert_eq!(status(&env, "sp"), "exited");
}

#[test]
fn logs_of_several_containers_prefix_each_line_with_id_or_name() {
    let (env, image) = require!(setup());
    let mut ids = Vec::new();
    for (name, text) in [("la", "echo a1; echo a2"), ("lb", "echo b1")] {
        let out = env
            .rpod(["run", "-d", "--name", name, &image, "sh", "-c", text])
            .run();
        out.success();
        ids.push(out.out()[..12].to_string());
    }
    env.rpod(["wait", "la", "lb"]).run().success();
    let out = env.rpod(["logs", "la", "lb"]).run();
    assert_eq!(
        out.success().lines(),
        [
            format!("{} a1", ids[0]),
            format!("{} a2", ids[0]),
            format!("{} b1", ids[1])
        ]
    );
    let out = env.rpod(["logs", "--names", "la", "lb"]).run();
    assert_eq!(out.success().lines(), ["la a1", "la a2", "lb b1"]);
    // --color: each container's lines in its color, reset at the end.
    let out = env.rpod(["logs", "--color", "--names", "la", "lb"]).run();
    assert_eq!(
        out.success().lines(),
        [
            "\x1b[37mla a1\x1b[0m",
            "\x1b[37mla a2\x1b[0m",
            "\x1b[31mlb b1\x1b[0m"
        ]
    );
    // One container: no prefix, --names or not.
    let out = env.rpod(["logs", "-n", "la"]).run();
    assert_eq!(out.success().lines(), ["a1", "a2"]);
}

#[test]
fn option_values_may_begin_with_a_dash_as_in_pflag() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--name", "dash", &image, "echo", "hello"])
        .run()
        .success();
    // `--tail -1`: the word after the option is its value (all lines).
    env.rpod(["logs", "--tail", "-1", "dash"])
        .run()
        .success()
        .stdout_is("hello");
    // A flag that needs a value and has none is still podman's error.
    env.rpod(["logs", "--since"])
        .run()
        .error125()
        .stderr_has("flag needs an argument: --since");
}

#[test]
fn ps_templates_take_the_label_method_and_stopped_means_exited() {
    let (env, image) = require!(setup());
    env.rpod([
        "run", "--name", "lab", "--label", "tier=web", &image, "true",
    ])
    .run()
    .success();
    env.rpod([
        "ps",
        "-a",
        "--format",
        "{{.Names}} {{.Label \"tier\"}} [{{.Label \"nope\"}}]",
    ])
    .run()
    .success()
    .stdout_is("lab web []");
    env.rpod(["ps", "--filter", "status=stopped", "--format", "{{.Names}}"])
        .run()
        .success()
        .stdout_is("lab");
}

#[test]
fn run_rmi_removes_the_image_with_the_container() {
    let (env, image) = require!(setup());
    env.rpod(["tag", &image, "localhost/once:1"])
        .run()
        .success();
    env.rpod(["run", "--rmi", "localhost/once:1", "true"])
        .run()
        .success();
    // The name run goes; the image keeps its other name.
    env.rpod(["image", "exists", "localhost/once:1"])
        .run()
        .code(1);
    env.rpod(["image", "exists", &image]).run().success();
    // Detached: gone when the container exits; inspect says so before.
    env.rpod(["tag", &image, "localhost/once:2"])
        .run()
        .success();
    env.rpod(["run", "-d", "--name", "r2", "--rmi", "localhost/once:2"])
        .args(["sleep", "600"])
        .run()
        .success();
    env.rpod([
        "inspect",
        "--format",
        "{{.HostConfig.AutoRemoveImage}} {{.HostConfig.AutoRemove}}",
        "r2",
    ])
    .run()
    .success()
    .stdout_is("true true");
    env.rpod(["stop", "-t", "0", "r2"]).run().success();
    eventually("the --rmi image to go", || {
        env.rpod(["image", "exists", "localhost/once:2"]).run().code == 1
    });
    env.rpod(["run", "--rmi", "--rm=false", &image, "true"])
        .run()
        .error125()
        .stderr_has("the --rmi option does not work without --rm");
}

#[test]
fn run_pidfile_receives_the_containers_pid() {
    let (env, image) = require!(setup());
    let pidfile = env.root().join("ctr.pid");
    let dir = pidfile.parent().expect("a parent").to_path_buf();
    env.chown_to_user(&dir);
    env.rpod(["run", "-d", "--name", "pf", "--pidfile"])
        .arg(&pidfile)
        .args([&image, "sleep", "600"])
        .run()
        .success();
    let pid = env
        .rpod(["inspect", "--format", "{{.State.Pid}}", "pf"])
        .run()
        .success()
        .out()
        .to_string();
    let written = std::fs::read_to_string(&pidfile).expect("reading the pidfile");
    assert_eq!(written.trim(), pid);
    env.rpod(["inspect", "--format", "{{.PidFile}}", "pf"])
        .run()
        .success()
        .stdout_is(&pidfile.display().to_string());
    env.rpod(["rm", "-f", "-t", "0", "pf"]).run().success();
}

#[test]
fn env_merge_builds_on_the_images_variables() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--rm", "--env-merge", "PATH=${PATH}:/opt/tool"])
        .args(["--env-merge", "GREETING=hi-${NOPE:-there}", &image])
        .args(["sh", "-c", "echo $PATH; echo $GREETING"])
        .run()
        .success()
        .stdout_is(
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/tool\nhi-there",
        );
    env.rpod(["run", "--rm", "--env-merge", "NOEQUALS", &image, "true"])
        .run()
        .error125()
        .stderr_has("missing `=` for --env-merge substitution NOEQUALS");
}

#[test]
fn passwd_false_leaves_etc_passwd_alone() {
    let (env, image) = require!(setup());
    let show = "grep -c '^[^:]*:[^:]*:4242:' /etc/passwd || true";
    env.rpod(["run", "--rm", "--user", "4242", &image, "sh", "-c", show])
        .run()
        .success()
        .stdout_is("1");
    env.rpod(["run", "--rm", "--passwd=false", "--user", "4242", &image])
        .args(["sh", "-c", show])
        .run()
        .success()
        .stdout_is("0");
    env.rpod(["create", "--name", "np", "--passwd=false", &image, "true"])
        .run()
        .success();
    env.rpod(["inspect", "--format", "{{.Config.Passwd}}", "np"])
        .run()
        .success()
        .stdout_is("false");
}

#[test]
fn ps_size_ns_and_watch_as_podman() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-d", "--name", "big", &image])
        .args(["sh", "-c", "head -c 50000 /dev/zero > /big; exec sleep 600"])
        .run()
        .success();
    env.rpod(["run", "-d", "--name", "small", &image, "sleep", "600"])
        .run()
        .success();
    eventually("the file to be written", || {
        env.rpod(["exec", "big", "test", "-s", "/big"]).run().code == 0
    });
    let out = env
        .rpod([
            "ps",
            "--size",
            "--sort",
            "size",
            "--format",
            "{{.Names}} {{.Size}}",
        ])
        .run();
    let lines = out.success().lines();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("small "), "{out}");
    assert!(lines[1].starts_with("big 5"), "the 50kB file counts: {out}");
    assert!(lines[1].contains("(virtual "), "{out}");
    // The default table gains a SIZE column.
    let out = env.rpod(["ps", "-s"]).run();
    assert!(out.success().lines()[0].ends_with("SIZE"), "{out}");
    // --ns: the namespaces of the container's PID 1.
    let pid = env
        .rpod(["inspect", "--format", "{{.State.Pid}}", "small"])
        .run()
        .success()
        .out()
        .to_string();
    let link = std::fs::read_link(format!("/proc/{pid}/ns/net")).expect("reading the ns link");
    let inode = link
        .to_string_lossy()
        .trim_start_matches("net:[")
        .trim_end_matches(']')
        .to_string();
    env.rpod([
        "ps",
        "--ns",
        "--filter",
        "name=small",
        "--format",
        "{{.NET}} {{.Namespaces.NET}}",
    ])
    .run()
    .success()
    .stdout_is(&format!("{inode} {inode}"));
    env.rpod(["ps", "-q", "--size"])
        .run()
        .error125()
        .stderr_has("quiet conflicts with size and namespace");
    // --watch: the listing again and again, each after a cleared screen.
    let watch = env
        .rpod([
            "ps",
            "--watch",
            "1",
            "--filter",
            "name=small",
            "--format",
            "{{.Names}}",
        ])
        .start();
    eventually("a second listing", || {
        watch.stdout().matches("\x1b[2J").count() >= 2
    });
    assert!(watch.stdout().contains("small"), "{}", watch.stdout());
}

#[test]
fn stop_rm_and_restart_take_ps_filters_and_restart_a_cidfile() {
    let (env, image) = require!(setup());
    let cidfile = env.root().join("b.cid");
    let dir = cidfile.parent().expect("a parent").to_path_buf();
    env.chown_to_user(&dir);
    env.rpod(["run", "-d", "--name", "fa", "--label", "grp=a", &image])
        .args(["sleep", "600"])
        .run()
        .success();
    env.rpod(["run", "-d", "--name", "fb", "--label", "grp=b", "--cidfile"])
        .arg(&cidfile)
        .args([&image, "sleep", "600"])
        .run()
        .success();
    env.rpod(["stop", "-t", "0", "--filter", "label=grp=a"])
        .run()
        .success();
    assert_eq!(status(&env, "fa"), "exited");
    assert_eq!(status(&env, "fb"), "running");
    env.rpod(["stop", "--filter", "label=grp=b", "fb"])
        .run()
        .error125()
        .stderr_has("--filter takes no arguments");
    env.rpod(["rm", "--filter", "label=grp=a"]).run().success();
    env.rpod(["container", "exists", "fa"]).run().code(1);
    let started = |env: &Env| {
        env.rpod(["inspect", "--format", "{{.State.StartedAt}}", "fb"])
            .run()
            .success()
            .out()
            .to_string()
    };
    let before = started(&env);
    env.rpod(["restart", "-t", "0", "--cidfile"])
        .arg(&cidfile)
        .run()
        .success();
    assert_ne!(started(&env), before, "restart --cidfile started it again");
    assert_eq!(status(&env, "fb"), "running");
}

#[test]
fn wait_takes_a_polling_interval() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--name", "w3", &image, "sh", "-c", "exit 3"])
        .run()
        .code(3);
    env.rpod(["wait", "--interval", "100", "w3"])
        .run()
        .success()
        .stdout_is("3");
    env.rpod(["wait", "-i", "1s", "w3"])
        .run()
        .success()
        .stdout_is("3");
    env.rpod(["wait", "--interval", "soon", "w3"])
        .run()
        .error125()
        .stderr_has("invalid duration \"soon\"");
}

#[test]
fn hosts_file_is_the_base_of_etc_hosts() {
    let (env, image) = require!(setup());
    let base = env.write_file(
        std::path::Path::new("base-hosts"),
        "192.0.2.99 from-the-base-file\n",
    );
    env.rpod(["run", "--rm", "--hosts-file"])
        .arg(&base)
        .args([&image, "cat", "/etc/hosts"])
        .run()
        .success()
        .stdout_has("192.0.2.99\tfrom-the-base-file");
    env.rpod(["create", "--name", "hf", "--hosts-file"])
        .arg(&base)
        .args([&image, "true"])
        .run()
        .success();
    env.rpod(["inspect", "--format", "{{.HostConfig.HostsFile}}", "hf"])
        .run()
        .success()
        .stdout_is(&base.display().to_string());
    env.rpod([
        "run",
        "--rm",
        "--hosts-file",
        "relative/hosts",
        &image,
        "true",
    ])
    .run()
    .error125()
    // A relative path is the caller's (here /), made absolute.
    .stderr_has("reading --hosts-file /relative/hosts: No such file");
    // Docker's content trust: podman's no-op, accepted.
    env.rpod(["run", "--rm", "--disable-content-trust", &image, "true"])
        .run()
        .success();
}

#[test]
fn port_all_and_latest_and_start_latest() {
    let (env, image) = require!(setup());
    let out = env
        .rpod(["run", "-d", "--name", "web", "-p", "127.0.0.1::80", &image])
        .args(["sleep", "600"])
        .run();
    out.success();
    let short = out.out()[..12].to_string();
    let line = env.rpod(["port", "web"]).run().success().out().to_string();
    assert!(line.starts_with("80/tcp -> 127.0.0.1:"), "{line}");
    env.rpod(["port", "--all"])
        .run()
        .success()
        .stdout_is(&format!("{short}\t{line}"));
    // --latest: the one positional is the port.
    let host = line.rsplit(' ').next().expect("the host side").to_string();
    env.rpod(["port", "-l", "80"])
        .run()
        .success()
        .stdout_is(&host);
    // start --latest: the newest container.
    env.rpod(["create", "--name", "newest", &image, "true"])
        .run()
        .success();
    env.rpod(["start", "--attach", "--latest"]).run().success();
    assert_eq!(status(&env, "newest"), "exited");
    // --latest with a container, or with --all: podman's words.
    for args in [&["attach", "-l", "newest"][..], &["start", "-l", "newest"]] {
        env.rpod(args)
            .run()
            .error125()
            .stderr_has("--latest and containers cannot be used together");
    }
    env.rpod(["start", "--all", "--latest"])
        .run()
        .error125()
        .stderr_has("--all and --latest cannot be used together");
}

#[test]
fn pod_logs_take_since_and_until() {
    let (env, image) = require!(setup());
    env.rpod(["pod", "create", "--name", "pl"]).run().success();
    env.rpod([
        "run", "--pod", "pl", "--name", "pl-c", &image, "echo", "old",
    ])
    .run()
    .success();
    env.rpod(["pod", "logs", "--until", "1000000000", "pl"])
        .run()
        .success()
        .stdout_is("");
    let out = env
        .rpod(["pod", "logs", "--since", "1000000000", "pl"])
        .run();
    assert!(out.success().out().ends_with(" old"), "{out}");
    env.rpod(["pod", "logs", "--since", "soon", "pl"])
        .run()
        .error125()
        .stderr_has("--since");
}

#[test]
fn create_does_not_take_runs_own_flags() {
    let (env, image) = require!(setup());
    let run_help = env.rpod(["run", "--help"]).run();
    let create_help = env.rpod(["create", "--help"]).run();
    for flag in ["--rmi", "--sig-proxy", "--preserve-fds"] {
        assert!(
            run_help.success().stdout.contains(flag),
            "run --help lacks {flag}"
        );
        assert!(
            !create_help.success().stdout.contains(flag),
            "create --help shows {flag}"
        );
    }
    env.rpod(["create", "--rmi", &image, "true"])
        .run()
        .error125()
        .stderr_has("unknown flag: --rmi");
}

#[test]
fn gpus_names_the_cdi_device_rpod_cannot_give() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--rm", "--gpus", "all", &image, "true"])
        .run()
        .error125()
        .stderr_has("--gpus all: the GPU is the CDI device nvidia.com/gpu=all");
}

#[test]
fn images_history_shows_the_names_an_image_has_had() {
    let (env, image) = require!(setup());
    env.rpod(["tag", &image, "localhost/other:1"])
        .run()
        .success();
    let out = env
        .rpod([
            "images",
            "--history",
            "--filter",
            "reference=localhost/other",
        ])
        .run();
    let lines = out.success().lines();
    assert!(lines[0].ends_with("HISTORY"), "{out}");
    assert!(lines[1].contains("localhost/other:1"), "{out}");
    assert!(
        lines[1].contains(&format!(", {image}")) || lines[1].contains(&format!("{image}, ")),
        "{out}"
    );
}

#[test]
fn login_get_login_names_the_saved_user() {
    let env = require!(Env::rootless());
    // "bob:secret", as auth.json keeps it.
    let auth = env.write_file(
        std::path::Path::new("auth.json"),
        r#"{"auths":{"registry.example.test":{"auth":"Ym9iOnNlY3JldA=="}}}"#,
    );
    env.rpod(["login", "--get-login", "--authfile"])
        .arg(&auth)
        .arg("registry.example.test")
        .run()
        .success()
        .stdout_is("bob");
    env.rpod(["login", "--get-login", "--authfile"])
        .arg(&auth)
        .arg("other.example.test")
        .run()
        .error125()
        .stderr_has("not logged into other.example.test");
}

#[test]
fn wait_exit_first_match_returns_with_the_first() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-d", "--name", "slow", &image, "sleep", "600"])
        .run()
        .success();
    env.rpod(["run", "--name", "quick", &image, "sh", "-c", "exit 4"])
        .run()
        .code(4);
    env.rpod(["wait", "--exit-first-match", "slow", "quick"])
        .run()
        .success()
        .stdout_is("4");
    assert_eq!(status(&env, "slow"), "running");
}

#[test]
fn rmi_no_prune_removes_only_the_named_image() {
    let (env, image) = require!(setup());
    env.rpod(["tag", &image, "localhost/keep:1"])
        .run()
        .success();
    env.rpod(["rmi", "--no-prune", "localhost/keep:1"])
        .run()
        .success()
        .stdout_has("Untagged: localhost/keep:1");
    env.rpod(["image", "exists", "localhost/keep:1"])
        .run()
        .code(1);
    env.rpod(["image", "exists", &image]).run().success();
}

#[test]
fn ps_id_filter_is_a_prefix_in_either_case_or_a_regex() {
    let (env, image) = require!(setup());
    let out = env.rpod(["create", "--name", "idf", &image, "true"]).run();
    let id = out.success().out().to_string();
    for want in [
        id[..3].to_string(),
        id[..3].to_ascii_uppercase(),
        format!("^{}", &id[..3]),
    ] {
        env.rpod([
            "ps",
            "-a",
            "--filter",
            &format!("id={want}"),
            "--format",
            "{{.Names}}",
        ])
        .run()
        .success()
        .stdout_is("idf");
    }
    env.rpod(["ps", "-a", "--filter", &format!("id=x{}", &id[..3]), "-q"])
        .run()
        .success()
        .stdout_is("");
}

#[test]
fn logs_follow_ends_at_until_while_the_container_runs() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-d", "--name", "chatty", &image])
        .args(["sh", "-c", "while :; do echo line; sleep 0.2; done"])
        .run()
        .success();
    let out = env
        .rpod(["logs", "--until", "2s", "-f", "chatty"])
        .timeout(Duration::from_secs(60))
        .run();
    assert!(out.success().out().starts_with("line"), "{out}");
    assert_eq!(status(&env, "chatty"), "running");
    env.rpod(["rm", "-f", "-t", "0", "chatty"]).run().success();
}
