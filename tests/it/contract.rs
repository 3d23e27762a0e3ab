//! podman's command-line contract in details scripts rely on: `inspect`
//! of every object type and its lookup order, `--latest`, `top`'s format
//! descriptors and its ps(1) fallback, `--rootfs` without a command, ulimits
//! as inspect shows them; as the unprivileged user.

use crate::harness::{columns, eventually, kill_group, Env};
use crate::pull::busybox_env as setup;

#[test]
fn inspect_finds_every_object_type_in_podmans_order() {
    let (env, image) = require!(setup());
    env.rpod(["volume", "create", "vol1"]).run().success();
    env.rpod(["network", "create", "net1"]).run().success();
    env.rpod(["pod", "create", "--name", "pod1"])
        .run()
        .success();
    env.rpod(["create", "--name", "ctr1", &image, "true"])
        .run()
        .success();

    // Without --type: a volume, a network and a pod are found by name.
    let v = env.rpod(["inspect", "vol1"]).run().success().json();
    assert_eq!(v[0]["Name"], "vol1", "{v}");
    assert!(v[0]["Mountpoint"].is_string(), "{v}");
    env.rpod(["inspect", "--format", "{{.Name}} {{.Driver}}", "net1"])
        .run()
        .success()
        .stdout_is("net1 bridge");
    env.rpod(["inspect", "--format", "{{.Name}}", "pod1"])
        .run()
        .success()
        .stdout_is("pod1");
    // A container comes first: one named like the volume wins.
    env.rpod(["create", "--name", "vol1", &image, "true"])
        .run()
        .success();
    env.rpod(["inspect", "--format", "{{.Name}} {{.State.Status}}", "vol1"])
        .run()
        .success()
        .stdout_is("vol1 created");
    env.rpod([
        "inspect",
        "--type",
        "volume",
        "--format",
        "{{.Name}} {{.Driver}}",
        "vol1",
    ])
    .run()
    .success()
    .stdout_is("vol1 local");

    // --type limits the search, with podman's messages.
    env.rpod(["inspect", "--type", "container", "net1"])
        .run()
        .error125()
        .stderr_has("no such container \"net1\"");
    env.rpod(["inspect", "--type", "volume", "nosuch"])
        .run()
        .error125()
        .stderr_has("no such volume nosuch");
    env.rpod(["inspect", "--type", "pod", "nosuch"])
        .run()
        .error125()
        .stderr_has("no such pod nosuch");
    env.rpod([
        "inspect",
        "--type",
        "network",
        "--format",
        "{{.Name}}",
        "net1",
    ])
    .run()
    .success()
    .stdout_is("net1");
    env.rpod(["inspect", "--type", "bogus", "ctr1"])
        .run()
        .error125()
        .stderr_has("invalid type \"bogus\": must be");
    let out = env.rpod(["inspect", "nosuch"]).run();
    out.error125().stdout_is("[]");
    assert!(
        out.stderr.starts_with("Error: no such object: \"nosuch\""),
        "{out}"
    );
    // What was found is printed, then the first error.
    let out = env
        .rpod(["inspect", "--format", "{{.Name}}", "pod1", "nosuch", "net1"])
        .run();
    out.error125().stdout_is("pod1\nnet1");

    // --latest: the newest container, with or without `container`.
    env.rpod(["inspect", "-l", "--format", "{{.Name}}"])
        .run()
        .success()
        .stdout_is("vol1");
    env.rpod(["container", "inspect", "--latest", "--format", "{{.Name}}"])
        .run()
        .success()
        .stdout_is("vol1");
    env.rpod(["inspect", "-l", "ctr1"])
        .run()
        .error125()
        .stderr_has("--latest and arguments cannot be used together");
    env.rpod(["inspect"])
        .run()
        .error125()
        .stderr_has("no names or ids specified");
    env.rpod(["inspect", "--type", "image", "-l"])
        .run()
        .error125()
        .stderr_has("latest is not supported for type \"image\"");
}

