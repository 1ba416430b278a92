//! The JSON Schema of every JSON document the tool writes, generated from the types that
//! write them. `docs/schema/` holds them as committed files, and `carryover schema NAME`
//! prints them from the binary; a test checks that they are current and that real output
//! validates against them.
//!
//! Every schema is strict: an object names all its keys (`additionalProperties: false`), so a
//! consumer that validates learns of a new key from a new `format_version`, never silently.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};

/// Each JSON output's schema, by the file name it is committed under in `docs/schema/`.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("show.schema.json", of::<super::Document<'static>>()),
        ("diff.schema.json", of::<super::diff::Document<'static>>()),
        ("diff-stat.schema.json", of::<super::diff::StatDocument>()),
        (
            "diff-explain.schema.json",
            of::<super::explain::Document<'static>>(),
        ),
        (
            "restore-check.schema.json",
            of::<super::explain::ProofDocument<'static>>(),
        ),
        (
            "diff-explain-stat.schema.json",
            of::<super::diff::ExplainStatDocument>(),
        ),
        (
            "findings.schema.json",
            of::<super::findings_json::Document<'static>>(),
        ),
        (
            "verify-update.schema.json",
            of::<super::update_log::Document<'static>>(),
        ),
        ("track.schema.json", of::<super::track::Document<'static>>()),
        ("fetch.schema.json", of::<super::fetch::Document<'static>>()),
        ("apply.schema.json", of::<super::apply::Document>()),
    ]
}

/// The names `carryover schema` knows: the committed files' stems (`findings`), in order.
pub fn names() -> Vec<&'static str> {
    schemas()
        .into_iter()
        .map(|(file, _)| file.trim_end_matches(".schema.json"))
        .collect()
}

/// The schema named `name` (a file stem, `findings`), as the committed file holds it: pretty
/// JSON ending in a newline.
pub fn named(name: &str) -> Option<String> {
    let (_, schema) = schemas()
        .into_iter()
        .find(|(file, _)| file.strip_suffix(".schema.json") == Some(name))?;
    Some(text(&schema))
}

/// A schema as it is committed and printed: pretty JSON ending in a newline.
pub fn text(schema: &Schema) -> String {
    super::json(schema)
}

/// The schema of what `T` serializes to (not of what would deserialize into it: a field
/// left out when empty is not required), every object in it closed.
fn of<T: JsonSchema>() -> Schema {
    let mut schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(RecursiveTransform(close as fn(&mut Schema)))
        .into_generator()
        .into_root_schema_for::<T>();
    if let Some(root) = schema.as_object_mut() {
        root.values_mut().for_each(close_alternatives);
    }
    schema
}

/// An object with keys of its own and alternatives (a flattened enum: an appliance's host
/// and port, then either what was fetched or the error) is closed as a whole with
/// `unevaluatedProperties`: closing each part with `additionalProperties` would make each
/// refuse the other's keys.
fn close_alternatives(value: &mut serde_json::Value) {
    const ALTERNATIVES: [&str; 3] = ["oneOf", "anyOf", "allOf"];
    match value {
        serde_json::Value::Object(map) => {
            let combined =
                map.contains_key("properties") && ALTERNATIVES.iter().any(|k| map.contains_key(*k));
            if combined && map.get("additionalProperties") == Some(&false.into()) {
                map.remove("additionalProperties");
                map.insert("unevaluatedProperties".into(), false.into());
                for key in ALTERNATIVES {
                    let branches = map.get_mut(key).and_then(|b| b.as_array_mut());
                    for branch in branches.into_iter().flatten() {
                        if let Some(branch) = branch.as_object_mut() {
                            branch.remove("additionalProperties");
                        }
                    }
                }
            }
            map.values_mut().for_each(close_alternatives);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(close_alternatives),
        _ => {}
    }
}

/// Closes an object schema that names its keys: any other key fails validation. A map (whose
/// schema gives `additionalProperties` a schema of its own) is left as it is.
fn close(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut() {
        if object.contains_key("properties") && !object.contains_key("additionalProperties") {
            object.insert("additionalProperties".into(), false.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_with_named_keys_is_closed() {
        for (name, schema) in schemas() {
            let mut open = Vec::new();
            find_open(schema.as_value(), "#", &mut open);
            assert!(open.is_empty(), "{name}: open objects at {open:?}");
        }
    }

    fn find_open(value: &serde_json::Value, at: &str, open: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                let closed = map.contains_key("additionalProperties")
                    || map.contains_key("unevaluatedProperties");
                if map.contains_key("properties") && !closed {
                    open.push(at.to_string());
                }
                // The alternatives of an object closed as a whole are closed by it.
                let whole = map.contains_key("unevaluatedProperties");
                for (key, value) in map {
                    if whole && ["oneOf", "anyOf", "allOf"].contains(&key.as_str()) {
                        continue;
                    }
                    find_open(value, &format!("{at}/{key}"), open);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, value) in items.iter().enumerate() {
                    find_open(value, &format!("{at}/{i}"), open);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn a_schema_is_named_by_its_file_stem() {
        assert!(names().contains(&"findings"));
        assert!(names().contains(&"diff-stat"));
        let findings = named("findings").unwrap();
        assert!(findings.ends_with("}\n"));
        assert!(findings.contains("\"format_version\""));
        assert_eq!(named("findings.schema.json"), None);
        assert_eq!(named("nothing"), None);
    }
}
