//! Named and anonymous volumes, `-v`/`--mount` forms, `:U`, and the
//! `volume` verbs, as the unprivileged user.

use std::os::unix::fs::MetadataExt;

use crate::harness::{columns, is_hex};
use crate::pull::busybox_env as setup;

#[test]
fn named_volumes_keep_data_and_verbs_manage_them() {
    let (env, image) = require!(setup());
    env.rpod(["volume", "create", "--label", "app=web", "v"])
        .run()
        .success()
        .stdout_is("v");
    env.rpod(["volume", "create", "v"])
        .run()
        .error125()
        .stderr_has("already exists");
    env.rpod(["volume", "create", "--ignore", "v"])
        .run()
        .success();
    let ls = env.rpod(["volume", "ls"]).run();
    assert_eq!(columns(ls.lines()[0]), ["DRIVER", "VOLUME NAME"], "{ls}");
    assert_eq!(columns(ls.lines()[1]), ["local", "v"], "{ls}");
    let j = env.rpod(["volume", "inspect", "v"]).run().json();
    assert_eq!(j[0]["Name"], "v");
    assert_eq!(j[0]["Driver"], "local");
    assert_eq!(j[0]["Labels"]["app"], "web");
    let mountpoint = j[0]["Mountpoint"].as_str().unwrap().to_string();

    env.rpod([
        "run",
        "--rm",
        "-v",
        "v:/data",
        &image,
        "sh",
        "-c",
        "echo kept > /data/f",
    ])
    .run()
    .success();
    assert_eq!(
        std::fs::read_to_string(format!("{mountpoint}/f")).unwrap(),
        "kept\n"
    );
    env.rpod(["run", "--rm", "-v", "v:/data:ro", &image, "cat", "/data/f"])
        .run()
        .success()
        .stdout_has("kept");
    env.rpod([
        "run",
        "--rm",
        "-v",
        "v:/data:ro",
        &image,
        "touch",
        "/data/g",
    ])
    .run()
    .code(1)
    .stderr_has("Read-only");
    // First use creates a volume.
    env.rpod([
        "run",
        "--rm",
        "--mount",
        "type=volume,source=auto,target=/a",
        &image,
        "true",
    ])
    .run()
    .success();
    env.rpod(["volume", "exists", "auto"]).run().code(0);
    env.rpod(["volume", "exists", "nope"]).run().code(1);

    // In use: refused (exit 2), then -f removes the container too.
    env.rpod(["create", "--name", "user", "-v", "v:/data", &image, "true"])
        .run()
        .success();
    env.rpod(["volume", "rm", "v"]).run().code(2);
    env.rpod(["volume", "rm", "-f", "v"]).run().success();
    env.rpod(["container", "exists", "user"]).run().code(1);
    assert!(!std::path::Path::new(&mountpoint).exists());
    env.rpod(["volume", "rm", "v"]).run().code(1);
    env.rpod(["volume", "prune", "-f"])
        .run()
        .success()
        .stdout_has("auto");
    assert_eq!(env.rpod(["volume", "ls", "-q"]).run().out(), "");
}

#[test]
fn anonymous_volumes_go_with_rm_v() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "a", "-v", "/anon", &image, "true"])
        .run()
        .success();
    let names = env.rpod(["volume", "ls", "-q"]).run();
    assert!(
        names.lines().len() == 1 && is_hex(names.lines()[0], 64),
        "{names}"
    );
    env.rpod(["rm", "-v", "a"]).run().success();
    assert_eq!(env.rpod(["volume", "ls", "-q"]).run().out(), "");
    // --rm containers take their anonymous volumes with them.
    env.rpod(["run", "--rm", "-v", "/anon", &image, "true"])
        .run()
        .success();
    assert_eq!(env.rpod(["volume", "ls", "-q"]).run().out(), "");
}