#[test]
fn ulimits_in_inspect_are_signed_structs() {
    let (env, image) = require!(setup());
    env.rpod([
        "create",
        "--name",
        "u",
        "--ulimit",
        "core=-1",
        "--ulimit",
        "nofile=100:200",
        &image,
        "true",
    ])
    .run()
    .success();
    let out = env
        .rpod(["inspect", "--format", "{{.HostConfig.Ulimits}}", "u"])
        .run();
    out.success();
    // podman's InspectUlimit {Name Soft Hard}, int64: unlimited is -1.
    assert!(out.out().contains("{RLIMIT_CORE -1 -1}"), "{out}");
    assert!(out.out().contains("{RLIMIT_NOFILE 100 200}"), "{out}");
    let v = env.rpod(["inspect", "u"]).run().success().json();
    let core = v[0]["HostConfig"]["Ulimits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["Name"] == "RLIMIT_CORE")
        .cloned()
        .unwrap();
    assert_eq!(
        (core["Soft"].as_i64(), core["Hard"].as_i64()),
        (Some(-1), Some(-1)),
        "{v}"
    );
    env.rpod([
        "inspect",
        "--format",
        "{{range .HostConfig.Ulimits}}{{if eq .Name \"RLIMIT_NOFILE\"}}{{.Soft}}:{{.Hard}}{{end}}{{end}}",
        "u",
    ])
    .run()
    .success()
    .stdout_is("100:200");
}

#[test]
fn rootfs_without_a_command_is_127() {
    let env = require!(Env::rootless());
    let dir = env.dir.join("emptyroot");
    std::fs::create_dir_all(&dir).unwrap();
    env.chown_to_user(&dir);
    let out = env
        .rpod(["run", "--rm", "--rootfs", dir.to_str().unwrap()])
        .run();
    out.code(127);
    assert!(out.stderr.contains("not found"), "{out}");
    assert!(env.rpod(["ps", "-aq"]).run().success().out().is_empty());
}

#[test]
fn top_takes_psgo_descriptors_and_falls_back_to_ps() {
    let (env, image) = require!(setup());
    // The image has no ps: `top` reads /proc, and its ps(1) fallback is
    // the host's.
    env.rpod([
        "run",
        "-d",
        "--name",
        "t",
        &image,
        "sh",
        "-c",
        "touch /ready; exec sleep 300",
    ])
    .run()
    .success();
    eventually("the container is ready", || {
        env.rpod(["exec", "t", "test", "-e", "/ready"]).run().code == 0
    });

    let top = env.rpod(["top", "t", "pid,comm,user"]).run();
    top.success();
    let lines = top.lines();
    assert_eq!(columns(lines[0]), ["PID", "COMMAND", "USER"], "{top}");
    assert_eq!(columns(lines[1]), ["1", "sleep", "root"], "{top}");
    // Several arguments, AIX codes, and the host's view of the process.
    let top = env.rpod(["top", "t", "%p", "huser", "hpid", "args"]).run();
    top.success();
    let lines = top.lines();
    assert_eq!(
        columns(lines[0]),
        ["PID", "HUSER", "HPID", "COMMAND"],
        "{top}"
    );
    let row = columns(lines[1]);
    assert_eq!(row[0], "1", "{top}");
    let pid = env
        .rpod(["inspect", "--format", "{{.State.Pid}}", "t"])
        .run()
        .success()
        .out()
        .to_string();
    assert_eq!(row[2], pid, "{top}");
    assert_eq!(row[3..].join(" "), "sleep 300", "{top}");
    let user = crate::harness::rootless_user().unwrap();
    assert_eq!(row[1], user.name, "{top}");
    // podman's ps(1) fallback for anything else: the host's ps in the
    // container's PID namespace (one argument is split as a shell would).
    let top = env.rpod(["top", "t", "-o", "pid comm"]).run();
    top.success();
    let lines = top.lines();
    let words = |l: &str| l.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(lines[0]), ["PID", "COMMAND"], "{top}");
    assert_eq!(words(lines[1]), ["1", "sleep"], "{top}");
    // --list-descriptors lists them all.
    let list = env.rpod(["top", "--list-descriptors"]).run();
    list.success();
    for d in ["huser", "hpid", "args", "comm", "etime", "pcpu", "capeff"] {
        assert!(list.lines().contains(&d), "{d}\n{list}");
    }
    env.rpod(["rm", "-f", "-t", "0", "t"]).run().success();
}

#[test]
fn stop_after_the_monitor_died_mid_stop_says_the_exit_code_is_lost() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "slow",
        &image,
        "sh",
        "-c",
        "trap '' TERM; echo up; while :; do sleep 0.1; done",
    ])
    .run()
    .success();
    eventually("the trap to be set", || {
        env.rpod(["logs", "slow"]).run().out() == "up"
    });
    let monitor: u32 = env
        .rpod(["inspect", "--format", "{{.State.ConmonPid}}", "slow"])
        .run()
        .success()
        .out()
        .parse()
        .unwrap();
    let stop = env.rpod(["stop", "-t", "600", "slow"]).spawn();
    eventually("the stopping state", || {
        env.rpod(["inspect", "--format", "{{.State.Status}}", "slow"])
            .run()
            .out()
            == "stopping"
    });
    // The stopping rpod and the container's monitor die (as podman's test
    // kills `podman stop` and conmon).
    kill_group(stop.id());
    let _ = stop.wait_with_output();
    let _ = std::process::Command::new("kill")
        .args(["-KILL", &monitor.to_string()])
        .status();
    // Whether the monitor is gone yet or dies during this stop.
    env.rpod(["stop", "-t", "0", "slow"])
        .run()
        .error125()
        .stderr_has("conmon exited prematurely, exit code could not be retrieved");
    env.rpod(["inspect", "--format", "{{.State.Status}}", "slow"])
        .run()
        .success()
        .stdout_is("exited");
    // A second stop of the exited container is fine.
    env.rpod(["stop", "slow"]).run().success();
}

