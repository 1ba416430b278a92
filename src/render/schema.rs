//! The JSON Schema of every JSON document the tool writes, generated from the types that
//! write them. `docs/schema/` holds them as committed files; a test checks that they are
//! current and that real output validates against them.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

/// Each JSON output's schema, by the file name it is committed under in `docs/schema/`.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("show.schema.json", of::<super::Document<'static>>()),
        ("diff.schema.json", of::<super::diff::Document<'static>>()),
        ("diff-stat.schema.json", of::<super::diff::StatDocument>()),
        (
            "findings.schema.json",
            of::<super::findings::Document<'static>>(),
        ),
        (
            "verify-update.schema.json",
            of::<super::update_log::Document<'static>>(),
        ),
        ("track.schema.json", of::<super::track::Document<'static>>()),
        ("fetch.schema.json", of::<super::fetch::Document<'static>>()),
    ]
}

/// The schema of what `T` serializes to (not of what would deserialize into it: a field
/// left out when empty is not required).
fn of<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}
