//! `restore --check`: the script applied to the post-upgrade capture in memory, shown as an
//! explained diff against the pre-upgrade capture, before anything is sent.

use super::common;

const PRE: &str = "samples/mos/rg01-4.1.9-before.log";

/// The pre-upgrade log as the upgraded appliance answers the same commands: version 4.2.3,
/// fastpath on (KI-5's remedy), the package installed, three `whitelistto` entries gone (KI-6)
/// and the over-quota message back to the default (KI-8). It looked at everything the
/// pre-upgrade log looked at.
fn post_log(dir: &std::path::Path) -> String {
    let pre = std::fs::read_to_string(common::root().join(PRE)).unwrap();
    let quota = "{99}\nYour mailbox is over its quota.\n\
                 Please delete old messages or contact the help desk (ext. 4410).\n";
    let post = pre
        .replace("MOS 4.1.9-GA", "MOS 4.2.3-GA")
        .replace("MOS4.1.9-GA", "MOS4.2.3-GA")
        .replace("smtp get fastpath\noff", "smtp get fastpath\non")
        .replace("\"ml-sales@lists.example.co.jp\"\n", "")
        .replace("\"ml-support@lists.example.co.jp\"\n", "")
        .replace("\"news@Mailer.Example.NET\"\n", "")
        .replace(quota, "{25}\nMailbox quota exceeded.\n")
        .replace(
            "\"E4_antivirus_DA\" \"installed 2011-02-20\"\n",
            "\"E4_antivirus_DA\" \"installed 2011-02-20\"\n\"R4_2_3c_GA\" \"installed 2011-06-16\"\n",
        );
    assert_ne!(post, pre);
    assert!(!post.contains("ml-sales") && post.contains("quota exceeded"));
    let path = dir.join("rg01-after-full.log");
    std::fs::write(&path, post).unwrap();
    path.to_str().unwrap().to_string()
}

/// The loop of the upgrade: the explained diff names what was lost (KI-6, KI-8) and exits 1;
/// the restore's proof shows nothing would still differ once the script has run, and exits 0.
#[test]
fn the_explained_diff_names_the_losses_and_the_proof_shows_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let post = post_log(dir.path());
    let (code, out) = common::run(&["diff", "--explain", "--format", "json", PRE, &post]);
    assert_eq!(code, 1, "{out}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let label_of = |path: &str| {
        let changes = doc["changes"].as_array().unwrap();
        let change = changes.iter().find(|c| c["path"] == path);
        change.map(|c| (c["label"].clone(), c["rule"].clone()))
    };
    let lost = |rule: &str| (serde_json::json!("lost"), serde_json::json!(rule));
    assert_eq!(
        label_of("lists/primary/whitelistto/ml-sales@lists.example.co.jp"),
        Some(lost("MOS-4.2.3-KI-6"))
    );
    assert_eq!(
        label_of("messages/system/branding.quotamsg"),
        Some(lost("MOS-4.2.3-KI-8"))
    );
    assert_eq!(doc["summary"]["not_compared"], 0, "{out}");
    assert_eq!(doc["summary"]["unexplained"], 0, "{out}");

    let (code, out) = common::run(&[
        "restore",
        "--check",
        "--to",
        "4.2.3",
        PRE,
        "--against",
        &post,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("explained: 1 expected, 2 applied, 0 lost, 0 unexplained, 0 accepted"),
        "{out}"
    );
    assert!(!out.contains("still different"), "{out}");
    // The proof applied the three entries and the message, and nothing else.
    assert!(
        out.starts_with("restore --check: 4 items of the script applied"),
        "{out}"
    );
}

/// What the post-upgrade capture never looked at stays "not compared": the proof exits 1 and
/// says why each item would still differ.
#[test]
fn what_the_post_upgrade_capture_did_not_look_at_keeps_the_proof_open() {
    let (code, out) = common::run(&[
        "restore",
        "--check",
        "--to",
        "4.2.3",
        PRE,
        "--against",
        "samples/mos/rg01-4.2.3-after.log",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("  lists/local/whitelistto/postmaster@example.co.jp: not captured: the post-upgrade capture did not look at it\n"),
        "{out}"
    );
    // The losses themselves are written back: no KI-6 or KI-8 difference remains.
    assert!(!out.contains("lost MOS-4.2.3-KI-6"), "{out}");
    assert!(!out.contains("lost MOS-4.2.3-KI-8"), "{out}");
}

/// --check writes nothing, and needs a post-upgrade capture.
#[test]
fn check_writes_no_script_and_needs_against() {
    let dir = tempfile::tempdir().unwrap();
    let post = post_log(dir.path());
    let script = dir.path().join("restore.txt");
    let (code, _) = common::run(&[
        "restore",
        "--check",
        "--to",
        "4.2.3",
        PRE,
        "--against",
        &post,
        "--runbook",
        dir.path().join("runbook.md").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "--check and --runbook conflict");
    let (code, out) = common::run(&["restore", "--check", "--to", "4.2.3", PRE]);
    assert_eq!(code, 2, "{out}");
    assert!(!script.exists());
}

/// With --against, the runbook carries the proof's section; an accepted difference shows its
/// reason there.
#[test]
fn the_runbook_carries_the_proof() {
    let dir = tempfile::tempdir().unwrap();
    let runbook = dir.path().join("runbook.md");
    let script = dir.path().join("restore.txt");
    let (code, out) = common::run(&[
        "restore",
        "--to",
        "4.2.3",
        PRE,
        "--against",
        "samples/mos/rg01-4.2.3-after.log",
        "-o",
        script.to_str().unwrap(),
        "--runbook",
        runbook.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(&runbook).unwrap();
    let section = text
        .split("## What the appliance will hold once the script has run\n")
        .nth(1)
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        section.contains("something lost, unexplained or not compared remains"),
        "{section}"
    );
    assert!(
        section.contains("- [ ] `lists/primary/blacklist/@spam-domain.example`: not captured"),
        "{section}"
    );
}

/// The upgrade's own update log, which no capture taken before the upgrade can hold, is the
/// package the plan installs: with it, the shipped SpamTitan samples' proof closes.
#[test]
fn the_upgrades_own_update_log_is_the_applied_package() {
    let (code, out) = common::run(&[
        "restore",
        "--check",
        "--to",
        "7.09",
        "samples/spamtitan/7.08",
        "--against",
        "samples/spamtitan/7.09",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("+ updates/7.09 = installed")
            && out
                .contains("    applied carryover-package: the upgrade package the plan installs\n"),
        "{out}"
    );
    assert!(
        out.contains("    expected carryover-package: the upgrade goes to this version\n"),
        "{out}"
    );
}

/// An item only the post-upgrade capture holds, in a range the pre-upgrade capture never read
/// (a list file missing before the upgrade): the proof says which capture did not look, and
/// stays open.
#[test]
fn the_proof_names_the_capture_that_did_not_look() {
    let dir = tempfile::tempdir().unwrap();
    let pre = dir.path().join("7.08");
    copy_tree(&common::root().join("samples/spamtitan/7.08"), &pre);
    std::fs::remove_file(pre.join("st01/lists/user/ceo@example.com/blacklist.txt")).unwrap();
    let post = common::root().join("samples/spamtitan/7.09");
    let args = ["restore", "--check", "--to", "7.09"];
    let paths = [pre.to_str().unwrap(), "--against", post.to_str().unwrap()];
    let (code, out) = common::run(&[&args[..], &paths[..]].concat());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(": not captured: the pre-upgrade capture did not look at it\n"),
        "{out}"
    );
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
