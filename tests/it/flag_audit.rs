//! podman 5 flags rpod took on in the issue 17 audit (second part): run
//! and create (`--seccomp-policy`, `--cgroup-conf`, `--rdt-class`,
//! `--init-ctr`), prune filters, `volume create --uid/--gid`,
//! `pod logs|top|stats --latest`, `login`/`logout` files, `completion`
//! files, `generate systemd --format`; as the unprivileged user, with the
//! effect checked and podman's refusals where a flag cannot apply.

use std::path::Path;

use base64::Engine as _;

use crate::harness::Env;
use crate::pull::busybox_env as setup;
use crate::registry::{self, PASSWORD, USER};

/// A profile that answers `mkdir` with EPERM and allows the rest.
const DENY_MKDIR: &str = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":1}]}"#;

/// Whether the host's cgroups are v2 only (else v1 or hybrid, as here).
fn cgroup_v2() -> bool {
    Path::new("/sys/fs/cgroup/cgroup.controllers").exists()
}

/// Builds `name` from `image` with the extra Containerfile `lines`.
fn build(env: &Env, image: &str, name: &str, lines: &str) {
    let ctx = env.dir.join(format!("ctx-{name}"));
    env.write_file(
        &ctx.join("Containerfile"),
        &format!("FROM {image}\n{lines}\n"),
    );
    env.rpod(["build", "-q", "-t", name])
        .arg(&ctx)
        .run()
        .success();
}

#[test]
fn seccomp_policy_image_applies_the_profile_in_the_image_label() {
    let (env, image) = require!(setup());
    build(
        &env,
        &image,
        "sec",
        &format!("LABEL io.containers.seccomp.profile='{DENY_MKDIR}'"),
    );
    // The label alone changes nothing: the default policy ignores it.
    env.rpod(["run", "--rm", "sec", "mkdir", "/tmp/a"])
        .run()
        .success();
    env.rpod([
        "run",
        "--rm",
        "--seccomp-policy=image",
        "sec",
        "mkdir",
        "/tmp/a",
    ])
    .run()
    .code(1)
    .stderr_has("Operation not permitted");
    // seccomp=unconfined still wins, as podman's.
    env.rpod([
        "run",
        "--rm",
        "--seccomp-policy=image",
        "--security-opt",
        "seccomp=unconfined",
        "sec",
        "mkdir",
        "/tmp/a",
    ])
    .run()
    .success();
}

#[test]
fn seccomp_policy_image_refuses_an_image_without_a_profile_and_unknown_policies() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--seccomp-policy=image", &image, "true"])
        .run()
        .error125()
        .stderr_has("no seccomp policy defined by image");
    env.rpod(["create", "--seccomp-policy=bogus", &image, "true"])
        .run()
        .error125()
        .stderr_has(r#"invalid seccomp policy "bogus": valid policies are ["default" "image"]"#);
    assert_eq!(env.rpod(["ps", "-aq"]).run().out(), "");
}

#[test]
fn cgroup_conf_needs_key_value_and_cgroup_v2() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--cgroup-conf", "memory.high", &image, "true"])
        .run()
        .error125()
        .stderr_has("--cgroup-conf must be formatted KEY=VALUE");
    env.rpod(["create", "--cgroup-conf", "../x=1", &image, "true"])
        .run()
        .error125()
        .stderr_has("KEY must be a cgroup v2 file name");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--cgroup-conf",
            "memory.high=67108864",
            &image,
            "cat",
            "/sys/fs/cgroup/memory.high",
        ])
        .run();
    if cgroup_v2() {
        // Rootless v2 needs a delegated cgroup; without one it is ignored
        // with a warning, with one the file holds the value.
        assert!(
            out.stdout.contains("67108864") || out.stderr.contains("Resource limits are ignored"),
            "{out}"
        );
    } else {
        // podman, rootless on cgroup v1: every limit dropped, with its warning.
        out.stderr_has(
            "Resource limits are not supported and ignored on cgroups V1 rootless systems",
        );
    }
}

