//! Fixture images built in code from the host's static busybox and pushed to a
//! registry with the distribution API. Shared by the integration tests and by
//! `examples/fixtures.rs` (through `#[path]`), so it uses only std and the
//! dev-dependencies.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

/// Where the busybox binary the fixtures are built from lives (busybox-static).
pub const BUSYBOX: &str = "/bin/busybox";
/// The directory hostile fixtures aim at; tests create it (mode 0777) and check it stays empty.
pub const HOSTILE_SENTINEL: &str = "/tmp/rpod-hostile-sentinel";
/// A file hostile fixtures try to overwrite through a hardlink; tests create it.
pub const HOSTILE_HARDLINK_TARGET: &str = "/tmp/rpod-hostile-sentinel/hardlink-target";

/// OCI media types.
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// OCI image index.
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// OCI image config.
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// OCI gzip layer.
pub const OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
/// OCI zstd layer.
pub const OCI_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
/// Docker v2 schema 2 manifest.
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Docker image config.
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
/// Docker gzip layer.
pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";

/// Busybox applets linked in the base layer (`bin/NAME -> busybox`).
pub const APPLETS: &[&str] = &[
    "sh", "ls", "cat", "id", "stat", "echo", "true", "false", "mkdir", "rm", "touch", "env",
    "sleep", "test", "readlink", "wc", "head", "grep", "find", "chmod", "ln", "mount", "uname",
];

/// "sha256:<hex>" of some bytes.
pub fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// One tar entry's payload.
#[derive(Clone, Debug)]
pub enum Kind {
    /// Regular file with contents.
    File(Vec<u8>),
    /// Directory.
    Dir,
    /// Symbolic link with target.
    Symlink(String),
    /// Hard link to an earlier entry name.
    Hardlink(String),
    /// Character device (major, minor).
    Char(u32, u32),
}

/// A minimal ustar/GNU tar writer that writes names exactly as given (so hostile
/// names like `../x` or `/x` can be produced; the `tar` crate refuses them).
#[derive(Default)]
pub struct Tar {
    buf: Vec<u8>,
}

fn octal(field: &mut [u8], value: u64) {
    let width = field.len() - 1;
    let s = format!("{value:0width$o}");
    let s = s.as_bytes();
    let s = &s[s.len().saturating_sub(width)..];
    field[..s.len()].copy_from_slice(s);
    field[width] = 0;
}

impl Tar {
    /// A new empty archive.
    pub fn new() -> Tar {
        Tar::default()
    }

