//! The command line itself, as podman reports it: usage mistakes exit 125
//! with `Error: unknown flag: --bogus` and where to look (clap's own exit
//! code 2 and wording would break scripts written for podman), `--help`
//! and `version` exit 0, and `wait --ignore` marks a missing container.

use crate::harness::Env;

#[test]
fn usage_errors_are_125_with_podmans_words() {
    let env = require!(Env::rootless());
    for (args, want) in [
        (
            &["run", "--bogus", "img"][..],
            "Error: unknown flag: --bogus\nSee 'rpod run --help'",
        ),
        (
            &["run", "-x", "img"],
            "Error: unknown shorthand flag: 'x' in -x\nSee 'rpod run --help'",
        ),
        (
            &["container", "rm", "--bogus=1"],
            "Error: unknown flag: --bogus\nSee 'rpod container rm --help'",
        ),
        (
            &["bad", "--invalid"],
            "Error: unknown flag: --invalid\nSee 'rpod --help'",
        ),
        (
            &["bad"],
            "Error: unrecognized command `rpod bad`\nTry 'rpod --help' for more information",
        ),
        (
            &["images", "--sort", "bogus"],
            "Error: invalid argument \"bogus\" for \"--sort\" flag: \"bogus\" is not a valid value.  Choose from: \"created, id, repository, size, tag\"\nSee 'rpod images --help'",
        ),
        (
            &["run", "--name"],
            "Error: flag needs an argument: --name\nSee 'rpod run --help'",
        ),
        (
            &["ps", "--format"],
            "Error: flag needs an argument: --format\nSee 'rpod ps --help'",
        ),
        (
            &["run"],
            // cobra's argument count words; podman adds no "See" line here.
            "Error: requires at least 1 arg(s), only received 0",
        ),
        (
            &["ps", "x"],
            "Error: `rpod ps` takes no arguments",
        ),
        (
            // A positional list with a maximum, given more.
            &["container", "diff", "x0", "x1", "x2"],
            "Error: accepts at most 2 arg(s), received 3",
        ),
    ] {
        env.rpod(args).run().code(125).stdout_is("").stderr_is(want);
    }
    // No verb at all: the help on stdout (cobra's cmd.Help()), then the error.
    let out = env.rpod_bare(Vec::<String>::new()).run();
    out.code(125)
        .stderr_is("Error: missing command 'rpod COMMAND'");
    assert!(
        out.stdout
            .starts_with("Manage pods, containers and images\n\nUsage:\n"),
        "{out}"
    );
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let env = require!(Env::rootless());
    let out = env.rpod(["run", "--help"]).run();
    out.success().stderr_is("");
    assert!(
        out.stdout.starts_with("Run a command in a new container\n"),
        "{out}"
    );
    let out = env.rpod(["version"]).run();
    out.success().stderr_is("");
    let lines = out.lines();
    let field = |k: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(k))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {k} line\n{out}"))
            .to_string()
    };
    assert_eq!(field("Version:"), env!("CARGO_PKG_VERSION"), "{out}");
    assert_eq!(
        field("OS/Arch:"),
        format!("linux/{}", crate::fixtures::host_arch()),
        "{out}"
    );
    let out = env.rpod(["version", "--format", "json"]).run();
    out.success();
    let v = out.json();
    assert_eq!(v["Client"]["Version"], env!("CARGO_PKG_VERSION"), "{out}");
    assert_eq!(
        v["Client"]["OsArch"],
        format!("linux/{}", crate::fixtures::host_arch()),
        "{out}"
    );
    env.rpod(["--version"])
        .run()
        .success()
        .stdout_is(&format!("rpod version {}", env!("CARGO_PKG_VERSION")));
    // Docker's `buildx version` names the builder: rpod's own.
    env.rpod(["buildx", "version"])
        .run()
        .success()
        .stdout_is(&format!(
            "rpod {} (built-in builder)",
            env!("CARGO_PKG_VERSION")
        ));
}

#[test]
fn wait_ignore_marks_a_missing_container() {
    let env = require!(Env::rootless());
    env.rpod(["wait", "--ignore", "nosuch"])
        .run()
        .success()
        .stdout_is("-1")
        .stderr_is("");
    env.rpod(["wait", "nosuch"])
        .run()
        .code(125)
        .stderr_is("Error: no container with name or ID \"nosuch\" found: no such container");
}

