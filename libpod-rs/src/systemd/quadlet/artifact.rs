//! `.artifact` files (podman 5.7): `rpod artifact pull` of one OCI artifact,
//! a oneshot service that containers depend on when a `Mount=type=artifact`
//! names the file.

use super::args::{global_prefix, oneshot_exec, push2};
use super::ctx::Ctx;
use super::{QuadletError, QuadletOptions};

/// `[Artifact]` keys (podman-systemd.unit(5)).
const ARTIFACT_KEYS: &[&str] = &[
    "Artifact",
    "AuthFile",
    "CertDir",
    "ContainersConfModule",
    "Creds",
    "DecryptionKey",
    "GlobalArgs",
    "PodmanArgs",
    "Quiet",
    "Retry",
    "RetryDelay",
    "ServiceName",
    "TLSVerify",
];

/// An `.artifact` file: `ExecStart=rpod artifact pull [OPTIONS] ARTIFACT`,
/// `Type=oneshot`, `RemainAfterExit=yes`.
pub(super) fn artifact(
    ctx: &mut Ctx<'_>,
    opts: &QuadletOptions,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(ARTIFACT_KEYS)?;
    let Some(name) = ctx.last("Artifact").filter(|a| !a.is_empty()) else {
        return Err(ctx.err("no Artifact key specified"));
    };
    ctx.refuse(
        &["DecryptionKey"],
        "rpod artifact pull cannot decrypt artifacts: pull one that is not encrypted",
    )?;
    let mut a = global_prefix(ctx, &opts.rpod_path)?;
    a.extend(["artifact", "pull"].map(String::from));
    for (key, flag) in [
        ("AuthFile", "--authfile"),
        ("CertDir", "--cert-dir"),
        ("Creds", "--creds"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
    ] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(&mut a, flag, v);
        }
    }
    if ctx.bool("Quiet")? == Some(true) {
        a.push("--quiet".into());
    }
    match ctx.bool("TLSVerify")? {
        Some(true) => a.push("--tls-verify".into()),
        Some(false) => a.push("--tls-verify=false".into()),
        None => {}
    }
    oneshot_exec(ctx, a, name, service)
}
