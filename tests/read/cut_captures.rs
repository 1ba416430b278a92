//! Captures cut or garbled on the way to the file: a command line the terminal wrapped, a list
//! answer without its completion, a read the session ended under, a key typed with tab
//! completion, a log pasted from a ticket. Each is read right, or read with a warning and its
//! doubtful lines listed as not understood; never silently wrong.

use crate::common;

use carryover::capture::{Capture, NoteKind, ReadOptions as Options};
use common::*;

const RG: &str = "samples/mos/rg01-4.1.9-before.log";

fn rg() -> String {
    std::fs::read_to_string(root().join(RG)).unwrap()
}

fn read(text: &str) -> Capture {
    capture_of("t.log", text.as_bytes().to_vec(), &Options::default())
}

fn warnings(capture: &Capture) -> Vec<String> {
    capture
        .notes
        .iter()
        .filter_map(|(_, n)| match &n.kind {
            NoteKind::Warning(said) => Some(carryover::render::message::words(said)),
            _ => None,
        })
        .collect()
}

fn unrecognized(capture: &Capture) -> Vec<String> {
    capture
        .unrecognized()
        .map(|(_, n)| n.text.clone())
        .collect()
}

fn list(capture: &Capture, scope: &str, name: &str) -> Option<Vec<String>> {
    let list = capture.config.lists.get(scope)?.get(name)?;
    Some(list.iter().map(|(e, _)| e.to_string()).collect())
}

fn setting(capture: &Capture, name: &str) -> Option<String> {
    let item = capture.config.settings.get("system")?.get(name)?;
    Some(format!("{:?}", item.value))
}

#[test]
fn a_listing_wrapped_at_80_columns_files_its_entries_under_the_whole_list_name() {
    let log = "ms01> version\nMOS4.2.2-GA\nOK Completed\nms01> uce listexception \
               regional-sales-office.subsidiary.example.co.jp whitelist\nto\n\
               \"deals@lists.vendor.example\"\n\"@crm.example.net\"\nOK Completed\n";
    assert_eq!(log.lines().nth(3).unwrap().len(), 80);
    let capture = read(log);
    let scope = "regional-sales-office.subsidiary.example.co.jp";
    assert_eq!(
        list(&capture, scope, "whitelistto").unwrap(),
        ["@crm.example.net", "deals@lists.vendor.example"]
    );
    assert!(list(&capture, scope, "whitelist").is_none());
    assert!(unrecognized(&capture).is_empty());
    assert!(
        warnings(&capture)
            .iter()
            .any(|w| w.contains("80 columns") && w.contains("whitelistto")),
        "{:?}",
        warnings(&capture)
    );
}

#[test]
fn a_write_wrapped_at_80_columns_adds_the_whole_address() {
    let log = "rg01.example.co.jp> uce addexception local whitelistto another-very-long-address\n\
               -for-testing-wrap@example.co.jp\nOK Completed\n";
    let capture = read(log);
    assert_eq!(
        list(&capture, "local", "whitelistto").unwrap(),
        ["another-very-long-address-for-testing-wrap@example.co.jp"]
    );
    assert!(warnings(&capture).iter().any(|w| w.contains("wrapped")));
}

#[test]
fn a_write_cut_at_another_width_is_not_applied_and_its_rest_is_listed() {
    // 81 columns: no common terminal width, so the rest cannot be joined for sure.
    let log = "rg01.example.co.jp> version\nMOS4.1.9-GA\nOK Completed\n\
               rg01.example.co.jp> uce addexception local whitelistto another-very-long-addresss\n\
               -for-testing-wrap@example.co.jp\nOK Completed\n";
    let capture = read(log);
    assert!(list(&capture, "local", "whitelistto").is_none());
    assert_eq!(unrecognized(&capture), ["-for-testing-wrap@example.co.jp"]);
    assert!(warnings(&capture).iter().any(|w| w.contains("not applied")));
}

#[test]
fn a_listing_cut_at_another_width_is_not_applied() {
    let log = "ms01> version\nMOS4.2.2-GA\nOK Completed\n\
               ms01> uce listexception regional-sales-office.subsidiary.example.co.jp whitelis\n\
               to\n\"deals@lists.vendor.example\"\nOK Completed\n";
    let capture = read(log);
    let scope = "regional-sales-office.subsidiary.example.co.jp";
    assert!(list(&capture, scope, "whitelis").is_none());
    assert_eq!(unrecognized(&capture), ["to"]);
    assert!(warnings(&capture).iter().any(|w| w.contains("not applied")));
}