#[test]
fn inspect_of_a_missing_name_says_so_as_podman() {
    let env = require!(Env::rootless());
    // `inspect` looks for any object; `container inspect` for a container.
    env.rpod(["inspect", "nosuch"])
        .run()
        .code(125)
        .stdout_is("[]")
        .stderr_is("Error: no such object: \"nosuch\": no container, image, volume, network, pod or artifact has this name or ID");
    env.rpod(["container", "inspect", "nosuch"])
        .run()
        .code(125)
        .stdout_is("[]")
        .stderr_is("Error: no such container \"nosuch\"");
}

#[test]
fn log_levels_debug_and_output_flags_as_podman() {
    let env = require!(Env::rootless());
    // Not a terminal: logrus's `time="…" level=… msg="…"` lines on stderr.
    let out = env.rpod(["--log-level=debug", "version"]).run();
    out.success();
    assert!(
        out.stderr
            .contains(" level=debug msg=\"Called version.PersistentPreRunE(")
            && out
                .stderr
                .contains(" level=info msg=\"rpod filtering at log level debug\"")
            && !out.stderr.contains(" level=trace "),
        "{out}"
    );
    let out = env.rpod(["--log-level=trace", "version"]).run();
    out.success();
    assert!(out.stderr.contains(" level=trace "), "{out}");
    env.rpod(["--log-level=info", "version"])
        .run()
        .success()
        .stderr_has(" level=info ");
    for quiet in ["warn", "warning", "error"] {
        env.rpod([&format!("--log-level={quiet}"), "version"])
            .run()
            .success()
            .stderr_is("");
    }
    env.rpod(["-D", "version"])
        .run()
        .success()
        .stderr_has(" level=debug ");
    env.rpod(["--log-level=telepathic", "version"])
        .run()
        .code(1)
        .stderr_has("Log Level \"telepathic\" is not supported, choose from: trace, debug");
    env.rpod(["--debug", "--log-level=panic", "version"])
        .run()
        .code(1)
        .stderr_is("Setting --log-level and --debug is not allowed");

    // --noout and --out: stdout goes nowhere, or to the file.
    env.rpod(["--noout", "version"])
        .run()
        .success()
        .stdout_is("");
    let file = env.home.join("out.txt");
    env.rpod([
        "--out",
        file.to_str().unwrap(),
        "version",
        "--format",
        "{{.Client.Version}}",
    ])
    .run()
    .success()
    .stdout_is("");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{}\n", env!("CARGO_PKG_VERSION"))
    );
    // A repeated single-value option: the last one wins.
    env.rpod([
        "version",
        "--format",
        "json",
        "--format",
        "{{.Client.Version}}",
    ])
    .run()
    .success()
    .stdout_is(env!("CARGO_PKG_VERSION"));
}

#[test]
fn templates_take_podmans_functions_and_table_headers() {
    let env = require!(Env::rootless());
    let root = env.root().display().to_string();
    env.rpod([
        "info",
        "--format",
        "{{.Host.OCIRuntime.Name}} {{upper .Host.OCIRuntime.Name}} {{.Store.GraphRoot}}",
    ])
    .run()
    .success()
    .stdout_is(&format!("rpod RPOD {root}"));
    // rpod is its own runtime: never a null runtime path.
    let out = env.rpod(["info", "--format", "json"]).run();
    out.success();
    let v = out.json();
    assert_eq!(v["host"]["ociRuntime"]["name"], "rpod", "{out}");
    // The builder is rpod's own: its version, never empty.
    assert_eq!(
        v["host"]["buildahVersion"],
        env!("CARGO_PKG_VERSION"),
        "{out}"
    );
    assert!(
        v["host"]["ociRuntime"]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("/rpod")),
        "{out}"
    );
    env.rpod([
        "version",
        "--format",
        "{{join (split .Client.Version \".\") \"-\"}}|{{truncate \"abcdef\" 3}}|{{title \"hello world\"}}|{{lower \"ABC\"}}",
    ])
    .run()
    .success()
    .stdout_is(&format!(
        "{}|abc|Hello World|abc",
        env!("CARGO_PKG_VERSION").replace('.', "-")
    ));
    // `table`: a header from the field names, columns aligned.
    let out = env
        .rpod(["network", "ls", "--format", "table {{.Name}}\t{{.Driver}}"])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        ["NAME        DRIVER", "podman      bridge"],
        "{out}"
    );
    // A template error is rpod's own error (125), with Go's words.
    env.rpod(["info", "--format", "{{.Host.OCIRuntime.Name"])
        .run()
        .code(125)
        .stderr_has("unclosed action");
}

