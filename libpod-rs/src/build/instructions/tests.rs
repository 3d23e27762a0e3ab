//! The typed Dockerfile: instructions, flags, stages.

use std::time::Duration;

use super::*;

fn steps(text: &str) -> Vec<Instruction> {
    Dockerfile::parse(text)
        .unwrap()
        .stages
        .into_iter()
        .flat_map(|s| s.steps)
        .map(|s| s.instruction)
        .collect()
}

fn err(text: &str) -> ParseError {
    Dockerfile::parse(text).unwrap_err()
}

#[test]
fn every_instruction() {
    let d = Dockerfile::parse(
            "ARG BASE=busybox\nFROM --platform=$BUILDPLATFORM ${BASE} AS Build\nFROM scratch\nARG A B=2\nENV X=\"a b\" Y=c\nENV OLD some value\nLABEL \"k 1\"=v\nRUN --mount=type=cache,target=/root/.cache,sharing=locked --network=none make\nRUN [\"sh\", \"-c\", \"true\"]\nCOPY --from=build --chown=1:2 --chmod=0755 --link a* b/ /dst/\nADD --checksum=sha256:00 http://h/f /f\nCOPY <<-EOF /x\n\thello\n\tEOF\nWORKDIR /app\nUSER 1000:1000\nEXPOSE 80/tcp 443\nCMD [\"sh\"]\nENTRYPOINT exec app\nVOLUME [\"/data\"]\nVOLUME /a /b\nSTOPSIGNAL SIGKILL\nHEALTHCHECK --interval=5s --retries=3 CMD wget -q localhost\nHEALTHCHECK NONE\nSHELL [\"/bin/bash\", \"-c\"]\nONBUILD RUN echo on\nMAINTAINER me <me@example.com>\n",
        )
        .unwrap();
    assert_eq!(
        d.global_args,
        vec![ArgDef {
            name: "BASE".into(),
            default: Some("busybox".into())
        }]
    );
    assert_eq!(d.stages.len(), 2);
    assert_eq!(d.stages[0].name.as_deref(), Some("build"));
    assert_eq!(d.stages[0].base, "${BASE}");
    assert_eq!(d.stages[0].platform.as_deref(), Some("$BUILDPLATFORM"));
    assert_eq!(d.stages[1].base, "scratch");
    let s = &d.stages[1].steps;
    assert_eq!(s.len(), 22);
    assert_eq!(s[0].line, 4);
    assert_eq!(
        s[2].instruction,
        Instruction::Env(vec![KeyValue {
            key: "OLD".into(),
            value: "some value".into()
        }])
    );
    match &s[4].instruction {
        Instruction::Run(r) => {
            assert_eq!(r.mounts[0].kind, MountKind::Cache);
            assert_eq!(r.mounts[0].target.as_deref(), Some("/root/.cache"));
            assert_eq!(r.network, Some(RunNetwork::None));
            assert_eq!(r.command, Command::Shell("make".into()));
        }
        other => panic!("{other:?}"),
    }
    match &s[6].instruction {
        Instruction::Copy(c) => {
            assert_eq!(c.from.as_deref(), Some("build"));
            assert_eq!(c.chmod.as_deref(), Some("0755"));
            assert!(c.link && !c.add);
            assert_eq!(
                c.sources,
                vec![Source::Path("a*".into()), Source::Path("b/".into())]
            );
            assert_eq!(c.dest, "/dst/");
        }
        other => panic!("{other:?}"),
    }
    match &s[8].instruction {
        Instruction::Copy(c) => assert_eq!(
            c.sources,
            vec![Source::Inline {
                name: "EOF".into(),
                content: "hello\n".into(),
                expand: true
            }]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(s[14].instruction, Instruction::Volume(vec!["/data".into()]));
    match &s[17].instruction {
        Instruction::Healthcheck(Healthcheck::Check {
            interval,
            retries,
            command,
            ..
        }) => {
            assert_eq!(*interval, Duration::from_secs(5));
            assert_eq!(*retries, 3);
            assert_eq!(*command, Command::Shell("wget -q localhost".into()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        s[18].instruction,
        Instruction::Healthcheck(Healthcheck::None)
    );
    assert_eq!(
        s[20].instruction,
        Instruction::Onbuild("RUN echo on".into())
    );
    assert_eq!(
        s[21].instruction,
        Instruction::Maintainer("me <me@example.com>".into())
    );
}

#[test]
fn errors_name_the_line() {
    let e = err("FROM a\nFOO bar\n");
    assert_eq!(e.line, 2);
    assert!(e.message.contains("unknown instruction: FOO"), "{e}");
    assert_eq!(
        err("FROM a\nRUN --bogus x\n").message,
        "unknown flag: bogus"
    );
    assert!(err("RUN x\n").message.contains("no build stage"));
    assert!(err("ARG A\n").message.contains("no FROM"));
    assert!(err("FROM a\nCOPY onlyone\n")
        .message
        .contains("at least two"));
    assert!(err("FROM a\nENV A\n").message.contains("two arguments"));
    assert!(err("FROM a\nENV A=1 B\n").message.contains("can't find ="));
    assert!(err("FROM a\nSHELL sh -c\n").message.contains("JSON"));
    assert!(err("FROM a AS 1x\n").message.contains("invalid name"));
    assert!(err("FROM a AS x\nFROM b AS x\n")
        .message
        .contains("duplicate"));
    assert!(err("FROM a\nONBUILD ONBUILD RUN x\n")
        .message
        .contains("Chaining"));
    assert!(err("FROM a\nRUN --mount=type=cache echo\n")
        .message
        .contains("target"));
    assert!(err("FROM a\nRUN --mount=type=nfs,target=/x echo\n")
        .message
        .contains("unsupported"));
    assert!(err("FROM a\nHEALTHCHECK --interval=5x CMD true\n")
        .message
        .contains("interval"));
    assert!(err("FROM a\nRUN [1]\n").message.contains("strings only"));
    assert!(err("FROM a\nCOPY --link=maybe a b\n")
        .message
        .contains("boolean"));
    let e = err("FROM a\nRUN <<EOF\nx\n");
    assert_eq!(
        e.to_string(),
        "dockerfile parse error on line 2: unterminated heredoc"
    );
}

#[test]
fn run_heredocs_and_onbuild_copy() {
    let s = steps("FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\nONBUILD COPY <<EOF /x\nhi\nEOF\n");
    match &s[0] {
        Instruction::Run(r) => {
            assert_eq!(r.command, Command::Shell("python3 <<EOF".into()));
            assert_eq!(r.heredocs[0].content, "print(1)\n");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s[1], Instruction::Onbuild("COPY <<EOF /x\nhi\nEOF".into()));
}

#[test]
fn durations() {
    assert_eq!(parse_duration("1m30s").unwrap(), Duration::from_secs(90));
    assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
    assert_eq!(parse_duration("0").unwrap(), Duration::ZERO);
    assert!(parse_duration("5").is_err());
    assert!(parse_duration("").is_err());
}