#[test]
fn bind_forms_and_chown() {
    let (env, image) = require!(setup());
    let host = env.root().parent().unwrap().join("hostdir");
    std::fs::create_dir_all(&host).unwrap();
    std::fs::write(host.join("in"), "from host\n").unwrap();
    env.chown_to_user(&host);
    env.chown_to_user(&host.join("in"));
    let spec = format!("type=bind,source={},target=/h,ro", host.display());
    env.rpod(["run", "--rm", "--mount", &spec, &image, "cat", "/h/in"])
        .run()
        .success()
        .stdout_has("from host");
    env.rpod(["run", "--rm", "--mount", &spec, &image, "touch", "/h/x"])
        .run()
        .code(1);
    env.rpod(["run", "--rm", "-v", "/no/such/dir:/x", &image, "true"])
        .run()
        .error125()
        .stderr_has("does not exist");
    env.rpod(["run", "--rm", "-v", "v:relative", &image, "true"])
        .run()
        .error125()
        .stderr_has("absolute");
    // :U gives the source to the container's user (mapped to a subordinate id).
    env.rpod([
        "run",
        "--rm",
        "-u",
        "1000:1000",
        "-v",
        "owned:/d:U",
        &image,
        "sh",
        "-c",
        "touch /d/x && stat -c %u:%g /d /d/x",
    ])
    .run()
    .success()
    .stdout_has("1000:1000\n1000:1000");
    let mp = env
        .rpod(["volume", "inspect", "--format", "{{.Mountpoint}}", "owned"])
        .run();
    let meta = std::fs::metadata(mp.out()).unwrap();
    let user = crate::harness::rootless_user().unwrap();
    assert_eq!(meta.uid(), user.host_uid(1000), "{mp}");
    env.rpod(["volume", "rm", "owned"]).run().success();
}

#[test]
fn keep_id_files_belong_to_the_user() {
    let (env, image) = require!(setup());
    let user = crate::harness::rootless_user().unwrap();
    let out_dir = env.root().parent().unwrap().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    env.chown_to_user(&out_dir);
    let v = format!("{}:/out", out_dir.display());
    let out = env
        .rpod([
            "run",
            "--rm",
            "--userns=keep-id",
            "-v",
            &v,
            &image,
            "sh",
            "-c",
            "id -u; id -g; touch /out/f; grep -c . /proc/self/uid_map; id -un; id -gn; echo $HOME",
        ])
        .run();
    out.success();
    assert_eq!(
        out.lines()[..2],
        [user.uid.to_string().as_str(), user.gid.to_string().as_str()],
        "{out}"
    );
    // The user has a name inside (an entry added to passwd and group), and
    // HOME is the working directory, as podman: the user's home is not
    // mounted.
    assert_eq!(
        out.lines()[3..],
        [user.name.as_str(), user.name.as_str(), "/"],
        "{out}"
    );
    let meta = std::fs::metadata(out_dir.join("f")).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (user.uid, user.gid));
    // Without keep-id the same file is root's inside, the user's outside.
    env.rpod([
        "run", "--rm", "-v", &v, &image, "stat", "-c", "%u", "/out/f",
    ])
    .run()
    .success()
    .stdout_is("0");
}

/// podman shows the image's files as root's in a keep-id container (it
/// gives the container a copy of the layers chowned to the keep-id map);
/// rpod serves the layers through fuse-overlayfs with an id mapping, so
/// the image's root files read as 0, not as the user's uid.
#[test]
fn keep_id_keeps_the_images_root_files_roots() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "--rm",
        "--userns=keep-id",
        "-u",
        "0",
        &image,
        "stat",
        "-c",
        "%u",
        "/bin",
    ])
    .run()
    .success()
    .stdout_is("0");
}

