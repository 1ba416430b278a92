//! Writes a fleet of generated captures for the `track` benchmark:
//! `cargo run --release --example fleet -- DIR [COUNT] [BYTES_EACH]` (default 10000 x 125 KB, about 1 GB).
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir =
        std::path::PathBuf::from(args.first().expect("usage: fleet DIR [COUNT] [BYTES_EACH]"));
    let count = args.get(1).map_or(10_000, |a| a.parse().expect("a count"));
    let bytes = args.get(2).map_or(125_000, |a| a.parse().expect("a size"));
    carryover::vendors::mos::generate::fleet(&dir, count, bytes).expect("writing the fleet");
}
