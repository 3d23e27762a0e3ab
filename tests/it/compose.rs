//! `rpod compose config` as the unprivileged user, on a project of the
//! five-service demo's shape (a balancer, an app built from a Dockerfile
//! with two replicas, postgres with a healthcheck, redis, a named volume,
//! depends_on with conditions, `.env` interpolation): the normalised model,
//! its listings and formats, and the errors. Then the engine: `up`, `ps`,
//! `logs`, `exec`, `run --rm`, scaling, recreation on change, profiles and
//! `down` on busybox services, and the demo stack through its balancer.

use std::path::{Path, PathBuf};

use crate::harness::Env;
use crate::pull::pull;
use crate::registry::{self, Shared};

const COMPOSE: &str = r#"name: shop
services:
  lb:
    image: nginx:1.25-alpine
    ports:
      - "${LB_PORT:-8080}:80"
    volumes:
      - ./lb/nginx.conf:/etc/nginx/conf.d/default.conf:ro
    depends_on:
      app:
        condition: service_started
  app:
    build:
      context: ./app
      args:
        NODE_VERSION: ${NODE_VERSION:-20}
    deploy:
      replicas: 2
    environment:
      DATABASE_URL: postgres://shop:${DB_PASSWORD:?DB_PASSWORD must be set in .env}@db/shop
      REDIS_HOST: redis
    depends_on:
      db:
        condition: service_healthy
        restart: true
      redis:
        condition: service_started
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: ${DB_PASSWORD}
    volumes:
      - pgdata:/var/lib/postgresql/data
    healthcheck:
      test: pg_isready -U shop
      interval: 2s
      retries: 10
  redis:
    image: redis:7-alpine
  adminer:
    image: adminer
    profiles: [debug]
volumes:
  pgdata:
"#;

const GOLDEN: &str = r#"name: shop
services:
  app:
    build:
      context: {DIR}/app
      dockerfile: Dockerfile
      args:
        NODE_VERSION: "22"
    depends_on:
      db:
        condition: service_healthy
        restart: true
        required: true
      redis:
        condition: service_started
        required: true
    deploy:
      replicas: 2
    environment:
      DATABASE_URL: postgres://shop:pa$$word@db/shop
      REDIS_HOST: redis
    networks:
      default: null
  db:
    environment:
      POSTGRES_PASSWORD: pa$$word
      POSTGRES_USER: shop
    healthcheck:
      test:
        - CMD-SHELL
        - pg_isready -U shop
      interval: 2s
      retries: 10
    image: postgres:16-alpine
    networks:
      default: null
    volumes:
      - type: volume
        source: pgdata
        target: /var/lib/postgresql/data
        volume: {}
  lb:
    depends_on:
      app:
        condition: service_started
        required: true
    image: nginx:1.25-alpine
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: "8088"
        protocol: tcp
    volumes:
      - type: bind
        source: {DIR}/lb/nginx.conf
        target: /etc/nginx/conf.d/default.conf
        read_only: true
        bind:
          create_host_path: true
  redis:
    image: redis:7-alpine
    networks:
      default: null
networks:
  default:
    name: shop_default
volumes:
  pgdata:
    name: shop_pgdata
"#;

/// Writes the project as the test user; returns its directory.
fn demo(env: &Env) -> PathBuf {
    let dir = env.dir.join("shop");
    env.write_file(&dir.join("compose.yaml"), COMPOSE);
    env.write_file(
        &dir.join(".env"),
        "# read by compose for interpolation\nDB_PASSWORD='pa$word'\nLB_PORT=8088\nexport NODE_VERSION=22\n",
    );
    env.write_file(
        &dir.join("app/Dockerfile"),
        "ARG NODE_VERSION\nFROM busybox\nCMD [\"httpd\", \"-f\"]\n",
    );
    env.write_file(
        &dir.join("lb/nginx.conf"),
        "upstream app { server app:3000; }\n",
    );
    dir
}

