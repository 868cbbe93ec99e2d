//! The HTML report's waiver table: every waiver of the run, whether it has expired,
//! and how often it was used.

use std::fmt::{self, Write};

use super::escape;
use crate::render::Run;

pub(super) fn waivers(h: &mut String, run: &Run<'_>) -> fmt::Result {
    if run.waivers.is_empty() {
        return Ok(());
    }
    h.push_str(
        "<section id=\"waivers\"><h2>豁免</h2><table class=\"grid\"><thead><tr><th>单位代码</th>\
         <th>规则</th><th>范围</th><th>理由</th><th>批准人</th><th>到期</th><th class=\"n\">本次用到</th>\
         </tr></thead><tbody>",
    );
    for w in run.waivers {
        let status = if w.expired {
            "<small class=\"warn\">已到期</small>"
        } else if w.used == 0 {
            "<small class=\"muted\">未用上</small>"
        } else {
            ""
        };
        write!(
            h,
            "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td>\
             <td>{} {status}</td><td class=\"n\">{}</td></tr>",
            escape(&w.waiver.entity),
            escape(&w.waiver.rule),
            escape(w.waiver.pointer.as_deref().unwrap_or("（整条规则）")),
            escape(&w.waiver.reason),
            escape(&w.waiver.approver),
            escape(&w.waiver.expires),
            w.used
        )?;
    }
    h.push_str("</tbody></table></section>\n");
    Ok(())
}
