//! `.image` files: `rpod image pull` of one image, a oneshot service other
//! units depend on when their `Image=` names the file.

use super::args::{global_prefix, oneshot_exec, push2};
use super::ctx::Ctx;
use super::{QuadletError, QuadletOptions};

const IMAGE_KEYS: &[&str] = &[
    "AllTags",
    "Arch",
    "AuthFile",
    "CertDir",
    "ContainersConfModule",
    "Creds",
    "DecryptionKey",
    "GlobalArgs",
    "Image",
    "ImageTag",
    "OS",
    "PodmanArgs",
    "Policy",
    "Retry",
    "RetryDelay",
    "ServiceName",
    "TLSVerify",
    "Variant",
];

pub(super) fn image(
    ctx: &mut Ctx<'_>,
    opts: &QuadletOptions,
    service: &mut Vec<(String, String)>,
) -> Result<(), QuadletError> {
    ctx.check_keys(IMAGE_KEYS)?;
    let Some(name) = ctx.last("Image").filter(|i| !i.is_empty()) else {
        return Err(ctx.err("no Image key specified"));
    };
    let mut a = global_prefix(ctx, &opts.rpod_path)?;
    a.extend(["image", "pull"].map(String::from));
    for (key, flag) in [
        ("Arch", "--arch"),
        ("AuthFile", "--authfile"),
        ("CertDir", "--cert-dir"),
        ("Creds", "--creds"),
        ("DecryptionKey", "--decryption-key"),
        ("OS", "--os"),
        ("Policy", "--policy"),
        ("Variant", "--variant"),
        ("Retry", "--retry"),
        ("RetryDelay", "--retry-delay"),
    ] {
        if let Some(v) = ctx.last(key).filter(|v| !v.is_empty()) {
            push2(&mut a, flag, v);
        }
    }
    for (key, flag) in [("AllTags", "--all-tags"), ("TLSVerify", "--tls-verify")] {
        match ctx.bool(key)? {
            Some(true) => a.push(flag.into()),
            Some(false) => a.push(format!("{flag}=false")),
            None => {}
        }
    }
    oneshot_exec(ctx, a, name, service)
}