#[test]
fn empty_volumes_receive_the_image_content_once() {
    let (env, image) = require!(setup());
    let show = "stat -c '%n %u:%g %a' /home/user /home/user/owned; cat /home/user/owned; ls /home";
    // First use: the image's /home is copied in, owners and modes kept.
    let out = env
        .rpod(["run", "--rm", "-v", "cu:/home", &image, "sh", "-c", show])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        [
            "/home/user 1000:1000 755",
            "/home/user/owned 1000:1000 640",
            "owned by 1000",
            "user"
        ],
        "{out}"
    );
    // On the host, the files are the volume's and owned under the mapping.
    let mountpoint = env
        .rpod(["volume", "inspect", "--format", "{{.Mountpoint}}", "cu"])
        .run()
        .out()
        .to_string();
    let md = std::fs::metadata(format!("{mountpoint}/user/owned")).unwrap();
    let user = crate::harness::rootless_user().unwrap();
    assert_eq!(md.uid(), user.host_uid(1000), "owner on the host");
    // Not again once the volume has content: a change survives, a removed
    // file does not come back.
    env.rpod([
        "run",
        "--rm",
        "-v",
        "cu:/home",
        &image,
        "sh",
        "-c",
        "rm /home/user/owned; echo mine > /home/mine",
    ])
    .run()
    .success();
    let out = env
        .rpod([
            "run",
            "--rm",
            "-v",
            "cu:/home",
            &image,
            "ls",
            "/home",
            "/home/user",
        ])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        ["/home:", "mine", "user", "/home/user:"],
        "{out}"
    );
    // nocopy, and bind mounts, are never filled.
    let out = env
        .rpod([
            "run",
            "--rm",
            "-v",
            "nc:/home:nocopy",
            &image,
            "ls",
            "-A",
            "/home",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "", "{out}");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--mount",
            "type=volume,source=nc2,target=/home,volume-nocopy",
            &image,
            "ls",
            "-A",
            "/home",
        ])
        .run();
    assert_eq!(out.out(), "", "{out}");
}

/// `--volumes-from`: another container's named, anonymous and bind
/// mounts at the same places (not its tmpfs); `:ro` makes them read-only;
/// the container's own `-v` wins at the same place; an unknown container
/// fails before anything is made.
#[test]
fn volumes_from_shares_another_containers_mounts() {
    let (env, image) = require!(setup());
    let host = env.root().parent().unwrap().join("vf-bind");
    std::fs::create_dir_all(&host).unwrap();
    std::fs::write(host.join("b"), "bound\n").unwrap();
    env.chown_to_user(&host);
    env.chown_to_user(&host.join("b"));
    let bind = format!("{}:/bind", host.display());
    env.rpod([
        "create",
        "--name",
        "src",
        "-v",
        "named:/named",
        "-v",
        "/anon",
        "-v",
        &bind,
        "--tmpfs",
        "/scratch",
        &image,
    ])
    .run()
    .success();
    env.rpod(["run", "--rm", "--volumes-from", "src", &image, "sh", "-c"])
        .arg(
            "echo n > /named/f && echo a > /anon/f && cat /bind/b && mount | grep -c ' /scratch ' ",
        )
        .run()
        .code(1)
        .stdout_has("bound\n0");
    let out = env
        .rpod([
            "run",
            "--rm",
            "--volumes-from",
            "src:ro",
            &image,
            "sh",
            "-c",
        ])
        .arg("cat /named/f /anon/f; touch /named/g 2>/dev/null || echo read-only")
        .run();
    assert_eq!(out.success().lines(), ["n", "a", "read-only"], "{out}");
    // Its own -v at /named wins.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--volumes-from",
            "src",
            "-v",
            "other:/named",
            &image,
            "ls",
            "/named",
        ])
        .run();
    assert_eq!(out.success().out(), "", "{out}");
    env.rpod(["run", "--rm", "--volumes-from", "nosuch", &image, "true"])
        .run()
        .error125()
        .stderr_has("nosuch");
    env.rpod(["run", "--rm", "--volumes-from", "src:bogus", &image, "true"])
        .run()
        .error125()
        .stderr_has("--volumes-from src:bogus");
}

