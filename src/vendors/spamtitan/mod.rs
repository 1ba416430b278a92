//! SpamTitan: capture directories (settings, domains, allow and block lists, REST answers) and
//! system update logs.

pub mod capture;
pub mod dialect;
pub mod import;
pub mod knowledge;
pub mod update_log;
