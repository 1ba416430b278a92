//! The knowledge base against the release note it comes from: every numbered item has an
//! entry, every entry quotes the note word for word.

use carryover::knowledge::Detect;
use carryover::vendors::mos::knowledge::{releases, RELEASE_NOTE_4_2_3};

/// The ids the note's own numbering gives, read from the note itself.
fn ids_in_the_note() -> Vec<String> {
    let note = RELEASE_NOTE_4_2_3;
    let section = |start: &str, end: &str| {
        let from = note.find(start).unwrap();
        let to = from + note[from..].find(end).unwrap();
        &note[from..to]
    };
    let numbered = |text: &str| {
        text.lines()
            .filter_map(|l| {
                let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
                let rest = l[digits.len()..].trim_start();
                (!digits.is_empty() && rest.starts_with('.') && rest.len() > 2).then_some(digits)
            })
            .collect::<Vec<_>>()
    };
    // 対象のお客様 (who may upgrade): the series, and the purchase or maintenance contract.
    assert!(note.contains("対象のお客様") && note.contains("保守契約"));
    let mut ids = vec!["MOS-4.2.3-E-1".to_string(), "MOS-4.2.3-E-2".to_string()];
    for (prefix, start, end) in [
        ("F", "< 新機能 >", "< 主な変更/修正項目 >"),
        ("C", "< 主な変更/修正項目 >", "MOS4.2.3-GA 既知の問題"),
        ("KI", "MOS4.2.3-GA 既知の問題", "MOS バージョンアップの前に"),
    ] {
        ids.extend(
            numbered(section(start, end))
                .into_iter()
                .map(|n| format!("MOS-4.2.3-{prefix}-{n}")),
        );
    }
    ids.extend(note.lines().filter_map(|l| {
        let n = l.strip_prefix("- 注")?.chars().next()?;
        Some(format!("MOS-4.2.3-N-{n}"))
    }));
    // バージョンアップ方法 (stop the services first) and バージョン確認 (version after reboot).
    assert!(note.contains("事前にサービスを停止し") && note.contains("バージョン確認"));
    ids.extend(["MOS-4.2.3-U-1".to_string(), "MOS-4.2.3-U-2".to_string()]);
    let patches = section("\nPatch\n", "お問い合わせ窓口");
    let count = patches
        .lines()
        .filter(|l| l.starts_with("- D4") || l.starts_with("- E4"))
        .count();
    ids.extend((1..=count).map(|n| format!("MOS-4.2.3-P-{n}")));
    // The Patch section's closing remark: patches that vanish from `update list`.
    assert!(patches.contains("update list コマンドの結果に表示されないもの"));
    ids.push("MOS-4.2.3-PL-1".to_string());
    ids
}

#[test]
fn every_numbered_item_of_the_note_has_an_entry_and_no_more() {
    let release = &releases()[0];
    let entries: Vec<&str> = release.entries.iter().map(|e| e.id.as_str()).collect();
    let expected = ids_in_the_note();
    assert_eq!(
        expected.len(),
        2 + 5 + 8 + 8 + 6 + 2 + 4 + 1,
        "{expected:?}"
    );
    assert_eq!(entries, expected);
}

#[test]
fn every_entry_quotes_the_note_word_for_word() {
    for entry in &releases()[0].entries {
        assert!(
            RELEASE_NOTE_4_2_3.contains(&entry.source),
            "{}: `{}` is not in the note",
            entry.id,
            entry.source
        );
    }
}

#[test]
fn patches_in_entries_match_the_note_and_packages_are_known() {
    let release = &releases()[0];
    for name in [
        "D4_Adjust_SMTP_Params",
        "E4_antivirus_DA",
        "D4_2_3_admingui",
        "D4_2_3_backup_local",
    ] {
        assert!(RELEASE_NOTE_4_2_3.contains(&format!("- {name}")));
        assert!(release.entries.iter().any(|e| matches!(
            &e.detect,
            Some(Detect::UpdateMissing { name: n, .. }) if n == name
        ) || e.remedy.iter().any(
            |r| matches!(r, carryover::knowledge::Remedy::Patch { name: n, .. } if n == name)
        )));
    }
    for package in &release.packages {
        assert!(RELEASE_NOTE_4_2_3.contains(&package.url), "{}", package.url);
    }
    assert!(RELEASE_NOTE_4_2_3.contains("timeQuit=120s&cacheSize=0"));
}

mod spamtitan {
    use carryover::vendors::spamtitan::knowledge::{releases, RELEASE_NOTE_7_09};

