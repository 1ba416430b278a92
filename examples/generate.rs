//! Writes a large deterministic MOS CLI log to standard output, for benchmarks:
//! `cargo run --release --example generate -- [ENTRIES] [SEED] [CHANGED_PER_MILLE] > big.log`
use std::io::Write;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numbers"))
        .collect();
    let mut spec = carryover::vendors::mos::generate::Spec::default();
    if let Some(&n) = args.first() {
        spec.entries = n as usize;
    }
    if let Some(&s) = args.get(1) {
        spec.seed = s;
    }
    if let Some(&c) = args.get(2) {
        spec.changed_per_mille = c;
    }
    let text = carryover::vendors::mos::generate::mos_cli_log(spec);
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .expect("stdout");
}
