//! `top` with descriptors psgo does not know: ps(1) run in the container,
//! as podman falls back to.

use std::io::Read;
use std::os::fd::AsRawFd;

use super::*;

impl Engine {
    /// Runs `ps ARGS` in a running container and returns its output lines
    /// (podman's fallback for `top` descriptors it does not know itself);
    /// an error with ps's own output when it fails.
    pub fn container_ps(&self, name_or_id: &str, args: &[String]) -> Result<Vec<String>> {
        let c = self.container(name_or_id)?;
        let (out_r, out_w) = pipe()?;
        let argv: Vec<String> = std::iter::once("ps".to_string())
            .chain(args.iter().cloned())
            .collect();
        let child = crate::sys::process::fork_then(|| {
            let _ = nix::sys::signal::sigprocmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(&nix::sys::signal::SigSet::empty()),
                None,
            );
            if let Ok(null) = std::fs::File::open("/dev/null") {
                let _ = nix::unistd::dup2(null.as_raw_fd(), 0);
            }
            let _ = nix::unistd::dup2(out_w.as_raw_fd(), 1);
            let _ = nix::unistd::dup2(out_w.as_raw_fd(), 2);
            let opts = spec::ExecOptions {
                args: argv.clone(),
                ..spec::ExecOptions::default()
            };
            match self.exec_in_container_with(&c.config.id, opts, false) {
                Ok(crate::engine::ExecOutcome::Exited(code)) => code,
                Ok(crate::engine::ExecOutcome::Started(_)) => 0,
                Err(e) => {
                    let _ = nix::unistd::write(std::io::stderr(), format!("{e}\n").as_bytes());
                    e.exit_code()
                }
            }
        })
        .map_err(|e| Error::Message(format!("forking ps: {e}")))?;
        drop(out_w);
        let mut text = Vec::new();
        let _ = std::fs::File::from(out_r)
            .take(16 << 20)
            .read_to_end(&mut text);
        let status = crate::sys::process::wait(child)
            .map_err(|e| Error::Message(format!("waiting for ps: {e}")))?;
        let text = String::from_utf8_lossy(&text);
        if !matches!(status, nix::sys::wait::WaitStatus::Exited(_, 0)) {
            return Err(Error::Message(format!(
                "executing ps(1) in the container: {status:?}: {}",
                text.trim_end()
            )));
        }
        Ok(text.lines().map(str::to_string).collect())
    }
}
