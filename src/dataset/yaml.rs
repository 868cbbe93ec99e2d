//! YAML loader over saphyr's `MarkedYaml`, whose markers count characters; they are
//! turned into byte offsets through the source's line index.

use saphyr::{MarkedYaml, Scalar, ScanError, YamlData, YamlLoader};
use saphyr_parser::{Parser, SpannedEventReceiver};

use super::shape::YamlGuard;
use serde_json::{Map, Number, Value};

use super::Limits;
use super::codes;
use super::source_map::{Location, SourceMap, push};
use crate::base::source::{SourceFile, Span};
use crate::finding::Finding;

pub fn load(
    source: &SourceFile,
    limits: &Limits,
) -> Result<(Value, SourceMap, Vec<Finding>), Box<Finding>> {
    let mut docs = parse(source, limits)?;
    let mut findings = Vec::new();
    if docs.len() > 1 {
        let second = span_of(source, &docs[1].span);
        findings.push(
            Finding::of(
                &codes::MULTIPLE_DOCUMENTS,
                format!("文件包含 {} 个 YAML 文档，只检查第一个", docs.len()),
            )
            .at(Span::new(second.start, second.start))
            .with_label("第二个文档从这里开始")
            .with_help("每份报告请单独保存为一个文件"),
        );
    }
    if docs.is_empty() {
        return Err(Box::new(
            Finding::of(&codes::EMPTY, "文件是空的".to_string())
                .with_help("用 dabiao init 生成一份模板，再填写数据"),
        ));
    }
    let root = docs.swap_remove(0);
    let mut conv = Converter {
        source,
        offsets: Offsets::new(source),
        map: SourceMap::new(),
        findings,
        max_depth: limits.max_depth,
    };
    let value = conv.node(&root, String::new(), None, 0)?;
    Ok((value, conv.map, conv.findings))
}

/// Parses once, each event checked against the limits before the loader builds it.
/// Events are pulled from the parser's iterator, not pushed by `Parser::load`,
/// which recurses once per level of nesting (a deep file overflowed the stack
/// before any limit was seen); the loader keeps its own stack.
fn parse<'a>(source: &'a SourceFile, limits: &Limits) -> Result<Vec<MarkedYaml<'a>>, Box<Finding>> {
    let mut guard = YamlGuard::new(source, limits);
    let mut loader: YamlLoader<'a, MarkedYaml<'a>> = YamlLoader::default();
    loader.alias_limit(limits.max_yaml_alias_nodes);
    for event in Parser::new_from_str(source.text()) {
        let (event, span) = event.map_err(|e| Box::new(scan_error(source, &e, limits)))?;
        guard.event(&event, span)?;
        loader.on_event(event, span);
    }
    if let Some(e) = loader.error() {
        return Err(Box::new(scan_error(source, e, limits)));
    }
    Ok(loader.into_documents())
}

fn scan_error(source: &SourceFile, e: &ScanError, limits: &Limits) -> Finding {
    let m = e.marker();
    let at = source.offset_of_char_col(m.line().saturating_sub(1), m.col());
    let at = source.clamp(Span::new(at, at + 1));
    let info = e.info();
    if info.contains("alias") && (info.contains("limit") || info.contains("budget")) {
        return Finding::of(
            &codes::YAML_ALIASES,
            format!(
                "YAML 别名（*引用）展开后超过 {} 个节点，为安全起见不再读取",
                limits.max_yaml_alias_nodes
            ),
        )
        .at(at)
        .with_label("别名展开过多")
        .with_help("数据集不需要锚点和别名；请把数据直接写出来");
    }
    let (message, label) = describe(info);
    Finding::of(&codes::YAML, format!("YAML 语法错误：{message}"))
        .at(at)
        .with_label(label)
        .with_help(format!(
            "修正此处的语法后再检查（解析器原文：{info}）。常见原因：缩进不一致、用了 Tab 缩进、冒号后缺空格、值里有未加引号的冒号"
        ))
}

