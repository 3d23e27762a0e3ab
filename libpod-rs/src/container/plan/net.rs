//! `--network` and `-p`/`-P`/`--expose`: the network mode a plan records
//! and the ports it publishes.

use super::{CreateError, HostFacts, TargetFacts};
use crate::image::config::ImageConfig;
use crate::network::{self, Mode, PortMapping};
use crate::spec::{ContainerSpec, UsernsMode};

/// The network mode to record (the default resolved, `container:` by the
/// other container's ID), with the other container's facts.
pub(super) fn network_mode<'a>(
    spec: &ContainerSpec,
    host: &'a HostFacts,
) -> Result<(Mode, Option<&'a TargetFacts>), CreateError> {
    let mode = match (&spec.network.mode, &host.default_network) {
        (Some(m), _) | (None, Some(m)) => m.clone(),
        (None, None) => return Err(CreateError::MissingFact("the default network mode")),
    };
    match mode {
        // Rootless, a bridge container joins the holder's user namespace,
        // which has rpod's own mapping.
        Mode::Bridge(nets)
            if host.rootless && (spec.userns != UsernsMode::Host || spec.id_maps.is_set()) =>
        {
            Err(CreateError::BridgeUserns(nets))
        }
        Mode::Bridge(nets) => Ok((Mode::Bridge(nets), None)),
        Mode::Container(_) => {
            let t = host
                .network_target
                .as_ref()
                .ok_or(CreateError::MissingFact(
                    "the container whose network is joined",
                ))?;
            if t.network == Mode::Host {
                // Its network is the host's: so is this one's (a rootless
                // container cannot enter the host's namespace, but it can
                // have the host's network as `--network host` has it).
                return Ok((Mode::Host, None));
            }
            Ok((Mode::Container(t.id.clone()), Some(t)))
        }
        m => Ok((m, None)),
    }
}

/// The image's exposed ports and `--expose`'s (`80/tcp` keys, each once).
pub(super) fn exposed_ports(spec: &ContainerSpec, image: &ImageConfig) -> Vec<String> {
    let mut out = image.exposed_ports.clone();
    for k in spec.network.expose.iter().flat_map(|e| e.keys()) {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// `-p` and `-P`'s ports (host port 0: chosen at commit). In a mode that
/// cannot publish (host, none, another container's or a path's namespace)
/// they are discarded, with podman's warning when `-p` gave some.
pub(super) fn published_ports(
    spec: &ContainerSpec,
    image: &ImageConfig,
    mode: &Mode,
) -> Result<(Vec<PortMapping>, Option<String>), CreateError> {
    // A bridge mode publishes through the holder's relay.
    if !mode.has_helper() && !matches!(mode, Mode::Bridge(_)) {
        let warning = (!spec.network.ports.is_empty()).then(|| {
            let kind = match mode {
                Mode::Host => "host",
                Mode::None => "none",
                Mode::Container(_) => "container",
                _ => "path",
            };
            format!(
                "Port mappings have been discarded because \"{kind}\" network namespace mode does not support them"
            )
        });
        return Ok((Vec::new(), warning));
    }
    let mut ports = spec.network.ports.clone();
    if spec.network.publish_all {
        ports.extend(
            network::ports::publish_all(&exposed_ports(spec, image))
                .map_err(CreateError::ExposedPorts)?,
        );
    }
    Ok((ports, None))
}
