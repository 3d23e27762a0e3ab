//! Image mounts end to end, as the unprivileged user: `run --mount
//! type=image` (read-only by default, `subpath=`, `rw=true` writing to the
//! container's own directory, never to the image), and kube play's image
//! volumes (`volumes: - image: {reference, pullPolicy}`, with `subPath`)
//! and podman's automount annotation (an image's `VOLUME`s at their paths).

use crate::harness::Env;
use crate::pull::pull;
use crate::registry;

/// An environment with busybox and `localhost/imgvol` built on it: a
/// second layer with `/data/f` ("from-image") and `VOLUME /data`.
fn setup() -> Option<(Env, String)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    let busybox = shared.reference("busybox:latest");
    let ctx = env.root().parent().unwrap().join("imgvol-ctx");
    env.write_file(
        &ctx.join("Containerfile"),
        &format!(
            "FROM {busybox}\nRUN mkdir -p /data/sub && echo from-image > /data/f && echo deep > /data/sub/g\nVOLUME /data\n"
        ),
    );
    env.rpod(["build", "-q", "-t", "localhost/imgvol"])
        .arg(&ctx)
        .run()
        .success();
    Some((env, busybox))
}

#[test]
fn run_mounts_an_image_read_only_with_subpath_and_rw() {
    let (env, busybox) = require!(setup());
    // The whole image (two layers: an overlay), read-only.
    let out = env
        .rpod(["run", "--rm", "--mount"])
        .arg("type=image,source=localhost/imgvol,destination=/img")
        .args([&busybox, "sh", "-c", "cat /img/data/f; touch /img/data/x"])
        .run();
    out.code(1);
    assert_eq!(out.out(), "from-image", "{out}");
    assert!(out.stderr.contains("Read-only file system"), "{out}");
    // One layer (busybox itself): a read-only bind mount.
    let out = env
        .rpod(["run", "--rm", "--mount"])
        .arg(format!("type=image,src={busybox},dst=/bb"))
        .args([
            &busybox,
            "sh",
            "-c",
            "test -x /bb/bin/busybox && touch /bb/y",
        ])
        .run();
    out.code(1);
    assert!(out.stderr.contains("Read-only file system"), "{out}");
    // subpath: only that directory of the image.
    let out = env
        .rpod(["run", "--rm", "--mount"])
        .arg("type=image,source=localhost/imgvol,destination=/d,subpath=/data/sub")
        .args([&busybox, "ls", "/d"])
        .run();
    out.success();
    assert_eq!(out.out(), "g");
    // rw=true: writable in the container, the image unchanged.
    let out = env
        .rpod(["run", "--rm", "--mount"])
        .arg("type=image,source=localhost/imgvol,destination=/img,rw=true")
        .args([
            &busybox,
            "sh",
            "-c",
            "echo changed > /img/data/f && cat /img/data/f",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "changed");
    let out = env
        .rpod(["run", "--rm", "localhost/imgvol", "cat", "/data/f"])
        .run();
    out.success();
    assert_eq!(out.out(), "from-image", "the image is not changed");
    // Errors: an image that is not there, a subpath that is not in it.
    env.rpod(["run", "--rm", "--mount"])
        .arg("type=image,source=localhost/no-such-image,destination=/x")
        .args([&busybox, "true"])
        .run()
        .error125();
    env.rpod(["run", "--rm", "--mount"])
        .arg("type=image,source=localhost/imgvol,destination=/x,subpath=nope")
        .args([&busybox, "true"])
        .run()
        .error125()
        .stderr_has("nope is not a directory in the image");
    env.rpod(["run", "--rm", "--mount", "type=image,destination=/x"])
        .args([&busybox, "true"])
        .run()
        .error125()
        .stderr_has("type=image needs source=IMAGE");
}

#[test]
fn kube_play_mounts_image_volumes_and_automounts_image_volumes() {
    let (env, busybox) = require!(setup());
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: iv
  annotations:
    io.podman.annotations.kube.image.volumes.mount/auto: localhost/imgvol
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: {busybox}
    command: [sleep, "300"]
    volumeMounts:
    - name: whole
      mountPath: /image
    - name: whole
      mountPath: /sub
      subPath: data/sub
  - name: auto
    image: {busybox}
    command: [sleep, "300"]
  - name: plain
    image: {busybox}
    command: [sleep, "300"]
  volumes:
  - name: whole
    image:
      reference: localhost/imgvol
      pullPolicy: IfNotPresent
"#
    );
    let file = env.write_file("iv.yaml".as_ref(), &yaml);
    env.rpod(["kube", "play"]).arg(&file).run().success();
    let cat = |ctr: &str, path: &str| {
        let out = env.rpod(["exec", ctr, "cat", path]).run();
        out.success();
        out.out().to_string()
    };
    assert_eq!(cat("iv-c", "/image/data/f"), "from-image");
    assert_eq!(cat("iv-c", "/sub/g"), "deep");
    // The annotation mounts the image's VOLUME /data from the image.
    assert_eq!(cat("iv-auto", "/data/f"), "from-image");
    let out = env.rpod(["exec", "iv-auto", "touch", "/data/new"]).run();
    out.code(1);
    assert!(out.stderr.contains("Read-only file system"), "{out}");
    // Nothing is mounted in a container the annotation does not name.
    let out = env
        .rpod([
            "exec",
            "iv-plain",
            "sh",
            "-c",
            "test -e /image || test -e /data/f",
        ])
        .run();
    out.code(1);
    env.rpod(["kube", "down"]).arg(&file).run().success();

    // pullPolicy: Never with an image that is not local fails, as podman's.
    let never = yaml
        .replace(
            "localhost/imgvol\n      pullPolicy: IfNotPresent",
            "localhost/not-here\n      pullPolicy: Never",
        )
        .replace(
            "    io.podman.annotations.kube.image.volumes.mount/auto: localhost/imgvol\n",
            "    x: y\n",
        );
    let file = env.write_file("never.yaml".as_ref(), &never);
    env.rpod(["kube", "play"]).arg(&file).run().error125();
    let pods = env.rpod(["pod", "ps", "-q"]).run();
    pods.success();
    assert_eq!(pods.out(), "", "{pods}");
    // The annotation naming an image that is not local: podman's words.
    let missing = yaml.replace(
        "mount/auto: localhost/imgvol",
        "mount/auto: localhost/not-here",
    );
    let file = env.write_file("missing.yaml".as_ref(), &missing);
    env.rpod(["kube", "play"])
        .arg(&file)
        .run()
        .error125()
        .stderr_has("does not exist in local storage, cannot automount");
}

