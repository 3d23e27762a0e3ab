//! podman's dynamic shell completion (`rpod __complete`, `__completeNoDesc`):
//! cobra's protocol (candidates, then `:DIRECTIVE`, then the directive's
//! names on stderr) for verbs, flags, flag values, `--format` template
//! fields and the names of real objects in the store.

use std::path::Path;

use crate::harness::{Env, Output};
use crate::pull::busybox_env;

/// `rpod __complete[NoDesc] --root R --runroot R WORDS...` as the test user:
/// the global flags ride in the completed command line, as podman's do.
fn complete(env: &Env, descriptions: bool, words: &[&str]) -> Output {
    let verb = if descriptions {
        "__complete"
    } else {
        "__completeNoDesc"
    };
    let mut c = env.rpod_bare([verb]);
    c.arg("--root")
        .arg(env.root())
        .arg("--runroot")
        .arg(env.runroot())
        .args(words);
    c.run()
}

/// The candidates (lines before `:N`) and the directive number.
fn candidates(out: &Output) -> (Vec<String>, u32) {
    out.success();
    let text = &out.stdout;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let last = lines.pop().unwrap_or_default();
    let directive = last
        .strip_prefix(':')
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("no :DIRECTIVE line last\n{out}"));
    (lines, directive)
}

#[test]
fn verbs_flags_and_values_follow_cobra() {
    let env = require!(Env::rootless());
    // Verbs with their short help; cobra's `help` among them.
    let out = complete(&env, true, &[""]);
    let (verbs, d) = candidates(&out);
    assert!(verbs.contains(&"ps\tList containers".to_string()), "{out}");
    assert_eq!(
        verbs.iter().filter(|v| v.starts_with("help\t")).count(),
        1,
        "{out}"
    );
    assert!(!verbs.iter().any(|v| v.starts_with("internal")), "{out}");
    assert_eq!(d, 4, "{out}");
    out.stderr_has("Completion ended with directive: ShellCompDirectiveNoFileComp");
    let (verbs, _) = candidates(&complete(&env, false, &["volume", "i"]));
    assert_eq!(verbs, ["import", "inspect"]);
    // `help` completes the verbs it can describe; only the root has `help`.
    let (verbs, _) = candidates(&complete(&env, false, &["help", "volume", "e"]));
    assert_eq!(verbs, ["exists", "export"]);
    let (verbs, _) = candidates(&complete(&env, false, &["volume", "h"]));
    assert!(verbs.is_empty(), "{verbs:?}");

    // Flag names, long and short; descriptions only in __complete.
    let (flags, d) = candidates(&complete(&env, false, &["run", "--pul"]));
    assert_eq!((flags, d), (vec!["--pull".to_string()], 4));
    let (flags, _) = candidates(&complete(&env, true, &["ps", "-"]));
    assert!(flags.iter().any(|f| f.starts_with("--all\t")), "{flags:?}");
    assert!(flags.iter().any(|f| f.starts_with("-a\t")), "{flags:?}");
    assert!(flags.iter().any(|f| f.starts_with("--help\t")), "{flags:?}");
    // Global flags are offered to every verb; hidden ones never.
    assert!(flags.iter().any(|f| f.starts_with("--root\t")), "{flags:?}");
    let (flags, _) = candidates(&complete(&env, false, &["--no"]));
    assert!(!flags.contains(&"--noout".to_string()), "{flags:?}");
    // A flag given once is not offered again; a repeatable one is.
    let (flags, _) = candidates(&complete(&env, false, &["ps", "--all", "--"]));
    assert!(!flags.contains(&"--all".to_string()), "{flags:?}");
    assert!(flags.contains(&"--filter".to_string()), "{flags:?}");
    let (flags, _) = candidates(&complete(&env, false, &["ps", "-f", "x", "--fil"]));
    assert_eq!(flags, ["--filter"]);

    // Flag values, after the flag or its `=`.
    for words in [&["run", "--pull", ""][..], &["create", "--pull="]] {
        let (values, d) = candidates(&complete(&env, false, words));
        assert_eq!(values, ["always", "missing", "never", "newer"], "{words:?}");
        assert_eq!(d, 4);
    }
    let (values, _) = candidates(&complete(&env, false, &["run", "--restart", ""]));
    assert_eq!(values, ["always", "no", "on-failure", "unless-stopped"]);
    let (values, _) = candidates(&complete(&env, false, &["run", "--log-driver", ""]));
    assert!(values.contains(&"k8s-file".to_string()), "{values:?}");
    let (values, _) = candidates(&complete(&env, false, &["run", "--stop-signal", "SI"]));
    assert!(values.contains(&"SIGKILL".to_string()), "{values:?}");
    let (values, _) = candidates(&complete(&env, false, &["create", "--stop-signal", "k"]));
    assert!(values.contains(&"kill".to_string()), "{values:?}");
    let (values, d) = candidates(&complete(
        &env,
        false,
        &["run", "--security-opt", "label=ty"],
    ));
    assert_eq!(d, 6);
    assert!(values.contains(&"label=type:".to_string()), "{values:?}");
    let (values, _) = candidates(&complete(
        &env,
        false,
        &["pod", "create", "--share", "ipc,u"],
    ));
    assert!(values.contains(&"ipc,uts".to_string()), "{values:?}");
    let (values, _) = candidates(&complete(&env, false, &["create", "--systemd", ""]));
    assert_eq!(values, ["true", "false", "always"]);
    // After `run IMAGE` (or `--`) words are the command's, not flags.
    let (values, _) = candidates(&complete(&env, false, &["ps", "--", "--al"]));
    assert!(values.is_empty(), "{values:?}");
    let (values, _) = candidates(&complete(
        &env,
        false,
        &["run", "--name", "x", "--pull", ""],
    ));
    assert_eq!(values.len(), 4, "{values:?}");
    // A flag rpod does not have: cobra's error, default directive.
    let out = complete(&env, false, &["ps", "--bogus", ""]);
    assert_eq!(candidates(&out), (Vec::new(), 0));
    out.stderr_has("Subcommand 'ps' does not support flag 'bogus'");
    out.stderr_has("Completion ended with directive: ShellCompDirectiveDefault");

    // --format: json, then the output's template fields, nested ones with a dot.
    let (values, _) = candidates(&complete(&env, false, &["ps", "--format", "j"]));
    assert_eq!(values, ["json"]);
    let out = complete(&env, false, &["ps", "--format", "{{."]);
    let (fields, d) = candidates(&out);
    assert!(fields.contains(&"{{.Names}}".to_string()), "{out}");
    assert!(fields.contains(&"{{.Labels.".to_string()), "{out}");
    assert_eq!(d, 6, "{out}");
    out.stderr_has(
        "Completion ended with directive: ShellCompDirectiveNoSpace, ShellCompDirectiveNoFileComp",
    );
    let (fields, _) = candidates(&complete(
        &env,
        false,
        &["images", "--format", "table {{.ID}} {{.Rep"],
    ));
    assert_eq!(
        fields,
        [
            "table {{.ID}} {{.Repository}}",
            "table {{.ID}} {{.RepoTags}}",
            "table {{.ID}} {{.RepoDigests}}"
        ]
    );
    // A volume's fields even before there is a volume.
    let (fields, _) = candidates(&complete(
        &env,
        false,
        &["volume", "inspect", "--format", "{{.Mou"],
    ));
    assert_eq!(fields, ["{{.Mountpoint}}", "{{.MountCount}}"]);
    let (fields, _) = candidates(&complete(&env, false, &["info", "--format", "{{.Host.Ar"]));
    assert_eq!(fields, ["{{.Host.Arch}}"]);
    // Artifacts' fields, with no artifact stored.
    let (fields, _) = candidates(&complete(
        &env,
        false,
        &["artifact", "inspect", "--format", "{{.Tot"],
    ));
    assert_eq!(fields, ["{{.TotalSizeBytes}}"]);
    let (fields, _) = candidates(&complete(
        &env,
        false,
        &["artifact", "ls", "--format", "{{.Rep"],
    ));
    assert_eq!(fields, ["{{.Repository}}"]);
    // A --format that is not a template (an image format) lists its values.
    let (values, _) = candidates(&complete(&env, false, &["commit", "--format", ""]));
    assert_eq!(values, ["oci", "docker"]);

    // `run --rootfs DIR`: directories first, then paths inside DIR.
    let rootfs = env.write_file(Path::new("rootfs/bin/sh"), "");
    let rootfs = rootfs.parent().unwrap().parent().unwrap().to_path_buf();
    let (none, d) = candidates(&complete(&env, false, &["run", "--rootfs", ""]));
    assert_eq!((none, d), (Vec::new(), 16));
    let dir = rootfs.display().to_string();
    let (paths, _) = candidates(&complete(&env, false, &["run", "--rootfs", &dir, "/b"]));
    assert_eq!(paths, ["/bin/"]);

    // --module: the containers.conf modules under the user's directory.
    let modules = env.config.join("containers/containers.conf.modules");
    std::fs::create_dir_all(modules.join("sub")).unwrap();
    for m in ["zeta.conf", "alpha.conf", "sub/nested.conf"] {
        env.write_file(&modules.join(m), "[containers]\n");
    }
    let (found, d) = candidates(&complete(&env, false, &["--module", ""]));
    assert_eq!(&found[..3], ["alpha.conf", "sub/nested.conf", "zeta.conf"]);
    assert_eq!(d, 0);
    let (found, _) = candidates(&complete(&env, false, &["--module", "z"]));
    assert_eq!(found, ["zeta.conf"]);
}