#[test]
fn images_and_ps_sort_as_podman() {
    let shared = require!(crate::registry::plain());
    let env = require!(Env::rootless());
    let image = shared.reference("busybox:latest");
    crate::pull::pull(&env, shared, "busybox:latest");
    env.rpod(["tag", &image, "zzz:1", "aaa:2"]).run().success();
    let names = |sort: &str| {
        let out = env
            .rpod([
                "images",
                "--sort",
                sort,
                "--format",
                "{{.Repository}}:{{.Tag}}",
            ])
            .run();
        out.success();
        out.lines()
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
    };
    let by_repo = names("repository");
    let mut sorted = by_repo.clone();
    sorted.sort();
    assert_eq!(by_repo.len(), 3, "{by_repo:?}");
    assert_eq!(by_repo, sorted, "--sort repository is ascending");
    assert!(
        by_repo.contains(&"localhost/aaa:2".to_string()),
        "{by_repo:?}"
    );
    let by_tag = names("tag");
    assert_eq!(
        by_tag[..2],
        ["localhost/zzz:1".to_string(), "localhost/aaa:2".to_string()],
        "--sort tag is ascending by tag"
    );
    assert!(by_tag[2].ends_with(":latest"), "{by_tag:?}");
    for name in ["bb", "aa", "cc"] {
        env.rpod(["create", "--name", name, &image, "true"])
            .run()
            .success();
    }
    let ps = |args: &[&str]| {
        let out = env
            .rpod(["ps", "-a", "--format", "{{.Names}}"])
            .args(args)
            .run();
        out.success();
        out.lines().join(" ")
    };
    assert_eq!(ps(&["--sort", "names"]), "aa bb cc");
    assert_eq!(ps(&["--sort", "created"]), "bb aa cc");
    assert_eq!(ps(&[]), "cc aa bb", "newest first without --sort");
    // rpod's store holds only rpod's containers (its build makes no
    // working containers): --external lists what --all lists.
    let out = env
        .rpod([
            "ps",
            "--external",
            "--format",
            "{{.Names}}",
            "--sort",
            "names",
        ])
        .run();
    out.success().stdout_is("aa\nbb\ncc");
    env.rpod(["container", "exists", "--external", "aa"])
        .run()
        .success();
    env.rpod(["container", "exists", "--external", "nosuch"])
        .run()
        .code(1);
    env.rpod(["ps", "--sort", "bogus"]).run().code(125).stderr_has(
        "Error: invalid argument \"bogus\" for \"--sort\" flag: \"bogus\" is not a valid value.  Choose from: \"command, created, id, image, names, runningfor, size, status\"",
    );
    env.rpod(["rm", "-a"]).run().success();
}

/// `--runtime`: rpod is its own runtime. Another runtime that exists is
/// ignored with a warning, one that does not is podman's error (from the
/// flag or containers.conf), and `--runtime-flag` has nowhere to go.
#[test]
fn runtime_flags_name_what_rpod_does_with_them() {
    let env = require!(Env::rootless());
    env.rpod(["--runtime=idonotexist", "images"])
        .run()
        .error125()
        .stderr_has("\"idonotexist\" not found");
    env.rpod(["--runtime", "rpod", "images"])
        .run()
        .success()
        .stderr_is("");
    env.rpod(["--runtime", "/bin/true", "images"])
        .run()
        .success()
        .stderr_has("rpod runs containers itself")
        .stderr_has("/bin/true");
    env.rpod(["--runtime-flag", "invalidflag", "images"])
        .run()
        .error125()
        .stderr_has("invalidflag");
    env.containers_conf("[engine]\nruntime = \"idonotexist\"\n");
    env.rpod(["images"])
        .run()
        .error125()
        .stderr_has("\"idonotexist\" not found");
    env.containers_conf("[engine]\nruntime = \"true\"\n");
    env.rpod(["images"]).run().success().stderr_is("");
    // A name of [engine.runtimes]: found through its paths.
    env.containers_conf(
        "[engine]\nruntime = \"custom_name\"\n[engine.runtimes]\ncustom_name = [\"/nonexistent/x\", \"/bin/true\"]\n",
    );
    env.rpod(["images"]).run().success().stderr_is("");
    env.containers_conf(
        "[engine]\nruntime = \"custom_name\"\n[engine.runtimes]\ncustom_name = [\"/nonexistent/x\"]\n",
    );
    env.rpod(["images"])
        .run()
        .error125()
        .stderr_has("\"custom_name\" not found");
}

