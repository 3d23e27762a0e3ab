//! Broken images and misbehaving registries: each pull either succeeds where
//! podman's does (a config without `history`) or fails with 125 and a clear
//! message, and leaves the store clean (no layer, no scratch directory, no
//! image). Broken images are pushed to the real registry; the behaviours a
//! real registry never shows (stalling, stopping mid-blob, sending more than
//! it announced) come from a small HTTP server in the test.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::fixtures::{self, Blob, Compression, Fixture, Image, Layer, Pusher};
use crate::harness::{walk, Env};
use crate::registry::{self, Shared};

/// Pushes a one-image fixture to the shared registry; returns its reference.
pub fn push_image(shared: &Shared, repo: &str, img: Image) -> String {
    let f = Fixture {
        repo: repo.into(),
        tag: "latest".into(),
        images: vec![img],
        index: None,
        damage: vec![],
    };
    Pusher::new(shared.addr(), None)
        .push(&f, None)
        .unwrap_or_else(|e| panic!("pushing {repo}: {e}"));
    shared.reference(&format!("{repo}:latest"))
}

/// An image from layers and a config document, its layer descriptors
/// declaring `layer_size(actual)` bytes.
pub fn image_from(
    layers: Vec<Layer>,
    config: serde_json::Value,
    layer_size: impl Fn(usize) -> usize,
) -> Image {
    let bytes = serde_json::to_vec(&config).expect("json");
    let config = Blob {
        media_type: fixtures::OCI_CONFIG.into(),
        digest: fixtures::sha256(&bytes),
        bytes,
    };
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": fixtures::OCI_MANIFEST,
        "config": {"mediaType": config.media_type, "size": config.bytes.len(), "digest": config.digest},
        "layers": layers.iter().map(|l| serde_json::json!({
            "mediaType": l.blob.media_type,
            "size": layer_size(l.blob.bytes.len()),
            "digest": l.blob.digest,
        })).collect::<Vec<_>>(),
    });
    let manifest = serde_json::to_vec(&manifest).expect("json");
    Image {
        digest: fixtures::sha256(&manifest),
        config,
        layers,
        manifest,
        manifest_type: fixtures::OCI_MANIFEST.into(),
        arch: fixtures::host_arch().into(),
    }
}

/// A config for `layers`, with or without `history`.
pub fn config_for(layers: &[Layer], history: bool) -> serde_json::Value {
    let mut c = serde_json::json!({
        "architecture": fixtures::host_arch(),
        "os": "linux",
        "config": {"Cmd": ["sh"], "Env": ["PATH=/bin"]},
        "rootfs": {"type": "layers", "diff_ids": layers.iter().map(|l| l.diff_id.clone()).collect::<Vec<_>>()},
    });
    if history {
        c["history"] = serde_json::json!([{"created_by": "rpod test"}]);
    }
    c
}

/// The busybox base layer the fixtures use.
pub fn base_layer() -> Layer {
    fixtures::layer(&fixtures::base_tar(), Compression::Gzip, false)
}

/// Asserts a failed pull left nothing half-done behind: no image record, no
/// scratch directory, no blob; a layer that is there is complete (layers
/// finished before another failed are kept for the next pull, as podman
/// keeps them).
#[track_caller]
pub fn assert_store_clean(env: &Env) {
    let out = env.rpod(["images", "-q"]).run();
    out.success();
    assert_eq!(out.out(), "", "an image was recorded\n{out}");
    let layers = env.root().join("layers");
    // A complete layer may stay (the next garbage collection removes it),
    // and with it the compressed blob the pull kept of it; nothing else.
    let mut kept = Vec::new();
    for entry in std::fs::read_dir(&layers).into_iter().flatten().flatten() {
        let p = entry.path();
        assert!(
            p.join("layer.json").is_file() && p.join("diff").is_dir(),
            "an incomplete layer or scratch directory was left: {}",
            p.display()
        );
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(p.join("layer.json")).unwrap()).unwrap();
        if let Some(d) = meta["compressed_digest"].as_str() {
            kept.push(d.trim_start_matches("sha256:").to_string());
        }
    }
    let blobs: Vec<_> = walk(&env.root().join("blobs"))
        .into_iter()
        .filter(|p| p.is_file())
        .filter(|p| !kept.iter().any(|k| p.ends_with(k)))
        .collect();
    assert!(blobs.is_empty(), "blobs left without an image: {blobs:?}");
}

#[test]
fn a_config_without_history_pulls_and_runs() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let layers = vec![base_layer()];
    let config = config_for(&layers, false);
    assert!(config.get("history").is_none());
    let reference = push_image(shared, "no-history", image_from(layers, config, |n| n));
    env.rpod(["pull", "-q", "--tls-verify=false", &reference])
        .run()
        .success();
    let out = env
        .rpod(["run", "--rm", "--net", "none", &reference, "echo", "ran"])
        .run();
    out.success();
    assert_eq!(out.out(), "ran", "{out}");
    // Without history, podman shows one row per layer.
    let out = env.rpod(["history", "-q", &reference]).run();
    out.success();
    assert_eq!(out.lines().len(), 1, "{out}");
}

