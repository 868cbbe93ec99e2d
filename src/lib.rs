//! dabiao (达标): checks China's vocational-education annual quality reports.
//!
//! The flow is load → schema → (rules) → render; each stage is a module with plain
//! data between them, so that a batch can run the first stages in parallel.

pub mod base;
pub mod batch;
pub mod check;
pub mod codes;
pub mod config;
pub mod dataset;
pub mod diff;

pub mod finding;
pub mod grade;
pub mod import;
pub mod inputs;
pub mod load;
pub mod record;
pub mod render;
pub mod rule_tests;
pub mod rules;
pub mod schema;
pub mod template;
pub mod waiver;