#[test]
fn config_prints_the_normalised_demo() {
    let env = require!(Env::rootless());
    let dir = demo(&env);
    let out = env.rpod(["compose", "config"]).current_dir(&dir).run();
    out.success();
    assert_eq!(
        out.out().replace(&dir.display().to_string(), "{DIR}"),
        GOLDEN.trim_end()
    );
    // config reads files only: no store was made.
    assert!(!env.root().exists(), "compose config created a store");

    // The same through -f from elsewhere, with the debug profile.
    let out = env
        .rpod(["compose", "-f"])
        .arg(dir.join("compose.yaml"))
        .args(["--profile", "debug", "config", "--services"])
        .run();
    out.success();
    assert_eq!(out.lines(), vec!["adminer", "db", "redis", "app", "lb"]);
}

#[test]
fn config_listings_formats_and_flags() {
    let env = require!(Env::rootless());
    let dir = demo(&env);
    let run = |args: &[&str]| {
        let out = env.rpod(["compose"]).args(args).current_dir(&dir).run();
        out.success();
        out.lines().join("\n")
    };
    assert_eq!(run(&["config", "--volumes"]), "pgdata");
    assert_eq!(run(&["config", "--profiles"]), "debug");
    assert_eq!(run(&["config", "--networks"]), "default");
    assert_eq!(run(&["config", "-q"]), "");
    // COMPOSE_PROFILES enables the profile too.
    let out = env
        .rpod(["compose", "config", "--services"])
        .env("COMPOSE_PROFILES", "debug")
        .current_dir(&dir)
        .run();
    out.success();
    assert!(out.lines().contains(&"adminer"), "{}", out.out());
    // -p names the project; --env-file replaces .env.
    env.write_file(&dir.join("prod.env"), "DB_PASSWORD=prod\nLB_PORT=443\n");
    let json = run(&[
        "-p",
        "prod",
        "--env-file",
        "prod.env",
        "config",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["name"], "prod");
    assert_eq!(v["services"]["lb"]["ports"][0]["published"], "443");
    assert_eq!(v["services"]["app"]["build"]["args"]["NODE_VERSION"], "20");
    assert_eq!(v["volumes"]["pgdata"]["name"], "prod_pgdata");
    // Named services keep what they depend on.
    assert_eq!(
        run(&["config", "--services", "app"])
            .lines()
            .collect::<Vec<_>>(),
        vec!["db", "redis", "app"]
    );
}

#[test]
fn config_errors_name_the_problem() {
    let env = require!(Env::rootless());
    let dir = demo(&env);
    // A missing `${VAR:?}` variable: compose's message.
    env.write_file(&dir.join(".env"), "LB_PORT=1\n");
    env.rpod(["compose", "config"])
        .current_dir(&dir)
        .run()
        .error125()
        .stderr_has(
            "required variable DB_PASSWORD is missing a value: DB_PASSWORD must be set in .env",
        );
    // An unknown key: the file, the line and the key.
    env.write_file(
        &dir.join("bad.yaml"),
        "services:\n  web:\n    image: x\n    restrat: always\n",
    );
    let out = env
        .rpod(["compose", "-f", "bad.yaml", "config"])
        .current_dir(&dir)
        .run();
    out.error125();
    out.stderr_has(&format!(
        "validating {}: line 4: services.web: additional property \"restrat\" is not allowed",
        dir.join("bad.yaml").display()
    ));
    // A dependency cycle is named.
    env.write_file(
        &dir.join("cycle.yaml"),
        "services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [a]}\n",
    );
    env.rpod(["compose", "-f", "cycle.yaml", "config"])
        .current_dir(&dir)
        .run()
        .error125()
        .stderr_has("dependency cycle detected: a -> b -> a");
    // No file at all.
    let empty = env.dir.join("empty");
    env.write_file(&empty.join(".keep"), "");
    env.rpod(["compose", "config"])
        .current_dir(&empty)
        .run()
        .error125()
        .stderr_has("no configuration file provided: not found");
    // An unknown service is named, and nothing is created.
    env.write_file(&dir.join(".env"), "DB_PASSWORD=x\n");
    env.rpod(["compose", "up", "-d", "nosuch"])
        .current_dir(&dir)
        .run()
        .error125()
        .stderr_has("no such service: nosuch");
}

// ---- the engine ----

fn engine_setup() -> Option<(Env, &'static Shared, String)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    Some((env, shared, image))
}

/// The names of the containers in the store with the project's label.
fn project_containers(env: &Env, project: &str) -> Vec<String> {
    let out = env
        .rpod(["ps", "-a", "--format", "{{.Names}}", "--filter"])
        .arg(format!("label=com.docker.compose.project={project}"))
        .run();
    out.success();
    let mut v: Vec<String> = out.lines().iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn compose(env: &Env, dir: &Path, args: &[&str]) -> crate::harness::Output {
    env.rpod(["compose"]).args(args).current_dir(dir).run()
}

const STACK: &str = r#"services:
  web:
    image: IMG
    command: ["sh", "-c", "echo web up; exec sleep 1000"]
    stop_grace_period: 1s
    environment:
      GREETING: ${GREETING:-unset}
  init:
    image: IMG
    command: ["sh", "-c", "echo init done"]
  worker:
    image: IMG
    command: ["sh", "-c", "echo worker $$GREETING; exec sleep 1000"]
    stop_grace_period: 1s
    environment:
      GREETING: ${GREETING:-unset}
    depends_on:
      init:
        condition: service_completed_successfully
      web:
        condition: service_started
    deploy:
      replicas: 2
  debug:
    image: IMG
    profiles: [debug]
    command: ["sleep", "1000"]
"#;

#[test]
fn up_ps_logs_exec_run_scale_recreate_down() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("proj");
    env.write_file(&dir.join("compose.yaml"), &STACK.replace("IMG", &image));
    env.write_file(&dir.join(".env"), "GREETING=dotenv\n");

    let out = compose(&env, &dir, &["up", "-d"]);
    out.success();
    for line in [
        "✔ Container proj-web-1  Created",
        "✔ Container proj-init-1  Created",
        "✔ Container proj-worker-2  Created",
        "✔ Container proj-web-1  Started",
        "✔ Container proj-init-1  Exited",
        "✔ Container proj-worker-1  Started",
        "✔ Container proj-worker-2  Started",
    ] {
        out.stderr_has(line);
    }
    assert_eq!(
        project_containers(&env, "proj"),
        [
            "proj-init-1",
            "proj-web-1",
            "proj-worker-1",
            "proj-worker-2"
        ]
    );

    // ps: running ones only, Compose's columns; -a adds the exited init.
    let ps = compose(&env, &dir, &["ps"]);
    ps.success();
    let lines = ps.lines();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        ["NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS"]
    );
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        names,
        ["proj-web-1", "proj-worker-1", "proj-worker-2"],
        "{ps}"
    );
    let all = compose(
        &env,
        &dir,
        &["ps", "-a", "--format", "{{.Name}} {{.Service}} {{.State}}"],
    );
    all.success();
    assert!(all.lines().contains(&"proj-init-1 init exited"), "{all}");

    // The labels Compose v2 puts on containers.
    let label = env
        .rpod(["ps", "-a", "--format", "{{.Names}}", "--filter"])
        .arg("label=com.docker.compose.container-number=2")
        .run();
    label.success();
    assert_eq!(label.lines(), ["proj-worker-2"]);

    // logs: prefixed per container; .env reached the environment.
    let logs = compose(&env, &dir, &["logs", "worker"]);
    logs.success();
    let mut l = logs.lines();
    l.sort();
    assert_eq!(
        l,
        [
            "proj-worker-1  | worker dotenv",
            "proj-worker-2  | worker dotenv"
        ]
    );
    let exec = compose(
        &env,
        &dir,
        &["exec", "-T", "web", "sh", "-c", "echo exec:$GREETING"],
    );
    exec.success();
    assert_eq!(exec.out(), "exec:dotenv");
    compose(&env, &dir, &["exec", "-T", "web", "sh", "-c", "exit 3"]).code(3);

    // A second up with nothing changed changes nothing.
    let ids = |env: &Env| {
        let o = compose(env, &dir, &["ps", "-q"]);
        o.success();
        let mut v: Vec<String> = o.lines().iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    let before = ids(&env);
    let again = compose(&env, &dir, &["up", "-d"]);
    again.success();
    again.stderr_has("✔ Container proj-web-1  Running");
    assert!(!again.stderr.contains("Created"), "{again}");
    assert_eq!(ids(&env), before);

    // A changed service is recreated; the others keep running.
    let worker1 = env
        .rpod(["inspect", "--format", "{{.Id}}", "proj-worker-1"])
        .run()
        .out()
        .to_string();
    env.write_file(
        &dir.join("compose.yaml"),
        &STACK
            .replace("IMG", &image)
            .replace("echo web up", "echo web changed"),
    );
    let changed = compose(&env, &dir, &["up", "-d"]);
    changed.success();
    changed.stderr_has("✔ Container proj-web-1  Recreated");
    changed.stderr_has("✔ Container proj-worker-1  Running");
    let worker1_after = env
        .rpod(["inspect", "--format", "{{.Id}}", "proj-worker-1"])
        .run()
        .out()
        .to_string();
    assert_eq!(worker1, worker1_after);
    let web_logs = compose(&env, &dir, &["logs", "web"]);
    assert_eq!(
        web_logs.lines(),
        ["proj-web-1  | web changed"],
        "{web_logs}"
    );

    // Scale up and down.
    compose(&env, &dir, &["up", "-d", "--scale", "worker=3"])
        .success()
        .stderr_has("✔ Container proj-worker-3  Started");
    compose(&env, &dir, &["up", "-d", "--scale", "worker=1"])
        .success()
        .stderr_has("✔ Container proj-worker-3  Removed");
    assert_eq!(
        project_containers(&env, "proj"),
        ["proj-init-1", "proj-web-1", "proj-worker-1"]
    );

    // Profiles: debug only when asked for.
    compose(&env, &dir, &["--profile", "debug", "up", "-d", "debug"])
        .success()
        .stderr_has("✔ Container proj-debug-1  Started");

    // run --rm: a one-off with the service's environment, then gone.
    let run = compose(
        &env,
        &dir,
        &[
            "run",
            "--rm",
            "--no-deps",
            "-T",
            "worker",
            "sh",
            "-c",
            "echo run:$GREETING",
        ],
    );
    run.success();
    assert_eq!(run.out(), "run:dotenv");
    assert!(
        !project_containers(&env, "proj")
            .iter()
            .any(|n| n.contains("-run-")),
        "the one-off container was left behind"
    );

    // stop / start.
    compose(&env, &dir, &["stop", "web"])
        .success()
        .stderr_has("✔ Container proj-web-1  Stopped");
    compose(&env, &dir, &["start", "web"])
        .success()
        .stderr_has("✔ Container proj-web-1  Started");

    // down: nothing of the project is left (the debug profile's container too).
    let down = compose(&env, &dir, &["down", "-t", "1"]);
    down.success();
    down.stderr_has("✔ Container proj-debug-1  Removed");
    down.stderr_has("✔ Container proj-web-1  Removed");
    down.stderr_has("✔ Network proj_default  Removed");
    assert!(project_containers(&env, "proj").is_empty());
    let nets = env.rpod(["network", "ls", "--format", "{{.Name}}"]).run();
    nets.success();
    assert!(!nets.out().contains("proj_default"), "{nets}");
}