#[test]
fn wait_on_a_container_that_never_ran_returns_at_once() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "never", &image, "/no/such/command"])
        .run()
        .success();
    // podman: it never ran, its exit code is 0.
    env.rpod(["wait", "never"]).run().success().stdout_is("0");
    let start = env.rpod(["start", "never"]).run();
    assert!(start.code != 0, "{start}");
    // After a failed start it does not block either.
    let out = env.rpod(["wait", "never"]).run();
    out.success();
    assert!(!out.out().is_empty(), "{out}");
}

#[test]
fn format_values_may_begin_with_dashes() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "dash", &image, "true"])
        .run()
        .success();
    env.rpod(["ps", "-a", "--format", "--{{.Names}}--"])
        .run()
        .success()
        .stdout_is("--dash--");
    env.rpod(["inspect", "--format", "-{{.Name}}", "dash"])
        .run()
        .success()
        .stdout_is("-dash");
    env.rpod(["ps", "--format"])
        .run()
        .error125()
        .stderr_has("flag needs an argument: --format");
}

#[test]
fn run_and_create_load_docker_and_oci_archives() {
    let (env, image) = require!(setup());
    let dir = env.dir.join("archives");
    std::fs::create_dir_all(&dir).unwrap();
    env.chown_to_user(&dir);
    env.rpod([
        "run",
        "--name",
        "src",
        "--entrypoint",
        "[\"/bin/echo\",\"from-the-archive\"]",
        &image,
    ])
    .run()
    .success()
    .stdout_is("from-the-archive");
    env.rpod(["commit", "-q", "src", "archived"])
        .run()
        .success();
    let docker = dir.join("docker.tar");
    let oci = dir.join("oci.tar");
    env.rpod(["save", "-q", "-o", docker.to_str().unwrap(), "archived"])
        .run()
        .success();
    env.rpod([
        "save",
        "-q",
        "--format",
        "oci-archive",
        "-o",
        oci.to_str().unwrap(),
        "archived",
    ])
    .run()
    .success();
    env.rpod(["rm", "src"]).run().success();
    env.rpod(["rmi", "archived"]).run().success();

    let out = env
        .rpod([
            "run",
            "--rm",
            &format!("docker-archive:{}", docker.display()),
        ])
        .run();
    out.success().stdout_is("from-the-archive");
    assert!(
        out.stderr.starts_with("Getting image source signatures"),
        "{out}"
    );
    // The image stays, under its name from the archive.
    env.rpod(["image", "exists", "archived"]).run().success();
    env.rpod(["rmi", "archived"]).run().success();

    let id = env
        .rpod(["create", "-q", &format!("oci-archive:{}", oci.display())])
        .run()
        .success()
        .out()
        .to_string();
    env.rpod(["start", "-a", &id])
        .run()
        .success()
        .stdout_is("from-the-archive");
    env.rpod(["rm", &id]).run().success();
    env.rpod(["run", "--rm", "docker-archive:/no/such/archive.tar"])
        .run()
        .error125()
        .stderr_has("/no/such/archive.tar");
}

#[test]
fn module_files_are_read_after_containers_conf_and_append_lists() {
    let (env, image) = require!(setup());
    env.containers_conf("[containers]\nenv = [\"BASE=conf\"]\n");
    let abs = env.write_file(
        std::path::Path::new("mods/annot.conf"),
        "[containers]\nannotations = ['module=from-the-module']\n",
    );
    let abs = abs.to_str().unwrap();
    // Only before the verb, as podman.
    env.rpod(["create", "--module", abs, &image])
        .run()
        .error125()
        .stderr_has("unknown flag: --module");
    let id = env
        .rpod(["--module", abs, "create", "-q", &image, "true"])
        .run()
        .success()
        .out()
        .to_string();
    env.rpod([
        "container",
        "inspect",
        "--format",
        "{{index .Config.Annotations \"module\"}}",
        &id,
    ])
    .run()
    .success()
    .stdout_is("from-the-module");

    // {append=true}: this and later files add to the list.
    let one = env.write_file(
        std::path::Path::new("mods/one.conf"),
        "[containers]\nenv = [\"A=one\", {append=true}]\n",
    );
    let two = env.write_file(
        std::path::Path::new("mods/two.conf"),
        "[containers]\nenv = [\"B=two\"]\n",
    );
    let off = env.write_file(
        std::path::Path::new("mods/off.conf"),
        "[containers]\nenv = [\"B=off\", {append=false}]\n",
    );
    let m = |p: &std::path::Path| format!("--module={}", p.display());
    env.rpod([&m(&one), &m(&two), "run", "--rm", &image, "sh", "-c"])
        .arg("echo $BASE $A $B")
        .run()
        .success()
        .stdout_is("conf one two");
    env.rpod([&m(&one), &m(&off), "run", "--rm", &image, "sh", "-c"])
        .arg("echo \"$BASE|$A|$B\"")
        .run()
        .success()
        .stdout_is("||off");

    // A relative name is looked for in $XDG_CONFIG_HOME/containers/containers.conf.modules.
    env.write_file(
        &env.config
            .join("containers/containers.conf.modules/rel.conf"),
        "[containers]\nannotations = ['module=relative']\n",
    );
    let id = env
        .rpod(["--module", "rel.conf", "create", "-q", &image, "true"])
        .run()
        .success()
        .out()
        .to_string();
    env.rpod([
        "inspect",
        "--format",
        "{{index .Config.Annotations \"module\"}}",
        &id,
    ])
    .run()
    .success()
    .stdout_is("relative");

    // A missing or broken module fails any command with podman's exit 1.
    let out = env.rpod(["--module", "nosuch.conf", "no-such-verb"]).run();
    out.code(1);
    assert!(
        out.stderr.starts_with(
            "Failed to obtain podman configuration: could not resolve module \"nosuch.conf\": 3 errors occurred:"
        ),
        "{out}"
    );
    assert!(
        out.stderr.contains(&format!(
            "faccessat {}/containers/containers.conf.modules/nosuch.conf: no such file or directory",
            env.config.display()
        )),
        "{out}"
    );
    let broken = env.write_file(
        std::path::Path::new("mods/broken.conf"),
        "[containers]\nsdf=\n",
    );
    let out = env.rpod([&m(&broken), "ps"]).run();
    out.code(1);
    assert!(out.stderr.contains("reading additional config"), "{out}");
}

