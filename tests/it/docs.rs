//! The man pages (man/) and shell completions (contrib/completions/) in the
//! repository are exactly what the current CLI generates; help and version
//! print what podman's do; the configuration examples are read by rpod.

use std::process::Command;

fn rpod(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rpod"))
        .args(args)
        .output()
        .expect("running rpod")
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_rpod"))
        .args(["internal", "gen-docs", "--check", "--man-dir"])
        .arg(format!("{root}/man"))
        .arg("--completions-dir")
        .arg(format!("{root}/contrib/completions"))
        .output()
        .expect("running rpod");
    assert!(
        out.status.success(),
        "the generated docs are stale or their sources incomplete:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completion_verb_prints_a_script() {
    for (shell, marker) in [
        ("bash", "complete -o default -F __rpod_complete rpod"),
        ("zsh", "#compdef rpod"),
        ("fish", "complete -c rpod -n __rpod_prepare"),
    ] {
        let text = stdout(&rpod(&["completion", shell]));
        assert!(text.contains(marker), "{shell}: {marker} missing");
        // As cobra's scripts, they ask rpod for the candidates.
        assert!(text.contains(" __complete"), "{shell}: no __complete call");
        // The script is what the repository ships.
        let file = match shell {
            "bash" => "rpod.bash",
            "zsh" => "_rpod",
            _ => "rpod.fish",
        };
        let shipped = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("contrib/completions")
                .join(file),
        )
        .unwrap();
        assert_eq!(text, shipped, "{shell}");
    }
}

#[test]
fn help_command_prints_a_commands_help() {
    let help = stdout(&rpod(&["help", "run"]));
    assert_eq!(help, stdout(&rpod(&["run", "--help"])));
    // podman's layout: summary, Description, Usage with upper-case
    // arguments, Examples from the man page, the command's own options.
    assert!(
        help.starts_with(
            "Run a command in a new container\n\nDescription:\n  Run a command in a new container\n\nUsage:\n  rpod run [options] IMAGE [COMMAND [ARG...]]\n\nExamples:\n  rpod run "
        ),
        "{help}"
    );
    assert!(
        help.contains("\nOptions:\n") && help.contains("\n  -d, --detach "),
        "{help}"
    );
    // As in podman, the global options are listed only by `rpod --help`.
    assert!(!help.contains("--root string"), "{help}");
    assert!(
        stdout(&rpod(&["--help"])).contains("\n      --root string "),
        "global options in the root help"
    );
    assert_eq!(
        stdout(&rpod(&["help", "container", "ls"])),
        stdout(&rpod(&["container", "ls", "--help"]))
    );
    let top = stdout(&rpod(&["help"]));
    assert!(
        top.contains("\n  run         Run a command in a new container\n"),
        "{top}"
    );
}

#[test]
fn version_as_podman_prints_it() {
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(stdout(&rpod(&["--version"])), format!("rpod version {v}\n"));
    assert_eq!(stdout(&rpod(&["-v"])), format!("rpod version {v}\n"));

    let text = stdout(&rpod(&["version"]));
    let lines: Vec<&str> = text.lines().collect();
    let keys: Vec<&str> = lines.iter().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "Client",
            "Version",
            "API Version",
            "Rust Version",
            "Built",
            "OS/Arch"
        ],
        "{text}"
    );
    // Values aligned in one column, as podman's tabwriter does.
    let col = lines[0].find("rpod").unwrap();
    for l in &lines {
        assert!(
            l[..col].ends_with("  ") && !l[col..].starts_with(' '),
            "{text}"
        );
    }
    assert_eq!(lines[1], format!("Version:{}{v}", " ".repeat(col - 8)));
    assert!(lines[3].contains("rustc 1."), "{text}");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&rpod(&["version", "-f", "json"]))).unwrap();
    assert_eq!(json["Client"]["Version"], v);
    assert_eq!(json["Client"]["APIVersion"], v);
    let built = json["Client"]["Built"].as_i64().unwrap();
    assert!(built > 1_546_300_800, "{json}"); // after 2019-01-01, as podman's test asks
                                              // The date podman's test parses out of "Built:" is the same moment.
    let shown = lines[4].trim_start_matches("Built:").trim();
    let parsed = Command::new("date")
        .args(["--date", shown, "+%s"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&parsed.stdout).trim(),
        built.to_string()
    );
    assert_eq!(
        stdout(&rpod(&["version", "--format", "{{.Client.Version}}"])),
        format!("{v}\n")
    );
    assert_eq!(
        stdout(&rpod(&["version", "--format", "{{.Version}}"])),
        format!("{v}\n")
    );
}

#[test]
fn configuration_examples_are_read_as_written() {
    let root = env!("CARGO_MANIFEST_DIR");
    let examples = std::path::Path::new(root).join("contrib/config");
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("config/containers");
    std::fs::create_dir_all(&conf).unwrap();
    for f in ["registries.conf", "containers.conf"] {
        std::fs::copy(examples.join(f), conf.join(f)).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_rpod"))
        .arg("--root")
        .arg(dir.path().join("root"))
        .arg("--runroot")
        .arg(dir.path().join("run"))
        .args(["info", "--format", "json"])
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("CONTAINERS_STORAGE_CONF", examples.join("storage.conf"))
        .output()
        .unwrap();
    let info: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        info["registries"]["search"],
        serde_json::json!(["docker.io"]),
        "{info}"
    );
    assert_eq!(info["store"]["graphDriverName"], "overlay", "{info}");
    assert_eq!(
        info["store"]["configFile"],
        examples.join("storage.conf").display().to_string()
    );

    // The Quadlet example translates.
    let out = Command::new(env!("CARGO_BIN_EXE_rpod"))
        .args(["quadlet", "--dryrun"])
        .env("QUADLET_UNIT_DIRS", &examples)
        .output()
        .unwrap();
    let units = stdout(&out);
    assert!(units.starts_with("---web.service---\n"), "{units}");
    assert!(units.contains(" run --name systemd-%N "), "{units}");
    assert!(
        units.contains(" -v web-data:/usr/share/nginx/html:ro "),
        "{units}"
    );
    assert!(
        units.contains(" --publish 8080:80 docker.io/library/nginx\n"),
        "{units}"
    );
}
