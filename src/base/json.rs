//! Reading members of JSON objects quickly.
//!
//! serde_json's map (with `preserve_order`) hashes every key it looks up with
//! SipHash. Most objects of a report (a row, a year, a section) hold a few keys,
//! and comparing those costs less than hashing the one asked for.

use serde_json::Value;

/// Up to this many keys an object is searched in order rather than hashed.
pub const SCAN_KEYS: usize = 12;

/// The member `key` of `v` if `v` is an object that has it (`Value::get` for a key).
pub fn member<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) if m.len() <= SCAN_KEYS => {
            m.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
        }
        Value::Object(m) => m.get(key),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_agrees_with_get_on_either_side_of_the_scan_limit() {
        for n in [0, 1, SCAN_KEYS - 1, SCAN_KEYS, SCAN_KEYS + 1, 40] {
            let map: serde_json::Map<String, Value> =
                (0..n).map(|i| (format!("k{i}"), Value::from(i))).collect();
            let v = Value::Object(map);
            for key in [
                "k0",
                &format!("k{}", n.max(1) - 1),
                "k",
                &format!("k{n}"),
                "",
            ] {
                assert_eq!(member(&v, key), v.get(key), "{n} {key}");
            }
        }
        let not_objects = [Value::Null, Value::from(1), serde_json::json!(["k0"])];
        for v in not_objects {
            assert_eq!(member(&v, "k0"), None);
            assert_eq!(member(&v, "0"), None);
        }
    }
}
