//! Broken configuration is an error wherever it is read, naming the file
//! and the key, never silently replaced by a default: a storage.conf that
//! does not parse fails every command (as in podman, where it was ignored by
//! `pull` and `images` but refused by `run`), a value of the wrong type is
//! refused, a symlink loop is not "no file", and a missing `--authfile` is
//! an error except for `login`, which creates it.

use std::path::Path;

use crate::harness::Env;
use crate::registry;

/// Writes `$XDG_CONFIG_HOME/containers/NAME`.
/// The test's own stand-ins for /etc/containers are named by CONTAINERS_*
/// variables, which would hide the user's files these tests write: unset.
fn user_files(env: &mut Env) {
    for v in [
        "CONTAINERS_CONF",
        "CONTAINERS_REGISTRIES_CONF",
        "CONTAINERS_STORAGE_CONF",
    ] {
        env.unset_env(v);
    }
}

fn conf(env: &Env, name: &str, text: &str) -> std::path::PathBuf {
    env.write_file(&env.config.join("containers").join(name), text)
}

#[test]
fn a_storage_conf_that_does_not_parse_fails_every_command() {
    let shared = require!(registry::plain());
    let mut env = require!(Env::rootless());
    user_files(&mut env);
    let image = shared.reference("busybox:latest");
    env.rpod(["pull", "-q", "--tls-verify=false", &image])
        .run()
        .success();
    let file = conf(&env, "storage.conf", "[storage\ndriver = \"overlay\"\n");
    for args in [
        vec!["images"],
        vec!["ps", "-a"],
        vec!["pull", "--tls-verify=false", &image],
        vec!["run", "--rm", "--net", "none", &image, "true"],
    ] {
        env.rpod(args.clone())
            .run()
            .error125()
            .stderr_has(&format!("parsing {}", file.display()));
    }
    std::fs::remove_file(&file).expect("removing storage.conf");
    env.rpod(["images"]).run().success();
}

#[test]
fn values_of_the_wrong_type_are_named() {
    let mut env = require!(Env::rootless());
    user_files(&mut env);
    let cases = [
        (
            "storage.conf",
            "[storage]\ndriver = 1\n",
            "storage.driver must be a string, not an integer",
        ),
        (
            "storage.conf",
            "[storage.options.overlay]\nmount_program = true\n",
            "storage.options.overlay.mount_program must be a string, not a boolean",
        ),
        (
            "registries.conf",
            "[[registry]]\nlocation = \"r.example\"\nblocked = \"true\"\n",
            "registry[0].blocked must be true or false, not a string",
        ),
        (
            "registries.conf",
            "unqualified-search-registries = \"docker.io\"\n",
            "unqualified-search-registries must be a list of strings",
        ),
        (
            "containers.conf",
            "[engine]\nimage_parallel_copies = \"4\"\n",
            "engine.image_parallel_copies must be an integer, not a string",
        ),
    ];
    for (name, text, message) in cases {
        let file = conf(&env, name, text);
        env.rpod(["images"])
            .run()
            .error125()
            .stderr_has(&file.display().to_string())
            .stderr_has(message);
        std::fs::remove_file(&file).expect("removing the file");
    }
    // Keys of other tools are not rpod's business (containers-storage ignores them too).
    conf(
        &env,
        "storage.conf",
        "[storage]\ndriver = \"overlay\"\nbogus = 3\n",
    );
    env.rpod(["images"]).run().success();
}

#[test]
fn a_registries_conf_symlink_loop_is_an_error_not_no_file() {
    let mut env = require!(Env::rootless());
    user_files(&mut env);
    let dir = env.config.join("containers");
    conf(&env, "placeholder", "");
    let file = dir.join("registries.conf");
    std::os::unix::fs::symlink("loop", &file).expect("symlink");
    std::os::unix::fs::symlink("registries.conf", dir.join("loop")).expect("symlink");
    env.rpod(["pull", "busybox"])
        .run()
        .error125()
        .stderr_has(&file.display().to_string())
        .stderr_has("symbolic links");
    env.rpod(["images"]).run().error125();
}

