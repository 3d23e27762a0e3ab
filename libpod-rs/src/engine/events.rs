//! The engine's side of the events journal: which journal a store has
//! (containers.conf and `--events-backend`), the one-line hooks the
//! operations call once they succeeded, and `rpod events`.
//!
//! A hook never fails its operation: a journal that cannot be written is
//! reported (podman's `Unable to write ... event`) and the operation goes
//! on. Operations that exist only later (push, save, load, import, pause,
//! network connect) call [`Engine::event_image`] / [`Engine::event_container`]
//! / [`Engine::event_network_container`] the same way.

use std::path::Path;

use super::Engine;
use crate::config::ContainersConf;
use crate::container::Container;
use crate::error::Result;
use crate::events::{self, Backend, Event, Journal, Status};
use crate::network::config::Network;

/// The journal of a store: `events_logger` (`--events-backend` wins),
/// `events_logfile_path` (default `RUNROOT/events/events.log`) and
/// `events_logfile_max_size` (default 1 MB).
///
/// The run root, not podman's `$XDG_RUNTIME_DIR/libpod/tmp`: events are
/// volatile state of one store (gone at reboot, as podman's), and each
/// `--runroot` keeps its own.
pub(super) fn open_journal(conf: &ContainersConf, runroot: &Path, flag: Option<&str>) -> Journal {
    let settings = conf.events();
    let backend = match flag.or(settings.logger()).unwrap_or("file") {
        "none" => Backend::None,
        "journald" => Backend::Journald,
        _ => Backend::File,
    };
    let path = settings
        .logfile_path()
        .map_or_else(|| runroot.join("events/events.log"), Path::to_path_buf);
    let max = settings.max_size().unwrap_or(events::DEFAULT_MAX_SIZE);
    Journal::new(backend, path, max)
}

impl Engine {
    /// The events journal of this store.
    pub fn events_journal(&self) -> &Journal {
        &self.events
    }

    /// `--events-backend NAME` for rpod processes this one starts (the
    /// monitor, a pull), so that they write where this one does.
    pub(crate) fn events_flag(&self) -> [&'static str; 2] {
        ["--events-backend", self.events.backend().as_str()]
    }

    /// Reads (and with `opts.stream` follows) the journal (`rpod events`).
    pub fn events(
        &self,
        opts: &events::ReadOptions,
        sink: &mut dyn FnMut(events::Item) -> bool,
    ) -> Result<()> {
        Ok(events::read(&self.events, opts, sink)?)
    }

    /// Appends `event`; a failure is logged, not returned.
    pub(crate) fn emit(&self, event: &Event) {
        if let Err(e) = self.events.write(event) {
            tracing::error!("Unable to write {} event: {e}", event.kind.as_str());
        }
    }

    pub(super) fn container_event(c: &Container, status: Status) -> Event {
        let image = if c.config.image_name.is_empty() {
            &c.config.image
        } else {
            &c.config.image_name
        };
        Event::container(
            status,
            &c.config.id,
            &c.config.name,
            image,
            &c.config.labels,
        )
    }

    /// A container event (`create`, `start`, `stop` ...); `create` carries
    /// the container's inspect JSON, with its sizes as podman's, when
    /// containers.conf's `events_container_create_inspect_data` asks for it.
    pub(crate) fn event_container(&self, c: &Container, status: Status) {
        let mut e = Self::container_event(c, status);
        if e.status == Status::Create && self.containers_conf.events().create_inspect_data() {
            match self.inspect_container_sized(&c.config.id) {
                Ok(data) => e.container_inspect_data = data.to_string(),
                Err(err) => {
                    tracing::warn!("inspecting {} for its create event: {err}", c.config.name)
                }
            }
        }
        self.emit(&e);
    }

    /// A container event with an exit code: `died` (its process ended
    /// with `code`) or `exec_died`.
    pub(crate) fn event_container_exit(&self, c: &Container, status: Status, code: i32) {
        let mut e = Self::container_event(c, status);
        e.container_exit_code = Some(i64::from(code));
        self.emit(&e);
    }

    /// A container's removal; with its last exit code when it ever ran.
    pub(crate) fn event_container_removed(&self, c: &Container) {
        let mut e = Self::container_event(c, Status::Remove);
        if c.state.started_at.is_some() {
            e.container_exit_code = Some(i64::from(c.state.exit_code));
        }
        self.emit(&e);
    }

    /// An image event: the image's ID and the name the operation used.
    pub(crate) fn event_image(&self, status: Status, id: &str, name: &str) {
        self.emit(&Event::image(status, id, name));
    }

    /// A pull of `input`: `pull` with the image's ID, or `pull-error` with why.
    pub(crate) fn event_pull<E: std::fmt::Display>(
        &self,
        input: &str,
        result: &std::result::Result<crate::image::ImageRecord, E>,
    ) {
        match result {
            Ok(image) => self.event_image(Status::Pull, &image.id, input),
            Err(e) => self.emit(&Event::pull_error(input, &e.to_string())),
        }
    }

    /// A volume event.
    pub(crate) fn event_volume(&self, status: Status, name: &str) {
        self.emit(&Event::volume(status, name));
    }

    /// A network created or removed.
    pub(crate) fn event_network(&self, status: Status, n: &Network) {
        self.emit(&Event::network(status, &n.name, &n.id, &n.driver));
    }

    /// A container connected to or disconnected from a network.
    pub(crate) fn event_network_container(&self, status: Status, c: &Container, network: &str) {
        self.emit(&Event::network_container(
            status,
            &c.config.id,
            &c.config.name,
            network,
        ));
    }
}