#[test]
fn a_layer_naming_a_path_twice_is_refused_cleanly() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let mut t = fixtures::Tar::new();
    t.dir("etc/")
        .file("etc/file", b"first\n", 0o644)
        .file("etc/other", b"other\n", 0o644)
        .file("etc/file", b"second\n", 0o644);
    let layers = vec![
        base_layer(),
        fixtures::layer(&t.finish(), Compression::Gzip, false),
    ];
    let config = config_for(&layers, true);
    let reference = push_image(shared, "dup-path", image_from(layers, config, |n| n));
    env.rpod(["pull", "--tls-verify=false", &reference])
        .run()
        .error125()
        .stderr_has("etc/file: the layer contains this path more than once");
    assert_store_clean(&env);
    // The store is still usable.
    env.rpod([
        "pull",
        "-q",
        "--tls-verify=false",
        &shared.reference("busybox:latest"),
    ])
    .run()
    .success();
}

#[test]
fn a_blob_larger_than_its_manifest_says_is_refused() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let mut t = fixtures::Tar::new();
    t.file("pad", &vec![b'x'; 100_000], 0o644);
    let layers = vec![fixtures::layer(&t.finish(), Compression::None, false)];
    let config = config_for(&layers, true);
    // The registry stores and serves the whole blob; the manifest says 100 bytes less.
    let img = image_from(layers, config, |n| n - 100);
    let declared = img.layers[0].blob.bytes.len() - 100;
    let reference = push_image(shared, "larger-than-declared", img);
    env.rpod(["pull", "--tls-verify=false", &reference])
        .run()
        .error125()
        .stderr_has(&format!("but the manifest declares {declared} bytes"));
    assert_store_clean(&env);
}

/// What the fake registry does with a layer blob request.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LayerReply {
    /// Announces the whole length, sends half, then sends nothing more.
    HalfThenStall,
    /// Chunked (no length announced), the whole blob and then more bytes.
    MoreThanDeclared,
}

/// A registry speaking just enough of the distribution API to serve one
/// image (`fault:latest`), misbehaving on its layer as told. Every request
/// line is logged. Connections that do not speak HTTP (the client's TLS
/// attempt) are dropped.
struct FakeRegistry {
    addr: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl FakeRegistry {
    fn start(img: Image, reply: LayerReply) -> FakeRegistry {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding");
        let addr = listener.local_addr().expect("addr").to_string();
        let log = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&log);
        let img = Arc::new(img);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (img, seen) = (Arc::clone(&img), Arc::clone(&seen));
                std::thread::spawn(move || serve(stream, &img, reply, &seen));
            }
        });
        FakeRegistry { addr, log }
    }

    fn hits(&self, path_part: &str) -> usize {
        let log = self.log.lock().expect("log");
        log.iter().filter(|l| l.contains(path_part)).count()
    }
}

fn serve(stream: TcpStream, img: &Image, reply: LayerReply, log: &Mutex<Vec<String>>) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut stream = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || !line.starts_with("GET ") {
            return;
        }
        loop {
            let mut header = String::new();
            match reader.read_line(&mut header) {
                Ok(0) | Err(_) => return,
                Ok(_) if header.trim().is_empty() => break,
                Ok(_) => {}
            }
        }
        let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
        log.lock().expect("log").push(path.clone());
        let layer = &img.layers[0].blob;
        let respond = |stream: &mut TcpStream, ctype: &str, body: &[u8]| {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).is_ok() && stream.write_all(body).is_ok()
        };
        let ok = if path == "/v2/" {
            respond(&mut stream, "application/json", b"{}")
        } else if path.starts_with("/v2/fault/manifests/") {
            respond(&mut stream, &img.manifest_type, &img.manifest)
        } else if path == format!("/v2/fault/blobs/{}", img.config.digest) {
            respond(&mut stream, "application/octet-stream", &img.config.bytes)
        } else if path == format!("/v2/fault/blobs/{}", layer.digest) {
            match reply {
                LayerReply::HalfThenStall => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
                        layer.bytes.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&layer.bytes[..layer.bytes.len() / 2]);
                    let _ = stream.flush();
                    // Hold the connection open, silent, until the client gives up.
                    let mut rest = String::new();
                    let _ = reader.read_line(&mut rest);
                    return;
                }
                LayerReply::MoreThanDeclared => {
                    let mut body = layer.bytes.clone();
                    body.extend_from_slice(&[0u8; 4096]);
                    let _ = stream.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n",
                    );
                    for chunk in body.chunks(8192) {
                        let _ = write!(stream, "{:x}\r\n", chunk.len());
                        let _ = stream.write_all(chunk);
                        let _ = stream.write_all(b"\r\n");
                    }
                    let _ = stream.write_all(b"0\r\n\r\n");
                    true
                }
            }
        } else {
            let body = br#"{"errors":[{"code":"NAME_UNKNOWN"}]}"#;
            let head = format!(
                "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).is_ok() && stream.write_all(body).is_ok()
        };
        if !ok {
            return;
        }
    }
}