#[test]
fn cgroup_conf_as_root_on_cgroup_v1_is_podmans_refusal() {
    if cgroup_v2() {
        return;
    }
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    crate::pull::pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.rpod([
        "create",
        "--cgroup-conf",
        "memory.high=67108864",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("cannot use --cgroup-conf without cgroup v2");
    assert_eq!(env.rpod(["ps", "-aq"]).run().out(), "");
}

#[test]
fn rdt_class_needs_resctrl_and_names_one_class() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--rdt-class", "../x", &image, "true"])
        .run()
        .error125()
        .stderr_has("--rdt-class ../x: use the name of a class of service");
    if Path::new("/sys/fs/resctrl/tasks").exists() {
        return;
    }
    // Created (as podman's), refused when it starts: crun's message.
    let out = env
        .rpod(["run", "--rm", "--rdt-class", "cos1", &image, "true"])
        .run();
    out.error125().stderr_has("statfs `/sys/fs/resctrl`");
}

#[test]
fn container_prune_filter_removes_only_the_matching_containers() {
    let (env, image) = require!(setup());
    for (name, label) in [("a", "keep=no"), ("b", "keep=yes")] {
        env.rpod(["create", "--name", name, "--label", label, &image, "true"])
            .run()
            .success();
    }
    let a = env
        .rpod(["inspect", "-f", "{{.Id}}", "a"])
        .run()
        .out()
        .to_string();
    env.rpod(["container", "prune", "-f", "--filter", "label=keep=no"])
        .run()
        .success()
        .stdout_is(&a);
    assert_eq!(
        env.rpod(["ps", "-a", "--format", "{{.Names}}"]).run().out(),
        "b"
    );
    env.rpod(["container", "prune", "-f", "--filter", "nope=1"])
        .run()
        .error125()
        .stderr_has("nope is an invalid filter");
}

#[test]
fn image_prune_filter_and_build_cache() {
    let (env, image) = require!(setup());
    build(&env, &image, "labelled", "LABEL tier=scratch");
    build(&env, &image, "plain", "ENV X=1");
    // RUN --mount=type=cache leaves a cache directory behind.
    build(
        &env,
        &image,
        "cached",
        "RUN --mount=type=cache,target=/cache touch /cache/stamp",
    );
    let cache = env.root().join("build-cache/mounts");
    assert!(
        cache.exists(),
        "no cache-mount directory at {}",
        cache.display()
    );
    env.rpod([
        "image",
        "prune",
        "-a",
        "-f",
        "--filter",
        "label=tier=scratch",
    ])
    .run()
    .success();
    let left = env
        .rpod(["images", "--format", "{{.Repository}}"])
        .run()
        .out()
        .to_string();
    assert!(!left.contains("labelled"), "{left}");
    assert!(left.contains("plain") && left.contains("cached"), "{left}");
    env.rpod(["image", "prune", "-f", "--build-cache"])
        .run()
        .success();
    assert!(!cache.exists(), "--build-cache left {}", cache.display());
    env.rpod(["image", "prune", "-f", "--external"])
        .run()
        .success();
    assert!(env
        .rpod(["images", "--format", "{{.Repository}}"])
        .run()
        .out()
        .contains("plain"));
}

#[test]
fn volume_create_uid_gid_own_the_volume_as_the_container_sees_it() {
    let (env, image) = require!(setup());
    env.rpod(["volume", "create", "--uid", "1234", "--gid", "5678", "v"])
        .run()
        .success();
    env.rpod([
        "run", "--rm", "-v", "v:/data", &image, "stat", "-c", "%u:%g", "/data",
    ])
    .run()
    .success()
    .stdout_is("1234:5678");
    // inspect's UID and GID, as podman's.
    env.rpod(["volume", "inspect", "--format", "{{.UID}}:{{.GID}}", "v"])
        .run()
        .success()
        .stdout_is("1234:5678\n");
    let out = env.rpod(["volume", "inspect", "v"]).run();
    out.success();
    let v: serde_json::Value = serde_json::from_str(out.out()).unwrap();
    assert_eq!(v[0]["UID"], 1234, "{out}");
    assert_eq!(v[0]["GID"], 5678, "{out}");
}

#[test]
fn pod_logs_top_stats_take_latest() {
    let (env, image) = require!(setup());
    env.rpod(["pod", "create", "--name", "old"]).run().success();
    env.rpod(["pod", "create", "--name", "new"]).run().success();
    env.rpod(["run", "-d", "--pod", "new", "--name", "w", &image])
        .args(["sh", "-c", "echo hello-latest; exec sleep 600"])
        .run()
        .success();
    crate::harness::eventually("the pod's log line", || {
        env.rpod(["pod", "logs", "--latest"])
            .run()
            .stdout
            .contains("hello-latest")
    });
    env.rpod(["pod", "top", "--latest"])
        .run()
        .success()
        .stdout_has("sleep 600");
    env.rpod(["pod", "logs", "--latest", "new"])
        .run()
        .error125()
        .stderr_has("--latest and pods cannot be used together");
    env.rpod(["pod", "stats", "--latest", "new"])
        .run()
        .error125()
        .stderr_has("--all, --latest and arguments cannot be used together");
    env.rpod(["pod", "top"])
        .run()
        .error125()
        .stderr_has("you must provide the name or id of a running pod");
    env.rpod(["pod", "rm", "-f", "-t", "0", "new", "old"])
        .run()
        .success();
}

#[test]
fn mount_no_trunc_and_its_old_spelling_print_full_ids() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "c", &image, "true"])
        .run()
        .success();
    let id = env
        .rpod(["inspect", "-f", "{{.Id}}", "c"])
        .run()
        .out()
        .to_string();
    let script = format!(
        "{m} >/dev/null && {l1} && {l2} && {l3}",
        m = env.rpod_line("mount c"),
        l1 = env.rpod_line("mount --no-trunc"),
        l2 = env.rpod_line("mount --notruncate"),
        l3 = env.rpod_line("umount c"),
    );
    let out = env.rpod(["unshare", "sh", "-c", &script]).run();
    out.success();
    let full = out
        .lines()
        .iter()
        .filter(|l| l.starts_with(&format!("{id} ")))
        .count();
    assert_eq!(full, 2, "{out}");
}

