//! Captures a tester made from `samples/spamtitan/7.08/st01` to find where reading a SpamTitan
//! capture was silently wrong: each is made in a temporary folder, read through the binary,
//! and must either carry the configuration over or fail naming the file.

use crate::common;

use std::path::{Path, PathBuf};

use common::root;

const SAMPLE: &str = "samples/spamtitan/7.08/st01";

/// A copy of the sample in a temporary folder.
struct Copy {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Copy {
    fn new() -> Copy {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("st01");
        let from = root().join(SAMPLE);
        common::copy_dir(&from, &path);
        Copy { _dir: dir, path }
    }

    fn write(&self, relative: &str, text: &str) -> &Copy {
        let path = self.path.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn rename(&self, from: &str, to: &str) -> &Copy {
        let to = self.path.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::rename(self.path.join(from), to).unwrap();
        self
    }

    fn arg(&self) -> &str {
        self.path.to_str().unwrap()
    }
}

/// Runs the binary from the crate root: exit code, stdout, stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    common::run_full(args)
}

/// The capture as JSON (`show --format json`), with its exit code and stderr.
fn show(dir: &Path) -> (i32, serde_json::Value, String) {
    let (code, out, err) = run(&["show", "--format", "json", dir.to_str().unwrap()]);
    let json = serde_json::from_str(&out).unwrap_or(serde_json::Value::Null);
    (code, json, err)
}

fn domains(json: &serde_json::Value) -> Vec<String> {
    let mut names: Vec<String> = json["config"]["domains"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|d| {
            d.as_str()
                .map_or_else(|| d["name"].to_string(), str::to_string)
        })
        .collect();
    names.sort();
    names
}

const FULL_FORM: &str = "example.com,mail.example.com:25,LDAP,ldap.example.com:389,\"cn=x,dc=e\",pw,(mail=%s),\"dc=e\",mail,Sales\n\
example.net,mx1.example.net:25,none,,,,,,,Sales\n\
example.org,mx-a.example.org:25,dynamic,mx-a.example.org,,,,,,Sales\n";

// 1. Full fixed-column domain rows lost their domain.

#[test]
fn full_fixed_column_rows_keep_every_domain() {
    let spaced = FULL_FORM
        .replace(',', ", ")
        .replace("cn=x, dc=e", "cn=x,dc=e");
    for text in [FULL_FORM.to_string(), spaced] {
        let c = Copy::new();
        c.write("domains.csv", &text);
        let (code, json, err) = show(&c.path);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            domains(&json),
            ["example.com", "example.net", "example.org"],
            "{text}"
        );
        let (_, out, _) = run(&["show", c.arg()]);
        for setting in [
            r#""domain.ldap_user": "cn=x,dc=e","#,
            r#""domain.ldap_base": "dc=e","#,
            r#""domain.verification_server": "mx-a.example.org","#,
        ] {
            assert!(out.contains(setting), "{setting} in {out}");
        }
        assert_eq!(
            out.matches(r#""domain.group": "Sales""#).count(),
            3,
            "{out}"
        );
    }
}

#[test]
fn a_row_with_too_much_keeps_its_domain_and_says_so() {
    let c = Copy::new();
    c.write(
        "domains.csv",
        "example.net,mx1.example.net:25,none,ldap:389,,,,,,Sales,extra\n\
         example.org,mx-a.example.org:25,kerberos,kdc.example.org\n",
    );
    let (_, json, err) = show(&c.path);
    let read = domains(&json);
    assert!(
        read.contains(&"example.net".into()) && read.contains(&"example.org".into()),
        "{read:?} {err}"
    );
    assert!(err.contains("column(s) 4, 11"), "{err}");
    let (code, out, _) = run(&["show", "--unrecognized", c.arg()]);
    assert_eq!(code, 1, "the unknown verification is said: {out}");
    assert!(
        out.contains("domains.csv:2: example.org,mx-a.example.org:25,kerberos"),
        "{out}"
    );
}

// 2. Saved API error answers read as configuration.

#[test]
fn an_api_error_answer_is_a_failed_file_not_configuration() {
    for (file, answer) in [
        (
            "api/domains/example.com.json",
            r#"{"status":"error","message":"Domain not found","code":404}"#,
        ),
        (
            "api/domains/example.com/policy.json",
            r#"{"message":"Too Many Attempts."}"#,
        ),
        (
            "api/domains/example.com/policy.json",
            r#"{"success":false,"data":{"spam_kill_level":6}}"#,
        ),
        (
            "api/system/relay.json",
            r#"{"code":"500","error":"Server Error"}"#,
        ),
    ] {
        let c = Copy::new();
        c.write(file, answer);
        let (code, out, err) = run(&["diff", SAMPLE, c.arg()]);
        assert_eq!(code, 2, "{file} {answer}: {out}{err}");
        assert!(err.contains(file), "{err}");
        assert!(err.contains("not configuration"), "{err}");
        assert!(!out.contains("removed"), "{out}");
    }
}

#[test]
fn a_status_envelope_with_data_is_still_read() {
    let c = Copy::new();
    c.write(
        "api/domains/example.com/policy.json",
        &format!(
            r#"{{"status":"success","code":200,"data":{}}}"#,
            std::fs::read_to_string(
                root()
                    .join(SAMPLE)
                    .join("api/domains/example.com/policy.json")
            )
            .unwrap()
        ),
    );
    let (code, out, err) = run(&["diff", SAMPLE, c.arg()]);
    assert_eq!(code, 0, "{out}{err}");
}

// 3. Smaller holes.

#[test]
fn the_domain_list_answer_reads_as_domains() {
    let c = Copy::new();
    c.write(
        "api/domains.json",
        r#"[{"id":3,"domain":"example.com","destination":"mail.example.com:25"},
            {"id":4,"domain":"Example.NET","destination":"mx1.example.net:25 mx2.example.net:25"}]"#,
    );
    let (code, json, err) = show(&c.path);
    assert!(code < 2, "{err}");
    let text = json.to_string();
    assert!(!text.contains("domains.0"), "{text}");
    assert!(
        domains(&json).contains(&"example.net".to_string()),
        "{text}"
    );

