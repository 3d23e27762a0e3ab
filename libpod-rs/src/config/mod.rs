//! placeholder: config
