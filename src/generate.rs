//! Deterministic large captures for benchmarks and scale tests: many delegated domains with
//! their UCE exception lists, keys, settings and a few literals, as a CLI session log.

use std::fmt::Write;

/// A MOS CLI log of about `target_bytes`, the same for the same arguments. `seed` varies the
/// addresses; `changed_per_mille` of the exception values are altered, to make a second capture
/// that differs from the first (`0` for none).
pub fn mos_cli_log(target_bytes: usize, seed: u64, changed_per_mille: u64) -> String {
    let mut out = String::with_capacity(target_bytes + 4096);
    let host = "rg01";
    let _ = writeln!(out, "Mirapoint RazorGate RG7000 (MOS 4.2.3-GA)");
    let _ = writeln!(out, "{host}> version\nMOS4.2.3-GA\nOK Completed");
    for (name, value) in [
        ("maxmsgsum", "314572800"),
        ("fastpath", "on"),
        ("quarantinejunk", "on"),
        ("ldaprouting", "local"),
    ] {
        let _ = writeln!(out, "{host}> smtp set {name} {value}\nOK Completed");
    }
    let _ = writeln!(
        out,
        "{host}> key getpublic MTA \"\"\nMTA public \"{host}.example.com\" \"\" \"\" {{180}}"
    );
    let key = "#@Mirapoint-Key-1.0\nVHlwZT1NVEENCkhvc3RuYW1IPXJnMTAwYi00LnN2Zy5uaXNzaG8t\n\
               ZWxlLmNvLmpwDQpQRU06DQotLS0tLUJFR0l0IFBVQkxJQyBLRVkt\nRVktLS0tLQo=\n#@Mirapoint-Key-End\n";
    let _ = write!(out, "{key}\nOK Completed\n");
    let mut rng = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut domain = 0u64;
    while out.len() < target_bytes {
        domain += 1;
        let name = format!("d{domain:05}.example.jp");
        let _ = writeln!(out, "{host}> uce listexception {name} whitelistto");
        for i in 0..10_000u64 {
            let r = next();
            let user = if changed_per_mille > 0 && r % 1000 < changed_per_mille {
                format!("changed{}", r % 97)
            } else {
                format!("list{i:05}")
            };
            let _ = writeln!(out, "\"{user}@{name}\"");
            if out.len() >= target_bytes {
                break;
            }
        }
        let _ = writeln!(out, "OK Completed");
    }
    out
}
