//! Report texts of realistic size: the bundled city report
//! (examples/chengchuan-2024-city-secondary.txt, ~22 KB) with each part grown by
//! invented paragraphs (templates below, numbers drawn from the seed) to a target
//! size, and defects injected at known rates. The templates are our own wording and
//! name no place: they describe routine work with figures no table holds.

use std::path::Path;

use super::{Manifest, Rng, docx, root};

/// Defect kinds and the share of texts each is injected into (independently).
pub const TEXT_DEFECTS: [(&str, f64); 6] = [
    ("title-year-2023", 0.03),
    ("stale-paragraph-2023", 0.05),
    ("table-removed", 0.03),
    ("text-in-number-cell", 0.03),
    ("part-sum-broken", 0.05),
    ("dash-in-always-row", 0.03),
];

/// Paragraph templates; {a}…{d} become numbers (a: 2–60, b: 100–9000, c: 1–19, d: 10–99).
const TEMPLATES: [&str; 16] = [
    "2024年，各校围绕课堂教学常规开展专项督导，全年组织听课评课{b}节次，形成整改清单{a}份，教学秩序和课堂纪律明显好转，学生到课率保持在较高水平。",
    "教研活动坚持每周一次的集体备课制度，各专业教研组共开展主题教研{a}场，围绕项目化教学、活页式教材使用和过程性评价等问题形成教学改进建议{d}条。",
    "在学生管理方面，各校推行班主任、专业导师和企业师傅共同参与的“三导师”制度，全年开展主题班会{b}场次，心理健康讲座{a}场，受益学生覆盖全体在校生。",
    "为提升服务能力，学校组织教师利用寒暑假赴合作企业参加实践锻炼，累计实践时长{b}小时，{a}名教师取得新的职业技能等级证书，教学内容与岗位要求衔接更加紧密。",
    "图书馆推进书香校园建设，年内新增纸质图书{b}册，开展读书分享会{a}场，学生人均借阅量达到{c}.{c}册，阅读氛围较往年更为浓厚。",
    "志愿服务常态化开展，各校组建志愿服务队{a}支，全年参与社区服务、交通劝导、敬老助残等活动{b}人次，累计服务时长约{d}00小时。",
    "安全教育贯穿全年，各校组织消防疏散演练{a}次、防溺水专题教育{c}次，排查整改校园安全隐患{d}处，全年未发生较大安全责任事故。",
    "数字校园建设稳步推进，新建或改造智慧教室{a}间，校园无线网络覆盖教学区和生活区，教师使用信息化手段开展教学的课时占比进一步提高。",
    "劳动教育纳入人才培养方案，每个班级每学期安排劳动周一次，结合专业特点设置校园保洁、实训室整理、农事体验等劳动项目{a}个，学生参与度高。",
    "各校重视家校协同育人，全年召开家长会{a}场，开展家访{b}户次，通过家长学校向家长宣讲职业教育政策和升学就业路径，家长对学校工作的认同感增强。",
    "体育工作坚持“健康第一”，各校开设体育选项课{a}门，组织校园运动会和技能节{c}次，学生体质健康测试合格率稳中有升。",
    "美育浸润行动持续开展，学校组建合唱、书法、剪纸等艺术社团{a}个，举办校园艺术展演{c}场，参与学生{b}人次，丰富了校园文化生活。",
    "在教学管理规范化方面，各校修订完善教学管理制度{a}项，建立教学质量监测周报机制，按学期发布专业建设质量自评报告，推动诊断改进常态化。",
    "对口帮扶工作扎实推进，城区学校与山区学校结成帮扶对子{c}对，选派骨干教师送教下乡{d}人次，共享实训设备和课程资源，区域办学差距逐步缩小。",
    "招生宣传注重实效，各校深入初中学校开展职业启蒙教育活动{a}场，接待家长和学生到校参观{b}人次，让更多初中学生了解职业教育的培养方式。",
    "后勤保障服务质量提升，食堂完成明厨亮灶改造，宿舍配备空调和热水设施，年内开展后勤满意度测评{c}次，师生反映的问题均在规定时限内答复。",
];

fn fill(t: &str, rng: &mut Rng) -> String {
    t.replace("{a}", &rng.range(2, 60).to_string())
        .replace("{b}", &rng.range(100, 9000).to_string())
        .replace("{c}", &rng.range(1, 9).to_string())
        .replace("{d}", &rng.range(10, 99).to_string())
}

/// The base report and the line range of its body (from 前 言 to the first table
/// heading of the appendix), where paragraphs are added.
fn base() -> (Vec<String>, usize, usize) {
    let path = root().join("examples/chengchuan-2024-city-secondary.txt");
    let text = std::fs::read_to_string(path).expect("example report");
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let start = lines.iter().position(|l| l == "前 言").expect("前 言");
    let end = lines
        .iter()
        .position(|l| l == "表1 人才培养质量计分卡")
        .expect("appendix");
    (lines, start, end)
}

