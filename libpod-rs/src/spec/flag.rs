//! Errors of values that do not parse. A parser says what is wrong with a
//! value ([`Invalid`]); whoever read the value (the CLI, compose, kube
//! play, a Quadlet file) names where it came from ([`FlagError`]), so the
//! same parser serves every input: `-p 80:abc: invalid container port
//! "abc": ...`, `services.web.ports[0] 80:abc: ...`.

use std::fmt;
use std::str::FromStr;

/// Why a value does not parse, and what is accepted (without the value or
/// where it came from: [`FlagError`] adds those).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl Invalid {
    /// An explanation.
    pub fn new(reason: impl Into<String>) -> Invalid {
        Invalid(reason.into())
    }
}

/// A value of a named input (a flag such as `--network`, a compose key)
/// that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{flag} {value}: {reason}")]
pub struct FlagError {
    /// Where the value came from (`--network`, `-p`).
    pub flag: String,
    /// The value as given.
    pub value: String,
    /// What is wrong and what is accepted.
    pub reason: String,
}

impl FlagError {
    /// The error for `value` of `flag`, for the reason `why`.
    pub fn new(flag: &str, value: &str, why: impl fmt::Display) -> FlagError {
        FlagError {
            flag: flag.to_string(),
            value: value.to_string(),
            reason: why.to_string(),
        }
    }
}

/// Parses `value` of `flag` with `T`'s [`FromStr`], naming the flag on error.
pub fn parse_flag<T>(flag: &str, value: &str) -> Result<T, FlagError>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    value.parse().map_err(|e| FlagError::new(flag, value, e))
}

/// Parses the value of an optional `flag` (see [`parse_flag`]); `None` when
/// it is not given.
pub fn parse_opt_flag<T>(flag: &str, value: Option<&str>) -> Result<Option<T>, FlagError>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    value.map(|v| parse_flag(flag, v)).transpose()
}

/// Parses every value of a repeated `flag` (see [`parse_flag`]).
pub fn parse_flags<T>(flag: &str, values: &[String]) -> Result<Vec<T>, FlagError>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    values.iter().map(|v| parse_flag(flag, v)).collect()
}

/// Applies `f` to `value` of `flag`, naming the flag on error.
pub fn with_flag<T, E: fmt::Display>(
    flag: &str,
    value: &str,
    f: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, FlagError> {
    f(value).map_err(|e| FlagError::new(flag, value, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_and_value_lead_the_message() {
        let e = parse_flag::<u16>("-p", "80:abc").unwrap_err();
        assert!(e.to_string().starts_with("-p 80:abc: "), "{e}");
        assert_eq!(
            parse_flags::<u8>("--n", &["1".into(), "2".into()]),
            Ok(vec![1, 2])
        );
        let e = with_flag("--x", "v", |_| Err::<(), _>(Invalid::new("no"))).unwrap_err();
        assert_eq!(e.to_string(), "--x v: no");
    }
}
