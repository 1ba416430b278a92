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

/// A CLI log holding one list of `n` entries.
fn one_list(n: usize) -> Vec<u8> {
    let mut log = String::with_capacity(n * 40 + 256);
    log.push_str("rg01> version\nMOS4.1.9-GA\nOK Completed\n");
    log.push_str("rg01> uce listexception primary whitelistto\n");
    for i in 0..n {
        // Not in sorted order, as an appliance lists them.
        let k = (i * 7_919) % n;
        log.push_str(&format!("\"user{k:07}@lists.example.com\"\n"));
    }
    log.push_str("OK Completed\n");
    log.into_bytes()
}

fn restore_one_list(c: &mut Criterion) {
    let bytes = one_list(1_000_000);
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
                assert_eq!(outputs.commands, 1_000_000);
                outputs
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, restore_one_list);
criterion_main!(benches);
