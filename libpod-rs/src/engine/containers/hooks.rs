//! A container's OCI hooks (`--hooks-dir`, containers.conf's `hooks_dir`;
//! see [`crate::runtime::hooks`]) at the points of its start and exit
//! where an OCI runtime and podman would run them.

use crate::container::Container;
use crate::error::Result;
use crate::runtime::hooks::{self, Program, Stage, Target};

use super::Engine;

impl Engine {
    /// The programs of the container's hooks that run at `stage`; an
    /// unreadable or invalid hook file is an error.
    pub(super) fn hook_programs(
        &self,
        c: &Container,
        spec: &oci_spec::runtime::Spec,
        stage: Stage,
    ) -> Result<Vec<Program>> {
        if c.config.hooks_dirs.is_empty() {
            return Ok(Vec::new());
        }
        let all = hooks::load(&c.config.hooks_dirs)?;
        let annotations: std::collections::BTreeMap<String, String> = spec
            .annotations()
            .iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let args = spec.process().as_ref().and_then(|p| p.args().clone());
        let target = Target {
            command: args.as_ref().and_then(|a| a.first()).map(String::as_str),
            annotations: &annotations,
            has_bind_mounts: !c.config.binds().is_empty(),
        };
        Ok(hooks::for_stage(&all, stage, &target))
    }

    /// Runs `programs` for the container in the state `status` with `pid`;
    /// stops at the first that fails.
    pub(super) fn run_hooks(
        &self,
        c: &Container,
        programs: &[Program],
        status: &str,
        pid: i32,
    ) -> Result<()> {
        if programs.is_empty() {
            return Ok(());
        }
        let dir = self.records().dir(&c.config.id);
        let state = hooks::state_json(&c.config.id, status, pid, &dir, &c.config.annotations);
        for p in programs {
            hooks::run(p, &state, &dir)?;
        }
        Ok(())
    }

    /// `poststart` or `poststop` hooks: a failure is a warning, as podman
    /// treats them.
    pub(super) fn run_late_hooks(&self, c: &Container, stage: Stage, pid: i32) {
        if c.config.hooks_dirs.is_empty() {
            return;
        }
        let status = if stage == Stage::Poststop {
            "stopped"
        } else {
            "running"
        };
        let ran = self
            .load_spec(c)
            .and_then(|spec| self.hook_programs(c, &spec, stage))
            .and_then(|p| self.run_hooks(c, &p, status, pid));
        if let Err(e) = ran {
            let which = if stage == Stage::Poststop {
                "poststop"
            } else {
                "poststart"
            };
            tracing::warn!("container {}: {which} hook: {e}", c.config.id);
        }
    }
}