#[test]
fn a_listing_without_its_completion_adds_what_it_shows_and_is_not_known_in_full() {
    let head: String = rg().lines().take(31).map(|l| format!("{l}\n")).collect();
    assert!(head
        .trim_end()
        .ends_with("\"ml-support@lists.example.co.jp\""));
    let capture = read(&head);
    assert_eq!(
        list(&capture, "primary", "whitelistto").unwrap(),
        [
            "ml-sales@lists.example.co.jp",
            "ml-support@lists.example.co.jp"
        ]
    );
    let in_full = &capture.config.coverage.lists;
    assert!(
        !in_full
            .get("primary")
            .is_some_and(|l| l.contains("whitelistto")),
        "{in_full:?}"
    );
    assert!(warnings(&capture)
        .iter()
        .any(|w| w.contains("no completion") && w.contains("incomplete")));
    // The whole log lists it in full.
    let whole = read(&rg());
    assert!(whole.config.coverage.lists["primary"].contains("whitelistto"));
}

#[test]
fn a_read_without_completion_takes_no_value_from_the_next_session() {
    let text = format!("{}exit\nConnection closed by foreign host.\n{}", rg(), rg());
    let capture = read(&text);
    assert_eq!(setting(&capture, "smtp.maxmsgsum"), None);
    assert!(unrecognized(&capture).contains(&"exit".to_string()));
    let plain = read(&rg());
    assert_eq!(setting(&plain, "smtp.maxmsgsum"), None);
}

#[test]
fn a_read_cut_by_the_auto_logout_takes_no_value() {
    let text = format!(
        "{}smtp get maxmsgsum\ntimed out waiting for input: auto-logout\n",
        rg().trim_end().trim_end_matches("smtp get maxmsgsum")
    );
    let capture = read(&text);
    assert_eq!(setting(&capture, "smtp.maxmsgsum"), None);
    let text = "rg01> smtp get fastpath\nquit\nrg01> version\nMOS4.2.2-GA\nOK Completed\n";
    let capture = read(text);
    assert_eq!(setting(&capture, "smtp.fastpath"), None);
    assert!(warnings(&capture)
        .iter()
        .all(|w| !w.contains("not a valid value")));
}

fn export(text: &str) -> Capture {
    capture_of("t.cfg", text.as_bytes().to_vec(), &Options::default())
}

#[test]
fn a_known_command_with_a_missing_or_extra_argument_is_not_understood() {
    let capture = export(
        "# host: rg01\n# version: 4.2.3\nsmtp set fastpath\nsmtp set maxmsgsum 10 20\n\
         smtp set relaylimit 5\n",
    );
    assert_eq!(
        unrecognized(&capture),
        ["smtp set fastpath", "smtp set maxmsgsum 10 20"]
    );
    assert_eq!(setting(&capture, "smtp.fastpath"), None);
    assert!(setting(&capture, "smtp.relaylimit").is_some());
}

#[test]
fn a_trailing_remark_ends_an_export_command() {
    let capture = export(
        "# host: rg01\n# version: 4.2.3\nsmtp set fastpath off   # disabled, see KI-5\n\
         smtp set banner \"#1 relay\"  # a (remark) with \"quotes\"\n",
    );
    assert!(unrecognized(&capture).is_empty());
    assert_eq!(setting(&capture, "smtp.fastpath").unwrap(), "Bool(false)");
    assert_eq!(
        setting(&capture, "smtp.banner").unwrap(),
        "Text(\"#1 relay\")"
    );
    assert!(capture.config.raw.is_empty());
}

#[test]
fn a_bell_from_tab_completion_does_not_corrupt_the_key() {
    let log = "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> smtp get fast\x07path\n\
               fastpath off\nOK Completed\n";
    let capture = read(log);
    assert_eq!(setting(&capture, "smtp.fastpath").unwrap(), "Bool(false)");
    assert_eq!(capture.config.settings["system"].len(), 1);
    assert_eq!(capture.config.sources[0].info.escapes_removed, 1);
}

