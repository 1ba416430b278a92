//! SpamTitan. So far: its system update logs (`verify-update`).

pub mod update_log;
