//! JSON loader: serde_json builds the value; a small scanner over the same text
//! records the span of every key and value (serde_json keeps none).

use std::borrow::Cow;

use serde_json::Value;

use super::Limits;
use super::codes;
use super::source_map::{Location, SourceMap, push};
use crate::base::source::{SourceFile, Span};
use crate::finding::Finding;

pub fn load(
    source: &SourceFile,
    limits: &Limits,
) -> Result<(Value, SourceMap, Vec<Finding>), Box<Finding>> {
    let text = source.text();
    super::shape::check_json(text, limits)?;
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(source, &e))?;
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        map: SourceMap::new(),
        findings: Vec::new(),
        max_depth: limits.max_depth,
    };
    scanner.value(String::new(), None, 0)?;
    Ok((value, scanner.map, scanner.findings))
}

fn syntax_error(source: &SourceFile, e: &serde_json::Error) -> Finding {
    // serde_json reports a 1-based line and a 1-based byte column.
    let line0 = e.line().saturating_sub(1);
    let start = source.line_start(line0).unwrap_or(source.text().len());
    let at = source.clamp(Span::new(
        start + e.column().saturating_sub(1),
        start + e.column(),
    ));
    let detail = e.to_string();
    let english = detail.split(" at line ").next().unwrap_or(&detail);
    let (message, label) = describe(english);
    Finding::of(&codes::JSON, format!("JSON 语法错误：{message}"))
        .at(at)
        .with_label(label)
        .with_help(format!(
            "修正此处的语法后再检查（解析器原文：{english}）。常见原因：漏了逗号、多了结尾逗号、键没有加双引号、用了中文引号或中文冒号"
        ))
}

fn describe(english: &str) -> (String, &'static str) {
    const TABLE: &[(&str, &str, &str)] = &[
        (
            "EOF while parsing",
            "文件在结构完整之前就结束了",
            "到这里就结束了",
        ),
        ("trailing comma", "多余的结尾逗号", "删除这个逗号"),
        (
            "expected `,` or `}`",
            "此处应为逗号“,”或右花括号“}”",
            "应为 , 或 }",
        ),
        (
            "expected `,` or `]`",
            "此处应为逗号“,”或右方括号“]”",
            "应为 , 或 ]",
        ),
        ("expected `:`", "此处应为冒号“:”", "应为 :"),
        (
            "key must be a string",
            "对象的键必须是带双引号的字符串",
            "键要加双引号",
        ),
        (
            "expected value",
            "此处应为一个值（数字、字符串、null、对象或数组）",
            "应为一个值",
        ),
        (
            "expected ident",
            "无法识别的字面量（只能是 true、false 或 null）",
            "无法识别",
        ),
        (
            "trailing characters",
            "完整的 JSON 值之后还有多余内容",
            "多余内容",
        ),
        (
            "control character",
            "字符串中有未转义的控制字符（如换行）",
            "未转义的控制字符",
        ),
        ("invalid escape", "无效的转义序列", "无效转义"),
        ("invalid number", "无效的数字", "无效数字"),
        ("number out of range", "数字超出范围", "超出范围"),
        ("recursion limit exceeded", "嵌套层数过深", "嵌套过深"),
        (
            "invalid unicode code point",
            "无效的 Unicode 转义",
            "无效转义",
        ),
        ("lone leading surrogate", "无效的 Unicode 转义", "无效转义"),
    ];
    for (prefix, message, label) in TABLE {
        if english.starts_with(prefix) {
            return (message.to_string(), label);
        }
    }
    ("此处的写法不符合 JSON 语法".to_string(), "语法错误")
}

/// Walks text that serde_json has already accepted, so it only has to track
/// structure, never to diagnose bad syntax.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    map: SourceMap,
    findings: Vec<Finding>,
    max_depth: usize,
}

