//! `restore --all` on one `uce listexception primary whitelistto` list of 1,000,000 entries
//! (budget: under 3 s on two cores, reading included). Planning is O(N log N): it used to
//! look up every planned item in a vector, which took hours at this size.

use criterion::{criterion_group, criterion_main, Criterion};

use carryover::capture::{Capture, ReadOptions as Options};
use carryover::commands::restore::Request;
use carryover::model::Version;
use carryover::read::read_source;
use carryover::render::restore::restore;
use carryover::source::Source;
use carryover::vendors::mos::generate::one_list_log;

fn restore_one_list(c: &mut Criterion) {
    let bytes = one_list_log(1_000_000).into_bytes();
    let request = Request {
        to: Version::parse("4.2.3").unwrap(),
        all: true,
        show_secrets: false,
        runbook: true,
        import_files: false,
        script_name: "restore.txt".into(),
        inputs: vec!["big.log".into()],
        output_encoding: None,
    };
    let mut group = c.benchmark_group("restore");
    group.sample_size(10);
    group.bench_function("read + restore --all, one list of 1,000,000 entries", |b| {
        b.iter_batched(
            || bytes.clone(),
            |bytes| {
                let source = Source::from_bytes("big.log", bytes, None).unwrap();
                let mut capture = Capture::default();
                read_source(&source, &Options::default(), &mut capture).unwrap();
                drop(source);
                let outputs = restore(&capture, None, &request).unwrap();
                // Every entry, and the setting new in 4.2.3 (MOS-4.2.3-F-5).
                assert_eq!(outputs.commands, 1_000_001);
                outputs
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, restore_one_list);
criterion_main!(benches);
