//! `rpod compose config` as the unprivileged user, on a project of the
//! five-service demo's shape (a balancer, an app built from a Dockerfile
//! with two replicas, postgres with a healthcheck, redis, a named volume,
//! depends_on with conditions, `.env` interpolation): the normalised model,
//! its listings and formats, and the errors. The other compose verbs are
//! not implemented yet and must say so with exit 125.

use std::path::PathBuf;

use crate::harness::Env;

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
    // The engine verbs are not there yet, and say so.
    env.rpod(["compose", "up", "-d"])
        .current_dir(&dir)
        .run()
        .error125()
        .stderr_has("rpod compose up is not implemented yet");
}
