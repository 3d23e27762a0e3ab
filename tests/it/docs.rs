//! The man pages (man/) and shell completions (contrib/completions/) in the
//! repository are exactly what the current CLI generates.

use std::process::Command;

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_rpod"))
        .args(["internal", "gen-docs", "--check", "--man-dir"])
        .arg(format!("{root}/man"))
        .arg("--completions-dir")
        .arg(format!("{root}/contrib/completions"))
        .output()
        .expect("running rpod");
    assert!(
        out.status.success(),
        "stale generated docs:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completion_verb_prints_a_script() {
    for (shell, marker) in [
        ("bash", "_rpod()"),
        ("zsh", "#compdef rpod"),
        ("fish", "complete -c rpod"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_rpod"))
            .args(["completion", shell])
            .output()
            .expect("running rpod");
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(marker), "{shell}: {marker} missing");
        assert!(text.contains("pull"), "{shell}: verbs missing");
    }
}