#[test]
fn rmi_refuses_an_image_that_an_image_mount_uses_and_force_removes_its_containers() {
    let (env, busybox) = require!(setup());
    let out = env
        .rpod(["create", "--name", "user", "--mount"])
        .arg("type=image,source=localhost/imgvol,destination=/img")
        .args([&busybox, "cat", "/img/data/f"])
        .run();
    out.success();
    let id = out.out().to_string();
    // podman's conflict: exit 2, the container named, the image kept.
    let out = env.rpod(["rmi", "localhost/imgvol"]).run();
    out.code(2);
    assert!(
        out.stderr.contains(&format!("image used by {id}"))
            && out.stderr.contains("image is in use by a container"),
        "{out}"
    );
    env.rpod(["image", "rm", "localhost/imgvol"]).run().code(2);
    // Pruning every unused image keeps it too.
    env.rpod(["image", "prune", "-a", "-f"]).run().success();
    env.rpod(["image", "exists", "localhost/imgvol"])
        .run()
        .success();
    let out = env.rpod(["start", "-a", "user"]).run();
    out.success();
    assert_eq!(out.out(), "from-image", "{out}");
    // -f removes the container with the image, as podman's.
    env.rpod(["rmi", "-f", "localhost/imgvol"]).run().success();
    env.rpod(["container", "exists", "user"]).run().code(1);
    env.rpod(["image", "exists", "localhost/imgvol"])
        .run()
        .code(1);
}