#[test]
fn ps_takes_storage_for_external() {
    let (env, _image) = require!(setup());
    env.rpod(["ps", "-a", "--storage"]).run().success();
}

#[test]
fn completion_writes_a_file_and_leaves_out_descriptions() {
    let env = require!(Env::rootless());
    let with = env.rpod(["completion", "zsh"]).run();
    with.success();
    assert!(with.stdout.contains(" __complete \""), "{with}");
    let without = env.rpod(["completion", "zsh", "--no-desc"]).run();
    without.success().stdout_has(" __completeNoDesc \"");
    let fish = env.rpod(["completion", "fish", "--no-desc"]).run();
    fish.success().stdout_has(" __completeNoDesc $");
    let file = env.dir.join("out/_rpod");
    env.write_file(&file, "");
    env.rpod(["completion", "zsh", "-f"])
        .arg(&file)
        .run()
        .success()
        .stdout_is("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), with.stdout);
}

#[test]
fn login_writes_a_docker_compatible_file_and_keeps_its_other_keys() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    let compat = env.write_file(
        Path::new("docker/config.json"),
        r#"{"HttpHeaders":{"User-Agent":"kept"}}"#,
    );
    let out = env
        .rpod([
            "login",
            "-v",
            "-u",
            USER,
            "--password-stdin",
            "--tls-verify=false",
            "--compat-auth-file",
        ])
        .arg(&compat)
        .arg(shared.addr())
        .stdin(format!("{PASSWORD}\n"))
        .run();
    out.success();
    assert_eq!(
        out.out(),
        format!("Used:  {}\nLogin Succeeded!", compat.display()),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&compat).unwrap()).unwrap();
    let want = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    assert_eq!(v["auths"][shared.addr()]["auth"], want.as_str(), "{v:#}");
    assert_eq!(v["HttpHeaders"]["User-Agent"], "kept", "{v:#}");
    assert!(!env.runtime.join("containers/auth.json").exists());
    env.rpod(["logout", "--compat-auth-file"])
        .arg(&compat)
        .arg(shared.addr())
        .run()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&compat).unwrap()).unwrap();
    assert!(v["auths"].get(shared.addr()).is_none(), "{v:#}");
}

