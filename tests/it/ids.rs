//! Users, ids and the process's surroundings: `--group-add`, `--umask`,
//! `--tz`, `--hostuser`, `--passwd-entry`, `--group-entry`, `--uidmap`,
//! `--gidmap`, `--userns=keep-id:uid=,gid=`, `nomap`, `auto`, as the
//! unprivileged user, compared with what podman documents.

use crate::harness::{rootless_user, Env};
use crate::pull::busybox_env as setup;

fn inspect(env: &Env, name: &str, format: &str) -> String {
    let out = env.rpod(["inspect", "--format", format, name]).run();
    out.success();
    out.out().to_string()
}

#[test]
fn group_add_and_umask() {
    let (env, image) = require!(setup());
    // The fixture's group "user" is gid 1000; 457 is no group of the image.
    let out = env
        .rpod([
            "run",
            "--name",
            "g",
            "--group-add",
            "457",
            "--group-add",
            "user",
            "--umask",
            "077",
            &image,
            "sh",
            "-c",
            "id -G; umask",
        ])
        .run();
    out.success();
    let groups: Vec<&str> = out.lines()[0].split(' ').collect();
    assert!(groups.contains(&"457") && groups.contains(&"1000"), "{out}");
    assert_eq!(out.lines()[1], "0077", "{out}");
    assert_eq!(
        inspect(&env, "g", "{{.HostConfig.GroupAdd}} {{.Config.Umask}}"),
        "[457 user] 0077"
    );
    // podman's default umask, whatever the caller's.
    env.rpod(["run", "--rm", &image, "sh", "-c", "umask"])
        .run()
        .success()
        .stdout_is("0022");
    // podman: the container cannot be started (126).
    env.rpod(["run", "--rm", "--group-add", "nosuchgroup", &image, "true"])
        .run()
        .code(126)
        .stderr_has("unable to find group nosuchgroup: no matching entries in group file");
    env.rpod(["run", "--rm", "--umask", "0999", &image, "true"])
        .run()
        .code(125)
        .stderr_has("--umask 0999");
}

#[test]
fn keep_groups_keeps_the_callers_groups_alone() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "--rm",
        "--group-add",
        "keep-groups",
        "--group-add",
        "10",
        &image,
        "true",
    ])
    .run()
    .code(125)
    .stderr_has(
        "the '--group-add keep-groups' option is not allowed with any other --group-add options",
    );
    // The fixture's root is in no other group; with keep-groups the
    // process keeps rpod's own supplementary groups (at least the user's
    // own gid, which is root's inside; any other shows as nobody).
    let status = "grep ^Groups: /proc/self/status";
    let own = env.rpod(["run", "--rm", &image, "sh", "-c", status]).run();
    own.success();
    assert_eq!(own.out().split_whitespace().count(), 1, "{own}");
    let kept = env
        .rpod([
            "run",
            "--rm",
            "--group-add",
            "keep-groups",
            &image,
            "sh",
            "-c",
            status,
        ])
        .run();
    kept.success();
    let groups: Vec<&str> = kept.out().split_whitespace().skip(1).collect();
    assert!(!groups.is_empty(), "{kept}");
    assert!(groups.iter().all(|g| *g == "0" || *g == "65534"), "{kept}");
}

