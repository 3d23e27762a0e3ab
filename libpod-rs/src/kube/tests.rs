//! Table-style tests of parsing, planning and generating.

use super::generate::{generate, GenContainer, GenKind, GenMount, GenOptions, GenPod, GenVolume};
use super::model::*;
use super::*;
use crate::network::Mode;
use crate::spec::{MountSource, RestartPolicy as SpecRestart};

const POD: &str = r#"
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  restartPolicy: OnFailure
  containers:
  - name: srv
    image: busybox
    command: ["httpd", "-f"]
    args: ["-p", "8080"]
    workingDir: /srv
    env:
    - name: A
      value: one
    - name: FROM_MAP
      valueFrom:
        configMapKeyRef: {name: cfg, key: greeting}
    - name: POD
      valueFrom:
        fieldRef: {fieldPath: metadata.name}
    envFrom:
    - configMapRef: {name: cfg}
      prefix: CFG_
    ports:
    - containerPort: 8080
      hostPort: 18080
    - containerPort: 9090
    volumeMounts:
    - {name: data, mountPath: /data}
    - {name: conf, mountPath: /etc/conf}
    - {name: scratch, mountPath: /scratch}
    securityContext:
      capabilities: {add: [NET_ADMIN], drop: [CAP_CHOWN]}
      runAsUser: 1000
      runAsGroup: 3000
      readOnlyRootFilesystem: true
    resources:
      limits: {memory: 128Mi, cpu: 500m}
      requests: {memory: 64Mi, cpu: "0.25"}
  - name: side
    image: alpine
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: appdata}
  - name: conf
    configMap: {name: cfg}
  - name: scratch
    emptyDir: {}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data:
  greeting: hello
---
apiVersion: v1
kind: Service
metadata: {name: websvc}
"#;

#[test]
fn parses_a_multi_document_stream() {
    let docs = parse(POD, "pod.yaml").unwrap();
    assert_eq!(docs.len(), 3);
    let Object::Workload(w) = &docs[0].object else {
        panic!("{:?}", docs[0]);
    };
    assert_eq!(w.kind, WorkloadKind::Pod);
    assert_eq!(w.meta.name, "web");
    let c = &w.spec.containers[0];
    assert_eq!(
        c.command.as_deref(),
        Some(&["httpd".to_string(), "-f".into()][..])
    );
    assert_eq!(c.ports[0].host_port, Some(18080));
    assert_eq!(c.resources.limit_memory, Some(128 << 20));
    assert_eq!(c.resources.limit_cpu_milli, Some(500));
    assert_eq!(c.resources.request_cpu_milli, Some(250));
    assert_eq!(c.security.run_as_user, Some(1000));
    assert_eq!(c.security.read_only_root, Some(true));
    assert_eq!(
        docs[2].object,
        Object::Ignored {
            kind: "Service".into(),
            name: "websvc".into()
        }
    );
}

#[test]
fn plans_containers_from_a_pod() {
    let docs = parse(POD, "pod.yaml").unwrap();
    let p = plan(&docs, &PlayOptions::default()).unwrap();
    assert_eq!(p.ignored, ["Service \"websvc\""]);
    let names: Vec<_> = p.volumes.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["appdata", "cfg", "web-scratch"]);
    assert_eq!(
        p.volumes[1].files,
        [("greeting".to_string(), b"hello".to_vec(), 0o644)]
    );
    assert!(p.volumes[2].ephemeral);
    let pod = &p.pods[0];
    assert_eq!(pod.name, "web");
    assert_eq!(pod.ports.len(), 1, "only hostPorts are published");
    assert_eq!(
        (pod.ports[0].host_port, pod.ports[0].container_port),
        (18080, 8080)
    );
    let s = &pod.containers[0];
    assert_eq!(s.name.as_deref(), Some("web-srv"));
    assert_eq!(
        s.process.entrypoint.as_deref(),
        Some(&["httpd".to_string(), "-f".into()][..])
    );
    assert_eq!(s.process.command, ["-p", "8080"]);
    let env: Vec<String> = s
        .process
        .env
        .iter()
        .map(|e| format!("{}={}", e.name, e.value))
        .collect();
    assert_eq!(
        env,
        ["CFG_greeting=hello", "A=one", "FROM_MAP=hello", "POD=web"]
    );
    assert_eq!(s.mounts[0].source, MountSource::Volume("appdata".into()));
    assert_eq!(s.mounts[1].source, MountSource::Volume("cfg".into()));
    assert!(s.mounts[1].read_only, "config maps are read-only");
    assert_eq!(
        s.mounts[2].source,
        MountSource::Volume("web-scratch".into())
    );
    assert_eq!(s.read_only, Some(true));
    assert_eq!(
        s.process
            .user
            .as_ref()
            .map(|u| (u.user.as_str(), u.group.as_deref())),
        Some(("1000", Some("3000")))
    );
    assert_eq!(s.resources.memory, Some(128 << 20));
    assert_eq!(s.resources.cpu_quota, Some(50_000));
    assert_eq!(s.restart, SpecRestart::OnFailure { max_retries: 0 });
    assert_eq!(s.labels.get("app").map(String::as_str), Some("web"));
    assert!(s.security.caps.add.contains("NET_ADMIN".parse().unwrap()));
    assert!(s.security.caps.drop.contains("CHOWN".parse().unwrap()));
    assert_eq!(pod.containers[1].name.as_deref(), Some("web-side"));
}

