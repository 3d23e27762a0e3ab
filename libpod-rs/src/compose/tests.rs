//! Loader tests over whole projects written to a temporary directory:
//! golden `config` outputs, multi-file merges, extends, include, profiles,
//! the project name, env files, and errors that name the file and line.
//! The cases are our own; their expected outputs follow what compose-go's
//! tests and golden files state for Docker Compose v2.

use std::path::{Path, PathBuf};

use super::{load, render, Error, Format, Loaded, Options};

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("proj").tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs_err::create_dir_all(path.parent().unwrap()).unwrap();
        fs_err::write(path, text).unwrap();
    }
    dir
}

fn options(dir: &Path, env: &[(&str, &str)]) -> Options {
    Options {
        cwd: dir.to_path_buf(),
        environment: env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..Options::default()
    }
}

fn load_with(
    dir: &Path,
    env: &[(&str, &str)],
    f: impl FnOnce(&mut Options),
) -> Result<Loaded, Error> {
    let mut o = options(dir, env);
    f(&mut o);
    load(&o)
}

fn config(dir: &Path, env: &[(&str, &str)], f: impl FnOnce(&mut Options)) -> String {
    let loaded = load_with(dir, env, f).unwrap_or_else(|e| panic!("{e}"));
    render(&loaded, Format::Yaml)
        .unwrap()
        .replace(&dir.display().to_string(), "{DIR}")
}

fn error(dir: &Path, env: &[(&str, &str)], f: impl FnOnce(&mut Options)) -> String {
    match load_with(dir, env, f) {
        Ok(_) => panic!("loading should fail"),
        Err(e) => e.to_string().replace(&dir.display().to_string(), "{DIR}"),
    }
}

#[test]
fn minimal_project_golden() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  web:\n    image: nginx\n    ports:\n      - 8080:80\n",
    )]);
    let out = config(dir.path(), &[], |o| o.project_name = Some("proj".into()));
    assert_eq!(
        out,
        "name: proj
services:
  web:
    image: nginx
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: \"8080\"
        protocol: tcp
networks:
  default:
    name: proj_default
"
    );
}

const DEMO: &str = r#"# the five-service demo: a balancer, two replicas of an app, postgres, redis
name: demo
x-common: &common
  restart: unless-stopped
services:
  lb:
    <<: *common
    image: nginx:1.25
    ports:
      - "${LB_PORT:-8080}:80"
    depends_on:
      app:
        condition: service_started
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
  app:
    <<: *common
    build:
      context: ./app
      args:
        NODE_ENV: production
    deploy:
      replicas: 2
      resources:
        limits:
          cpus: "0.5"
          memory: 256M
    environment:
      DATABASE_URL: postgres://app:${DB_PASSWORD:?set DB_PASSWORD in .env}@db:5432/app
      REDIS_URL: redis://redis:6379
    depends_on:
      db:
        condition: service_healthy
      redis:
        condition: service_started
    command: npm start
  db:
    image: postgres:16
    environment:
      - POSTGRES_USER=app
      - POSTGRES_PASSWORD=${DB_PASSWORD}
    volumes:
      - dbdata:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U app"]
      interval: 5s
      timeout: 3s
      retries: 5
      start_period: 90s
  redis:
    image: redis:7
volumes:
  dbdata:
"#;

