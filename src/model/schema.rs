//! JSON Schemas of the model's types whose JSON is not their Rust shape: an [`Item`]
//! serializes as its bare value, a [`Secret`] as `<secret>`, a [`Version`] as text, a [`List`]
//! as an array of its entries. The derived schemas use these, so the schemas under
//! `docs/schema/` describe what the tool writes. A [`super::VendorId`]'s schema names the
//! registered vendors, so it is in [`crate::vendors`], which knows them.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::{Item, List, Secret, Version};

impl<T: JsonSchema> JsonSchema for Item<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

impl JsonSchema for Secret {
    fn schema_name() -> Cow<'static, str> {
        "Secret".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A secret: `<secret>` unless the user asked to see secrets."
        })
    }
}

impl JsonSchema for Version {
    fn schema_name() -> Cow<'static, str> {
        "Version".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A version as the vendor writes it: `4.2.3-GA`, `7.09`."
        })
    }
}

impl JsonSchema for List {
    fn schema_name() -> Cow<'static, str> {
        "List".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": { "type": "string" },
            "description": "A set of entries in canonical form and order; an entry with a comment is written `entry # comment`."
        })
    }
}
