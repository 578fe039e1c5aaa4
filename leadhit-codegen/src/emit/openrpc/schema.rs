//! Model types → JSON Schemas for OpenRPC documents, and the records they name as
//! `components.schemas`.

use crate::model::Type;
use crate::resolve::ResolvedRecord;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The JSON Schemas of one document's types, and the records they have named so far.
pub struct Schemas<'a> {
    records: &'a [ResolvedRecord],
    /// Component name (the record's Rust name, an identifier) → its schema.
    components: BTreeMap<String, Value>,
}

impl<'a> Schemas<'a> {
    pub fn new(records: &'a [ResolvedRecord]) -> Schemas<'a> {
        Schemas {
            records,
            components: BTreeMap::new(),
        }
    }

    /// The records the document's schemas refer to, by component name.
    pub fn into_components(self) -> Map<String, Value> {
        self.components.into_iter().collect()
    }

    /// The schema of a value of type `ty`. A nullable type is `anyOf` the type and `null`
    /// (`anyOf`, not `oneOf`: a value of any type would match both); a record is a `$ref` to
    /// its component; a record left out for an error (and reported) is any value, as it is
    /// `Value` in the Rust client.
    pub fn of(&mut self, ty: &Type) -> Value {
        match ty {
            Type::Str => json!({"type": "string"}),
            Type::Date => json!({"type": "string", "format": "date"}),
            Type::DateTime => json!({"type": "string", "format": "date-time"}),
            Type::Int => json!({"type": "integer"}),
            Type::Float | Type::Decimal => json!({"type": "number"}),
            Type::Bool => json!({"type": "boolean"}),
            Type::None => json!({"type": "null"}),
            Type::Map { value } => {
                json!({"type": "object", "additionalProperties": self.of(value)})
            }
            Type::List { item } => json!({"type": "array", "items": self.of(item)}),
            Type::Optional { inner } => json!({"anyOf": [self.of(inner), {"type": "null"}]}),
            Type::Union { variants } => {
                let variants: Vec<Value> = variants.iter().map(|v| self.of(v)).collect();
                json!({ "anyOf": variants })
            }
            Type::Literal { values } => json!({"type": "string", "enum": values}),
            Type::Record { name } => self.record(name),
            Type::Json { .. } => json!({}),
        }
    }

    /// A `$ref` to the record's component, adding it (and the records it names) on first use.
    fn record(&mut self, name: &str) -> Value {
        let Some(record) = self.records.iter().find(|r| r.model.name == name) else {
            return json!({});
        };
        let component = record.name.to_string();
        let reference = json!({ "$ref": format!("#/components/schemas/{component}") });
        if self.components.contains_key(&component) {
            return reference;
        }
        // Taken before the fields are described, so that naming it again ends; records
        // cannot contain themselves (resolve checks), but nothing here needs to rely on it.
        self.components.insert(component.clone(), Value::Null);
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in &record.model.fields {
            let mut schema = self.of(&field.ty);
            if let (Some(doc), Value::Object(object)) = (&field.doc, &mut schema) {
                object.insert("description".into(), json!(doc));
            }
            properties.insert(field.name.clone(), schema);
            if !field.optional {
                required.push(json!(field.name));
            }
        }
        // The server may send keys a record does not declare; the client keeps them.
        let schema = json!({
            "title": record.model.name,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": true,
        });
        self.components.insert(component, schema);
        reference
    }
}