    #[allow(clippy::too_many_arguments)]
    fn header(
        &mut self,
        name: &[u8],
        typeflag: u8,
        mode: u32,
        ids: (u32, u32),
        size: u64,
        link: &[u8],
        dev: (u32, u32),
    ) {
        if name.len() > 100 {
            let mut long = name.to_vec();
            long.push(0);
            self.header(
                b"././@LongLink",
                b'L',
                0o644,
                (0, 0),
                long.len() as u64,
                b"",
                (0, 0),
            );
            self.data(&long);
        }
        if link.len() > 100 {
            let mut long = link.to_vec();
            long.push(0);
            self.header(
                b"././@LongLink",
                b'K',
                0o644,
                (0, 0),
                long.len() as u64,
                b"",
                (0, 0),
            );
            self.data(&long);
        }
        let mut h = [0u8; 512];
        let n = name.len().min(100);
        h[..n].copy_from_slice(&name[..n]);
        octal(&mut h[100..108], u64::from(mode));
        octal(&mut h[108..116], u64::from(ids.0));
        octal(&mut h[116..124], u64::from(ids.1));
        octal(&mut h[124..136], size);
        octal(&mut h[136..148], 1_700_000_000);
        h[156] = typeflag;
        let l = link.len().min(100);
        h[157..157 + l].copy_from_slice(&link[..l]);
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        let uname: &[u8] = if ids.0 == 0 { b"root" } else { b"user" };
        h[265..265 + uname.len()].copy_from_slice(uname);
        h[297..297 + uname.len()].copy_from_slice(uname);
        octal(&mut h[329..337], u64::from(dev.0));
        octal(&mut h[337..345], u64::from(dev.1));
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|b| u32::from(*b)).sum();
        let s = format!("{sum:06o}\0 ");
        h[148..156].copy_from_slice(s.as_bytes());
        self.buf.extend_from_slice(&h);
    }

    fn data(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
        let pad = (512 - data.len() % 512) % 512;
        self.buf.extend(std::iter::repeat_n(0u8, pad));
    }

    /// Appends an entry with mode and owner.
    pub fn entry(&mut self, name: &str, kind: Kind, mode: u32, uid: u32, gid: u32) -> &mut Tar {
        let name_b = name.as_bytes();
        match kind {
            Kind::File(data) => {
                self.header(
                    name_b,
                    b'0',
                    mode,
                    (uid, gid),
                    data.len() as u64,
                    b"",
                    (0, 0),
                );
                self.data(&data);
            }
            Kind::Dir => self.header(name_b, b'5', mode, (uid, gid), 0, b"", (0, 0)),
            Kind::Symlink(t) => {
                self.header(name_b, b'2', mode, (uid, gid), 0, t.as_bytes(), (0, 0))
            }
            Kind::Hardlink(t) => {
                self.header(name_b, b'1', mode, (uid, gid), 0, t.as_bytes(), (0, 0))
            }
            Kind::Char(ma, mi) => self.header(name_b, b'3', mode, (uid, gid), 0, b"", (ma, mi)),
        }
        self
    }

    /// A root-owned regular file.
    pub fn file(&mut self, name: &str, data: &[u8], mode: u32) -> &mut Tar {
        self.entry(name, Kind::File(data.to_vec()), mode, 0, 0)
    }

    /// A root-owned directory (mode 0755).
    pub fn dir(&mut self, name: &str) -> &mut Tar {
        self.entry(name, Kind::Dir, 0o755, 0, 0)
    }

    /// A root-owned symlink.
    pub fn symlink(&mut self, name: &str, target: &str) -> &mut Tar {
        self.entry(name, Kind::Symlink(target.to_string()), 0o777, 0, 0)
    }

    /// A root-owned hardlink to an earlier entry.
    pub fn hardlink(&mut self, name: &str, target: &str) -> &mut Tar {
        self.entry(name, Kind::Hardlink(target.to_string()), 0o644, 0, 0)
    }

    /// The finished archive (two zero blocks appended).
    pub fn finish(&self) -> Vec<u8> {
        let mut out = self.buf.clone();
        out.extend(std::iter::repeat_n(0u8, 1024));
        out
    }
}

/// How a layer blob is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// gzip (`tar+gzip`).
    Gzip,
    /// zstd (`tar+zstd`).
    Zstd,
    /// plain tar.
    None,
}

/// A content blob and its descriptor data.
#[derive(Clone, Debug)]
pub struct Blob {
    /// Media type used in the descriptor.
    pub media_type: String,
    /// Raw bytes as pushed.
    pub bytes: Vec<u8>,
    /// "sha256:..." of `bytes`.
    pub digest: String,
}

impl Blob {
    fn new(media_type: &str, bytes: Vec<u8>) -> Blob {
        Blob {
            media_type: media_type.to_string(),
            digest: sha256(&bytes),
            bytes,
        }
    }

    fn descriptor(&self) -> serde_json::Value {
        serde_json::json!({"mediaType": self.media_type, "size": self.bytes.len(), "digest": self.digest})
    }
}

/// A compressed layer: its blob plus the digest of the uncompressed tar.
#[derive(Clone, Debug)]
pub struct Layer {
    /// The pushed blob.
    pub blob: Blob,
    /// sha256 of the uncompressed tar.
    pub diff_id: String,
}

