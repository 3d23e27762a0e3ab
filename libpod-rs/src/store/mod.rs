//! placeholder: store
