//! Writes a large deterministic MOS CLI log to standard output, for benchmarks:
//! `cargo run --release --example generate -- [ENTRIES] [SEED] [CHANGED_PER_MILLE] [STYLE]`.
//! STYLE: `teraterm` (the default: timestamps, CRLF, about 100 bytes an entry, lists across
//! delegated domains), `plain` (the same session without timestamps, LF), or `one-list` (one
//! primary whitelistto list; SEED and CHANGED_PER_MILLE are ignored).
use std::io::Write;

use carryover::vendors::mos::generate::{mos_cli_log, one_list_log, plain_cli_log, Spec};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| args.get(i).map(|a| a.parse::<u64>().expect("a number"));
    let mut spec = Spec::default();
    if let Some(n) = number(0) {
        spec.entries = n as usize;
    }
    if let Some(s) = number(1) {
        spec.seed = s;
    }
    if let Some(c) = number(2) {
        spec.changed_per_mille = c;
    }
    let text = match args.get(3).map_or("teraterm", String::as_str) {
        "teraterm" => mos_cli_log(spec),
        "plain" => plain_cli_log(spec),
        "one-list" => one_list_log(spec.entries),
        other => panic!("unknown style {other}: teraterm, plain or one-list"),
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .expect("stdout");
}
