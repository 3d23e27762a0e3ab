//! The shape of a compose file: every key the Compose Specification knows,
//! what each accepts, and the order Docker Compose prints them in.
//!
//! One table serves three purposes: checking each file as it is read
//! (unknown keys and wrong types are errors that name the file and line),
//! casting strings to booleans and numbers where compose does (after
//! interpolation `tty: ${TTY}` is a string), and printing the normalised
//! model (`config`) with compose-go's field order and its `omitempty`
//! rules. Field order follows compose-go v2.9's Go structs, which is what
//! Docker Compose v2 prints; keys the structs lack come last.

use super::yaml::{Node, Value};

/// What a key accepts, and how it is normalised and printed.
#[derive(Debug)]
pub enum Kind {
    /// Anything (`x-` extensions, driver options).
    Any,
    /// A string; numbers and booleans are accepted and become strings.
    Str,
    /// A boolean; `"true"`, `"yes"`... are cast.
    Bool,
    /// An integer; numeric strings are cast.
    Int,
    /// A number; numeric strings are cast.
    Float,
    /// A Go duration (`1m30s`, `500ms`), printed as Go prints it.
    Duration,
    /// A byte size (`64m` or a number), printed as a number of bytes in a string.
    Bytes,
    /// A file mode (`0440` or 288), printed in octal in a string.
    Mode,
    /// A command: a string (split as a shell would) or a list; printed as a list.
    Command,
    /// A healthcheck test: a string (run by a shell: `[CMD-SHELL, string]`) or a list.
    HealthTest,
    /// A list of strings.
    StrList,
    /// A string or a list of strings; printed as a list.
    StrOrList,
    /// `environment`, `build.args`: a list of `K=V`/`K` or a mapping; printed
    /// as a mapping whose values are strings or null.
    Env,
    /// `labels`: a list of `K=V` or a mapping; printed as a mapping of strings.
    Labels,
    /// A mapping of strings (sysctls, driver options...), or a `K=V` list.
    Mapping,
    /// `extra_hosts`: `host:ip`/`host=ip` list or a mapping; printed as a sorted `host=ip` list.
    ExtraHosts,
    /// A ulimit: one number, or `soft` and `hard`.
    Ulimit,
    /// A list of one kind.
    List(&'static Kind),
    /// A mapping with names the user chooses, values of one kind.
    Map(&'static Kind),
    /// A mapping with known keys (a Go struct).
    Obj(&'static [Field]),
    /// Any of these shapes (short and long syntax).
    OneOf(&'static [Kind]),
}

/// A known key of an object.
#[derive(Debug)]
pub struct Field {
    /// The key.
    pub name: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// Printed even when empty or false (a pointer in compose-go, or no `omitempty`).
    pub keep: bool,
}

const fn f(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        keep: false,
    }
}

/// A field compose-go holds through a pointer: `false`, `0` and `{}` are printed.
const fn p(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        keep: true,
    }
}

use Kind::*;

const STRING_OR_NULL: Kind = OneOf(&[Str]);

const HEALTHCHECK: Kind = Obj(&[
    f("test", HealthTest),
    p("timeout", Duration),
    p("interval", Duration),
    p("retries", Int),
    p("start_period", Duration),
    p("start_interval", Duration),
    f("disable", Bool),
]);

const ULIMITS: Kind = Map(&Ulimit);
const ULIMIT_PAIR: Kind = Obj(&[f("soft", Int), f("hard", Int)]);

const FILE_REFERENCE: Kind = OneOf(&[
    Str,
    Obj(&[
        f("source", Str),
        f("target", Str),
        f("uid", Str),
        f("gid", Str),
        p("mode", Mode),
    ]),
]);

const BUILD: Kind = OneOf(&[
    Str,
    Obj(&[
        f("context", Str),
        f("dockerfile", Str),
        f("dockerfile_inline", Str),
        f("entitlements", StrList),
        f("args", Env),
        f("provenance", Str),
        f("sbom", Str),
        f("ssh", OneOf(&[StrList, Mapping])),
        f("labels", Labels),
        f("cache_from", StrList),
        f("cache_to", StrList),
        f("no_cache", Bool),
        f("additional_contexts", Mapping),
        f("pull", Bool),
        f("extra_hosts", ExtraHosts),
        f("isolation", Str),
        f("network", Str),
        f("target", Str),
        f("secrets", List(&FILE_REFERENCE)),
        f("shm_size", Bytes),
        f("tags", StrList),
        f("ulimits", ULIMITS),
        f("platforms", StrList),
        f("privileged", Bool),
    ]),
]);

const THROTTLE: Kind = List(&Obj(&[f("path", Str), f("rate", Bytes)]));

const BLKIO: Kind = Obj(&[
    f("weight", Int),
    f(
        "weight_device",
        List(&Obj(&[f("path", Str), f("weight", Int)])),
    ),
    f("device_read_bps", THROTTLE),
    f("device_read_iops", THROTTLE),
    f("device_write_bps", THROTTLE),
    f("device_write_iops", THROTTLE),
]);

const DEVICE_REQUEST: Kind = Obj(&[
    f("capabilities", StrList),
    f("driver", Str),
    f("count", OneOf(&[Int, Str])),
    f("device_ids", StrList),
    f("options", Mapping),
]);

const UPDATE_CONFIG: Kind = Obj(&[
    p("parallelism", Int),
    f("delay", Duration),
    f("failure_action", Str),
    f("monitor", Duration),
    f("max_failure_ratio", Float),
    f("order", Str),
]);

const RESOURCE: Kind = Obj(&[
    f("cpus", Float),
    f("memory", Bytes),
    f("pids", Int),
    f("devices", List(&DEVICE_REQUEST)),
    f(
        "generic_resources",
        List(&Obj(&[f(
            "discrete_resource_spec",
            Obj(&[f("kind", Str), f("value", Int)]),
        )])),
    ),
]);

const DEPLOY: Kind = Obj(&[
    f("mode", Str),
    p("replicas", Int),
    f("labels", Labels),
    p("update_config", UPDATE_CONFIG),
    p("rollback_config", UPDATE_CONFIG),
    f(
        "resources",
        Obj(&[p("limits", RESOURCE), p("reservations", RESOURCE)]),
    ),
    p(
        "restart_policy",
        Obj(&[
            f("condition", Str),
            p("delay", Duration),
            p("max_attempts", Int),
            p("window", Duration),
        ]),
    ),
    f(
        "placement",
        Obj(&[
            f("constraints", StrList),
            f("preferences", List(&Obj(&[f("spread", Str)]))),
            f("max_replicas_per_node", Int),
        ]),
    ),
    f("endpoint_mode", Str),
]);

const PORT: Kind = OneOf(&[
    Int,
    Str,
    Obj(&[
        f("name", Str),
        f("mode", Str),
        f("host_ip", Str),
        f("target", Int),
        f("published", Str),
        f("protocol", Str),
        f("app_protocol", Str),
    ]),
]);

const SERVICE_VOLUME: Kind = OneOf(&[
    Str,
    Obj(&[
        f("type", Str),
        f("source", Str),
        f("target", Str),
        f("read_only", Bool),
        f("consistency", Str),
        p(
            "bind",
            Obj(&[
                f("selinux", Str),
                f("propagation", Str),
                f("create_host_path", Bool),
                f("recursive", Str),
            ]),
        ),
        p(
            "volume",
            Obj(&[f("labels", Labels), f("nocopy", Bool), f("subpath", Str)]),
        ),
        p("tmpfs", Obj(&[f("size", Bytes), f("mode", Int)])),
        p("image", Obj(&[f("subpath", Str)])),
    ]),
]);

const SERVICE_NETWORK: Kind = OneOf(&[Obj(&[
    f("aliases", StrList),
    f("driver_opts", Mapping),
    f("gw_priority", Int),
    f("interface_name", Str),
    f("ipv4_address", Str),
    f("ipv6_address", Str),
    f("link_local_ips", StrList),
    f("mac_address", Str),
    f("priority", Int),
])]);

const DEPENDS_ON: Kind = OneOf(&[
    StrList,
    Map(&Obj(&[
        f("condition", Str),
        f("restart", Bool),
        p("required", Bool),
    ])),
]);

const ENV_FILE: Kind = OneOf(&[
    Str,
    List(&OneOf(&[
        Str,
        Obj(&[p("path", Str), p("required", Bool), f("format", Str)]),
    ])),
]);

const HOOK: Kind = Obj(&[
    f("command", Command),
    f("user", Str),
    f("privileged", Bool),
    f("working_dir", Str),
    f("environment", Env),
]);

const DEVELOP: Kind = Obj(&[f(
    "watch",
    List(&Obj(&[
        f("ignore", StrOrList),
        f("include", StrOrList),
        f("path", Str),
        f("action", Str),
        f("target", Str),
        f("exec", HOOK),
        f("initial_sync", Bool),
    ])),
)]);

/// A service (compose-go's `ServiceConfig`, in its field order).
pub const SERVICE: Kind = Obj(&[
    f("profiles", StrList),
    f("annotations", Labels),
    p("attach", Bool),
    p("build", BUILD),
    p("develop", DEVELOP),
    p("blkio_config", BLKIO),
    f("cap_add", StrList),
    f("cap_drop", StrList),
    f("cgroup_parent", Str),
    f("cgroup", Str),
    f("cpu_count", Int),
    f("cpu_percent", Float),
    f("cpu_period", Int),
    f("cpu_quota", Int),
    f("cpu_rt_period", Int),
    f("cpu_rt_runtime", Int),
    f("cpus", Float),
    f("cpuset", Str),
    f("cpu_shares", Int),
    f("command", Command),
    f("configs", List(&FILE_REFERENCE)),
    f("container_name", Str),
    p(
        "credential_spec",
        Obj(&[f("config", Str), f("file", Str), f("registry", Str)]),
    ),
    f("depends_on", DEPENDS_ON),
    p("deploy", DEPLOY),
    f("device_cgroup_rules", StrList),
    f(
        "devices",
        List(&OneOf(&[
            Str,
            Obj(&[f("source", Str), f("target", Str), f("permissions", Str)]),
        ])),
    ),
    f("dns", StrOrList),
    f("dns_opt", StrList),
    f("dns_search", StrOrList),
    f("dockerfile", Str),
    f("domainname", Str),
    f("entrypoint", Command),
    p("provider", Obj(&[f("type", Str), f("options", Any)])),
    f("environment", Env),
    f("env_file", ENV_FILE),
    f("expose", StrList),
    p(
        "extends",
        OneOf(&[Str, Obj(&[f("file", Str), f("service", Str)])]),
    ),
    f("external_links", StrList),
    f("extra_hosts", ExtraHosts),
    f("group_add", StrList),
    f("gpus", OneOf(&[Str, List(&DEVICE_REQUEST)])),
    f("hostname", Str),
    p("healthcheck", HEALTHCHECK),
    f("image", Str),
    p("init", Bool),
    f("ipc", Str),
    f("isolation", Str),
    f("labels", Labels),
    f("label_file", StrOrList),
    f("links", StrList),
    p("logging", Obj(&[f("driver", Str), f("options", Mapping)])),
    f("log_driver", Str),
    f("log_opt", Mapping),
    f("mem_limit", Bytes),
    f("mem_reservation", Bytes),
    f("memswap_limit", Bytes),
    f("mem_swappiness", Bytes),
    f("mac_address", Str),
    f("models", OneOf(&[StrList, Map(&Any)])),
    f("net", Str),
    f("network_mode", Str),
    f("networks", OneOf(&[StrList, Map(&SERVICE_NETWORK)])),
    f("oom_kill_disable", Bool),
    f("oom_score_adj", Int),
    f("pid", STRING_OR_NULL),
    f("pids_limit", Int),
    f("platform", Str),
    f("ports", List(&PORT)),
    f("privileged", Bool),
    f("pull_policy", Str),
    f("pull_refresh_after", Str),
    f("read_only", Bool),
    f("restart", Str),
    f("runtime", Str),
    p("scale", Int),
    f("secrets", List(&FILE_REFERENCE)),
    f("security_opt", StrList),
    f("shm_size", Bytes),
    f("stdin_open", Bool),
    p("stop_grace_period", Duration),
    f("stop_signal", Str),
    f("storage_opt", Mapping),
    f("sysctls", Mapping),
    f("tmpfs", StrOrList),
    f("tty", Bool),
    f("ulimits", ULIMITS),
    f("use_api_socket", Bool),
    f("user", Str),
    f("userns_mode", Str),
    f("uts", Str),
    f("volume_driver", Str),
    f("volumes", List(&SERVICE_VOLUME)),
    f("volumes_from", StrList),
    f("working_dir", Str),
    f("post_start", List(&HOOK)),
    f("pre_stop", List(&HOOK)),
]);

const EXTERNAL: Kind = OneOf(&[Bool, Obj(&[f("name", Str)])]);

/// A top-level network.
pub const NETWORK: Kind = Obj(&[
    f("name", Str),
    f("driver", Str),
    f("driver_opts", Mapping),
    f(
        "ipam",
        Obj(&[
            f("driver", Str),
            f(
                "config",
                List(&Obj(&[
                    f("subnet", Str),
                    f("gateway", Str),
                    f("ip_range", Str),
                    f("aux_addresses", Mapping),
                ])),
            ),
            f("options", Mapping),
        ]),
    ),
    f("external", EXTERNAL),
    f("internal", Bool),
    f("attachable", Bool),
    f("labels", Labels),
    p("enable_ipv4", Bool),
    p("enable_ipv6", Bool),
]);

/// A top-level volume.
pub const VOLUME: Kind = Obj(&[
    f("name", Str),
    f("driver", Str),
    f("driver_opts", Mapping),
    f("external", EXTERNAL),
    f("labels", Labels),
]);

/// A top-level secret or config.
pub const FILE_OBJECT: Kind = Obj(&[
    f("name", Str),
    f("file", Str),
    f("environment", Str),
    f("content", Str),
    f("external", EXTERNAL),
    f("labels", Labels),
    f("driver", Str),
    f("driver_opts", Mapping),
    f("template_driver", Str),
]);

const INCLUDE: Kind = OneOf(&[
    Str,
    Obj(&[
        f("path", StrOrList),
        f("project_directory", Str),
        f("env_file", StrOrList),
    ]),
]);

const NULLABLE_NETWORK: Kind = OneOf(&[NETWORK]);
const NULLABLE_VOLUME: Kind = OneOf(&[VOLUME]);

/// A whole compose file.
pub const PROJECT: Kind = Obj(&[
    f("version", Str),
    f("name", Str),
    f("include", List(&INCLUDE)),
    p("services", Map(&SERVICE)),
    f("networks", Map(&NULLABLE_NETWORK)),
    f("volumes", Map(&NULLABLE_VOLUME)),
    f("secrets", Map(&FILE_OBJECT)),
    f("configs", Map(&FILE_OBJECT)),
    f("models", Map(&Any)),
]);

/// A problem with a file's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// The dotted path.
    pub path: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Checks a file's tree against the specification, casting strings to
/// booleans and numbers where a boolean or number is expected.
pub fn check(node: &mut Node, kind: &Kind, path: &mut Vec<String>) -> Result<(), ShapeError> {
    let here = |path: &Vec<String>, node: &Node, message: String| ShapeError {
        path: path.join("."),
        line: node.pos.line,
        message,
    };
    if node.is_null() {
        // Null is accepted everywhere: it means "unset" (or `!reset`).
        return Ok(());
    }
    match kind {
        Any => Ok(()),
        Str | Duration => match node.value {
            Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) => Ok(()),
            _ => Err(here(
                path,
                node,
                format!("must be a string, not {}", describe(node)),
            )),
        },
        Bytes | Mode => match node.value {
            Value::Str(_) | Value::Int(_) | Value::Float(_) => Ok(()),
            _ => Err(here(
                path,
                node,
                format!("must be a string or a number, not {}", describe(node)),
            )),
        },
        Bool => {
            if let Value::Str(s) = &node.value {
                match to_boolean(s) {
                    Some(b) => node.value = Value::Bool(b),
                    None => {
                        return Err(here(
                            path,
                            node,
                            format!("failed to cast to expected type: invalid boolean: {s}"),
                        ))
                    }
                }
            }
            match node.value {
                Value::Bool(_) => Ok(()),
                _ => Err(here(
                    path,
                    node,
                    format!("must be a boolean, not {}", describe(node)),
                )),
            }
        }
        Int => {
            if let Value::Str(s) = &node.value {
                match s.trim().parse::<i64>() {
                    Ok(i) => node.value = Value::Int(i),
                    Err(_) => {
                        return Err(here(
                            path,
                            node,
                            format!("failed to cast to expected type: invalid integer: {s:?}"),
                        ))
                    }
                }
            }
            match node.value {
                Value::Int(_) => Ok(()),
                _ => Err(here(
                    path,
                    node,
                    format!("must be an integer, not {}", describe(node)),
                )),
            }
        }
        Float => {
            if let Value::Str(s) = &node.value {
                match s.trim().parse::<f64>() {
                    Ok(v) => node.value = Value::Float(v),
                    Err(_) => {
                        return Err(here(
                            path,
                            node,
                            format!("failed to cast to expected type: invalid number: {s:?}"),
                        ))
                    }
                }
            }
            match node.value {
                Value::Int(_) | Value::Float(_) => Ok(()),
                _ => Err(here(
                    path,
                    node,
                    format!("must be a number, not {}", describe(node)),
                )),
            }
        }
        Command | HealthTest => match &mut node.value {
            Value::Str(_) => Ok(()),
            Value::Seq(items) => check_items(items, &Str, path),
            _ => Err(here(
                path,
                node,
                format!(
                    "must be a string or a list of strings, not {}",
                    describe(node)
                ),
            )),
        },
        StrList => match &mut node.value {
            Value::Seq(items) => check_items(items, &Str, path),
            _ => Err(here(
                path,
                node,
                format!("must be a list, not {}", describe(node)),
            )),
        },
        StrOrList => match &mut node.value {
            Value::Str(_) => Ok(()),
            Value::Seq(items) => check_items(items, &Str, path),
            _ => Err(here(
                path,
                node,
                format!(
                    "must be a string or a list of strings, not {}",
                    describe(node)
                ),
            )),
        },
        Env | Labels | Mapping => match &mut node.value {
            Value::Seq(items) => check_items(items, &Str, path),
            Value::Map(map) => {
                for e in map.iter_mut() {
                    if matches!(e.value.value, Value::Seq(_) | Value::Map(_)) {
                        path.push(e.key.clone());
                        let err = here(
                            path,
                            &e.value,
                            format!(
                                "must be a string, number, boolean or null, not {}",
                                describe(&e.value)
                            ),
                        );
                        path.pop();
                        return Err(err);
                    }
                }
                Ok(())
            }
            _ => Err(here(
                path,
                node,
                format!("must be a mapping or a list, not {}", describe(node)),
            )),
        },
        ExtraHosts => match &mut node.value {
            Value::Seq(items) => check_items(items, &Str, path),
            Value::Map(map) => {
                for e in map.iter_mut() {
                    path.push(e.key.clone());
                    let r = check(&mut e.value, &OneOf(&[Str, StrList]), path);
                    path.pop();
                    r?;
                }
                Ok(())
            }
            _ => Err(here(
                path,
                node,
                format!("must be a mapping or a list, not {}", describe(node)),
            )),
        },
        Ulimit => match &mut node.value {
            Value::Int(_) => Ok(()),
            Value::Str(_) => check(node, &Int, path),
            Value::Map(_) => check(node, &ULIMIT_PAIR, path),
            _ => Err(here(
                path,
                node,
                format!("must be a number or a mapping, not {}", describe(node)),
            )),
        },
        List(item) => match &mut node.value {
            Value::Seq(items) => check_items(items, item, path),
            _ => Err(here(
                path,
                node,
                format!("must be a list, not {}", describe(node)),
            )),
        },
        Map(value) => match &mut node.value {
            Value::Map(map) => {
                for e in map.iter_mut() {
                    path.push(e.key.clone());
                    let r = check(&mut e.value, value, path);
                    path.pop();
                    r?;
                }
                Ok(())
            }
            _ => Err(here(
                path,
                node,
                format!("must be a mapping, not {}", describe(node)),
            )),
        },
        Obj(fields) => match &mut node.value {
            Value::Map(map) => {
                for e in map.iter_mut() {
                    if e.key.starts_with("x-") {
                        continue;
                    }
                    let Some(field) = fields.iter().find(|fd| fd.name == e.key) else {
                        return Err(ShapeError {
                            path: path.join("."),
                            line: e.key_pos.line,
                            message: format!(
                                "additional property {:?} is not allowed (the key is unknown to the Compose Specification; extensions start with `x-`)",
                                e.key
                            ),
                        });
                    };
                    path.push(e.key.clone());
                    let r = check(&mut e.value, &field.kind, path);
                    path.pop();
                    r?;
                }
                Ok(())
            }
            _ => Err(here(
                path,
                node,
                format!("must be a mapping, not {}", describe(node)),
            )),
        },
        OneOf(kinds) => {
            // Pick the variant whose shape fits, so its error is the one shown.
            let chosen = kinds
                .iter()
                .find(|k| shape_fits(k, node))
                .unwrap_or(&kinds[0]);
            if !shape_fits(chosen, node) && kinds.len() > 1 {
                let names: Vec<&str> = kinds.iter().map(shape_name).collect();
                return Err(here(
                    path,
                    node,
                    format!("must be a {}, not {}", names.join(" or a "), describe(node)),
                ));
            }
            check(node, chosen, path)
        }
    }
}

fn check_items(items: &mut [Node], kind: &Kind, path: &mut Vec<String>) -> Result<(), ShapeError> {
    for (i, item) in items.iter_mut().enumerate() {
        path.push(format!("[{i}]"));
        let r = check(item, kind, path);
        path.pop();
        r?;
    }
    Ok(())
}

fn describe(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("the string {s:?}"),
        Value::Int(i) => format!("the number {i}"),
        Value::Float(v) => format!("the number {v}"),
        Value::Bool(b) => format!("the boolean {b}"),
        _ => format!("a {}", node.kind_name()),
    }
}

