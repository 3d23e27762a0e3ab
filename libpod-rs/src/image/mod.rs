//! placeholder: image