#[test]
fn object_names_come_from_the_store() {
    let (env, image) = require!(busybox_env());
    let id = env
        .rpod(["create", "--name", "webc"])
        .arg(&image)
        .arg("true")
        .run()
        .success()
        .out()
        .to_string();
    env.rpod(["volume", "create", "vol1"]).run().success();
    env.rpod(["network", "create", "net1"]).run().success();
    env.rpod(["pod", "create", "--name", "pod1"])
        .run()
        .success();

    // A created container can be started, not stopped.
    let (names, d) = candidates(&complete(&env, false, &["start", ""]));
    assert!(names.contains(&"webc".to_string()), "{names:?}");
    assert_eq!(d, 4);
    let (names, _) = candidates(&complete(&env, false, &["stop", ""]));
    assert!(!names.contains(&"webc".to_string()), "{names:?}");
    // IDs once two characters are typed.
    let (names, _) = candidates(&complete(&env, false, &["rm", &id[..3]]));
    assert_eq!(names, [&id[..12]]);
    // No more arguments: nothing, and no file completion.
    let (names, d) = candidates(&complete(&env, false, &["rename", "webc", "new", ""]));
    assert_eq!((names, d), (Vec::new(), 4));

    let (names, _) = candidates(&complete(&env, false, &["volume", "rm", ""]));
    assert_eq!(names, ["vol1"]);
    let (names, _) = candidates(&complete(&env, false, &["network", "rm", "ne"]));
    assert_eq!(names, ["net1"]);
    let (names, _) = candidates(&complete(&env, false, &["pod", "rm", ""]));
    assert_eq!(names, ["pod1"]);
    let (names, _) = candidates(&complete(&env, false, &["run", "--pod", "p"]));
    assert_eq!(names, ["pod1"]);
    let (names, _) = candidates(&complete(&env, false, &["run", "-v", "v"]));
    assert_eq!(names, ["vol1"]);
    let (names, _) = candidates(&complete(&env, false, &["run", "--network", "net"]));
    assert_eq!(names, ["net1"]);

    // --filter: the verb's keys, then a key's values.
    let (keys, d) = candidates(&complete(&env, false, &["ps", "--filter", "st"]));
    assert_eq!((keys, d), (vec!["status=".to_string()], 6));
    let (values, _) = candidates(&complete(&env, false, &["ps", "-f", "name=we"]));
    assert_eq!(values, ["name=webc"]);
    let (values, _) = candidates(&complete(&env, false, &["volume", "ls", "--filter=name="]));
    assert_eq!(values, ["name=vol1"]);

    // Images: full names, then shorter forms once typed.
    let (names, _) = candidates(&complete(&env, false, &["rmi", ""]));
    assert!(names.contains(&image), "{names:?}");
    let (names, _) = candidates(&complete(&env, false, &["rmi", "bu"]));
    assert!(names.contains(&"busybox:latest".to_string()), "{names:?}");

    // inspect's --format follows the type of its argument.
    let (fields, _) = candidates(&complete(&env, false, &["inspect", "-f", "{{."]));
    assert!(fields.contains(&"{{.Args}}".to_string()), "{fields:?}");
    let (fields, _) = candidates(&complete(&env, false, &["inspect", "vol1", "-f", "{{."]));
    assert!(
        fields.contains(&"{{.Mountpoint}}".to_string()),
        "{fields:?}"
    );
    assert!(!fields.contains(&"{{.Args}}".to_string()), "{fields:?}");
    let (fields, _) = candidates(&complete(&env, false, &["inspect", "net1", "-f", "{{."]));
    assert!(
        fields.contains(&"{{.DNSEnabled}}".to_string()),
        "{fields:?}"
    );

    // Paths inside the image after `run IMAGE`, inside the container for cp.
    let out = complete(&env, false, &["create", &image, ""]);
    let (paths, d) = candidates(&out);
    assert!(paths.contains(&"/etc/".to_string()), "{out}");
    assert_eq!(d, 2, "{out}");
    let (paths, d) = candidates(&complete(&env, false, &["run", &image, "/etc/pa"]));
    assert_eq!((paths, d), (vec!["/etc/passwd".to_string()], 0));
    let (names, d) = candidates(&complete(&env, false, &["cp", "we"]));
    assert_eq!((names, d), (vec!["webc:".to_string()], 2));
    let (paths, _) = candidates(&complete(&env, false, &["cp", "webc:/etc/gr"]));
    assert_eq!(paths, ["webc:/etc/group"]);
}

