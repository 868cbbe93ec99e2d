//! Numbers as a Chinese reviewer writes them in a message.

/// No trailing zeros, at most two decimals: 7800, 88.01, 9.6, 0.33.
pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn as_written() {
        assert_eq!(fmt_num(7800.0), "7800");
        assert_eq!(fmt_num(88.010), "88.01");
        assert_eq!(fmt_num(9.6), "9.6");
        assert_eq!(fmt_num(1.0 / 3.0), "0.33");
    }
}