impl Scanner<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }

    /// One value at `pointer` (its key's span, if a member), recorded in the source
    /// map with any value nested in it; an error past the depth limit.
    fn value(
        &mut self,
        pointer: String,
        key: Option<Span>,
        depth: usize,
    ) -> Result<(), Box<Finding>> {
        self.skip_ws();
        let start = self.pos;
        if depth > self.max_depth {
            return Err(Box::new(super::shape::depth_limit(
                self.max_depth,
                Span::new(start, start + 1),
            )));
        }
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(&pointer, depth)?,
            Some(b'[') => self.array(&pointer, depth)?,
            Some(b'"') => self.string(),
            _ => self.literal(),
        }
        let value = Span::new(start, self.pos);
        if let Err(pointer) = self.map.replace(pointer, Location { key, value }) {
            self.duplicate_key(&pointer, key.unwrap_or(value));
        }
        Ok(())
    }

    /// A finding for a key seen twice in one object (serde_json keeps the last
    /// value), at the second one.
    fn duplicate_key(&mut self, pointer: &str, at: Span) {
        let last = super::source_map::last_segment(pointer).unwrap_or_default();
        self.findings.push(
            Finding::of(
                &codes::DUPLICATE_KEY,
                format!("键 \"{last}\" 在同一个对象中出现了两次，前一个值会被忽略"),
            )
            .at(at)
            .at_pointer(pointer.to_string())
            .with_label("重复的键")
            .with_help("删除其中一个，或改正写错的键名"),
        );
    }

    fn object(&mut self, pointer: &str, depth: usize) -> Result<(), Box<Finding>> {
        self.pos += 1; // {
        loop {
            self.skip_ws();
            if self.bytes[self.pos] == b'}' {
                self.pos += 1;
                return Ok(());
            }
            if self.bytes[self.pos] == b',' {
                self.pos += 1;
                continue;
            }
            let key_start = self.pos;
            self.string();
            let key_span = Span::new(key_start, self.pos);
            let raw = &self.bytes[key_start..self.pos];
            // A key without escapes is its text between the quotes (ASCII, so the
            // slice stays on character boundaries); else serde_json unescapes it.
            let name: Cow<str> = match raw {
                [b'"', inner @ .., b'"'] if !inner.contains(&b'\\') => {
                    String::from_utf8_lossy(inner)
                }
                _ => Cow::Owned(serde_json::from_slice(raw).unwrap_or_default()),
            };
            self.skip_ws();
            self.pos += 1; // :
            self.value(push(pointer, &name), Some(key_span), depth + 1)?;
        }
    }

    fn array(&mut self, pointer: &str, depth: usize) -> Result<(), Box<Finding>> {
        self.pos += 1; // [
        let mut index = 0usize;
        loop {
            self.skip_ws();
            match self.bytes[self.pos] {
                b']' => {
                    self.pos += 1;
                    return Ok(());
                }
                b',' => self.pos += 1,
                _ => {
                    self.value(push(pointer, &index.to_string()), None, depth + 1)?;
                    index += 1;
                }
            }
        }
    }

    fn string(&mut self) {
        self.pos += 1; // opening quote
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    fn literal(&mut self) {
        while self.pos < self.bytes.len()
            && !matches!(
                self.bytes[self.pos],
                b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
            )
        {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Value, SourceMap, SourceFile) {
        let src = SourceFile::new("t.json", text);
        let (v, m, f) = load(&src, &Limits::default()).unwrap();
        assert!(f.is_empty(), "{f:?}");
        (v, m, src)
    }

    #[test]
    fn every_kind_of_value_has_a_span() {
        let text = r#"{ "名称": "临汾", "n": -1.5e2, "ok": true, "x": null,
  "a/b": [1, {"k~": [ ]}, "s\"q"], "o": {"深": {"更深": 3}} }"#;
        let (v, m, src) = load_str(text);
        assert_eq!(v["n"], serde_json::json!(-150.0));
        let cases = [
            ("", text),
            ("/名称", r#""临汾""#),
            ("/n", "-1.5e2"),
            ("/ok", "true"),
            ("/x", "null"),
            ("/a~1b", r#"[1, {"k~": [ ]}, "s\"q"]"#),
            ("/a~1b/0", "1"),
            ("/a~1b/1/k~0", "[ ]"),
            ("/a~1b/2", r#""s\"q""#),
            ("/o/深/更深", "3"),
        ];
        for (pointer, expected) in cases {
            let loc = m
                .get(pointer)
                .unwrap_or_else(|| panic!("no span for {pointer}"));
            assert_eq!(src.slice(loc.value), expected, "value of {pointer}");
        }
        assert_eq!(src.slice(m.get("/名称").unwrap().key.unwrap()), r#""名称""#);
        assert_eq!(src.slice(m.get("/o/深").unwrap().key.unwrap()), r#""深""#);
        assert!(m.get("/a~1b/0").unwrap().key.is_none());
    }

    #[test]
    fn syntax_error_position() {
        let src = SourceFile::new("t.json", "{\n  \"a\": 1,\n  \"b\" 2\n}");
        let f = load(&src, &Limits::default()).unwrap_err();
        assert_eq!(f.code, "dabiao::parse::json");
        let lc = src.line_col(f.span.unwrap().start);
        assert_eq!((lc.line, lc.column), (3, 7));
        assert!(f.message.contains("冒号"), "{}", f.message);
    }

    #[test]
    fn duplicate_keys_are_findings() {
        let src = SourceFile::new("t.json", r#"{"a": 1, "a": 2}"#);
        let (_, _, f) = load(&src, &Limits::default()).unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "dabiao::parse::duplicate-key");
        assert_eq!(f[0].span, Some(Span::new(9, 12)));
    }

    /// Keys with escapes are unescaped before they name a pointer (and so a key
    /// written two ways is still one key); plain keys are read between the quotes.
    #[test]
    fn escaped_keys_name_the_same_pointer() {
        let text = r#"{"\u5b66\u751f": 1, "学生": 2, "a/b": {"c~d": 3}, "": 4, "q\"": 5}"#;
        let src = SourceFile::new("t.json", text);
        let (v, map, f) = load(&src, &Limits::default()).unwrap();
        assert_eq!(f.len(), 1, "学生 twice: {f:?}");
        assert_eq!(f[0].pointer.as_deref(), Some("/学生"));
        assert_eq!(v["学生"], serde_json::json!(2));
        for pointer in ["/学生", "/a~1b", "/a~1b/c~0d", "/", "/q\""] {
            assert!(map.get(pointer).is_some(), "{pointer}");
        }
    }

    #[test]
    fn nesting_limit() {
        let text = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let src = SourceFile::new("t.json", text);
        let limits = Limits {
            max_depth: 10,
            ..Limits::default()
        };
        assert_eq!(
            load(&src, &limits).unwrap_err().code,
            "dabiao::limit::depth"
        );
    }
}
