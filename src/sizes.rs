//! The sizes of what a visitor downloads: the widget's files, raw and as a
//! server sends them (gzip, brotli), in units a person reads. For the CLI's `stats`
//! (brotli is a CLI-only dependency; it never reaches the Wasm).

use std::io::Write;
use std::path::Path;

/// The files a page with the widget's tag loads, relative to the widget's
/// folder (`www/`), in load order.
pub const WIDGET_FILES: [&str; 9] = [
    "help-widget.js",
    "help-widget.mjs",
    "help-widget-launcher.css",
    "pkg/help_widget_shell.json",
    "pkg/help_widget.js",
    "pkg/help_widget_bg.wasm",
    "help-widget.css",
    "help-widget-panel.mjs",
    "help-widget-form.mjs",
];

/// The site's logo as `help-widget shell` puts it beside the shell, when
/// site.toml names one (loaded with the panel).
pub const LOGOS: [&str; 4] = [
    "pkg/help_widget_logo.svg",
    "pkg/help_widget_logo.png",
    "pkg/help_widget_logo.webp",
    "pkg/help_widget_logo.jpg",
];

/// How many of [`WIDGET_FILES`], from the first, every page view loads (the
/// launcher); the rest load when a visitor reaches for it (the last, when a
/// page attaches its contact form).
pub const PAGE_VIEW_FILES: usize = 4;

/// A file's size raw and compressed as servers do at their best settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            raw: bytes.len(),
            gzip: crate::eval::gzip_len(bytes),
            brotli: brotli_len(bytes),
        }
    }
}

impl std::ops::Add for Sizes {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self {
            raw: self.raw + o.raw,
            gzip: self.gzip + o.gzip,
            brotli: self.brotli + o.brotli,
        }
    }
}

/// `bytes` compressed with brotli at quality 11, window 2^22: what a kit's
/// `.br` copies hold.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        let _ = w.write_all(bytes).and_then(|()| w.flush());
    }
    out
}

/// `bytes` compressed with gzip -9: what a kit's `.gz` copies hold.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

/// Whether `z`, a kit's `.br` (`brotli`) or `.gz` copy, unpacks to exactly
/// `bytes`. It reads at most one byte past them, so a copy of something
/// larger costs no more than the file itself.
pub fn unpacks_to(z: &[u8], bytes: &[u8], brotli: bool) -> bool {
    use std::io::Read;
    let limit = bytes.len() as u64 + 1;
    let mut out = Vec::with_capacity(bytes.len());
    let read = if brotli {
        brotli::Decompressor::new(z, 4096)
            .take(limit)
            .read_to_end(&mut out)
    } else {
        flate2::read::GzDecoder::new(z)
            .take(limit)
            .read_to_end(&mut out)
    };
    read.is_ok() && out == bytes
}

/// Length of `bytes` compressed with brotli at quality 11 (what `brotli -9`
/// and precompressing servers use), window 2^22.
pub fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        if w.write_all(bytes).and_then(|()| w.flush()).is_err() {
            return 0;
        }
    }
    out.len()
}

/// `n` bytes for a reader: "512 B", "3.3 kB", "485 kB", "1.2 MB" (decimal
/// units, as browsers' network panels show them).
pub fn human(n: usize) -> String {
    let n = n as f64;
    let (value, unit) = if n < 1000.0 {
        return format!("{n} B");
    } else if n < 1e6 {
        (n / 1e3, "kB")
    } else if n < 1e9 {
        (n / 1e6, "MB")
    } else {
        (n / 1e9, "GB")
    };
    if value < 10.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}

/// The widget's files in `www`, each measured; `None` if the Wasm is not built.
pub fn widget_files(www: &Path) -> Option<Vec<(&'static str, Sizes, Vec<u8>)>> {
    if !www.join("pkg/help_widget_bg.wasm").is_file() {
        return None;
    }
    let mut out = Vec::new();
    for name in WIDGET_FILES.iter().chain(LOGOS.iter()) {
        if let Ok(bytes) = std::fs::read(www.join(name)) {
            out.push((*name, Sizes::of(&bytes), bytes));
        }
    }
    Some(out)
}

/// Whether the built Wasm embeds exactly `bundle`: its header (magic,
/// version, length and a CRC-32 of all its bytes) appears in the module.
pub fn embeds_bundle(wasm: &[u8], bundle: &[u8]) -> bool {
    let Some(header) = bundle.get(..crate::format::HEADER_LEN) else {
        return false;
    };
    wasm.windows(header.len()).any(|w| w == header)
}