fn is_body_paragraph(l: &str) -> bool {
    !l.contains('\t')
        && l.chars().count() >= 40
        && !["图", "表", "案例"].iter().any(|p| l.starts_with(p))
}

/// One report of about `target` bytes, with its injected defects.
pub fn report(rng: &mut Rng, target: usize) -> (String, Vec<&'static str>) {
    let (mut lines, start, end) = base();
    let base_len: usize = lines.iter().map(|l| l.len() + 1).sum();
    let slots: Vec<usize> = (start..end)
        .filter(|&i| is_body_paragraph(&lines[i]))
        .collect();
    let need = target.saturating_sub(base_len);
    let mut grown: Vec<String> = Vec::with_capacity(lines.len() * 4);
    let mut added = 0usize;
    let mut slot = 0usize;
    for (i, line) in lines.drain(..).enumerate() {
        let here = slots.get(slot) == Some(&i);
        grown.push(line);
        if !here {
            continue;
        }
        slot += 1;
        while added < need * slot / slots.len() {
            let t = *rng.pick(&TEMPLATES);
            let p = fill(t, rng);
            added += p.len() + 2;
            grown.push(String::new());
            grown.push(p);
        }
    }
    let mut injected = Vec::new();
    for (kind, rate) in TEXT_DEFECTS {
        if rng.chance(rate) && inject(&mut grown, kind, rng) {
            injected.push(kind);
        }
    }
    (grown.join("\n") + "\n", injected)
}

/// Replaces the report-year cell (the 5th) of the first table row named `row`.
fn set_cell(lines: &mut [String], row: &str, value: &str) -> bool {
    let Some(l) = lines.iter_mut().find(|l| l.split('\t').nth(1) == Some(row)) else {
        return false;
    };
    let mut cells: Vec<String> = l.split('\t').map(str::to_string).collect();
    if cells.len() < 5 {
        return false;
    }
    cells[4] = value.to_string();
    *l = cells.join("\t");
    true
}

fn inject(lines: &mut Vec<String>, kind: &str, rng: &mut Rng) -> bool {
    match kind {
        "title-year-2023" => match lines.iter_mut().find(|l| *l == "（2024年度）") {
            Some(l) => {
                *l = "（2023年度）".to_string();
                true
            }
            None => false,
        },
        "stale-paragraph-2023" => {
            let Some(at) = lines.iter().position(|l| l == "2. 人才培养") else {
                return false;
            };
            let p = format!(
                "2023年，全市中职学校新增校企合作订单班{}个，组织学生参加岗位实习{}人，合作企业评价总体良好。",
                rng.range(5, 40),
                rng.range(800, 3000)
            );
            lines.splice(at..at, [p, String::new()]);
            true
        }
        "table-removed" => {
            let from = lines.iter().rposition(|l| l == "表3 教学资源表");
            let to = lines.iter().rposition(|l| l == "表4 服务贡献表");
            match (from, to) {
                (Some(a), Some(b)) if a < b => {
                    lines.drain(a..b);
                    true
                }
                _ => false,
            }
        }
        "text-in-number-cell" => set_cell(lines, "毕业生人数", "约九千人"),
        "part-sum-broken" => {
            let n = rng.range(130, 190).to_string();
            set_cell(lines, "其中：面向第一产业就业人数", &n)
        }
        "dash-in-always-row" => set_cell(lines, "在校生满意度", "-"),
        _ => false,
    }
}

/// Writes `n` report texts of about `target` bytes each under `dir`.
pub fn write_texts(dir: &Path, n: usize, seed: u64, target: usize) -> Manifest {
    let mut rng = Rng::new(seed);
    let mut manifest = Manifest::default();
    for i in 0..n {
        let (text, injected) = report(&mut rng, target);
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).expect("corpus dir");
        std::fs::write(sub.join(format!("t{i:05}.txt")), &text).expect("text file");
        manifest.add(text.len(), &injected);
    }
    manifest
}

/// A long .docx: the report grown to `target` bytes of text, as Word would hold it
/// (one paragraph per line, tab-separated lines as tables). No injected defect.
pub fn write_docx(path: &Path, seed: u64, target: usize) -> (usize, usize) {
    let mut rng = Rng::new(seed);
    let (text, _) = report(&mut rng, target);
    let bytes = docx::build(&docx::fixture_parts(&text, false));
    std::fs::write(path, &bytes).expect("docx file");
    (text.chars().count(), bytes.len())
}
