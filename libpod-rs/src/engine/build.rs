//! `build`: finds the Dockerfile and the context, reads the ignore file,
//! resolves (and pulls, per `--pull`) the images the build uses, and runs
//! the build module's executor. RUN steps go to the executor's
//! [`StepRunner`](crate::build::executor::StepRunner), a container of
//! rpod's own runtime for each (`containers/build_run.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Engine, PullPolicy};
use crate::build::context::Context;
use crate::build::executor::{self, Images, Reporter};
use crate::build::ignore;
use crate::build::instructions::Dockerfile;
use crate::error::{Error, Result};
use crate::image::author::Format;
use crate::image::ImageRecord;
use crate::layer;
use crate::registry::manifest::Platform;
use crate::store::LockMode;

/// What `build` was asked for.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// `-f`: the Dockerfile's path; `None`: Containerfile or Dockerfile in the context.
    pub file: Option<PathBuf>,
    /// The Dockerfile's text when it came on standard input (`-f -`, or `build -`).
    pub text: Option<String>,
    /// The context directory; `None` for no context (`build -`).
    pub context: Option<PathBuf>,
    /// `--ignorefile`.
    pub ignorefile: Option<PathBuf>,
    /// `-t` names as given.
    pub tags: Vec<String>,
    /// `--build-arg`s.
    pub build_args: BTreeMap<String, String>,
    /// `--target`.
    pub target: Option<String>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// `--pull`.
    pub pull: PullPolicy,
    /// `--format`.
    pub format: Format,
    /// `--platform`; the host's when `None`.
    pub platform: Option<Platform>,
    /// `--secret`s by id.
    pub secrets: Vec<(String, crate::build::args::SecretSource)>,
    /// `--ssh` agent sockets by id.
    pub ssh: Vec<(String, PathBuf)>,
    /// Where RUN output goes (`-q`, `--logfile`).
    pub output: crate::build::executor::RunOutput,
    /// `--label`s of the image.
    pub labels: BTreeMap<String, String>,
    /// `--env` of the image (`KEY=VALUE`).
    pub env: Vec<String>,
    /// `--unsetenv`: names left out of the final image's environment.
    pub unset_env: Vec<String>,
    /// `--annotation`s of the image's manifest (OCI format only).
    pub annotations: BTreeMap<String, String>,
    /// `--squash`/`--squash-all`.
    pub squash: crate::build::executor::Squash,
    /// What the flags set for every RUN step's container.
    pub run: crate::engine::containers::RunDefaults,
    /// How base images are pulled (`--authfile`, `--tls-verify`, `--creds`, `--cert-dir`).
    pub fetch: crate::spec::FetchOptions,
    /// `--build-context`s by name.
    pub contexts: Vec<(String, crate::build::args::ContextSource)>,
    /// `--output`s: where the built files are written too.
    pub outputs: Vec<crate::build::args::BuildOutput>,
    /// The flags that shape what the image records and which stages run.
    pub shaping: crate::build::executor::Shaping,
    /// `--cpp-flag`s: for a Containerfile whose name ends in `.in`, which
    /// goes through cpp first.
    pub cpp_flags: Vec<String>,
}