/// `run -h NAME` is the host name, as in podman and docker (help is
/// `--help`); `-h` alone is pflag's "flag needs an argument".
#[test]
fn run_dash_h_is_the_hostname() {
    let shared = require!(crate::registry::plain());
    let env = require!(Env::rootless());
    crate::pull::pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.rpod([
        "run",
        "--rm",
        "--net",
        "none",
        "-h",
        "myhost",
        &image,
        "cat",
        "/etc/hostname",
    ])
    .run()
    .success()
    .stdout_is("myhost");
    env.rpod(["run", "-h"])
        .run()
        .error125()
        .stderr_is("Error: flag needs an argument: 'h' in -h\nSee 'rpod run --help'");
    env.rpod(["create", "--help"])
        .run()
        .success()
        .stdout_has("--hostname");
}

/// `wait --condition` takes podman's other states: `created`, `paused`,
/// `removing` (a `--rm` container: its exit code once it is gone); and
/// `--stop-signal=99` is podman's "valid signals are 1 through 64".
#[test]
fn wait_conditions_and_stop_signal_range() {
    let shared = require!(crate::registry::plain());
    let env = require!(Env::rootless());
    crate::pull::pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    env.rpod(["create", "--name", "wc", "--net", "none", &image, "true"])
        .run()
        .success();
    env.rpod(["wait", "--condition", "created", "wc"])
        .run()
        .success()
        .stdout_is("0");
    let id = env
        .rpod([
            "run",
            "-d",
            "--rm",
            "--net",
            "none",
            &image,
            "sh",
            "-c",
            "sleep 0.3; exit 4",
        ])
        .run()
        .success()
        .out()
        .to_string();
    // Its exit code when the exit was seen before the record went, else
    // podman's "no such container" (podman's own test allows both).
    let out = env.rpod(["wait", "--condition=removing", &id]).run();
    assert!(
        (out.code == 0 && out.out() == "4")
            || (out.code == 125 && out.stderr.contains("no such container")),
        "{out}"
    );
    env.rpod(["container", "exists", &id]).run().code(1);
    env.rpod(["create", "--stop-signal=99", &image])
        .run()
        .error125()
        .stderr_is("Error: valid signals are 1 through 64");
}

/// `help --help` under any command group prints the help command's own
/// help (cobra's), exit 0, as podman; `rpod --help` starts with podman's
/// summary line; `container list` is the name (`ls`, `ps` its aliases).
#[test]
fn help_of_help_and_podmans_root_summary() {
    let env = require!(Env::rootless());
    for (args, path) in [
        (&["help", "--help"][..], "rpod"),
        (&["image", "help", "-h"], "rpod image"),
        (
            &["--log-level", "warn", "pod", "help", "--help"],
            "rpod pod",
        ),
    ] {
        let out = env.rpod(args).run();
        out.success().stderr_is("");
        assert!(out.stdout.starts_with("Help about any command\n"), "{out}");
        assert!(
            out.stdout
                .contains(&format!("Usage:\n  {path} help [command]\n")),
            "{out}"
        );
    }
    for h in ["help", "--help", "-h"] {
        let out = env.rpod([h]).run();
        out.success();
        assert_eq!(
            out.lines().first().copied(),
            Some("Manage pods, containers and images"),
            "{out}"
        );
    }
    let out = env.rpod(["container", "ls", "--help"]).run();
    out.success();
    assert!(
        out.stdout
            .contains("Usage:\n  rpod container list [options]\n"),
        "{out}"
    );
    assert!(out.stdout.contains("Aliases:\n  list, ls, ps\n"), "{out}");
}

