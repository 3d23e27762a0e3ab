//! `kube play`, `kube down` and `kube generate` end to end, as the
//! unprivileged user: hand-written Pod (ConfigMap env, shared emptyDir,
//! hostPort reached from the host), Deployment with two replicas, a
//! generated YAML played back as an equivalent container, and no process
//! left after `kube down` / `play --down`.

use crate::harness::{eventually, have, Env};
use crate::network::http_get;
use crate::pull::pull;
use crate::registry;

fn setup() -> Option<(Env, String)> {
    if !have("pasta") {
        return crate::harness::prerequisite("pasta (passt)");
    }
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    Some((env, shared.reference("busybox:latest")))
}

fn is_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn names(env: &Env) -> Vec<String> {
    let out = env.rpod(["ps", "-a", "--format", "{{.Names}}"]).run();
    out.success();
    let mut v: Vec<String> = out.out().lines().map(str::to_string).collect();
    v.sort();
    v
}

fn pod_yaml(image: &str, port: u16) -> String {
    format!(
        r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: kt-config
data:
  greeting: hello from a config map
  LEVEL: debug
---
apiVersion: v1
kind: Pod
metadata:
  name: kt
  labels:
    app: kt
spec:
  restartPolicy: Never
  containers:
  - name: web
    image: {image}
    command: ["sh", "-c"]
    args:
    - mkdir -p /www && echo "$GREETING" > /www/index.html && echo "$GREETING" > /shared/msg && exec busybox httpd -f -p 80 -h /www
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: kt-config
          key: greeting
    envFrom:
    - configMapRef:
        name: kt-config
      prefix: CFG_
    ports:
    - containerPort: 80
      hostPort: {port}
    volumeMounts:
    - name: shared
      mountPath: /shared
  - name: side
    image: {image}
    command: ["sleep", "300"]
    workingDir: /shared
    volumeMounts:
    - name: shared
      mountPath: /shared
    - name: conf
      mountPath: /etc/kt
  volumes:
  - name: shared
    emptyDir: {{}}
  - name: conf
    configMap:
      name: kt-config
"#
    )
}

#[test]
fn play_runs_a_pod_with_config_map_env_and_down_leaves_nothing() {
    let (env, image) = require!(setup());
    let port = crate::harness::port();
    let yaml = env.write_file("pod.yaml".as_ref(), &pod_yaml(&image, port));
    let out = env.rpod(["kube", "play"]).arg(&yaml).run();
    out.success();
    // podman's report: Pod:, its ID, Containers:, their IDs, a blank line.
    let lines: Vec<&str> = out.out().lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(lines[0], "Pod:");
    assert!(is_id(lines[1]), "{out}");
    assert_eq!(lines[2], "Containers:");
    assert!(is_id(lines[3]) && is_id(lines[4]), "{out}");
    assert_eq!(names(&env), ["kt-side", "kt-web"]);

    // The config map's value is in the environment, and served on the hostPort.
    assert!(http_get(port).contains("hello from a config map"));
    let e = env.rpod(["exec", "kt-web", "env"]).run();
    e.success();
    assert!(e.out().lines().any(|l| l == "CFG_LEVEL=debug"), "{e}");
    assert!(
        e.out()
            .lines()
            .any(|l| l == "GREETING=hello from a config map"),
        "{e}"
    );
    // The emptyDir is shared by the pod's containers; the config map is a file.
    eventually("the side container sees the web container's file", || {
        let o = env.rpod(["exec", "kt-side", "cat", "msg"]).run();
        o.code == 0 && o.out().contains("hello from a config map")
    });
    let c = env.rpod(["exec", "kt-side", "cat", "/etc/kt/LEVEL"]).run();
    c.success();
    assert_eq!(c.out(), "debug");
    // Members share the network: localhost reaches the other container.
    let w = env
        .rpod([
            "exec",
            "kt-side",
            "busybox",
            "wget",
            "-qO-",
            "http://127.0.0.1:80/",
        ])
        .run();
    w.success();
    assert!(w.out().contains("hello from a config map"), "{w}");

    // A second play refuses, as podman does.
    let again = env.rpod(["kube", "play"]).arg(&yaml).run();
    again.error125().stderr_has("pod already exists");

    let down = env.rpod(["kube", "down"]).arg(&yaml).run();
    down.success();
    let d: Vec<&str> = down.out().lines().collect();
    assert_eq!(d[0], "Pods stopped:", "{down}");
    assert_eq!(d[1], lines[1], "{down}");
    assert_eq!(d[2], "Pods removed:", "{down}");
    assert_eq!(d[3], lines[1], "{down}");
    assert!(names(&env).is_empty());
    let vols = env.rpod(["volume", "ls", "--format", "{{.Name}}"]).run();
    vols.success();
    assert!(
        !vols.out().contains("kt-shared"),
        "the emptyDir goes with the pod: {vols}"
    );
    let left = env.leftovers();
    assert!(left.is_empty(), "left behind:\n{left}");
}

