//! Rules: the pack (metadata, declared shapes, thresholds, grading policy), the Rhai
//! engine and the functions it offers scripts (`api/`, one file per group), and the
//! shapes most rules are made of. Uses the dataset and the schema index; knows
//! nothing of check, grade or the printers.

pub mod api;
pub mod bounds;
pub mod callbacks;
pub mod codes;
pub mod context;
pub mod current;
pub mod declared;
pub mod doc;
pub mod engine;
pub mod grading;
pub mod meta;
pub mod natives;
pub mod pack;
pub mod pack_source;
pub mod profile;
pub mod shapes;
pub mod thresholds;
pub mod thresholds_doc;

pub use meta::RuleMeta;
pub use pack::{PackProblem, PackSource, Rule, RulePack};
pub use thresholds::Thresholds;
