//! The run's closing line: `it: N passed, N failed, N skipped`, printed when
//! the test binary exits, after libtest's own summary (which counts a
//! skipped test as passed).
//!
//! libtest tells its tests nothing about the run, so the harness keeps
//! what it can see itself: the skips (recorded by [`record_skip`]) and the
//! failures (a panic hook notes the panicking test thread, which libtest
//! names after its test). The tests that ran are listed by running this
//! binary again with `--list` and the run's own filters.

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::{Mutex, Once};

static SKIPS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
static FAILED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
static INSTALL: Once = Once::new();

/// The environment variable that keeps the `--list` run from reporting.
const LISTING: &str = "RPOD_TEST_LISTING";

/// Installs the panic hook and the exit handler (once; every harness entry
/// point calls this).
pub fn install() {
    INSTALL.call_once(|| {
        if std::env::var_os(LISTING).is_some() {
            return;
        }
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(name) = std::thread::current().name() {
                if name != "main" {
                    if let Ok(mut f) = FAILED.lock() {
                        f.insert(name.to_string());
                    }
                }
            }
            previous(info);
        }));
        if !libpod::sys::at_exit(print_summary) {
            eprintln!("warning: no closing line: the exit handler table is full");
        }
    });
}

/// The name of the running test (libtest names each test's thread so).
pub fn current_test() -> String {
    std::thread::current()
        .name()
        .unwrap_or("(a thread of a test)")
        .to_string()
}

/// Notes that the running test skips, and why.
pub fn record_skip(reason: &str) {
    install();
    if let Ok(mut s) = SKIPS.lock() {
        s.push((current_test(), reason.to_string()));
    }
}

/// The tests this run selected: this binary's `--list` with the run's
/// filters, less the ignored ones unless they were asked for.
fn selected() -> Option<BTreeSet<String>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut keep = Vec::new();
    let (mut ignored, mut include_ignored) = (false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--list" | "-h" | "--help" => return None,
            "--ignored" => ignored = true,
            "--include-ignored" => include_ignored = true,
            "--exact" => keep.push(a.clone()),
            "--skip" => {
                keep.push(a.clone());
                keep.extend(it.next().cloned());
            }
            // Options with a value (dropped with it).
            "--test-threads" | "--logfile" | "--format" | "--color" | "-Z" | "--shuffle-seed" => {
                it.next();
            }
            s if s.starts_with("--skip=") => keep.push(a.clone()),
            s if s.starts_with('-') => {}
            _ => keep.push(a.clone()),
        }
    }
    let list = |only_ignored: bool| -> Option<BTreeSet<String>> {
        let exe = std::env::current_exe().ok()?;
        let mut c = Command::new(exe);
        c.args(&keep).args(["--list", "--format", "terse"]);
        if only_ignored {
            c.arg("--ignored");
        }
        let out = c.env(LISTING, "1").output().ok()?;
        out.status.success().then(|| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.strip_suffix(": test"))
                .map(str::to_string)
                .collect()
        })
    };
    if include_ignored {
        list(false)
    } else if ignored {
        list(true)
    } else {
        let all = list(false)?;
        let ign = list(true)?;
        Some(all.difference(&ign).cloned().collect())
    }
}

extern "C" fn print_summary() {
    let Some(run) = selected() else {
        return;
    };
    let failed: BTreeSet<String> = FAILED
        .lock()
        .map(|f| f.intersection(&run).cloned().collect())
        .unwrap_or_default();
    let skips: Vec<(String, String)> = SKIPS.lock().map(|s| s.clone()).unwrap_or_default();
    let skipped: BTreeSet<&String> = skips
        .iter()
        .map(|(t, _)| t)
        .filter(|t| !failed.contains(*t))
        .collect();
    let passed = run.len().saturating_sub(failed.len() + skipped.len());
    let mut text = String::from("\n");
    for (t, reason) in &skips {
        text.push_str(&format!("skipped {t}: {reason}\n"));
    }
    for t in &failed {
        text.push_str(&format!("failed {t}\n"));
    }
    text.push_str(&format!(
        "it: {passed} passed, {} failed, {} skipped\n",
        failed.len(),
        skipped.len()
    ));
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