#[test]
fn play_runs_a_deployment_replicas_and_play_down_removes_them() {
    let (env, image) = require!(setup());
    let yaml = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: dep\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {{app: dep}}\n  template:\n    metadata:\n      labels: {{app: dep}}\n    spec:\n      containers:\n      - name: c\n        image: {image}\n        command: [sleep, \"300\"]\n"
    );
    let file = env.write_file("dep.yaml".as_ref(), &yaml);
    let out = env.rpod(["play", "kube"]).arg(&file).run();
    out.success();
    assert_eq!(out.out().matches("Pod:\n").count(), 2, "{out}");
    assert_eq!(names(&env), ["dep-pod-1-c", "dep-pod-c"]);
    let pods = env.rpod(["pod", "ps", "--format", "{{.Name}}"]).run();
    pods.success();
    let mut p: Vec<&str> = pods.out().lines().collect();
    p.sort();
    assert_eq!(p, ["dep-pod", "dep-pod-1"]);
    let st = env
        .rpod(["inspect", "--format", "{{.State.Status}}", "dep-pod-1-c"])
        .run();
    st.success();
    assert_eq!(st.out(), "running");
    env.rpod(["kube", "play", "--down"])
        .arg(&file)
        .run()
        .success();
    assert!(names(&env).is_empty());
    let left = env.leftovers();
    assert!(left.is_empty(), "left behind:\n{left}");
}

#[test]
fn generated_yaml_plays_back_an_equivalent_container() {
    let (env, image) = require!(setup());
    let port = crate::harness::port();
    env.rpod(["run", "-d", "--name", "gen", "-e", "FOO=bar baz", "-p"])
        .arg(format!("{port}:80"))
        .args(["-v", "genvol:/data", "-w", "/data", &image, "sleep", "300"])
        .run()
        .success();
    let file = env.root().parent().unwrap().join("gen.yaml");
    env.rpod(["kube", "generate", "gen", "-f"])
        .arg(&file)
        .run()
        .success();
    let y = std::fs::read_to_string(&file).unwrap();
    // kubectl's shape.
    for want in [
        "apiVersion: v1\n",
        "kind: Pod\n",
        "metadata:\n",
        "  name: gen-pod\n",
        "spec:\n",
        "  - name: FOO\n      value: bar baz\n",
        &format!("hostPort: {port}"),
        "claimName: genvol",
        "workingDir: /data",
    ] {
        assert!(y.contains(want), "{want:?} missing from:\n{y}");
    }
    assert!(
        !y.contains("PATH"),
        "the image's environment is not repeated:\n{y}"
    );
    // -f never overwrites.
    env.rpod(["generate", "kube", "gen", "-f"])
        .arg(&file)
        .run()
        .error125()
        .stderr_has("file exists");
    env.rpod(["rm", "-f", "gen"]).run().success();

    env.rpod(["kube", "play"]).arg(&file).run().success();
    let name = "gen-pod-gen";
    let fmt = "{{.ImageName}}|{{range .Config.Env}}{{.}},{{end}}|{{range .HostConfig.Binds}}{{.}}{{end}}|{{.Config.WorkingDir}}";
    let i = env.rpod(["inspect", "--format", fmt, name]).run();
    i.success();
    let parts: Vec<&str> = i.out().split('|').collect();
    assert!(parts[0].ends_with("busybox:latest"), "{i}");
    assert!(parts[1].contains("FOO=bar baz"), "{i}");
    assert_eq!(parts[2], "genvol:/data", "{i}");
    assert_eq!(parts[3], "/data", "{i}");
    let ports = env.rpod(["port", name]).run();
    ports.success();
    assert!(ports.out().contains(&format!(":{port}")), "{ports}");
    env.rpod(["kube", "down"]).arg(&file).run().success();
    assert!(names(&env).is_empty());
}

#[test]
fn bad_yaml_names_the_document_and_field() {
    let (env, image) = require!(setup());
    let y = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: m}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {{name: bad}}\nspec:\n  containers:\n  - name: c\n    image: {image}\n    ports:\n    - containerPort: http\n"
    );
    let file = env.write_file("bad.yaml".as_ref(), &y);
    let out = env.rpod(["kube", "play"]).arg(&file).run();
    out.error125().stderr_has(
        "document 2 (Pod \"bad\"): spec.containers[0].ports[0].containerPort: must be an integer",
    );
    assert!(names(&env).is_empty(), "nothing is created");
}

