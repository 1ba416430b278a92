//! `diff` on two generated logs of a million whitelistto entries each, 1% of them changed
//! (budget: under 1 s, and faster than GNU diff on the same two files).

use criterion::{criterion_group, criterion_main, Criterion};

use carryover::capture::Capture;
use carryover::ops::diff::{diff, DiffOptions as Options};
use carryover::read::read_source;
use carryover::source::Source;
use carryover::vendors::mos::generate::{mos_cli_log, Spec};

fn read(bytes: Vec<u8>) -> Capture {
    let source = Source::from_bytes("big.log", bytes, None).unwrap();
    let mut capture = Capture::default();
    read_source(
        &source,
        &carryover::capture::ReadOptions::default(),
        &mut capture,
    )
    .unwrap();
    capture
}

fn bench(c: &mut Criterion) {
    let old = mos_cli_log(Spec::default()).into_bytes();
    let new = mos_cli_log(Spec {
        changed_per_mille: 10,
        ..Spec::default()
    })
    .into_bytes();
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    group.bench_function("read both + diff, 1M entries, 1% changed", |b| {
        b.iter_batched(
            || (old.clone(), new.clone()),
            |(old, new)| {
                let (a, b) = rayon::join(|| read(old), || read(new));
                let differences = diff(
                    &a.config,
                    &b.config,
                    &Options {
                        ignore: &|_| false,
                        show_secrets: false,
                    },
                );
                assert_eq!(differences.len(), 20_166);
                differences
            },
            criterion::BatchSize::PerIteration,
        )
    });
    let (a, b) = (read(old), read(new));
    group.bench_function("diff only, 1M entries, 1% changed", |bench| {
        bench.iter(|| {
            diff(
                &a.config,
                &b.config,
                &Options {
                    ignore: &|_| false,
                    show_secrets: false,
                },
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
