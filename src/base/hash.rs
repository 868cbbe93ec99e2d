//! FNV-1a-64: a stable, dependency-free content hash for provenance and
//! fingerprints (not for security).

/// The running state of an FNV-1a-64 hash.
pub struct Fnv(pub u64);

impl Fnv {
    pub fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash as 16 lowercase hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Self::new()
    }
}

/// FNV-1a-64 of `bytes` as 16 hex digits.
pub fn hash_bytes(bytes: &[u8]) -> String {
    let mut h = Fnv::new();
    h.write(bytes);
    h.hex()
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_values() {
        assert_eq!(super::hash_bytes(b""), "cbf29ce484222325");
        assert_eq!(super::hash_bytes(b"a"), "af63dc4c8601ec8c");
    }
}