const DEMO_GOLDEN: &str = r#"name: demo
services:
  app:
    build:
      context: {DIR}/app
      dockerfile: Dockerfile
      args:
        NODE_ENV: production
    command:
      - npm
      - start
    depends_on:
      db:
        condition: service_healthy
        required: true
      redis:
        condition: service_started
        required: true
    deploy:
      replicas: 2
      resources:
        limits:
          cpus: 0.5
          memory: "268435456"
    environment:
      DATABASE_URL: postgres://app:s3cret@db:5432/app
      REDIS_URL: redis://redis:6379
    networks:
      default: null
    restart: unless-stopped
  db:
    environment:
      POSTGRES_PASSWORD: s3cret
      POSTGRES_USER: app
    healthcheck:
      test:
        - CMD-SHELL
        - pg_isready -U app
      timeout: 3s
      interval: 5s
      retries: 5
      start_period: 1m30s
    image: postgres:16
    networks:
      default: null
    volumes:
      - type: volume
        source: dbdata
        target: /var/lib/postgresql/data
        volume: {}
  lb:
    depends_on:
      app:
        condition: service_started
        required: true
    image: nginx:1.25
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: "8081"
        protocol: tcp
    restart: unless-stopped
    volumes:
      - type: bind
        source: {DIR}/nginx.conf
        target: /etc/nginx/nginx.conf
        read_only: true
        bind:
          create_host_path: true
  redis:
    image: redis:7
    networks:
      default: null
networks:
  default:
    name: demo_default
volumes:
  dbdata:
    name: demo_dbdata
x-common:
  restart: unless-stopped
"#;

#[test]
fn demo_project_golden() {
    let dir = project(&[
        ("compose.yaml", DEMO),
        (
            ".env",
            "# secrets\nDB_PASSWORD=s3cret\nexport LB_PORT=8081\n",
        ),
    ]);
    assert_eq!(config(dir.path(), &[], |_| {}), DEMO_GOLDEN);
    // The process environment wins over .env.
    let out = config(dir.path(), &[("LB_PORT", "9000")], |_| {});
    assert!(out.contains("published: \"9000\""), "{out}");
}

#[test]
fn demo_typed_model() {
    let dir = project(&[("compose.yaml", DEMO), (".env", "DB_PASSWORD=pw\n")]);
    let loaded = load_with(dir.path(), &[], |_| {}).unwrap();
    let p = &loaded.project;
    assert_eq!(p.name, "demo");
    let app = &p.services["app"];
    assert_eq!(app.replicas(), 2);
    assert_eq!(
        app.command.as_deref(),
        Some(&["npm".to_string(), "start".to_string()][..])
    );
    assert_eq!(
        app.build.as_ref().unwrap().context,
        dir.path().join("app").display().to_string()
    );
    assert_eq!(app.depends_on["db"].condition, "service_healthy");
    assert!(app.depends_on["db"].required);
    let limits = app
        .deploy
        .as_ref()
        .unwrap()
        .resources
        .limits
        .as_ref()
        .unwrap();
    assert_eq!(limits.memory, Some(256 << 20));
    assert_eq!(limits.cpus, Some(0.5));
    let db = &p.services["db"];
    let hc = db.healthcheck.as_ref().unwrap();
    assert_eq!(hc.start_period, Some(std::time::Duration::from_secs(90)));
    assert_eq!(hc.retries, Some(5));
    assert_eq!(db.environment["POSTGRES_PASSWORD"].as_deref(), Some("pw"));
    assert_eq!(p.services["lb"].ports[0].published.as_deref(), Some("8080"));
    assert_eq!(p.volumes["dbdata"].name, "demo_dbdata");
    assert_eq!(p.networks["default"].name, "demo_default");
    assert_eq!(p.service_order(), vec!["db", "redis", "app", "lb"]);
}

#[test]
fn missing_required_variable_is_compose_s_message() {
    let dir = project(&[("compose.yaml", DEMO)]);
    assert_eq!(
        error(dir.path(), &[], |_| {}),
        "error while interpolating services.app.environment.DATABASE_URL: required variable DB_PASSWORD is missing a value: set DB_PASSWORD in .env"
    );
}

#[test]
fn unset_variables_warn() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  a:\n    image: \"busybox:${TAG}\"\n",
    )]);
    let loaded = load_with(dir.path(), &[], |_| {}).unwrap();
    assert_eq!(
        loaded.warnings,
        vec!["The \"TAG\" variable is not set. Defaulting to a blank string.".to_string()]
    );
    assert!(render(&loaded, Format::Yaml)
        .unwrap()
        .contains("image: 'busybox:'"));
}