#[test]
fn time_zones() {
    let (env, image) = require!(setup());
    // The last --tz wins, as podman; the zone's abbreviation shows.
    env.rpod([
        "run",
        "--rm",
        "--tz",
        "Europe/Berlin",
        "--tz=Asia/Kolkata",
        &image,
        "busybox",
        "date",
        "-d",
        "@1600000000",
        "+%H:%M %Z",
    ])
    .run()
    .success()
    .stdout_is("17:56 IST");
    // local: the host's /etc/localtime.
    let host = std::process::Command::new("date")
        .args(["-d", "@1600000000", "+%H:%M %Z"])
        .env_remove("TZ")
        .output()
        .unwrap();
    let host = String::from_utf8_lossy(&host.stdout).trim().to_string();
    env.rpod([
        "run",
        "--rm",
        "--tz",
        "local",
        &image,
        "busybox",
        "date",
        "-d",
        "@1600000000",
        "+%H:%M %Z",
    ])
    .run()
    .success()
    .stdout_is(&host);
    env.rpod([
        "create",
        "--name",
        "t",
        "--tz",
        "America/New_York",
        &image,
        "true",
    ])
    .run()
    .success();
    assert_eq!(
        inspect(&env, "t", "{{.Config.Timezone}}"),
        "America/New_York"
    );
    env.rpod(["run", "--rm", "--tz", "Mars/Olympus", &image, "true"])
        .run()
        .code(125)
        .stderr_has("--tz Mars/Olympus: unknown time zone");
    // containers.conf's tz and umask, under the flags.
    env.containers_conf("[containers]\ntz = \"Asia/Tokyo\"\numask = \"0027\"\n");
    env.rpod([
        "run",
        "--rm",
        &image,
        "sh",
        "-c",
        "busybox date -d @1600000000 +%Z; umask",
    ])
    .run()
    .success()
    .stdout_is("JST\n0027");
    env.rpod([
        "run",
        "--rm",
        "--tz",
        "UTC",
        "--umask",
        "0002",
        &image,
        "sh",
        "-c",
        "busybox date -d @1600000000 +%Z; umask",
    ])
    .run()
    .success()
    .stdout_is("UTC\n0002");
}

/// An image with the zone's file gets /etc/localtime as a link to it, as
/// podman makes it (localtime(5)); its own localtime is replaced.
#[test]
fn time_zone_link_into_the_images_zoneinfo() {
    let (env, image) = require!(setup());
    let ctx = env.dir.join("tzimg");
    env.write_file(
        &ctx.join("Containerfile"),
        &format!(
            "FROM {image}\nRUN mkdir -p /usr/share/zoneinfo/Europe && echo zone > /usr/share/zoneinfo/Europe/Berlin && echo old > /etc/localtime\n"
        ),
    );
    env.rpod(["build", "-q", "-t", "tzimg"])
        .arg(&ctx)
        .run()
        .success();
    env.rpod([
        "run",
        "--rm",
        "--tz",
        "Europe/Berlin",
        "tzimg",
        "sh",
        "-c",
        "readlink /etc/localtime; cat /etc/localtime",
    ])
    .run()
    .success()
    .stdout_is("../usr/share/zoneinfo/Europe/Berlin\nzone");
    // Without the file in the image: the host's copy.
    env.rpod([
        "run",
        "--rm",
        "--tz",
        "Asia/Tokyo",
        "tzimg",
        "sh",
        "-c",
        "test -L /etc/localtime || echo copy",
    ])
    .run()
    .success()
    .stdout_is("copy");
}

#[test]
fn passwd_and_group_entries() {
    let (env, image) = require!(setup());
    let user = rootless_user().unwrap();
    let entry = std::process::Command::new("getent")
        .args(["passwd", &user.name])
        .output()
        .unwrap()
        .stdout;
    let entry = String::from_utf8(entry).unwrap();
    let gecos = entry.split(':').nth(4).unwrap_or_default().to_string();
    // --hostuser: the host's entry, home the working directory.
    env.rpod([
        "run",
        "--rm",
        "--hostuser",
        &user.name,
        &image,
        "grep",
        &user.name,
        "/etc/passwd",
    ])
    .run()
    .success()
    .stdout_is(&format!(
        "{0}:*:{1}:{2}:{3}:/:/bin/sh",
        user.name,
        user.uid,
        user.gid,
        // The comment as Go's user.User.Name has it (to the first comma).
        gecos.split(',').next().unwrap_or_default()
    ));
    // podman finds it when the container starts: 126.
    env.rpod([
        "run",
        "--rm",
        "--hostuser",
        "no-such-user-here",
        &image,
        "true",
    ])
    .run()
    .code(126)
    .stderr_has("--hostuser no-such-user-here");
    // A numeric --user missing from the image gets an entry, from the template.
    env.rpod([
        "run",
        "--rm",
        "-u",
        "4242",
        "--passwd-entry",
        "$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/false",
        &image,
        "sh",
        "-c",
        "tail -1 /etc/passwd; id -un",
    ])
    .run()
    .success()
    .stdout_is("4242:x:4242:0:container user:/:/bin/false\n4242");
    env.rpod([
        "run",
        "--rm",
        "-u",
        "4242:4343",
        "--group-entry",
        "crew:x:$GID:",
        &image,
        "id",
        "-gn",
    ])
    .run()
    .success()
    .stdout_is("crew");
}

