use super::*;

fn lists_of(text: &str) -> Vec<List> {
    let mut l = Lists::default();
    l.paragraph(text, 0);
    l.close();
    l.lists
}

fn names(l: &List) -> Vec<&str> {
    l.items.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn groups_in_brackets_give_the_total_its_names() {
    let v = lists_of(
        "全市共有中职学校(不含技工学校)5 所,其中普通中专 2 所(东川卫生学校、东川艺术学校),职业高中 3 所(北坡职业中学、南岭职业中学、西河职业中学)。",
    );
    let total = v.iter().find(|l| l.count == Some(5)).expect("total");
    assert_eq!(total.items.len(), 5);
    assert!(total.complete);
    assert_eq!(names(total)[4], "西河职业中学");
}

#[test]
fn examples_before_a_count_are_not_complete() {
    let v = lists_of("各校新增智能焊接、民宿管理与服务等 9 个专业。");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].count, Some(9));
    assert!(!v[0].complete);
    assert_eq!(names(&v[0]), ["智能焊接", "民宿管理与服务"]);
    assert_eq!(v[0].noun, "专业");
}

#[test]
fn a_colon_list_after_a_count() {
    let v = lists_of("合作企业共3家：东川重工、北坡农垦、南岭康养，均签订协议。");
    assert_eq!(v.len(), 1);
    assert_eq!(names(&v[0]), ["东川重工", "北坡农垦", "南岭康养"]);
    assert!(v[0].complete);
}

#[test]
fn a_breakdown_is_no_list() {
    assert!(
        lists_of("全市共有学校12所：市区7所、县域5所。")
            .iter()
            .all(|l| l.count != Some(12))
    );
}

fn row(cells: &[&str], at: usize) -> Block {
    let text = cells.join("\t");
    let mut cs = Vec::new();
    let mut p = at;
    for c in cells {
        cs.push(crate::import::document::Cell {
            text: c.to_string(),
            span: Span::new(p, p + c.len()),
        });
        p += c.len() + 1;
    }
    Block {
        kind: BlockKind::Row,
        span: Span::new(at, at + text.len()),
        text,
        cells: cs,
        blank_before: false,
        place: None,
        written: None,
    }
}

#[test]
fn a_numbered_table_and_its_caption() {
    let mut l = Lists::default();
    l.block(&row(&["序号", "学校名称", "新增专业"], 0));
    l.block(&row(&["1", "东川卫生学校", "康复技术"], 100));
    l.block(&row(&["2", "", "口腔护理"], 200));
    l.block(&row(&["3", "北坡职业中学", "智能焊接"], 300));
    let cap = Block {
        kind: BlockKind::Text,
        text: "图 2 新增专业一览".into(),
        span: Span::new(400, 400 + "图 2 新增专业一览".len()),
        cells: Vec::new(),
        blank_before: false,
        place: None,
        written: None,
    };
    l.block(&cap);
    assert_eq!(l.lists.len(), 2);
    assert_eq!(names(&l.lists[0]), ["东川卫生学校", "北坡职业中学"]);
    assert_eq!(l.lists[1].items.len(), 3);
    assert_eq!(l.lists[1].rows, Some(3));
    assert_eq!(l.lists[1].caption.as_deref(), Some("图 2 新增专业一览"));
}

#[test]
fn a_table_right_below_a_counted_list_follows_it() {
    let mut l = Lists::default();
    let text = "全市有学校3所：东川卫生学校、北坡职业中学、南岭职业中学。";
    let para = Block {
        kind: BlockKind::Text,
        text: text.into(),
        span: Span::new(0, text.len()),
        cells: Vec::new(),
        blank_before: false,
        place: None,
        written: None,
    };
    l.block(&para);
    l.paragraph(text, 0);
    l.block(&row(&["序号", "学校名称"], 200));
    l.block(&row(&["1", "东川卫生学校"], 220));
    l.block(&row(&["2", "北坡职业中学"], 240));
    l.close();
    assert_eq!(l.lists.len(), 2);
    assert_eq!(l.lists[1].follows, Some(0));
}
