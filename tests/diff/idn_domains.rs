//! An internationalised delegated domain is one domain whatever form a line writes it in:
//! `domain list` shows `例え.jp`, a `uce` command or `domain setcurrent` names
//! `xn--r8jz45g.jp`. `diff` and `track` compare it with itself, under the form the listing
//! shows.

use crate::common;

use std::path::Path;

use common::run;

/// Before the upgrade: the listing shows the Unicode form, the commands typed the ASCII one
/// (in either case).
const BEFORE: &str = "\
Mirapoint Message Server M7000

ms01> version
MOS4.2.2-GA
OK Completed
ms01> domain list
\"sales.example.com\"
\"例え.jp\"
OK Completed
ms01> uce listexception sales.example.com whitelistto
\"deals@lists.vendor.example\"
OK Completed
ms01> uce listexception xn--r8jz45g.jp whitelistto
\"info@partner.example.jp\"
\"@newsletter.example.jp\"
OK Completed
ms01> domain setcurrent XN--R8JZ45G.jp
OK Completed
ms01 (xn--r8jz45g.jp) > smtp get fastpath
on
OK Completed
ms01 (xn--r8jz45g.jp) > domain setcurrent \"\"
OK Completed
";

/// After the upgrade: the same listing, one entry gone, the domain named as listed.
const AFTER: &str = "\
Mirapoint Message Server M7000

ms01> version
MOS4.2.3-GA
OK Completed
ms01> domain list
\"sales.example.com\"
\"例え.jp\"
OK Completed
ms01> uce listexception sales.example.com whitelistto
\"deals@lists.vendor.example\"
OK Completed
ms01> uce listexception 例え.jp whitelistto
\"info@partner.example.jp\"
OK Completed
";

/// The domain listing both captures hold.
const LISTING: &str = "ms01> domain list\n\"sales.example.com\"\n\"例え.jp\"\nOK Completed\n";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// `diff --format json`: its exit code, the changes as `kind path`, and the paths not
/// compared.
fn diff(old: &str, new: &str) -> (i32, Vec<String>, Vec<String>) {
    let (code, out) = run(&["diff", "--format", "json", old, new]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect(&out);
    let paths = |key: &str, with_kind: bool| -> Vec<String> {
        let items = doc[key].as_array().unwrap().iter();
        items
            .map(|c| match with_kind {
                true => format!("{} {}", c["kind"].as_str().unwrap(), c["path"]),
                false => c["path"].as_str().unwrap().to_string(),
            })
            .collect()
    };
    (code, paths("changes", true), paths("not_compared", false))
}

#[test]
fn one_domain_in_two_forms_is_one_scope_in_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(dir.path(), "before.log", BEFORE);
    let after = write(dir.path(), "after.log", AFTER);
    let (code, changes, not_compared) = diff(&before, &after);
    assert_eq!(code, 1);
    assert_eq!(
        changes,
        [
            "changed \"appliance/version\"",
            "removed \"lists/例え.jp/whitelistto/@newsletter.example.jp\"",
        ]
    );
    assert_eq!(not_compared, ["settings/例え.jp/smtp.fastpath"]);
    // A capture compared with itself is the same, the domain named either way.
    let (code, changes, not_compared) = diff(&before, &before);
    assert_eq!((code, changes.len(), not_compared.len()), (0, 0, 0));
}

/// The form a listing shows is kept whichever side listed the domains; without a listing on
/// either side, the older capture's form.
#[test]
fn the_listed_form_wins_on_either_side() {
    let dir = tempfile::tempdir().unwrap();
    let unlisted = BEFORE.replace(LISTING, "");
    assert!(!unlisted.contains("domain list"));
    let unlisted = write(dir.path(), "unlisted.log", &unlisted);
    let listed = write(dir.path(), "after.log", AFTER);
    for (old, new) in [(&unlisted, &listed), (&listed, &unlisted)] {
        let (code, changes, not_compared) = diff(old, new);
        assert_eq!(code, 1);
        let all = changes.iter().chain(&not_compared);
        assert!(all.clone().all(|p| !p.contains("xn--")), "{changes:?}");
        assert!(
            all.clone()
                .any(|p| p.contains("lists/例え.jp/whitelistto/@newsletter")),
            "{changes:?} {not_compared:?}"
        );
    }
    let typed = AFTER.replace(LISTING, "").replace(
        "uce listexception 例え.jp",
        "uce listexception xn--r8jz45g.jp",
    );
    let typed = write(dir.path(), "typed.log", &typed);
    let (_, changes, not_compared) = diff(&unlisted, &typed);
    let all: Vec<&String> = changes.iter().chain(&not_compared).collect();
    assert!(all.iter().all(|p| !p.contains("例え")), "{all:?}");
}

/// `track --commit` counts no change for a domain a later capture names in another form.
#[test]
fn track_counts_no_change_for_a_domain_named_another_way() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, repo) = (dir.path().join("captures"), dir.path().join("repo"));
    std::fs::create_dir_all(&src).unwrap();
    // The first capture lists no domains: it names the domain as its command typed it.
    let typed = AFTER.replace(LISTING, "").replace(
        "uce listexception 例え.jp",
        "uce listexception XN--R8JZ45G.jp",
    );
    std::fs::write(src.join("ms01.log"), &typed).unwrap();
    common::track_and_commit(&src, &repo);
    std::fs::write(src.join("ms01.log"), AFTER).unwrap();
    common::track_and_commit(&src, &repo);
    let message = common::git(&repo, &["log", "-1", "--format=%B"]);
    assert_eq!(
        message.lines().nth(2).unwrap(),
        "- mirapoint-mos/ms01: 0 added, 0 removed, 0 changed",
        "{message}"
    );
}

/// The explained diff (`diff --explain`, and the proof of `restore --against`) compares the
/// domain with itself when its caller gave it two models that name it differently.
#[test]
fn an_explained_diff_compares_one_domain_with_itself() {
    let read = |name: &str, text: &str| {
        common::capture_of(name, text.as_bytes().to_vec(), &Default::default()).config
    };
    let before = read("before.log", &BEFORE.replace(LISTING, ""));
    let after = read("after.log", AFTER);
    assert!(before.lists.contains_key("xn--r8jz45g.jp"));
    assert!(after.lists.contains_key("例え.jp"));
    let vendor = carryover::vendors::by_id(before.vendor).unwrap();
    let explained = carryover::ops::explain::explained_diff(&before, &after, vendor, &[]);
    let comparison = &explained.comparison;
    let changes = comparison.changes.iter().map(|d| d.path.as_str());
    let not_compared = comparison.not_compared.iter().map(|n| n.path.as_str());
    let paths: Vec<&str> = changes.chain(not_compared).collect();
    assert!(paths.iter().all(|p| !p.contains("xn--")), "{paths:?}");
    assert!(
        paths.contains(&"lists/例え.jp/whitelistto/@newsletter.example.jp"),
        "{paths:?}"
    );
}
