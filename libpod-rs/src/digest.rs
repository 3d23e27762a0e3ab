//! placeholder: digest
