//! `resources.limits` and `resources.requests`: Kubernetes quantities of
//! memory and CPU.

use crate::compose::yaml::Value;
use crate::kube::model::ResourceRequirements;

use super::at::{opt, At, R};

pub(super) fn read_resources(at: &At<'_>) -> R<ResourceRequirements> {
    let mut r = ResourceRequirements::default();
    for (key, mem, cpu) in [
        ("limits", &mut r.limit_memory, &mut r.limit_cpu_milli),
        ("requests", &mut r.request_memory, &mut r.request_cpu_milli),
    ] {
        if let Some((m, c)) = opt(at, key, |l| {
            Ok((
                opt(&l, "memory", |a| quantity(&a, false))?,
                opt(&l, "cpu", |a| quantity(&a, true))?,
            ))
        })? {
            *mem = m;
            *cpu = c;
        }
    }
    Ok(r)
}

/// A Kubernetes quantity: memory in bytes (`128Mi`, `1G`, `1e6`), or CPU
/// in thousandths (`500m`, `0.5`, `2`).
fn quantity(at: &At<'_>, cpu: bool) -> R<u64> {
    let text = at
        .node
        .scalar_text()
        .filter(|_| !matches!(at.node.value, Value::Bool(_)))
        .ok_or_else(|| at.fail("must be a quantity such as 128Mi or 500m"))?;
    parse_quantity(&text, cpu).ok_or_else(|| {
        at.fail(format!(
            "{text:?} is not a quantity: write {}",
            if cpu {
                "CPUs as 2, 0.5 or 500m"
            } else {
                "bytes as 134217728, 128Mi or 1G"
            }
        ))
    })
}

/// Parses a Kubernetes quantity into bytes, or thousandths for CPUs.
pub fn parse_quantity(text: &str, cpu: bool) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, suffix) = t.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult: f64 = match suffix {
        "" => 1.0,
        "m" => 0.001,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    let v = n * mult * if cpu { 1000.0 } else { 1.0 };
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    Some(v.ceil() as u64)
}
