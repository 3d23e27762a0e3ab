//! The shapes `rpod events` prints, as podman 5 prints them: the human
//! line (`ToHumanReadable`), `--format json` (the CLI's own `Event` with
//! Unix `time` and `timeNano`), and the data a Go template sees. Also the
//! journal's line. JSON is escaped as Go's `encoding/json` escapes it
//! (`<`, `>`, `&`, U+2028 and U+2029 as `\u….`), so that lines match
//! podman's byte for byte.

use serde::Serialize;
use serde_json::{json, Value};

use super::{clock, Event, Status, Type};

/// Go's `stringid.TruncateID`: without a `sha256:`-style prefix, the
/// first 12 characters.
fn truncate_id(id: &str) -> &str {
    let id = id.split_once(':').map_or(id, |(_, rest)| rest);
    id.get(..12).unwrap_or(id)
}

/// JSON as Go's `json.Marshal` writes it (HTML-safe escapes). The
/// characters replaced never occur outside strings in JSON text.
fn go_json<T: Serialize>(value: &T) -> String {
    let text = serde_json::to_string(value).expect("events serialise");
    if !text.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// `podman events --format json`'s line: its command's own event type.
#[derive(Serialize)]
struct JsonEvent<'a> {
    #[serde(rename = "ContainerExitCode", skip_serializing_if = "Option::is_none")]
    container_exit_code: Option<i64>,
    #[serde(rename = "ID", skip_serializing_if = "str::is_empty")]
    id: &'a str,
    #[serde(rename = "Image", skip_serializing_if = "str::is_empty")]
    image: &'a str,
    #[serde(rename = "Name", skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(rename = "network", skip_serializing_if = "str::is_empty")]
    network: &'a str,
    #[serde(rename = "Status")]
    status: &'a Status,
    #[serde(rename = "time", skip_serializing_if = "is_zero")]
    time: i64,
    #[serde(rename = "timeNano", skip_serializing_if = "is_zero")]
    time_nano: i64,
    #[serde(rename = "Type")]
    kind: Type,
    #[serde(rename = "health_status", skip_serializing_if = "str::is_empty")]
    health_status: &'a str,
    #[serde(rename = "Error", skip_serializing_if = "str::is_empty")]
    error: &'a str,
    #[serde(rename = "ContainerInspectData", skip_serializing_if = "str::is_empty")]
    container_inspect_data: &'a str,
    #[serde(rename = "PodID", skip_serializing_if = "str::is_empty")]
    pod_id: &'a str,
    #[serde(rename = "Attributes")]
    attributes: &'a Option<std::collections::BTreeMap<String, String>>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn is_zero(n: &i64) -> bool {
    *n == 0
}

impl Event {
    /// The journal's line for this event (without the newline).
    pub fn to_line(&self) -> String {
        go_json(self)
    }

    /// Parses a journal line.
    pub fn from_line(line: &str) -> Result<Event, serde_json::Error> {
        serde_json::from_str(line)
    }

    fn unix_nanos(&self) -> i64 {
        self.time
            .timestamp_nanos_opt()
            .unwrap_or_else(|| self.time.timestamp().saturating_mul(1_000_000_000))
    }

    /// The line `podman events --format json` prints.
    pub fn to_json_line(&self) -> String {
        go_json(&JsonEvent {
            container_exit_code: self.container_exit_code,
            id: &self.id,
            image: &self.image,
            name: &self.name,
            network: &self.network,
            status: &self.status,
            time: self.time.timestamp(),
            time_nano: self.unix_nanos(),
            kind: self.kind,
            health_status: &self.health_status,
            error: &self.error,
            container_inspect_data: &self.container_inspect_data,
            pod_id: &self.pod_id,
            attributes: &self.attributes,
        })
    }

    /// What a `--format` Go template sees: the fields of podman's event
    /// by their Go names (`.Time` is Unix seconds, `.TimeNano` nanoseconds;
    /// `.Attributes`, `.PodID` and `.ContainerInspectData` also under
    /// `.Details`).
    pub fn template_data(&self) -> Value {
        let details = json!({
            "ContainerInspectData": self.container_inspect_data,
            "PodID": self.pod_id,
            "Attributes": self.attributes,
        });
        json!({
            "ContainerExitCode": self.container_exit_code,
            "ID": self.id,
            "Image": self.image,
            "Name": self.name,
            "Network": self.network,
            "Status": self.status.as_str(),
            "Time": self.time.timestamp(),
            "TimeNano": self.unix_nanos(),
            "Type": self.kind.as_str(),
            "HealthStatus": self.health_status,
            "Error": self.error,
            "ContainerInspectData": self.container_inspect_data,
            "PodID": self.pod_id,
            "Attributes": self.attributes,
            "Details": details,
        })
    }

    /// The line `podman events` prints by default; `truncate`
    /// (`--no-trunc=false`) shortens IDs to 12 characters. Attributes come
    /// in key order (podman's come in Go's random map order).
    pub fn to_human(&self, truncate: bool) -> String {
        let time = clock::go_time_string(&self.time);
        let (kind, status) = (self.kind.as_str(), self.status.as_str());
        let id = if truncate {
            truncate_id(&self.id)
        } else {
            &self.id
        };
        match self.kind {
            Type::Container | Type::Pod => {
                let mut line = format!(
                    "{time} {kind} {status} {id} (image={}, name={}",
                    self.image, self.name
                );
                if !self.pod_id.is_empty() {
                    line.push_str(&format!(", pod_id={}", self.pod_id));
                }
                if self.status == Status::HealthStatus {
                    line.push_str(&format!(
                        ", health_status={}, health_failing_streak={}, health_log={}",
                        self.health_status, self.health_failing_streak, self.health_log
                    ));
                }
                for (k, v) in self.attributes.iter().flatten() {
                    line.push_str(&format!(", {k}={v}"));
                }
                line.push(')');
                line
            }
            Type::Network => {
                if matches!(self.status, Status::Create | Status::Remove) {
                    // podman prints nothing but an empty line without a driver.
                    match self.attributes.as_ref().and_then(|a| a.get("driver")) {
                        Some(driver) => format!(
                            "{time} {kind} {status} {} (name={}, type={driver})",
                            self.id, self.network
                        ),
                        None => String::new(),
                    }
                } else {
                    format!(
                        "{time} {kind} {status} {id} (container={id}, name={})",
                        self.network
                    )
                }
            }
            Type::Image => {
                let mut line = format!("{time} {kind} {status} {id} {}", self.name);
                if !self.error.is_empty() {
                    line.push(' ');
                    line.push_str(&self.error);
                }
                line
            }
            Type::System if self.name.is_empty() => format!("{time} {kind} {status}"),
            Type::System | Type::Volume | Type::Machine => {
                format!("{time} {kind} {status} {}", self.name)
            }
            Type::Secret => format!("{time} {kind} {status} {id}"),
        }
    }
}