    c.write(
        "api/domains.json",
        r#"{"data":[{"domain":"example.net"}],"meta":{"last_page":2}}"#,
    );
    let (code, json, err) = show(&c.path);
    assert!(code < 2, "{err}");
    assert!(
        domains(&json).contains(&"example.net".to_string()),
        "{json}"
    );
    assert!(err.contains("one page of a paginated list"), "{err}");

    c.write("api/domains.json", r#"[{"name":"example.com"}]"#);
    let (_, json, _) = show(&c.path);
    assert!(!json.to_string().contains("domains.0"));
    let (code, out, _) = run(&["show", "--unrecognized", c.arg()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("api/domains.json:1: api/domains.json"),
        "{out}"
    );
}

#[test]
fn a_url_encoded_user_folder_is_the_user() {
    let c = Copy::new();
    c.rename(
        "lists/user/ceo@example.com/blacklist.txt",
        "lists/user/CEO%40example.com/blacklist.txt",
    );
    std::fs::remove_dir(c.path.join("lists/user/ceo@example.com")).unwrap();
    let (code, out, err) = run(&["diff", SAMPLE, c.arg()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("URL-encoded"), "{err}");
}

#[test]
fn a_list_for_a_domain_the_export_lacks_is_said() {
    let c = Copy::new();
    c.write(
        "lists/domain/unknown.example/whitelist.txt",
        "partner@example.org\n",
    );
    let (_, _, err) = run(&["diff", SAMPLE, c.arg()]);
    assert!(
        err.contains("`unknown.example`, which the domain export (domains.csv) lacks"),
        "{err}"
    );
}

#[test]
fn an_old_copy_of_a_list_is_not_merged() {
    let c = Copy::new();
    c.write(
        "lists/global/whitelist-old.txt",
        "old-partner@example.org\n",
    );
    let (code, out, err) = run(&["diff", SAMPLE, c.arg()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("old-partner"), "{out}");
    let (code, out, _) = run(&["show", "--unrecognized", c.arg()]);
    assert_eq!(code, 1);
    assert!(out.contains("whitelist-old.txt"), "{out}");
}

#[test]
fn an_empty_version_file_is_said_plainly() {
    let c = Copy::new();
    c.write("version.txt", "\n");
    let (code, _, err) = run(&["show", c.arg()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("version.txt"), "{err}");
    assert!(err.contains("an empty file where the version"), "{err}");
    assert!(!err.contains("0 lines"), "{err}");
}

// 4. Any JSON file was read as a SpamTitan REST answer.

const PACKAGE_JSON: &str = "{\n  \"name\": \"webapp\",\n  \"version\": \"1.2.3\",\n  \"dependencies\": {\"left-pad\": \"1.0.0\"}\n}\n";

/// Asserts that reading `path` with `sub` refuses it as no capture, naming the file and what
/// was expected.
fn refused_as_no_answer(sub: &str, path: &Path, name: &str) {
    let (code, out, err) = run(&[sub, path.to_str().unwrap()]);
    assert_eq!(code, 2, "{sub} {name}: {out}{err}");
    assert!(!out.contains("spamtitan"), "{sub} {name}: {out}");
    assert!(err.contains("not clearly a capture"), "{sub} {name}: {err}");
    assert!(
        err.contains(&format!(
            "{name}: a JSON file holding no key of a SpamTitan REST answer"
        )),
        "{sub} {name}: {err}"
    );
    assert!(
        err.contains("expected a REST API answer"),
        "{sub} {name}: {err}"
    );
}

#[test]
fn a_json_file_of_another_program_is_no_capture() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("package.json");
    std::fs::write(&package, PACKAGE_JSON).unwrap();
    let tsconfig = dir.path().join("tsconfig.json");
    std::fs::write(
        &tsconfig,
        r#"{"compilerOptions": {"target": "es2017", "strict": true, "outDir": "dist"}, "include": ["src"]}"#,
    )
    .unwrap();
    for sub in ["show", "gaps"] {
        refused_as_no_answer(sub, &package, "package.json");
        refused_as_no_answer(sub, &tsconfig, "tsconfig.json");
    }
    // A folder that holds only such a file is no capture either.
    let folder = dir.path().join("d");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(&package, folder.join("package.json")).unwrap();
    refused_as_no_answer("show", &folder, "d/package.json");
    // An `id` is in every JSON API's answers: no evidence on its own.
    let record = dir.path().join("shop.example.json");
    std::fs::write(&record, r#"{"id": 7, "title": "a shop"}"#).unwrap();
    refused_as_no_answer("show", &record, "shop.example.json");
}

#[test]
fn a_real_answer_saved_alone_still_reads() {
    for answer in [
        "api/domains/example.com.json",
        "api/domains/example.com/policy.json",
    ] {
        let path = root().join(SAMPLE).join(answer);
        let (code, out, err) = run(&["show", "--format", "json", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{answer}: {err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["config"]["vendor"], "spamtitan", "{answer}");
    }
    let path = root()
        .join(SAMPLE)
        .join("api/domains/example.com/policy.json");
    let (_, out, _) = run(&["show", "--format", "json", path.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["config"]["settings"]["system"]["policy.qreport_frequency"],
        "D"
    );
    // The domain list, and a system answer in its `data` envelope.
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("domains.json");
    std::fs::write(&list, r#"[{"id": 3, "domain": "example.com"}]"#).unwrap();
    let relay = dir.path().join("relay.json");
    std::fs::write(
        &relay,
        r#"{"status": "success", "data": {"smarthost": "relay.example.com:25"}}"#,
    )
    .unwrap();
    for path in [list, relay] {
        let (code, out, err) = run(&["show", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {out}{err}", path.display());
    }
}