#[test]
fn a_missing_authfile_is_an_error_except_for_login() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let missing = env.dir.join("no-such-auth.json");
    let image = shared.reference("busybox:latest");
    // podman's message, exactly.
    let what = format!(
        "Error: credential file is not accessible: faccessat {}: no such file or directory",
        missing.display()
    );
    env.rpod(["pull", "--tls-verify=false", "--authfile"])
        .arg(&missing)
        .arg(&image)
        .run()
        .error125()
        .stderr_is(&what);
    env.rpod(["push", "--tls-verify=false", "--authfile"])
        .arg(&missing)
        .arg(&image)
        .run()
        .error125()
        .stderr_is(&what);
    for cmd in [
        &["create", "--tls-verify=false"][..],
        &["run", "--rm", "--tls-verify=false"],
    ] {
        env.rpod(cmd)
            .arg("--authfile")
            .arg(&missing)
            .arg(&image)
            .arg("true")
            .run()
            .error125()
            .stderr_is(&what);
    }
    // As podman: only the flag is checked; a REGISTRY_AUTH_FILE that does
    // not exist is no file of credentials.
    env.rpod(["pull", "--tls-verify=false", "-q", &image])
        .env("REGISTRY_AUTH_FILE", missing.display().to_string())
        .run()
        .success();
    env.rpod(["run", "--rm", &image, "true"])
        .env("REGISTRY_AUTH_FILE", missing.display().to_string())
        .run()
        .success();
    env.rpod(["logout", "--authfile"])
        .arg(&missing)
        .arg(shared.addr())
        .run()
        .error125()
        .stderr_has(&what);
    assert!(!missing.exists());
    // login writes it (the plain registry accepts any credentials).
    env.rpod([
        "login",
        "--tls-verify=false",
        "-u",
        "alice",
        "-p",
        "pw",
        "--authfile",
    ])
    .arg(&missing)
    .arg(shared.addr())
    .run()
    .success();
    assert!(Path::new(&missing).is_file());
    env.rpod(["pull", "-q", "--tls-verify=false", "--authfile"])
        .arg(&missing)
        .arg(&image)
        .run()
        .success();
    env.rpod(["logout", "--authfile"])
        .arg(&missing)
        .arg(shared.addr())
        .run()
        .success();
}

/// containers.conf `[containers] env`: every container gets it, the
/// image's and `-e` win; `CONTAINERS_CONF_OVERRIDE`'s list replaces it.
#[test]
fn containers_conf_env_reaches_containers() {
    let shared = require!(crate::registry::plain());
    let mut env = require!(Env::rootless());
    crate::pull::pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.containers_conf("[containers]\nenv = [\"CONF1=conf1\", \"SHARED=conf\"]\n");
    let out = env
        .rpod(["run", "--rm", "-e", "SHARED=flag", &image, "sh", "-c"])
        .arg("echo $CONF1 $SHARED $CONF2")
        .run();
    assert_eq!(out.success().out(), "conf1 flag", "{out}");
    let over = conf(
        &env,
        "override.conf",
        "[containers]\nenv = [\"CONF2=conf2\"]\n",
    );
    env.set_env("CONTAINERS_CONF_OVERRIDE", &over.to_string_lossy());
    let out = env
        .rpod(["run", "--rm", &image, "sh", "-c"])
        .arg("echo ${CONF1:-unset} $CONF2")
        .run();
    assert_eq!(out.success().out(), "unset conf2", "{out}");
}

