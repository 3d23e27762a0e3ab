use super::*;

#[test]
fn floats_print_as_go() {
    assert_eq!(go_float(1.5), "1.5");
    assert_eq!(go_float(100.0), "100");
    assert_eq!(go_float(123_456.0), "123456");
    assert_eq!(go_float(1_000_000.0), "1e+06");
    assert_eq!(go_float(1_234_567.0), "1.234567e+06");
    assert_eq!(go_float(0.0001), "0.0001");
    assert_eq!(go_float(0.00001), "1e-05");
    assert_eq!(go_float(-2.25), "-2.25");
}

#[test]
fn printf_verbs() {
    let s = |v: &str| TValue::Str(v.into());
    assert_eq!(sprintf("%s=%d", &[s("a"), TValue::Int(3)]), "a=3");
    assert_eq!(sprintf("[%5s|%-5s]", &[s("ab"), s("cd")]), "[   ab|cd   ]");
    assert_eq!(
        sprintf(
            "%05d %x %X %o",
            &[
                TValue::Int(-42),
                TValue::Int(255),
                TValue::Int(255),
                TValue::Int(8)
            ]
        ),
        "-0042 ff FF 10"
    );
    assert_eq!(
        sprintf(
            "%.2f %e %g",
            &[
                TValue::Float(1.23456),
                TValue::Float(1234.5),
                TValue::Float(0.5)
            ]
        ),
        "1.23 1.234500e+03 0.5"
    );
    assert_eq!(
        sprintf(
            "%q %v %t",
            &[
                s("a\"b"),
                TValue::List(vec![s("x"), TValue::Int(1)]),
                TValue::Bool(true)
            ]
        ),
        "\"a\\\"b\" [x 1] true"
    );
    assert_eq!(sprintf("%d %s", &[s("x")]), "%!d(string=x) %!s(MISSING)");
    assert_eq!(
        sprintf("%d", &[TValue::Int(1), s("y")]),
        "1%!(EXTRA string=y)"
    );
    assert_eq!(sprintf("100%%", &[]), "100%");
    assert_eq!(
        sprintf("%c|%U", &[TValue::Int(65), TValue::Int(0x1F600)]),
        "A|U+1F600"
    );
}

#[test]
fn podman_functions() {
    let s = |v: &str| TValue::Str(v.into());
    assert_eq!(
        call("title", &[s("hello wide-world")]).unwrap(),
        s("Hello Wide-World")
    );
    assert_eq!(
        call("truncate", &[s("abcdef"), TValue::Int(3)]).unwrap(),
        s("abc")
    );
    assert_eq!(
        call("truncate", &[s("ab"), TValue::Int(3)]).unwrap(),
        s("ab")
    );
    assert_eq!(
        call("pad", &[s("x"), TValue::Int(2), TValue::Int(1)]).unwrap(),
        s("  x ")
    );
    assert_eq!(
        call("pad", &[s(""), TValue::Int(2), TValue::Int(1)]).unwrap(),
        s("")
    );
    assert_eq!(
        call("split", &[s("a,b"), s(",")]).unwrap(),
        TValue::List(vec![s("a"), s("b")])
    );
    assert_eq!(
        call("join", &[TValue::List(vec![s("a"), s("b")]), s("+")]).unwrap(),
        s("a+b")
    );
    assert_eq!(call("json", &[s("<a&b>")]).unwrap(), s("\"<a&b>\""));
    assert_eq!(call("upper", &[s("abc")]).unwrap(), s("ABC"));
    assert_eq!(call("lower", &[s("ABC")]).unwrap(), s("abc"));
}

#[test]
fn builtins() {
    let s = |v: &str| TValue::Str(v.into());
    assert_eq!(call("len", &[s("héllo")]).unwrap(), TValue::Int(6));
    assert_eq!(
        call("eq", &[TValue::Int(1), TValue::Int(2), TValue::Int(1)]).unwrap(),
        TValue::Bool(true)
    );
    assert_eq!(call("lt", &[s("a"), s("b")]).unwrap(), TValue::Bool(true));
    assert!(call("lt", &[TValue::Int(1), s("b")]).is_err());
    assert_eq!(
        call("slice", &[s("abcdef"), TValue::Int(1), TValue::Int(3)]).unwrap(),
        s("bc")
    );
    assert_eq!(
        call(
            "print",
            &[TValue::Int(1), TValue::Int(2), s("x"), TValue::Int(3)]
        )
        .unwrap(),
        s("1 2x3")
    );
    assert_eq!(
        call("println", &[s("a"), TValue::Int(1)]).unwrap(),
        s("a 1\n")
    );
    assert_eq!(
        call("html", &[s("<a href='x'>")]).unwrap(),
        s("&lt;a href=&#39;x&#39;&gt;")
    );
    assert_eq!(call("urlquery", &[s("a b&c")]).unwrap(), s("a+b%26c"));
    let m = TValue::Map {
        entries: vec![("k".into(), s("v"))],
        any: false,
    };
    assert_eq!(call("index", &[m.clone(), s("k")]).unwrap(), s("v"));
    assert_eq!(call("index", &[m, s("nope")]).unwrap(), s(""));
    let any = TValue::Map {
        entries: vec![],
        any: true,
    };
    assert_eq!(call("index", &[any, s("nope")]).unwrap(), TValue::Missing);
}
