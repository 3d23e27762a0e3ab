//! The build plan: which stages the target needs (through FROM an earlier
//! stage, `COPY --from` and `RUN --mount=from=`), in an order where each
//! stage comes after those it uses, grouped into levels whose stages do
//! not depend on each other (they may be built in parallel); and the cache
//! key of a step.
//!
//! Pure: stage bases are expanded with the global ARGs, nothing is pulled.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest as _, Sha256};

use super::args::GlobalScope;
use super::instructions::{Dockerfile, Instruction};
use super::shell::Lexer;
use crate::digest::Digest;

/// What a stage starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// `FROM scratch`: nothing.
    Scratch,
    /// An earlier stage (its index).
    Stage(usize),
    /// An image reference (expanded).
    Image(String),
}

/// A stage in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedStage {
    /// Its index in the Dockerfile.
    pub index: usize,
    /// Its base.
    pub base: Base,
    /// Earlier stages it reads (base, `COPY --from`, `--mount=from=`), sorted.
    pub stage_deps: Vec<usize>,
    /// Images it reads files from (`COPY --from=IMAGE`, `--mount=from=IMAGE`).
    pub image_deps: Vec<String>,
}

/// The stages to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The needed stages, each after the ones it depends on.
    pub stages: Vec<PlannedStage>,
    /// The index of the target stage (the last one built).
    pub target: usize,
    /// Stage indexes grouped so that a group depends only on earlier groups.
    pub levels: Vec<Vec<usize>>,
}

impl Plan {
    /// The planned stage with Dockerfile index `index`.
    pub fn stage(&self, index: usize) -> Option<&PlannedStage> {
        self.stages.iter().find(|s| s.index == index)
    }
}

/// What shapes the plan besides the Dockerfile: build's flags.
#[derive(Debug, Clone, Default)]
pub struct PlanOptions<'a> {
    /// `--target`: a stage name or index (the last stage when `None`).
    pub target: Option<&'a str>,
    /// `--build-context` names, each with its image reference when it is
    /// an image (`None`: a directory). A name wins over a stage's.
    pub contexts: BTreeMap<String, Option<String>>,
    /// `--skip-unused-stages=false`: every stage is built, not only those
    /// the target needs.
    pub all_stages: bool,
    /// `--from`: the first FROM's base, replaced.
    pub from: Option<&'a str>,
}

/// A stage reference (`--from`, a FROM base) as a stage index, if it names one defined before `before`.
pub fn stage_ref(df: &Dockerfile, name: &str, before: usize) -> Option<usize> {
    let lower = name.to_ascii_lowercase();
    if let Ok(n) = name.parse::<usize>() {
        return (n < before).then_some(n);
    }
    df.stages[..before]
        .iter()
        .rposition(|s| s.name.as_deref() == Some(lower.as_str()))
}