fn shape_name(kind: &Kind) -> &'static str {
    match kind {
        Obj(_) | Map(_) => "mapping",
        List(_) | StrList => "list",
        Bool => "boolean",
        Int | Float => "number",
        OneOf(k) => shape_name(&k[0]),
        _ => "string",
    }
}

/// Whether `node` has the shape `kind` takes (without checking inside).
pub fn shape_fits(kind: &Kind, node: &Node) -> bool {
    match (&node.value, kind) {
        (_, Any) => true,
        (Value::Null, _) => true,
        (Value::Map(_), Obj(_) | Map(_) | Env | Labels | Mapping | ExtraHosts | Ulimit) => true,
        (
            Value::Seq(_),
            List(_) | StrList | StrOrList | Command | HealthTest | Env | Labels | Mapping,
        ) => true,
        (Value::Seq(_), ExtraHosts) => true,
        (
            Value::Str(_),
            Str | Duration | Bytes | Mode | Command | HealthTest | StrOrList | Ulimit,
        ) => true,
        (Value::Str(s), Bool) => to_boolean(s).is_some(),
        (Value::Str(s), Int) => s.trim().parse::<i64>().is_ok(),
        (Value::Str(s), Float) => s.trim().parse::<f64>().is_ok(),
        (Value::Int(_) | Value::Float(_), Str | Int | Float | Bytes | Mode | Duration) => true,
        (Value::Int(_), Ulimit) => true,
        (Value::Bool(_), Bool | Str) => true,
        (_, OneOf(kinds)) => kinds.iter().any(|k| shape_fits(k, node)),
        _ => false,
    }
}

/// compose-go's `toBoolean`: YAML 1.2 booleans and the YAML 1.1 spellings.
pub fn to_boolean(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "y" | "yes" | "on" => Some(true),
        "false" | "n" | "no" | "off" => Some(false),
        _ => None,
    }
}
