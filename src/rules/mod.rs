//! Rules: the Rhai engine, the rule pack and its metadata, thresholds, and the
//! shapes most rules are made of.

pub mod context;
pub mod doc;
pub mod engine;
pub mod meta;
pub mod natives;
pub mod pack;
pub mod profile;
pub mod shapes;
pub mod thresholds;

pub use meta::{RuleCategory, RuleMeta};
pub use pack::{PackProblem, PackSource, Rule, RulePack};
pub use thresholds::Thresholds;
