//! The site's output folder: `site` writes only into an empty folder or one
//! it wrote itself, and deletes only files it wrote there.
//!
//! What it wrote is listed in [`MANIFEST`] (checksum, size and path of each
//! file). A folder without one that holds anything (a web root with `.git/`,
//! `index.html` and its own `sitemap.xml`) is refused untouched. In a folder
//! it wrote, files of entries since deleted go, files someone added stay, and
//! a file of its own that was edited since, or a new page's path already
//! taken by someone else's file, stops the run before anything is written.

use super::File;
use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path};

/// The list of the files `site` wrote, in the output folder itself.
pub const MANIFEST: &str = ".help-widget-site";

const HEADER: &str = "# help-widget site: the files it wrote in this folder, which it may replace or delete (crc32 size path)";

/// Problems listed in one refusal; the rest are counted.
const LISTED: usize = 10;

/// One file of an earlier run: its checksum and size when written (`None`
/// while a run was under way), by path.
type Manifest = BTreeMap<String, Option<(u32, u64)>>;

/// Writes `files` into `dir` (created if missing), replacing the site an
/// earlier run wrote there. On refusal nothing is written, and the error
/// says why and what to do.
pub fn write(dir: &Path, files: &[File]) -> Result<(), String> {
    let shown = dir.display();
    let old = match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {shown}: {e}"))?;
            Manifest::new()
        }
        Err(e) => return Err(format!("cannot read {shown}: {e}")),
        Ok(m) if !m.is_dir() => {
            return Err(format!(
                "{shown} is not a folder: name a new or empty folder for the site"
            ))
        }
        Ok(_) => earlier(dir)?,
    };

    let mut problems = Vec::new();
    for (path, sum) in &old {
        if let Some(why) = unsafe_path(dir, path) {
            problems.push(format!("{MANIFEST} lists {path:?}, {why}"));
        } else if let (Some(want), Ok(bytes)) = (sum, fs::read(dir.join(path))) {
            if *want != checksum(&bytes) {
                problems.push(format!("{path} was changed after help-widget site wrote it: move your version out of {shown} (the site is rebuilt from the knowledge base), then run site again"));
            }
        }
    }
    for f in files {
        if let Some(why) = unsafe_path(dir, &f.path) {
            problems.push(format!("{}: {why}", f.path));
        } else if !old.contains_key(&f.path) && fs::symlink_metadata(dir.join(&f.path)).is_ok() {
            problems.push(format!("{} is there already and help-widget site did not write it: move it away, or choose another folder", f.path));
        }
    }
    if !problems.is_empty() {
        return Err(refusal(dir, "nothing was written", &problems));
    }

    // While the run is under way, the manifest lists the old and the new
    // files, so an interrupted run leaves nothing of its own unlisted.
    let mut during = old.clone();
    for f in files {
        during.insert(f.path.clone(), None);
    }
    save(dir, &during)?;
    let mut done = Manifest::new();
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, &f.bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        done.insert(f.path.clone(), Some(checksum(&f.bytes)));
    }
    for stale in old.keys().filter(|p| !done.contains_key(*p)) {
        match fs::remove_file(dir.join(stale)) {
            Ok(()) => remove_empty_parents(dir, stale),
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot delete {}: {e}", dir.join(stale).display())),
        }
    }
    save(dir, &done)
}

/// The manifest of the site in `dir`, empty for an empty folder; a folder
/// holding anything else is refused.
fn earlier(dir: &Path) -> Result<Manifest, String> {
    let path = dir.join(MANIFEST);
    match fs::read_to_string(&path) {
        Ok(text) => parse(&text).map_err(|line| {
            format!("{}:{line}: not a line help-widget site writes; it lists the files it wrote: restore it, or choose a new folder", path.display())
        }),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let mut names: Vec<String> = fs::read_dir(dir)
                .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if names.is_empty() {
                return Ok(Manifest::new());
            }
            names.sort();
            let more = names.len().saturating_sub(5);
            names.truncate(5);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            Err(format!(
                "{} is not empty ({}{more}) and help-widget site did not write it (no {MANIFEST}): it writes only into an empty folder or one it wrote itself, so nothing there is lost; choose an empty or new folder, e.g. {}",
                dir.display(),
                names.join(", "),
                dir.join("help").display()
            ))
        }
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

fn parse(text: &str) -> Result<Manifest, usize> {
    let mut out = Manifest::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, ' ');
        let (Some(crc), Some(size), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(i + 1);
        };
        let sum = match (crc, size) {
            ("-", "-") => None,
            _ => Some((
                u32::from_str_radix(crc, 16).map_err(|_| i + 1)?,
                size.parse().map_err(|_| i + 1)?,
            )),
        };
        out.insert(path.to_string(), sum);
    }
    Ok(out)
}