/// Compresses a tar into a layer.
pub fn layer(tar: &[u8], c: Compression, docker: bool) -> Layer {
    let (bytes, mt) = match c {
        Compression::Gzip => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(tar).expect("gzip");
            (
                e.finish().expect("gzip"),
                if docker {
                    DOCKER_LAYER_GZIP
                } else {
                    OCI_LAYER_GZIP
                },
            )
        }
        Compression::Zstd => (zstd::encode_all(tar, 3).expect("zstd"), OCI_LAYER_ZSTD),
        Compression::None => (tar.to_vec(), "application/vnd.oci.image.layer.v1.tar"),
    };
    Layer {
        blob: Blob::new(mt, bytes),
        diff_id: sha256(tar),
    }
}

/// How to damage a blob in the registry's storage after pushing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    /// Same length, different bytes: the served content no longer matches its digest.
    Flip,
    /// Cut to half its length.
    Truncate,
}

/// A single-platform image: config plus layers, and its manifest.
#[derive(Clone, Debug)]
pub struct Image {
    /// Config blob.
    pub config: Blob,
    /// Layers, bottom first.
    pub layers: Vec<Layer>,
    /// Manifest bytes.
    pub manifest: Vec<u8>,
    /// Manifest media type.
    pub manifest_type: String,
    /// Manifest digest.
    pub digest: String,
    /// Architecture in the config.
    pub arch: String,
}

/// The Go architecture name of this machine.
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "s390x" => "s390x",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

/// Builds config and manifest for layers.
pub fn image(layers: Vec<Layer>, arch: &str, docker: bool, comment: &str) -> Image {
    image_with(layers, arch, docker, comment, serde_json::json!({}))
}

/// [`image`] with more fields in the config's `config` (`ExposedPorts`,
/// `Cmd`, ...), replacing the defaults.
pub fn image_with(
    layers: Vec<Layer>,
    arch: &str,
    docker: bool,
    comment: &str,
    extra: serde_json::Value,
) -> Image {
    let diff_ids: Vec<&str> = layers.iter().map(|l| l.diff_id.as_str()).collect();
    let history: Vec<serde_json::Value> = layers
        .iter()
        .enumerate()
        .map(|(i, _)| {
            serde_json::json!({
                "created": "2024-01-02T03:04:05Z",
                "created_by": format!("/bin/sh -c #(nop) rpod fixture {comment} layer {i}"),
                "comment": "rpod fixture",
            })
        })
        .collect();
    let mut run_config = serde_json::json!({
        "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        "Cmd": ["sh"],
        "Labels": {"org.rpod.fixture": comment},
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        run_config[k] = v.clone();
    }
    let config = serde_json::json!({
        "created": "2024-01-02T03:04:05Z",
        "author": "rpod tests",
        "architecture": arch,
        "os": "linux",
        "config": run_config,
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    });
    let config = Blob::new(
        if docker { DOCKER_CONFIG } else { OCI_CONFIG },
        serde_json::to_vec(&config).expect("json"),
    );
    let manifest_type = if docker {
        DOCKER_MANIFEST
    } else {
        OCI_MANIFEST
    };
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": manifest_type,
        "config": config.descriptor(),
        "layers": layers.iter().map(|l| l.blob.descriptor()).collect::<Vec<_>>(),
    });
    let manifest = serde_json::to_vec_pretty(&manifest).expect("json");
    Image {
        digest: sha256(&manifest),
        config,
        layers,
        manifest,
        manifest_type: manifest_type.to_string(),
        arch: arch.to_string(),
    }
}

/// What gets pushed under one repository and tag.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// Repository name ("busybox").
    pub repo: String,
    /// Tag ("latest").
    pub tag: String,
    /// Platform images (one, or several behind an index).
    pub images: Vec<Image>,
    /// The index, when `images` are behind one: (bytes, digest).
    pub index: Option<(Vec<u8>, String)>,
    /// Blobs to damage in storage after pushing.
    pub damage: Vec<(String, Damage)>,
}

impl Fixture {
    /// The digest the tag points at (index or manifest).
    pub fn digest(&self) -> &str {
        match &self.index {
            Some((_, d)) => d,
            None => &self.images[0].digest,
        }
    }

    /// The image selected for this host (or the only one).
    pub fn host_image(&self) -> &Image {
        self.images
            .iter()
            .find(|i| i.arch == host_arch())
            .unwrap_or(&self.images[0])
    }

