//! Compact binary records for what an index keeps beside itself (the catalog
//! and the passage spans): LEB128 numbers, and strings and paths as a length
//! and their bytes. Reading checks every length against what is there, so a
//! damaged file reads as `None`, never as a panic.
//!
//! Why not serde with `postcard` or `bincode`: measured on a catalog of 1,515
//! reports (the 100 MB corpus), postcard reads it in the same time (0.75 ms
//! against 0.76 ms, release build, median of three rounds of 300) and
//! bincode 1 no faster and 60 % larger, while both need a serde form of
//! every catalog type apart from the one the JSON output uses (paths that
//! are not UTF-8, problem paths kept relative to the folder). The record is
//! these few functions.

use std::path::{Path, PathBuf};

/// Appends `n` as LEB128: seven bits a byte, low bits first.
pub(crate) fn put(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Appends a length and the bytes.
pub(crate) fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Appends a string.
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_bytes(out, s.as_bytes());
}

/// Appends a path as the platform holds it, so that any file name survives.
pub(crate) fn put_path(out: &mut Vec<u8>, path: &Path) {
    put_bytes(out, path.as_os_str().as_encoded_bytes());
}

/// Reads what the `put` functions wrote, in order.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    /// The bytes not read yet.
    pub(crate) fn rest(&self) -> &'a [u8] {
        &self.bytes[self.at..]
    }

    /// True when every byte has been read.
    pub(crate) fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub(crate) fn get(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    pub(crate) fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.get()?).ok()
    }

    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.usize()?;
        let end = self.at.checked_add(len)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }

    /// A string, borrowed from the bytes.
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    pub(crate) fn string(&mut self) -> Option<String> {
        Some(std::str::from_utf8(self.bytes()?).ok()?.to_string())
    }

    pub(crate) fn path(&mut self) -> Option<PathBuf> {
        let bytes = self.bytes()?;
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
        }
        #[cfg(not(unix))]
        {
            Some(PathBuf::from(std::str::from_utf8(bytes).ok()?))
        }
    }

    /// A count of items to come, each at least `min_len` bytes long: a count
    /// the rest of the bytes cannot hold is damage, not a reason to reserve
    /// memory for it.
    pub(crate) fn count(&mut self, min_len: usize) -> Option<usize> {
        let n = self.usize()?;
        let left = self.bytes.len() - self.at;
        (n.saturating_mul(min_len.max(1)) <= left).then_some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_strings_and_paths_read_back() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, u64::MAX] {
            put(&mut out, n);
        }
        put_str(&mut out, "Nuffield — Trust");
        put_path(&mut out, Path::new("digest/a b.md"));
        let mut r = Reader::new(&out);
        for n in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.get(), Some(n));
        }
        assert_eq!(r.string().as_deref(), Some("Nuffield — Trust"));
        assert_eq!(r.path(), Some(PathBuf::from("digest/a b.md")));
        assert!(r.is_done());
        assert_eq!(r.get(), None);
    }

    #[test]
    fn a_length_past_the_end_is_none() {
        let mut out = Vec::new();
        put(&mut out, 10);
        out.extend_from_slice(b"abc");
        assert_eq!(Reader::new(&out).string(), None);
        assert_eq!(Reader::new(&out).count(1), None);
        assert_eq!(Reader::new(&[0xff; 12]).get(), None);
    }
}