#[test]
fn play_wait_removes_the_pod_once_it_exits() {
    let (env, image) = require!(setup());
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: once\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: {image}\n    command: [echo, hello]\n"
    );
    let file = env.write_file("once.yaml".as_ref(), &yaml);
    let out = env.rpod(["kube", "play", "--wait"]).arg(&file).run();
    out.success();
    let o = out.out();
    assert!(
        o.starts_with("Use ctrl+c to clean up or wait for pods to exit\nPod:\n"),
        "{out}"
    );
    assert!(
        o.contains("Cleaning up containers, pods, and volumes...\nPods stopped:\nPods removed:\n"),
        "{out}"
    );
    assert!(names(&env).is_empty());
    let pods = env.rpod(["pod", "ps", "-q"]).run();
    pods.success();
    assert_eq!(pods.out(), "", "{pods}");
    let left = env.leftovers();
    assert!(left.is_empty(), "left behind:\n{left}");
}

#[test]
fn play_build_builds_images_from_a_directory_named_after_them() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("ctx");
    env.write_file(
        &ctx.join("kbuild/Containerfile"),
        &format!("FROM {image}\nRUN echo built-by-play > /built\n"),
    );
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kb\nspec:\n  containers:\n  - name: c\n    image: localhost/kbuild:latest\n    imagePullPolicy: Never\n    command: [sleep, \"300\"]\n";
    let file = env.write_file("kb.yaml".as_ref(), yaml);
    env.rpod(["kube", "play", "--build", "--context-dir"])
        .arg(&ctx)
        .arg(&file)
        .run()
        .success();
    let out = env.rpod(["exec", "kb-c", "cat", "/built"]).run();
    out.success();
    assert_eq!(out.out(), "built-by-play");
    env.rpod(["kube", "down"]).arg(&file).run().success();
    // --build=false never builds: without the image the play fails.
    env.rpod(["rmi", "localhost/kbuild:latest"]).run().success();
    env.rpod(["kube", "play", "--build=false"])
        .arg(&file)
        .run()
        .error125();
    assert!(
        names(&env).is_empty(),
        "nothing is left of a play that failed"
    );
}

#[test]
fn play_build_builds_an_image_volumes_image_too() {
    let (env, image) = require!(setup());
    let ctx = env.root().parent().unwrap().join("ctx");
    env.write_file(
        &ctx.join("kvol/Containerfile"),
        &format!("FROM {image}\nRUN mkdir /content && echo volume-built > /content/v\n"),
    );
    // No pullPolicy: podman's default for :latest (newer) would pull, but
    // an image built by the play is used as built.
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kv\nspec:\n  containers:\n  - name: c\n    image: {image}\n    command: [sleep, \"300\"]\n    volumeMounts:\n    - name: iv\n      mountPath: /iv\n  volumes:\n  - name: iv\n    image:\n      reference: localhost/kvol:latest\n"
    );
    let file = env.write_file("kv.yaml".as_ref(), &yaml);
    env.rpod(["kube", "play", "--build", "--context-dir"])
        .arg(&ctx)
        .arg(&file)
        .run()
        .success();
    let out = env.rpod(["exec", "kv-c", "cat", "/iv/content/v"]).run();
    out.success();
    assert_eq!(out.out(), "volume-built", "{out}");
    env.rpod(["kube", "down"]).arg(&file).run().success();
    env.rpod(["image", "exists", "localhost/kvol:latest"])
        .run()
        .success();
}