/// A one-layer image with a layer large enough to stream in several reads.
fn fault_image() -> Image {
    let mut t = fixtures::Tar::new();
    let data: Vec<u8> = (0..400_000u32).map(|i| (i * 7 % 251) as u8).collect();
    t.file("data", &data, 0o644);
    let layers = vec![fixtures::layer(&t.finish(), Compression::Gzip, false)];
    let config = config_for(&layers, true);
    image_from(layers, config, |n| n)
}

#[test]
fn a_registry_that_never_answers_times_out() {
    let env = require!(Env::rootless());
    // Accepts connections and never says anything.
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding");
    let addr = listener.local_addr().expect("addr").to_string();
    std::thread::spawn(move || {
        let held: Vec<TcpStream> = listener.incoming().flatten().take(16).collect();
        std::thread::sleep(Duration::from_secs(120));
        drop(held);
    });
    let out = env
        .rpod(["pull", "--retry", "0", "--tls-verify=false"])
        .arg(format!("{addr}/silent:latest"))
        .env("RPOD_REGISTRY_TIMEOUT", "1")
        .timeout(Duration::from_secs(60))
        .run();
    out.error125()
        .stderr_has("the registry sent nothing for 1 s (read timeout)")
        .stderr_has(&addr);
    assert_store_clean(&env);
}

#[test]
fn a_registry_stalling_mid_blob_is_retried_then_fails_cleanly() {
    let env = require!(Env::rootless());
    let img = fault_image();
    let layer_digest = img.layers[0].blob.digest.clone();
    let fake = FakeRegistry::start(img, LayerReply::HalfThenStall);
    let out = env
        .rpod([
            "pull",
            "--retry",
            "1",
            "--retry-delay",
            "0s",
            "--tls-verify=false",
        ])
        .arg(format!("{}/fault:latest", fake.addr))
        .env("RPOD_REGISTRY_TIMEOUT", "1")
        .timeout(Duration::from_secs(60))
        .run();
    // Retried whole, with podman's warning, then failed.
    out.error125()
        .stderr_has("Failed, retrying in 0s ... (1/1)")
        .stderr_has(&layer_digest)
        .stderr_has("read timeout");
    assert_eq!(
        fake.hits(&layer_digest),
        2,
        "one attempt and one retry: {:?}",
        fake.log.lock().unwrap()
    );
    assert_store_clean(&env);
}

#[test]
fn a_registry_sending_more_than_declared_is_cut_off() {
    let env = require!(Env::rootless());
    let img = fault_image();
    let declared = img.layers[0].blob.bytes.len();
    let fake = FakeRegistry::start(img, LayerReply::MoreThanDeclared);
    let out = env
        .rpod(["pull", "--tls-verify=false"])
        .arg(format!("{}/fault:latest", fake.addr))
        .timeout(Duration::from_secs(60))
        .run();
    out.error125()
        .stderr_has(&format!("sent more than {declared} bytes"));
    assert_eq!(fake.hits("/blobs/sha256"), 2, "config and layer, no retry");
    assert_store_clean(&env);
}

#[test]
fn a_pull_killed_mid_blob_keeps_no_blob_and_the_next_pull_keeps_it_whole() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let img = fault_image();
    let layer = img.layers[0].clone();
    let good = push_image(shared, "killed-pull", img.clone());
    let fake = FakeRegistry::start(img, LayerReply::HalfThenStall);
    let child = env
        .rpod(["pull", "--retry", "0", "--tls-verify=false"])
        .arg(format!("{}/fault:latest", fake.addr))
        .env("RPOD_REGISTRY_TIMEOUT", "120")
        .spawn();
    // The layer's scratch directory holds the blob being kept once the
    // layer's body is being read (and the registry stalls half-way).
    let diff_hex = layer.diff_id.trim_start_matches("sha256:");
    let scratch = env.root().join("layers").join(format!("{diff_hex}.tmp"));
    crate::harness::eventually("the pull to be reading the layer", || {
        scratch.join("blob").exists()
    });
    crate::harness::kill_group(child.id());
    let _ = child.wait_with_output();
    // Killed: no image, and no blob in the store's blobs.
    let out = env.rpod(["images", "-q"]).run();
    out.success();
    assert_eq!(out.out(), "", "{out}");
    let blobs: Vec<_> = walk(&env.root().join("blobs"))
        .into_iter()
        .filter(|p| p.is_file())
        .collect();
    assert!(blobs.is_empty(), "blobs left by a killed pull: {blobs:?}");

    // The same image from a registry that serves it: the scratch is
    // replaced, and the blob kept is whole (its digest).
    env.rpod(["pull", "-q", "--tls-verify=false", &good])
        .run()
        .success();
    assert!(!scratch.exists(), "{} is left", scratch.display());
    let kept = env
        .root()
        .join("blobs/sha256")
        .join(layer.blob.digest.trim_start_matches("sha256:"));
    let bytes = std::fs::read(&kept).unwrap_or_else(|e| panic!("{}: {e}", kept.display()));
    assert_eq!(fixtures::sha256(&bytes), layer.blob.digest);
}
