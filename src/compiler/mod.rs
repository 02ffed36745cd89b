//! The build-side compiler: a knowledge base directory in, one bundle out.
//!
//! Used by `build.rs` (included by path) and by the editors' CLI, so both
//! report the same problems and produce the same bytes.

pub mod bundle;
pub mod diag;
pub mod hotline;
pub mod limits;
pub mod lint;
mod locale_index;
pub mod markdown;
pub mod site_toml;
pub mod source;
pub mod svg;
pub mod toml_error;

pub use bundle::Stats;
pub use diag::Diagnostic;
pub use source::KnowledgeBase;

use std::path::Path;

/// A compiled knowledge base.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub bytes: Vec<u8>,
    pub stats: Stats,
    pub kb: KnowledgeBase,
}

/// Compiles the knowledge base in `dir`. `built_at` (seconds since the
/// epoch) overrides the recorded build time; by default it is
/// `SOURCE_DATE_EPOCH` if set, else the newest input file's modification
/// time, so the same files give the same bytes.
pub fn compile_dir(dir: &Path, built_at: Option<u64>) -> Result<Compiled, Vec<Diagnostic>> {
    Ok(compile(source::load(dir)?, built_at))
}

/// Builds the bundle of a knowledge base already read and checked
/// ([`source::load`]); `built_at` as in [`compile_dir`].
pub fn compile(kb: KnowledgeBase, built_at: Option<u64>) -> Compiled {
    let (bytes, stats) = bundle::build(&kb, recorded_time(&kb, built_at));
    Compiled { bytes, stats, kb }
}

/// The build time a bundle records: `built_at` if given, else
/// `SOURCE_DATE_EPOCH` if set, else the newest input file's modification time.
pub fn recorded_time(kb: &KnowledgeBase, built_at: Option<u64>) -> u64 {
    built_at
        .or_else(|| std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok())
        .unwrap_or(kb.newest_mtime)
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a
/// reader never sees a half-written bundle. The temporary file is a new
/// hidden one beside it (`.<name>.<pid>.tmp`), never an existing file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path.file_name().map_or_else(
        || std::ffi::OsString::from("out"),
        std::ffi::OsStr::to_os_string,
    );
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(&name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes));
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::AlreadyExists {
            let _ = std::fs::remove_file(&tmp);
        }
        return Err(e);
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
