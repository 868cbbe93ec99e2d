//! What the fact extractor produces: a figure stated in prose ([`Fact`]) with the
//! change, share and parts stated with it, and the context a sentence is read in.
//! Shared by the sentence reader and the structures it finds.

use super::lexicon::Indicator;

/// A figure stated in prose.
#[derive(Debug, Clone)]
pub struct Fact {
    pub indicator: &'static Indicator,
    pub value: f64,
    /// The unit of the last written digit, in the fact's unit ("2.5万人" → 1000).
    pub precision: f64,
    pub unit: String,
    pub approx: bool,
    pub year: Option<u32>,
    pub stage: Option<&'static str>,
    pub scope: Vec<&'static str>,
    /// Declared with 共/总计/合计/总数.
    pub total: bool,
    /// States the indicator's whole value (not a subset, not "12所学校开展了…").
    pub whole: bool,
    /// 累计: over several years.
    pub cumulative: bool,
    pub compare: Option<Compare>,
    /// "从 a 增至 b": a (value, index in the sentence's facts).
    pub from: Option<(f64, usize)>,
    /// Indices (in the sentence's facts) of the parts listed after 其中.
    pub parts: Vec<usize>,
    /// "分别为": the parts are all of it.
    pub exhaustive: bool,
    pub share: Option<Share>,
    /// A list of items right after a declared count: (items, exhaustive).
    pub listed: Option<usize>,
    /// Byte span (absolute) of the number and unit.
    pub start: usize,
    pub end: usize,
    /// Whether the fact is itself a part of a total.
    pub is_part: bool,
    /// A rate said to change by this many percent ("就业率提高98%"): the figure is a
    /// change, not the rate itself.
    pub rate_change: bool,
    /// 年均: a yearly average over several years.
    pub annual: bool,
}

impl Fact {
    /// A figure given plainly, as in a table cell: the whole value, nothing around it.
    #[allow(clippy::too_many_arguments)]
    pub fn plain(
        indicator: &'static Indicator,
        value: f64,
        decimals: u32,
        unit: &str,
        year: Option<u32>,
        stage: Option<&'static str>,
        start: usize,
        end: usize,
    ) -> Fact {
        Fact {
            indicator,
            value,
            precision: 10f64.powi(-(decimals as i32)),
            unit: unit.to_string(),
            approx: false,
            year,
            stage,
            scope: Vec::new(),
            total: false,
            whole: true,
            cumulative: false,
            compare: None,
            from: None,
            parts: Vec::new(),
            exhaustive: false,
            share: None,
            listed: None,
            start,
            end,
            is_part: false,
            rate_change: false,
            annual: false,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Compare {
    /// +1 up, -1 down.
    pub direction: i8,
    /// "增加 488 人，下降 2%": the sentence gives the change both directions.
    pub conflict: bool,
    pub amount: Option<(f64, String)>,
    pub rate: Option<(f64, u32)>,
    pub points: Option<f64>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct Share {
    pub percent: f64,
    pub decimals: u32,
    /// The indicator named after 占 ("占在校生总数的").
    pub base_indicator: Option<&'static str>,
    pub start: usize,
    pub end: usize,
}

/// What a sentence knows from outside: the years and stage in effect.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    pub report_year: Option<u32>,
    /// The paragraph's opening year, if any.
    pub paragraph_year: Option<u32>,
    pub stage: Option<&'static str>,
}
