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
            &["run", "--name"],
            "Error: flag needs an argument: --name\nSee 'rpod run --help'",
        ),
        (
            &["ps", "--format"],
            "Error: flag needs an argument: --format\nSee 'rpod ps --help'",
        ),
        (
            &["run"],
            "Error: missing required argument: <IMAGE>\nSee 'rpod run --help'",
        ),
    ] {
        env.rpod(args).run().code(125).stdout_is("").stderr_is(want);
    }
    // No verb at all: the help on stderr, then the error.
    let out = env.rpod_bare(Vec::<String>::new()).run();
    out.code(125).stdout_is("");
    assert!(
        out.stderr
            .starts_with("A daemonless, rootless container manager\n")
            && out
                .stderr
                .ends_with("\nError: missing command 'rpod COMMAND'\n"),
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
        .stderr_is("Error: no such object: \"nosuch\": no container or image has this name or ID");
    env.rpod(["container", "inspect", "nosuch"])
        .run()
        .code(125)
        .stdout_is("[]")
        .stderr_is("Error: no such container \"nosuch\"");
}
