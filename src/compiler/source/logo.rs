//! The logo site.toml names: where it may lie and which files are it.

use super::*;

/// The logo file `name` names, relative to the kb folder of `site_toml`:
/// an image of a known type, inside the kb (no `..`, no symlink out), at
/// most [`crate::compiler::site_toml::MAX_LOGO_BYTES`]; else what is wrong and the fix.
pub(super) fn checked_logo(site_toml: &Path, name: &str) -> Result<PathBuf, String> {
    use crate::compiler::site_toml::{LOGO_TYPES, MAX_LOGO_BYTES};
    let kb = site_toml.parent().unwrap_or(Path::new("."));
    let relative = Path::new(name);
    if name.trim().is_empty()
        || relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err("name a file inside the kb folder, e.g. logo = \"logo.svg\"".into());
    }
    let ext = relative
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !LOGO_TYPES.contains(&ext.as_str()) {
        return Err(format!(
            "a logo must be one of {}: convert it, or leave logo out",
            LOGO_TYPES.join(", ")
        ));
    }
    let file = kb.join(relative);
    let (Ok(real), Ok(root)) = (file.canonicalize(), kb.canonicalize()) else {
        return Err(format!(
            "there is no such file in {}: put the image there, or fix the name",
            kb.display()
        ));
    };
    if !real.starts_with(&root) {
        return Err("it leads out of the kb folder (a symlink): copy the image into kb/".into());
    }
    let size = std::fs::metadata(&real).map(|m| m.len()).unwrap_or(0);
    if !real.is_file() || size == 0 {
        return Err("it is not an image file: name the image itself".into());
    }
    if size > MAX_LOGO_BYTES {
        return Err(format!(
            "it is {} kB, over the {} kB every visitor would load: make it smaller (an SVG, or a PNG of the size shown, 32 px high)",
            size.div_ceil(1024),
            MAX_LOGO_BYTES / 1024
        ));
    }
    Ok(real)
}

pub(super) fn is_svg(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

/// Whether `file` is the logo site.toml names (it may sit in the kb root).
pub(super) fn is_logo(site: Option<&Site>, file: &Path) -> bool {
    let logo = site.and_then(|s| s.logo.as_ref());
    logo.is_some_and(|l| file.canonicalize().is_ok_and(|f| &f == l))
}

impl Loader {
    /// Whether `dir` (in the kb root) holds the logo site.toml names.
    pub(super) fn holds_logo(&self, dir: &Path) -> bool {
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        self.logo_named
            .as_deref()
            .is_some_and(|l| real(l).starts_with(real(dir)))
    }

    /// Whether `file` is the logo: the one site.toml names (valid or not),
    /// or any image while site.toml cannot be read.
    pub(super) fn is_logo_file(&self, site: Option<&Site>, file: &Path) -> bool {
        let real = |p: &Path| p.canonicalize().ok();
        let named = self
            .logo_named
            .as_deref()
            .is_some_and(|l| real(l).is_some() && real(l) == real(file));
        let image = file.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            crate::compiler::site_toml::LOGO_TYPES.contains(&e.to_ascii_lowercase().as_str())
        });
        is_logo(site, file) || named || (self.site_unreadable && image)
    }
}