#[test]
fn play_maps_startup_probes_and_gives_containers_the_pods_annotations() {
    let (env, image) = require!(setup());
    // A startupProbe without a livenessProbe, a readinessProbe (ignored, as
    // podman ignores it) and pod annotations.
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: probed\n  annotations:\n    team: web\nspec:\n  containers:\n  - name: c\n    image: {image}\n    command: [sleep, \"300\"]\n    readinessProbe:\n      exec:\n        command: [\"false\"]\n    startupProbe:\n      exec:\n        command: [test, -e, /started]\n      periodSeconds: 1\n      failureThreshold: 1000\n  - name: d\n    image: {image}\n    command: [sleep, \"300\"]\n    livenessProbe:\n      exec:\n        command: [touch, /probed]\n      initialDelaySeconds: 1000\n"
    );
    let file = env.write_file("probed.yaml".as_ref(), &yaml);
    env.rpod(["kube", "play"]).arg(&file).run().success();
    let ctr = |env: &Env| env.rpod(["inspect", "probed-c"]).run().json()[0].clone();
    let c = &ctr(&env)["Config"];
    assert_eq!(
        c["StartupHealthCheck"]["Test"],
        serde_json::json!(["CMD", "test", "-e", "/started"]),
        "{c}"
    );
    assert_eq!(
        c["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "exit 0"]),
        "podman's stand-in healthcheck: {c}"
    );
    assert_eq!(c["HealthcheckOnFailureAction"], "restart", "{c}");
    assert_eq!(c["Annotations"]["team"], "web", "{c}");
    let health = |env: &Env| {
        env.rpod([
            "inspect",
            "--format",
            "{{.State.Health.Status}}",
            "probed-c",
        ])
        .run()
        .success()
        .out()
        .to_string()
    };
    // Starting until the startup probe passes, then the regular check.
    eventually("a failed startup probe", || {
        ctr(&env)["State"]["Health"]["Log"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    });
    assert_eq!(health(&env), "starting");
    env.rpod(["exec", "probed-c", "touch", "/started"])
        .run()
        .success();
    eventually("healthy after the startup probe", || {
        health(&env) == "healthy"
    });
    // kube play's pods have podman's exit policy `stop`.
    env.rpod(["pod", "inspect", "--format", "{{.ExitPolicy}}", "probed"])
        .run()
        .success()
        .stdout_is("stop");
    // No probe at all before initialDelaySeconds (podman: unhealthy, exit 1).
    env.rpod(["healthcheck", "run", "probed-d"])
        .run()
        .code(1)
        .stdout_is("unhealthy");
    env.rpod(["exec", "probed-d", "test", "-e", "/probed"])
        .run()
        .code(1);
    env.rpod(["kube", "down"]).arg(&file).run().success();
    assert!(names(&env).is_empty());
}

#[test]
fn read_only_root_and_the_writable_tmpfs_of_kube_containers_round_trip() {
    let (env, image) = require!(setup());
    // podman's --restart never is --restart no.
    env.rpod([
        "create",
        "--pod",
        "new:rop",
        "--restart",
        "never",
        "--name",
        "rw",
        &image,
        "touch",
        "/testrw",
    ])
    .run()
    .success();
    env.rpod([
        "create",
        "--pod",
        "rop",
        "--read-only",
        "--restart=no",
        "--name",
        "ro",
        &image,
        "touch",
        "/testro",
    ])
    .run()
    .success();
    // /tmp stays writable, and executable, in a read-only kube container.
    env.rpod([
        "create",
        "--pod",
        "rop",
        "--read-only",
        "--name",
        "tmp",
        &image,
        "sh",
        "-c",
        "printf '#!/bin/sh\\necho hi\\n' > /tmp/t && chmod +x /tmp/t && /tmp/t",
    ])
    .run()
    .success();
    let fmt = "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.RestartPolicy.Name}}";
    let ro = |env: &Env, names: &[&str]| -> Vec<String> {
        let out = env
            .rpod(["container", "inspect", "--format", fmt])
            .args(names)
            .run();
        out.success();
        out.out().lines().map(str::to_string).collect()
    };
    assert_eq!(
        ro(&env, &["rw", "ro", "tmp"]),
        ["false no", "true no", "true no"]
    );
    let file = env.root().join("rop.yaml");
    env.rpod(["kube", "generate", "rop", "-f"])
        .arg(&file)
        .run()
        .success();
    env.rpod(["kube", "play", "--replace"])
        .arg(&file)
        .run()
        .success();
    env.rpod(["wait", "rop-rw", "rop-ro", "rop-tmp"])
        .run()
        .success()
        .stdout_is("0\n1\n0");
    assert_eq!(
        ro(&env, &["rop-rw", "rop-ro", "rop-tmp"]),
        ["false no", "true no", "true no"]
    );
    env.rpod(["logs", "rop-tmp"])
        .run()
        .success()
        .stdout_is("hi");
    env.rpod(["kube", "down"]).arg(&file).run().success();
    assert!(names(&env).is_empty());

    // With containers.conf's read_only, an explicit readOnlyRootFilesystem:
    // false wins and a container without one is read-only; every kube
    // container has writable tmpfs on /tmp, /var/tmp and /run, not noexec.
    env.containers_conf("[containers]\nread_only = true\n");
    let port = registry::free_port();
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: roc
spec:
  restartPolicy: Never
  containers:
  - name: default
    image: {image}
    command: ["sh", "-c", "grep -E ' /(tmp|var/tmp|run) ' /proc/mounts; sleep 300"]
    ports:
    - containerPort: 80
      hostPort: {port}
  - name: given
    image: {image}
    command: ["touch", "/x"]
    securityContext:
      readOnlyRootFilesystem: false
"#
    );
    let file = env.write_file("roc.yaml".as_ref(), &yaml);
    env.rpod(["kube", "play"]).arg(&file).run().success();
    env.rpod(["wait", "roc-given"])
        .run()
        .success()
        .stdout_is("0");
    assert_eq!(
        ro(&env, &["roc-given", "roc-default"]),
        ["false no", "true no"]
    );
    let mut mounts = String::new();
    eventually("the mounts in the logs", || {
        mounts = env.rpod(["logs", "roc-default"]).run().out().to_string();
        mounts.lines().count() == 3
    });
    for dir in ["/tmp", "/var/tmp", "/run"] {
        let line = mounts
            .lines()
            .find(|l| l.split(' ').nth(1) == Some(dir))
            .unwrap_or_else(|| panic!("no {dir} in {mounts}"));
        assert!(line.starts_with("tmpfs "), "{line}");
        assert!(!line.contains("noexec"), "{line}");
    }
    // podman shows an unset host address of a published port as 0.0.0.0.
    env.rpod([
        "pod",
        "inspect",
        "roc",
        "--format",
        "{{.InfraConfig.PortBindings}}",
    ])
    .run()
    .success()
    .stdout_is(&format!("map[80/tcp:[{{0.0.0.0 {port}}}]]"));
    env.rpod(["kube", "down"]).arg(&file).run().success();
    assert!(names(&env).is_empty());
}

#[test]
fn service_container_runs_while_the_pods_do_and_goes_with_them() {
    let (env, image) = require!(setup());
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: sv1
spec:
  containers:
  - name: c
    image: {image}
    command: ["sleep", "300"]
---
apiVersion: v1
kind: Pod
metadata:
  name: sv2
spec:
  containers:
  - name: c
    image: {image}
    command: ["sleep", "300"]
"#
    );
    let file = env.write_file("sv.yaml".as_ref(), &yaml);
    let hash = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(yaml.as_bytes()))
    };
    let service = format!("{}-service", &hash[..12]);
    // As podman's without sd-notify annotations: play returns once the
    // pods run (under systemd it names the service's monitor MAINPID).
    env.rpod([
        "kube",
        "play",
        "--service-container=true",
        "--log-driver",
        "json-file",
    ])
    .arg(&file)
    .run()
    .success();
    let fmt = "{{.State.Running}} {{.IsService}} {{.Config.StopTimeout}} {{.HostConfig.NetworkMode}} {{.HostConfig.ReadonlyRootfs}}";
    env.rpod(["container", "inspect", "--format", fmt, &service])
        .run()
        .success()
        .stdout_is("true true 10 none true");
    env.rpod([
        "container",
        "inspect",
        "--format",
        "{{.State.Running}} {{.HostConfig.LogConfig.Type}}",
        "sv1-c",
        "sv2-c",
    ])
    .run()
    .success()
    .stdout_is("true json-file\ntrue json-file");
    let running = |env: &Env| {
        env.rpod([
            "container",
            "inspect",
            "--format",
            "{{.State.Running}}",
            &service,
        ])
        .run()
        .out()
        .trim()
        .to_string()
    };
    // It stops when the last container of its pods has exited, not before.
    env.rpod(["pod", "stop", "-t", "0", "sv1"]).run().success();
    assert_eq!(running(&env), "true");
    env.rpod(["stop", "-t", "0", "sv2-c"]).run().success();
    eventually("the service container stops", || running(&env) == "false");
    // A pod start starts it again.
    env.rpod(["pod", "restart", "sv1"]).run().success();
    assert_eq!(running(&env), "true");
    // It cannot be removed while its pods exist.
    for force in [false, true] {
        let mut cmd = env.rpod(["container", "rm"]);
        if force {
            cmd.arg("--force");
        }
        cmd.arg(&service)
            .run()
            .error125()
            .stderr_has("is the service container of pod(s) ")
            .stderr_has("and cannot be removed without removing the pod(s)");
    }
    env.rpod(["pod", "kill", "sv1"]).run().success();
    eventually("the service container stops", || running(&env) == "false");
    // It goes with the last of its pods.
    env.rpod(["pod", "rm", "sv1"]).run().success();
    env.rpod(["container", "exists", &service]).run().success();
    env.rpod(["kube", "down"]).arg(&file).run().success();
    env.rpod(["container", "exists", &service]).run().code(1);
    assert!(names(&env).is_empty());
    // --start=false cannot go with it.
    env.rpod(["kube", "play", "--service-container", "--start=false"])
        .arg(&file)
        .run()
        .error125()
        .stderr_has("running a service container requires starting the pod(s)");
    assert!(names(&env).is_empty());
}