#[test]
fn containers_conf_log_driver_is_the_default_driver() {
    let (env, image) = require!(setup());
    env.containers_conf("[containers]\nlog_driver = \"none\"\n");
    env.rpod(["create", "--name", "quiet", &image, "true"])
        .run()
        .success();
    env.rpod([
        "inspect",
        "--format",
        "{{.HostConfig.LogConfig.Type}}",
        "quiet",
    ])
    .run()
    .success()
    .stdout_is("none");
    // `info` reports the configured driver, as podman.
    env.rpod(["info", "--format", "{{.Host.LogDriver}}"])
        .run()
        .success()
        .stdout_is("none");
    env.rpod([
        "create",
        "--name",
        "loud",
        "--log-driver",
        "k8s-file",
        &image,
        "true",
    ])
    .run()
    .success();
    env.rpod([
        "inspect",
        "--format",
        "{{.HostConfig.LogConfig.Type}}",
        "loud",
    ])
    .run()
    .success()
    .stdout_is("k8s-file");
    env.containers_conf("[containers]\nlog_driver = \"journald\"\n");
    env.rpod(["create", &image, "true"])
        .run()
        .error125()
        .stderr_has("log_driver = \"journald\"");
    env.rpod([
        "create",
        "--name",
        "given",
        "--log-driver",
        "json-file",
        &image,
        "true",
    ])
    .run()
    .success();
}

#[test]
fn etc_mtab_links_to_proc_mounts_when_the_image_has_none() {
    let (env, image) = require!(setup());
    // The fixture image has no /etc/mtab.
    env.rpod(["run", "--name", "m", &image, "readlink", "/etc/mtab"])
        .run()
        .success()
        .stdout_is("/proc/mounts");
    env.rpod(["run", "--rm", &image, "sh", "-c", "grep -c ' / ' /etc/mtab"])
        .run()
        .success();
    // Not a change of the container's as `diff` shows them (podman's list).
    let diff = env.rpod(["diff", "m"]).run();
    diff.success();
    assert!(!diff.out().contains("/etc/mtab"), "{diff}");
    // A read-only root keeps what it has; the container still starts.
    env.rpod(["run", "--rm", "--read-only", &image, "true"])
        .run()
        .success();
    // It is the container's to replace.
    env.rpod(["run", "--rm", &image, "sh", "-c"])
        .arg("rm /etc/mtab && echo mine > /etc/mtab && cat /etc/mtab")
        .run()
        .success()
        .stdout_is("mine");
}

#[test]
fn start_exits_125_where_run_exits_127_and_an_empty_name_is_none() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "nocmd", &image, "/no/such/command"])
        .run()
        .success();
    env.rpod(["start", "nocmd"])
        .run()
        .error125()
        .stderr_has("/no/such/command");
    env.rpod(["run", "--rm", &image, "/no/such/command"])
        .run()
        .code(127);
    let id = env
        .rpod(["create", "--name=", &image, "true"])
        .run()
        .success()
        .out()
        .to_string();
    let name = env
        .rpod(["inspect", "--format", "{{.Name}}", &id])
        .run()
        .success()
        .out()
        .to_string();
    assert!(
        !name.is_empty() && name.contains('_'),
        "a generated name: {name}"
    );
}