#[test]
fn deployments_make_one_pod_per_replica() {
    let y = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  replicas: 3\n  template:\n    metadata: {labels: {app: app}}\n    spec:\n      containers:\n      - {name: c, image: busybox}\n";
    let docs = parse(y, "d.yaml").unwrap();
    let p = plan(
        &docs,
        &PlayOptions {
            network: Some(Mode::None),
            ..Default::default()
        },
    )
    .unwrap();
    let names: Vec<_> = p.pods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["app-pod", "app-pod-1", "app-pod-2"]);
    assert_eq!(p.pods[2].containers[0].name.as_deref(), Some("app-pod-2-c"));
    assert_eq!(p.pods[0].network, Some(Mode::None));
    // Host ports cannot be shared by replicas.
    let y2 = y.replace(
        "{name: c, image: busybox}",
        "{name: c, image: busybox, ports: [{containerPort: 80, hostPort: 8080}]}",
    );
    let e = plan(&parse(&y2, "d.yaml").unwrap(), &PlayOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .contains("document 1 (Deployment \"app\"): spec.replicas"),
        "{e}"
    );
}

#[test]
fn errors_name_the_document_and_field() {
    let cases: &[(&str, &str)] = &[
        ("kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n", "y.yaml:5: document 1 (Pod \"p\"): spec.containers[0].image: required, but missing"),
        ("kind: ConfigMap\nmetadata: {name: m}\n---\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, ports: [{containerPort: 99999}]}]}\n", "document 2 (Pod \"p\"): spec.containers[0].ports[0].containerPort: must be an integer from 1 to 65535, not 99999"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, env: [{name: X, value: {a: 1}}]}]}\n", "spec.containers[0].env[0].value: must be a string, not mapping"),
        ("kind: Pod\nspec: {containers: [{name: c, image: i}]}\n", "document 1 (Pod): metadata.name: required"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: My_C, image: i}]}\n", "spec.containers[0].name: \"My_C\" is not a valid container name"),
        ("kind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: i, resources: {limits: {memory: lots}}}]}}}\n", "spec.template.spec.containers[0].resources.limits.memory: \"lots\" is not a quantity"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n", "spec.containers: required, but missing: a pod needs at least one container"),
        ("metadata: {name: p}\n", "document 1: kind: required"),
        ("kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}], volumes: [{name: v, nfs: {server: x}}]}\n", "spec.volumes[0]: volume \"v\": rpod supports hostPath"),
        ("kind: Secret\nmetadata: {name: s}\ndata: {k: \"%%%\"}\n", "document 1 (Secret \"s\"): data.k: not base64"),
        ("kind: Pod\nmetadata: {name: p\n", "y.yaml"),
    ];
    for (y, want) in cases {
        let e = parse(y, "y.yaml").unwrap_err().to_string();
        assert!(e.contains(want), "{y}\n  got: {e}\n want: {want}");
    }
}

