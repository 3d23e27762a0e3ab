//! Containers: records, state and logs.

pub mod logs;