#[test]
fn container_image_digest_is_one_of_the_images_repo_digests() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "d", &image, "true"])
        .run()
        .success();
    let digest = env
        .rpod(["container", "inspect", "--format", "{{.ImageDigest}}", "d"])
        .run()
        .success()
        .out()
        .to_string();
    assert!(digest.starts_with("sha256:"), "{digest}");
    let repo_digests = env
        .rpod([
            "image",
            "inspect",
            "--format",
            "{{json .RepoDigests}}",
            &image,
        ])
        .run()
        .success()
        .json();
    let found = repo_digests
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r.as_str().unwrap().ends_with(&format!("@{digest}")));
    assert!(found, "{digest} not in {repo_digests}");
}

#[test]
fn read_only_without_tmpfs_leaves_nothing_writable() {
    let (env, image) = require!(setup());
    env.containers_conf("[containers]\nread_only = true\n");
    let files = ["/tmp/a", "/var/tmp/b", "/dev/c", "/dev/shm/d", "/run/e"];
    let touch = |extra: &[&str]| {
        let mut c = env.rpod(["run", "--rm"]);
        c.args(extra).arg(&image).arg("sh").arg("-c").arg(format!(
            "mkdir -p /var/tmp /run 2>/dev/null; for f in {}; do touch $f || exit 1; done",
            files.join(" ")
        ));
        c.run()
    };
    // containers.conf read_only: the root is read-only, its tmpfs writable.
    env.rpod(["run", "--rm", &image, "touch", "/testro"])
        .run()
        .code(1);
    touch(&[]).success();
    touch(&["--read-only=false"]).success();
    // Without the tmpfs, nothing is writable (/dev and /dev/shm too).
    let out = env
        .rpod(["run", "--rm", "--read-only-tmpfs=false", &image, "sh", "-c"])
        .arg(format!(
            "for f in {}; do touch $f 2>/dev/null && echo writable: $f; done; true",
            files.join(" ")
        ))
        .run();
    out.success().stdout_is("");
}

#[test]
fn default_limits_come_at_start_from_the_starting_process() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "lim", &image, "sleep", "300"])
        .run()
        .success();
    // As podman: nothing before the first start.
    let v = env.rpod(["inspect", "lim"]).run().success().json();
    assert_eq!(v[0]["HostConfig"]["Ulimits"], serde_json::json!([]), "{v}");
    env.rpod(["start", "lim"]).run().success();
    let nproc_hard = env
        .cmd("bash")
        .args(["-c", "ulimit -Hu"])
        .run()
        .success()
        .out()
        .to_string();
    let limit = |name: &str| {
        env.rpod([
            "inspect",
            "--format",
            &format!(
                "{{{{range .HostConfig.Ulimits}}}}{{{{if eq .Name \"{name}\"}}}}{{{{.Hard}}}}{{{{end}}}}{{{{end}}}}"
            ),
            "lim",
        ])
        .run()
        .success()
        .out()
        .to_string()
    };
    let want = if nproc_hard == "unlimited" {
        "1048576".to_string()
    } else {
        nproc_hard
            .parse::<u64>()
            .unwrap()
            .min(1_048_576)
            .to_string()
    };
    assert_eq!(limit("RLIMIT_NPROC"), want);
    assert!(!limit("RLIMIT_NOFILE").is_empty());
    // The container's processes have them too.
    let limits = env
        .rpod(["exec", "lim", "cat", "/proc/self/limits"])
        .run()
        .success()
        .out()
        .to_string();
    let processes = limits
        .lines()
        .find(|l| l.starts_with("Max processes"))
        .unwrap_or_default()
        .split_whitespace()
        .nth(3)
        .unwrap_or_default()
        .to_string();
    assert_eq!(processes, want, "{limits}");
    // A limit given by update is the container's own from then on.
    env.rpod(["update", "--ulimit", "nproc=100:200", "lim"])
        .run()
        .success();
    env.rpod(["restart", "-t", "0", "lim"]).run().success();
    assert_eq!(limit("RLIMIT_NPROC"), "200");
    env.rpod(["rm", "-f", "-t", "0", "lim"]).run().success();
}

#[test]
fn a_taken_name_is_podmans_storage_error_and_pod_new_is_undone() {
    let (env, image) = require!(setup());
    let id = env
        .rpod(["create", "-q", "--name", "taken", &image, "true"])
        .run()
        .success()
        .out()
        .to_string();
    let out = env
        .rpod([
            "run",
            "--rm",
            "--pod",
            "new:fresh",
            "--name",
            "taken",
            &image,
            "true",
        ])
        .run();
    out.code(125);
    assert!(
        out.stderr.contains(&format!(
            "Error: creating container storage: the container name \"taken\" is already in use by {id}. You have to remove that container to be able to reuse that name: that name is already in use, or use --replace to instruct Podman to do so."
        )),
        "{out}"
    );
    // The pod made for the container goes with it.
    env.rpod(["pod", "exists", "fresh"]).run().code(1);
}

