//! `pull --all-tags`: every tag the registry lists (`tags/list`, page by
//! page through `Link` headers) is pulled and its ID printed, as podman
//! does; a tag in the name is dropped; other transports are refused. Also
//! several images in one pull, and encrypted layers (refused for now).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

use crate::harness::Env;
use crate::pull::pull;
use crate::registry;

/// Pushes the busybox fixture under `repo` with each tag; returns its ID.
fn push_tags(env: &Env, shared: &registry::Shared, repo: &str, tags: &[&str]) -> String {
    let id = pull(env, shared, "busybox:latest");
    for tag in tags {
        env.rpod(["push", "-q", "--tls-verify=false", &id])
            .arg(format!("{}/{repo}:{tag}", shared.addr()))
            .run()
            .success();
    }
    id
}

#[test]
fn every_tag_is_pulled_and_a_tag_in_the_name_is_dropped() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = push_tags(&env, shared, "pulltags/every", &["1", "2", "three"]);
    let other = require!(Env::rootless());
    let name = format!("{}/pulltags/every", shared.addr());
    // `:2` is dropped: all three come, each ID on its own line.
    let out = other
        .rpod([
            "pull",
            "--all-tags",
            "--tls-verify=false",
            &format!("{name}:2"),
        ])
        .run();
    out.success();
    assert_eq!(
        out.out().lines().collect::<Vec<_>>(),
        vec![id.as_str(); 3],
        "{out}"
    );
    for tag in ["1", "2", "three"] {
        out.stderr_has(&format!("Trying to pull {name}:{tag}..."));
    }
    let images = other
        .rpod(["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .run();
    images.success();
    for tag in ["1", "2", "three"] {
        images.stdout_has(&format!("{name}:{tag}"));
    }
    // -a is the short form; a repository the registry does not know fails.
    other
        .rpod(["pull", "-q", "-a", "--tls-verify=false"])
        .arg(format!("{}/pulltags/none", shared.addr()))
        .run()
        .error125()
        .stderr_has("fetching tags list");
    other
        .rpod(["pull", "-a", "docker-archive:/nonexistent.tar"])
        .run()
        .error125()
        .stderr_has("pulling all tags is not supported for docker-archive transport");
}

#[test]
fn several_images_are_pulled_in_turn_and_each_failure_reported() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let id = push_tags(&env, shared, "pulltags/several", &["a"]);
    let other = require!(Env::rootless());
    let good = format!("{}/pulltags/several:a", shared.addr());
    let bad = format!("{}/pulltags/missing:x", shared.addr());
    let out = other
        .rpod(["pull", "-q", "--tls-verify=false", &bad, &good])
        .run();
    // The good one is pulled although the first failed; exit 125.
    out.error125().stderr_has("pulltags/missing");
    assert_eq!(out.out(), id, "{out}");
}

/// A front for the real registry that lists `tags` in pages of two, each
/// with a `Link` to the next (relative, then absolute URLs), and redirects
/// every other request to the registry.
fn paging_front(registry: &str, repo: &str, tags: Vec<String>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding");
    let addr = listener.local_addr().expect("addr").to_string();
    let (registry, repo, me) = (registry.to_string(), repo.to_string(), addr.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (registry, repo, tags, me) =
                (registry.clone(), repo.clone(), tags.clone(), me.clone());
            std::thread::spawn(move || serve_front(stream, &registry, &repo, &tags, &me));
        }
    });
    addr
}

fn serve_front(stream: TcpStream, registry: &str, repo: &str, tags: &[String], me: &str) {
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
        let list = format!("/v2/{repo}/tags/list");
        let reply = if let Some(rest) = path.strip_prefix(&list) {
            let page: usize = rest
                .strip_prefix("?page=")
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            let chunk: Vec<&String> = tags.iter().skip(page * 2).take(2).collect();
            let body = serde_json::json!({"name": repo, "tags": chunk}).to_string();
            let next = page + 1;
            let link = if next * 2 >= tags.len() {
                String::new()
            } else if next == 1 {
                format!("Link: <{list}?page={next}>; rel=\"next\"\r\n")
            } else {
                format!("Link: <http://{me}{list}?page={next}>; rel=\"next\"\r\n")
            };
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{link}Content-Length: {}\r\n\r\n{body}",
                body.len()
            )
        } else if path == "/v2/" {
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                .to_string()
        } else {
            format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://{registry}{path}\r\nContent-Length: 0\r\n\r\n"
            )
        };
        if stream.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

#[test]
fn the_tags_list_is_followed_page_by_page() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let tags = ["p1", "p2", "p3", "p4", "p5"];
    let id = push_tags(&env, shared, "pulltags/paged", &tags);
    let front = paging_front(
        shared.addr(),
        "pulltags/paged",
        tags.iter().map(|t| t.to_string()).collect(),
    );
    let other = require!(Env::rootless());
    let out = other
        .rpod(["pull", "-q", "-a", "--tls-verify=false"])
        .arg(format!("{front}/pulltags/paged"))
        .run();
    out.success();
    assert_eq!(out.out().lines().count(), 5, "{out}");
    assert!(out.out().lines().all(|l| l == id), "{out}");
    let images = other
        .rpod(["images", "--format", "{{.Tag}}", "--sort", "tag"])
        .run();
    images.success();
    assert_eq!(images.out().lines().collect::<Vec<_>>(), tags, "{images}");
}

/// An image whose layer is ocicrypt-encrypted: rpod cannot decrypt it yet,
/// with or without `--decryption-key`, and says so naming the layer before
/// fetching it; a key file that cannot be read is podman's error first.
#[test]
fn encrypted_layers_are_refused_with_what_to_do() {
    use crate::pull_faults::{assert_store_clean, base_layer, config_for, image_from, push_image};
    let shared = require!(registry::plain());
    let env = require!(Env::rootless());
    let mut layer = base_layer();
    layer.blob.media_type = "application/vnd.oci.image.layer.v1.tar+gzip+encrypted".into();
    let digest = layer.blob.digest.clone();
    let config = config_for(std::slice::from_ref(&layer), true);
    let name = push_image(
        shared,
        "pulltags/encrypted",
        image_from(vec![layer], config, |n| n),
    );
    env.rpod(["pull", "-q", "--tls-verify=false", &name])
        .run()
        .error125()
        .stderr_has(&format!("layer {digest} is encrypted (ocicrypt)"));
    let key = env.write_file(&env.dir.join("key.pem"), "not really a key\n");
    env.rpod(["pull", "-q", "--tls-verify=false", "--decryption-key"])
        .arg(&key)
        .arg(&name)
        .run()
        .error125()
        .stderr_has("and --decryption-key was given: rpod cannot decrypt image layers");
    assert_store_clean(&env);
    env.rpod(["pull", "--decryption-key", "/no/such/key.pem", &name])
        .run()
        .error125()
        .stderr_has("unable to obtain decryption config: invalid decryption keys: open /no/such/key.pem: no such file or directory");
}
