//! dabiao (达标): checks China's vocational-education annual quality reports.
//!
//! Data flows one way: load → import → schema → rules → grade → render, and each
//! module uses only the ones below it (tests/layers.rs holds the order). From the
//! bottom up:

// Shared vocabulary, hashing, numbers, text, spans, files; no crate imports.
pub mod base;
// A finding, its severity and category, and how a stage declares its codes.
pub mod finding;
// The canonical dataset and its JSON, YAML and TOML parsers.
pub mod dataset;
// The contract: report.schema.json, its index, validation.
pub mod schema;
// A report's own text (plain, Markdown, Word) into the dataset, with its facts.
pub mod import;
// One input from bytes: a parser or an importer.
pub mod load;
// The rule pack, its engine, thresholds and grading policy.
pub mod rules;
// Reviewers' waivers.
pub mod waiver;
// Every stage's codes, gathered.
pub mod codes;
// Scores, caps, grades and their explanation.
pub mod grade;
// Command-line inputs and dabiao.toml.
pub mod config;
pub mod inputs;
// One input through every stage.
pub mod check;
// `dabiao rules test`.
pub mod rule_tests;
// The compact result of a check; many inputs in parallel.
pub mod batch;
pub mod record;
// Blank templates; comparing gradings.
pub mod diff;
pub mod template;
// One printer per output format.
pub mod render;
// Datasets written as workbooks and .csv (dabiao export, init --format xlsx).
pub mod export;