/// Plans the build of `target` (a stage name or index; the last stage when `None`).
pub fn plan(
    df: &Dockerfile,
    global: &GlobalScope,
    escape: char,
    opts: &PlanOptions<'_>,
) -> Result<Plan, String> {
    let lx = Lexer::new(escape);
    let mut all = Vec::new();
    for (i, stage) in df.stages.iter().enumerate() {
        let written = match (i, opts.from) {
            (0, Some(f)) => f,
            _ => stage.base.as_str(),
        };
        let mut base_name = lx
            .word(written, global.vars())
            .map_err(|e| format!("line {}: {e}", stage.line))?;
        if base_name.is_empty() {
            return Err(format!(
                "line {}: base name ({}) should not be blank",
                stage.line, stage.base
            ));
        }
        match opts.contexts.get(&base_name) {
            Some(Some(image)) => base_name.clone_from(image),
            Some(None) => {
                return Err(format!(
                    "line {}: FROM {base_name}: the build context {base_name} is a directory, and FROM takes an image: give it as --build-context {base_name}=container-image://IMAGE",
                    stage.line
                ))
            }
            None => {}
        }
        let base = if base_name.eq_ignore_ascii_case("scratch") {
            Base::Scratch
        } else if let Some(n) = df.stages[..i]
            .iter()
            .rposition(|s| s.name.as_deref() == Some(base_name.to_ascii_lowercase().as_str()))
        {
            Base::Stage(n)
        } else {
            Base::Image(base_name)
        };
        let mut stage_deps = BTreeSet::new();
        let mut image_deps = Vec::new();
        if let Base::Stage(n) = base {
            stage_deps.insert(n);
        }
        let mut from_ref = |name: &str, line: usize| -> Result<(), String> {
            let name = lx
                .word(name, global.vars())
                .map_err(|e| format!("line {line}: {e}"))?;
            if opts.contexts.contains_key(&name) {
                // A build context: no stage, no image to plan for.
                return Ok(());
            }
            match stage_ref(df, &name, i) {
                Some(n) => {
                    stage_deps.insert(n);
                }
                None if name.parse::<usize>().is_ok() => {
                    return Err(format!(
                        "line {line}: --from={name}: there is no stage {name} before this one"
                    ))
                }
                None if df.stages.iter().any(|s| s.name.as_deref() == Some(name.as_str())) => {
                    return Err(format!(
                        "line {line}: --from={name}: the stage is defined later; a stage can only use earlier ones"
                    ))
                }
                None => {
                    if !image_deps.contains(&name) {
                        image_deps.push(name);
                    }
                }
            }
            Ok(())
        };
        for step in &stage.steps {
            match &step.instruction {
                Instruction::Copy(c) => {
                    if let Some(f) = &c.from {
                        from_ref(f, step.line)?;
                    }
                }
                Instruction::Run(r) => {
                    for m in &r.mounts {
                        if let Some(f) = &m.from {
                            from_ref(f, step.line)?;
                        }
                    }
                }
                _ => {}
            }
        }
        all.push(PlannedStage {
            index: i,
            base,
            stage_deps: stage_deps.into_iter().collect(),
            image_deps,
        });
    }
    let target = match opts.target {
        None => df.stages.len() - 1,
        Some(t) => stage_ref(df, t, df.stages.len()).ok_or_else(|| {
            format!(
                "target stage {t:?} could not be found: the Dockerfile's stages are {}",
                stage_names(df)
            )
        })?,
    };
    // The stages the target reaches.
    let mut needed = BTreeSet::new();
    let mut todo = vec![target];
    if opts.all_stages {
        todo.extend(0..=target);
    }
    while let Some(s) = todo.pop() {
        if needed.insert(s) {
            todo.extend(all[s].stage_deps.iter().copied());
        }
    }
    // Dependencies are always earlier stages: Dockerfile order is a valid order.
    let stages: Vec<PlannedStage> = all
        .into_iter()
        .filter(|s| needed.contains(&s.index))
        .collect();
    let mut level_of = std::collections::BTreeMap::new();
    let mut levels: Vec<Vec<usize>> = Vec::new();
    for s in &stages {
        let level = s
            .stage_deps
            .iter()
            .map(|d| level_of[d] + 1)
            .max()
            .unwrap_or(0);
        level_of.insert(s.index, level);
        if levels.len() <= level {
            levels.resize(level + 1, Vec::new());
        }
        levels[level].push(s.index);
    }
    Ok(Plan {
        stages,
        target,
        levels,
    })
}