#[test]
fn failed_dependency_is_named_and_orphans_are_found() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("dep");
    let file = format!(
        r#"services:
  migrate:
    image: {image}
    command: ["sh", "-c", "exit 4"]
  app:
    image: {image}
    command: ["sleep", "1000"]
    depends_on:
      migrate:
        condition: service_completed_successfully
  extra:
    image: {image}
    command: ["sleep", "1000"]
    stop_grace_period: 1s
"#
    );
    env.write_file(&dir.join("compose.yaml"), &file);
    let out = compose(&env, &dir, &["up", "-d"]);
    out.error125();
    out.stderr_has("service \"migrate\" didn't complete successfully: exit 4");
    // Nothing half-started is left running: extra (no dependency, started
    // beside migrate) is stopped again; the containers stay for `logs`.
    out.stderr_has("(stopped what this `up` started: dep-extra-1)");
    let states = env
        .rpod(["ps", "-a", "--format", "{{.Names}} {{.State}}", "--filter"])
        .arg("label=com.docker.compose.project=dep")
        .run();
    let mut states = states.lines();
    states.sort();
    assert_eq!(
        states,
        [
            "dep-app-1 created",
            "dep-extra-1 exited",
            "dep-migrate-1 exited"
        ]
    );

    // A service taken out of the file leaves an orphan: named, then removed.
    compose(&env, &dir, &["up", "-d", "extra"]).success();
    env.write_file(
        &dir.join("compose.yaml"),
        &format!("services:\n  app:\n    image: {image}\n    command: [\"sleep\", \"1000\"]\n"),
    );
    compose(&env, &dir, &["up", "-d"])
        .success()
        .stderr_has("Found orphan containers (dep-extra-1, dep-migrate-1)");
    compose(&env, &dir, &["down", "-t", "1", "--remove-orphans"]).success();
    assert!(project_containers(&env, "dep").is_empty());
}

