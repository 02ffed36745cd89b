//! Numbers as decimal text for the visitor's words ("3 Antworten
//! gefunden", "08:00"), written without `format!`: core's formatting
//! machinery is about 2 KiB brotli of every engine (engine-size.mjs).

/// `n` in decimal, zero-padded to at least `width` digits.
pub fn decimal(n: u64, width: usize) -> String {
    let mut digits = [0u8; 20];
    let (mut n, mut at) = (n, digits.len());
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(width.max(digits.len() - at));
    for _ in digits.len() - at..width {
        out.push('0');
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
    out
}

/// `n` in decimal with its thousands marked by `sep` ("8.805", "8,805").
pub fn grouped(n: u64, sep: char) -> String {
    let digits = decimal(n, 0);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{decimal, grouped};

    #[test]
    fn thousands_are_marked_from_the_right() {
        assert_eq!(grouped(0, '.'), "0");
        assert_eq!(grouped(999, '.'), "999");
        assert_eq!(grouped(8805, '.'), "8.805");
        assert_eq!(grouped(1_234_567, ','), "1,234,567");
        assert_eq!(grouped(100_000, ','), "100,000");
    }

    #[test]
    fn numbers_are_written_as_format_writes_them_with_and_without_padding() {
        for n in [0u64, 7, 10, 59, 100, 12_345, u64::MAX] {
            assert_eq!(decimal(n, 0), format!("{n}"));
            assert_eq!(decimal(n, 1), format!("{n}"));
            assert_eq!(decimal(n, 2), format!("{n:02}"));
            assert_eq!(decimal(n, 4), format!("{n:04}"));
        }
    }
}
