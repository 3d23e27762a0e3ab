//! The secret store (`secret create|ls|inspect|rm|exists`) and `run
//! --secret`, as the unprivileged user, against podman's documented
//! output and exit codes.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::harness::{columns, is_hex, Env};
use crate::pull::busybox_env as setup;

/// Every file under the store's `secrets/`, with its mode.
fn store_modes(env: &Env) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for p in crate::harness::walk(&env.root().join("secrets")) {
        let m = std::fs::symlink_metadata(&p).unwrap();
        out.push((p.display().to_string(), m.permissions().mode() & 0o7777));
    }
    out
}

#[test]
fn secret_verbs_follow_podman() {
    let env = require!(Env::rootless());
    let file = env.write_file(Path::new("pw.txt"), "hunter2");
    let id = env
        .rpod(["secret", "create", "--label", "app=db", "dbpass"])
        .arg(&file)
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    assert!(is_hex(&id, 25), "{id}");
    let id2 = env
        .rpod(["secret", "create", "token", "-"])
        .stdin("from-stdin")
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    env.rpod(["secret", "create", "dbpass"])
        .arg(&file)
        .run()
        .error125()
        .stderr_is("Error: dbpass: secret name in use");
    env.rpod(["secret", "create", "a/b"])
        .arg(&file)
        .run()
        .error125()
        .stderr_has("can not include '=', '/', ',', or the '\\0' (NULL) and be between 1 and 253 characters: invalid secret name");
    env.rpod(["secret", "create", "empty", "-"])
        .stdin("")
        .run()
        .error125()
        .stderr_has("secret data must be larger than 0 and less than 512000 bytes");
    env.rpod(["secret", "create", "--env", "e", "RPOD_NOT_SET"])
        .run()
        .error125()
        .stderr_has("environment variable RPOD_NOT_SET is not set");

    // Data files and the records: the owner's alone.
    let modes = store_modes(&env);
    assert!(modes.len() >= 4, "{modes:?}");
    for (p, mode) in &modes {
        let want = if Path::new(p).is_dir() { 0o700 } else { 0o600 };
        assert_eq!(*mode, want, "{p}: {mode:o}");
    }

    let ls = env.rpod(["secret", "ls"]).run();
    let ls = ls.success();
    assert_eq!(
        columns(ls.lines()[0]),
        ["ID", "NAME", "DRIVER", "CREATED", "UPDATED"],
        "{ls}"
    );
    assert_eq!(ls.lines().len(), 3, "{ls}");
    assert!(ls.lines()[1].starts_with(&format!("{id}  dbpass")), "{ls}");
    assert!(ls.lines()[1].contains(" file "), "{ls}");
    env.rpod(["secret", "ls", "-q", "--filter", "name=^tok"])
        .run()
        .success()
        .stdout_is(&id2);
    env.rpod(["secret", "ls", "-q", "--format", "{{.Name}}"])
        .run()
        .success()
        .stdout_is("dbpass\ntoken");
    env.rpod(["secret", "ls", "--noheading", "--format", "table {{.Name}}"])
        .run()
        .success()
        .stdout_is("dbpass\ntoken");

    let j = env.rpod(["secret", "inspect", "dbpass"]).run().json();
    assert_eq!(j[0]["ID"], id.as_str());
    assert_eq!(j[0]["Spec"]["Name"], "dbpass");
    assert_eq!(j[0]["Spec"]["Driver"]["Name"], "file");
    assert_eq!(j[0]["Spec"]["Labels"]["app"], "db");
    assert!(j[0].get("SecretData").is_none(), "{j}");
    assert_eq!(j[0]["CreatedAt"], j[0]["UpdatedAt"]);
    env.rpod(["secret", "inspect", "--format", "{{.SecretData}}", &id[..8]])
        .run()
        .success()
        .stdout_is("");
    env.rpod([
        "secret",
        "inspect",
        "--showsecret",
        "--format",
        "{{.Spec.Name}}={{.SecretData}}",
        "token",
    ])
    .run()
    .success()
    .stdout_is("token=from-stdin");
    env.rpod(["secret", "inspect", "--pretty", "dbpass"])
        .run()
        .success()
        .stdout_has(&format!("ID:              {id}\nName:              dbpass\nLabels:\n - app=db\nDriver:            file\n"));
    // The found ones are printed; the missing one fails the command.
    let out = env
        .rpod([
            "secret",
            "inspect",
            "--format",
            "{{.Spec.Name}}",
            "bogus",
            "token",
        ])
        .run();
    out.error125()
        .stdout_is("token")
        .stderr_is("Error: inspecting secret: no secret with name or id \"bogus\": no such secret");

    env.rpod(["secret", "exists", "token"]).run().code(0);
    env.rpod(["secret", "exists", "nope"]).run().code(1);

    // --replace: new data and ID, same creation time.
    let id3 = env
        .rpod(["secret", "create", "--replace", "token", "-"])
        .stdin("rotated")
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    assert_ne!(id3, id2);
    env.rpod(["secret", "create", "--replace", "--ignore", "token", "-"])
        .stdin("x")
        .run()
        .error125()
        .stderr_is("Error: cannot use --ignore and --replace flags together");
    env.rpod(["secret", "create", "--ignore", "token", "-"])
        .stdin("x")
        .run()
        .success()
        .stdout_is(&id3);
    let j = env
        .rpod(["secret", "inspect", "--showsecret", "token"])
        .run()
        .json();
    assert_eq!(j[0]["SecretData"], "rotated");
    assert_ne!(j[0]["CreatedAt"], j[0]["UpdatedAt"]);
    // The replaced data file is gone.
    assert_eq!(
        store_modes(&env).len(),
        modes.len(),
        "{:?}",
        store_modes(&env)
    );

    env.rpod(["secret", "rm", "nope"])
        .run()
        .error125()
        .stderr_is("Error: no secret with name or id \"nope\": no such secret");
    env.rpod(["secret", "rm", "--ignore", "nope", "dbpass"])
        .run()
        .success()
        .stdout_is(&id);
    env.rpod(["secret", "rm", "-a"])
        .run()
        .success()
        .stdout_is(&id3);
    env.rpod(["secret", "ls", "--noheading"])
        .run()
        .success()
        .stdout_is("");
    // `system reset` removes what the store holds, secrets too.
    env.rpod(["secret", "create", "left", "-"])
        .stdin("x")
        .run()
        .success();
    env.rpod(["system", "reset", "--force"]).run().success();
    env.rpod(["secret", "exists", "left"]).run().code(1);
    assert!(!env.root().join("secrets").exists());
    let events = env.rpod(["events", "--stream=false"]).run();
    events
        .success()
        .stdout_has(&format!(" secret create {id}"))
        .stdout_has(&format!(" secret remove {id}"));
}

