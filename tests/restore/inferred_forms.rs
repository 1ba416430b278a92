//! A restore script never prints a guessed command form as a fact: before the first command
//! of each form the catalog says is inferred, a remark says so, and no confirmed form gets one.

use carryover::vendors::mos::Mos;
use carryover::vendors::Knowledge;

use crate::common::run;

#[test]
fn every_inferred_form_in_a_mos_script_is_marked_before_its_first_command() {
    let (code, script) = run(&[
        "restore",
        "--to",
        "4.2.3",
        "--all",
        "samples/mos/ms01-delegated-domains.log",
    ]);
    assert_eq!(code, 0, "{script}");
    let mut marked_forms: Vec<String> = Vec::new();
    let mut inferred = 0;
    for line in script.lines() {
        if let Some(rest) = line.strip_prefix("# inferred form: no public source confirms `") {
            let form = rest.split('`').next().unwrap().to_string();
            assert!(!marked_forms.contains(&form), "{form}: marked twice");
            marked_forms.push(form);
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match Mos.form_confirmed(line) {
            Some(false) => {
                inferred += 1;
                assert!(
                    marked_forms
                        .iter()
                        .any(|form| line.starts_with(form.as_str())),
                    "{line}: an inferred form printed unmarked:\n{script}"
                );
            }
            Some(true) => assert!(
                !marked_forms
                    .iter()
                    .any(|form| line.starts_with(&format!("{form} "))
                        && Mos.form_confirmed(form) == Some(true)),
                "{line}: a confirmed form marked as inferred"
            ),
            None => {}
        }
    }
    assert!(
        inferred > 0,
        "the sample writes no inferred form:\n{script}"
    );
}