#[test]
fn plan_errors_name_the_reference() {
    let y = "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    env:\n    - name: X\n      valueFrom: {configMapKeyRef: {name: nope, key: k}}\n";
    let e = plan(&parse(y, "y").unwrap(), &PlayOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("document 1 (Pod \"p\"): spec.containers[0].env[0].valueFrom: config map \"nope\" is not defined"), "{e}");
    let optional = y.replace("key: k}", "key: k, optional: true}");
    let p = plan(&parse(&optional, "y").unwrap(), &PlayOptions::default()).unwrap();
    assert!(p.pods[0].containers[0].process.env.is_empty());
    // A --configmap file's map is found.
    let cm = parse(
        "kind: ConfigMap\nmetadata: {name: nope}\ndata: {k: v}\n",
        "c",
    )
    .unwrap();
    let Object::ConfigMap(cm) = cm[0].object.clone() else {
        panic!()
    };
    let p = plan(
        &parse(y, "y").unwrap(),
        &PlayOptions {
            config_maps: vec![cm],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(p.pods[0].containers[0].process.env[0].value, "v");
    let only_map = "kind: ConfigMap\nmetadata: {name: m}\n";
    let e = plan(&parse(only_map, "y").unwrap(), &PlayOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("ConfigMaps are not a standalone object"), "{e}");
}

#[test]
fn quantities() {
    use super::parse::parse_quantity as q;
    assert_eq!(q("128Mi", false), Some(134_217_728));
    assert_eq!(q("1G", false), Some(1_000_000_000));
    assert_eq!(q("1e3", false), Some(1000));
    assert_eq!(q("500m", true), Some(500));
    assert_eq!(q("2", true), Some(2000));
    assert_eq!(q("0.1", true), Some(100));
    assert_eq!(q("x", true), None);
}

fn gen_opts() -> GenOptions {
    GenOptions {
        timestamp: "2026-01-02T03:04:05Z".into(),
        version: "0.1.0".into(),
        ..Default::default()
    }
}

fn web() -> GenContainer {
    GenContainer {
        name: "web_1".into(),
        image: "docker.io/library/busybox:latest".into(),
        command: Some(vec!["top".into()]),
        env: vec![("A".into(), "1".into())],
        ports: vec![crate::network::ports::parse_publish_spec("8080:80").unwrap()[0]],
        mounts: vec![
            GenMount {
                source: MountSource::Volume("Data_Vol".into()),
                destination: "/data".into(),
                read_only: true,
                host_dir: None,
            },
            GenMount {
                source: MountSource::Bind("/srv/Www".into()),
                destination: "/www".into(),
                read_only: false,
                host_dir: Some(true),
            },
        ],
        cap_drop: vec!["CAP_CHOWN".into()],
        memory: Some(64 << 20),
        cpu_milli: Some(1500),
        restart: SpecRestart::Always,
        ..Default::default()
    }
}

#[test]
fn generates_a_pod_as_podman_writes_it() {
    let pod = GenPod {
        containers: vec![web()],
        ..Default::default()
    };
    let y = generate(&[pod], &[], &gen_opts()).unwrap();
    let want = "# Save the output of this file and use kubectl create -f to import
# it into Kubernetes.
#
# Created with rpod-0.1.0
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: \"2026-01-02T03:04:05Z\"
  labels:
    app: web1-pod
  name: web1-pod
spec:
  containers:
  - command:
    - top
    env:
    - name: A
      value: \"1\"
    image: docker.io/library/busybox:latest
    name: web1
    ports:
    - containerPort: 80
      hostPort: 8080
    resources:
      limits:
        cpu: 1500m
        memory: 64Mi
    securityContext:
      capabilities:
        drop:
        - CAP_CHOWN
    volumeMounts:
    - mountPath: /data
      name: data-vol-pvc
      readOnly: true
    - mountPath: /www
      name: srv-www-host-1
  restartPolicy: Always
  volumes:
  - name: data-vol-pvc
    persistentVolumeClaim:
      claimName: Data_Vol
      readOnly: true
  - hostPath:
      path: /srv/Www
      type: Directory
    name: srv-www-host-1
";
    assert_eq!(y, want);
    // What it writes reads back, kubectl's shape: apiVersion, kind, metadata, spec.
    let docs = parse(&y, "gen.yaml").unwrap();
    let Object::Workload(w) = &docs[0].object else {
        panic!()
    };
    assert_eq!(
        w.spec.containers[0].env[0].value,
        EnvValue::Literal("1".into())
    );
}

#[test]
fn generates_deployments_services_and_claims() {
    let pod = GenPod {
        name: Some("app".into()),
        containers: vec![web()],
        ..Default::default()
    };
    let opts = GenOptions {
        kind: GenKind::Deployment,
        replicas: 2,
        service: true,
        node_port_seed: 5,
        ..gen_opts()
    };
    let vols = [GenVolume {
        name: "Data_Vol".into(),
        labels: Default::default(),
    }];
    let y = generate(&[pod], &vols, &opts).unwrap();
    let docs = parse(&y, "gen.yaml").unwrap();
    let kinds: Vec<String> = docs
        .iter()
        .map(|d| match &d.object {
            Object::Workload(w) => format!("{} {}", w.kind.as_str(), w.meta.name),
            Object::Claim(c) => format!("PVC {}", c.meta.name),
            Object::Ignored { kind, name } => format!("{kind} {name}"),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        ["PVC Data_Vol", "Service app", "Deployment app-deployment"]
    );
    assert!(y.contains("apiVersion: apps/v1\nkind: Deployment\n"), "{y}");
    assert!(
        y.contains("  replicas: 2\n  selector:\n    matchLabels:\n      app: app\n"),
        "{y}"
    );
    assert!(y.contains("  type: NodePort\n"), "{y}");
    assert!(
        !y.contains("hostPort"),
        "a service's pods publish no host ports: {y}"
    );
    let Object::Workload(w) = &docs[2].object else {
        panic!()
    };
    assert_eq!(w.replicas, 2);
    // A Job cannot restart Always.
    let pod = GenPod {
        containers: vec![web()],
        ..Default::default()
    };
    let e = generate(
        &[pod],
        &[],
        &GenOptions {
            kind: GenKind::Job,
            ..gen_opts()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("restartPolicy"), "{e}");
}

#[test]
fn a_generated_pod_plays_back_as_the_same_container() {
    let pod = GenPod {
        containers: vec![web()],
        ..Default::default()
    };
    let y = generate(&[pod], &[], &gen_opts()).unwrap();
    let p = plan(&parse(&y, "g").unwrap(), &PlayOptions::default()).unwrap();
    let s = &p.pods[0].containers[0];
    assert_eq!(s.name.as_deref(), Some("web1-pod-web1"));
    assert_eq!(s.image.reference, "docker.io/library/busybox:latest");
    assert_eq!(
        s.process.entrypoint.as_deref(),
        Some(&["top".to_string()][..])
    );
    assert_eq!(s.process.env[0].value, "1");
    assert_eq!(p.pods[0].ports[0].host_port, 8080);
    assert_eq!(s.mounts[0].source, MountSource::Volume("Data_Vol".into()));
    assert_eq!(s.mounts[1].source, MountSource::Bind("/srv/Www".into()));
    assert_eq!(s.resources.memory, Some(64 << 20));
    assert_eq!(s.resources.cpu_quota, Some(150_000));
    assert_eq!(s.restart, SpecRestart::Always);
}

#[test]
fn down_needs_no_config_maps_and_defaults_follow_podman() {
    let y = "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    ports: [{hostPort: 8080}]\n    env: [{name: X, valueFrom: {configMapKeyRef: {name: elsewhere, key: k}}}]\n  volumes:\n  - {name: e, emptyDir: {}}\n  - {name: m, configMap: {name: elsewhere}}\n";
    let docs = parse(y, "y").unwrap();
    let d = down_plan(&docs);
    assert_eq!(d.pods[0].name, "p");
    let vols: Vec<(&str, bool)> = d
        .volumes
        .iter()
        .map(|v| (v.name.as_str(), v.ephemeral))
        .collect();
    assert_eq!(vols, [("p-e", true), ("elsewhere", false)]);
    // A lone hostPort is the container's port too.
    let Object::Workload(w) = &docs[0].object else {
        panic!()
    };
    assert_eq!(w.spec.containers[0].ports[0].container_port, 8080);
    // Pull policy: newer for latest (or no tag), missing for other tags.
    let pull = |image: &str| {
        let y = format!("kind: Pod\nmetadata: {{name: p}}\nspec: {{containers: [{{name: c, image: \"{image}\"}}]}}\n");
        plan(&parse(&y, "y").unwrap(), &PlayOptions::default())
            .unwrap()
            .pods[0]
            .containers[0]
            .image
            .pull
    };
    use crate::spec::PullPolicy as P;
    assert_eq!(pull("busybox"), P::Newer);
    assert_eq!(pull("localhost:5000/x:latest"), P::Newer);
    assert_eq!(pull("localhost:5000/x:1.2"), P::Missing);
    // Scalars are read as strings where strings are expected (sigs.k8s.io/yaml).
    let y = "kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, command: [true], env: [{name: N, value: 3}]}]}\n";
    let p = plan(&parse(y, "y").unwrap(), &PlayOptions::default()).unwrap();
    assert_eq!(
        p.pods[0].containers[0].process.entrypoint.as_deref(),
        Some(&["true".to_string()][..])
    );
    assert_eq!(p.pods[0].containers[0].process.env[0].value, "3");
}

#[test]
fn liveness_probes_become_healthchecks() {
    let y = "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    ports: [{name: web, containerPort: 8080}]\n    livenessProbe:\n      exec: {command: [cat, /tmp/healthy]}\n      initialDelaySeconds: 3\n      failureThreshold: 1\n      periodSeconds: 1\n  - name: d\n    image: i\n    ports: [{name: web, containerPort: 8080}]\n    livenessProbe: {httpGet: {port: web, path: /up}}\n";
    let p = plan(&parse(y, "y").unwrap(), &PlayOptions::default()).unwrap();
    let check = |i: usize| match &p.pods[0].containers[i].health.check {
        crate::health::Check::Explicit(h) => h.clone(),
        other => panic!("{other:?}"),
    };
    let h = check(0);
    assert_eq!(h.test, ["CMD", "cat", "/tmp/healthy"]);
    assert_eq!(
        (
            h.interval.as_secs(),
            h.retries,
            h.timeout.as_secs(),
            h.start_period.as_secs()
        ),
        (1, 1, 1, 3)
    );
    assert_eq!(
        p.pods[0].containers[0].health.on_failure,
        crate::health::OnFailure::Restart
    );
    let h = check(1);
    assert_eq!(
        h.test,
        ["CMD-SHELL", "curl -f http://localhost:8080/up || exit 1"]
    );
    assert_eq!((h.interval.as_secs(), h.retries), (10, 3));
    let bad = y.replace("port: web,", "port: nope,");
    let e = parse(&bad, "y").unwrap_err().to_string();
    assert!(
        e.contains("spec.containers[1].livenessProbe.httpGet.port: unknown port: nope"),
        "{e}"
    );
}

#[test]
fn stored_secret_errors_are_typed() {
    let e = stored_secret("s", br#"{"k": "not base64!"}"#).unwrap_err();
    assert!(matches!(e, Error::SecretNotBase64 { ref key, .. } if key == "k"));
    let e = stored_secret(
        "s",
        b"kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: m\n",
    )
    .unwrap_err();
    assert!(matches!(
        e,
        Error::SecretNotKube {
            reason: SecretDataError::NoSecret,
            ..
        }
    ));
    assert!(e
        .to_string()
        .starts_with("secret s is not valid JSON/YAML: it holds no Secret: "));
    let e = stored_secret("s", &[0xff, 0xfe]).unwrap_err();
    assert!(matches!(
        e,
        Error::SecretNotKube {
            reason: SecretDataError::NotText(_),
            ..
        }
    ));
}

#[test]
fn file_errors_are_typed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.yaml");
    write_new_file(&out, "a").unwrap();
    let e = write_new_file(&out, "b").unwrap_err();
    assert!(matches!(e, Error::OutputExists(ref p) if *p == out));
    assert_eq!(
        e.to_string(),
        format!(
            "cannot write to {:?}: file exists",
            out.display().to_string()
        )
    );
    let maps = dir.path().join("maps.yaml");
    fs_err::write(&maps, POD).unwrap();
    let e = read_config_maps(&maps).unwrap_err();
    assert!(matches!(e, Error::NotAConfigMap { document: 1, .. }));
    let e = read_config_maps(&dir.path().join("missing.yaml")).unwrap_err();
    assert!(matches!(e, Error::ReadFile { .. }));
    fs_err::write(&maps, "kind: [\n").unwrap();
    let e = read_files(&[maps.display().to_string()]).unwrap_err();
    assert!(matches!(e, Error::Parse(_)));
}

#[test]
fn reserved_annotations_are_written_only_for_podman() {
    let mut c = web();
    c.annotations = vec![
        ("team".into(), "blue".into()),
        ("io.podman.annotations.privileged".into(), "TRUE".into()),
    ];
    let pod = GenPod {
        containers: vec![c],
        ..Default::default()
    };
    let kube = generate(std::slice::from_ref(&pod), &[], &gen_opts()).unwrap();
    assert!(kube.contains("team/web1: blue"), "{kube}");
    assert!(!kube.contains("io.podman.annotations.privileged"), "{kube}");
    let podman = generate(
        &[pod],
        &[],
        &GenOptions {
            podman_only: true,
            ..gen_opts()
        },
    )
    .unwrap();
    assert!(
        podman.contains("io.podman.annotations.privileged/web1: \"TRUE\""),
        "{podman}"
    );
}