/// The demo stack: a balancer proxying to two replicas of an app built
/// from a Dockerfile, each reaching "db" and "redis" by name on the
/// project network (the fixture busybox has no `httpd` link: `busybox httpd`).
#[test]
fn demo_stack_answers_through_the_balancer_from_both_replicas() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("shop");
    let port = registry::free_port();
    let file = format!(
        r#"name: shop
services:
  lb:
    image: {image}
    command: ["busybox", "httpd", "-f", "-p", "80", "-h", "/www"]
    volumes:
      - ./lb:/www:ro
    ports:
      - "{port}:80"
    depends_on: [app]
  app:
    build: ./app
    deploy:
      replicas: 2
    depends_on: [db, redis]
  db:
    image: {image}
    command: ["sh", "-c", "mkdir /w && echo db-ok > /w/index.html && exec httpd -f -p 5432 -h /w"]
  redis:
    image: {image}
    command: ["sh", "-c", "mkdir /w && echo redis-ok > /w/index.html && exec httpd -f -p 6379 -h /w"]
"#
    );
    env.write_file(&dir.join("compose.yaml"), &file);
    env.write_file(
        &dir.join("app/Dockerfile"),
        &format!("FROM {image}\nCOPY www /www\nCMD [\"busybox\", \"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n"),
    );
    let cgi = env.write_file(
        &dir.join("app/www/cgi-bin/hello"),
        "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"db=$(wget -qO- http://db:5432/) redis=$(wget -qO- http://redis:6379/)\"\n",
    );
    let proxy = env.write_file(
        &dir.join("lb/cgi-bin/proxy"),
        "#!/bin/sh\nn=$(cat /tmp/n 2>/dev/null || echo 1)\necho $((3 - n)) > /tmp/n\necho 'Content-Type: text/plain'\necho\necho \"via shop-app-$n $(wget -qO- http://shop-app-$n:8080/cgi-bin/hello)\"\n",
    );
    for f in [&cgi, &proxy] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    compose(&env, &dir, &["up", "-d"]).success();
    let get = || {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(b"GET /cgi-bin/proxy HTTP/1.0\r\n\r\n").unwrap();
        let mut body = String::new();
        s.read_to_string(&mut body).unwrap();
        body
    };
    let (a, b) = (get(), get());
    let both = format!("{a}\n{b}");
    assert!(
        both.contains("via shop-app-1 db=db-ok redis=redis-ok"),
        "{both}"
    );
    assert!(
        both.contains("via shop-app-2 db=db-ok redis=redis-ok"),
        "{both}"
    );
    compose(&env, &dir, &["down", "-t", "1"]).success();
    assert!(project_containers(&env, "shop").is_empty());
}