#[test]
fn keep_id_passwd_entry_is_podmans_and_the_file_stays_writable() {
    let (env, image) = require!(setup());
    let name = &env.user.as_ref().expect("rootless").name;
    let line = std::process::Command::new("getent")
        .args(["passwd", name])
        .output()
        .unwrap()
        .stdout;
    let line = String::from_utf8(line).unwrap();
    let f: Vec<&str> = line.trim_end().split(':').collect();
    let (uid, gid) = (f[2], f[3]);
    let gecos = f[4].split(',').next().unwrap_or_default();
    // podman's userPasswdEntry: the host's gecos and passwd gid, the
    // working directory as home.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--userns=keep-id",
            &image,
            "busybox",
            "tail",
            "-1",
            "/etc/passwd",
        ])
        .run()
        .success()
        .out()
        .to_string();
    assert_eq!(out, format!("{name}:*:{uid}:{gid}:{gecos}:/:/bin/sh"));
    // Read-only, the entry is in a bind-mounted copy.
    env.rpod([
        "run",
        "--rm",
        "--read-only",
        "--userns=keep-id",
        &image,
        "busybox",
        "tail",
        "-1",
        "/etc/passwd",
    ])
    .run()
    .success()
    .stdout_is(&format!("{name}:*:{uid}:{gid}:{gecos}:/:/bin/sh"));
    // A tool that rewrites the file (write and rename) can: it is the
    // container's own, not a bind mount.
    let id = env
        .rpod([
            "run",
            "-d",
            "--userns=keep-id",
            "--cap-add=dac_override",
            &image,
            "sleep",
            "600",
        ])
        .run()
        .success()
        .out()
        .to_string();
    env.rpod([
        "exec",
        "--user",
        "root",
        &id,
        "busybox",
        "sed",
        "-i",
        "$a newuser:x:4242:4242:New User:/home/newuser:/bin/sh",
        "/etc/passwd",
    ])
    .run()
    .success();
    env.rpod(["exec", &id, "busybox", "tail", "-1", "/etc/passwd"])
        .run()
        .success()
        .stdout_is("newuser:x:4242:4242:New User:/home/newuser:/bin/sh");
    env.rpod(["rm", "-f", "-t0", &id]).run().success();
}

#[test]
fn the_image_roots_mode_is_the_containers_root_mode() {
    use crate::fixtures::{Kind, Tar, BUSYBOX};
    let (env, image) = require!(setup());
    // The fixture layer has no `./` entry: the usual 0755.
    env.rpod(["run", "--rm", &image, "stat", "-c", "%a", "/"])
        .run()
        .success()
        .stdout_is("755");
    // An image whose root is 0555 (as podman's test image): kept, also
    // with keep-id, whose passwd entry rpod writes into the root first.
    let mut t = Tar::new();
    t.entry("./", Kind::Dir, 0o555, 0, 0);
    t.dir("bin/").dir("etc/");
    t.file("bin/busybox", &std::fs::read(BUSYBOX).unwrap(), 0o755);
    t.symlink("bin/stat", "busybox");
    t.file("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n", 0o644);
    let tar = env.dir.join("ro-root.tar");
    std::fs::write(&tar, t.finish()).unwrap();
    env.chown_to_user(&tar);
    env.rpod(["import", "-q"])
        .arg(&tar)
        .arg("rorooted:1")
        .run()
        .success();
    for extra in [&[][..], &["--userns=keep-id"][..]] {
        env.rpod(["run", "--rm"])
            .args(extra)
            .args(["rorooted:1", "stat", "-c", "%a", "/"])
            .run()
            .success()
            .stdout_is("555");
    }
}

#[test]
fn containers_conf_env_host_and_privileged_are_defaults() {
    let (env, image) = require!(setup());
    let caps = |env: &Env, id: &str| {
        env.rpod(["exec", id, "grep", "CapBnd", "/proc/self/status"])
            .run()
            .success()
            .out()
            .to_string()
    };
    // Before: neither.
    let plain = env
        .rpod(["run", "-d", &image, "sleep", "600"])
        .run()
        .success()
        .out()
        .to_string();
    let plain_caps = caps(&env, &plain);
    env.containers_conf("[containers]\nenv_host = true\nprivileged = true\n");
    let id = env
        .rpod(["run", "-d", &image, "sleep", "600"])
        .env("RPOD_IT_FROM_HOST", "passed-in")
        .run()
        .success()
        .out()
        .to_string();
    env.rpod([
        "inspect",
        "--format",
        "[{{.HostConfig.Privileged}}][{{range .Config.Env}}{{if eq . \"RPOD_IT_FROM_HOST=passed-in\"}}{{.}}{{end}}{{end}}]",
        &id,
    ])
    .run()
    .success()
    .stdout_is("[true][RPOD_IT_FROM_HOST=passed-in]");
    // Exec sessions get the container's environment, and are privileged.
    env.rpod(["exec", &id, "sh", "-c", "echo $RPOD_IT_FROM_HOST"])
        .run()
        .success()
        .stdout_is("passed-in");
    assert_ne!(caps(&env, &plain), plain_caps);
    // Explicitly off wins over containers.conf.
    env.rpod([
        "exec",
        "--privileged=false",
        &plain,
        "grep",
        "CapBnd",
        "/proc/self/status",
    ])
    .run()
    .success()
    .stdout_is(&plain_caps);
    let off = env
        .rpod([
            "create",
            "--privileged=false",
            "--env-host=false",
            &image,
            "true",
        ])
        .env("RPOD_IT_FROM_HOST", "passed-in")
        .run()
        .success()
        .out()
        .to_string();
    env.rpod([
        "inspect",
        "--format",
        "[{{.HostConfig.Privileged}}][{{range .Config.Env}}{{if eq . \"RPOD_IT_FROM_HOST=passed-in\"}}{{.}}{{end}}{{end}}]",
        &off,
    ])
    .run()
    .success()
    .stdout_is("[false][]");
    // -e still wins over the host's value.
    env.rpod([
        "run",
        "--rm",
        "-e",
        "RPOD_IT_FROM_HOST=given",
        &image,
        "sh",
        "-c",
        "echo $RPOD_IT_FROM_HOST",
    ])
    .env("RPOD_IT_FROM_HOST", "passed-in")
    .run()
    .success()
    .stdout_is("given");
    env.rpod(["rm", "-f", "-t0", &id, &plain]).run().success();
}