#[test]
fn dollars_are_escaped_again_in_the_output() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  a:\n    image: busybox\n    command: echo $$HOME\n",
    )]);
    let out = config(dir.path(), &[("HOME", "/root")], |_| {});
    assert!(out.contains("- $$HOME"), "{out}");
}

#[test]
fn merge_of_several_files() {
    let dir = project(&[
        (
            "compose.yaml",
            "services:
  web:
    image: web:1
    command: [serve, --port, '80']
    environment:
      A: '1'
      B: '2'
    ports: ['80:80']
    volumes: ['./a:/data']
    labels: [x=1]
",
        ),
        (
            "compose.prod.yaml",
            "services:
  web:
    image: web:2
    command: serve --prod
    environment: [B=3, C=4]
    ports: ['443:443', '80:80']
    volumes: ['./b:/data']
    labels: {y: '2'}
  worker:
    image: worker
",
        ),
    ]);
    let out = config(dir.path(), &[], |o| {
        o.files = vec!["compose.yaml".into(), "compose.prod.yaml".into()];
        o.project_name = Some("p".into());
    });
    assert_eq!(
        out,
        "name: p
services:
  web:
    command:
      - serve
      - --prod
    environment:
      A: \"1\"
      B: \"3\"
      C: \"4\"
    image: web:2
    labels:
      x: \"1\"
      \"y\": \"2\"
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: \"80\"
        protocol: tcp
      - mode: ingress
        target: 443
        published: \"443\"
        protocol: tcp
    volumes:
      - type: bind
        source: {DIR}/b
        target: /data
        bind:
          create_host_path: true
  worker:
    image: worker
    networks:
      default: null
networks:
  default:
    name: p_default
"
    );
}

#[test]
fn default_override_file_and_reset() {
    let dir = project(&[
        (
            "compose.yaml",
            "services:\n  web:\n    image: web\n    ports: ['80:80']\n    dns: 1.1.1.1\n",
        ),
        (
            "compose.override.yaml",
            "services:\n  web:\n    ports: !reset []\n    dns: !override [9.9.9.9]\n",
        ),
    ]);
    let out = config(dir.path(), &[], |o| o.project_name = Some("p".into()));
    assert!(!out.contains("ports"), "{out}");
    assert!(out.contains("dns:\n      - 9.9.9.9\n"), "{out}");
    assert!(!out.contains("1.1.1.1"), "{out}");
}

#[test]
fn extends_in_the_same_file_and_another() {
    let dir = project(&[
        (
            "compose.yaml",
            "services:
  base:
    image: base
    environment: {A: '1'}
    ports: ['80:80']
  web:
    extends: base
    environment: {B: '2'}
    ports: !reset []
  worker:
    extends:
      file: common/services.yaml
      service: builder
    command: work
",
        ),
        (
            "common/services.yaml",
            "services:
  builder:
    build: .
    command: build
    volumes: ['./cache:/cache']
",
        ),
    ]);
    let out = config(dir.path(), &[], |o| o.project_name = Some("p".into()));
    let want_web = "  web:
    environment:
      A: \"1\"
      B: \"2\"
    image: base
    networks:
      default: null
";
    assert!(out.contains(want_web), "{out}");
    let want_worker = "  worker:
    build:
      context: {DIR}/common
      dockerfile: Dockerfile
    command:
      - work
    networks:
      default: null
    volumes:
      - type: bind
        source: {DIR}/common/cache
        target: /cache
        bind:
          create_host_path: true
";
    assert!(out.contains(want_worker), "{out}");
}

#[test]
fn extends_cycles_and_missing_bases() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n",
    )]);
    let e = error(dir.path(), &[], |o| o.project_name = Some("p".into()));
    assert!(e.starts_with("Circular reference:\n  a in {DIR}/compose.yaml\n  extends b in {DIR}/compose.yaml\n  extends a in"), "{e}");
    let dir = project(&[("compose.yaml", "services:\n  a:\n    extends: nope\n")]);
    let e = error(dir.path(), &[], |o| o.project_name = Some("p".into()));
    assert_eq!(
        e,
        "cannot extend service \"a\" in {DIR}/compose.yaml: service \"nope\" not found"
    );
}

