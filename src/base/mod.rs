//! The bottom layer: what every stage shares and that knows nothing of the crate.
//!
//! The report's vocabulary (parts, stages, tables, levels), a stable content hash,
//! numbers as reviewers write them, quick lookups of JSON members and pointers, text normalisation for matching (script.rs: traditional characters), and the text of
//! an input with its spans, and
//! writing files whole; the time each stage of a run takes. Nothing here imports another module of the crate.

pub mod files;
pub mod hash;
pub mod json;
pub mod limits;
pub mod normalize;
pub mod number;
pub mod script;
pub mod source;
pub mod stages;
pub mod vocab;