/// Why `build` failed: its inputs (the Dockerfile, the context, the
/// ignore file, `--secret`, `--ssh`, `--security-opt`), or a step.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// `-f FILE` names no file (relative to the working directory or the context).
    #[error("the Containerfile {}: no such file or directory", .0.display())]
    DockerfileNotFound(PathBuf),
    /// No `-f`, and the context has no Containerfile or Dockerfile.
    #[error("no Containerfile or Dockerfile specified or found in context directory, {}: no such file or directory", .0.display())]
    NoDockerfile(PathBuf),
    /// The Dockerfile could not be read.
    #[error("reading {}: {source}", .path.display())]
    ReadDockerfile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The Dockerfile does not parse.
    #[error("{}: {source}", .path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// Where and what.
        source: crate::build::parse::ParseError,
    },
    /// The Dockerfile from standard input does not parse.
    #[error(transparent)]
    ParseStdin(crate::build::parse::ParseError),
    /// The context directory does not exist.
    #[error("the build context {}: no such directory", .0.display())]
    NoContext(PathBuf),
    /// The ignore file cannot be read or parsed (the ignore module's
    /// message, which names the file).
    #[error("{0}")]
    IgnoreFile(String),
    /// The context cannot be read.
    #[error(transparent)]
    Context(#[from] crate::build::context::ContextError),
    /// A `--secret` file cannot be read.
    #[error("--secret {id}: reading {}: {source}", .path.display())]
    SecretFile {
        /// The secret's id.
        id: String,
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A `--secret`'s environment variable is not set.
    #[error("--secret {id}: the environment variable {var} is not set")]
    SecretEnv {
        /// The secret's id.
        id: String,
        /// The variable.
        var: String,
    },
    /// An `--ssh` agent socket does not exist.
    #[error("--ssh {id}: the agent socket {} does not exist", .path.display())]
    SshSocket {
        /// The id.
        id: String,
        /// The socket.
        path: PathBuf,
    },
    /// A `--security-opt` that does not apply.
    #[error("--security-opt {opt}: {source}")]
    SecurityOpt {
        /// The option as given.
        opt: String,
        /// Why.
        source: crate::spec::Error,
    },
    /// A `--build-context` directory does not exist.
    #[error("--build-context {name}: {}: no such directory", .path.display())]
    ContextDir {
        /// The context's name.
        name: String,
        /// The directory.
        path: PathBuf,
    },
    /// A `--build-context` archive could not be downloaded or unpacked.
    #[error("--build-context {name}={url}: {message}")]
    ContextUrl {
        /// The context's name.
        name: String,
        /// The address.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// `--output` could not be written.
    #[error("--output {}: {source}", .dest)]
    Output {
        /// The destination as given (`-`: standard output).
        dest: String,
        /// Why.
        source: std::io::Error,
    },
    /// A `.in` Containerfile could not be preprocessed.
    #[error("preprocessing {}: {message}", .path.display())]
    Cpp {
        /// The Containerfile.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A step failed (rpod's own error, exit 125).
    #[error(transparent)]
    Step(executor::BuildError),
}

/// Why a build failed, with the exit code to use.
impl From<executor::BuildError> for Error {
    fn from(e: executor::BuildError) -> Error {
        if e.code == crate::error::EXIT_RPOD {
            BuildError::Step(e).into()
        } else {
            // A RUN's own exit code, with podman's message:
            // `building at STEP "RUN false": while running runtime: exit status 1`.
            Error::Exec {
                command: e
                    .step
                    .as_ref()
                    .map(|s| format!("building at STEP \"{s}\""))
                    .unwrap_or_default(),
                code: e.code,
                source: std::io::Error::other(e.message),
            }
        }
    }
}

struct StoreImages<'a> {
    engine: &'a Engine,
    pull: PullPolicy,
    flags: Vec<String>,
}

impl Images for StoreImages<'_> {
    fn resolve(&self, name: &str) -> std::result::Result<ImageRecord, String> {
        let e = self.engine;
        let found = e.find_image(name);
        match (found, self.pull) {
            (Ok(r), PullPolicy::Missing | PullPolicy::Never) => Ok(r),
            (Err(err), PullPolicy::Never) => Err(format!("creating build container: {err}")),
            (Err(err), _) if !err.is_image_not_found() => Err(err.to_string()),
            _ => {
                e.pull_child(name, false, &self.flags)
                    .map_err(|err| err.to_string())?;
                e.find_image(name).map_err(|err| err.to_string())
            }
        }
    }
}

/// The Dockerfile `build` uses: `-f` (relative to the working directory,
/// else to the context), or Containerfile, else Dockerfile, in the context.
fn find_dockerfile(file: Option<&Path>, context: Option<&Path>) -> Result<PathBuf> {
    if let Some(f) = file {
        if f.exists() {
            return Ok(f.to_path_buf());
        }
        if let Some(c) = context {
            if c.join(f).exists() {
                return Ok(c.join(f));
            }
        }
        return Err(BuildError::DockerfileNotFound(f.to_path_buf()).into());
    }
    let ctx = context.unwrap_or(Path::new("."));
    for name in ["Containerfile", "Dockerfile"] {
        if ctx.join(name).is_file() {
            return Ok(ctx.join(name));
        }
    }
    Err(BuildError::NoDockerfile(ctx.to_path_buf()).into())
}

/// The `--secret`s' content, read before the build (a missing file or
/// variable fails at once, naming it).
fn read_secrets(
    list: &[(String, crate::build::args::SecretSource)],
) -> Result<BTreeMap<String, Vec<u8>>> {
    use crate::build::args::SecretSource;
    let mut out = BTreeMap::new();
    for (id, src) in list {
        let content =
            match src {
                SecretSource::File(p) => fs_err::read(p)
                    .map_err(crate::sys::without_path)
                    .map_err(|source| BuildError::SecretFile {
                        id: id.clone(),
                        path: p.clone(),
                        source,
                    })?,
                SecretSource::Env(v) => std::env::var(v)
                    .map_err(|_| BuildError::SecretEnv {
                        id: id.clone(),
                        var: v.clone(),
                    })?
                    .into_bytes(),
            };
        out.insert(id.clone(), content);
    }
    Ok(out)
}

impl Engine {
    /// Builds an image (`rpod build`); progress goes to `reporter`.
    pub fn build(&self, opts: BuildOptions, reporter: &dyn Reporter) -> Result<ImageRecord> {
        let (text, path) = match &opts.text {
            Some(t) => (t.clone(), None),
            None => {
                let p = find_dockerfile(opts.file.as_deref(), opts.context.as_deref())?;
                let t = fs_err::read_to_string(&p)
                    .map_err(crate::sys::without_path)
                    .map_err(|source| BuildError::ReadDockerfile {
                        path: p.clone(),
                        source,
                    })?;
                let t = match p.to_str() {
                    Some(name) if name.ends_with(".in") => {
                        preprocess(&p, &t, opts.context.as_deref(), &opts.cpp_flags)?
                    }
                    _ => t,
                };
                (t, Some(p))
            }
        };
        let dockerfile = Dockerfile::parse(&text).map_err(|source| match &path {
            Some(p) => BuildError::Parse {
                path: p.clone(),
                source,
            },
            None => BuildError::ParseStdin(source),
        })?;
        for w in &dockerfile.warnings {
            reporter.event(executor::Event::Warning(w.clone()));
        }
        let names = opts
            .tags
            .iter()
            .map(|t| Engine::normalize_new_name(t))
            .collect::<Result<Vec<_>>>()?;
        let context = match &opts.context {
            None => Context::empty(),
            Some(dir) => {
                if !dir.is_dir() {
                    return Err(BuildError::NoContext(dir.clone()).into());
                }
                let ig = ignore::load(dir, path.as_deref(), opts.ignorefile.as_deref())
                    .map_err(BuildError::IgnoreFile)?;
                Context::open(dir, &ig).map_err(BuildError::from)?
            }
        };
        let mut contexts = BTreeMap::new();
        let mut urls = Vec::new();
        for (name, src) in &opts.contexts {
            use crate::build::args::ContextSource;
            let c = match src {
                ContextSource::Image(r) => executor::ExtraContext::Image(r.clone()),
                ContextSource::Url(url) => {
                    // Fetched once rpod's namespace is entered (below).
                    urls.push((name.clone(), url.clone()));
                    continue;
                }
                ContextSource::Dir(dir) => {
                    if !dir.is_dir() {
                        return Err(BuildError::ContextDir {
                            name: name.clone(),
                            path: dir.clone(),
                        }
                        .into());
                    }
                    // Its own .containerignore/.dockerignore applies, as in podman.
                    let ig = ignore::load(dir, None, None).map_err(BuildError::IgnoreFile)?;
                    executor::ExtraContext::Dir(Context::open(dir, &ig).map_err(BuildError::from)?)
                }
            };
            contexts.insert(name.clone(), c);
        }
        let secrets = read_secrets(&opts.secrets)?;
        for (id, path) in &opts.ssh {
            if !path.exists() {
                return Err(BuildError::SshSocket {
                    id: id.clone(),
                    path: path.clone(),
                }
                .into());
            }
        }
        let mut check = crate::spec::SecuritySpec::default();
        for o in &opts.run.security_opts {
            crate::spec::apply_security_opt(&mut check, o).map_err(|source| {
                BuildError::SecurityOpt {
                    opt: o.clone(),
                    source,
                }
            })?;
        }
        let runner = self.build_runner(opts.run.clone())?;
        // Layers hold subordinate ids: build as root of rpod's namespace.
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        self.reclaim_build_scratch();
        let mut fetched = Vec::new();
        for (i, (name, url)) in urls.iter().enumerate() {
            let dir = self
                .store
                .root()
                .join("tmp")
                .join(format!("build-{}-context{i}", std::process::id()));
            fetched.push(dir.clone());
            let ctx = fetch_context(&dir, url, self.rootless).map_err(|message| {
                for d in &fetched {
                    let _ = layer::remove_tree(d);
                }
                BuildError::ContextUrl {
                    name: name.clone(),
                    url: url.clone(),
                    message,
                }
            })?;
            contexts.insert(name.clone(), executor::ExtraContext::Dir(ctx));
        }
        let req = executor::Request {
            dockerfile: &dockerfile,
            context: &context,
            build_args: opts.build_args.clone(),
            target: opts.target.clone(),
            names,
            no_cache: opts.no_cache,
            format: opts.format,
            compression: layer::Compression::Gzip,
            platform: opts.platform.clone().unwrap_or_else(Platform::host),
            rootless: self.rootless,
            secrets,
            ssh: opts.ssh.iter().cloned().collect(),
            output: opts.output.clone(),
            labels: opts.labels.clone(),
            env: opts.env.clone(),
            unset_env: opts.unset_env.clone(),
            annotations: opts.annotations.clone(),
            squash: opts.squash,
            contexts,
            shaping: opts.shaping.clone(),
        };
        let images = StoreImages {
            engine: self,
            pull: opts.pull,
            flags: opts.fetch.pull_args(),
        };
        let built = executor::build(&self.store, &req, &images, &runner, reporter);
        for d in &fetched {
            let _ = layer::remove_tree(d);
        }
        let built = built?;
        for out in &opts.outputs {
            self.write_output(
                &built,
                out,
                opts.shaping.timestamp.or(opts.shaping.source_date_epoch),
            )?;
        }
        self.event_image(crate::events::Status::Build, "", &built.id);
        Ok(built)
    }

    /// Writes the built image's files to an `--output` (in rpod's user
    /// namespace: rootless, what root owns there is the user's).
    fn write_output(
        &self,
        image: &ImageRecord,
        out: &crate::build::args::BuildOutput,
        mtime: Option<i64>,
    ) -> Result<()> {
        use crate::build::args::BuildOutput;
        let layers: Vec<PathBuf> = image
            .layers
            .iter()
            .map(|l| self.store.layer_diff(&l.diff_id))
            .collect();
        fn named(dest: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
            move |source| BuildError::Output {
                dest: dest.display().to_string(),
                source,
            }
        }
        match out {
            BuildOutput::Dir(dest) => {
                fs_err::create_dir_all(dest)
                    .map_err(crate::sys::without_path)
                    .map_err(named(dest))?;
                layer::vfs::assemble(&layers, dest)
                    .map_err(std::io::Error::other)
                    .map_err(named(dest))?;
                if self.rootless {
                    // As podman: the user owns what a rootless build writes out.
                    own_tree(dest).map_err(named(dest))?;
                }
            }
            BuildOutput::Tar(dest) => {
                let opts = layer::diff::DiffOptions {
                    clamp_mtime: mtime,
                    ..Default::default()
                };
                let write = |w: &mut dyn std::io::Write| {
                    layer::diff::layers_to_tar(&[], &layers, w, &opts)
                        .map(drop)
                        .map_err(std::io::Error::other)
                };
                match dest {
                    None => {
                        let mut w = std::io::stdout().lock();
                        write(&mut w)
                            .and_then(|()| std::io::Write::flush(&mut w))
                            .map_err(named(Path::new("-")))?;
                    }
                    Some(path) => {
                        let mut f = std::io::BufWriter::new(
                            fs_err::File::create(path)
                                .map_err(crate::sys::without_path)
                                .map_err(named(path))?,
                        );
                        write(&mut f)
                            .and_then(|()| std::io::Write::flush(&mut f))
                            .map_err(named(path))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Removes the scratch directories (`tmp/build-PID-N`) of builds whose
    /// process is gone (killed: an interrupted build removes its own).
    fn reclaim_build_scratch(&self) {
        let tmp = self.store.root().join("tmp");
        for e in fs_err::read_dir(&tmp).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = name
                .strip_prefix("build-")
                .and_then(|r| r.split('-').next())
                .and_then(|p| p.parse::<i32>().ok())
            else {
                continue;
            };
            // A zombie holds no scratch any more.
            let alive = pid == i32::try_from(std::process::id()).unwrap_or(0)
                || fs_err::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
                    !s.rsplit(')')
                        .next()
                        .unwrap_or("")
                        .trim_start()
                        .starts_with(['Z', 'X'])
                });
            if !alive {
                let _ = layer::remove_tree(&e.path());
            }
        }
    }
}

/// A `.in` Containerfile through cpp, as podman runs it (`cpp -E -iquote
/// CONTEXT -traditional -undef -`, then `$BUILDAH_CPPFLAGS` and `--cpp-flag`s),
/// so that `#include "common"` and `#define` work.
fn preprocess(path: &Path, text: &str, context: Option<&Path>, flags: &[String]) -> Result<String> {
    use std::io::Write as _;
    let fail = |message: String| BuildError::Cpp {
        path: path.to_path_buf(),
        message,
    };
    let mut cmd = std::process::Command::new("cpp");
    cmd.args(["-E", "-iquote"])
        .arg(context.unwrap_or(Path::new(".")))
        .args(["-traditional", "-undef", "-"]);
    if let Ok(env) = std::env::var("BUILDAH_CPPFLAGS") {
        cmd.args(env.split_whitespace());
    }
    cmd.args(flags)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| {
        fail(if e.kind() == std::io::ErrorKind::NotFound {
            "a .in Containerfile needs cpp: install it (the cpp package)".into()
        } else {
            format!("running cpp: {e}")
        })
    })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| fail(format!("writing to cpp: {e}")))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| fail(format!("running cpp: {e}")))?;
    // podman keeps cpp's output when it has some, even if cpp complained.
    if out.stdout.is_empty() {
        return Err(fail(format!(
            "cpp produced no output: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Downloads a `--build-context` archive (a tar, compressed or not) and
/// unpacks it into `dir`, as podman does for an `http(s)://` context.
fn fetch_context(dir: &Path, url: &str, rootless: bool) -> std::result::Result<Context, String> {
    use std::io::Read as _;
    let _ = layer::remove_tree(dir);
    crate::store::create_dir_private(dir).map_err(|e| e.to_string())?;
    let archive = dir.join("download");
    let resp = ureq::get(url)
        .call()
        .map_err(|e| format!("downloading: {e}"))?;
    let mut out = fs_err::File::create(&archive).map_err(|e| e.to_string())?;
    std::io::copy(&mut resp.into_reader(), &mut out).map_err(|e| format!("downloading: {e}"))?;
    drop(out);
    let mut head = vec![0u8; 512];
    let n = fs_err::File::open(&archive)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| e.to_string())?;
    head.truncate(n);
    let compression = layer::ArchiveCompression::sniff(&head);
    let is_tar = compression.is_compressed() || (n >= 262 && &head[257..262] == b"ustar");
    if !is_tar {
        return Err(
            "not a tar archive (plain, gzip, zstd, xz or bzip2): give a URL of one, or a directory"
                .into(),
        );
    }
    let root = dir.join("context");
    fs_err::create_dir(&root).map_err(|e| e.to_string())?;
    let file = fs_err::File::open(&archive).map_err(|e| e.to_string())?;
    let reader = layer::decompress_archive(file, compression).map_err(|e| e.to_string())?;
    layer::unpack(reader, &root, &layer::UnpackOptions { rootless })
        .map_err(|e| format!("unpacking: {e}"))?;
    Context::open(&root, &ignore::Ignore::default()).map_err(|e| e.to_string())
}

/// Gives every entry under `dir` to root of rpod's namespace (the user).
fn own_tree(dir: &Path) -> std::io::Result<()> {
    fs_err::os::unix::fs::lchown(dir, Some(0), Some(0))?;
    for e in fs_err::read_dir(dir)? {
        let e = e?;
        let path = e.path();
        if e.file_type()?.is_dir() {
            own_tree(&path)?;
        } else {
            fs_err::os::unix::fs::lchown(&path, Some(0), Some(0))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::args::SecretSource;

    #[test]
    fn input_errors_are_typed() {
        let dir = tempfile::tempdir().unwrap();
        let e = find_dockerfile(Some(Path::new("no-such-Containerfile")), Some(dir.path()))
            .unwrap_err();
        assert!(matches!(
            e,
            Error::Build(BuildError::DockerfileNotFound(ref p)) if p == Path::new("no-such-Containerfile")
        ));
        assert_eq!(
            e.to_string(),
            "the Containerfile no-such-Containerfile: no such file or directory"
        );
        let e = find_dockerfile(None, Some(dir.path())).unwrap_err();
        assert!(matches!(e, Error::Build(BuildError::NoDockerfile(_))));
        let e = read_secrets(&[(
            "tok".to_string(),
            SecretSource::Env("RPOD_TEST_UNSET_VARIABLE_42".to_string()),
        )])
        .unwrap_err();
        assert!(matches!(e, Error::Build(BuildError::SecretEnv { ref id, .. }) if id == "tok"));
        let e = read_secrets(&[(
            "f".to_string(),
            SecretSource::File(dir.path().join("missing")),
        )])
        .unwrap_err();
        assert!(matches!(e, Error::Build(BuildError::SecretFile { .. })));
    }
}
