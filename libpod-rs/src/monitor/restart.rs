//! The restart policy as the detached monitor applies it: whether a
//! container that exited starts again, and how long to wait first.

use std::time::Duration;

use crate::container::State;
use crate::spec::RestartPolicy;

/// Whether the restart policy starts the container again after it exited
/// with `code` (`attempt` restarts so far; a stop by the user never does).
pub fn should_restart(policy: &RestartPolicy, state: &State, code: u8, attempt: u32) -> bool {
    policy.restarts(code, attempt, state.stopped_by_user)
}

/// The pause before restart number `attempt` (from 1): 100 ms doubling to
/// at most 10 s, as podman's restart loop.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(100u64 << attempt.min(7)).min(Duration::from_secs(10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_decisions() {
        let p: RestartPolicy = "on-failure:2".parse().unwrap();
        let s = State::default();
        assert!(should_restart(&p, &s, 1, 0));
        assert!(should_restart(&p, &s, 1, 1));
        assert!(!should_restart(&p, &s, 1, 2));
        assert!(!should_restart(&p, &s, 0, 0));
        let always: RestartPolicy = "always".parse().unwrap();
        assert!(should_restart(&always, &s, 0, 100));
        let stopped = State {
            stopped_by_user: true,
            ..State::default()
        };
        assert!(!should_restart(&always, &stopped, 0, 0));
        assert!(!should_restart(&RestartPolicy::default(), &s, 1, 0));
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        assert_eq!(backoff(1), Duration::from_millis(200));
        assert_eq!(backoff(2), Duration::from_millis(400));
        assert_eq!(backoff(6), Duration::from_millis(6400));
        assert_eq!(backoff(7), Duration::from_secs(10));
        assert_eq!(backoff(1000), Duration::from_secs(10));
    }
}