#[test]
fn play_network_joins_the_pods_to_a_user_defined_network() {
    let (env, image) = require!(setup());
    env.rpod(["network", "create", "kn"]).run().success();
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: kweb
spec:
  containers:
  - name: srv
    image: {image}
    command: ["sh", "-c", "mkdir -p /www && echo hello-kn > /www/index.html && exec busybox httpd -f -p 80 -h /www"]
---
apiVersion: v1
kind: Pod
metadata:
  name: kcli
spec:
  containers:
  - name: c
    image: {image}
    command: ["sleep", "300"]
"#
    );
    let file = env.write_file("kn.yaml".as_ref(), &yaml);
    env.rpod(["kube", "play", "--network", "kn"])
        .arg(&file)
        .run()
        .success();
    for c in ["kweb-srv", "kcli-c"] {
        env.rpod([
            "container",
            "inspect",
            "--format",
            "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}",
            c,
        ])
        .run()
        .success()
        .stdout_is("kn");
    }
    // One pod reaches the other by the pod's name, as podman's infra
    // container's host name makes it resolve.
    let mut page = String::new();
    eventually("kcli reaches kweb by name", || {
        let out = env
            .rpod([
                "exec",
                "kcli-c",
                "busybox",
                "wget",
                "-qO-",
                "http://kweb:80/",
            ])
            .run();
        page = format!("{out}");
        out.code == 0
    });
    assert!(page.contains("hello-kn"), "{page}");
    env.rpod(["kube", "down"]).arg(&file).run().success();
    assert!(names(&env).is_empty());
    env.rpod(["network", "rm", "kn"]).run().success();
}

