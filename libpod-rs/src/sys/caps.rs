//! Capabilities of the calling thread: the bounding, ambient, effective,
//! permitted and inheritable sets, as 64-bit masks (bit N is capability N).

use nix::errno::Errno;
use rustix::thread::{CapabilitySet, CapabilitySets};

use super::errno;

fn one(cap: u32) -> CapabilitySet {
    CapabilitySet::from_bits_retain(1u64 << cap)
}

/// Sets the calling thread's effective, permitted and inheritable sets.
pub fn set(effective: u64, permitted: u64, inheritable: u64) -> Result<(), Errno> {
    rustix::thread::set_capabilities(
        None,
        CapabilitySets {
            effective: CapabilitySet::from_bits_retain(effective),
            permitted: CapabilitySet::from_bits_retain(permitted),
            inheritable: CapabilitySet::from_bits_retain(inheritable),
        },
    )
    .map_err(errno)
}

/// Drops one capability from the bounding set.
pub fn bound_drop(cap: u32) -> Result<(), Errno> {
    rustix::thread::remove_capability_from_bounding_set(one(cap)).map_err(errno)
}

/// Whether the running kernel knows capability `cap`.
pub fn known(cap: u32) -> bool {
    cap < 64 && rustix::thread::capability_is_in_bounding_set(one(cap)).is_ok()
}

/// Clears the ambient set.
pub fn ambient_clear() -> Result<(), Errno> {
    rustix::thread::clear_ambient_capability_set().map_err(errno)
}

/// Raises one capability in the ambient set.
pub fn ambient_raise(cap: u32) -> Result<(), Errno> {
    rustix::thread::configure_capability_in_ambient_set(one(cap), true).map_err(errno)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kernel_knows_the_first_capabilities_only() {
        assert!(known(0)); // CAP_CHOWN
        assert!(!known(63));
    }
}