#[test]
fn concurrent_ups_of_one_project_are_serialized() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("conc");
    let svc = |n: &str| {
        format!("  {n}:\n    image: {image}\n    command: [\"sleep\", \"1000\"]\n    stop_grace_period: 1s\n")
    };
    env.write_file(
        &dir.join("compose.yaml"),
        &format!("services:\n{}{}{}", svc("a"), svc("b"), svc("c")),
    );
    // Without the project lock both would create conc-a-1 and one would
    // fail on the name.
    let children: Vec<_> = (0..2)
        .map(|_| env.rpod(["compose", "up", "-d"]).current_dir(&dir).spawn())
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        project_containers(&env, "conc"),
        ["conc-a-1", "conc-b-1", "conc-c-1"]
    );
    compose(&env, &dir, &["down", "-t", "1"]).success();
    assert!(project_containers(&env, "conc").is_empty());
}

#[test]
fn service_healthy_waits_for_the_dependency_s_healthcheck() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("hc");
    // db turns healthy only once it has written /tmp/ready (after a
    // second); app must not start before.
    let file = format!(
        r#"services:
  db:
    image: {image}
    command: ["sh", "-c", "sleep 1; touch /tmp/ready; exec sleep 1000"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD-SHELL", "test -f /tmp/ready"]
      interval: 1s
      retries: 30
  app:
    image: {image}
    command: ["sleep", "1000"]
    stop_grace_period: 1s
    depends_on:
      db:
        condition: service_healthy
"#
    );
    env.write_file(&dir.join("compose.yaml"), &file);
    let out = compose(&env, &dir, &["up", "-d"]);
    out.success();
    let healthy = out
        .stderr
        .find("✔ Container hc-db-1  Healthy")
        .unwrap_or_else(|| panic!("db never reported healthy\n{out}"));
    let started = out
        .stderr
        .find("✔ Container hc-app-1  Started")
        .unwrap_or_else(|| panic!("app not started\n{out}"));
    assert!(
        healthy < started,
        "app started before db was healthy\n{out}"
    );
    let ps = env
        .rpod(["ps", "--format", "{{.Names}}", "--filter", "health=healthy"])
        .run();
    assert_eq!(ps.lines(), ["hc-db-1"], "{ps}");
    compose(&env, &dir, &["down", "-t", "1"]).success();
}