/// saphyr's messages (a part of each) → the Chinese message and label; the first
/// match wins, so the specific ones come first.
const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "byte order mark",
        "文档中间出现了字节顺序标记（BOM，U+FEFF），它只能在文件开头",
        "多余的 BOM",
    ),
    (
        "unknown anchor",
        "引用了未定义的锚点（*名称 之前没有对应的 &名称）",
        "未定义的锚点",
    ),
    (
        "duplicated anchor",
        "同一个锚点（&名称）定义了两次",
        "重复的锚点",
    ),
    (
        "anchor or alias",
        "锚点或别名（& 或 * 之后）缺少名称",
        "缺少名称",
    ),
    ("recursion limit", "嵌套层数过深", "嵌套过深"),
    ("unprintable", "含有不可打印的控制字符", "控制字符"),
    (
        "escape",
        "双引号文本中有无效的转义（\\ 之后的字符）",
        "无效转义",
    ),
    (
        "hexadecimal",
        "双引号文本中有无效的转义（\\ 之后的字符）",
        "无效转义",
    ),
    (
        "block scalar",
        "多行文本（| 或 >）的写法或缩进不正确",
        "多行文本有误",
    ),
    (
        "comment intercepting",
        "多行文本中间插入了注释",
        "这里不能有注释",
    ),
    (
        "plain scalar cannot start with '-'",
        "以 - 开头的值要加引号",
        "要加引号",
    ),
    (
        "flow mapping",
        "花括号 {} 中缺少逗号或没有闭合",
        "缺逗号或未闭合",
    ),
    (
        "flow sequence",
        "方括号 [] 中缺少逗号或没有闭合",
        "缺逗号或未闭合",
    ),
    ("node content", "此处缺少值", "缺少值"),
    ("block collection", "列表项缩进不一致", "缩进有误"),
    ("illegal placement of ':'", "冒号的位置不对", "冒号位置不对"),
    ("simple key", "键后缺少冒号", "缺少冒号"),
    (
        "mapping keys are not allowed",
        "此处不能出现键",
        "这里不能有键",
    ),
    ("misplaced bracket", "括号的位置不对", "括号位置不对"),
    ("trailing content", "引号闭合后还有多余内容", "多余内容"),
    ("expected whitespace", "此处缺少空格", "缺少空格"),
    ("unexpected character", "此处有无法识别的字符", "无法识别"),
    (
        "unexpected eof",
        "文件意外结束（引号或括号没有闭合）",
        "意外结束",
    ),
    (
        "unexpected end",
        "文件意外结束（引号或括号没有闭合）",
        "意外结束",
    ),
    (
        "tag",
        "标签（以 ! 开头）的写法不正确；数据集不需要标签",
        "标签有误",
    ),
    (
        "document",
        "文档标记（--- 或 ...）的用法不正确",
        "文档标记有误",
    ),
    (
        "directive",
        "指令（以 % 开头）的写法不正确；数据集不需要指令",
        "指令有误",
    ),
    ("duplicate", "同一个映射里有重复的键", "重复的键"),
    (
        "mapping values are not allowed",
        "此处不允许出现键值对（多半是缩进或未加引号的冒号）",
        "这里不能有冒号",
    ),
    (
        "did not find expected key",
        "缩进不一致，找不到预期的键",
        "缩进有误",
    ),
    ("tab", "YAML 不允许用 Tab 缩进", "Tab 缩进"),
    (
        "block sequence entries are not allowed",
        "此处不能出现以 - 开头的列表项（表示“不适用”的 - 要加引号写成 \"-\"）",
        "这里的 - 要加引号",
    ),
    ("could not find expected ':'", "键后缺少冒号", "缺少冒号"),
    ("unclosed", "引号或括号没有闭合", "没有闭合"),
    (
        "found unexpected end of stream",
        "文件意外结束（引号或括号没有闭合）",
        "意外结束",
    ),
    ("invalid indentation", "缩进不正确", "缩进有误"),
];

fn describe(info: &str) -> (String, &'static str) {
    for (needle, message, label) in MESSAGES {
        if info.contains(needle) {
            return (message.to_string(), label);
        }
    }
    ("此处的写法不符合 YAML 语法".to_string(), "语法错误")
}