/// A pod's `securityContext.seLinuxOptions` is the default of its
/// containers, as podman's: a container with `seLinuxOptions` of its own
/// keeps only those; `kube generate` writes each container's (podman
/// writes none at the pod's level).
#[test]
fn pod_level_selinux_options_apply_to_containers_without_their_own() {
    let (env, image) = require!(setup());
    let yaml = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: psel\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n      level: s0:c3\n  containers:\n  - name: a\n    image: {image}\n    command: [\"true\"]\n  - name: b\n    image: {image}\n    command: [\"true\"]\n    securityContext:\n      seLinuxOptions:\n        level: s0:c9\n"
    );
    let file = env.write_file("psel.yaml".as_ref(), &yaml);
    env.rpod(["kube", "play", "--start=false"])
        .arg(&file)
        .run()
        .success();
    let gen = env.rpod(["kube", "generate", "psel"]).run();
    gen.success();
    let text = gen.out();
    // Each container's entry of `spec.containers` (sequences unindented).
    let entry = |n: &str| {
        text.split("\n  - ")
            .find(|c| c.contains(&format!("name: {n}\n")))
            .unwrap_or_else(|| panic!("no container {n}:\n{gen}"))
    };
    let (sa, sb) = (entry("psel-a"), entry("psel-b"));
    assert!(
        sa.contains("type: spc_t") && sa.contains("level: s0:c3"),
        "{gen}"
    );
    assert!(sb.contains("level: s0:c9"), "{gen}");
    assert!(!sb.contains("spc_t") && !sb.contains("s0:c3"), "{gen}");
    // The pod's spec carries no seLinuxOptions of its own.
    assert_eq!(text.matches("seLinuxOptions:").count(), 2, "{gen}");
    env.rpod(["kube", "down"]).arg(&file).run().success();
}