#[test]
fn optional_dependency_warns_and_restart_true_follows_the_dependency() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("opt");
    let file = format!(
        r#"services:
  db:
    image: {image}
    command: ["sleep", "1000"]
    stop_grace_period: 1s
  migrate:
    image: {image}
    command: ["sh", "-c", "exit 3"]
  app:
    image: {image}
    command: ["sleep", "1000"]
    stop_grace_period: 1s
    depends_on:
      migrate:
        condition: service_completed_successfully
        required: false
      db:
        condition: service_started
        restart: true
"#
    );
    env.write_file(&dir.join("compose.yaml"), &file);
    compose(&env, &dir, &["up", "-d"])
        .success()
        .stderr_has("service \"app\": optional dependency \"migrate\": service \"migrate\" didn't complete successfully: exit 3; starting anyway");
    let started_at = |name: &str| {
        let out = env
            .rpod([
                "inspect",
                "--format",
                "{{.State.Running}} {{.State.StartedAt}}",
                name,
            ])
            .run();
        out.success();
        out.out().trim().to_string()
    };
    let before = started_at("opt-app-1");
    assert!(before.starts_with("true "), "{before}");
    // Restarting db restarts app, which depends on it with restart: true.
    compose(&env, &dir, &["restart", "-t", "1", "db"])
        .success()
        .stderr_has("Container opt-app-1  Restarted");
    let after = started_at("opt-app-1");
    assert!(after.starts_with("true "), "{after}");
    assert_ne!(before, after, "app was not restarted with db");
    compose(&env, &dir, &["down", "-t", "1"]).success();
    assert!(project_containers(&env, "opt").is_empty());
}

/// ctrl-c on an attached `up` stops the containers ("Gracefully
/// stopping..."), as Docker Compose does, and exits 130.
#[test]
fn ctrl_c_on_attached_up_stops_the_containers() {
    use std::io::Read;
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("fg");
    let file = format!(
        r#"services:
  web:
    image: {image}
    command: ["sh", "-c", "echo web is up; exec sleep 1000"]
    stop_grace_period: 1s
"#
    );
    env.write_file(&dir.join("compose.yaml"), &file);
    let mut child = env.rpod(["compose", "up"]).current_dir(&dir).spawn();
    let mut stdout = child.stdout.take().expect("stdout");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let reader = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    crate::harness::eventually("the attached up to show web's log line", || {
        seen.lock().unwrap().contains("web is up")
    });
    let status = std::process::Command::new("kill")
        .args(["-s", "INT", "--", &format!("-{}", child.id())])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    reader.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("Gracefully stopping..."), "{stderr}");
    assert!(seen.lock().unwrap().contains("fg-web-1  | web is up"));
    let state = env
        .rpod(["inspect", "--format", "{{.State.Status}}", "fg-web-1"])
        .run();
    state.success().stdout_has("exited");
    compose(&env, &dir, &["down", "-t", "1"]).success();
}

