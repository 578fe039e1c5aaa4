//! The fingerprint the codegen stamp records of its inputs and outputs.

/// A 64-bit fingerprint of a sequence of byte strings (each length-prefixed, so the split
/// between parts counts). For telling whether inputs or outputs changed since an earlier run:
/// XXH3, which hashes tens of megabytes of pages and generated files in a few milliseconds (the
/// standard library's SipHash took tens). Not a defence against anyone: the stamp it goes into
/// only ever lets a run skip work it would have redone identically.
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_tell_parts_and_their_splits_apart() {
        let pages: [&[u8]; 2] = [b"orders", b"<pre>a: b</pre>"];
        assert_eq!(fingerprint(&pages), fingerprint(&pages));
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
        assert_ne!(fingerprint(&[b"a", b""]), fingerprint(&[b"a"]));
        assert_ne!(
            fingerprint(&pages),
            fingerprint(&[b"orders", b"<pre>a: c</pre>"])
        );
    }
}