#[test]
fn login_refuses_both_files_and_logout_a_missing_compat_file() {
    let env = require!(Env::rootless());
    env.rpod([
        "login",
        "--authfile",
        "/tmp/a.json",
        "--compat-auth-file",
        "/tmp/b.json",
        "-u",
        "u",
        "-p",
        "p",
        "localhost:1",
    ])
    .run()
    .error125()
    .stderr_has("options for paths to the credential file and to the Docker-compatible credential file can not be set simultaneously");
    env.rpod([
        "logout",
        "--compat-auth-file",
        "/nonexistent/config.json",
        "localhost:1",
    ])
    .run()
    .error125()
    .stderr_has("credential file is not accessible");
}

#[test]
fn login_takes_the_password_from_a_secret() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    env.rpod(["secret", "create", "regpw", "-"])
        .stdin(PASSWORD)
        .run()
        .success();
    env.rpod(["login", "--secret", "regpw", "-p", "x", shared.addr()])
        .run()
        .error125()
        .stderr_has("--secret can not be used with --password options");
    env.rpod([
        "login",
        "--secret",
        "regpw",
        "-u",
        USER,
        "--tls-verify=false",
        shared.addr(),
    ])
    .run()
    .success()
    .stdout_is("Login Succeeded!");
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.runtime.join("containers/auth.json")).unwrap())
            .unwrap();
    let want = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    assert_eq!(v["auths"][shared.addr()]["auth"], want.as_str(), "{v:#}");
}

#[test]
fn generate_systemd_format_json_maps_unit_names_to_units() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "web", &image, "sleep", "60"])
        .run()
        .success();
    let out = env
        .rpod(["generate", "systemd", "--name", "--format", "json", "web"])
        .run();
    out.success();
    let v = out.json();
    let unit = v["container-web"]
        .as_str()
        .unwrap_or_else(|| panic!("{out}"));
    assert!(unit.contains("[Service]"), "{unit}");
    assert_eq!(v.as_object().map(|o| o.len()), Some(1), "{v:#}");
    env.rpod(["generate", "systemd", "--format", "yaml", "web"])
        .run()
        .error125()
        .stderr_has("unknown --format argument: yaml");
}

/// `image inspect NAME`'s first object.
fn image_json(env: &Env, name: &str) -> serde_json::Value {
    env.rpod(["image", "inspect", name]).run().success().json()[0].clone()
}

#[test]
fn commit_squash_makes_one_layer_holding_everything() {
    let (env, image) = require!(setup());
    env.rpod(["run", "--name", "c", &image, "sh", "-c", "echo hi > /f"])
        .run()
        .success();
    env.rpod(["commit", "-q", "c", "layered"]).run().success();
    env.rpod(["commit", "-q", "--squash", "c", "squashed"])
        .run()
        .success();
    let layers = |n: &str| {
        image_json(&env, n)["RootFS"]["Layers"]
            .as_array()
            .map_or(0, Vec::len)
    };
    assert!(layers("layered") >= 2, "{}", layers("layered"));
    assert_eq!(layers("squashed"), 1);
    env.rpod([
        "run",
        "--rm",
        "squashed",
        "sh",
        "-c",
        "cat /f && ls /bin/sh",
    ])
    .run()
    .success()
    .stdout_is("hi\n/bin/sh");
}

