//! Kubernetes YAML → [`super::model`]: a multi-document stream parsed
//! with the YAML reader compose uses ([`crate::compose::yaml`], on
//! saphyr-parser), then each document read into rpod's typed subset.
//! Unknown fields are skipped, as the API server's lenient decoding does;
//! a field rpod reads with a value it cannot use is an error that names
//! the file, line, document and field (`spec.containers[0].ports[1].containerPort`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use base64::Engine as _;

use crate::compose::yaml::{self, Node};
use crate::kube::model::{Claim, ConfigMap, Document, Meta, Object, Secret, WorkloadKind};

mod at;
mod pod;
mod resources;

pub use pod::valid_dns_label;
pub use resources::parse_quantity;

use at::{join, opt, req, At, Fail, R};
use pod::read_workload;

/// A document rpod cannot read, naming where and which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file (or `-` for stdin).
    pub file: String,
    /// 1-based line of the offending value (0: unknown).
    pub line: usize,
    /// 1-based document in the stream (0: the stream's syntax).
    pub document: usize,
    /// The object (`Pod "web"`), when known.
    pub object: String,
    /// The field path (`spec.containers[0].image`).
    pub field: String,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if self.document > 0 {
            write!(f, ": document {}", self.document)?;
            if !self.object.is_empty() {
                write!(f, " ({})", self.object)?;
            }
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses a Kubernetes YAML stream. `file` names it in errors. Empty
/// documents are skipped (they still count for the numbering).
pub fn parse(text: &str, file: &str) -> Result<Vec<Document>, ParseError> {
    let name: Arc<str> = Arc::from(file);
    let nodes = yaml::parse_documents(text, &name).map_err(|e| ParseError {
        file: file.to_string(),
        line: e.pos.line,
        document: 0,
        object: String::new(),
        field: String::new(),
        message: e.message,
    })?;
    let mut docs = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if node.is_null() {
            continue;
        }
        let index = i + 1;
        let mut object = String::new();
        let read = read_document(node, &mut object);
        match read {
            Ok(object) => docs.push(Document { index, object }),
            Err(f) => {
                return Err(ParseError {
                    file: file.to_string(),
                    line: f.line,
                    document: index,
                    object,
                    field: f.field,
                    message: f.message,
                })
            }
        }
    }
    Ok(docs)
}

fn read_document(node: &Node, object: &mut String) -> R<Object> {
    let root = At { node, path: "" };
    root.map()?;
    let kind = req(&root, "kind", |a| a.str())?;
    let meta = opt(&root, "metadata", |a| read_meta(&a))?.unwrap_or_default();
    *object = if meta.name.is_empty() {
        kind.clone()
    } else {
        format!("{kind} {:?}", meta.name)
    };
    let workload = |k: WorkloadKind| -> R<Object> {
        if meta.name.is_empty() {
            return Err(Fail {
                field: "metadata.name".into(),
                line: node.pos.line,
                message: "required, but missing: every object needs a name".into(),
            });
        }
        read_workload(&root, k, meta.clone()).map(Object::Workload)
    };
    match kind.as_str() {
        "Pod" => workload(WorkloadKind::Pod),
        "Deployment" => workload(WorkloadKind::Deployment),
        "DaemonSet" => workload(WorkloadKind::DaemonSet),
        "Job" => workload(WorkloadKind::Job),
        "ConfigMap" | "Secret" | "PersistentVolumeClaim" => {
            if meta.name.is_empty() {
                return Err(Fail {
                    field: "metadata.name".into(),
                    line: node.pos.line,
                    message: "required, but missing: every object needs a name".into(),
                });
            }
            match kind.as_str() {
                "ConfigMap" => read_config_map(&root, meta).map(Object::ConfigMap),
                "Secret" => read_secret(&root, meta).map(Object::Secret),
                _ => Ok(Object::Claim(Claim { meta })),
            }
        }
        _ => Ok(Object::Ignored {
            kind,
            name: meta.name,
        }),
    }
}

fn read_meta(at: &At<'_>) -> R<Meta> {
    Ok(Meta {
        name: opt(at, "name", |a| a.str())?.unwrap_or_default(),
        labels: opt(at, "labels", |a| a.string_map())?.unwrap_or_default(),
        annotations: opt(at, "annotations", |a| a.string_map())?.unwrap_or_default(),
    })
}

fn read_config_map(root: &At<'_>, meta: Meta) -> R<ConfigMap> {
    let mut data: BTreeMap<String, Vec<u8>> = opt(root, "data", |a| a.string_map())?
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.into_bytes()))
        .collect();
    data.extend(decoded(root, "binaryData")?);
    Ok(ConfigMap { meta, data })
}

fn read_secret(root: &At<'_>, meta: Meta) -> R<Secret> {
    let mut data = decoded(root, "data")?;
    for (k, v) in opt(root, "stringData", |a| a.string_map())?.unwrap_or_default() {
        data.insert(k, v.into_bytes());
    }
    Ok(Secret { meta, data })
}

fn decoded(root: &At<'_>, key: &str) -> R<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut p = String::new();
    let Some(at) = root.get(key, &mut p)? else {
        return Ok(out);
    };
    for e in at.map()?.iter() {
        let ep = join(at.path, &e.key);
        let a = At {
            node: &e.value,
            path: &ep,
        };
        let text = if e.value.is_null() {
            String::new()
        } else {
            a.str()?
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|err| {
                a.fail(format!(
                    "not base64 ({err}): put plain text under stringData"
                ))
            })?;
        out.insert(e.key.clone(), bytes);
    }
    Ok(out)
}
