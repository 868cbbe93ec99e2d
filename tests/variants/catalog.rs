//! A transformation: a name, the families of ../docs-style variation ids it
//! stands for, the parts of a report it rewrites (two transformations that rewrite
//! the same part are not combined), the rewrite, and what it changes in the
//! expectation.

use super::harness::{Exp, Fx};
use super::word::Parts;

pub type TextFn = Box<dyn Fn(&Fx) -> Option<String> + Send + Sync>;
pub type WordFn = fn(Parts) -> Option<Parts>;
pub type ExpectFn = Box<dyn Fn(&mut Exp, &Fx) + Send + Sync>;

/// A named style of a transformation: (name, families, the rewrite of one piece).
pub type Styled<F> = (&'static str, &'static [&'static str], F);

pub enum Apply {
    /// Rewrites the report's text (`None`: does not apply to this fixture).
    Text(TextFn),
    /// Rewrites the report as Word holds it, after any text rewrite.
    Word(WordFn),
}

pub struct T {
    pub name: String,
    pub families: Vec<&'static str>,
    pub slots: Vec<&'static str>,
    pub apply: Apply,
    pub expect: ExpectFn,
}

impl T {
    /// Two transformations combine when they rewrite different parts of a report.
    pub fn combines_with(&self, other: &T) -> bool {
        self.name != other.name && !self.slots.iter().any(|s| other.slots.contains(s))
    }

    pub fn is_word(&self) -> bool {
        matches!(self.apply, Apply::Word(_))
    }
}

/// A text transformation whose import must equal the fixture's expectation.
pub fn text(
    name: impl Into<String>,
    families: &[&'static str],
    slots: &[&'static str],
    f: impl Fn(&Fx) -> Option<String> + Send + Sync + 'static,
) -> T {
    T {
        name: name.into(),
        families: families.to_vec(),
        slots: slots.to_vec(),
        apply: Apply::Text(Box::new(f)),
        expect: Box::new(|_, _| {}),
    }
}

pub fn word(name: &str, families: &[&'static str], slots: &[&'static str], f: WordFn) -> T {
    T {
        name: name.to_string(),
        families: families.to_vec(),
        slots: slots.to_vec(),
        apply: Apply::Word(f),
        expect: Box::new(|_, _| {}),
    }
}

impl T {
    /// What the transformation changes in the expectation.
    pub fn expect(mut self, f: impl Fn(&mut Exp, &Fx) + Send + Sync + 'static) -> T {
        let before = std::mem::replace(&mut self.expect, Box::new(|_, _| {}));
        self.expect = Box::new(move |e, fx| {
            before(e, fx);
            f(e, fx);
        });
        self
    }
}

/// Every transformation, in a fixed order.
pub fn all() -> Vec<T> {
    let mut v = super::cover::all();
    v.extend(super::outline::all());
    v.extend(super::tables::all());
    v.extend(super::artefacts::all());
    v.extend(super::word::all());
    v
}