#[test]
fn shell_scripts_ask_rpod_for_real_names() {
    let (env, image) = require!(busybox_env());
    env.rpod(["create", "--name", "webc"])
        .arg(&image)
        .arg("true")
        .run()
        .success();
    // The shipped scripts, copied where the test user can read them (CI's
    // clone may sit in a directory that user cannot enter).
    let shipped = |name: &str| {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("contrib/completions")
                .join(name),
        )
        .expect("the shipped completion script");
        env.write_file(Path::new(name), &text)
    };
    let bash_script = shipped("rpod.bash");
    let line = format!(
        "{} --root {} --runroot {} start we",
        crate::harness::rpod_bin().display(),
        env.root().display(),
        env.runroot().display()
    );
    // bash, as it calls the function on TAB (without bash-completion's helpers).
    let script = format!(
        "source {}\n\
         COMP_LINE=\"$1\"; COMP_POINT=${{#1}}; read -ra COMP_WORDS <<<\"$1\"\n\
         COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); __rpod_complete\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        bash_script.display()
    );
    let out = env
        .cmd("bash")
        .arg("-c")
        .arg(&script)
        .arg("bash")
        .arg(&line)
        .run();
    out.success();
    assert_eq!(out.stdout, "webc\n", "{out}");
    // fish's own completion of a command line.
    if crate::harness::have("fish") {
        let fish_script = shipped("rpod.fish");
        let out = env
            .cmd("fish")
            .arg("-c")
            .arg(format!(
                "source {}; complete -C \"$argv[1]\"",
                fish_script.display()
            ))
            .arg(&line)
            .run();
        out.success();
        assert_eq!(out.stdout, "webc\n", "{out}");
    }
}
