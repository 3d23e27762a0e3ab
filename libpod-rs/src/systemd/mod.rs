//! placeholder: systemd
