fn main() {
    let text = carryover::generate::mos_cli_log(100_000_000, 1, 0);
    let source = carryover::source::Source::from_text("big.log", &text);
    drop(text);
    let t = std::time::Instant::now();
    let mut n = 0;
    carryover::syntax::mos_cli::parse_with(&source, 0, source.text.len(), 1, &mut |_node| {
        n += 1;
        Ok(())
    })
    .unwrap();
    let dt = t.elapsed();
    println!(
        "nodes {} in {:?}: {:.1} MB/s",
        n,
        dt,
        source.text.len() as f64 / 1e6 / dt.as_secs_f64()
    );
}
