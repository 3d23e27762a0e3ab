//! Kubernetes YAML in and out: [`parse`] reads a multi-document stream into
//! rpod's typed subset ([`model`]); [`play`] plans what `kube play` creates
//! (pure, [`crate::spec::ContainerSpec`]s per pod); [`generate`] writes
//! `kube generate`'s YAML from what the engine gathers about containers.
//! The engine's `kube` glue does the I/O.

mod emit;
mod error;
pub mod generate;
pub mod model;
pub mod parse;
pub mod play;

#[cfg(test)]
mod tests;

pub use model::{Document, Object, Workload, WorkloadKind};

/// The annotation kube play puts on every container (podman's): its
/// healthcheck runs no probe before the start period (`initialDelaySeconds`).
pub const KUBE_HEALTH_CHECK_ANNOTATION: &str = "io.podman.annotations.kube.health.check";
pub use error::{Error, HostPathError, SecretDataError};
pub use parse::{parse, ParseError};
pub use play::{down_plan, plan, Plan, PlanError, PlayOptions, PodPlan, VolumePlan};

use std::io::Read;
use std::path::Path;

/// Result with this module's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The Secrets the YAML's workloads use (secret volumes, `secretKeyRef`,
/// `envFrom.secretRef`) that it does not define: `kube play` looks them
/// up in the secret store, as podman does.
pub fn undefined_secrets(docs: &[Document]) -> Vec<String> {
    use model::{EnvValue, VolumeSource};
    let defined = |n: &str| {
        docs.iter()
            .any(|d| matches!(&d.object, Object::Secret(s) if s.meta.name == n))
    };
    let mut out: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if !defined(n) && !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    };
    for d in docs {
        let Object::Workload(w) = &d.object else {
            continue;
        };
        for v in &w.spec.volumes {
            if let VolumeSource::Secret(k) = &v.source {
                add(&k.name);
            }
        }
        for c in w.spec.containers.iter().chain(&w.spec.init_containers) {
            for e in &c.env {
                if let EnvValue::SecretKey { name, .. } = &e.value {
                    add(name);
                }
            }
            for f in c.env_from.iter().filter(|f| !f.config_map) {
                add(&f.name);
            }
        }
    }
    out
}

/// A stored secret's data read as a Kubernetes Secret, as podman reads it
/// for `kube play`: a JSON object of base64 values, else a Secret's YAML
/// (`data` and `stringData`).
pub fn stored_secret(name: &str, data: &[u8]) -> Result<model::Secret> {
    use base64::Engine as _;
    let meta = model::Meta {
        name: name.to_string(),
        ..model::Meta::default()
    };
    if let Ok(map) = serde_json::from_slice::<std::collections::BTreeMap<String, String>>(data) {
        let mut out = std::collections::BTreeMap::new();
        for (k, v) in map {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(v.as_bytes())
                .map_err(|source| Error::SecretNotBase64 {
                    name: name.to_string(),
                    key: k.clone(),
                    source,
                })?;
            out.insert(k, bytes);
        }
        return Ok(model::Secret { meta, data: out });
    }
    let invalid = |reason: SecretDataError| Error::SecretNotKube {
        name: name.to_string(),
        reason,
    };
    let text = std::str::from_utf8(data).map_err(|e| invalid(e.into()))?;
    match parse(text, name).map_err(|e| invalid(e.into()))?.as_slice() {
        [Document {
            object: Object::Secret(s),
            ..
        }] => Ok(model::Secret {
            meta,
            data: s.data.clone(),
        }),
        _ => Err(invalid(SecretDataError::NoSecret)),
    }
}

/// Reads and parses YAML files as one stream (`-` is standard input);
/// documents are numbered across the files.
pub fn read_files(files: &[String]) -> Result<Vec<Document>> {
    Ok(read_files_named(files)?.0)
}

/// [`read_files`], with the name podman gives the service container of
/// that YAML: the first 12 hex digits of its sha256, then `-service`.
pub fn read_files_named(files: &[String]) -> Result<(Vec<Document>, String)> {
    let mut all: Vec<Document> = Vec::new();
    let mut content = String::new();
    for f in files {
        let text = if f == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(Error::ReadStdin)?;
            s
        } else {
            fs_err::read_to_string(f).map_err(|source| Error::ReadFile {
                path: f.into(),
                source,
            })?
        };
        content.push_str(&text);
        let offset = all.last().map_or(0, |d| d.index);
        let docs = parse(&text, f)?;
        all.extend(docs.into_iter().map(|mut d| {
            d.index += offset;
            d
        }));
    }
    let hash = crate::digest::Digest::sha256_of(content.as_bytes());
    Ok((all, format!("{}-service", &hash.hex()[..12])))
}

/// Reads `--configmap` files: every document must be a ConfigMap.
pub fn read_config_maps(path: &Path) -> Result<Vec<model::ConfigMap>> {
    let name = path.display().to_string();
    let text = fs_err::read_to_string(path).map_err(|source| Error::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for d in parse(&text, &name)? {
        match d.object {
            Object::ConfigMap(c) => out.push(c),
            _ => {
                return Err(Error::NotAConfigMap {
                    file: name,
                    document: d.index,
                })
            }
        }
    }
    Ok(out)
}

/// Writes `kube generate -f FILE`'s output to a new file (podman refuses
/// to overwrite one).
pub fn write_new_file(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut f = fs_err::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => Error::OutputExists(path.to_path_buf()),
            _ => Error::CreateOutput {
                path: path.to_path_buf(),
                source,
            },
        })?;
    f.write_all(text.as_bytes())
        .map_err(|source| Error::WriteOutput {
            path: path.to_path_buf(),
            source,
        })
}

/// `kube play --service-exit-code-propagation`: when the pods of a service
/// container have all exited, whether their failures fail the service (its
/// container is then killed, and its monitor, a systemd unit's main
/// process, exits with 137) or it stops cleanly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExitCodePropagation {
    /// The service always stops cleanly (podman's default).
    #[default]
    None,
    /// It fails when any container exited non-zero.
    Any,
    /// It fails when all containers exited non-zero.
    All,
}

impl ExitCodePropagation {
    /// The flag's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ExitCodePropagation::None => "none",
            ExitCodePropagation::Any => "any",
            ExitCodePropagation::All => "all",
        }
    }

    /// Whether the service fails with `failed` of `total` containers failed.
    pub fn fails(self, failed: usize, total: usize) -> bool {
        match self {
            ExitCodePropagation::None => false,
            ExitCodePropagation::Any => failed > 0,
            ExitCodePropagation::All => total > 0 && failed == total,
        }
    }
}

impl std::str::FromStr for ExitCodePropagation {
    type Err = String;

    fn from_str(s: &str) -> Result<ExitCodePropagation, String> {
        match s {
            "" | "none" => Ok(ExitCodePropagation::None),
            "any" => Ok(ExitCodePropagation::Any),
            "all" => Ok(ExitCodePropagation::All),
            other => Err(format!(
                "unsupported exit-code propagation {other:?}: use all, any or none"
            )),
        }
    }
}