    /// "repo:tag".
    pub fn name(&self) -> String {
        format!("{}:{}", self.repo, self.tag)
    }
}

/// A fixture of one image under `repo:tag`.
pub fn single(repo: &str, tag: &str, img: Image) -> Fixture {
    Fixture {
        repo: repo.into(),
        tag: tag.into(),
        images: vec![img],
        index: None,
        damage: vec![],
    }
}

/// Paths inside the base layer that tests look at.
pub mod paths {
    /// A file owned by 1000:1000.
    pub const OWNED: &str = "home/user/owned";
    /// The directory owned by 1000:1000.
    pub const OWNED_DIR: &str = "home/user";
    /// A setuid (04755) file.
    pub const SUID: &str = "usr/bin/suidfile";
    /// A file with a hardlink (link count 2).
    pub const HARD_A: &str = "data/file";
    /// The hardlink to `HARD_A`.
    pub const HARD_B: &str = "data/hardlink";
    /// A relative symlink to `file`.
    pub const SYMLINK: &str = "data/symlink";
    /// The target of `SYMLINK`.
    pub const SYMLINK_TARGET: &str = "file";
}

/// The base layer tar: busybox, applets, passwd/group, owned file, setuid file,
/// hardlink, symlink.
pub fn base_tar() -> Vec<u8> {
    let busybox = std::fs::read(BUSYBOX)
        .unwrap_or_else(|e| panic!("reading {BUSYBOX} (install busybox-static): {e}"));
    let mut t = Tar::new();
    t.dir("bin/")
        .dir("etc/")
        .dir("home/")
        .dir("usr/")
        .dir("usr/bin/")
        .dir("data/")
        .dir("root/");
    t.entry("tmp/", Kind::Dir, 0o1777, 0, 0);
    t.file("bin/busybox", &busybox, 0o755);
    for a in APPLETS {
        t.symlink(&format!("bin/{a}"), "busybox");
    }
    t.file(
        "etc/passwd",
        b"root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n",
        0o644,
    );
    t.file(
        "etc/group",
        b"root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n",
        0o644,
    );
    t.entry("home/user/", Kind::Dir, 0o755, 1000, 1000);
    t.entry(
        paths::OWNED,
        Kind::File(b"owned by 1000\n".to_vec()),
        0o640,
        1000,
        1000,
    );
    t.file(paths::SUID, b"#!/bin/sh\necho suid\n", 0o4755);
    t.file(paths::HARD_A, b"hardlinked content\n", 0o644);
    t.hardlink(paths::HARD_B, paths::HARD_A);
    t.symlink(paths::SYMLINK, paths::SYMLINK_TARGET);
    t.finish()
}

fn small_tar(files: &[(&str, &str)]) -> Vec<u8> {
    let mut t = Tar::new();
    for (name, content) in files {
        if let Some(d) = name.rsplit_once('/').map(|(d, _)| d) {
            t.dir(&format!("{d}/"));
        }
        t.file(name, content.as_bytes(), 0o644);
    }
    t.finish()
}

/// Paths in the whiteout fixture.
pub mod whiteout {
    /// Present in layer 1, deleted by `.wh.gone` in layer 2.
    pub const GONE: &str = "wh/gone";
    /// Present in layer 1 inside the directory made opaque in layer 2.
    pub const OPAQUE_OLD: &str = "wh/opaque/old";
    /// Added in layer 2 inside the opaque directory.
    pub const OPAQUE_NEW: &str = "wh/opaque/new";
    /// The opaque directory.
    pub const OPAQUE_DIR: &str = "wh/opaque";
    /// Stays.
    pub const KEPT: &str = "wh/kept";
}

/// The hostile cases, by fixture repository name.
pub const HOSTILE: &[&str] = &[
    "hostile-dotdot",
    "hostile-abs",
    "hostile-symlink-write",
    "hostile-hardlink",
    "hostile-symlink-dotdot",
];