const LIMITED: &str = r#"services:
  app:
    image: IMG
    command: ["sleep", "1000"]
    stop_grace_period: 1s
    mem_limit: 64m
    pids_limit: 50
    shm_size: 128m
    sysctls:
      net.ipv4.ip_unprivileged_port_start: 79
    dns_opt: ["ndots:3"]
    deploy:
      resources:
        limits:
          cpus: "0.5"
        reservations:
          memory: 16m
"#;

/// `mem_limit`, `cpus`, `pids_limit` and `deploy.resources` become the
/// container's limits, as `run --memory` ...: rootless on cgroup v1 they
/// are dropped with podman's warning.
#[test]
fn rootless_resource_keys_are_treated_as_run_s_limits() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("lim");
    env.write_file(&dir.join("compose.yaml"), &LIMITED.replace("IMG", &image));
    let up = compose(&env, &dir, &["up", "-d"]);
    up.success();
    assert!(!up.stderr.contains("is not supported by rpod yet"), "{up}");
    if !std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists() {
        up.stderr_has(
            "Resource limits are not supported and ignored on cgroups V1 rootless systems",
        );
    }
    let out = env
        .rpod([
            "exec",
            "lim-app-1",
            "sh",
            "-c",
            "cat /proc/sys/net/ipv4/ip_unprivileged_port_start; df -k /dev/shm | tail -1; grep ^options /etc/resolv.conf",
        ])
        .run();
    out.success();
    assert!(out.lines()[2].contains("ndots:3"), "dns_opt: {out}");
    assert_eq!(out.lines()[0], "79", "{out}");
    assert_eq!(
        out.lines()[1].split_whitespace().nth(1),
        Some("131072"),
        "{out}"
    );
    compose(&env, &dir, &["down", "-t", "1"]).success();
}

/// As root the limits are the container's.
#[test]
fn rootful_resource_keys_become_the_container_s_limits() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let dir = env.dir.join("limr");
    env.write_file(&dir.join("compose.yaml"), &LIMITED.replace("IMG", &image));
    compose(&env, &dir, &["up", "-d"]).success();
    let host = env.rpod(["inspect", "limr-app-1"]).run().json()[0]["HostConfig"].clone();
    assert_eq!(host["Memory"], 64 << 20, "{host}");
    assert_eq!(host["MemoryReservation"], 16 << 20, "{host}");
    assert_eq!(host["NanoCpus"], 500_000_000u64, "{host}");
    assert_eq!(host["PidsLimit"], 50, "{host}");
    compose(&env, &dir, &["down", "-t", "1"]).success();
}