#[test]
fn volumepath_and_containers_conf_volume_path_place_the_volumes() {
    let (env, image) = require!(setup());
    let there = env.dir.join("vols-flag");
    let flag = format!("--volumepath={}", there.display());
    env.rpod([&flag, "volume", "create", "v1"]).run().success();
    env.rpod([
        &flag,
        "volume",
        "inspect",
        "--format",
        "{{.Mountpoint}}",
        "v1",
    ])
    .run()
    .success()
    .stdout_is(&there.join("v1/_data").display().to_string());
    env.rpod([
        &flag,
        "run",
        "--rm",
        "-v",
        "v1:/d",
        &image,
        "sh",
        "-c",
        "echo kept > /d/f",
    ])
    .run()
    .success();
    assert_eq!(
        std::fs::read_to_string(there.join("v1/_data/f")).unwrap(),
        "kept\n"
    );
    env.rpod([&flag, "info", "--format", "{{.Store.VolumePath}}"])
        .run()
        .success()
        .stdout_is(&there.display().to_string());
    // Elsewhere without the flag: that volume is not there.
    env.rpod(["volume", "exists", "v1"]).run().code(1);
    let conf_dir = env.dir.join("vols-conf");
    env.containers_conf(&format!(
        "[engine]\nvolume_path = \"{}\"\n",
        conf_dir.display()
    ));
    env.rpod(["volume", "create", "v2"]).run().success();
    assert!(conf_dir.join("v2/_data").is_dir());
    // The flag wins over containers.conf.
    env.rpod([&flag, "volume", "ls", "-q"])
        .run()
        .success()
        .stdout_is("v1");
}

#[test]
fn volume_rm_force_ignores_missing_and_takes_a_stop_time() {
    let (env, image) = require!(setup());
    for args in [&["volume", "rm"][..], &["volume", "rm", "--all", "x"]] {
        env.rpod(args)
            .run()
            .code(125)
            .stderr_is("Error: choose either one or more volumes or all");
    }
    env.rpod(["volume", "rm", "bogus"])
        .run()
        .code(1)
        .stderr_is("Error: no volume with name \"bogus\" found: no such volume");
    env.rpod(["volume", "rm", "--force", "bogus"])
        .run()
        .success()
        .stdout_is("");
    env.rpod(["volume", "create", "keep"]).run().success();
    env.rpod(["volume", "rm", "-f", "bogus", "keep"])
        .run()
        .success()
        .stdout_is("keep");
    // In use by a running container: --force -t0 removes the container too.
    env.rpod([
        "run", "-d", "--name", "user", "-v", "busy:/b", &image, "sleep", "1000",
    ])
    .run()
    .success();
    env.rpod(["volume", "rm", "busy"])
        .run()
        .code(2)
        .stderr_has("volume is being used");
    env.rpod(["volume", "rm", "busy", "--force", "-t0"])
        .run()
        .success()
        .stdout_is("busy");
    env.rpod(["container", "exists", "user"]).run().code(1);
    env.rpod(["volume", "rm", "-t", "-1", "-a", "-f"])
        .run()
        .success();
    env.rpod(["volume", "ls", "-q"])
        .run()
        .success()
        .stdout_is("");
}