#[test]
fn a_command_aborted_with_ctrl_c_is_not_executed() {
    let log = "rg01> version\nMOS4.2.3-GA\nOK Completed\n\
               rg01> smtp set fastpath on^C\n\
               rg01> uce addexception local whitelistto a@b.jp^C\nOK Completed\nrg01> \n";
    let capture = read(log);
    assert_eq!(setting(&capture, "smtp.fastpath"), None);
    assert!(capture.config.lists.is_empty());
    assert_eq!(
        unrecognized(&capture),
        [
            "rg01> smtp set fastpath on^C",
            "rg01> uce addexception local whitelistto a@b.jp^C",
            "OK Completed"
        ]
    );
}

/// The model's items, without where they were read from.
fn items(capture: &Capture) -> String {
    let c = &capture.config;
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        c.appliance,
        c.settings
            .iter()
            .map(|(s, m)| (s, m.iter().map(|(k, v)| (k, &v.value)).collect::<Vec<_>>()))
            .collect::<Vec<_>>(),
        c.lists
            .iter()
            .map(|(s, m)| (
                s,
                m.keys().collect::<Vec<_>>(),
                m.values().map(|l| l.len()).collect::<Vec<_>>()
            ))
            .collect::<Vec<_>>(),
        c.messages
            .values()
            .flat_map(|m| m.values().map(|v| &v.value))
            .collect::<Vec<_>>(),
        c.licenses.keys().collect::<Vec<_>>(),
    )
}

fn prefixed(text: &str, prefix: &str) -> String {
    text.lines().map(|l| format!("{prefix}{l}\n")).collect()
}

#[test]
fn a_log_pasted_from_a_ticket_reads_as_the_log() {
    let plain = read(&rg());
    assert!(!plain.config.settings.is_empty());
    for (prefix, said) in [
        ("    ", "indentation of 4"),
        ("\t", "indentation of 1"),
        ("> ", "`> `"),
        (">", "`>`"),
    ] {
        let capture = read(&prefixed(&rg(), prefix));
        assert_eq!(items(&capture), items(&plain), "prefix {prefix:?}");
        assert!(
            warnings(&capture)
                .iter()
                .any(|w| w.contains(said) && w.contains("ticket")),
            "{prefix:?}: {:?}",
            warnings(&capture)
        );
    }
}

#[test]
fn iso_stamps_of_ts_are_removed() {
    let plain = read(&rg());
    for stamp in ["2011-06-16 10:00:00 ", "2011-06-16T10:00:00+0900 "] {
        let capture = read(&prefixed(&rg(), stamp));
        assert_eq!(items(&capture), items(&plain), "stamp {stamp:?}");
        assert_eq!(
            capture.config.sources[0].info.timestamps_removed,
            rg().lines().count() as u64
        );
    }
}

#[test]
fn a_prefix_it_does_not_know_is_named_in_the_error() {
    let (code, _) = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pasted.log");
        std::fs::write(&path, prefixed(&rg(), "| ")).unwrap();
        let out = assert_cmd::Command::cargo_bin("carryover")
            .unwrap()
            .args(["show", path.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("every line starts with `| `"), "{stderr}");
        (out.status.code().unwrap(), ())
    };
    assert_eq!(code, 2);
}

fn quotamsg(capture: &Capture) -> String {
    format!(
        "{:?}",
        capture.config.messages["system"]["branding.quotamsg"].value
    )
}

/// RG with `edit` applied to its lines (1-based numbers).
fn rg_edited(edit: impl Fn(usize, &str) -> String) -> String {
    rg().lines()
        .enumerate()
        .map(|(i, l)| edit(i + 1, l))
        .collect()
}

#[test]
fn a_pager_prompt_inside_a_message_is_no_part_of_it() {
    let plain = read(&rg());
    assert!(rg()
        .lines()
        .nth(50)
        .unwrap()
        .starts_with("Your mailbox is over its quota."));
    for pager in ["--More--", "-- More --", "--More--(45%)"] {
        let capture = read(&rg_edited(|n, l| {
            if n == 51 {
                format!("{l}\n{pager}\n")
            } else {
                format!("{l}\n")
            }
        }));
        assert_eq!(quotamsg(&capture), quotamsg(&plain), "{pager}");
        assert!(
            warnings(&capture)
                .iter()
                .any(|w| w.contains("pager prompt") && w.contains("line 52")),
            "{:?}",
            warnings(&capture)
        );
    }
}

