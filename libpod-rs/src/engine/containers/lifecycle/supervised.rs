//! [`Supervised`]: the engine as the supervision loop's host.

use std::path::Path;
use std::time::Duration;

use chrono::Utc;

use crate::container::logs;
use crate::container::logs::LogWriter;
use crate::container::Container;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::monitor::supervisor;
use crate::runtime;

/// The engine as the supervision loop's keeper of container `id`.
pub(super) struct Supervised<'a> {
    engine: &'a Engine,
    id: String,
}

impl<'a> Supervised<'a> {
    pub(super) fn new(engine: &'a Engine, id: &str) -> Supervised<'a> {
        Supervised {
            engine,
            id: id.to_string(),
        }
    }
}

impl<'a> supervisor::Host for Supervised<'a> {
    type Error = Error;
    type Process = runtime::Started;
    type Health = crate::engine::containers::health::HealthTimer<'a>;

    fn claim(&self) -> Result<Container> {
        self.engine.claim(&self.id)
    }

    fn record(&self) -> Result<Container> {
        Ok(self.engine.records().load(&self.id)?)
    }

    fn launch(
        &self,
        c: &Container,
        io: runtime::Stdio,
        notify: Option<&Path>,
    ) -> Result<runtime::Started> {
        self.engine.launch(c, io, notify)
    }

    fn exit_code(&self, e: &Error) -> u8 {
        e.exit_code()
    }

    fn attach_path(&self, c: &Container) -> Option<std::path::PathBuf> {
        self.engine.attach_path(c).ok()
    }

    fn remove_attach_socket(&self) {
        self.engine.remove_attach_socket(&self.id);
    }

    fn notify_dir(&self) -> std::path::PathBuf {
        self.engine.records().run_dir(&self.id).join("notify")
    }

    fn open_log(&self, c: &Container) -> std::result::Result<LogWriter, logs::Error> {
        LogWriter::open(
            &self.engine.records().log_path(&self.id),
            c.config.log_max_size,
        )
    }

    fn health(&self, c: &Container) -> Option<crate::engine::containers::health::HealthTimer<'a>> {
        crate::engine::containers::health::HealthTimer::new(self.engine, c)
    }

    fn health_started(&self, c: &Container) {
        self.engine.health_started(c);
    }

    fn health_restarts(&self) -> bool {
        self.engine.restart_unhealthy(&self.id) || self.engine.restart_startup_failed(&self.id)
    }

    fn event(&self, c: &Container, event: supervisor::Event) {
        use crate::events::Status as E;
        match event {
            supervisor::Event::Attach => self.engine.event_container(c, E::Attach),
            supervisor::Event::Died(code) => {
                self.engine
                    .event_container_exit(c, E::Died, i32::from(code));
            }
            supervisor::Event::Restart => self.engine.event_container(c, E::Restart),
        }
    }

    fn record_restart(&self, code: u8) -> Result<()> {
        // Each run ends with its poststop hooks (podman's cleanup).
        if let Ok(c) = self.engine.records().load(&self.id) {
            self.engine
                .run_late_hooks(&c, runtime::hooks::Stage::Poststop, 0);
        }
        self.engine.update_state(&self.id, |s| {
            s.exit_code = i32::from(code);
            s.finished_at = Some(Utc::now());
            s.restart_count += 1;
            s.clear_init();
        })?;
        Ok(())
    }

    fn record_exit(&self, code: i32) -> Result<bool> {
        self.engine.record_exit(&self.id, code)
    }

    fn pause(&self, pause: Duration) {
        std::thread::sleep(pause);
    }
}