fn hostile_tar(case: &str) -> Vec<u8> {
    let s = HOSTILE_SENTINEL;
    let up = "../".repeat(24);
    let mut t = Tar::new();
    t.file("ok", b"a normal file\n", 0o644);
    match case {
        "hostile-dotdot" => {
            t.file(
                &format!("{up}{}/rpod-escaped-dotdot", &s[1..]),
                b"escaped\n",
                0o644,
            );
            t.file(
                &format!("sub/{up}{}/rpod-escaped-dotdot2", &s[1..]),
                b"escaped\n",
                0o644,
            );
        }
        "hostile-abs" => {
            t.file(&format!("{s}/rpod-escaped-abs"), b"escaped\n", 0o644);
        }
        "hostile-symlink-write" => {
            t.symlink("escape", s);
            t.file("escape/rpod-escaped-symlink", b"escaped\n", 0o644);
            t.symlink("escfile", &format!("{s}/rpod-escaped-symlink-file"));
            t.file("escfile", b"escaped\n", 0o644);
        }
        "hostile-hardlink" => {
            t.hardlink("hl", HOSTILE_HARDLINK_TARGET);
            t.file("hl", b"overwritten through a hardlink\n", 0o644);
            t.hardlink("hl2", &format!("{up}{}", &HOSTILE_HARDLINK_TARGET[1..]));
            t.file("hl2", b"overwritten through a hardlink\n", 0o644);
        }
        "hostile-symlink-dotdot" => {
            t.symlink("dotdot", "..");
            t.file("dotdot/rpod-escaped-symlink-dotdot", b"escaped\n", 0o644);
            t.symlink("deep", &format!("{up}{}", &s[1..]));
            t.file("deep/rpod-escaped-symlink-deep", b"escaped\n", 0o644);
        }
        other => panic!("unknown hostile case {other}"),
    }
    t.finish()
}