#[test]
fn a_trailing_tab_on_a_message_line_is_padding_and_said() {
    let plain = read(&rg());
    let capture = read(&rg_edited(|n, l| {
        if n == 51 {
            format!("{l}\t\n")
        } else {
            format!("{l}\n")
        }
    }));
    assert_eq!(quotamsg(&capture), quotamsg(&plain));
    assert!(warnings(&capture).iter().any(|w| w.contains("padding")));
}

#[test]
fn a_license_listing_without_its_completion_is_said_to_be_incomplete() {
    let head: String = rg().lines().take(15).map(|l| format!("{l}\n")).collect();
    assert!(head.contains("license status") && !head.ends_with("OK Completed\n"));
    let capture = read(&head);
    assert!(
        warnings(&capture)
            .iter()
            .any(|w| w.contains("license status") && w.contains("incomplete")),
        "{:?}",
        warnings(&capture)
    );
}

/// A whitelistto listing the log cut short is seen, not listed in full: gaps names its scope
/// among those to capture again.
#[test]
fn a_cut_listing_leaves_its_scope_to_be_captured_again() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("cut.log");
    std::fs::write(
        &log,
        "rg01> version\nMOS4.1.9-GA\nOK Completed\n\
         rg01> uce listexception primary whitelistto\n\"a@example.com\"\n\"b@example.com\"\n",
    )
    .unwrap();
    let (_, out, err) = common::run_full(&["gaps", "--format", "json", log.to_str().unwrap()]);
    assert!(err.contains("may be incomplete"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let incomplete = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["rule"] == "MOS-4.2.3-KI-6" && f["summary"].as_str().unwrap().contains("incomplete")
        })
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        incomplete["summary"].as_str().unwrap().contains("primary"),
        "{incomplete}"
    );
}

/// Found by a probe: a pager prompt with only the completion after it means the pager was quit
/// there (a pager prompts only when there is more to show), and the listing read as the whole
/// list, so `diff` showed the entries it never showed as removed. It is now partial, with a
/// warning at the prompt's line; a prompt with entries after it is a page turned, not a quit.
#[test]
fn a_listing_that_ends_at_a_pager_prompt_is_not_the_whole_list() {
    let in_full = |c: &Capture| {
        c.config
            .coverage
            .lists
            .get("primary")
            .is_some_and(|l| l.contains("whitelistto"))
    };
    let head = "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> uce listexception primary whitelistto\n\"a@x.com\"\n";
    for pager in [
        "--More--",
        "--More--(45%)",
        " --More-- ",
        "\x1b[7m--More--\x1b[m",
    ] {
        let cut = read(&format!("{head}{pager}\nOK Completed\n"));
        let whitelistto = &cut.config.lists["primary"]["whitelistto"];
        assert_eq!(whitelistto.len(), 1, "{pager}");
        assert!(!in_full(&cut), "{pager:?}: read as the whole list");
        let said = warnings(&cut);
        assert_eq!(said.len(), 1, "{pager:?}: {said:?}");
        assert!(said[0].contains("ends at a pager prompt"), "{said:?}");
        assert_eq!(cut.notes[0].1.line, 6, "{pager:?}");
    }
    let turned = read(&format!("{head}--More--\n\"b@x.com\"\nOK Completed\n"));
    assert!(in_full(&turned));
    assert_eq!(list(&turned, "primary", "whitelistto").unwrap().len(), 2);
    assert!(warnings(&turned).is_empty(), "{:?}", warnings(&turned));
}

