//! Reading a report itself (plain text, Markdown, Word) into the canonical dataset.
//!
//! Each format becomes a [`Document`] of blocks with spans in the text shown to the
//! user; one walker ([`reader`]) turns blocks into the dataset, so the three formats
//! behave the same and every value points back at its line. The prose's figures are
//! read in the same walk ([`facts`]). Import writes to the contract, so it sits
//! above `schema` (the row catalogue comes from the schema's titles and aliases);
//! choosing import for a file is `load`'s job, above it.

pub mod builder;
pub mod codes;
pub mod data_tables;
pub mod document;
pub mod docx;
pub mod docx_limits;
mod docx_numbering;
pub mod facts;
pub mod lists;
pub mod meta;
mod names;
pub mod outline;
mod own_tables;
pub mod pdf;
pub mod pdf_layout;
pub mod pdf_report;
pub mod reader;
mod refs;
mod report_fields;
pub mod rows;
pub mod sheet;
pub mod summary;
mod table_captions;
pub mod table_lines;
mod table_rows;
pub mod table_shape;
pub mod toc;

pub use document::Document;
pub use reader::{Imported, read};

/// Imports a plain-text report.
pub fn import_text(text: &str) -> Imported {
    read(&Document::from_plain_text(text))
}

/// Imports a Markdown report.
pub fn import_markdown(text: &str) -> Imported {
    read(&Document::from_markdown(text))
}

/// Where each block of a Word or PDF report is in the file: its paragraph, page or
/// table row and the heading above it, so a finding can say "第 57 段，“1.3 学生情况”之下".
#[derive(Debug, Default)]
pub struct Places {
    starts: Vec<usize>,
    labels: Vec<String>,
}

impl Places {
    /// `medium` names where the places are: "Word 中", "PDF 中".
    pub fn of(doc: &Document, medium: &str) -> Places {
        let mut places = Places::default();
        let mut heading: Option<String> = None;
        for block in &doc.blocks {
            let Some(place) = &block.place else { continue };
            let is_heading = matches!(block.kind, document::BlockKind::Heading(_))
                || outline::part_heading(&block.text, false).is_some()
                || outline::sub_heading(&block.text, None).is_some()
                || outline::case_heading(&block.text).is_some();
            let label = match (&heading, is_heading) {
                (Some(h), false) => format!("{medium}：{place}，“{h}”之下"),
                _ => format!("{medium}：{place}"),
            };
            if is_heading {
                heading = Some(block.text.chars().take(30).collect());
            }
            places.starts.push(block.span.start);
            places.labels.push(label);
        }
        places
    }

    /// The place of the block that contains byte `offset` of the shown text.
    pub fn at(&self, offset: usize) -> Option<&str> {
        let i = self
            .starts
            .partition_point(|&s| s <= offset)
            .checked_sub(1)?;
        Some(&self.labels[i])
    }
}
