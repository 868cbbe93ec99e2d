//! The size and nesting of a dataset, checked before any tree is built: on the raw
//! text (JSON) or the parser's event stream as the loader receives it (YAML), in one linear pass with no
//! recursion. Deep nesting would overflow the stack of the tree builders; millions of
//! values or keys would exhaust memory and time. TOML is checked on its value.

use saphyr_parser::Event;
use serde_json::Value;

use super::Limits;
use super::codes;
use super::source_map::{SourceMap, push};
use crate::base::source::{SourceFile, Span};
use crate::finding::Finding;

/// Counts values, keys per object and nesting as a loader meets them.
struct Counter<'l> {
    limits: &'l Limits,
    values: usize,
    /// One entry per open collection: is an object, its keys, its children (YAML).
    stack: Vec<(bool, usize, usize)>,
}

type Checked = Result<(), Box<Finding>>;

impl<'l> Counter<'l> {
    fn new(limits: &'l Limits) -> Self {
        Counter {
            limits,
            values: 0,
            stack: Vec::new(),
        }
    }

    /// A value (scalar or collection) starting at `at`.
    fn value(&mut self, at: impl FnOnce() -> Span) -> Checked {
        self.values += 1;
        if self.stack.len() > self.limits.max_depth {
            return Err(Box::new(depth_limit(self.limits.max_depth, at())));
        }
        if self.values > self.limits.max_values {
            return Err(Box::new(values_limit(self.limits.max_values, at())));
        }
        Ok(())
    }

    /// A key of the innermost object, at `at`.
    fn key(&mut self, at: impl FnOnce() -> Span) -> Checked {
        if let Some((true, keys, _)) = self.stack.last_mut() {
            *keys += 1;
            if *keys > self.limits.max_keys {
                return Err(Box::new(keys_limit(self.limits.max_keys, at())));
            }
        }
        Ok(())
    }

    fn open(&mut self, object: bool, at: impl FnOnce() -> Span) -> Checked {
        self.value(at)?;
        self.stack.push((object, 0, 0));
        Ok(())
    }

    fn close(&mut self) {
        self.stack.pop();
    }
}

/// Checks JSON text; bad syntax is left to serde_json (nothing here diagnoses it).
pub fn check_json(text: &str, limits: &Limits) -> Checked {
    let b = text.as_bytes();
    let mut counter = Counter::new(limits);
    let mut expect_key = false;
    let mut i = 0;
    while i < b.len() {
        let start = i;
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                let at = Span::new(start, i.min(b.len()));
                if expect_key {
                    counter.key(|| at)?;
                    expect_key = false;
                } else {
                    counter.value(|| at)?;
                }
                continue;
            }
            b'{' => {
                counter.open(true, || Span::new(i, i + 1))?;
                expect_key = true;
            }
            b'[' => counter.open(false, || Span::new(i, i + 1))?,
            b'}' | b']' => counter.close(),
            b',' => expect_key = matches!(counter.stack.last(), Some((true, ..))),
            b':' => expect_key = false,
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                while i < b.len() && !b",}]: \t\n\r\"".contains(&b[i]) {
                    i += 1;
                }
                counter.value(|| Span::new(start, i.max(start + 1)))?;
                continue;
            }
        }
        i += 1;
    }
    Ok(())
}

/// Checks YAML event by event as the loader receives them (one parse serves both):
/// the first event past a limit is refused, so no more is built than was checked.
pub struct YamlGuard<'s> {
    source: &'s SourceFile,
    counter: Counter<'s>,
}

impl<'s> YamlGuard<'s> {
    pub fn new(source: &'s SourceFile, limits: &'s Limits) -> Self {
        YamlGuard {
            source,
            counter: Counter::new(limits),
        }
    }

