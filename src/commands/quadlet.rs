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
    let (dirs, dir_warnings) = search_dirs(args.user);
    for w in &dir_warnings {
        eprintln!("quadlet: {w}");
    }
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

    /// Every Exec* line of generated .pod, .container (Pod=) and .kube units parses
    /// with rpod's own command line, and a rejected flag fails the check.
    #[test]
    fn pod_and_kube_units_run_rpod_verbs() {
        use clap::Parser;
        use libpod::systemd::quadlet::{generate, QuadletOptions};
        use libpod::systemd::unit::{split_words, UnitFile};

        let files = [
            (
                "app.pod",
                "[Pod]\nPodName=app\nPublishPort=8080:80\nNetwork=appnet\nAddHost=db:10.0.0.2\n\
                 DNS=1.1.1.1\nDNSSearch=example.com\nLabel=a=b\nHostName=apphost\n\
                 UserNS=keep-id\nStopTimeout=5\n",
            ),
            (
                "web.container",
                "[Container]\nImage=docker.io/library/nginx\nPod=app.pod\n",
            ),
            (
                "site.kube",
                "[Kube]\nYaml=/srv/a.yaml\nYaml=/srv/b.yaml\nConfigMap=/srv/cm.yaml\n\
                 Network=appnet\nPublishPort=8081:80\nUserNS=keep-id\nKubeDownForce=yes\n",
            ),
        ];
        let opts = QuadletOptions {
            units: files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            ..Default::default()
        };
        let parses = |line: &str| {
            let words = split_words(line.trim_start_matches('-')).unwrap();
            crate::cli::Cli::try_parse_from(&words).map_err(|e| format!("{line}: {e}"))
        };
        let mut lines = 0;
        for (name, text) in files {
            let g = generate(name, text, &opts).unwrap();
            assert!(g.warnings.is_empty(), "{name}: {:?}", g.warnings);
            let unit = UnitFile::parse(&g.service_name, &g.unit).unwrap();
            for key in ["ExecStartPre", "ExecStart", "ExecStop", "ExecStopPost"] {
                for line in unit.values("Service", key) {
                    parses(&line).unwrap();
                    lines += 1;
                }
            }
        }
        assert_eq!(lines, 4 + 3 + 2);
        assert!(parses("/usr/bin/rpod pod create --no-such-flag x --name y").is_err());
    }
}