#[test]
fn include_imports_resources_relative_to_their_directory() {
    let dir = project(&[
        (
            "compose.yaml",
            "include:\n  - db/compose.yaml\nservices:\n  web:\n    image: web\n    depends_on: [db]\n",
        ),
        (
            "db/compose.yaml",
            "services:\n  db:\n    image: postgres:${PG_TAG}\n    volumes: ['./init:/docker-entrypoint-initdb.d', 'data:/var/lib/postgresql/data']\nvolumes:\n  data: {}\n",
        ),
        ("db/.env", "PG_TAG=16\n"),
    ]);
    let out = config(dir.path(), &[], |o| o.project_name = Some("p".into()));
    assert!(out.contains("    image: postgres:16\n"), "{out}");
    assert!(out.contains("source: {DIR}/db/init\n"), "{out}");
    assert!(
        out.contains("volumes:\n  data:\n    name: p_data\n"),
        "{out}"
    );

    let dir = project(&[
        (
            "compose.yaml",
            "include: [other.yaml]\nservices:\n  a:\n    image: mine\n",
        ),
        ("other.yaml", "services:\n  a:\n    image: theirs\n"),
    ]);
    assert_eq!(
        error(dir.path(), &[], |o| o.project_name = Some("p".into())),
        "services.a conflicts with imported resource (from {DIR}/other.yaml)"
    );
    let dir = project(&[
        (
            "compose.yaml",
            "include: [b.yaml]\nservices:\n  a:\n    image: a\n",
        ),
        (
            "b.yaml",
            "include: [compose.yaml]\nservices:\n  b:\n    image: b\n",
        ),
    ]);
    let e = error(dir.path(), &[], |o| o.project_name = Some("p".into()));
    assert!(e.starts_with("include cycle detected:\n{DIR}/compose.yaml\n include {DIR}/b.yaml\n include {DIR}/compose.yaml"), "{e}");
}

const PROFILES: &str = "services:
  web:
    image: web
  debug:
    image: debug
    profiles: [debug]
  tools:
    image: tools
    profiles: [tools, debug]
";

fn service_names(l: &Loaded) -> Vec<String> {
    l.project.services.keys().cloned().collect()
}

#[test]
fn profiles() {
    let dir = project(&[("compose.yaml", PROFILES)]);
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: &[Case] = &[
        (&[], &[], &["web"]),
        (&["debug"], &[], &["debug", "tools", "web"]),
        (&["tools"], &[], &["tools", "web"]),
        (
            &[],
            &[("COMPOSE_PROFILES", "tools, debug")],
            &["debug", "tools", "web"],
        ),
        (&["*"], &[], &["debug", "tools", "web"]),
        // --profile wins over COMPOSE_PROFILES
        (
            &["tools"],
            &[("COMPOSE_PROFILES", "debug")],
            &["tools", "web"],
        ),
    ];
    for (profiles, env, want) in cases {
        let l = load_with(dir.path(), env, |o| {
            o.profiles = profiles.iter().map(|s| s.to_string()).collect();
        })
        .unwrap();
        assert_eq!(service_names(&l), *want, "{profiles:?} {env:?}");
    }
    let l = load_with(dir.path(), &[], |_| {}).unwrap();
    assert_eq!(l.profiles, vec!["debug", "tools"]);
    assert_eq!(l.disabled_services, vec!["debug", "tools"]);
    // Naming a disabled service enables it (and its profile).
    let l = load_with(dir.path(), &[], |o| o.services = vec!["tools".into()]).unwrap();
    assert_eq!(service_names(&l), vec!["tools"]);
}

