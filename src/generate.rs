//! Deterministic large captures for benchmarks and scale tests: a terminal log (timestamps,
//! CRLF) of an appliance with many delegated domains, each with a long whitelistto list, plus
//! settings, a key and over-quota messages.

use std::fmt::Write;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Exception entries in all (a million in the benchmark).
    pub entries: usize,
    /// Entries per delegated domain.
    pub per_domain: usize,
    /// Varies the addresses; the same seed gives the same bytes.
    pub seed: u64,
    /// Per mille of entries that differ from the seed's base capture, for a second capture to
    /// diff against the first (`0` for none).
    pub changed_per_mille: u64,
    /// The appliance's host name.
    pub host: String,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            entries: 1_000_000,
            per_domain: 10_000,
            seed: 1,
            changed_per_mille: 0,
            host: "rg01".into(),
        }
    }
}

/// A MOS CLI session log as Tera Term saves it with timestamps on: about 100 bytes an entry.
pub fn mos_cli_log(spec: Spec) -> String {
    let mut out = String::with_capacity(spec.entries * 100 + 8192);
    let mut second = 0u32;
    let mut line = |out: &mut String, text: &str| {
        second += 1;
        let (h, m, s) = (10 + second / 3600 % 12, second / 60 % 60, second % 60);
        let _ = write!(
            out,
            "[Thu Jun 16 {h:02}:{m:02}:{s:02}.{:03} 2011] {text}\r\n",
            second % 1000
        );
    };
    let host = spec.host.as_str();
    line(&mut out, "Mirapoint RazorGate RG7000 (MOS 4.2.3-GA)");
    for l in [
        format!("{host}> version"),
        "MOS4.2.3-GA".into(),
        "OK Completed".into(),
    ] {
        line(&mut out, &l);
    }
    for (name, value) in [
        ("maxmsgsum", "314572800"),
        ("fastpath", "on"),
        ("quarantinejunk", "on"),
        ("ldaprouting", "local"),
    ] {
        line(&mut out, &format!("{host}> smtp set {name} {value}"));
        line(&mut out, "OK Completed");
    }
    let key = [
        "#@Mirapoint-Key-1.0",
        "VHlwZT1NVEENCkhvc3RuYW1lPXJnMDEuZXhhbXBsZS5jby5qcA0K",
        "UEVNOg0KLS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0NCk1JR2ZN",
        "#@Mirapoint-Key-End",
    ];
    let key_bytes: usize = key.iter().map(|l| l.len() + 2).sum();
    line(&mut out, &format!("{host}> key getpublic MTA \"\""));
    line(
        &mut out,
        &format!("MTA public \"{host}.example.co.jp\" \"\" \"\" {{{key_bytes}}}"),
    );
    // The key block is raw literal bytes: no timestamps inside.
    for l in key {
        let _ = write!(out, "{l}\r\n");
    }
    line(&mut out, "OK Completed");
    let mut rng = spec
        .seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407)
        | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut written = 0;
    let mut domain = 0;
    while written < spec.entries {
        domain += 1;
        let name = format!("branch{domain:04}.example.co.jp");
        line(
            &mut out,
            &format!("{host}> uce listexception {name} whitelistto"),
        );
        for i in 0..spec.per_domain.min(spec.entries - written) {
            let r = next();
            let user = if spec.changed_per_mille > 0 && r % 1000 < spec.changed_per_mille {
                format!("renamed-{:07}", r % 9_999_991)
            } else {
                format!("newsletter-{i:07}")
            };
            line(&mut out, &format!("\"{user}@lists.{name}\""));
        }
        written += spec.per_domain.min(spec.entries - written);
        line(&mut out, "OK Completed");
    }
    out
}

/// Writes a fleet of `count` appliances' captures of about `bytes_each` bytes into `dir`, one
/// folder per appliance (`site<NNN>/<host>.log`), for the `track` benchmark.
pub fn fleet(dir: &std::path::Path, count: usize, bytes_each: usize) -> std::io::Result<()> {
    use rayon::prelude::*;
    (0..count).into_par_iter().try_for_each(|i| {
        let host = format!("rg{i:05}");
        let spec = Spec {
            entries: bytes_each / 100,
            per_domain: 500,
            seed: i as u64 + 1,
            changed_per_mille: 0,
            host: host.clone(),
        };
        let site = dir.join(format!("site{:03}", i % 100));
        std::fs::create_dir_all(&site)?;
        std::fs::write(site.join(format!("{host}.log")), mos_cli_log(spec))
    })
}
