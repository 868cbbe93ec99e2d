//! The JSON Schema contract (`schemas/report.schema.json`), compiled once and used
//! for every input; its errors become Chinese findings at the user's own text.

pub mod codes;
pub mod doc;
mod errors;
pub mod index;
mod subject;
mod suggest;

use jsonschema::Validator;

use crate::base::source::SourceFile;
use crate::dataset::Dataset;
use crate::finding::Finding;
pub use index::{SchemaIndex, SchemaNode};
pub use subject::{Subject, subject};

/// The schema text as shipped (embedded in the binary, printed by `dabiao schema`).
pub const SCHEMA_TEXT: &str = include_str!("../../schemas/report.schema.json");

pub struct Schema {
    validator: Validator,
    index: SchemaIndex,
}

impl Schema {
    /// Compiles the embedded schema. It is part of the binary, so failure is a bug.
    pub fn embedded() -> Self {
        let value: serde_json::Value =
            serde_json::from_str(SCHEMA_TEXT).expect("embedded schema is valid JSON");
        Self::compile(value).expect("embedded schema compiles")
    }

    pub fn compile(value: serde_json::Value) -> Result<Self, String> {
        let validator = jsonschema::draft202012::options()
            .build(&value)
            .map_err(|e| e.to_string())?;
        Ok(Schema {
            validator,
            index: SchemaIndex::new(value),
        })
    }

    pub fn index(&self) -> &SchemaIndex {
        &self.index
    }

    pub fn value(&self) -> &serde_json::Value {
        self.index.root_value()
    }

    /// All schema findings for a dataset, located in its source.
    pub fn validate(&self, dataset: &Dataset, source: &SourceFile) -> Vec<Finding> {
        if self.validator.is_valid(&dataset.value) {
            return Vec::new();
        }
        let ctx = errors::Context {
            index: &self.index,
            dataset,
            source,
        };
        let mut out = Vec::new();
        for error in self.validator.iter_errors(&dataset.value) {
            ctx.push_findings(&error, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schema_compiles() {
        let s = Schema::embedded();
        assert!(s.value().get("$defs").is_some());
    }
}
