//! `show` throughput on a generated 84 MB Tera Term log with a million whitelistto entries
//! (budget: at least 100 MB/s on one core), and its scaling to two threads.
//!
//! Peak memory (budget: under twice the input) is not a criterion figure; measure it with
//! `/usr/bin/time -v` as the README shows.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use carryover::capture::{Capture, ReadOptions as Options};
use carryover::read::read_source;
use carryover::render::{write_model, ModelFormat};
use carryover::source::Source;
use carryover::vendors::mos::generate::{mos_cli_log, Spec};

fn show(c: &mut Criterion) {
    let text = mos_cli_log(Spec::default());
    let bytes = text.into_bytes();
    let mut group = c.benchmark_group("show");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_function(format!("read+render, {threads} thread(s)"), |b| {
            b.iter_batched(
                || bytes.clone(),
                |bytes| {
                    pool.install(|| {
                        let source = Source::from_bytes("big.log", bytes, None).unwrap();
                        let mut capture = Capture::default();
                        read_source(&source, &Options::default(), &mut capture).unwrap();
                        drop(source);
                        let mut sink = std::io::sink();
                        write_model(&mut sink, &capture.config, ModelFormat::Ron, false).unwrap();
                        capture
                    })
                },
                criterion::BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, show);
criterion_main!(benches);