#[test]
fn a_dependency_on_a_disabled_service() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  web:\n    image: web\n    depends_on: [db]\n  db:\n    image: db\n    profiles: [db]\n  opt:\n    image: o\n    depends_on:\n      db: {condition: service_started, required: false}\n",
    )]);
    let e = error(dir.path(), &[], |_| {});
    assert!(
        e.starts_with(
            "service \"web\" depends on service \"db\", which is disabled by its profiles"
        ),
        "{e}"
    );
    let l = load_with(dir.path(), &[], |o| o.profiles = vec!["db".into()]).unwrap();
    assert_eq!(service_names(&l), vec!["db", "opt", "web"]);
    // Selecting web brings its dependency along.
    let l = load_with(dir.path(), &[], |o| {
        o.profiles = vec!["db".into()];
        o.services = vec!["web".into()];
    })
    .unwrap();
    assert_eq!(service_names(&l), vec!["db", "web"]);
}

#[test]
fn project_name_precedence_and_normalisation() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("My_Project.v2");
    fs_err::create_dir_all(&sub).unwrap();
    fs_err::write(sub.join("compose.yaml"), "services:\n  a:\n    image: a\n").unwrap();
    let name = |env: &[(&str, &str)], p: Option<&str>| {
        load_with(&sub, env, |o| o.project_name = p.map(str::to_string)).map(|l| l.name)
    };
    assert_eq!(name(&[], None).unwrap(), "my_projectv2");
    assert_eq!(
        name(&[("COMPOSE_PROJECT_NAME", "fromenv")], None).unwrap(),
        "fromenv"
    );
    assert_eq!(
        name(&[("COMPOSE_PROJECT_NAME", "fromenv")], Some("flag")).unwrap(),
        "flag"
    );
    let e = name(&[], Some("Bad Name")).unwrap_err().to_string();
    assert!(e.starts_with("invalid project name \"Bad Name\""), "{e}");
    fs_err::write(
        sub.join("compose.yaml"),
        "name: ${PREFIX:-Site}-App\nservices:\n  a:\n    image: \"x:${COMPOSE_PROJECT_NAME}\"\n",
    )
    .unwrap();
    let l = load_with(&sub, &[], |_| {}).unwrap();
    assert_eq!(l.name, "site-app");
    assert_eq!(l.project.services["a"].image.as_deref(), Some("x:site-app"));
}

#[test]
fn files_are_found_upwards_and_from_compose_file() {
    let dir = project(&[
        ("docker-compose.yml", "services:\n  a:\n    image: a\n"),
        (
            "docker-compose.override.yml",
            "services:\n  a:\n    image: b\n",
        ),
        ("other.yml", "services:\n  c:\n    image: c\n"),
        ("sub/deeper/.keep", ""),
    ]);
    let deeper = dir.path().join("sub/deeper");
    let l = load_with(&deeper, &[], |_| {}).unwrap();
    assert_eq!(l.project.services["a"].image.as_deref(), Some("b"));
    assert_eq!(l.working_dir, dir.path());
    let l = load_with(dir.path(), &[("COMPOSE_FILE", "other.yml")], |_| {}).unwrap();
    assert_eq!(service_names(&l), vec!["c"]);
    let empty = tempfile::tempdir().unwrap();
    let e = error(empty.path(), &[], |_| {});
    assert!(
        e.starts_with("no configuration file provided: not found"),
        "{e}"
    );
}