#[test]
fn commit_include_volumes_and_config_file() {
    let (env, image) = require!(setup());
    let host = env.dir.join("hostdir");
    env.write_file(&host.join("x"), "x");
    env.rpod(["create", "--name", "c", "-v", "/anon", "-v", "named:/named"])
        .arg("-v")
        .arg(format!("{}:/bound", host.display()))
        .args([image.as_str(), "true"])
        .run()
        .success();
    let volumes = |n: &str| {
        let v = image_json(&env, n)["Config"]["Volumes"].clone();
        let mut keys: Vec<String> = v
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    };
    env.rpod(["commit", "-q", "c", "plain"]).run().success();
    assert_eq!(volumes("plain"), ["/anon"]);
    env.rpod(["commit", "-q", "--include-volumes", "c", "withvols"])
        .run()
        .success();
    assert_eq!(volumes("withvols"), ["/anon", "/bound", "/named"]);

    let cfg = env.write_file(
        Path::new("override.json"),
        r#"{"Env":["FROM_FILE=1"],"Labels":{"origin":"file"},"ExposedPorts":{"8080/tcp":{}},"WorkingDir":"/srv"}"#,
    );
    env.rpod(["commit", "-q", "--config"])
        .arg(&cfg)
        .args(["c", "configured"])
        .run()
        .success();
    let c = &image_json(&env, "configured")["Config"];
    assert!(
        c["Env"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "FROM_FILE=1"),
        "{c:#}"
    );
    assert_eq!(c["Labels"]["origin"], "file", "{c:#}");
    assert!(c["ExposedPorts"].get("8080/tcp").is_some(), "{c:#}");
    assert_eq!(c["WorkingDir"], "/srv", "{c:#}");
    env.rpod(["commit", "--config", "/nonexistent.json", "c", "x"])
        .run()
        .error125()
        .stderr_has("--config: /nonexistent.json");
}

/// A Pod `name` whose container `app` sleeps.
fn sleeper_yaml(name: &str, image: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: app\n    image: {image}\n    command: [\"sleep\", \"600\"]\n"
    )
}

#[test]
fn kube_play_no_pod_prefix_no_hosts_no_hostname() {
    let (env, image) = require!(setup());
    let yaml = env.write_file(Path::new("pod.yaml"), &sleeper_yaml("kp", &image));
    // The image has neither /etc/hosts nor /etc/hostname.
    env.rpod(["run", "--rm", "--no-hosts", &image, "cat", "/etc/hosts"])
        .run()
        .code(1);
    env.rpod([
        "kube",
        "play",
        "--no-pod-prefix",
        "--no-hosts",
        "--no-hostname",
    ])
    .arg(&yaml)
    .run()
    .success();
    // Named as in the YAML, no kp- before it; nothing written by rpod.
    env.rpod(["exec", "app", "cat", "/etc/hosts"])
        .run()
        .code(1)
        .stderr_has("No such file");
    env.rpod(["exec", "app", "cat", "/etc/hostname"])
        .run()
        .code(1);
    env.rpod(["kube", "down"]).arg(&yaml).run().success();
    // Without the flags: prefixed, rpod's /etc/hosts naming the pod.
    env.rpod(["kube", "play"]).arg(&yaml).run().success();
    env.rpod(["exec", "kp-app", "cat", "/etc/hosts"])
        .run()
        .success()
        .stdout_has("kp");
    env.rpod(["kube", "down"]).arg(&yaml).run().success();
}

#[test]
fn kube_play_static_ip_and_mac_need_a_network() {
    let (env, image) = require!(setup());
    let yaml = env.write_file(Path::new("pod.yaml"), &sleeper_yaml("kn", &image));
    env.rpod(["kube", "play", "--ip", "10.89.77.5"])
        .arg(&yaml)
        .run()
        .error125()
        .stderr_has("static ip addresses can only be set when the network mode is bridge");
    env.rpod(["network", "create", "--subnet", "10.89.77.0/24", "kn-net"])
        .run()
        .success();
    env.rpod([
        "kube",
        "play",
        "--network",
        "kn-net",
        "--ip",
        "10.89.77.5",
        "--mac-address",
        "02:11:22:33:44:66",
    ])
    .arg(&yaml)
    .run()
    .success();
    let out = env
        .rpod(["exec", "kn-app", "busybox", "ip", "addr", "show", "eth0"])
        .run();
    out.success().stdout_has("inet 10.89.77.5/24");
    out.stdout_has("02:11:22:33:44:66");
    env.rpod(["kube", "down"]).arg(&yaml).run().success();
}