/// mounts.conf (`--default-mounts-file`): each `HOST:CONTAINER` whose host
/// path exists is bound read-only into containers and build steps; a
/// missing file, an empty one or a missing host path is silently skipped.
#[test]
fn default_mounts_file_binds_its_entries_into_containers_and_builds() {
    let shared = require!(crate::registry::plain());
    let env = require!(Env::rootless());
    crate::pull::pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let file = env.dir.join("mounts.conf");
    let flag = format!("--default-mounts-file={}", file.display());
    // No file yet, then an empty one, then a bogus entry: no complaint.
    for content in [None, Some(""), Some("/tmp/bogus-no-such-dir\n")] {
        if let Some(c) = content {
            std::fs::write(&file, c).unwrap();
        }
        env.rpod([&flag, "run", "--rm", "--net", "none", &image, "echo", "ok"])
            .run()
            .success()
            .stdout_is("ok")
            .stderr_is("");
    }
    let secrets = env.dir.join("secrets");
    std::fs::create_dir_all(&secrets).unwrap();
    std::fs::write(secrets.join("token"), "shh\n").unwrap();
    std::fs::write(
        &file,
        format!("# subscriptions\n{}:/run/secrets\n", secrets.display()),
    )
    .unwrap();
    env.rpod([
        &flag,
        "run",
        "--rm",
        "--net",
        "none",
        &image,
        "cat",
        "/run/secrets/token",
    ])
    .run()
    .success()
    .stdout_is("shh");
    // Read-only: the host's file cannot be changed from inside.
    env.rpod([&flag, "run", "--rm", "--net", "none", &image, "sh", "-c"])
        .arg("echo x > /run/secrets/token")
        .run()
        .code(1);
    assert_eq!(
        std::fs::read_to_string(secrets.join("token")).unwrap(),
        "shh\n"
    );
    // A RUN step sees it too.
    let ctx = env.dir.join("mounts-ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Containerfile"),
        format!("FROM {image}\nRUN cat /run/secrets/token\n"),
    )
    .unwrap();
    env.rpod([&flag, "build", "-t", "withmounts"])
        .arg(&ctx)
        .run()
        .success()
        .stdout_has("shh");
    // Without the flag (and no mounts.conf of the user's): nothing there.
    env.rpod(["run", "--rm", "--net", "none", &image, "ls", "/run/secrets"])
        .run()
        .code(1);
}

/// containers.conf `dns_servers`, `dns_searches`, `dns_options`,
/// `shm_size` and `default_sysctls` are the defaults of `--dns`,
/// `--dns-search`, `--dns-option`, `--shm-size` and `--sysctl`; the flags win.
#[test]
fn containers_conf_run_defaults() {
    let (env, image) = require!(crate::pull::busybox_env());
    env.containers_conf(
        "[containers]\ndns_servers = [\"192.0.2.53\"]\ndns_searches = [\"conf.example\"]\ndns_options = [\"ndots:3\"]\nshm_size = \"7m\"\ndefault_sysctls = [\"net.ipv4.ping_group_range=0 5\"]\n",
    );
    let show = "grep -v '^#' /etc/resolv.conf; df -k /dev/shm | tail -1; cat /proc/sys/net/ipv4/ping_group_range";
    let out = env
        .rpod(["run", "--name", "d", &image, "sh", "-c", show])
        .run();
    out.success();
    let text = out.out();
    assert!(text.contains("nameserver 192.0.2.53"), "{out}");
    assert!(text.contains("search conf.example"), "{out}");
    assert!(text.contains("options ndots:3"), "{out}");
    let shm: Vec<&str> = out.lines()[out.lines().len() - 2]
        .split_whitespace()
        .collect();
    assert_eq!(shm[1], "7168", "{out}");
    assert_eq!(
        out.lines()
            .last()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["0", "5"]
    );
    assert_eq!(
        env.rpod(["inspect", "--format", "{{.HostConfig.ShmSize}}", "d"])
            .run()
            .out(),
        "7340032"
    );
    // The flags win.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--dns",
            "192.0.2.1",
            "--dns-search",
            "flag.example",
            "--shm-size",
            "8m",
            "--sysctl",
            "net.ipv4.ping_group_range=0 9",
            &image,
            "sh",
            "-c",
            show,
        ])
        .run();
    out.success();
    let text = out.out();
    assert!(
        text.contains("nameserver 192.0.2.1") && !text.contains("192.0.2.53"),
        "{out}"
    );
    assert!(text.contains("search flag.example"), "{out}");
    let shm: Vec<&str> = out.lines()[out.lines().len() - 2]
        .split_whitespace()
        .collect();
    assert_eq!(shm[1], "8192", "{out}");
    assert_eq!(
        out.lines()
            .last()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["0", "9"]
    );
    // Where the namespace is the host's, its defaults are left out (the
    // flags would be refused there).
    env.rpod([
        "run",
        "--rm",
        "--network",
        "host",
        "--ipc",
        "host",
        &image,
        "true",
    ])
    .run()
    .success();
    // volumes: every container's, unless it mounts something there itself.
    let host = env.dir.join("shared");
    env.write_file(&host.join("f"), "from conf");
    env.containers_conf(&format!(
        "[containers]\nvolumes = [\"{}:/conf:ro\"]\n",
        host.display()
    ));
    env.rpod(["run", "--rm", &image, "cat", "/conf/f"])
        .run()
        .success()
        .stdout_is("from conf");
    env.rpod(["run", "--rm", "--tmpfs", "/conf", &image, "ls", "/conf"])
        .run()
        .success()
        .stdout_is("");
    // A bad value names the setting.
    env.containers_conf("[containers]\ndns_servers = [\"not-an-ip\"]\n");
    env.rpod(["create", &image, "true"])
        .run()
        .code(125)
        .stderr_has("dns_servers \"not-an-ip\"");
}