/// Whether the built Wasm embeds the bundle of `kb` as it is now, even if
/// it was compiled at another time: a file saved again unchanged has a new
/// modification time, hence another `built_at` and checksum, but the same
/// knowledge base. The Wasm's `built_at` is read beside the bundle's META
/// (site name, locales, contact), `kb` compiled again with it, and the
/// headers compared.
pub fn built_from(wasm: &[u8], kb: &crate::compiler::Compiled) -> bool {
    if embeds_bundle(wasm, &kb.bytes) {
        return true;
    }
    let Ok(bundle) = crate::engine::Bundle::open(&kb.bytes) else {
        return false;
    };
    let Some(meta) = crate::format::Layout::parse(&kb.bytes).ok().and_then(|l| {
        l.sections()
            .iter()
            .find(|s| s.kind == crate::format::SectionKind::Meta)
            .map(|s| &kb.bytes[s.offset..s.offset + s.len])
    }) else {
        return false;
    };
    // META's bytes before built_at, then built_at itself.
    let mut stamp = bundle.meta.built_at.to_le_bytes().to_vec();
    stamp.extend_from_slice(&bundle.meta.content_hash.to_le_bytes());
    let Some(at) = meta.windows(stamp.len()).position(|w| w == stamp) else {
        return false;
    };
    let prefix = &meta[..at];
    if prefix.len() < 8 {
        return false;
    }
    wasm.windows(prefix.len())
        .enumerate()
        .filter(|(_, w)| *w == prefix)
        .filter_map(|(i, _)| wasm.get(i + at..i + at + 8))
        .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
        .filter(|&other| other != bundle.meta.built_at)
        .any(|other| {
            let (again, _) = crate::compiler::bundle::build(&kb.kb, other);
            embeds_bundle(wasm, &again)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_printed_in_decimal_units_with_two_significant_digits() {
        assert_eq!(human(512), "512 B");
        assert_eq!(human(3_300), "3.3 kB");
        assert_eq!(human(485_123), "485 kB");
        assert_eq!(human(1_234_567), "1.2 MB");
    }

    #[test]
    fn brotli_compresses_repetitive_text_below_gzip() {
        let text = "Wie teile ich Ihnen meinen Zählerstand mit? ".repeat(200);
        let s = Sizes::of(text.as_bytes());
        assert!(s.brotli > 0 && s.brotli < s.gzip && s.gzip < s.raw, "{s:?}");
    }

    #[test]
    fn a_module_embeds_a_bundle_only_if_it_holds_its_header() {
        let bundle = crate::EMBEDDED_BUNDLE;
        let mut module = b"\0asm....".to_vec();
        module.extend_from_slice(bundle);
        assert!(embeds_bundle(&module, bundle));
        let mut other = bundle.to_vec();
        other[20] ^= 1; // another CRC: another knowledge base
        assert!(!embeds_bundle(&module, &other));
    }

    #[test]
    fn a_module_is_built_from_a_kb_saved_again_unchanged_but_not_from_an_edited_one() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini-kb");
        let built = crate::compiler::compile_dir(&dir, Some(1_767_225_600)).unwrap();
        let mut module = b"\0asm....".to_vec();
        module.extend_from_slice(&built.bytes);
        module.extend_from_slice(b"....");
        // Saved again a day later: another built_at, the same files.
        let resaved = crate::compiler::compile_dir(&dir, Some(1_767_312_000)).unwrap();
        assert!(
            !embeds_bundle(&module, &resaved.bytes),
            "the headers differ"
        );
        assert!(built_from(&module, &resaved));
        // An edited answer is another knowledge base.
        let kb = tempfile::tempdir().unwrap();
        copy(&dir, kb.path());
        let cancel = kb.path().join("de/cancel.md");
        let text = std::fs::read_to_string(&cancel).unwrap();
        std::fs::write(&cancel, format!("{text}\nNoch ein Satz.\n")).unwrap();
        let edited = crate::compiler::compile_dir(kb.path(), Some(1_767_312_000)).unwrap();
        assert!(!built_from(&module, &edited));
    }

    fn copy(from: &std::path::Path, to: &std::path::Path) {
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
}
