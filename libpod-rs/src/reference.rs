//! placeholder: reference