/// `--security-opt label=` values round-trip through `kube generate`
/// (`securityContext.seLinuxOptions`, podman's `filetype` included) and
/// `kube play`, as podman's; and `build --unsetenv` leaves a variable out
/// of the image while a played container still gets the default PATH
/// and inspect shows the image's user as written.
#[test]
fn selinux_labels_round_trip_and_unsetenv_images_play() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--pod", "new:sel"])
        .args(["--security-opt", "label=level:s0:c1,c2"])
        .args(["--security-opt", "label=filetype:usr_t"])
        .args(["--name", "c", &image, "true"])
        .run()
        .success();
    let gen = env.rpod(["kube", "generate", "sel"]).run();
    gen.success();
    assert!(gen.out().contains("seLinuxOptions:"), "{gen}");
    assert!(gen.out().contains("filetype: usr_t"), "{gen}");
    assert!(gen.out().contains("level: s0:c1,c2"), "{gen}");
    env.rpod(["pod", "rm", "-f", "sel"]).run().success();
    let file = env.write_file("sel.yaml".as_ref(), gen.out());
    env.rpod(["kube", "play", "--start=false"])
        .arg(&file)
        .run()
        .success();
    let again = env.rpod(["kube", "generate", "sel"]).run();
    again.success();
    assert!(again.out().contains("filetype: usr_t"), "{again}");
    env.rpod(["kube", "down"]).arg(&file).run().success();

    let ctx = env.root().parent().unwrap().join("unset-ctx");
    env.write_file(
        &ctx.join("Containerfile"),
        &format!("FROM {image}\nENV KEEP=1\nUSER user\n"),
    );
    env.rpod(["build", "-q", "--unsetenv", "PATH", "-t", "localhost/unset"])
        .arg(&ctx)
        .run()
        .success();
    let envs = env
        .rpod([
            "image",
            "inspect",
            "--format",
            "{{.Config.Env}}",
            "localhost/unset",
        ])
        .run();
    envs.success();
    assert_eq!(envs.out(), "[KEEP=1]", "{envs}");
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: un\nspec:\n  containers:\n  - name: c\n    image: localhost/unset\n    imagePullPolicy: Never\n    command: [sh, -c, 'echo $PATH']\n";
    let file = env.write_file("un.yaml".as_ref(), yaml);
    env.rpod(["kube", "play", "--start=false"])
        .arg(&file)
        .run()
        .success();
    let cenv = env
        .rpod(["inspect", "--format", "{{.Config.Env}}", "un-c"])
        .run();
    cenv.success();
    assert!(
        cenv.out()
            .contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        "{cenv}"
    );
    // inspect's Config.User is the user as given (the image's), as podman's.
    let user = env
        .rpod(["inspect", "--format", "{{.Config.User}}", "un-c"])
        .run();
    user.success();
    assert_eq!(user.out(), "user", "{user}");
    env.rpod(["kube", "down"]).arg(&file).run().success();
}

/// The workload kinds and volume sources of issue 18 in one play: a
/// DaemonSet and a Job (run to completion) beside a Pod that takes a
/// Secret as environment and as files, a PersistentVolumeClaim, a
/// hostPath and a ConfigMap from `--configmap`; `--replace` plays it
/// again, `kube down --force` leaves no pod, volume or process; then
/// `--publish` of a one-pod play.
#[test]
fn play_daemonset_job_secrets_claims_host_paths_configmap_file_and_publish() {
    let (env, image) = require!(setup());
    let port = crate::harness::port();
    let host_dir = env.root().parent().unwrap().join("hostdir");
    env.write_file(&host_dir.join("f"), "from-the-host");
    let cm = env.write_file(
        "cm.yaml".as_ref(),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ext\ndata:\n  mode: external\n",
    );
    let yaml = format!(
        r#"apiVersion: v1
kind: Secret
metadata:
  name: ksec
data:
  password: c2VjcmV0
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: kclaim
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector:
    matchLabels: {{app: ds}}
  template:
    metadata:
      labels: {{app: ds}}
    spec:
      containers:
      - name: c
        image: {image}
        command: [sleep, "300"]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: job
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: {image}
        command: [echo, job-done]
---
apiVersion: v1
kind: Pod
metadata:
  name: kp
spec:
  containers:
  - name: c
    image: {image}
    command: [sh, -c, "mkdir -p /www && echo served > /www/index.html && exec busybox httpd -f -p 80 -h /www"]
    ports:
    - containerPort: 80
    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: ksec
          key: password
    - name: MODE
      valueFrom:
        configMapKeyRef:
          name: ext
          key: mode
    volumeMounts:
    - name: sec
      mountPath: /etc/sec
    - name: claim
      mountPath: /data
    - name: host
      mountPath: /host
  volumes:
  - name: sec
    secret:
      secretName: ksec
  - name: claim
    persistentVolumeClaim:
      claimName: kclaim
  - name: host
    hostPath:
      path: {host}
      type: Directory
"#,
        host = host_dir.display()
    );
    let file = env.write_file("kinds.yaml".as_ref(), &yaml);
    let play = |extra: &[&str]| {
        let out = env
            .rpod(["kube", "play", "--configmap"])
            .arg(&cm)
            .args(extra)
            .arg(&file)
            .run();
        out.success();
        out
    };
    play(&[]);
    let pods = env.rpod(["pod", "ps", "--format", "{{.Name}}"]).run();
    pods.success();
    let mut p: Vec<&str> = pods.out().lines().collect();
    p.sort();
    assert_eq!(p, ["ds-pod", "job-pod", "kp"], "{pods}");
    // The Job's container runs to completion.
    env.rpod(["wait", "job-pod-c"])
        .run()
        .success()
        .stdout_is("0");
    env.rpod(["logs", "job-pod-c"])
        .run()
        .success()
        .stdout_is("job-done");
    env.rpod(["inspect", "--format", "{{.State.Status}}", "ds-pod-c"])
        .run()
        .success()
        .stdout_is("running");
    let exec = |cmd: &str| {
        let out = env.rpod(["exec", "kp-c", "sh", "-c", cmd]).run();
        out.success();
        out.out().to_string()
    };
    assert_eq!(exec("echo $PASSWORD $MODE"), "secret external");
    assert_eq!(exec("cat /etc/sec/password"), "secret");
    assert_eq!(exec("cat /host/f"), "from-the-host");
    exec("echo kept > /data/k");
    // The claim is a named volume.
    env.rpod(["volume", "exists", "kclaim"]).run().success();
    // --replace plays it again over the running pods.
    let before = env
        .rpod(["pod", "inspect", "--format", "{{.Id}}", "kp"])
        .run();
    before.success();
    play(&["--replace"]);
    let after = env
        .rpod(["pod", "inspect", "--format", "{{.Id}}", "kp"])
        .run();
    after.success();
    assert_ne!(before.out(), after.out(), "a new pod");
    // The claim's data outlives the replaced pod.
    assert_eq!(exec("cat /data/k"), "kept");
    env.rpod(["kube", "down", "--force"])
        .arg(&file)
        .run()
        .success();
    env.rpod(["pod", "ps", "-q"]).run().success().stdout_is("");
    assert!(names(&env).is_empty());
    env.rpod(["volume", "exists", "kclaim"]).run().code(1);
    // --publish: a port of the pod reached from the host (every pod of
    // the play gets it, as podman's, so one pod here).
    let web = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pub\nspec:\n  containers:\n  - name: c\n    image: {image}\n    command: [sh, -c, \"mkdir -p /www && echo served > /www/index.html && exec busybox httpd -f -p 80 -h /www\"]\n"
    );
    let web = env.write_file("pub.yaml".as_ref(), &web);
    env.rpod(["kube", "play", "--publish", &format!("127.0.0.1:{port}:80")])
        .arg(&web)
        .run()
        .success();
    assert!(http_get(port).contains("served"));
    env.rpod(["kube", "play", "--down"])
        .arg(&web)
        .run()
        .success();
    let left = env.leftovers();
    assert!(left.is_empty(), "left behind:\n{left}");
}