/// `container cleanup`: podman's option conflicts in its words; a stopped
/// container is cleaned (and removed with `--rm`), a running one refused.
#[test]
fn container_cleanup_as_podman() {
    let (env, image) = require!(setup());
    for (args, want) in [
        (
            &["--all", "--exec=foo"][..],
            "--all and --exec cannot be set together",
        ),
        (
            &["--exec=foo", "--all"],
            "--all and --exec cannot be set together",
        ),
        (
            &["--exec=foo", "--rmi", "foo"],
            "--exec and --rmi cannot be set together",
        ),
        (
            &["--rmi", "--exec=foo", "foo"],
            "--exec and --rmi cannot be set together",
        ),
        (&[], "you must provide at least one name or id"),
    ] {
        let mut a = vec!["container", "cleanup"];
        a.extend_from_slice(args);
        env.rpod(&a)
            .run()
            .code(125)
            .stderr_is(&format!("Error: {want}"));
    }
    env.rpod(["create", "--name", "done", &image, "true"])
        .run()
        .success();
    env.rpod(["container", "cleanup", "done"])
        .run()
        .success()
        .stdout_is("done");
    env.rpod(["container", "exists", "done"]).run().success();
    env.rpod(["container", "cleanup", "--rm", "done"])
        .run()
        .success()
        .stdout_is("done");
    env.rpod(["container", "exists", "done"]).run().code(1);
    env.rpod(["run", "-d", "--name", "up", &image, "sleep", "60"])
        .run()
        .success();
    env.rpod(["container", "cleanup", "up"])
        .run()
        .code(125)
        .stderr_has("is running or paused, refusing to clean up: container state improper");
    env.rpod(["container", "cleanup", "--stopped-only", "up"])
        .run()
        .success();
    env.rpod(["rm", "-f", "-t0", "up"]).run().success();
}

/// `-e PREFIX*` and an `--env-file` line `PREFIX*` pass every host variable
/// with that prefix (case matters; a `*` elsewhere is a literal name);
/// `exec --env-file` reads files as `run` does, and `-e` wins over them.
#[test]
fn env_globs_and_exec_env_file_as_podman() {
    let (env, image) = require!(setup());
    let file = env.write_file(
        std::path::Path::new("globs.env"),
        "RPODGLOB*\nNOT*THERE\nFILEVAR=from-file\n",
    );
    let file = file.display().to_string();
    let show = "env | grep -i -e '^rpodglob' -e '^FILEVAR=' -e 'THERE' | sort";
    let with_host = |c: &mut crate::harness::Cmd| {
        c.env("RPODGLOB", "0")
            .env("RPODGLOB_A", "a")
            .env("RPODGLOBX", "x")
            .env("rpodglob_lower", "no")
            .env("NOTXTHERE", "no");
    };
    for flags in [
        vec![
            "-e",
            "RPODGLOB*",
            "-e",
            "NOT*THERE",
            "-e",
            "FILEVAR=from-file",
        ],
        vec!["--env-file", file.as_str()],
    ] {
        let mut args = vec!["run", "--rm"];
        args.extend(flags);
        args.extend([image.as_str(), "sh", "-c", show]);
        let mut cmd = env.rpod(&args);
        with_host(&mut cmd);
        cmd.run()
            .success()
            .stdout_is("FILEVAR=from-file\nRPODGLOB=0\nRPODGLOBX=x\nRPODGLOB_A=a");
    }
    let id = env
        .rpod(["run", "-d", &image, "sleep", "600"])
        .run()
        .success()
        .out()
        .to_string();
    let mut cmd = env.rpod([
        "exec",
        "--env-file",
        &file,
        "-e",
        "FILEVAR=from-flag",
        &id,
        "sh",
        "-c",
        show,
    ]);
    with_host(&mut cmd);
    cmd.run()
        .success()
        .stdout_is("FILEVAR=from-flag\nRPODGLOB=0\nRPODGLOBX=x\nRPODGLOB_A=a");
    env.rpod(["rm", "-f", "-t0", &id]).run().success();
}