/// Length in bytes of the scalar at the start of `rest`: a quoted string up to its
/// closing quote, a plain scalar up to a comment, a flow delimiter or the line end.
fn scalar_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    match bytes.first() {
        Some(b'"') => {
            let mut i = 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    _ => i += 1,
                }
            }
            bytes.len()
        }
        Some(b'\'') => {
            let mut i = 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i += 1;
            }
            bytes.len()
        }
        _ => {
            let line = rest.split('\n').next().unwrap_or("");
            let line = line.find(" #").map_or(line, |i| &line[..i]);
            let line = line.find([',', ']', '}']).map_or(line, |i| &line[..i]);
            line.trim_end().len()
        }
    }
}

fn span_of(source: &SourceFile, span: &saphyr_parser::Span) -> Span {
    let start = source.offset_of_char_col(span.start.line().saturating_sub(1), span.start.col());
    let end = source.offset_of_char_col(span.end.line().saturating_sub(1), span.end.col());
    Span::new(start, end.max(start))
}

/// saphyr's markers → byte offsets. A marker's index counts characters from the
/// start; the converter asks for them nearly in order, so a cursor that walks from
/// the last answer costs a few bytes per question, where going through the marker's
/// line and column walked the line each time (a tenth of loading a YAML file). An
/// answer off the marker's line (never seen) falls back to the line and column.
struct Offsets<'s> {
    source: &'s SourceFile,
    chars: usize,
    bytes: usize,
}

impl<'s> Offsets<'s> {
    fn new(source: &'s SourceFile) -> Self {
        Offsets {
            source,
            chars: 0,
            bytes: 0,
        }
    }

    fn span(&mut self, span: &saphyr_parser::Span) -> Span {
        let start = self.at(&span.start);
        let end = self.at(&span.end);
        Span::new(start, end.max(start))
    }

    fn at(&mut self, m: &saphyr_parser::Marker) -> usize {
        let text = self.source.text().as_bytes();
        let is_continuation = |b: u8| b & 0xC0 == 0x80;
        while self.chars < m.index() && self.bytes < text.len() {
            self.bytes += 1;
            while self.bytes < text.len() && is_continuation(text[self.bytes]) {
                self.bytes += 1;
            }
            self.chars += 1;
        }
        while self.chars > m.index() {
            self.bytes -= 1;
            while self.bytes > 0 && is_continuation(text[self.bytes]) {
                self.bytes -= 1;
            }
            self.chars -= 1;
        }
        let line0 = m.line().saturating_sub(1);
        let on_line = self.source.line_start(line0).is_some_and(|start| {
            let next = self.source.line_start(line0 + 1).unwrap_or(text.len() + 1);
            start <= self.bytes && self.bytes < next
        });
        if on_line && self.chars == m.index() {
            self.bytes
        } else {
            self.source.offset_of_char_col(line0, m.col())
        }
    }
}

struct Converter<'s> {
    source: &'s SourceFile,
    offsets: Offsets<'s>,
    map: SourceMap,
    findings: Vec<Finding>,
    max_depth: usize,
}