#[test]
fn kube_play_pulls_with_creds_and_tls_verify() {
    let shared = require!(registry::with_auth());
    let env = require!(Env::rootless());
    let image = shared.reference("busybox:latest");
    let yaml = env.write_file(Path::new("pod.yaml"), &sleeper_yaml("kc", &image));
    // Without credentials the registry refuses the pull.
    env.rpod(["kube", "play", "--tls-verify=false"])
        .arg(&yaml)
        .run()
        .error125();
    env.rpod([
        "kube",
        "play",
        "--tls-verify=false",
        "--creds",
        &format!("{USER}:{PASSWORD}"),
    ])
    .arg(&yaml)
    .run()
    .success();
    env.rpod(["container", "exists", "kc-app"]).run().success();
    env.rpod(["kube", "down"]).arg(&yaml).run().success();
}

#[test]
fn unshare_rootless_netns_runs_where_the_bridges_are() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-d", "--name", "b", "--network", "podman", &image])
        .args(["sleep", "600"])
        .run()
        .success();
    let out = env
        .rpod(["unshare", "--rootless-netns", "cat", "/proc/net/dev"])
        .run();
    out.success().stdout_has("podman0");
    // Not the host's network namespace, nor rpod's plain unshare's.
    let ns = |args: &[&str]| env.rpod(args).run().success().out().to_string();
    let netns = ns(&[
        "unshare",
        "--rootless-netns",
        "readlink",
        "/proc/self/ns/net",
    ]);
    assert_ne!(netns, ns(&["unshare", "readlink", "/proc/self/ns/net"]));
    env.rpod(["rm", "-f", "-t", "0", "b"]).run().success();
}

#[test]
fn unshare_rootless_netns_as_root_is_refused() {
    let env = require!(Env::rootful());
    env.rpod(["unshare", "--rootless-netns", "true"])
        .run()
        .error125()
        .stderr_has("please use unshare with rootless");
    // Plain unshare too: as root there is no namespace to enter.
    env.rpod(["unshare", "true"])
        .run()
        .error125()
        .stderr_is("Error: please use unshare with rootless: as root, run the command directly");
}