/// The CapEff line of a process in a container (`grep CapEff`), as hex.
fn cap_eff(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// containers.conf `init`, `default_capabilities`, `log_tag` and
/// `pids_limit` are the defaults of `--init`, the capability set
/// `--cap-add`/`--cap-drop` change, `--log-opt tag=` and `--pids-limit`;
/// the flags win, and exec sessions get the container's capabilities.
/// Rootless, `pids_limit` sets nothing (podman's cgroupfs manager).
#[test]
fn containers_conf_process_defaults() {
    let (env, image) = require!(crate::pull::busybox_env());
    env.containers_conf(
        "[containers]\ninit = true\nlog_tag = \"conf-tag\"\npids_limit = 10\n\
         default_capabilities = [\"CHOWN\", \"KILL\"]\n",
    );
    let inspect = |name: &str, format: &str| {
        let out = env.rpod(["inspect", "--format", format, name]).run();
        out.success().out().to_string()
    };
    env.rpod(["info", "--format", "{{.Host.Security.DefaultCapabilities}}"])
        .run()
        .success()
        .stdout_is("CAP_CHOWN,CAP_KILL");
    env.rpod(["run", "-d", "--name", "a", "--net", "none", &image])
        .args(["sleep", "600"])
        .run()
        .success();
    assert_eq!(
        inspect(
            "a",
            "{{.HostConfig.Init}} {{.HostConfig.LogConfig.Tag}} {{.HostConfig.PidsLimit}}"
        ),
        "true conf-tag 0"
    );
    // PID 1 is the init, not the command.
    let out = env.rpod(["exec", "a", "cat", "/proc/1/cmdline"]).run();
    assert!(!out.success().out().starts_with("sleep"), "{out}");
    // CHOWN (0) and KILL (5): 0x21, for the exec session too.
    let out = env
        .rpod(["exec", "a", "grep", "CapEff", "/proc/self/status"])
        .run();
    assert_eq!(cap_eff(out.success().out()), "0000000000000021", "{out}");
    env.rpod(["rm", "-f", "-t0", "a"]).run().success();
    // The flags win; --cap-add adds to the configured set.
    let out = env
        .rpod([
            "run",
            "--name",
            "b",
            "--net",
            "none",
            "--init=false",
            "--log-opt",
            "tag=flag-tag",
            "--cap-add",
            "net_raw",
            "--cap-drop",
            "kill",
            &image,
            "sh",
            "-c",
            "cat /proc/1/cmdline; echo; grep CapEff /proc/self/status",
        ])
        .run();
    out.success();
    assert!(out.out().starts_with("sh"), "{out}");
    // CHOWN (0) and NET_RAW (13).
    assert_eq!(cap_eff(out.out()), "0000000000002001", "{out}");
    assert_eq!(
        inspect("b", "{{.HostConfig.Init}} {{.HostConfig.LogConfig.Tag}}"),
        "false flag-tag"
    );
    // json-file takes no tag from containers.conf: podman's warning.
    let out = env
        .rpod(["create", "--name", "c", "--log-driver", "json-file", &image])
        .run();
    // (logrus's quoting: podman prints the same line.)
    out.success().stderr_has(
        r#"level=warning msg="log_tag \"conf-tag\" is not allowed with \"json-file\" log_driver""#,
    );
    assert_eq!(inspect("c", "[{{.HostConfig.LogConfig.Tag}}]"), "[]");
    // A capability that does not exist names the setting.
    env.containers_conf("[containers]\ndefault_capabilities = [\"CAP_BOGUS\"]\n");
    env.rpod(["create", &image])
        .run()
        .error125()
        .stderr_has("containers.conf [containers] default_capabilities = \"CAP_BOGUS\"");
    // Without settings: podman's defaults (no init, its capability set).
    env.containers_conf("");
    let out = env
        .rpod(["run", "--rm", "--net", "none", &image])
        .args(["grep", "CapEff", "/proc/self/status"])
        .run();
    assert_eq!(cap_eff(out.success().out()), "00000000800405fb", "{out}");
}

/// containers.conf `netns`: the network of containers and pods created
/// without `--network`; `--network` wins, a pod's member takes the pod's.
#[test]
fn containers_conf_netns() {
    let (env, image) = require!(crate::pull::busybox_env());
    let host_ns = std::fs::read_link("/proc/self/ns/net").unwrap();
    let host_ns = host_ns.to_string_lossy();
    env.containers_conf("[containers]\nnetns = \"host\"\n");
    let ns_of = |args: &[&str]| {
        let out = env
            .rpod(["run", "--rm"])
            .args(args)
            .arg(&image)
            .args(["readlink", "/proc/self/ns/net"])
            .run();
        out.success().out().to_string()
    };
    assert_eq!(ns_of(&[]), host_ns);
    assert_ne!(ns_of(&["--network", "none"]), host_ns);
    env.rpod(["create", "--name", "h", &image]).run().success();
    env.rpod(["inspect", "--format", "{{.HostConfig.NetworkMode}}", "h"])
        .run()
        .success()
        .stdout_is("host");
    env.rpod(["pod", "create", "--name", "p"]).run().success();
    assert_eq!(ns_of(&["--pod", "p"]), host_ns);
    env.containers_conf("[containers]\nnetns = \"none\"\n");
    let out = env
        .rpod(["run", "--rm", &image, "cat", "/proc/net/dev"])
        .run();
    out.success();
    assert!(
        !out.out().contains("eth0") && !out.out().contains("tap0"),
        "{out}"
    );
    env.containers_conf("[containers]\nnetns = \"private\"\n");
    assert_ne!(ns_of(&[]), host_ns);
    env.containers_conf("[containers]\nnetns = \"bogus:x=1\"\n");
    env.rpod(["create", &image])
        .run()
        .error125()
        .stderr_has("containers.conf [containers] netns = \"bogus:x=1\"");
}

/// containers.conf drop-in directories: the user's `containers.conf.d`
/// files are read after the user's file, in name order.
#[test]
fn containers_conf_drop_ins_are_read_in_order() {
    let shared = require!(crate::registry::plain());
    let mut env = require!(Env::rootless());
    user_files(&mut env);
    crate::pull::pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    conf(
        &env,
        "containers.conf",
        "[containers]\nenv = [\"FROM=file\"]\n",
    );
    conf(
        &env,
        "containers.conf.d/10-first.conf",
        "[containers]\nenv = [\"FROM=first\"]\n",
    );
    conf(
        &env,
        "containers.conf.d/20-second.conf",
        "[containers]\nenv = [\"FROM=second\"]\n",
    );
    conf(
        &env,
        "containers.conf.d/30-ignored.txt",
        "[containers]\nenv = [\"FROM=txt\"]\n",
    );
    env.rpod([
        "run",
        "--rm",
        "--net",
        "none",
        &image,
        "sh",
        "-c",
        "echo $FROM",
    ])
    .run()
    .success()
    .stdout_is("second");
}

/// As root, containers.conf `pids_limit` (podman's default 2048; 0 for
/// none) is every container's `--pids-limit` unless given.
#[test]
fn rootful_pids_limit_default() {
    let shared = require!(crate::registry::plain());
    let env = require!(Env::rootful());
    crate::pull::pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let limit = |extra: &[&str]| {
        let out = env.rpod(["create"]).args(extra).arg(&image).run();
        let id = out.success().out().to_string();
        let out = env
            .rpod(["inspect", "--format", "{{.HostConfig.PidsLimit}}", &id])
            .run();
        out.success().out().to_string()
    };
    assert_eq!(limit(&[]), "2048");
    assert_eq!(limit(&["--pids-limit", "5"]), "5");
    env.containers_conf("[containers]\npids_limit = 0\n");
    assert_eq!(limit(&[]), "0");
    env.containers_conf("[containers]\npids_limit = 6\n");
    assert_eq!(limit(&[]), "6");
    // Enforced: a loop of forks hits it (busybox sh gives up with exit 2).
    let out = env
        .rpod(["run", "--rm", "--net", "none", &image, "sh", "-c"])
        .arg("for i in 1 2 3 4 5 6 7 8 9 10; do sleep 600 & done; echo forked")
        .run();
    out.code(2).stderr_has("can't fork");
}

/// containers.conf `base_hosts_file`: what `/etc/hosts` adds to, after
/// rpod's own entries and less their names: the host's `/etc/hosts` by
/// default, a file, the image's own (`image`) or nothing (`none`).
#[test]
fn containers_conf_base_hosts_file() {
    let (env, image) = require!(crate::pull::busybox_env());
    let hosts_of = |image: &str| {
        let out = env
            .rpod([
                "run",
                "--rm",
                "--net",
                "none",
                "--add-host",
                "added:192.0.2.1",
            ])
            .args([image, "cat", "/etc/hosts"])
            .run();
        out.success().out().to_string()
    };
    // Default: every name of the host's file resolves inside.
    let host = std::fs::read_to_string("/etc/hosts").unwrap_or_default();
    let inside = hosts_of(&image);
    for line in host
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default())
    {
        for name in line.split_whitespace().skip(1) {
            assert!(
                inside.split_whitespace().any(|w| w == name),
                "{name} of the host's /etc/hosts missing:\n{inside}"
            );
        }
    }
    let base = env.write_file(
        &env.dir.join("base-hosts"),
        "# mine\n192.0.2.7  basehost other\n192.0.2.9 added\n",
    );
    env.containers_conf(&format!(
        "[containers]\nbase_hosts_file = \"{}\"\n",
        base.display()
    ));
    let inside = hosts_of(&image);
    let has = |text: &str, line: &str| text.lines().any(|l| l == line);
    assert!(has(&inside, "192.0.2.7\tbasehost other"), "{inside}");
    // --add-host's name is rpod's: the base file's entry for it is left out.
    assert!(
        has(&inside, "192.0.2.1\tadded") && !inside.contains("192.0.2.9"),
        "{inside}"
    );
    env.containers_conf("[containers]\nbase_hosts_file = \"none\"\n");
    let inside = hosts_of(&image);
    assert!(!inside.contains("basehost"), "{inside}");
    // The image's own /etc/hosts.
    let ctx = env.dir.join("hosts-ctx");
    env.write_file(&ctx.join("hosts"), "192.0.2.8 imagehost\n");
    env.write_file(
        &ctx.join("Containerfile"),
        &format!("FROM {image}\nCOPY hosts /etc/hosts\n"),
    );
    env.rpod(["build", "-q", "-t", "withhosts"])
        .arg(&ctx)
        .run()
        .success();
    assert!(!hosts_of("withhosts").contains("imagehost"));
    env.containers_conf("[containers]\nbase_hosts_file = \"image\"\n");
    let inside = hosts_of("withhosts");
    assert!(has(&inside, "192.0.2.8\timagehost"), "{inside}");
    env.containers_conf("[containers]\nbase_hosts_file = \"relative/hosts\"\n");
    env.rpod(["create", &image])
        .run()
        .error125()
        .stderr_has("containers.conf [containers] base_hosts_file = \"relative/hosts\"");
}