#[test]
fn env_files_for_interpolation_and_services() {
    let dir = project(&[
        (
            "compose.yaml",
            "services:
  a:
    image: \"a:${TAG}\"
    env_file:
      - common.env
      - path: missing.env
        required: false
    environment:
      FROM_ENV: explicit
      UNSET_KEY:
  b:
    image: b
    env_file: common.env
",
        ),
        ("custom.env", "TAG=custom\n"),
        (".env", "TAG=dotenv\n"),
        ("common.env", "FROM_ENV=file\nOTHER=\"x ${TAG}\"\n"),
    ]);
    let l = load_with(dir.path(), &[], |o| o.env_files = vec!["custom.env".into()]).unwrap();
    let a = &l.project.services["a"];
    assert_eq!(a.image.as_deref(), Some("a:custom"));
    assert_eq!(a.environment["FROM_ENV"].as_deref(), Some("explicit"));
    assert_eq!(a.environment["OTHER"].as_deref(), Some("x custom"));
    assert_eq!(a.environment["UNSET_KEY"], None);
    assert!(!a.other.contains_key("env_file"));
    let l = load_with(dir.path(), &[("UNSET_KEY", "host")], |_| {}).unwrap();
    assert_eq!(l.project.services["a"].image.as_deref(), Some("a:dotenv"));
    assert_eq!(
        l.project.services["a"].environment["UNSET_KEY"].as_deref(),
        Some("host")
    );
    assert_eq!(
        l.project.services["b"].environment["FROM_ENV"].as_deref(),
        Some("file")
    );

    let dir = project(&[(
        "compose.yaml",
        "services:\n  a:\n    image: a\n    env_file: nope.env\n",
    )]);
    let e = error(dir.path(), &[], |_| {});
    assert!(e.contains("env file {DIR}/nope.env not found"), "{e}");
}

#[test]
fn short_and_long_syntaxes_normalise_alike() {
    let short = "services:
  s:
    image: x
    environment: [A=1, B]
    labels: [com.x=1]
    depends_on: [d]
    networks: [n]
    secrets: [sec]
    build: ./ctx
    extra_hosts: ['host:1.2.3.4']
    ulimits: {nofile: 1024}
    expose: [80]
    tmpfs: /run
  d:
    image: d
networks: {n: {}}
secrets: {sec: {file: ./s.txt}}
";
    let long = "services:
  s:
    image: x
    environment: {A: '1', B: null}
    labels: {com.x: '1'}
    depends_on: {d: {condition: service_started, required: true}}
    networks: {n: null}
    secrets: [{source: sec, target: /run/secrets/sec}]
    build: {context: ./ctx, dockerfile: Dockerfile}
    extra_hosts: {host: 1.2.3.4}
    ulimits: {nofile: 1024}
    expose: ['80']
    tmpfs: [/run]
  d:
    image: d
networks: {n: {}}
secrets: {sec: {file: ./s.txt}}
";
    let a = project(&[("compose.yaml", short)]);
    let b = project(&[("compose.yaml", long)]);
    let name = |o: &mut Options| o.project_name = Some("p".into());
    let ca = config(a.path(), &[], name);
    let cb = config(b.path(), &[], name);
    assert_eq!(ca, cb);
    assert!(ca.contains("      B: null\n"), "{ca}");
    assert!(
        ca.contains("    extra_hosts:\n      - host=1.2.3.4\n"),
        "{ca}"
    );
    assert!(
        ca.contains("    secrets:\n      - source: sec\n        target: /run/secrets/sec\n"),
        "{ca}"
    );
    assert!(ca.contains("    file: {DIR}/s.txt\n"), "{ca}");
}

#[test]
fn version_is_ignored_with_a_warning() {
    let dir = project(&[(
        "compose.yaml",
        "version: '3.8'\nservices:\n  a:\n    image: a\n",
    )]);
    let l = load_with(dir.path(), &[], |_| {}).unwrap();
    let file = dir.path().join("compose.yaml");
    assert_eq!(
        l.warnings,
        vec![format!(
            "{}: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion",
            file.display()
        )]
    );
    assert!(!render(&l, Format::Yaml).unwrap().contains("version"));
}