#[test]
fn create_init_ctr_runs_before_the_pod_once_or_always() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--init-ctr", "once", &image, "true"])
        .run()
        .error125()
        .stderr_has("must specify pod value with init-ctr");
    env.rpod(["pod", "create", "--name", "p"]).run().success();
    env.rpod([
        "create",
        "--pod",
        "p",
        "--init-ctr",
        "sometimes",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("init-ctr value must be 'always' or 'once'");
    env.rpod(["run", "--pod", "p", "--init-ctr", "once", &image, "true"])
        .run()
        .error125()
        .stderr_has("unknown flag: --init-ctr");
    let log = |what: &str| format!("echo {what} >> /shared/log");
    for (name, kind) in [("i1", "once"), ("i2", "always")] {
        env.rpod(["create", "--pod", "p", "--init-ctr", kind, "--name", name])
            .args(["-v", "vol:/shared", &image, "sh", "-c", &log(kind)])
            .run()
            .success();
    }
    env.rpod([
        "create",
        "--pod",
        "p",
        "--name",
        "main",
        "-v",
        "vol:/shared",
        &image,
    ])
    .args(["sh", "-c", &format!("{}; exec sleep 600", log("main"))])
    .run()
    .success();
    let read = || {
        env.rpod([
            "run",
            "--rm",
            "-v",
            "vol:/shared",
            &image,
            "cat",
            "/shared/log",
        ])
        .run()
        .success()
        .out()
        .to_string()
    };
    env.rpod(["pod", "start", "p"]).run().success();
    crate::harness::eventually("main's line", || read().ends_with("main"));
    assert_eq!(read(), "once\nalways\nmain");
    // The once container is gone, the always one stays.
    assert_ne!(env.rpod(["container", "exists", "i1"]).run().code, 0);
    env.rpod(["container", "exists", "i2"]).run().success();
    env.rpod(["create", "--pod", "p", "--init-ctr", "once", &image, "true"])
        .run()
        .error125()
        .stderr_has("cannot add init-ctr to a running pod");
    env.rpod(["pod", "stop", "-t", "0", "p"]).run().success();
    env.rpod(["pod", "start", "p"]).run().success();
    crate::harness::eventually("main's second line", || read().matches("main").count() == 2);
    assert_eq!(read(), "once\nalways\nmain\nalways\nmain");
    env.rpod(["pod", "rm", "-f", "-t", "0", "p"])
        .run()
        .success();
}

#[test]
fn a_failing_init_ctr_keeps_the_pod_from_starting() {
    let (env, image) = require!(setup());
    env.rpod(["pod", "create", "--name", "p"]).run().success();
    env.rpod([
        "create",
        "--pod",
        "p",
        "--init-ctr",
        "always",
        "--name",
        "bad",
    ])
    .args([&image, "false"])
    .run()
    .success();
    env.rpod([
        "create", "--pod", "p", "--name", "main", &image, "sleep", "600",
    ])
    .run()
    .success();
    env.rpod(["pod", "start", "p"])
        .run()
        .error125()
        .stderr_has("exited with code 1");
    assert_eq!(status(&env, "main"), "created");
    env.rpod(["pod", "rm", "-f", "-t", "0", "p"])
        .run()
        .success();
}

fn status(env: &Env, name: &str) -> String {
    env.rpod(["inspect", "--format", "{{.State.Status}}", name])
        .run()
        .success()
        .out()
        .to_string()
}

#[test]
fn generate_kube_podman_only_writes_reserved_annotations_play_reads_back() {
    let (env, image) = require!(setup());
    env.rpod([
        "create",
        "--name",
        "web",
        "--privileged",
        "--annotation",
        "team=blue",
    ])
    .args([&image, "sleep", "600"])
    .run()
    .success();
    let plain = env.rpod(["kube", "generate", "web"]).run();
    plain.success().stdout_has("team/web: blue");
    assert!(!plain.stdout.contains("io.podman.annotations"), "{plain}");
    let yaml = env.dir.join("web.yaml");
    env.rpod(["kube", "generate", "--podman-only", "-f"])
        .arg(&yaml)
        .arg("web")
        .run()
        .success();
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(
        text.contains("io.podman.annotations.privileged/web: \"TRUE\""),
        "{text}"
    );
    env.rpod(["rm", "web"]).run().success();
    env.rpod(["kube", "play"]).arg(&yaml).run().success();
    let out = env
        .rpod([
            "inspect",
            "--format",
            "{{.HostConfig.Privileged}}",
            "web-pod-web",
        ])
        .run();
    out.success().stdout_is("true");
    env.rpod(["kube", "down"]).arg(&yaml).run().success();
}

#[test]
fn link_local_ip_and_permissive_are_not_flags_as_in_podman() {
    // podman documents --link-local-ip as "Not implemented." and never
    // registers it; "--permissive" is a line of its SELinux prose.
    let env = require!(Env::rootless());
    for (verb, flag) in [
        ("run", "--link-local-ip=169.254.1.1"),
        ("create", "--permissive"),
    ] {
        env.rpod([verb, flag, "img", "true"])
            .run()
            .error125()
            .stderr_has(&format!(
                "unknown flag: {}",
                flag.split('=').next().unwrap()
            ));
    }
}

#[test]
fn decryption_key_files_are_checked_even_for_a_local_image() {
    let (env, image) = require!(setup());
    for verb in ["run", "create"] {
        env.rpod([verb, "--decryption-key", "/no/such/key.pem", &image, "true"])
            .run()
            .error125()
            .stderr_is("Error: unable to obtain decryption config: invalid decryption keys: open /no/such/key.pem: no such file or directory");
    }
    env.rpod(["ps", "-aq"]).run().success().stdout_is("");
}
