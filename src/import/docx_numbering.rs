//! Word's list numbering (`word/numbering.xml`): the numbers Word shows in front of
//! headings but does not store in the text, counted the way Word counts them.

use std::collections::HashMap;

use roxmltree::Node;

/// The WordprocessingML namespace, and the element helpers both Word parts use.
pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(super) fn is(n: &Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(W)
}

pub(super) fn attr<'a>(n: &Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attribute((W, local))
}

pub(super) fn child<'a, 'i>(n: &Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, local))
}

#[derive(Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// Word's list numbering: the counters of each list, rendered as Word shows them.
#[derive(Default)]
pub(super) struct Numbering {
    /// numId → abstractNumId
    nums: HashMap<String, String>,
    levels: HashMap<String, Vec<Level>>,
    counters: HashMap<String, Vec<u32>>,
    /// numId → (ilvl, start) of its `w:lvlOverride/w:startOverride`: a list that
    /// restarts its abstract numbering where it is first used.
    overrides: HashMap<String, Vec<(usize, u32)>>,
}

impl Numbering {
    pub(super) fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let Ok(doc) = super::docx_limits::parse_xml(xml) else {
            return n;
        };
        for node in doc.root_element().children() {
            if is(&node, "abstractNum") {
                let Some(id) = attr(&node, "abstractNumId") else {
                    continue;
                };
                let mut levels = vec![
                    Level {
                        format: "decimal".into(),
                        text: String::new(),
                        start: 1
                    };
                    9
                ];
                for lvl in node.children().filter(|c| is(c, "lvl")) {
                    let Some(i) = attr(&lvl, "ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                        continue;
                    };
                    if i >= 9 {
                        continue;
                    }
                    let val = |name| child(&lvl, name).and_then(|c| attr(&c, "val"));
                    levels[i] = Level {
                        format: val("numFmt").unwrap_or("decimal").to_string(),
                        text: val("lvlText").unwrap_or_default().to_string(),
                        start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
                n.levels.insert(id.to_string(), levels);
            } else if is(&node, "num") {
                let (Some(id), Some(abs)) = (
                    attr(&node, "numId"),
                    child(&node, "abstractNumId").and_then(|a| attr(&a, "val")),
                ) else {
                    continue;
                };
                n.nums.insert(id.to_string(), abs.to_string());
                let restarts: Vec<(usize, u32)> = node
                    .children()
                    .filter(|c| is(c, "lvlOverride"))
                    .filter_map(|o| {
                        let ilvl = attr(&o, "ilvl")?.parse::<usize>().ok()?;
                        let start = child(&o, "startOverride")
                            .and_then(|s| attr(&s, "val"))?
                            .parse()
                            .ok()?;
                        (ilvl < 9).then_some((ilvl, start))
                    })
                    .collect();
                if !restarts.is_empty() {
                    n.overrides.insert(id.to_string(), restarts);
                }
            }
        }
        n
    }

    /// Advances list `num_id` at `ilvl` and returns the label Word shows ("2.3.1").
    pub(super) fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let abs = self.nums.get(num_id)?.clone();
        let levels = self.levels.get(&abs)?.clone();
        let ilvl = ilvl.min(8);
        let restarts = self.overrides.remove(num_id).unwrap_or_default();
        let counters = self
            .counters
            .entry(abs)
            .or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        for (k, start) in restarts {
            counters[k] = start.saturating_sub(1);
        }
        counters[ilvl] += 1;
        for deeper in ilvl + 1..9 {
            counters[deeper] = levels[deeper].start.saturating_sub(1);
        }
        let level = &levels[ilvl];
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let mut label = level.text.clone();
        for (k, l) in levels.iter().enumerate().take(ilvl + 1) {
            // A level above that never counted shows its start; this level shows its
            // count (a startOverride may set it below the abstract start).
            let value = if k == ilvl {
                counters[k]
            } else {
                counters[k].max(l.start)
            };
            let shown = match l.format.as_str() {
                "chineseCounting"
                | "chineseCountingThousand"
                | "ideographTraditional"
                | "japaneseCounting" => chinese(value),
                _ => value.to_string(),
            };
            label = label.replace(&format!("%{}", k + 1), &shown);
        }
        (!label.trim().is_empty()).then_some(label)
    }
}

fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_counts_like_word() {
        let xml = format!(
            r#"<w:numbering xmlns:w="{W}">
              <w:abstractNum w:abstractNumId="0">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
              </w:abstractNum>
              <w:abstractNum w:abstractNumId="1">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            </w:numbering>"#
        );
        let mut n = Numbering::parse(&xml);
        assert_eq!(n.next("1", 0).as_deref(), Some("1"));
        assert_eq!(n.next("1", 1).as_deref(), Some("1.1"));
        assert_eq!(n.next("1", 1).as_deref(), Some("1.2"));
        assert_eq!(n.next("1", 0).as_deref(), Some("2"));
        assert_eq!(n.next("1", 1).as_deref(), Some("2.1"));
        assert_eq!(n.next("2", 0).as_deref(), Some("一、"));
        assert_eq!(n.next("2", 0).as_deref(), Some("二、"));
        assert_eq!(chinese(23), "二十三");
    }

    #[test]
    fn start_overrides_restart_a_list() {
        let xml = format!(
            r#"<w:numbering xmlns:w="{W}">
              <w:abstractNum w:abstractNumId="0">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="0"/>
                <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            </w:numbering>"#
        );
        let mut n = Numbering::parse(&xml);
        assert_eq!(n.next("1", 0).as_deref(), Some("1."));
        assert_eq!(n.next("1", 0).as_deref(), Some("2."));
        assert_eq!(n.next("2", 0).as_deref(), Some("1."));
        assert_eq!(n.next("2", 0).as_deref(), Some("2."));
    }
}