/// Every fixture the tests use (not the big one).
pub fn all() -> Vec<Fixture> {
    let arch = host_arch();
    let base = base_tar();
    let base_gz = layer(&base, Compression::Gzip, false);
    let mut out = vec![
        single(
            "busybox",
            "latest",
            image(vec![base_gz.clone()], arch, false, "busybox"),
        ),
        single(
            "busybox",
            "v2s2",
            image(
                vec![layer(&base, Compression::Gzip, true)],
                arch,
                true,
                "busybox-v2s2",
            ),
        ),
        // The short name of the headline (`rpod run --rm alpine echo
        // hello`), found through unqualified-search-registries: busybox
        // under that name.
        single(
            "alpine",
            "latest",
            image(vec![base_gz.clone()], arch, false, "alpine"),
        ),
        // An image whose config sets everything `run` takes from it.
        single("full", "latest", full_config(&base_gz, arch)),
    ];

    // An image with a HEALTHCHECK (passes once /ready exists).
    out.push(single(
        "hc",
        "latest",
        image_with(
            vec![base_gz.clone()],
            arch,
            false,
            "hc",
            serde_json::json!({
                "Healthcheck": {
                    "Test": ["CMD-SHELL", "test -e /ready"],
                    "Interval": 1_000_000_000u64,
                    "Retries": 50,
                },
            }),
        ),
    ));

    // Second image sharing the base layer, plus one layer of its own.
    let extra = layer(
        &small_tar(&[("extra/file", "extra\n")]),
        Compression::Gzip,
        false,
    );
    out.push(single(
        "shared",
        "latest",
        image(vec![base_gz.clone(), extra], arch, false, "shared"),
    ));

    // A web server that EXPOSEs 80/tcp (for -P): busybox httpd serving /www.
    let www = layer(
        &small_tar(&[("www/index.html", "hello from the web fixture\n")]),
        Compression::Gzip,
        false,
    );
    out.push(single(
        "web",
        "latest",
        image_with(
            vec![base_gz.clone(), www],
            arch,
            false,
            "web",
            serde_json::json!({
                "ExposedPorts": {"80/tcp": {}},
                "Cmd": ["busybox", "httpd", "-f", "-p", "80", "-h", "/www"],
            }),
        ),
    ));

    // Multi-platform index.
    let mut imgs = Vec::new();
    for a in ["amd64", "arm64"] {
        let l = layer(
            &small_tar(&[("arch", &format!("{a}\n"))]),
            Compression::Gzip,
            false,
        );
        imgs.push(image(
            vec![base_gz.clone(), l],
            a,
            false,
            &format!("multi-{a}"),
        ));
    }
    let index = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": OCI_INDEX,
        "manifests": imgs.iter().map(|i| serde_json::json!({
            "mediaType": i.manifest_type, "size": i.manifest.len(), "digest": i.digest,
            "platform": {"architecture": i.arch, "os": "linux"},
        })).collect::<Vec<_>>(),
    });
    let index = serde_json::to_vec_pretty(&index).expect("json");
    let index_digest = sha256(&index);
    out.push(Fixture {
        repo: "multi".into(),
        tag: "latest".into(),
        images: imgs,
        index: Some((index, index_digest)),
        damage: vec![],
    });

    // zstd layer.
    let z = layer(
        &small_tar(&[("zstd/file", "zstd content\n")]),
        Compression::Zstd,
        false,
    );
    out.push(single(
        "zstd",
        "latest",
        image(vec![base_gz.clone(), z], arch, false, "zstd"),
    ));

    // Whiteouts.
    let mut l1 = Tar::new();
    l1.dir("wh/")
        .file(whiteout::GONE, b"gone\n", 0o644)
        .file(whiteout::KEPT, b"kept\n", 0o644);
    l1.dir("wh/opaque/")
        .file(whiteout::OPAQUE_OLD, b"old\n", 0o644);
    let mut l2 = Tar::new();
    l2.dir("wh/").file("wh/.wh.gone", b"", 0o644);
    l2.dir("wh/opaque/")
        .file("wh/opaque/.wh..wh..opq", b"", 0o644)
        .file(whiteout::OPAQUE_NEW, b"new\n", 0o644);
    let wl = vec![
        base_gz.clone(),
        layer(&l1.finish(), Compression::Gzip, false),
        layer(&l2.finish(), Compression::Gzip, false),
    ];
    out.push(single(
        "whiteout",
        "latest",
        image(wl, arch, false, "whiteout"),
    ));

    // Hostile images: one per case.
    for case in HOSTILE {
        out.push(single(
            case,
            "latest",
            image(
                vec![layer(&hostile_tar(case), Compression::Gzip, false)],
                arch,
                false,
                case,
            ),
        ));
    }

    // Damaged blobs: contents replaced in storage after pushing.
    for (repo, damage) in [
        ("bad-digest", Damage::Flip),
        ("bad-truncated", Damage::Truncate),
    ] {
        let l = layer(
            &small_tar(&[("bad/file", &format!("{repo} {}\n", "x".repeat(4096)))]),
            Compression::Gzip,
            false,
        );
        let mut f = single(repo, "latest", image(vec![l.clone()], arch, false, repo));
        f.damage.push((l.blob.digest.clone(), damage));
        out.push(f);
    }
    // The config's diff_id does not match the layer's uncompressed content.
    let mut l = layer(
        &small_tar(&[("bad/diffid", "diff id mismatch\n")]),
        Compression::Gzip,
        false,
    );
    l.diff_id = sha256(b"something else entirely");
    out.push(single(
        "bad-diffid",
        "latest",
        image(vec![l], arch, false, "bad-diffid"),
    ));
    out
}

/// What the full-config fixture's config sets.
pub mod full {
    /// The entrypoint: prints `entry`, then runs its arguments.
    pub const ENTRYPOINT: &str = "/bin/entry";
    /// The default command.
    pub const CMD: &[&str] = &["id", "-u"];
    /// The user.
    pub const USER: &str = "1000:1000";
    /// The working directory (owned by 1000:1000).
    pub const WORKDIR: &str = "/work";
    /// A variable the config sets.
    pub const ENV: &str = "FULL=yes";
    /// The volume the config declares.
    pub const VOLUME: &str = "/data";
    /// The stop signal.
    pub const STOP_SIGNAL: &str = "SIGUSR1";
    /// The exposed port.
    pub const PORT: &str = "8080/tcp";
}

