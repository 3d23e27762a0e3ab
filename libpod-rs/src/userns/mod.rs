//! placeholder: userns