/// `kube generate` of a pod as a Deployment with a Service and the
/// PersistentVolumeClaim of its volume (`generate kube` too), played back
/// as a running pod with the volume's data (the Service takes the host
/// port: podman drops `hostPort` from the pod then).
#[test]
fn generate_deployment_service_and_claim_round_trip() {
    let (env, image) = require!(setup());
    let port = crate::harness::port();
    env.rpod(["pod", "create", "--name", "gp", "-p"])
        .arg(format!("127.0.0.1:{port}:80"))
        .run()
        .success();
    env.rpod(["run", "-d", "--pod", "gp", "--name", "web"])
        .args(["-v", "gpvol:/data", &image, "sh", "-c"])
        .arg("echo vol > /data/v; mkdir -p /www && echo gp > /www/index.html && exec busybox httpd -f -p 80 -h /www")
        .run()
        .success();
    let gen = env
        .rpod([
            "generate",
            "kube",
            "--type",
            "deployment",
            "--service",
            "gp",
            "gpvol",
        ])
        .run();
    gen.success();
    let y = gen.out();
    for want in [
        "kind: PersistentVolumeClaim",
        "name: gpvol",
        "kind: Service",
        "kind: Deployment",
        "apiVersion: apps/v1",
        "claimName: gpvol",
        "containerPort: 80",
    ] {
        assert!(y.contains(want), "{want:?} missing:\n{gen}");
    }
    // With --service the host port is the Service's (a NodePort), not
    // the pod's, as podman writes it.
    assert!(!y.contains("hostPort"), "{gen}");
    let file = env.write_file("gp.yaml".as_ref(), y);
    env.rpod(["pod", "rm", "-f", "gp"]).run().success();
    env.rpod(["kube", "play"]).arg(&file).run().success();
    // podman's names: Deployment gp-deployment, its pod gp-deployment-pod.
    let pods = env
        .rpod(["pod", "ps", "--format", "{{.Name}} {{.Status}}"])
        .run();
    pods.success();
    assert_eq!(pods.out(), "gp-deployment-pod Running", "{pods}");
    let out = env
        .rpod([
            "exec",
            "gp-deployment-pod-web",
            "cat",
            "/data/v",
            "/www/index.html",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "vol\ngp", "{out}");
    env.rpod(["kube", "down"]).arg(&file).run().success();
    env.rpod(["pod", "ps", "-q"]).run().success().stdout_is("");
    let left = env.leftovers();
    assert!(left.is_empty(), "left behind:\n{left}");
}
