//! placeholder: layer
