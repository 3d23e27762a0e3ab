//! placeholder: sys