/// `ps --filter` as podman combines them: values of one key are
/// alternatives, different keys all hold; `label!`, `before`, `since` and
/// `command` (a regex on the command's first word).
#[test]
fn ps_filters_combine_as_podman() {
    let (env, image) = require!(setup());
    for (name, label, cmd) in [
        ("f1", "tier=web", "true"),
        ("f2", "tier=db", "echo"),
        ("f3", "tier=web", "sh"),
    ] {
        env.rpod(["create", "--name", name, "--label", label, &image, cmd])
            .run()
            .success();
    }
    let names = |filters: &[&str]| {
        let mut args = vec!["ps", "-a", "--format", "{{.Names}}", "--sort", "names"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        let out = env.rpod(&args).run();
        out.success();
        out.lines().join(",")
    };
    assert_eq!(names(&["name=f1", "name=f2"]), "f1,f2");
    assert_eq!(names(&["label=tier=web", "name=f3"]), "f3");
    assert_eq!(names(&["label=tier=web", "label=tier=db"]), "");
    assert_eq!(names(&["label!=tier=web"]), "f2");
    assert_eq!(names(&["before=f2"]), "f1");
    assert_eq!(names(&["since=f2"]), "f3");
    assert_eq!(names(&["command=ech"]), "f2");
    assert_eq!(names(&["command=^(true|sh)$"]), "f1,f3");
    env.rpod(["ps", "--filter", "bogus=1"])
        .run()
        .code(125)
        .stderr_has("unsupported filter");
}

/// `ps --filter network=` (a network by name or ID: the containers on
/// it; one that does not exist matches nothing; `container:NAME` the
/// containers sharing NAME's network) and `until=` (created before a
/// time; exactly one), as podman's.
#[test]
fn ps_filters_network_and_until() {
    let (env, image) = require!(setup());
    env.rpod(["network", "create", "fnet"]).run().success();
    let net_id = env
        .rpod(["network", "inspect", "--format", "{{.ID}}", "fnet"])
        .run()
        .success()
        .out()
        .to_string();
    for args in [
        vec!["--name", "n1", "--network", "fnet"],
        vec!["--name", "n2", "--network", "none"],
        vec!["--name", "n3", "--network", "container:n1"],
    ] {
        env.rpod(["create"]).args(args).arg(&image).run().success();
    }
    let names = |filters: &[&str]| {
        let mut args = vec!["ps", "-a", "--format", "{{.Names}}", "--sort", "names"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        let out = env.rpod(&args).run();
        out.success();
        out.lines().join(",")
    };
    assert_eq!(names(&["network=fnet"]), "n1");
    assert_eq!(names(&[&format!("network={net_id}")]), "n1");
    assert_eq!(names(&["network=nosuchnet"]), "");
    assert_eq!(names(&["network=nosuchnet", "network=fnet"]), "n1");
    assert_eq!(names(&["network=container:n1"]), "n3");
    assert_eq!(names(&["until=2099-01-01"]), "n1,n2,n3");
    assert_eq!(names(&["until=2000-01-01T00:00:00Z"]), "");
    assert_eq!(names(&["until=1h"]), "");
    assert_eq!(names(&["until=2099-01-01", "name=n2"]), "n2");
    env.rpod(["ps", "-a", "--filter", "until=1h", "--filter", "until=2h"])
        .run()
        .code(125)
        .stderr_has("specify exactly one timestamp for until");
}

/// A member of a pod with an infra container lives in the pod's user
/// namespace: `--uidmap` or a `--userns` that makes its own is refused
/// with podman's message; without infra, or `--userns=host`, it is not.
#[test]
fn pod_members_take_the_pods_user_namespace() {
    let (env, image) = require!(setup());
    env.rpod(["pod", "create", "--name", "up"]).run().success();
    env.rpod(["pod", "create", "--infra=false", "--name", "noinfra"])
        .run()
        .success();
    for flag in ["--uidmap=0:1000:1000", "--userns=keep-id"] {
        env.rpod(["run", "--pod", "up", flag, &image, "true"])
            .run()
            .code(125)
            .stderr_is(
                "Error: cannot set user namespace mode when joining pod with infra container: invalid argument",
            );
    }
    env.rpod(["create", "--pod", "up", "--userns=host", &image, "true"])
        .run()
        .success();
    env.rpod([
        "create",
        "--pod",
        "noinfra",
        "--uidmap=0:1:1000",
        &image,
        "true",
    ])
    .run()
    .success();
    // Nothing was left by the refusals.
    let out = env
        .rpod(["ps", "-a", "--filter", "pod=up", "--format", "{{.Names}}"])
        .run();
    assert_eq!(out.success().lines().len(), 1, "{out}");
}