/// `--hosts-file` overrides containers.conf's `base_hosts_file` for one
/// container, and is kept: a later `start` writes /etc/hosts from it again.
#[test]
fn hosts_file_flag_overrides_base_hosts_file() {
    let (env, image) = require!(crate::pull::busybox_env());
    let base = env.write_file(&env.dir.join("flag-hosts"), "192.0.2.17 flaghost\n");
    env.containers_conf("[containers]\nbase_hosts_file = \"none\"\n");
    env.rpod(["create", "--net", "none", "--name", "hf", "--hosts-file"])
        .arg(&base)
        .args([image.as_str(), "cat", "/etc/hosts"])
        .run()
        .success();
    for _ in 0..2 {
        let out = env.rpod(["start", "-a", "hf"]).run();
        assert!(
            out.success()
                .out()
                .lines()
                .any(|l| l == "192.0.2.17\tflaghost"),
            "{out}"
        );
    }
    env.rpod(["rm", "hf"]).run().success();
    // `none` beats a configured file.
    env.containers_conf(&format!(
        "[containers]\nbase_hosts_file = \"{}\"\n",
        base.display()
    ));
    let out = env
        .rpod(["run", "--rm", "--net", "none", "--hosts-file", "none"])
        .args([image.as_str(), "cat", "/etc/hosts"])
        .run();
    assert!(!out.success().out().contains("flaghost"), "{out}");
    env.rpod(["run", "--rm", "--no-hosts", "--hosts-file", "none"])
        .args([image.as_str(), "true"])
        .run()
        .error125()
        .stderr_has("--no-hosts and --hosts-file cannot be set together");
}

