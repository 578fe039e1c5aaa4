//! Model types → JSON Schemas for OpenRPC documents, and the records they name as
//! `components.schemas`.
//!
//! A schema is a struct serialized straight into the document: its fields are declared in the
//! sorted order of their JSON keys (the documents' order), and those a schema does not have are
//! left out.

use crate::model::Type;
use crate::resolve::ResolvedRecord;
use serde::Serialize;
use std::collections::BTreeMap;

/// A JSON Schema as the documents write one. `{}` (any value) has no field set.
#[derive(Serialize, Default)]
pub struct Schema<'a> {
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(
        rename = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    additional_properties: Option<Box<Schema<'a>>>,
    #[serde(rename = "anyOf", skip_serializing_if = "Option::is_none")]
    any_of: Option<Vec<Schema<'a>>>,
    /// A record field's doc.
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    values: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Box<Schema<'a>>>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    ty: Option<&'static str>,
}

impl<'a> Schema<'a> {
    fn of_type(ty: &'static str) -> Schema<'a> {
        Schema {
            ty: Some(ty),
            ..Schema::default()
        }
    }

    fn any_of(variants: Vec<Schema<'a>>) -> Schema<'a> {
        Schema {
            any_of: Some(variants),
            ..Schema::default()
        }
    }
}

/// A record's component: an object with its declared keys, and any others.
#[derive(Serialize)]
pub struct RecordSchema<'a> {
    /// The server may send keys a record does not declare; the client keeps them.
    #[serde(rename = "additionalProperties")]
    additional_properties: bool,
    /// By key, sorted as the documents' keys are.
    properties: BTreeMap<&'a str, Schema<'a>>,
    /// The keys that may not be absent, in declared order.
    required: Vec<&'a str>,
    title: &'a str,
    #[serde(rename = "type")]
    ty: &'static str,
}

/// The JSON Schemas of one document's types, and the records they have named so far.
pub struct Schemas<'a> {
    records: &'a [ResolvedRecord],
    /// Component name (the record's Rust name, an identifier) → its schema; `None` while its
    /// fields are being described.
    components: BTreeMap<String, Option<RecordSchema<'a>>>,
}

impl<'a> Schemas<'a> {
    pub fn new(records: &'a [ResolvedRecord]) -> Schemas<'a> {
        Schemas {
            records,
            components: BTreeMap::new(),
        }
    }

    /// The records the document's schemas refer to, by component name.
    pub fn into_components(self) -> BTreeMap<String, Option<RecordSchema<'a>>> {
        self.components
    }

    /// The schema of a value of type `ty`. A nullable type is `anyOf` the type and `null`
    /// (`anyOf`, not `oneOf`: a value of any type would match both); a record is a `$ref` to
    /// its component; a record left out for an error (and reported) is any value, as it is
    /// `Value` in the Rust client.
    pub fn of(&mut self, ty: &'a Type) -> Schema<'a> {
        let string_as = |format| Schema {
            format: Some(format),
            ..Schema::of_type("string")
        };
        match ty {
            Type::Str => Schema::of_type("string"),
            Type::Date => string_as("date"),
            Type::DateTime => string_as("date-time"),
            Type::Int => Schema::of_type("integer"),
            Type::Float | Type::Decimal => Schema::of_type("number"),
            Type::Bool => Schema::of_type("boolean"),
            Type::None => Schema::of_type("null"),
            Type::Map { value } => Schema {
                additional_properties: Some(Box::new(self.of(value))),
                ..Schema::of_type("object")
            },
            Type::List { item } => Schema {
                items: Some(Box::new(self.of(item))),
                ..Schema::of_type("array")
            },
            Type::Optional { inner } => {
                Schema::any_of(vec![self.of(inner), Schema::of_type("null")])
            }
            Type::Union { variants } => {
                Schema::any_of(variants.iter().map(|v| self.of(v)).collect())
            }
            Type::Literal { values } => Schema {
                values: Some(values),
                ..Schema::of_type("string")
            },
            Type::Record { name } => self.record(name),
            Type::Json { .. } => Schema::default(),
        }
    }

    /// A `$ref` to the record's component, adding it (and the records it names) on first use.
    fn record(&mut self, name: &str) -> Schema<'a> {
        let Some(record) = self.records.iter().find(|r| r.model.name == name) else {
            return Schema::default();
        };
        let component = record.name.to_string();
        let reference = Schema {
            reference: Some(format!("#/components/schemas/{component}")),
            ..Schema::default()
        };
        if self.components.contains_key(&component) {
            return reference;
        }
        // Taken before the fields are described, so that naming it again ends; records
        // cannot contain themselves (resolve checks), but nothing here needs to rely on it.
        self.components.insert(component.clone(), None);
        let mut properties = BTreeMap::new();
        let mut required = Vec::new();
        for field in &record.model.fields {
            let schema = Schema {
                description: field.doc.as_deref(),
                ..self.of(&field.ty)
            };
            properties.insert(field.name.as_str(), schema);
            if !field.optional {
                required.push(field.name.as_str());
            }
        }
        let schema = RecordSchema {
            additional_properties: true,
            properties,
            required,
            title: &record.model.name,
            ty: "object",
        };
        self.components.insert(component, Some(schema));
        reference
    }
}