/// `--latest` with names, or with `--all`, is refused before anything
/// runs, in podman's words, exit 125, for every verb that has `--latest`.
#[test]
fn latest_with_names_or_all_is_refused_as_podman() {
    let env = require!(Env::rootless());
    for verb in [
        &["rm"][..],
        &["stop"],
        &["kill"],
        &["wait"],
        &["restart"],
        &["pause"],
        &["container", "unpause"],
        &["logs"],
        &["diff"],
    ] {
        let mut args = verb.to_vec();
        args.extend(["-l", "no-such-ctr"]);
        env.rpod(&args)
            .run()
            .code(125)
            .stderr_is("Error: --latest and containers cannot be used together");
        if !matches!(verb, ["logs"] | ["diff"] | ["wait"]) {
            let mut args = verb.to_vec();
            args.extend(["--all", "--latest"]);
            env.rpod(&args)
                .run()
                .code(125)
                .stderr_is("Error: --all and --latest cannot be used together");
        }
    }
    for verb in [
        &["inspect"][..],
        &["container", "inspect"],
        &["pod", "inspect"],
    ] {
        let mut args = verb.to_vec();
        args.extend(["-l", "x"]);
        env.rpod(&args)
            .run()
            .code(125)
            .stderr_is("Error: --latest and arguments cannot be used together");
    }
    for verb in ["rm", "stop", "kill"] {
        env.rpod([verb])
            .run()
            .code(125)
            .stderr_is("Error: you must provide at least one name or id");
    }
    for verb in ["stop", "rm", "kill"] {
        env.rpod(["pod", verb, "-l", "no-such-pod"])
            .run()
            .code(125)
            .stderr_is("Error: --latest and pods cannot be used together");
        env.rpod(["pod", verb, "--all", "--latest"])
            .run()
            .code(125)
            .stderr_is("Error: --all and --latest cannot be used together");
    }
}

/// A template of only `{{"\n"}}` prints nothing but blank lines' worth of
/// nothing and exits 0 for the commands that list or inspect, empty
/// stores included (`volume inspect --all` with no volume).
#[test]
fn a_newline_template_prints_nothing_for_listing_commands() {
    let env = require!(Env::rootless());
    for args in [
        &["volume", "inspect", "--all"][..],
        &["volume", "ls"],
        &["ps", "-a"],
        &["images"],
        &["pod", "ps"],
        &["network", "ls"],
        &["secret", "ls"],
        &["info"],
        &["version"],
        &["system", "df"],
    ] {
        let mut a = args.to_vec();
        a.extend(["--format", "{{\"\\n\"}}"]);
        let out = env.rpod(&a).run();
        out.success().stderr_is("");
        assert!(out.stdout.trim().is_empty(), "{args:?}: {out}");
    }
    env.rpod(["volume", "inspect", "--all"])
        .run()
        .success()
        .stdout_is("[]");
    env.rpod(["volume", "inspect"])
        .run()
        .code(125)
        .stderr_is("Error: provide one or more volume names or use --all");
}

/// A storage.conf that names no driver: containers-storage's warning, and
/// rpod still works (overlay); one that names it: no warning.
#[test]
fn storage_conf_without_a_driver_warns_as_podman() {
    let env = require!(Env::rootless());
    let empty = env.write_file(std::path::Path::new("storage-empty.conf"), "");
    let out = env
        .rpod(["info", "--format", "{{.Store.GraphDriverName}}"])
        .env("CONTAINERS_STORAGE_CONF", empty.display().to_string())
        .run();
    out.success().stdout_is("overlay").stderr_has(&format!(
        "The storage 'driver' option should be set in {}. A driver was picked automatically.",
        empty.display()
    ));
    let set = env.write_file(
        std::path::Path::new("storage-set.conf"),
        "[storage]\ndriver = \"vfs\"\n",
    );
    env.rpod(["info", "--format", "{{.Store.GraphDriverName}}"])
        .env("CONTAINERS_STORAGE_CONF", set.display().to_string())
        .run()
        .success()
        .stdout_is("vfs")
        .stderr_is("");
}