fn full_config(base: &Layer, arch: &str) -> Image {
    let mut t = Tar::new();
    t.dir("bin/");
    t.file("bin/entry", b"#!/bin/sh\necho entry\nexec \"$@\"\n", 0o755);
    t.entry("work/", Kind::Dir, 0o755, 1000, 1000);
    t.entry("data/", Kind::Dir, 0o755, 0, 0);
    t.file("data/from-image", b"image content\n", 0o644);
    image_with(
        vec![base.clone(), layer(&t.finish(), Compression::Gzip, false)],
        arch,
        false,
        "full",
        serde_json::json!({
            "Entrypoint": [full::ENTRYPOINT],
            "Cmd": full::CMD,
            "User": full::USER,
            "WorkingDir": full::WORKDIR,
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", full::ENV],
            "Volumes": {full::VOLUME: {}},
            "StopSignal": full::STOP_SIGNAL,
            "ExposedPorts": {full::PORT: {}},
        }),
    )
}

/// A one-image fixture `repo:tag` whose top layer holds `/marker` with
/// `text` (for tests that push and move tags themselves).
pub fn marker(repo: &str, tag: &str, text: &str) -> Fixture {
    let base = layer(&base_tar(), Compression::Gzip, false);
    let top = layer(
        &small_tar(&[("marker", &format!("{text}\n"))]),
        Compression::Gzip,
        false,
    );
    single(repo, tag, image(vec![base, top], host_arch(), false, text))
}

