//! Capture text reaches a generated script only through the emitter (`src/emit/`). The types
//! enforce most of it: a vendor's `RestoreScript` returns typed `Command`s, and a `Script`
//! takes unquoted text only as `&'static str` framing. This test checks the rest by reading
//! the source: nothing else builds a `Script`, adds framing or leaks a string to make it static,
//! and the trait hands out no script text as a `String`.

use crate::common;

fn sources() -> Vec<(String, String)> {
    walkdir::WalkDir::new(common::root().join("src"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(common::root())
                .unwrap()
                .display()
                .to_string();
            (path, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn only_the_emitter_writes_script_lines() {
    for (path, text) in sources() {
        let in_emit = path.starts_with("src/emit/");
        assert!(
            !text.contains("Box::leak"),
            "{path}: a leaked string could pass for framing"
        );
        for needle in ["Script::new(", ".framing("] {
            if text.contains(needle) {
                assert!(
                    in_emit || path == "src/ops/restore.rs",
                    "{path}: `{needle}` outside the emitter and restore's script()"
                );
            }
        }
    }
}

#[test]
fn restore_script_hands_out_commands_not_text() {
    let text = std::fs::read_to_string(common::root().join("src/vendors/mod.rs")).unwrap();
    let start = text.find("pub trait RestoreScript").unwrap();
    let end = start + text[start..].find("\n}\n").unwrap();
    let body = &text[start..end];
    for line in body.lines().filter(|l| l.contains("fn ")) {
        let text_out = line.contains("-> String") || line.contains("String>");
        assert!(
            !text_out,
            "a RestoreScript method returns script text: {line}"
        );
    }
    assert!(body.contains("-> Option<Command>"));
}
