//! `rpod login`: check credentials against a registry and save them.

use anyhow::Context;
use clap::Args;
use libpod::config::{AuthFile, Credentials};

use super::Globals;
use crate::output;

/// Arguments of `rpod login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The registry (the first unqualified-search registry when omitted)
    #[arg(value_name = "REGISTRY")]
    pub registry: Option<String>,
    /// Username for registry
    #[arg(short, long)]
    pub username: Option<String>,
    /// Password for registry
    #[arg(short, long)]
    pub password: Option<String>,
    /// Take the password from stdin
    #[arg(long)]
    pub password_stdin: bool,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<std::path::PathBuf>,
    /// `Pathname` of a directory containing TLS certificates and keys
    #[arg(long, value_name = "PATH")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// Return the current login user for the registry
    #[arg(long)]
    pub get_login: bool,
    /// Path of a Docker-compatible config file to update instead
    #[arg(long, value_name = "PATH")]
    pub compat_auth_file: Option<std::path::PathBuf>,
    /// Retrieve password from a podman secret
    #[arg(long, value_name = "NAME")]
    pub secret: Option<String>,
    /// Write more detailed information to stdout
    #[arg(short, long)]
    pub verbose: bool,
}

/// The file `login`/`logout` use: `--authfile` or `--compat-auth-file`,
/// never both (podman's message); a `$REGISTRY_AUTH_FILE` gives way to
/// `--compat-auth-file`, as podman's default does.
pub fn auth_file(
    authfile: Option<std::path::PathBuf>,
    compat: Option<std::path::PathBuf>,
) -> anyhow::Result<AuthFile> {
    let from_env = authfile
        .as_deref()
        .is_some_and(libpod::config::auth::only_from_env);
    match (authfile, compat) {
        (Some(_), Some(_)) if !from_env => anyhow::bail!(
            "options for paths to the credential file and to the Docker-compatible credential file can not be set simultaneously"
        ),
        (_, Some(c)) => Ok(AuthFile::DockerCompat(c)),
        (a, None) => Ok(AuthFile::Podman(a)),
    }
}

/// Strips a scheme and path from what the user typed as a registry.
pub fn registry_host(input: &str) -> String {
    let s = input
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    s.split('/').next().unwrap_or(s).to_string()
}

/// Runs `rpod login`.
pub fn run(g: &Globals, mut args: LoginArgs) -> anyhow::Result<u8> {
    let file = auth_file(args.authfile.take(), args.compat_auth_file.take())?;
    if args.get_login {
        let engine = g.engine(false)?;
        let registry = match &args.registry {
            Some(r) => registry_host(r),
            None => engine.search_registries().first().cloned().context(
                "no registry given and no unqualified-search registries configured: give REGISTRY",
            )?,
        };
        output::println(&engine.login_user(&registry, file)?);
        return Ok(0);
    }
    if let Some(name) = &args.secret {
        anyhow::ensure!(
            args.password.is_none() && !args.password_stdin,
            "--secret can not be used with --password options"
        );
        let (_, data) = g.engine(false)?.secret_data(name)?;
        let password =
            String::from_utf8(data).with_context(|| format!("secret {name}: not UTF-8"))?;
        args.username.get_or_insert_with(|| name.clone());
        args.password = Some(password);
    }
    anyhow::ensure!(
        !(args.password.is_some() && args.password_stdin),
        "--password and --password-stdin are mutually exclusive"
    );
    // On a terminal, ask for what was not given, as podman does.
    let tty = libpod::runtime::stdin_is_terminal() && !args.password_stdin;
    let username = match args.username.clone() {
        Some(u) => u,
        None if tty => {
            libpod::runtime::prompt_line("Username: ", false).context("reading the username")?
        }
        None => anyhow::bail!("a username is required: give it with -u USERNAME"),
    };
    let password = if args.password_stdin {
        // Bounded: `yes | rpod login --password-stdin` must not grow forever.
        const PASSWORD: libpod::userfile::Kind = libpod::userfile::Kind {
            what: "password",
            limit: 64 << 10,
        };
        let bytes = libpod::userfile::read_from(
            std::io::stdin(),
            std::path::Path::new("(stdin)"),
            PASSWORD,
        )?;
        let s = String::from_utf8(bytes).context("reading the password from stdin: not UTF-8")?;
        s.trim_end_matches(['\n', '\r']).to_string()
    } else if let Some(p) = args.password.clone() {
        p
    } else if tty {
        libpod::runtime::prompt_line("Password: ", true).context("reading the password")?
    } else {
        anyhow::bail!("a password is required: pipe it to --password-stdin or give -p PASSWORD")
    };
    anyhow::ensure!(
        !password.is_empty(),
        "the password is empty: pipe it to --password-stdin"
    );
    let engine = g.engine(false)?;
    let registry = match &args.registry {
        Some(r) => registry_host(r),
        None => engine.search_registries().first().cloned().context(
            "no registry given and no unqualified-search registries configured: give REGISTRY",
        )?,
    };
    let saved = engine.login(
        &registry,
        &Credentials { username, password },
        args.tls_verify,
        file,
        args.cert_dir,
    )?;
    if args.verbose {
        // podman's Println("Used: ", desc): two spaces.
        output::println(&format!("Used:  {}", saved.display()));
    }
    output::println("Login Succeeded!");
    Ok(0)
}
