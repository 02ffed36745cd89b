//! Primitive values of the layout: little-endian integers, LEB128 varints,
//! length-prefixed strings. Reads are bounds-checked.

use super::FormatError;

/// Appends the primitive values of the layout to a buffer.
#[derive(Debug, Default, Clone)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.buf.extend_from_slice(b);
    }
    pub fn len(&self) -> usize {
        self.buf.len()
    }
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

/// Reads the primitive values of the layout, bounds-checked.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }
    pub fn at(bytes: &'a [u8], pos: usize) -> Self {
        Self { bytes, pos }
    }
    pub fn pos(&self) -> usize {
        self.pos
    }
    pub fn is_at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], FormatError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(FormatError::corrupt(what, self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    pub fn u8(&mut self, what: &'static str) -> Result<u8, FormatError> {
        Ok(self.take(1, what)?[0])
    }
    pub fn u16(&mut self, what: &'static str) -> Result<u16, FormatError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    pub fn u32(&mut self, what: &'static str) -> Result<u32, FormatError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn u64(&mut self, what: &'static str) -> Result<u64, FormatError> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    pub fn i64(&mut self, what: &'static str) -> Result<i64, FormatError> {
        Ok(self.u64(what)? as i64)
    }
    pub fn varint(&mut self, what: &'static str) -> Result<u64, FormatError> {
        let start = self.pos;
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8(what)?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(FormatError::corrupt(what, start))
    }

    /// `n` values, each read by `read`; the first error ends the list.
    /// One loop for the layout's lists, where each `collect` into a
    /// `Result` was an instance of the standard library's adapters.
    pub fn list<T>(
        &mut self,
        n: usize,
        mut read: impl FnMut(&mut Self) -> Result<T, FormatError>,
    ) -> Result<Vec<T>, FormatError> {
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(read(self)?);
        }
        Ok(out)
    }
    /// A varint that must fit a `usize` no larger than `max`.
    pub fn count(&mut self, max: usize, what: &'static str) -> Result<usize, FormatError> {
        let at = self.pos;
        let v = self.varint(what)?;
        usize::try_from(v)
            .ok()
            .filter(|&v| v <= max)
            .ok_or(FormatError::corrupt(what, at))
    }
    pub fn bytes(&mut self, what: &'static str) -> Result<&'a [u8], FormatError> {
        let n = self.count(self.bytes.len(), what)?;
        self.take(n, what)
    }
    pub fn str(&mut self, what: &'static str) -> Result<&'a str, FormatError> {
        let at = self.pos;
        let b = self.bytes(what)?;
        std::str::from_utf8(b).map_err(|_| FormatError::corrupt(what, at))
    }
    pub fn skip(&mut self, n: usize, what: &'static str) -> Result<(), FormatError> {
        self.take(n, what).map(|_| ())
    }
    /// The `index`-th little-endian u32 of a table starting at `base`.
    pub fn u32_at(
        bytes: &[u8],
        base: usize,
        index: usize,
        what: &'static str,
    ) -> Result<u32, FormatError> {
        let at = index
            .checked_mul(4)
            .and_then(|o| o.checked_add(base))
            .ok_or(FormatError::corrupt(what, base))?;
        let mut r = Reader::at(bytes, at);
        r.u32(what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_their_boundaries() {
        let values = [0, 1, 127, 128, 16_383, 16_384, u32::MAX as u64, u64::MAX];
        let mut w = Writer::new();
        for v in values {
            w.varint(v);
        }
        let mut r = Reader::new(&w.buf);
        for v in values {
            assert_eq!(r.varint("v").unwrap(), v);
        }
        assert!(r.is_at_end());
    }

    #[test]
    fn a_string_longer_than_its_buffer_is_an_error_not_a_panic() {
        let mut w = Writer::new();
        w.varint(1000);
        w.buf.extend_from_slice(b"short");
        assert!(Reader::new(&w.buf).str("s").is_err());
    }
}