fn stage_names(df: &Dockerfile) -> String {
    df.stages
        .iter()
        .map(|s| s.name.clone().unwrap_or_else(|| s.index.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a step's cache key covers.
#[derive(Debug, Clone, Default)]
pub struct KeyParts<'a> {
    /// The state the step starts from (base image and the steps before it).
    pub parent: &'a str,
    /// The instruction, expanded, with its flags.
    pub instruction: &'a str,
    /// The build arguments in scope that the step can see (name, value).
    pub args: &'a [(String, String)],
    /// The target platform.
    pub platform: &'a str,
    /// COPY/ADD: the digest of what the sources select (and of other
    /// inputs: a stage's or image's state for `--from`, fetched URLs).
    pub content: Option<&'a Digest>,
}

/// The cache key of a step.
pub fn step_key(k: &KeyParts<'_>) -> Digest {
    let mut h = Sha256::new();
    let mut field = |name: &str, value: &str| {
        h.update(name.as_bytes());
        h.update((value.len() as u64).to_le_bytes());
        h.update(value.as_bytes());
    };
    field("rpod-build-step-v1", "");
    field("parent", k.parent);
    field("instruction", k.instruction);
    for (n, v) in k.args {
        field("arg", n);
        field("value", v);
    }
    field("platform", k.platform);
    if let Some(c) = k.content {
        field("content", &c.to_string());
    }
    Digest::from_sha256(h.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::args::platform_args;
    use crate::registry::manifest::Platform;
    use std::collections::BTreeMap;

    fn planned(text: &str, target: Option<&str>, given: &[(&str, &str)]) -> Result<Plan, String> {
        let df = Dockerfile::parse(text).unwrap();
        let given: BTreeMap<String, String> = given
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let p = Platform {
            os: "linux".into(),
            architecture: "amd64".into(),
            variant: None,
        };
        let g = GlobalScope::new(
            &df.global_args,
            &given,
            platform_args(&p, &p, target.unwrap_or("")),
            &Lexer::new('\\'),
        )
        .unwrap();
        plan(
            &df,
            &g,
            '\\',
            &PlanOptions {
                target,
                ..PlanOptions::default()
            },
        )
    }

    #[test]
    fn build_contexts_all_stages_and_from_override() {
        let df = Dockerfile::parse(MULTI).unwrap();
        let p = Platform {
            os: "linux".into(),
            architecture: "amd64".into(),
            variant: None,
        };
        let g = GlobalScope::new(
            &df.global_args,
            &BTreeMap::new(),
            platform_args(&p, &p, ""),
            &Lexer::new('\\'),
        )
        .unwrap();
        let mut opts = PlanOptions {
            all_stages: true,
            from: Some("alpine:3"),
            ..PlanOptions::default()
        };
        let all = plan(&df, &g, '\\', &opts).unwrap();
        assert_eq!(all.stages.len(), 5, "the unused stage is built too");
        assert_eq!(all.stage(0).unwrap().base, Base::Image("alpine:3".into()));
        // A context named like a stage wins: `build` no longer needs stage 1
        // through COPY --from=assets, nor does FROM busybox name an image.
        opts.all_stages = false;
        opts.from = None;
        opts.contexts.insert("assets".into(), None);
        opts.contexts
            .insert("busybox".into(), Some("localhost/bb:1".into()));
        let p = plan(&df, &g, '\\', &opts).unwrap();
        assert_eq!(p.stage(2).unwrap().stage_deps, vec![0]);
        assert_eq!(
            p.stage(4).unwrap().base,
            Base::Image("localhost/bb:1".into())
        );
        opts.contexts.insert("busybox".into(), None);
        assert!(plan(&df, &g, '\\', &opts)
            .unwrap_err()
            .contains("--build-context busybox=container-image://IMAGE"));
    }

    const MULTI: &str = "ARG BASE=busybox\nFROM ${BASE} AS deps\nRUN make deps\nFROM scratch AS assets\nCOPY x /x\nFROM deps AS build\nCOPY --from=assets /x /x\nRUN make\nFROM alpine AS unused\nRUN true\nFROM busybox AS runtime\nCOPY --from=build /app /app\nCOPY --from=docker.io/library/tool:1 /t /t\nRUN --mount=type=bind,from=1,target=/a true\n";

    #[test]
    fn the_target_builds_only_what_it_needs() {
        let p = planned(MULTI, None, &[]).unwrap();
        let order: Vec<usize> = p.stages.iter().map(|s| s.index).collect();
        assert_eq!(order, vec![0, 1, 2, 4], "the unused stage is left out");
        assert_eq!(p.target, 4);
        assert_eq!(p.stage(0).unwrap().base, Base::Image("busybox".into()));
        assert_eq!(p.stage(2).unwrap().base, Base::Stage(0));
        assert_eq!(p.stage(2).unwrap().stage_deps, vec![0, 1]);
        assert_eq!(p.stage(4).unwrap().stage_deps, vec![1, 2]);
        assert_eq!(
            p.stage(4).unwrap().image_deps,
            vec!["docker.io/library/tool:1".to_string()]
        );
        // deps and assets are independent: one level, in parallel.
        assert_eq!(p.levels, vec![vec![0, 1], vec![2], vec![4]]);

        let p = planned(MULTI, Some("build"), &[("BASE", "alpine")]).unwrap();
        let order: Vec<usize> = p.stages.iter().map(|s| s.index).collect();
        assert_eq!(order, vec![0, 1, 2]);
        assert_eq!(p.stage(0).unwrap().base, Base::Image("alpine".into()));
        assert!(planned(MULTI, Some("nope"), &[])
            .unwrap_err()
            .contains("could not be found"));
        assert_eq!(planned(MULTI, Some("1"), &[]).unwrap().stages.len(), 1);
    }

    #[test]
    fn bad_references() {
        assert!(planned("FROM a\nCOPY --from=1 /x /x\nFROM b\n", None, &[])
            .unwrap_err()
            .contains("no stage 1"));
        assert!(planned(
            "FROM a\nCOPY --from=later /x /x\nFROM b AS later\n",
            Some("0"),
            &[]
        )
        .unwrap_err()
        .contains("defined later"));
        assert!(planned("ARG X\nFROM $X\n", None, &[])
            .unwrap_err()
            .contains("blank"));
    }

    #[test]
    fn keys_change_with_each_input() {
        let d = Digest::sha256_of(b"content");
        let d2 = Digest::sha256_of(b"other");
        let args = vec![("A".to_string(), "1".to_string())];
        let base = KeyParts {
            parent: "p",
            instruction: "COPY . .",
            args: &args,
            platform: "linux/amd64",
            content: Some(&d),
        };
        let k = step_key(&base);
        assert_eq!(k, step_key(&base.clone()));
        let args2 = vec![("A".to_string(), "2".to_string())];
        for other in [
            KeyParts {
                parent: "q",
                ..base.clone()
            },
            KeyParts {
                instruction: "COPY . /",
                ..base.clone()
            },
            KeyParts {
                args: &args2,
                ..base.clone()
            },
            KeyParts {
                platform: "linux/arm64",
                ..base.clone()
            },
            KeyParts {
                content: Some(&d2),
                ..base.clone()
            },
            KeyParts {
                content: None,
                ..base.clone()
            },
        ] {
            assert_ne!(step_key(&other), k, "{other:?}");
        }
        // Fields cannot run into each other.
        let a = KeyParts {
            parent: "ab",
            instruction: "c",
            ..Default::default()
        };
        let b = KeyParts {
            parent: "a",
            instruction: "bc",
            ..Default::default()
        };
        assert_ne!(step_key(&a), step_key(&b));
    }
}
