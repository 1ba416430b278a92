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

/// A plain MOS CLI session log, LF line ends and no timestamps, as `script` or a terminal's
/// "save output" writes it: about 50 bytes an entry.
pub fn plain_cli_log(spec: Spec) -> String {
    mos_cli_log(spec)
        .split_terminator("\r\n")
        .map(|line| {
            line.strip_prefix('[')
                .and_then(|l| l.split_once("] "))
                .map_or(line, |(_, text)| text)
        })
        .fold(String::new(), |mut out, line| {
            out.push_str(line);
            out.push('\n');
            out
        })
}

/// A CLI log holding one `uce listexception primary whitelistto` list of `entries` entries,
/// not in sorted order, as an appliance lists them: about 30 bytes an entry.
pub fn one_list_log(entries: usize) -> String {
    let mut log = String::with_capacity(entries * 32 + 256);
    log.push_str("rg01> version\nMOS4.1.9-GA\nOK Completed\n");
    log.push_str("rg01> uce listexception primary whitelistto\n");
    for i in 0..entries {
        let k = (i * 7_919) % entries;
        let _ = writeln!(log, "\"user{k:07}@lists.example.com\"");
    }
    log.push_str("OK Completed\n");
    log
}

/// A MOS CLI session log as Tera Term saves it with timestamps on: about 100 bytes an entry.
pub fn mos_cli_log(spec: Spec) -> String {
    let mut log = TimestampedLog::with_capacity(spec.entries * 100 + 8192);
    let host = spec.host.as_str();
    banner_and_version(&mut log, host);
    smtp_settings(&mut log, host);
    public_key(&mut log, host);
    exception_lists(&mut log, &spec);
    log.out
}

/// A terminal log being written: every line but a literal's body gets the next second's
/// timestamp and a CRLF, as Tera Term writes them.
struct TimestampedLog {
    out: String,
    second: u32,
}

impl TimestampedLog {
    fn with_capacity(bytes: usize) -> TimestampedLog {
        TimestampedLog {
            out: String::with_capacity(bytes),
            second: 0,
        }
    }

    /// One line, stamped one second after the previous one.
    fn line(&mut self, text: &str) {
        self.second += 1;
        let second = self.second;
        let (h, m, s) = (10 + second / 3600 % 12, second / 60 % 60, second % 60);
        let _ = write!(
            self.out,
            "[Thu Jun 16 {h:02}:{m:02}:{s:02}.{:03} 2011] {text}\r\n",
            second % 1000
        );
    }

    /// One line of raw literal bytes, which the terminal log does not stamp.
    fn literal_line(&mut self, text: &str) {
        let _ = write!(self.out, "{text}\r\n");
    }
}

/// The login banner, then `version` and its answer.
fn banner_and_version(log: &mut TimestampedLog, host: &str) {
    log.line("Mirapoint RazorGate RG7000 (MOS 4.2.3-GA)");
    log.line(&format!("{host}> version"));
    log.line("MOS4.2.3-GA");
    log.line("OK Completed");
}

/// A few SMTP settings written, the ones the MOS 4.2.3 rules look at.
fn smtp_settings(log: &mut TimestampedLog, host: &str) {
    for (name, value) in [
        ("maxmsgsum", "314572800"),
        ("fastpath", "on"),
        ("quarantinejunk", "on"),
        ("ldaprouting", "local"),
    ] {
        log.line(&format!("{host}> smtp set {name} {value}"));
        log.line("OK Completed");
    }
}

/// `key getpublic`, answered with a key block as a counted literal.
fn public_key(log: &mut TimestampedLog, host: &str) {
    let key = [
        "#@Mirapoint-Key-1.0",
        "VHlwZT1NVEENCkhvc3RuYW1lPXJnMDEuZXhhbXBsZS5jby5qcA0K",
        "UEVNOg0KLS0tLS1CRUdJTiBQVUJMSUMgS0VZLS0tLS0NCk1JR2ZN",
        "#@Mirapoint-Key-End",
    ];
    let key_bytes: usize = key.iter().map(|l| l.len() + 2).sum();
    log.line(&format!("{host}> key getpublic MTA \"\""));
    log.line(&format!(
        "MTA public \"{host}.example.co.jp\" \"\" \"\" {{{key_bytes}}}"
    ));
    for l in key {
        log.literal_line(l);
    }
    log.line("OK Completed");
}

/// `uce listexception <domain> whitelistto` for as many delegated domains as it takes to list
/// `spec.entries` entries, `spec.per_domain` to a domain.
fn exception_lists(log: &mut TimestampedLog, spec: &Spec) {
    let host = spec.host.as_str();
    let mut random = XorShift::seeded(spec.seed);
    let mut written = 0;
    let mut domain = 0;
    while written < spec.entries {
        domain += 1;
        let name = format!("branch{domain:04}.example.co.jp");
        log.line(&format!("{host}> uce listexception {name} whitelistto"));
        let count = spec.per_domain.min(spec.entries - written);
        for i in 0..count {
            let r = random.next_u64();
            let user = if spec.changed_per_mille > 0 && r % 1000 < spec.changed_per_mille {
                format!("renamed-{:07}", r % 9_999_991)
            } else {
                format!("newsletter-{i:07}")
            };
            log.line(&format!("\"{user}@lists.{name}\""));
        }
        written += count;
        log.line("OK Completed");
    }
}

/// A small deterministic generator: the same seed gives the same addresses on every platform.
struct XorShift(u64);

impl XorShift {
    fn seeded(seed: u64) -> XorShift {
        XorShift(
            seed.wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407)
                | 1,
        )
    }

    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
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
