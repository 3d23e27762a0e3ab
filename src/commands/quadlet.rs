//! `rpod quadlet`: the Quadlet systemd generator (also run as `rpod-user-generator` /
//! `rpod-system-generator`), translating `.container`/`.volume`/`.network` files to units.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use libpod::systemd::quadlet::{
    run_generator, search_dirs, this_rpod_path, write_units, QuadletOptions,
};

/// Arguments of `rpod quadlet`, matching podman's quadlet generator.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct QuadletArgs {
    /// Print the generated units instead of writing them.
    #[arg(long)]
    pub dryrun: bool,
    /// Generate units for the user's systemd manager.
    #[arg(long)]
    pub user: bool,
    /// Do not log to the kernel log (accepted for compatibility; rpod logs to stderr).
    #[arg(long)]
    pub no_kmsg_log: bool,
    /// Print progress and warnings.
    #[arg(short, long)]
    pub verbose: bool,
    /// Output directories as systemd passes them: normal-dir [early-dir] [late-dir].
    #[arg(value_name = "DIR", num_args = 0..=3)]
    pub output_dirs: Vec<PathBuf>,
}

/// Builds generator arguments when rpod is invoked as `rpod-user-generator` or `rpod-system-generator`.
pub fn generator_args(argv0: &str, rest: &[String]) -> Option<QuadletArgs> {
    let base = Path::new(argv0).file_name()?.to_str()?;
    let user = match base {
        "rpod-user-generator" => true,
        "rpod-system-generator" => false,
        _ => return None,
    };
    Some(QuadletArgs {
        dryrun: false,
        user,
        no_kmsg_log: false,
        verbose: false,
        output_dirs: rest.iter().map(PathBuf::from).collect(),
    })
}

/// Runs the generator; returns the process exit code.
pub fn run(args: QuadletArgs) -> anyhow::Result<u8> {
    let opts = QuadletOptions {
        rpod_path: this_rpod_path(),
        user: args.user,
        ..Default::default()
    };
    let dirs = search_dirs(args.user);
    if args.verbose {
        for d in &dirs {
            eprintln!("quadlet: searching {}", d.display());
        }
    }
    let out_dir = if args.dryrun {
        None
    } else {
        Some(
            args.output_dirs
                .first()
                .context("missing output directory: pass one, or use --dryrun")?,
        )
    };
    let report = run_generator(&dirs, None, &opts)?;
    for w in &report.warnings {
        eprintln!("quadlet: warning: {w}");
    }
    for e in &report.errors {
        eprintln!("quadlet: {e}");
    }
    match out_dir {
        None => {
            let mut out = std::io::stdout().lock();
            for g in &report.units {
                writeln!(out, "---{}---", g.service_name)?;
                writeln!(out, "{}", g.unit)?;
            }
        }
        Some(dir) => {
            write_units(dir, &report.units)?;
            if args.verbose {
                for g in &report.units {
                    eprintln!("quadlet: wrote {}", dir.join(&g.service_name).display());
                }
            }
        }
    }
    Ok(if report.errors.is_empty() { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_names() {
        let a = generator_args(
            "/usr/lib/systemd/user-generators/rpod-user-generator",
            &["/run/user/1/systemd/generator".into()],
        )
        .unwrap();
        assert!(a.user);
        assert_eq!(a.output_dirs.len(), 1);
        assert!(
            !generator_args("/x/rpod-system-generator", &[])
                .unwrap()
                .user
        );
        assert!(generator_args("/usr/bin/rpod", &[]).is_none());
    }
}