/// Found by a probe: an unquoted entry as wide as the terminal, its rest on the next line, read
/// as two entries (the cut address and `.jp`), with nothing said. Every list entry holds one
/// `@`: when the wide line or the next lacks it, they are one entry, rejoined with a warning;
/// two full addresses stay two entries.
#[test]
fn an_unquoted_entry_wrapped_at_80_columns_is_rejoined() {
    let listing = |lines: &[&str]| {
        read(&format!(
            "rg01> version\nMOS4.2.3-GA\nOK Completed\nrg01> uce listexception primary whitelistto\n{}\nOK Completed\n",
            lines.join("\n")
        ))
    };
    let address = format!("{}@lists.example.co.jp.example.co", "m".repeat(49));
    assert_eq!(address.len(), 80);
    let cut = listing(&[&address, ".jp", "other@example.com"]);
    assert_eq!(
        list(&cut, "primary", "whitelistto").unwrap(),
        [format!("{address}.jp"), "other@example.com".to_string()]
    );
    assert_eq!(warnings(&cut).len(), 1, "{:?}", warnings(&cut));
    assert!(
        warnings(&cut)[0].contains("rejoined with line 6"),
        "{:?}",
        warnings(&cut)
    );
    // Cut before the `@`: the local part alone is no entry.
    let local = "n".repeat(80);
    let before_at = listing(&["a@example.com", &local, "@x.example.jp"]);
    assert_eq!(
        list(&before_at, "primary", "whitelistto").unwrap(),
        ["a@example.com".to_string(), format!("{local}@x.example.jp")]
    );
    // One column short of the terminal, no wrap; a whole domain after a wide address may be an
    // entry of its own: two entries each time, nothing said.
    let short = format!("{}@example.com", "s".repeat(67));
    let domain = format!("{}@example.com", "d".repeat(68));
    for lines in [[short.as_str(), ".jp"], [domain.as_str(), "example.org"]] {
        let kept = listing(&lines);
        assert_eq!(
            list(&kept, "primary", "whitelistto").unwrap().len(),
            2,
            "{lines:?}"
        );
        assert!(
            !warnings(&kept).iter().any(|w| w.contains("rejoined")),
            "{lines:?}"
        );
    }
    // Two whole addresses, the first as wide as the terminal: two entries, nothing said.
    let wide = format!("{}@example.com", "w".repeat(68));
    let two = listing(&[&wide, "b@example.com"]);
    assert_eq!(
        list(&two, "primary", "whitelistto").unwrap(),
        ["b@example.com".to_string(), wide.clone()]
    );
    assert!(warnings(&two).is_empty(), "{:?}", warnings(&two));
}

/// Found by a probe: a pager prompt the terminal erased (`--More--\r        \rOK Completed`)
/// left only the completion, so a quit listing read as whole; and `domain list` or
/// `trustedhost list` ending at a pager prompt read as whole too, so `diff` showed what the
/// pager never showed as removed. Each is now a quit: the list not known in full, said.
#[test]
fn a_pager_quit_is_told_when_the_prompt_was_erased_and_for_every_listing() {
    let head = "ms01> version\nMOS4.2.2-GA\nOK Completed\n";
    let in_full = |c: &Capture| {
        c.config
            .coverage
            .lists
            .get("primary")
            .is_some_and(|l| l.contains("whitelist"))
    };
    let listing = |end: &str| {
        read(&format!(
            "{head}ms01> uce listexception primary whitelist\n\"a1@x.com\"\n\"a2@x.com\"\n{end}"
        ))
    };
    for erased in [
        "--More--\r        \rOK Completed\n",
        "--More--\r\x1b[KOK Completed\n",
    ] {
        let quit = listing(erased);
        assert!(!in_full(&quit), "{erased:?}");
        assert!(
            warnings(&quit)[0].contains("ends at a pager prompt"),
            "{:?}",
            warnings(&quit)
        );
    }
    // Erased before the next entry: a page turned, the list whole.
    let turned = listing("--More--\r        \r\"a3@x.com\"\nOK Completed\n");
    assert!(in_full(&turned) && warnings(&turned).is_empty());
    assert_eq!(list(&turned, "primary", "whitelist").unwrap().len(), 3);

    let cut = read(&format!(
        "{head}ms01> domain list\n\"sales.example.com\"\n--More--\nOK Completed\n\
         ms01> trustedhost list mtagroup\n\"192.0.2.21\"\n--More--\nOK Completed\n"
    ));
    assert!(!cut.config.coverage.domains_in_full);
    assert!(!cut.config.coverage.trusted_host_groups.contains("mtagroup"));
    assert_eq!(warnings(&cut).len(), 2, "{:?}", warnings(&cut));
}