    /// Counts one event; the finding of the limit it passes, if any.
    pub fn event(&mut self, event: &Event<'_>, span: saphyr_parser::Span) -> Checked {
        let source = self.source;
        let counter = &mut self.counter;
        // Where the event is, worked out only for the finding of a limit (converting
        // saphyr's character column to a byte offset for every node cost 2% of a batch).
        let at = || {
            let s =
                source.offset_of_char_col(span.start.line().saturating_sub(1), span.start.col());
            source.clamp(Span::new(s, s + 1))
        };
        let is_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        if is_node && let Some((true, _, children)) = counter.stack.last().copied() {
            if children.is_multiple_of(2) {
                counter.key(at)?;
            }
            if let Some(top) = counter.stack.last_mut() {
                top.2 = children + 1;
            }
            if children.is_multiple_of(2) && matches!(event, Event::Scalar(..)) {
                return Ok(());
            }
        }
        match event {
            Event::Scalar(..) | Event::Alias(_) => counter.value(at),
            Event::SequenceStart(..) => counter.open(false, at),
            Event::MappingStart(..) => counter.open(true, at),
            Event::SequenceEnd | Event::MappingEnd => {
                counter.close();
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// Checks YAML through saphyr's events alone; a syntax error ends the check (the
/// loader runs the guard itself; this is for the tests of the guard).
#[cfg(test)]
fn check_yaml(source: &SourceFile, limits: &Limits) -> Checked {
    let mut guard = YamlGuard::new(source, limits);
    for event in saphyr_parser::Parser::new_from_str(source.text()) {
        let Ok((event, span)) = event else {
            return Ok(());
        };
        guard.event(&event, span)?;
    }
    Ok(())
}

/// Checks a value already built (TOML, whose parser bounds its own nesting), without
/// recursion; findings point at the value through `map`.
pub fn check_value(value: &Value, map: &SourceMap, limits: &Limits) -> Checked {
    let mut counter = Counter::new(limits);
    let at = |pointer: &str| {
        map.nearest(pointer)
            .map_or(Span::new(0, 0), |(_, l)| l.value)
    };
    let mut todo = vec![(value, String::new())];
    while let Some((v, pointer)) = todo.pop() {
        counter
            .value(|| Span::new(0, 0))
            .map_err(|_| Box::new(values_limit(limits.max_values, at(&pointer))))?;
        match v {
            Value::Object(o) => {
                if o.len() > limits.max_keys {
                    let key = o.keys().nth(limits.max_keys).map(|k| push(&pointer, k));
                    let span = key
                        .as_deref()
                        .and_then(|k| map.get(k))
                        .map_or_else(|| at(&pointer), |l| l.key.unwrap_or(l.value));
                    return Err(Box::new(keys_limit(limits.max_keys, span)));
                }
                todo.extend(o.iter().map(|(k, c)| (c, push(&pointer, k))));
            }
            Value::Array(a) => {
                todo.extend(
                    a.iter()
                        .enumerate()
                        .map(|(i, c)| (c, push(&pointer, &i.to_string()))),
                );
            }
            _ => {}
        }
    }
    Ok(())
}

pub(super) fn depth_limit(max: usize, at: Span) -> Finding {
    Finding::of(
        &codes::DEPTH,
        format!("数据嵌套超过 {max} 层，为安全起见不再读取"),
    )
    .at(at)
    .with_label("嵌套过深")
    .with_help("规范的数据集最多嵌套六七层；请检查是否误把数据包了许多层括号")
}

fn values_limit(max: usize, at: Span) -> Finding {
    Finding::of(
        &codes::VALUES,
        format!("数据集中的值超过 {max} 个，为安全起见不再读取"),
    )
    .at(at)
    .with_label("从这里起超过上限")
    .with_help("一份报告的数据集通常只有几千个值；请检查是否误把大量数据（如逐条名单）放进了数据集")
}

fn keys_limit(max: usize, at: Span) -> Finding {
    Finding::of(
        &codes::KEYS,
        format!("同一个对象中的键超过 {max} 个，为安全起见不再读取"),
    )
    .at(at)
    .with_label("从这个键起超过上限")
    .with_help("报告模板每个对象只有几十个字段；请检查是否误把大量数据写成了键")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Limits {
        Limits {
            max_depth: 3,
            max_values: 20,
            max_keys: 4,
            ..Limits::default()
        }
    }

    fn code(r: Checked) -> String {
        r.err().map(|f| f.code.to_string()).unwrap_or_default()
    }

    #[test]
    fn json_counts_without_recursion() {
        let l = small();
        assert_eq!(
            code(check_json(r#"{"a": [1, "x"], "b": {"c": null}}"#, &l)),
            ""
        );
        assert_eq!(code(check_json("[[[[[1]]]]]", &l)), "dabiao::limit::depth");
        assert_eq!(
            code(check_json(&format!("[{}1]", "1,".repeat(30)), &l)),
            "dabiao::limit::values"
        );
        assert_eq!(
            code(check_json(r#"{"a":1,"b":2,"c":3,"d":4,"e":5}"#, &l)),
            "dabiao::limit::keys"
        );
        // Keys of different objects are not added up; a key-like string in an array is a value.
        assert_eq!(
            code(check_json(
                r#"[{"a":1,"b":2},{"c":3,"d":4},"a","b","c","d","e"]"#,
                &l
            )),
            ""
        );
    }

    #[test]
    fn yaml_counts_block_and_flow() {
        let l = small();
        let src = |t: &str| SourceFile::new("t.yaml", t.to_string());
        assert_eq!(code(check_yaml(&src("a: [1, 2]\nb:\n  c: 1\n"), &l)), "");
        assert_eq!(
            code(check_yaml(&src("- - - - - 1\n"), &l)),
            "dabiao::limit::depth"
        );
        let f = check_yaml(&src("a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n"), &l).unwrap_err();
        assert_eq!(f.code, "dabiao::limit::keys");
        assert_eq!(f.span.map(|s| s.start), Some(20));
        assert_eq!(code(check_yaml(&src("[1, 2, 3, {a: b}]"), &l)), "");
    }
}