#[test]
fn errors_name_the_file_key_and_line() {
    let cases: &[(&str, &str)] = &[
        (
            "services:\n  web:\n    image: x\n    imagee: y\n",
            "validating {DIR}/compose.yaml: line 4: services.web: additional property \"imagee\" is not allowed",
        ),
        (
            "services:\n  web:\n    image: x\n    ports: 80\n",
            "validating {DIR}/compose.yaml: line 4: services.web.ports: must be a list, not the number 80",
        ),
        (
            "services:\n  web:\n    image: x\n    tty: maybe\n",
            "validating {DIR}/compose.yaml: line 4: services.web.tty: failed to cast to expected type: invalid boolean: maybe",
        ),
        (
            "servics:\n  web:\n    image: x\n",
            "validating {DIR}/compose.yaml: line 1: (top level): additional property \"servics\" is not allowed",
        ),
        (
            "services:\n  web:\n    image: x\n  web:\n    image: y\n",
            "parsing {DIR}/compose.yaml: line 4: mapping key \"web\" already defined at line 2",
        ),
        (
            "services:\n  web:\n    image: x\n    deploy:\n      replicas: many\n",
            "validating {DIR}/compose.yaml: line 5: services.web.deploy.replicas: failed to cast to expected type: invalid integer: \"many\"",
        ),
        (
            "services:\n  web:\n    image: $\n    command: ${1x}\n",
            "invalid interpolation format for services.web.command.\nYou may need to escape any $ with another $.\n${1x}",
        ),
    ];
    for (text, want) in cases {
        let dir = project(&[("compose.yaml", text)]);
        let e = error(dir.path(), &[], |o| o.project_name = Some("p".into()));
        assert!(e.starts_with(want), "{text}\n got: {e}\nwant: {want}");
    }
}

#[test]
fn consistency_errors() {
    let cases: &[(&str, &str)] = &[
        (
            "services:\n  a:\n    image: a\n    depends_on: [b]\n  b:\n    image: b\n    depends_on: [c]\n  c:\n    image: c\n    depends_on: [a]\n",
            "dependency cycle detected: a -> b -> c -> a",
        ),
        (
            "services:\n  a:\n    image: a\n    depends_on: [nope]\n",
            "service \"a\" depends on undefined service \"nope\": invalid compose project ({DIR}/compose.yaml:4)",
        ),
        (
            "services:\n  a:\n    image: a\n    volumes: ['data:/x']\n",
            "service \"a\" refers to undefined volume data: invalid compose project",
        ),
        (
            "services:\n  a:\n    image: a\n    networks: [back]\n",
            "service \"a\" refers to undefined network back: invalid compose project",
        ),
        (
            "services:\n  a:\n    command: x\n",
            "service \"a\" has neither an image nor a build context specified",
        ),
        (
            "services:\n  a:\n    image: a\n    network_mode: host\n    networks: [default]\n",
            "service a declares mutually exclusive `network_mode` and `networks`",
        ),
        (
            "services:\n  a:\n    image: a\n    container_name: fixed\n    deploy: {replicas: 2}\n",
            "services.a: can't set container_name and deploy.replicas as container name must be unique",
        ),
        (
            "services:\n  a:\n    image: a\n    scale: 2\n    deploy: {replicas: 3}\n",
            "services.a: can't set distinct values on 'scale' and 'deploy.replicas'",
        ),
        (
            "services:\n  a:\n    image: a\n    secrets: [s]\nsecrets:\n  s: {}\n",
            "secret \"s\" must declare either `file` or `environment`",
        ),
        (
            "services:\n  a:\n    image: a\n    healthcheck: {test: [RUN, x]}\n",
            "services.a.healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"",
        ),
        (
            "services:\n  a:\n    image: a\n    tmpfs: /x\n    volumes: ['./v:/x']\n",
            "services.a.volumes[0]: target /x already mounted as services.a.tmpfs[0]",
        ),
        ("{}\n", "empty compose file"),
        (
            "services:\n  a:\n    image: a\n    mem_limit: 64m\n    deploy: {resources: {limits: {memory: 32m}}}\n",
            "services.a: can't set distinct values on 'mem_limit' and 'deploy.resources.limits.memory'",
        ),
        (
            "services:\n  a:\n    image: a\n    cpus: 1\n    deploy: {resources: {limits: {cpus: '0.5'}}}\n",
            "services.a: can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus'",
        ),
    ];
    for (text, want) in cases {
        let dir = project(&[("compose.yaml", text)]);
        let e = error(dir.path(), &[], |o| o.project_name = Some("p".into()));
        assert!(e.starts_with(want), "{text}\n got: {e}\nwant: {want}");
    }
}