    /// The note's numbering: preconditions 1..7 in its table, its cautions and new features as
    /// bullets, its updates as bullets, its fixes 1..3.
    fn ids_in_the_note() -> Vec<String> {
        let note = RELEASE_NOTE_7_09;
        let section = |start: &str, end: &str| {
            let from = note.find(start).unwrap();
            &note[from..from + note[from..].find(end).unwrap()]
        };
        let bullets = |text: &str| text.lines().filter(|l| l.starts_with("- ")).count();
        // Table rows: the cell after the last tab starts with the item's number.
        let numbered = |text: &str| {
            text.lines()
                .filter(|l| {
                    let cell = l.rsplit('\t').next().unwrap_or("");
                    cell.split(' ')
                        .next()
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                })
                .count()
        };
        let mut ids = Vec::new();
        let count = numbered(section(
            "アップデートに必要な条件",
            "アップデートに必要な時間",
        ));
        ids.extend((1..=count).map(|n| format!("ST-7.09-P-{n}")));
        // The header table's rows the rules use: settings carried over, mail reception
        // during the update, no automatic reboot.
        for row in [
            "システム設定の継承",
            "作業中のメール受信",
            "システム自動再起動",
        ] {
            assert!(note.contains(row), "{row}");
        }
        ids.extend((1..=3).map(|n| format!("ST-7.09-H-{n}")));
        let count = bullets(section("注意点", "新機能"));
        ids.extend((1..=count).map(|n| format!("ST-7.09-N-{n}")));
        let count = bullets(section("新機能", "\nアップデート\n"));
        ids.extend((1..=count).map(|n| format!("ST-7.09-F-{n}")));
        let count = bullets(section("\nアップデート\n", "バグ修正"));
        ids.extend((1..=count).map(|n| format!("ST-7.09-C-{n}")));
        let count = section("バグ修正", "アップデート経過ログ例")
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .count();
        ids.extend((1..=count).map(|n| format!("ST-7.09-B-{n}")));
        ids
    }

    #[test]
    fn every_item_of_the_7_09_note_has_an_entry_quoting_it() {
        let release = &releases()[0];
        let noted: Vec<&str> = release
            .entries
            .iter()
            .map(|e| e.id.as_str())
            .filter(|id| id.starts_with("ST-7.09-"))
            .collect();
        let expected = ids_in_the_note();
        assert_eq!(expected.len(), 7 + 3 + 5 + 1 + 4 + 3, "{expected:?}");
        assert_eq!(noted, expected);
        for entry in release
            .entries
            .iter()
            .filter(|e| e.id.starts_with("ST-7.09-"))
        {
            assert!(
                RELEASE_NOTE_7_09.contains(&entry.source),
                "{}: `{}`",
                entry.id,
                entry.source
            );
        }
    }
}

/// The capture plan marks every command whose form the catalog says is inferred, on a remark
/// line of its own before it (a remark after the command would be sent with it), and no other.
#[test]
fn the_capture_plan_marks_inferred_forms() {
    use carryover::vendors::Knowledge;
    let (code, out) = crate::common::run(&["capture", "--vendor", "mirapoint-mos"]);
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let mos = carryover::vendors::mos::Mos;
    let mut marked = 0;
    for (i, line) in lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'))
    {
        let remark = i.checked_sub(1).map(|p| lines[p]).unwrap_or("");
        let says = remark.starts_with("# inferred form: ") && remark.contains(&format!("`{line}`"));
        match mos.form_confirmed(line) {
            Some(false) => {
                assert!(says, "{line}: printed unmarked:\n{out}");
                marked += 1;
            }
            _ => assert!(!says, "{line}: marked, yet not inferred"),
        }
    }
    // domain list, ldap get autoreply, filter list, branding get quotamsg.
    assert!(marked >= 4, "{out}");
}

#[test]
fn every_entry_a_report_shows_has_its_phase_and_the_backup_comes_before_the_package() {
    use carryover::knowledge::{Phase, Report};
    for vendor in carryover::vendors::REGISTRY {
        let Some(knowledge) = vendor.knowledge() else {
            continue;
        };
        for entry in knowledge.releases().iter().flat_map(|r| &r.entries) {
            assert_eq!(
                entry.phase.is_some(),
                !entry.reports.is_empty(),
                "{}: a phase exactly where a report shows the entry",
                entry.id
            );
            if entry.reported_by(Report::Plan) && entry.id.ends_with("-N-4") {
                assert_eq!(entry.phase, Some(Phase::Before), "{}", entry.id);
            }
        }
    }
}

/// `restore` quotes the command it writes a new setting with, as the entry names it, and never
/// takes it from the remedy's order; and a check is never a command in words (a step that says
/// "run `...`" on this appliance is a command step, its words a note on it).
#[test]
fn restore_names_its_command_and_no_check_holds_a_command_to_run_here() {
    use carryover::knowledge::{Remedy, Report};
    for vendor in carryover::vendors::REGISTRY {
        let Some(knowledge) = vendor.knowledge() else {
            continue;
        };
        for entry in knowledge.releases().iter().flat_map(|r| &r.entries) {
            if entry.reported_by(Report::Restore)
                && matches!(entry.detect, Some(Detect::NewSetting { .. }))
            {
                assert!(entry.restore_command.is_some(), "{}", entry.id);
            }
            for step in &entry.remedy {
                if let Remedy::Check(text) = step {
                    assert!(
                        !text.contains("run `") && !text.contains("On this box"),
                        "{}: a command to type here is a command step: {text}",
                        entry.id
                    );
                }
            }
        }
    }
}
