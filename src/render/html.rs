//! Placeholder being replaced by the html printer.

use super::Run;

pub fn render(_run: &Run<'_>) -> Result<Vec<u8>, String> {
    Err("html 输出尚在实现中".to_string())
}