#[test]
fn own_id_maps() {
    let (env, image) = require!(setup());
    let user = rootless_user().unwrap();
    let (sub, _) = user.subuid.expect("a subuid range");
    let map = "cat /proc/self/uid_map";
    // --uidmap: intermediate ids (the user is 1000 inside here), and the
    // image's root files are still root's.
    let out = env
        .rpod([
            "run",
            "--name",
            "m",
            "--uidmap",
            "0:1:1000",
            "--uidmap",
            "1000:0:1",
            &image,
            "sh",
            "-c",
            &format!("{map}; stat -c %u /bin"),
        ])
        .run();
    out.success();
    let fields: Vec<&str> = out.lines()[0].split_whitespace().collect();
    assert_eq!(fields, ["0", &sub.to_string(), "1000"], "{out}");
    let own: Vec<&str> = out.lines()[1].split_whitespace().collect();
    assert_eq!(own, ["1000", &user.uid.to_string(), "1"], "{out}");
    assert_eq!(out.lines()[2], "0", "{out}");
    assert_eq!(
        inspect(&env, "m", "{{.HostConfig.UsernsMode}} {{.HostConfig.IDMappings.UIDMap}} {{.HostConfig.IDMappings.GIDMap}}"),
        "private [0:1:1000 1000:0:1] [0:1:1000 1000:0:1]"
    );
    // keep-id with other ids inside.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--userns=keep-id:uid=200,gid=210",
            &image,
            "sh",
            "-c",
            &format!("id -u; id -g; {map}"),
        ])
        .run();
    out.success();
    assert_eq!(out.lines()[..2], ["200", "210"], "{out}");
    assert!(
        out.lines().iter().any(
            |l| l.split_whitespace().collect::<Vec<_>>() == ["200", &user.uid.to_string(), "1"]
        ),
        "{out}"
    );
    // nomap, auto and maps without the user leave the user's own id out,
    // as podman: root is the first subordinate id, the user's files (the
    // container's /etc/hosts) show as nobody's, the image's are root's.
    let check = "cat /proc/self/uid_map /proc/self/gid_map; stat -c %U /etc/hosts /bin";
    let unmapped = |args: &[&str]| -> Vec<String> {
        let out = env
            .rpod(["run", "--rm"])
            .args(args)
            .args([&image, "sh", "-c", check])
            .run();
        out.success();
        out.lines().iter().map(|l| l.to_string()).collect()
    };
    for args in [
        &["--userns=nomap"][..],
        &["--userns=auto:size=500"],
        &["--uidmap", "0:1:1000"],
    ] {
        let lines = unmapped(args);
        let maps: Vec<Vec<&str>> = lines[..lines.len() - 2]
            .iter()
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert!(
            maps.iter()
                .all(|m| m[1] != user.uid.to_string() && m[1] != user.gid.to_string()),
            "{args:?}: {lines:?}"
        );
        assert!(maps.iter().any(|m| m[0] == "0"), "{args:?}: {lines:?}");
        assert_eq!(lines[lines.len() - 2..], ["nobody", "root"], "{args:?}");
    }
    // nomap's root is the first subordinate id.
    assert_eq!(
        unmapped(&["--userns=nomap"])[0].split_whitespace().nth(1),
        Some(sub.to_string().as_str())
    );
    // Errors name the flag.
    env.rpod(["run", "--rm", "--uidmap", "0:1:99999999", &image, "true"])
        .run()
        .code(125)
        .stderr_has("--uidmap 0:1:99999999");
    env.rpod([
        "run",
        "--rm",
        "--uidmap",
        "0:1:10",
        "--userns=keep-id",
        &image,
        "true",
    ])
    .run()
    .code(125)
    .stderr_has("mutually exclusive");
}

/// containers.conf `userns` is every container's `--userns` unless given.
#[test]
fn containers_conf_userns() {
    let (env, image) = require!(setup());
    let user = rootless_user().unwrap();
    env.containers_conf("[containers]\nuserns = \"keep-id\"\n");
    env.rpod(["run", "--name", "k", &image, "id", "-u"])
        .run()
        .success()
        .stdout_is(&user.uid.to_string());
    assert_eq!(inspect(&env, "k", "{{.HostConfig.UsernsMode}}"), "private");
    env.rpod([
        "run", "--rm", "--uidmap", "0:0:1", "--uidmap", "1:1:999", &image, "id", "-u",
    ])
    .run()
    .success()
    .stdout_is("0");
}