fn save(dir: &Path, manifest: &Manifest) -> Result<(), String> {
    let mut text = format!("{HEADER}\n");
    for (path, sum) in manifest {
        match sum {
            Some((crc, size)) => text.push_str(&format!("{crc:08x} {size} {path}\n")),
            None => text.push_str(&format!("- - {path}\n")),
        }
    }
    let path = dir.join(MANIFEST);
    let tmp = dir.join(format!("{MANIFEST}.tmp"));
    fs::write(&tmp, text)
        .and_then(|()| fs::rename(&tmp, &path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn checksum(bytes: &[u8]) -> (u32, u64) {
    (crc32fast::hash(bytes), bytes.len() as u64)
}

/// Why `rel` may not be written or deleted below `dir`: not a plain
/// relative path, or a folder on the way that is a link or a file.
fn unsafe_path(dir: &Path, rel: &str) -> Option<&'static str> {
    let path = Path::new(rel);
    if rel.is_empty()
        || rel == MANIFEST
        || path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Some("which is not a path inside the folder");
    }
    let mut at = dir.to_path_buf();
    let mut parts = path.components().peekable();
    while let Some(c) = parts.next() {
        at.push(c);
        let Ok(m) = fs::symlink_metadata(&at) else {
            return None; // from here on nothing exists yet
        };
        if m.file_type().is_symlink() {
            return Some("which leads through a symbolic link: help-widget site writes only files of its own");
        }
        if parts.peek().is_some() && !m.is_dir() {
            return Some("where a file stands in the way of a folder");
        }
        if parts.peek().is_none() && m.is_dir() {
            return Some("which is a folder");
        }
    }
    None
}

/// Removes the folders of `rel` below `dir` that its deletion left empty.
fn remove_empty_parents(dir: &Path, rel: &str) {
    let mut p = Path::new(rel).parent();
    while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
        if fs::remove_dir(dir.join(d)).is_err() {
            return; // not empty: someone else's file, or more of ours
        }
        p = d.parent();
    }
}

fn refusal(dir: &Path, outcome: &str, problems: &[String]) -> String {
    let mut out = format!(
        "{} problem(s) in {}; {outcome}:",
        problems.len(),
        dir.display()
    );
    for p in problems.iter().take(LISTED) {
        out.push_str(&format!("\n  {p}"));
    }
    if problems.len() > LISTED {
        out.push_str(&format!("\n  … and {} more", problems.len() - LISTED));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> File {
        File {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_manifest_path_leaving_the_folder_is_neither_written_nor_deleted() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir(&site).unwrap();
        fs::write(tmp.path().join("precious"), "keep").unwrap();
        fs::write(site.join(MANIFEST), format!("{HEADER}\n- - ../precious\n")).unwrap();
        let e = write(&site, &[file("index.html", "x")]).unwrap_err();
        assert!(e.contains("not a path inside the folder"), "{e}");
        assert!(tmp.path().join("precious").exists());
        assert!(!site.join("index.html").exists());
    }

    #[test]
    fn a_folder_of_its_own_that_became_a_link_is_not_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        write(&site, &[file("de/a/index.html", "a")]).unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        fs::write(elsewhere.join("index.html"), "theirs").unwrap();
        fs::remove_dir_all(site.join("de/a")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&elsewhere, site.join("de/a")).unwrap();
        #[cfg(unix)]
        {
            let e = write(&site, &[file("de/b/index.html", "b")]).unwrap_err();
            assert!(e.contains("symbolic link"), "{e}");
            assert_eq!(
                fs::read_to_string(elsewhere.join("index.html")).unwrap(),
                "theirs"
            );
        }
    }
}