impl Converter<'_> {
    fn node(
        &mut self,
        node: &MarkedYaml<'_>,
        pointer: String,
        key: Option<Span>,
        depth: usize,
    ) -> Result<Value, Box<Finding>> {
        let start = self.offsets.at(&node.span.start);
        if depth > self.max_depth {
            let span = match node.data {
                YamlData::Value(_) | YamlData::Representation(..) => self.scalar_span(start),
                _ => self.container_span(node, start),
            };
            return Err(Box::new(super::shape::depth_limit(self.max_depth, span)));
        }
        // A scalar's span needs only its start; a collection's end is found after its
        // members, where the cursor of offsets already is.
        let mut span = self.scalar_span(start);
        let value = match &node.data {
            YamlData::Value(s) => self.scalar(s, &pointer, span),
            YamlData::Representation(raw, _, _) => Value::String(raw.to_string()),
            YamlData::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.node(item, push(&pointer, &i.to_string()), None, depth + 1)?);
                }
                span = self.container_span(node, start);
                Value::Array(out)
            }
            YamlData::Mapping(entries) => {
                let mut out = Map::with_capacity(entries.len());
                for (k, v) in entries {
                    let key_span = self.offsets.span(&k.span);
                    let Some(name) = self.key_name(k, key_span, &pointer) else {
                        continue;
                    };
                    let child = self.node(v, push(&pointer, &name), Some(key_span), depth + 1)?;
                    out.insert(name, child);
                }
                span = self.container_span(node, start);
                Value::Object(out)
            }
            YamlData::Tagged(_, inner) => return self.node(inner, pointer, key, depth),
            YamlData::Alias(_) | YamlData::BadValue => {
                span = self.container_span(node, start);
                self.findings.push(
                    Finding::of(&codes::YAML_VALUE, "无法解析这个 YAML 值".to_string())
                        .at(span)
                        .at_pointer(pointer.clone())
                        .with_label("无法解析")
                        .with_help("去掉标签（如 !!int），直接写数字或加引号的文本"),
                );
                Value::Null
            }
        };
        self.map.insert(pointer, Location { key, value: span });
        Ok(value)
    }

    /// A scalar's span: from its start (a byte offset) to the end of the scalar there.
    fn scalar_span(&self, start: usize) -> Span {
        let all = self.source.text();
        Span::new(start, start + scalar_len(&all[start..]))
    }

    /// saphyr ends a node where the next token starts (often after a comment or on the
    /// next line); cut the span back to the collection itself so labels stay on it.
    /// `start` was found before the members, so that the cursor need not go back.
    fn container_span(&mut self, node: &MarkedYaml<'_>, start: usize) -> Span {
        let s = Span::new(start, self.offsets.at(&node.span.end).max(start));
        let all = self.source.text();
        let text = &all[s.start..s.end];
        let mut end = s.start + text.trim_end().len();
        // ... and a flow collection ends *at* its closing bracket: include it.
        let closing = match text.as_bytes().first() {
            Some(b'[') => Some(b']'),
            Some(b'{') => Some(b'}'),
            _ => None,
        };
        if let Some(closing) = closing {
            let rest = &all[end..];
            let gap = rest.len() - rest.trim_start().len();
            if rest.as_bytes().get(gap) == Some(&closing) {
                end += gap + 1;
            }
        }
        Span::new(s.start, end)
    }

    fn key_name(&mut self, key: &MarkedYaml<'_>, span: Span, pointer: &str) -> Option<String> {
        match &key.data {
            YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
            // `2024:` is an integer key in YAML; a year column is meant.
            YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
            YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
            YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
            _ => {
                self.findings.push(
                    Finding::of(&codes::YAML_KEY, "映射的键必须是简单的文本".to_string())
                        .at(span)
                        .at_pointer(pointer.to_string())
                        .with_label("不支持的键")
                        .with_help("键只能是字段名（如 graduates）或年份（如 2024）"),
                );
                None
            }
        }
    }

    fn scalar(&mut self, s: &Scalar<'_>, pointer: &str, span: Span) -> Value {
        match s {
            Scalar::Null => Value::Null,
            Scalar::Boolean(b) => Value::Bool(*b),
            Scalar::Integer(i) => Value::Number((*i).into()),
            Scalar::FloatingPoint(f) => match Number::from_f64(f.into_inner()) {
                Some(n) => Value::Number(n),
                None => {
                    self.findings.push(
                        Finding::of(
                            &codes::NOT_FINITE,
                            "数值不是有限的数（.inf 或 .nan）".to_string(),
                        )
                        .at(span)
                        .at_pointer(pointer.to_string())
                        .with_label("不是有限的数")
                        .with_help("写一个具体的数；未填写留空，不适用写 \"-\""),
                    );
                    Value::Null
                }
            },
            Scalar::String(s) => Value::String(s.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor of offsets answers what the line and column did, for every marker
    /// of every event, in any order asked: CJK keys, values and comments, CRLF, flow
    /// collections, a multi-line string, blank lines at the end.
    #[test]
    fn offsets_agree_with_lines_and_columns() {
        let texts = [
            "名称: 临汾 # 注释：中文\n数据:\n  中职: {学生: 12, 教师: [1, 2]}\n",
            "a: 1\r\nb:\r\n  - 深圳\r\n  - \"引号 #\"\r\n",
            "说明: |\n  第一行\n  第二行\nx: 'it''s'\n\n\n",
            "- - 一\n  - 二\n- {k: v}\n",
        ];
        for text in texts {
            let source = SourceFile::new("t.yaml", text);
            let mut markers = Vec::new();
            for event in Parser::new_from_str(source.text()) {
                let (_, span) = event.unwrap();
                markers.extend([span.start, span.end]);
            }
            let expected = |m: &saphyr_parser::Marker| {
                source.offset_of_char_col(m.line().saturating_sub(1), m.col())
            };
            let mut offsets = Offsets::new(&source);
            for m in markers.iter().chain(markers.iter().rev()) {
                assert_eq!(offsets.at(m), expected(m), "{text:?} {m:?}");
            }
        }
        // A byte order mark (the decoder drops one that starts the file): saphyr
        // counts it but starts the column after it. The cursor lands on the key.
        let source = SourceFile::new("t.yaml", "\u{feff}a: 1\n");
        let mut offsets = Offsets::new(&source);
        let first = Parser::new_from_str(source.text())
            .map(|e| e.unwrap().1.start)
            .find(|m| m.index() == 1)
            .unwrap();
        assert_eq!(offsets.at(&first), 3);
    }

    fn load_str(text: &str) -> (Value, SourceMap, SourceFile) {
        let src = SourceFile::new("t.yaml", text);
        let (v, m, f) = load(&src, &Limits::default()).unwrap();
        assert!(f.is_empty(), "{f:?}");
        (v, m, src)
    }

    #[test]
    fn every_kind_of_value_has_a_span() {
        let text = "名称: 临汾\nn: -1.5\nok: true\nx: null\ndash: \"-\"\nlist:\n  - 1\n  - k: [ 2, 3 ]\n2024:\n  深: 7\n";
        let (v, m, src) = load_str(text);
        assert_eq!(v["2024"]["深"], serde_json::json!(7));
        assert_eq!(v["dash"], serde_json::json!("-"));
        let cases = [
            ("/名称", "临汾"),
            ("/n", "-1.5"),
            ("/ok", "true"),
            ("/x", "null"),
            ("/dash", "\"-\""),
            ("/list/0", "1"),
            ("/list/1/k", "[ 2, 3 ]"),
            ("/list/1/k/1", "3"),
            ("/2024/深", "7"),
        ];
        for (pointer, expected) in cases {
            let loc = m
                .get(pointer)
                .unwrap_or_else(|| panic!("no span for {pointer}"));
            assert_eq!(src.slice(loc.value), expected, "value of {pointer}");
        }
        assert_eq!(src.slice(m.get("/2024/深").unwrap().key.unwrap()), "深");
        assert_eq!(src.slice(m.get("/2024").unwrap().key.unwrap()), "2024");
        assert!(src.slice(m.get("/list").unwrap().value).starts_with("- 1"));
        assert!(m.get("/list/1").unwrap().key.is_none());
    }

    #[test]
    fn scalar_spans_stop_before_comments() {
        let text = "a: \"7800人\"  # 注释\nb: plain text # 注释\nc: 'it''s'\nd: [1, 2] # x\n";
        let (_, m, src) = load_str(text);
        assert_eq!(src.slice(m.get("/a").unwrap().value), "\"7800人\"");
        assert_eq!(src.slice(m.get("/b").unwrap().value), "plain text");
        assert_eq!(src.slice(m.get("/c").unwrap().value), "'it''s'");
        assert_eq!(src.slice(m.get("/d/1").unwrap().value), "2");
        assert_eq!(src.slice(m.get("/d").unwrap().value), "[1, 2]");
    }

    #[test]
    fn syntax_error_position() {
        let src = SourceFile::new("t.yaml", "a: 1\nb:\n  c: 2\n d: 3\n");
        let f = load(&src, &Limits::default()).unwrap_err();
        assert_eq!(f.code, "dabiao::parse::yaml");
        assert_eq!(src.line_col(f.span.unwrap().start).line, 4);
    }

    #[test]
    fn alias_bomb_is_a_limit() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let src = SourceFile::new("t.yaml", text);
        let f = load(&src, &Limits::default()).unwrap_err();
        assert_eq!(f.code, "dabiao::limit::yaml-aliases", "{f:?}");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let src = SourceFile::new("t.yaml", "a: 1\na: 2\n");
        let f = load(&src, &Limits::default()).unwrap_err();
        assert_eq!(f.code, "dabiao::parse::yaml");
        assert!(f.message.contains("重复"), "{}", f.message);
    }
}