/// `--userns=ns:PATH` joins that user namespace, maps and all.
#[test]
fn userns_ns_path_joins_another() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "src",
        "--userns=keep-id",
        &image,
        "sleep",
        "300",
    ])
    .run()
    .success();
    let pid = inspect(&env, "src", "{{.State.Pid}}");
    let show = "readlink /proc/self/ns/user; cat /proc/self/uid_map; stat -c %u /bin";
    let expected = env.rpod(["exec", "src", "sh", "-c", show]).run();
    expected.success();
    let path = format!("/proc/{pid}/ns/user");
    let joined = env
        .rpod([
            "run",
            "--name",
            "j",
            &format!("--userns=ns:{path}"),
            &image,
            "sh",
            "-c",
            show,
        ])
        .run();
    joined.success();
    assert_eq!(joined.out(), expected.out());
    assert_eq!(joined.lines().last(), Some(&"0"), "{joined}");
    assert_eq!(
        inspect(&env, "j", "{{.HostConfig.UsernsMode}}"),
        format!("ns:{path}")
    );
    env.rpod(["rm", "-f", "-t", "0", "src"]).run().success();
}

/// `--userns=auto` containers get blocks of the user's subordinate ids
/// that do not overlap, and `uidmapping=` ids are left out of the block.
#[test]
fn auto_blocks_do_not_overlap() {
    let (env, image) = require!(setup());
    let block = |name: &str| -> (u64, u64) {
        env.rpod([
            "create",
            "--name",
            name,
            "--userns=auto:size=500",
            &image,
            "true",
        ])
        .run()
        .success();
        let maps = inspect(&env, name, "{{.HostConfig.IDMappings.UIDMap}}");
        // [0:START:500] in intermediate ids, as podman shows them.
        let f: Vec<u64> = maps
            .trim_matches(|c| c == '[' || c == ']')
            .split(':')
            .map(|v| v.parse().unwrap())
            .collect();
        assert_eq!((f[0], f[2]), (0, 500), "{maps}");
        (f[1], f[1] + f[2])
    };
    let a = block("a1");
    let b = block("a2");
    assert!(a.1 <= b.0 || b.1 <= a.0, "{a:?} {b:?}");
    assert!(a.0 >= 1 && b.0 >= 1, "the user's own id is in no block");
    // Once a1 is gone its block is free again.
    env.rpod(["rm", "a1"]).run().success();
    assert_eq!(block("a3"), a);
    // uidmapping=: container id 1 is the first subordinate id (intermediate
    // 1), which the block then leaves out.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--userns=auto:size=100,uidmapping=1:1:1",
            &image,
            "cat",
            "/proc/self/uid_map",
        ])
        .run();
    out.success();
    let user = rootless_user().unwrap();
    let (sub, _) = user.subuid.expect("a subuid range");
    let rows: Vec<Vec<u64>> = out
        .lines()
        .iter()
        .map(|l| l.split_whitespace().map(|v| v.parse().unwrap()).collect())
        .collect();
    assert!(rows.contains(&vec![1, u64::from(sub), 1]), "{out}");
    assert_eq!(
        rows.iter()
            .filter(|r| r[1] <= u64::from(sub) && u64::from(sub) < r[1] + r[2])
            .count(),
        1,
        "{out}"
    );
}

/// `exec` into a container whose maps leave the user out (its root file
/// system refuses callers it cannot map): the command runs as its root.
#[test]
fn exec_into_an_unmapped_container() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "nm",
        "--userns=nomap",
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    env.rpod(["exec", "nm", "sh", "-c", "id -u; ls /bin/sh"])
        .run()
        .success()
        .stdout_is("0\n/bin/sh");
    env.rpod(["exec", "--user", "1000", "nm", "id", "-u"])
        .run()
        .success()
        .stdout_is("1000");
    env.rpod(["rm", "-f", "-t", "0", "nm"]).run().success();
}