#[test]
fn concurrent_creates_of_one_name_have_one_winner() {
    let env = require!(Env::rootless());
    let children: Vec<_> = (0..6)
        .map(|i| {
            env.rpod(["secret", "create", "same", "-"])
                .stdin(format!("value-{i}"))
                .spawn()
        })
        .collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let won: Vec<_> = outs.iter().filter(|o| o.status.success()).collect();
    assert_eq!(won.len(), 1, "{outs:?}");
    for o in outs.iter().filter(|o| !o.status.success()) {
        assert_eq!(o.status.code(), Some(125), "{o:?}");
        assert_eq!(
            String::from_utf8_lossy(&o.stderr).trim(),
            "Error: same: secret name in use"
        );
    }
    let id = String::from_utf8_lossy(&won[0].stdout).trim().to_string();
    let j = env
        .rpod(["secret", "inspect", "--showsecret", "same"])
        .run()
        .json();
    assert_eq!(j[0]["ID"], id.as_str());
    assert!(j[0]["SecretData"].as_str().unwrap().starts_with("value-"));
    env.rpod(["secret", "ls", "-q"])
        .run()
        .success()
        .stdout_is(&id);
}

#[test]
fn run_secret_as_file_and_as_env() {
    let (env, image) = require!(setup());
    let user = env.user.clone().expect("rootless user");
    let file = env.write_file(Path::new("pw.txt"), "hunter2");
    env.rpod(["secret", "create", "dbpass"])
        .arg(&file)
        .run()
        .success();

    // The default: /run/secrets/NAME, root's, 0444, read-only.
    env.rpod([
        "run",
        "--rm",
        "--secret",
        "dbpass",
        &image,
        "sh",
        "-c",
        "cat /run/secrets/dbpass; echo; stat -c '%u %g %a' /run/secrets/dbpass; echo x > /run/secrets/dbpass || echo refused",
    ])
    .run()
    .success()
    .stdout_is("hunter2\n0 0 444\nrefused");

    // Another place, owner and mode, as the container sees them; on the
    // host the copy belongs to the mapped ids.
    let id = env
        .rpod([
            "create",
            "--secret",
            "dbpass,target=/etc/app/pw,uid=1000,gid=1001,mode=0400",
            "--secret",
            "dbpass,type=env,target=PGPASSWORD",
            &image,
            "sh",
            "-c",
            "stat -c '%u %g %a' /etc/app/pw; cat /etc/app/pw; echo; echo $PGPASSWORD",
        ])
        .run()
        .success()
        .out()
        .trim()
        .to_string();
    let copy = env
        .root()
        .join("containers")
        .join(&id)
        .join("secrets/dbpass");
    let m = std::fs::metadata(&copy).unwrap_or_else(|e| panic!("{}: {e}", copy.display()));
    assert_eq!(
        (m.uid(), m.gid(), m.permissions().mode() & 0o777),
        (user.host_uid(1000), user.host_gid(1001), 0o400)
    );
    let j = env.rpod(["inspect", &id]).run().json();
    let secrets = &j[0]["Config"]["Secrets"];
    assert_eq!(secrets.as_array().map(Vec::len), Some(1), "{secrets}");
    assert_eq!(secrets[0]["Name"], "dbpass");
    assert_eq!(secrets[0]["UID"], 1000);
    assert_eq!(secrets[0]["GID"], 1001);
    assert_eq!(secrets[0]["Mode"], 0o400);
    let env_list = j[0]["Config"]["Env"].to_string();
    assert!(env_list.contains("\"PGPASSWORD=*******\""), "{env_list}");
    assert!(!env_list.contains("hunter2"), "{env_list}");

    env.rpod(["start", "-a", &id])
        .run()
        .success()
        .stdout_is("1000 1001 400\nhunter2\nhunter2");

    // exec sessions see the variable too (as podman's).
    let long = env
        .rpod([
            "run",
            "-d",
            "--secret",
            "dbpass,type=env,target=PW",
            &image,
            "sleep",
            "1000",
        ])
        .run()
        .success()
        .out()
        .to_string();
    env.rpod(["exec", &long, "sh", "-c", "echo $PW"])
        .run()
        .success()
        .stdout_is("hunter2");
    env.rpod(["rm", "-f", "-t", "0", &long]).run().success();

    // Replaced: the file copy stays as it was, the variable follows.
    env.rpod(["secret", "create", "--replace", "dbpass", "-"])
        .stdin("rotated")
        .run()
        .success();
    env.rpod(["start", "-a", &id])
        .run()
        .success()
        .stdout_is("1000 1001 400\nhunter2\nrotated");
    // Removed: new containers are refused, and the env secret cannot be read.
    env.rpod(["secret", "rm", "dbpass"]).run().success();
    env.rpod(["run", "--rm", "--secret", "dbpass", &image, "true"])
        .run()
        .error125()
        .stderr_is("Error: no secret with name or id \"dbpass\": no such secret");
    env.rpod(["start", "-a", &id])
        .run()
        .error125()
        .stderr_has("no secret with name or id \"dbpass\": no such secret");
    env.rpod(["rm", &id]).run().success();
    assert!(!copy.exists());
}

