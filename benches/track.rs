//! `track` over a fleet of 10,000 generated appliance captures, about 1 GB in all: throughput
//! on one and two threads. Peak memory (budget: bounded by the largest single capture, not the
//! fleet) is measured with `/usr/bin/time -v`, as the README shows.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let fleet = tempfile::tempdir().unwrap();
    carryover::vendors::mos::generate::fleet(fleet.path(), 10_000, 125_000).unwrap();
    let bytes: u64 = walkdir::WalkDir::new(fleet.path())
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum();
    let mut group = c.benchmark_group("track");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let repo = tempfile::tempdir().unwrap();
        group.bench_function(format!("10,000 captures, {threads} thread(s)"), |b| {
            b.iter(|| {
                pool.install(|| {
                    let report = carryover::commands::track::track(
                        fleet.path(),
                        repo.path(),
                        &carryover::capture::ReadOptions::default(),
                        &|| {},
                    )
                    .unwrap();
                    assert_eq!(report.appliances, 10_000);
                    report
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
