//! Loader tests over whole projects (files in a temporary directory).
