//! placeholder: registry