fn walk(t: &mut Tar, host: &Path, name: &str, budget: &mut u64) {
    if *budget == 0 {
        return;
    }
    let Ok(meta) = std::fs::symlink_metadata(host) else {
        return;
    };
    let ft = meta.file_type();
    if ft.is_symlink() {
        if let Ok(target) = std::fs::read_link(host) {
            t.symlink(name, &target.to_string_lossy());
        }
    } else if ft.is_dir() {
        t.dir(&format!("{name}/"));
        let Ok(rd) = std::fs::read_dir(host) else {
            return;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            let child = format!(
                "{name}/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            walk(t, &p, &child, budget);
        }
    } else if ft.is_file() {
        if meta.len() > 16 << 20 || meta.len() > *budget {
            return;
        }
        if let Ok(data) = std::fs::read(host) {
            *budget = budget.saturating_sub(data.len() as u64);
            t.file(
                name,
                &data,
                0o644 | (std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o111),
            );
        }
    }
}

/// The bench image: three gzip layers made of host files (100 MB+ in all).
pub fn big() -> Fixture {
    let mut layers = Vec::new();
    for (dir, budget) in [
        ("/usr/lib/x86_64-linux-gnu", 150u64 << 20),
        ("/usr/share", 120 << 20),
        ("/usr/bin", 100 << 20),
    ] {
        let mut t = Tar::new();
        t.dir("usr/");
        let mut b = budget;
        walk(&mut t, Path::new(dir), &dir[1..], &mut b);
        layers.push(layer(&t.finish(), Compression::Gzip, false));
    }
    single("big", "latest", image(layers, host_arch(), false, "big"))
}

/// Pushes fixtures to a registry over plain HTTP.
pub struct Pusher {
    /// "127.0.0.1:PORT".
    pub addr: String,
    /// Basic auth credentials, when the registry needs them.
    pub auth: Option<(String, String)>,
    /// A whole Authorization header (a bearer token), instead of `auth`.
    pub authorization: Option<String>,
    agent: ureq::Agent,
}

impl Pusher {
    /// A pusher for `addr`.
    pub fn new(addr: &str, auth: Option<(String, String)>) -> Pusher {
        Pusher {
            addr: addr.to_string(),
            auth,
            authorization: None,
            agent: ureq::AgentBuilder::new().redirects(0).build(),
        }
    }

    fn req(&self, method: &str, url: &str) -> ureq::Request {
        let url = if url.starts_with("http") {
            url.to_string()
        } else {
            format!("http://{}{url}", self.addr)
        };
        let r = self.agent.request(method, &url);
        if let Some(h) = &self.authorization {
            return r.set("Authorization", h);
        }
        match &self.auth {
            Some((u, p)) => {
                use base64::Engine as _;
                let b = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
                r.set("Authorization", &format!("Basic {b}"))
            }
            None => r,
        }
    }

    /// Uploads one blob (monolithic: POST then PUT ?digest=), skipping it when present.
    pub fn blob(&self, repo: &str, bytes: &[u8]) -> Result<String, String> {
        let digest = sha256(bytes);
        if self
            .req("HEAD", &format!("/v2/{repo}/blobs/{digest}"))
            .call()
            .is_ok()
        {
            return Ok(digest);
        }
        let resp = self
            .req("POST", &format!("/v2/{repo}/blobs/uploads/"))
            .call()
            .map_err(|e| format!("starting upload to {repo}: {e}"))?;
        let loc = resp
            .header("Location")
            .ok_or("upload without Location")?
            .to_string();
        let sep = if loc.contains('?') { '&' } else { '?' };
        self.req("PUT", &format!("{loc}{sep}digest={digest}"))
            .set("Content-Type", "application/octet-stream")
            .send_bytes(bytes)
            .map_err(|e| format!("uploading {digest} to {repo}: {e}"))?;
        Ok(digest)
    }

    /// Puts a manifest under a tag or digest.
    pub fn manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<(), String> {
        self.req("PUT", &format!("/v2/{repo}/manifests/{reference}"))
            .set("Content-Type", media_type)
            .send_bytes(bytes)
            .map(|_| ())
            .map_err(|e| format!("putting manifest {repo}:{reference}: {e}"))
    }

    /// Pushes a whole fixture; damages blobs in `storage` (the registry's
    /// filesystem root) when the fixture asks for it and `storage` is known.
    pub fn push(&self, f: &Fixture, storage: Option<&Path>) -> Result<(), String> {
        for img in &f.images {
            for l in &img.layers {
                self.blob(&f.repo, &l.blob.bytes)?;
            }
            self.blob(&f.repo, &img.config.bytes)?;
            if f.index.is_some() {
                self.manifest(&f.repo, &img.digest, &img.manifest_type, &img.manifest)?;
            }
        }
        match &f.index {
            Some((bytes, _)) => self.manifest(&f.repo, &f.tag, OCI_INDEX, bytes)?,
            None => self.manifest(
                &f.repo,
                &f.tag,
                &f.images[0].manifest_type,
                &f.images[0].manifest,
            )?,
        }
        if let Some(storage) = storage {
            for (digest, damage) in &f.damage {
                damage_blob(storage, digest, *damage)?;
            }
        }
        Ok(())
    }
}

/// Damages a blob in a distribution registry's filesystem storage.
pub fn damage_blob(storage: &Path, digest: &str, damage: Damage) -> Result<(), String> {
    let hex = digest.trim_start_matches("sha256:");
    let p = storage.join(format!(
        "docker/registry/v2/blobs/sha256/{}/{hex}/data",
        &hex[..2]
    ));
    let mut data = std::fs::read(&p).map_err(|e| format!("reading {}: {e}", p.display()))?;
    match damage {
        Damage::Flip => {
            let n = data.len();
            for b in &mut data[n / 3..n / 3 + 16.min(n / 3)] {
                *b ^= 0x5a;
            }
        }
        Damage::Truncate => data.truncate(data.len() / 2),
    }
    std::fs::write(&p, data).map_err(|e| format!("writing {}: {e}", p.display()))
}

/// Pushes every fixture; returns them by "repo:tag".
pub fn push_all(
    addr: &str,
    auth: Option<(String, String)>,
    storage: Option<&Path>,
) -> Result<BTreeMap<String, Fixture>, String> {
    let p = Pusher::new(addr, auth);
    let mut out = BTreeMap::new();
    for f in all() {
        p.push(&f, storage)?;
        out.insert(f.name(), f);
    }
    Ok(out)
}