#[test]
fn volume_filters_and_prune_as_podman() {
    let (env, image) = require!(setup());
    for v in ["vol_1_x", "vol_2_x"] {
        env.rpod(["volume", "create", v]).run().success();
    }
    env.rpod(["volume", "create", "--label", "mylabel", "lab"])
        .run()
        .success();
    // name= is an unanchored regular expression.
    env.rpod([
        "volume",
        "ls",
        "--filter",
        "name=vol_1.+",
        "--format",
        "{{.Name}}",
    ])
    .run()
    .success()
    .stdout_is("vol_1_x");
    let both = env
        .rpod(["volume", "ls", "-q", "--filter", "name=vol_1*"])
        .run();
    assert_eq!(both.success().lines(), ["vol_1_x", "vol_2_x"], "{both}");
    env.rpod(["volume", "ls", "-q", "--filter", "name=^_x"])
        .run()
        .success()
        .stdout_is("");
    env.rpod(["volume", "ls", "--filter", "bogus=1"])
        .run()
        .error125()
        .stderr_has("invalid filter \"bogus\"");
    env.rpod(["run", "--name", "c1", "-v", "vol_1_x:/v", &image, "true"])
        .run()
        .success();
    // Without --force: the volumes that would go, then the question.
    let asked = env.rpod(["volume", "prune"]).stdin("N\n").run();
    asked.success();
    assert_eq!(
        asked.lines(),
        [
            "WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:",
            "lab",
            "vol_2_x"
        ],
        "{asked}"
    );
    let asked = env
        .rpod(["volume", "prune", "--filter", "label=mylabel"])
        .stdin("N\n")
        .run();
    assert_eq!(asked.success().lines()[1..], ["lab"], "{asked}");
    env.rpod(["volume", "prune", "-f", "--filter", "label=mylabel"])
        .run()
        .success()
        .stdout_is("lab");
    env.rpod(["volume", "prune", "-f"])
        .run()
        .success()
        .stdout_is("vol_2_x");
    env.rpod(["volume", "ls", "-q"])
        .run()
        .success()
        .stdout_is("vol_1_x");
}

#[test]
fn duplicate_mount_destinations_are_refused() {
    let (env, image) = require!(setup());
    let dir = env.write_file(std::path::Path::new("d1/f"), "x");
    let d1 = dir.parent().unwrap().to_string_lossy().into_owned();
    let d2 = env
        .write_file(std::path::Path::new("d2/f"), "y")
        .parent()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // The same mount twice is one mount.
    env.rpod([
        "run",
        "--rm",
        "-v",
        &format!("{d1}:/m"),
        "-v",
        &format!("{d1}:/m"),
        &image,
        "true",
    ])
    .run()
    .success();
    env.rpod([
        "run", "--rm", "--tmpfs", "/t", "--tmpfs", "/t", &image, "true",
    ])
    .run()
    .success();
    for args in [
        vec![
            "-v".to_string(),
            format!("{d1}:/m"),
            "-v".into(),
            format!("{d2}:/m"),
        ],
        vec!["-v".into(), "a:/m".into(), "-v".into(), "b:/m".into()],
        vec![
            "--tmpfs".into(),
            "/m".into(),
            "--tmpfs".into(),
            "/m:ro".into(),
        ],
        vec!["-v".into(), "a:/m".into(), "--tmpfs".into(), "/m".into()],
    ] {
        env.rpod(["run", "--rm"])
            .args(&args)
            .args([&image, "true"])
            .run()
            .error125()
            .stderr_is("Error: /m: duplicate mount destination");
    }
}

