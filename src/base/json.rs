//! Reading members of JSON objects, and values at JSON pointers, quickly.
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

/// The value at a JSON pointer (RFC 6901), unescaping only the segments that need
/// it. Pointers are a few short segments: one vectorised look for `~`, then a byte
/// loop per segment (`Value::pointer` allocates for each segment).
pub fn pointer<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let rest = pointer.strip_prefix('/')?;
    let escaped = memchr::memchr(b'~', rest.as_bytes()).is_some();
    let mut v = root;
    for seg in slash_parts(rest) {
        v = if escaped && seg.contains('~') {
            step(v, &seg.replace("~1", "/").replace("~0", "~"))?
        } else {
            step(v, seg)?
        };
    }
    Some(v)
}

/// One segment down: an array's element by its index, else an object's member.
fn step<'a>(v: &'a Value, seg: &str) -> Option<&'a Value> {
    match v {
        Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => member(v, seg),
    }
}

/// The parts of a path between its slashes, as `str::split('/')` gives them. Paths
/// here are a few bytes long: a byte loop, where `split` first sets up a search.
pub fn slash_parts(path: &str) -> SlashParts<'_> {
    SlashParts { rest: Some(path) }
}

pub struct SlashParts<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for SlashParts<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest?;
        // '/' is ASCII: slicing at it stays on a character boundary.
        match s.bytes().position(|b| b == b'/') {
            Some(i) => {
                self.rest = Some(&s[i + 1..]);
                Some(&s[..i])
            }
            None => {
                self.rest = None;
                Some(s)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_agrees_with_serde_json() {
        let v = serde_json::json!({"a/b": [1, {"c~d": 2}], "": 3, "x": {"y": null}});
        for p in [
            "",
            "/a~1b",
            "/a~1b/0",
            "/a~1b/1/c~0d",
            "/",
            "/x/y",
            "/x/z",
            "/a~1b/9",
            "/a~1b/x",
            "//",
            "/x/",
            "/a~1b/1/",
            "/~0",
            "/a~1b~",
            "x",
        ] {
            assert_eq!(pointer(&v, p), v.pointer(p), "{p}");
        }
    }

    #[test]
    fn slash_parts_split_as_str_split_does() {
        for path in [
            "",
            "/",
            "a",
            "a/b",
            "/a/b/",
            "//",
            "表1/毕业生/人数",
            "a//b",
        ] {
            let ours: Vec<&str> = slash_parts(path).collect();
            let std: Vec<&str> = path.split('/').collect();
            assert_eq!(ours, std, "{path:?}");
        }
    }

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