#[test]
fn limits_set_in_one_place_each_do_not_conflict() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  a:\n    image: a\n    mem_limit: 64m\n    cpus: 1\n    deploy: {resources: {limits: {pids: 5}}}\n",
    )]);
    let l = load_with(dir.path(), &[], |o| o.project_name = Some("p".into())).unwrap();
    assert_eq!(l.project.services["a"].mem_limit, Some(64 << 20));
}

#[test]
fn json_format() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  web:\n    image: nginx\n    environment: {A: 'x&y'}\nnetworks:\n  back: {}\n",
    )]);
    let l = load_with(dir.path(), &[], |o| o.project_name = Some("p".into())).unwrap();
    let json = render(&l, Format::Json).unwrap();
    assert!(!json.ends_with('\n'));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["name"], "p");
    assert_eq!(v["services"]["web"]["command"], serde_json::Value::Null);
    assert_eq!(v["services"]["web"]["environment"]["A"], "x&y");
    assert!(json.contains("x\\u0026y"), "{json}");
    assert_eq!(v["networks"]["back"]["name"], "p_back");
    assert_eq!(v["networks"]["back"]["ipam"], serde_json::json!({}));
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["name", "networks", "services"]);
}

#[test]
fn the_normalised_model_loads_again_to_itself() {
    let dir = project(&[("compose.yaml", DEMO), (".env", "DB_PASSWORD=pw\n")]);
    let first = config(dir.path(), &[], |_| {});
    let again = project(&[(
        "compose.yaml",
        &first.replace("{DIR}", &dir.path().display().to_string()),
    )]);
    let mut o = options(again.path(), &[]);
    o.project_directory = Some(PathBuf::from(dir.path()));
    let l = load(&o).unwrap();
    let second = render(&l, Format::Yaml)
        .unwrap()
        .replace(&dir.path().display().to_string(), "{DIR}");
    assert_eq!(first, second);
}

#[test]
fn healthcheck_and_command_strings() {
    let dir = project(&[(
        "compose.yaml",
        "services:\n  a:\n    image: a\n    entrypoint: /bin/sh -c\n    command: \"echo 'a b'\"\n    healthcheck:\n      test: curl -f http://localhost || exit 1\n      disable: false\n    stop_grace_period: 1m\n    shm_size: 64m\n",
    )]);
    let out = config(dir.path(), &[], |o| o.project_name = Some("p".into()));
    assert!(
        out.contains("    command:\n      - echo\n      - a b\n"),
        "{out}"
    );
    assert!(
        out.contains("    entrypoint:\n      - /bin/sh\n      - -c\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "      test:\n        - CMD-SHELL\n        - curl -f http://localhost || exit 1\n"
        ),
        "{out}"
    );
    assert!(out.contains("    shm_size: \"67108864\"\n"), "{out}");
    assert!(out.contains("    stop_grace_period: 1m0s\n"), "{out}");
    assert!(!out.contains("disable"), "{out}");
}

#[test]
fn label_files_become_labels() {
    let dir = project(&[
        (
            "compose.yaml",
            "services:\n  a:\n    image: a\n    label_file: [one.label, two.label]\n    labels: {b: explicit}\n",
        ),
        ("one.label", "a=1\nb=from-file\n"),
        ("two.label", "c=${a}-3\n"),
    ]);
    let out = config(dir.path(), &[], |o| o.project_name = Some("p".into()));
    assert!(
        out.contains("    labels:\n      a: \"1\"\n      b: explicit\n      c: 1-3\n"),
        "{out}"
    );
    assert!(!out.contains("label_file"), "{out}");
}