/// `[engine.volume_plugins]`: CONTAINERS_CONF_OVERRIDE adds its plugins to
/// CONTAINERS_CONF's (a table is merged, not replaced); `info` lists them
/// after `local`, and `volume create --driver` says rpod does not use them.
#[test]
fn volume_plugins_are_merged_listed_and_refused() {
    let mut env = require!(Env::rootless());
    let first = env.write_file(
        &env.dir.join("first.conf"),
        "[engine.volume_plugins]\nplugin1 = \"/run/p1.sock\"\n",
    );
    let over = env.write_file(
        &env.dir.join("over.conf"),
        "[engine.volume_plugins]\nplugin2 = \"/run/p2.sock\"\n",
    );
    env.set_env("CONTAINERS_CONF", &first.display().to_string());
    env.set_env("CONTAINERS_CONF_OVERRIDE", &over.display().to_string());
    env.rpod(["info", "--format", "{{.Plugins.Volume}}"])
        .run()
        .success()
        .stdout_is("[local plugin1 plugin2]");
    env.rpod(["volume", "create", "--driver", "plugin1", "v1"])
        .run()
        .error125()
        .stderr_has("volume plugin plugin1 (socket /run/p1.sock")
        .stderr_has("rpod does not talk to volume plugins");
    env.rpod(["volume", "create", "--driver", "nope", "v1"])
        .run()
        .error125()
        .stderr_is("Error: no volume plugin with name nope available: required plugin missing");
    env.rpod(["volume", "ls", "-q"])
        .run()
        .success()
        .stdout_is("");
    env.rpod(["volume", "create", "--driver", "local", "v1"])
        .run()
        .success()
        .stdout_is("v1");
}