#[test]
fn run_secret_flag_errors_name_the_problem() {
    let env = require!(Env::rootless());
    for (value, message) in [
        (
            "s,type=env,mode=0400",
            "UID, GID, Mode options cannot be set with secret type env: parsing secret",
        ),
        ("s,type=file", "type file is invalid: parsing secret"),
        ("s,uid=x", "UID x invalid: parsing secret"),
        (
            "target=x,type=env",
            "no source found target=x,type=env: parsing secret",
        ),
    ] {
        env.rpod(["create", "--secret", value, "busybox"])
            .run()
            .error125()
            .stderr_has(&format!("--secret {value}: {message}"));
    }
}

#[test]
fn kube_play_reads_secrets_the_yaml_does_not_define_from_the_store() {
    let (env, image) = require!(setup());
    // podman's two forms: a Kubernetes Secret's YAML, and a JSON object of
    // base64 values.
    env.rpod(["secret", "create", "db-creds", "-"])
        .stdin("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-creds\ndata:\n  password: aHVudGVyMg==\nstringData:\n  user: admin\n")
        .run()
        .success();
    env.rpod(["secret", "create", "api", "-"])
        .stdin(r#"{"token":"dG9rLTE="}"#)
        .run()
        .success();
    env.rpod(["secret", "create", "plain", "-"])
        .stdin("not a kubernetes secret")
        .run()
        .success();
    let yaml = format!(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: sec
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: {image}
    command: [sh, -c, 'echo "$PW $TOKEN"; cat /creds/user']
    env:
    - name: PW
      valueFrom:
        secretKeyRef: {{name: db-creds, key: password}}
    - name: TOKEN
      valueFrom:
        secretKeyRef: {{name: api, key: token}}
    volumeMounts:
    - {{name: creds, mountPath: /creds}}
  volumes:
  - name: creds
    secret: {{secretName: db-creds}}
"#
    );
    let file = env.write_file("sec.yaml".as_ref(), &yaml);
    env.rpod(["kube", "play"]).arg(&file).run().success();
    env.rpod(["wait", "sec-c"]).run().success().stdout_is("0");
    env.rpod(["logs", "sec-c"])
        .run()
        .success()
        .stdout_is("hunter2 tok-1\nadmin");
    env.rpod(["kube", "down"]).arg(&file).run().success();
    // Still the store's after down.
    env.rpod(["secret", "exists", "db-creds"]).run().code(0);

    // A stored secret that holds no Kubernetes Secret, and one missing.
    let bad = yaml.replace("secretName: db-creds", "secretName: plain");
    let file = env.write_file("bad.yaml".as_ref(), &bad);
    env.rpod(["kube", "play"])
        .arg(&file)
        .run()
        .error125()
        .stderr_has("secret plain is not valid JSON/YAML");
    let missing = yaml.replace("secretName: db-creds", "secretName: gone");
    let file = env.write_file("missing.yaml".as_ref(), &missing);
    env.rpod(["kube", "play"])
        .arg(&file)
        .run()
        .error125()
        .stderr_has("secret \"gone\" is not defined: add it to the YAML or the secret store");
}

#[test]
fn quadlet_secret_keys_reach_the_container() {
    let (env, image) = require!(setup());
    env.rpod(["secret", "create", "qpw", "-"])
        .stdin("q-value")
        .run()
        .success();
    let config = env.root().parent().unwrap().join("quadlet-config");
    env.write_file(
        &config.join("containers/systemd/q.container"),
        &format!(
            "[Container]\nImage={image}\nSecret=qpw,type=env,target=PW\nSecret=qpw,target=/root/secret,mode=0400\nExec=sh -c \"cat /root/secret; echo; echo $PW; stat -c %%a /root/secret\"\n"
        ),
    );
    let out = env
        .rpod(["quadlet", "--dryrun", "--user"])
        .env("XDG_CONFIG_HOME", config.display().to_string())
        .run();
    out.success();
    let start = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .unwrap_or_else(|| panic!("no ExecStart in\n{out}"));
    // systemd's part: the binary is the harness's, %N the unit's name; in
    // the foreground (without -d and --rm) the output comes back here.
    let args: Vec<String> = crate::systemd::words(start)[1..]
        .iter()
        .filter(|w| *w != "-d" && *w != "--rm")
        .map(|w| w.replace("%N", "q").replace("%%", "%"))
        .collect();
    assert!(args.contains(&"--secret".to_string()), "{args:?}");
    env.rpod(&args)
        .run()
        .success()
        .stdout_is("q-value\nq-value\n400");
    env.rpod(["rm", "systemd-q"]).run().success();
}