/// Secrets and configs are mounted read-only, as Docker Compose does
/// without Swarm: from a file, from an environment variable, from inline
/// content; `down` removes the files compose wrote.
#[test]
fn secrets_and_configs_are_mounted_read_only() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("sec");
    env.write_file(&dir.join("db_password.txt"), "s3cret\n");
    env.write_file(&dir.join(".env"), "API_TOKEN=tok-123\n");
    // An external secret is the store's.
    env.rpod(["secret", "create", "shared_key", "-"])
        .stdin("from-the-store")
        .run()
        .success();
    let file = format!(
        r#"services:
  app:
    image: {image}
    command: ["sleep", "1000"]
    stop_grace_period: 1s
    secrets:
      - db_password
      - source: token
        target: api_token
      - source: key
        target: /etc/key
        uid: "1000"
        mode: 0400
    configs:
      - source: app_conf
        target: /etc/app.conf
secrets:
  db_password:
    file: ./db_password.txt
  token:
    environment: API_TOKEN
  key:
    external: true
    name: shared_key
configs:
  app_conf:
    content: |
      listen=8080
"#
    );
    env.write_file(&dir.join("compose.yaml"), &file);
    let up = compose(&env, &dir, &["up", "-d"]);
    up.success();
    assert!(!up.stderr.contains("not supported"), "{up}");
    let out = env
        .rpod([
            "exec",
            "sec-app-1",
            "sh",
            "-c",
            "cat /run/secrets/db_password /run/secrets/api_token; echo; cat /etc/app.conf; cat /etc/key; echo; stat -c '%u %a' /etc/key; echo x > /run/secrets/db_password && echo writable",
        ])
        .run();
    assert_eq!(
        out.lines()[..5],
        [
            "s3cret",
            "tok-123",
            "listen=8080",
            "from-the-store",
            "1000 400"
        ],
        "{out}"
    );
    assert!(!out.stdout.contains("writable"), "{out}");
    let written = env.root().join("compose/sec");
    assert!(written.join("secrets/token").exists());
    compose(&env, &dir, &["down", "-t", "1"]).success();
    assert!(!written.exists(), "compose's files left after down");
    // The store's secret is not compose's to remove.
    env.rpod(["secret", "exists", "shared_key"]).run().code(0);
    env.rpod(["secret", "rm", "shared_key"]).run().success();
    let up = compose(&env, &dir, &["up", "-d"]);
    assert_ne!(up.code, 0, "{up}");
    assert!(
        up.stderr
            .contains("no secret with name or id \"shared_key\": no such secret"),
        "{up}"
    );
    compose(&env, &dir, &["down", "-t", "1"]).success();
}

/// `compose build` then `compose push` sends a service's built image to
/// its registry; pulled back into an empty store it has the build's change.
#[test]
fn built_images_are_pushed_and_pull_back() {
    let (env, shared, image) = require!(engine_setup());
    let addr = shared.addr();
    env.registries_conf(&format!(
        "[[registry]]\nlocation = \"{addr}\"\ninsecure = true\n"
    ));
    let dir = env.dir.join("pushproj");
    env.write_file(
        &dir.join("app/Dockerfile"),
        &format!("FROM {image}\nRUN echo built-for-push > /marker\n"),
    );
    let pushed = format!("{addr}/composepush/app:1");
    let file = format!(
        "services:\n  app:\n    build: ./app\n    image: {pushed}\n  db:\n    image: {image}\n"
    );
    env.write_file(&dir.join("compose.yaml"), &file);
    compose(&env, &dir, &["build"]).success();
    compose(&env, &dir, &["push", "app"])
        .success()
        .stderr_has(&format!("Image {pushed}  Pushed"));

    let other = require!(Env::rootless());
    other
        .rpod(["pull", "-q", "--tls-verify=false", &pushed])
        .run()
        .success();
    let out = other.rpod(["run", "--rm", &pushed, "cat", "/marker"]).run();
    assert_eq!(out.success().out(), "built-for-push", "{out}");
}

const IDS: &str = r#"services:
  app:
    image: IMG
    command: ["sleep", "1000"]
    stop_grace_period: 1s
    group_add: ["457"]
    userns_mode: "keep-id:uid=200,gid=210"
    network_mode: none
"#;

/// `group_add` and `userns_mode` are run's `--group-add` and `--userns`
/// (off the project network: rootless bridge networks need rpod's own
/// mapping).
#[test]
fn group_add_and_userns_mode_keys() {
    let (env, _s, image) = require!(engine_setup());
    let dir = env.dir.join("ids");
    env.write_file(&dir.join("compose.yaml"), &IDS.replace("IMG", &image));
    let up = compose(&env, &dir, &["up", "-d"]);
    up.success();
    assert!(!up.stderr.contains("group_add"), "{up}");
    let out = env
        .rpod(["exec", "ids-app-1", "sh", "-c", "id -u; id -G"])
        .run();
    out.success();
    assert_eq!(out.lines()[0], "200", "{out}");
    assert!(out.lines()[1].split(' ').any(|g| g == "457"), "{out}");
    compose(&env, &dir, &["down", "-t", "1"]).success();
}