/// `--db-backend` and containers.conf's `database_backend`: rpod keeps its
/// own JSON records, so sqlite (podman's default) is accepted, boltdb is
/// refused as podman 5 refuses a new BoltDB database (before any store is
/// made), unless podman's CI switch CI_DESIRED_DATABASE=boltdb is set.
#[test]
fn db_backend_flag_and_setting() {
    let env = require!(Env::rootless());
    let fresh = env.dir.join("fresh-root");
    let fresh_s = fresh.display().to_string();
    let cmd = |backend: &str| {
        let mut c = env.rpod_bare(["--root", &fresh_s, "--runroot"]);
        c.arg(env.runroot())
            .arg(format!("--db-backend={backend}"))
            .args(["info", "--format", "{{.Host.DatabaseBackend}}"]);
        c
    };
    cmd("boltdb").run().error125().stderr_is(
        "Error: the BoltDB backend has been deprecated, no new BoltDB databases can be created: invalid argument",
    );
    assert!(!fresh.exists(), "a refused backend made the store");
    cmd("mysql")
        .run()
        .error125()
        .stderr_is("Error: unsupported database backend: \"mysql\"");
    cmd("sqlite").run().success().stdout_is("json");
    // What info reports is a valid setting (podman's tests write it back).
    env.containers_conf("[engine]\ndatabase_backend = \"json\"\n");
    env.rpod(["info"]).run().success();
    cmd("boltdb")
        .env("CI_DESIRED_DATABASE", "boltdb")
        .arg("--log-level=debug")
        .run()
        .success()
        .stderr_has("Allowing deprecated database backend due to CI_DESIRED_DATABASE.");
    env.containers_conf("[engine]\ndatabase_backend = \"boltdb\"\n");
    env.rpod(["info"])
        .run()
        .error125()
        .stderr_has("no new BoltDB databases can be created");
}