#[test]
fn noexec_volume_refuses_to_run_its_files() {
    use std::os::unix::fs::PermissionsExt;
    let (env, image) = require!(setup());
    env.rpod(["volume", "create", "bin"]).run().success();
    let mp = env
        .rpod(["volume", "inspect", "--format", "{{.Mountpoint}}", "bin"])
        .run()
        .out()
        .trim()
        .to_string();
    let script = std::path::Path::new(&mp).join("bb");
    std::fs::write(&script, "#!/bin/sh\necho ran\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.rpod(["run", "--rm", "-v", "bin:/vol:noexec,z", &image, "/vol/bb"])
        .run()
        .code(126)
        .stderr_has("exec container process `/vol/bb`: Permission denied: OCI permission denied");
    env.rpod(["run", "--rm", "-v", "bin:/vol:z", &image, "/vol/bb"])
        .run()
        .success()
        .stdout_is("ran");
    let m = env
        .rpod([
            "run",
            "--rm",
            "-v",
            "bin:/vol:nosuid,nodev",
            &image,
            "grep",
            " /vol ",
            "/proc/mounts",
        ])
        .run();
    m.success().stdout_has("nosuid").stdout_has("nodev");
}

#[test]
fn volume_export_import_and_copy_up_state() {
    let (env, image) = require!(setup());
    env.rpod(["volume", "create", "src"]).run().success();
    // Empty: a copy-up would still happen.
    env.rpod([
        "volume",
        "inspect",
        "--format",
        "{{.NeedsCopyUp}} {{.NeedsChown}}",
        "src",
    ])
    .run()
    .success()
    .stdout_is("true true");
    let ls = env.rpod(["volume", "ls", "--format", "json"]).run().json();
    assert_eq!(ls[0]["NeedsCopyUp"], true, "{ls}");
    env.rpod(["run", "--rm", "-v", "src:/vol", &image, "true"])
        .run()
        .success();
    env.rpod(["volume", "inspect", "--format", "{{.NeedsCopyUp}}", "src"])
        .run()
        .stdout_is("true");
    env.rpod(["run", "--rm", "-v", "src:/etc", &image, "true"])
        .run()
        .success();
    env.rpod(["volume", "ls", "--format", "{{.Name}} {{.NeedsCopyUp}}"])
        .run()
        .stdout_is("src false");
    env.rpod([
        "run",
        "--rm",
        "-v",
        "src:/d",
        &image,
        "sh",
        "-c",
        "echo hello > /d/test",
    ])
    .run()
    .success();
    // To stdout, and to a file given with --output.
    let tar = env.rpod(["volume", "export", "src"]).run();
    tar.success();
    let tarfile = env.write_file(std::path::Path::new("vol.tar"), "");
    env.rpod(["volume", "export", "src", "--output"])
        .arg(&tarfile)
        .run()
        .success();
    assert_eq!(
        std::fs::read(&tarfile).unwrap().len(),
        tar.out().len(),
        "same archive both ways"
    );
    env.rpod(["volume", "create", "dst"]).run().success();
    env.rpod(["volume", "import", "dst", "-"])
        .stdin(std::fs::read(&tarfile).unwrap())
        .run()
        .success()
        .stdout_is("");
    env.rpod(["run", "--rm", "-v", "dst:/d", &image, "cat", "/d/test"])
        .run()
        .success()
        .stdout_is("hello");
    env.rpod(["volume", "create", "dst2"]).run().success();
    env.rpod(["volume", "import", "dst2"])
        .arg(&tarfile)
        .run()
        .success();
    env.rpod(["run", "--rm", "-v", "dst2:/d", &image, "cat", "/d/test"])
        .run()
        .stdout_is("hello");
    env.rpod(["volume", "export", "nosuch", "-o", "/dev/null"])
        .run()
        .error125()
        .stderr_has("no volume with name \"nosuch\" found");
    // Rootless, mounting needs rpod's namespaces.
    env.rpod(["volume", "mount", "src"])
        .run()
        .error125()
        .stderr_is(
            "Error: cannot run command \"rpod volume mount\" in rootless mode, must execute `rpod unshare` first",
        );
    // Inside the session, rpod finds the same store without flags.
    let bare = crate::harness::rpod_bin().display().to_string();
    let out = env
        .rpod([
            "unshare",
            "sh",
            "-c",
            &format!("cat $({bare} volume mount src)/test && {bare} volume unmount src"),
        ])
        .run();
    out.success().stdout_is("hello");
}

#[test]
fn image_volume_modes_and_ps_volume_filter() {
    let (env, image) = require!(setup());
    env.write_file(
        std::path::Path::new("vctx/Containerfile"),
        &format!("FROM {image}\nVOLUME /data\n"),
    );
    let ctx = env.root().parent().unwrap().join("vctx");
    env.rpod(["build", "-q", "-t", "volimg"])
        .arg(&ctx)
        .run()
        .success();
    // What is mounted at /data: its type, or nothing (exit 1).
    let mounted = |extra: &[&str]| {
        env.rpod(["run", "--rm"])
            .args(extra)
            .args([
                "volimg",
                "sh",
                "-c",
                "grep ' /data ' /proc/mounts | cut -d' ' -f3",
            ])
            .run()
    };
    let none = |extra: &[&str]| {
        env.rpod(["run", "--rm"])
            .args(extra)
            .args(["volimg", "grep", "-q", " /data ", "/proc/mounts"])
            .run()
    };
    mounted(&["--image-volume", "tmpfs"])
        .success()
        .stdout_is("tmpfs");
    none(&["--image-volume=ignore"]).code(1);
    let anon = mounted(&["--image-volume", "anonymous"]);
    assert_ne!(anon.success().out().trim(), "tmpfs", "{anon}");
    assert_ne!(anon.out().trim(), "", "{anon}");
    mounted(&["--image-volume", "bogus"])
        .error125()
        .stderr_has("invalid image volume mode \"bogus\"");
    // containers.conf's default, which the flag overrides.
    env.containers_conf("[engine]\nimage_volume_mode = \"tmpfs\"\n");
    mounted(&[]).success().stdout_is("tmpfs");
    let anon = mounted(&["--image-volume", "bind"]);
    assert_ne!(anon.success().out().trim(), "tmpfs", "{anon}");
    none(&["--image-volume", "ignore"]).code(1);

    // ps --filter volume=: a destination, a volume's name, a bind's source.
    let dir = env
        .write_file(std::path::Path::new("psdir/f"), "x")
        .parent()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let id = env
        .rpod([
            "run",
            "-d",
            "-v",
            &format!("{dir}:/v1"),
            "-v",
            "named:/v2",
            &image,
            "sleep",
            "1000",
        ])
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    for v in ["/v1", "/v2", "named", dir.as_str()] {
        env.rpod(["ps", "-q", "--no-trunc", "--filter", &format!("volume={v}")])
            .run()
            .success()
            .stdout_is(&id);
    }
    env.rpod(["ps", "-q", "--filter", "volume=/NoSuchVolume"])
        .run()
        .success()
        .stdout_is("");
    env.rpod(["rm", "-f", "-t0", &id]).run().success();
}

#[test]
fn chown_flag_applies_again_at_each_start() {
    let (env, image) = require!(setup());
    let dir = env
        .write_file(std::path::Path::new("udir/test1"), "")
        .parent()
        .unwrap()
        .to_path_buf();
    let d = dir.to_string_lossy().into_owned();
    env.rpod([
        "run",
        "--name",
        "user",
        "--user",
        "1000:2000",
        "-v",
        &format!("{d}:/data:U"),
        &image,
        "stat",
        "-c",
        "%u:%g",
        "/data",
    ])
    .run()
    .success()
    .stdout_is("1000:2000");
    // Changed meanwhile: the next start gives it back.
    env.rpod(["unshare", "chown", "-R", "100:200", &d])
        .run()
        .success();
    env.rpod(["start", "--attach", "user"])
        .run()
        .success()
        .stdout_is("1000:2000");
    let test1 = format!("{d}/test1");
    env.rpod(["unshare", "stat", "-c", "%u:%g", &test1])
        .run()
        .stdout_is("1000:2000");
    // The top still the user's: a file inside chowned since stays as it is.
    env.rpod(["unshare", "chown", "100:200", &test1])
        .run()
        .success();
    env.rpod(["start", "--attach", "user"])
        .run()
        .success()
        .stdout_is("1000:2000");
    env.rpod(["unshare", "stat", "-c", "%u:%g", &test1])
        .run()
        .stdout_is("100:200");
    env.rpod(["unshare", "rm", "-rf", &d]).run().success();
}

#[test]
fn volume_create_options_bind_tmpfs_and_ids() {
    let (env, image) = require!(setup());
    env.rpod(["volume", "create", "-o", "type=bind", "-o", "device=/bogus", "vb"])
        .run()
        .error125()
        .stderr_is("Error: invalid volume option device for driver 'local': faccessat /bogus: no such file or directory");
    env.rpod(["volume", "exists", "vb"]).run().code(1);
    env.rpod(["volume", "create", "-o", "bogus=1", "vz"])
        .run()
        .error125()
        .stderr_is("Error: invalid mount option bogus for driver 'local': invalid argument");
    // type=bind: the device's own files, seen by containers.
    let dir = env
        .write_file(std::path::Path::new("bdir/myfile"), "from host")
        .parent()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    env.rpod([
        "volume",
        "create",
        "-o",
        "type=bind",
        "-o",
        &format!("device={dir}"),
        "vb",
    ])
    .run()
    .success()
    .stdout_is("vb");
    env.rpod([
        "run",
        "--rm",
        "-v",
        "vb:/vol:z",
        &image,
        "cat",
        "/vol/myfile",
    ])
    .run()
    .success()
    .stdout_is("from host");
    env.rpod([
        "run",
        "--rm",
        "-v",
        "vb:/vol",
        &image,
        "sh",
        "-c",
        "echo back > /vol/new",
    ])
    .run()
    .success();
    assert_eq!(
        std::fs::read_to_string(format!("{dir}/new")).unwrap(),
        "back\n"
    );
    // type=tmpfs with o=: a tmpfs of that size.
    env.rpod([
        "volume",
        "create",
        "-o",
        "type=tmpfs",
        "-o",
        "o=size=2M",
        "-o",
        "device=tmpfs",
        "vt",
    ])
    .run()
    .success();
    let m = env
        .rpod([
            "run",
            "--rm",
            "-v",
            "vt:/vol",
            &image,
            "sh",
            "-c",
            "stat -f -c %T /vol; grep ' /vol ' /proc/mounts",
        ])
        .run();
    let lines = m.success().lines();
    assert_eq!(lines[0], "tmpfs", "{m}");
    assert!(
        lines[1].starts_with("tmpfs /vol tmpfs ") && lines[1].contains("size=2048k"),
        "{m}"
    );
    // uid=/gid=: the volume's directory belongs to them in containers.
    env.rpod(["volume", "create", "-o", "uid=1000", "-o", "gid=2000", "vu"])
        .run()
        .success();
    env.rpod([
        "run", "--rm", "-v", "vu:/vol", &image, "stat", "-c", "%u:%g", "/vol",
    ])
    .run()
    .success()
    .stdout_is("1000:2000");
    env.rpod(["volume", "create", "-o", "type=nfs", "vn"])
        .run()
        .success();
    env.rpod(["run", "--rm", "-v", "vn:/vol", &image, "true"])
        .run()
        .error125()
        .stderr_has("type=nfs is not supported");
}

#[test]
fn empty_volumes_go_to_the_containers_user_under_any_mapping() {
    let (env, image) = require!(setup());
    // podman's NeedsChown: an empty volume is the container's user's.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--user",
            "100:100",
            "-v",
            "/newdir",
            &image,
            "sh",
            "-c",
            "stat -c '%u:%g' /newdir; touch /newdir/y && echo wrote",
        ])
        .run();
    out.success();
    assert_eq!(out.lines(), ["100:100", "wrote"], "{out}");
    // Under mappings that leave out rpod's own user (auto, --uidmap) the
    // image's content is still copied in (as the container's root) and
    // `:U` gives the tree to the container's user, not to ours.
    for mapping in [["--userns", "auto"], ["--uidmap", "0:1:4000"]] {
        let out = env
            .rpod([
                "run",
                "--rm",
                mapping[0],
                mapping[1],
                "-v",
                "/home",
                &image,
                "sh",
                "-c",
                "stat -c '%u:%g' /home/user/owned; touch /home/new && echo wrote",
            ])
            .run();
        out.success();
        assert_eq!(out.lines(), ["1000:1000", "wrote"], "{mapping:?} {out}");
        let out = env
            .rpod([
                "run",
                "--rm",
                mapping[0],
                mapping[1],
                "--user",
                "100:100",
                "-v",
                "uvol:/u:U",
                &image,
                "sh",
                "-c",
                "stat -c '%u:%g' /u; touch /u/z && echo wrote",
            ])
            .run();
        out.success();
        assert_eq!(out.lines(), ["100:100", "wrote"], "{mapping:?} {out}");
        env.rpod(["volume", "rm", "uvol"]).run().success();
    }
}
