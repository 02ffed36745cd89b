//! One notice file, `notices/<name>.md`: a known issue shown while valid.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoticeToml {
    locale: Spanned<String>,
    title: Spanned<String>,
    from: Spanned<toml::Value>,
    until: Spanned<toml::Value>,
}

impl Loader {
    pub(super) fn notice(&mut self, path: &Path, site: Option<&Site>) -> Option<Notice> {
        let text = self.read(path)?;
        let split = self.split(path, &text)?;
        if !self.check_sizes(path, &text, &split) {
            return None;
        }
        if split.front.len() > MAX_FRONT_MATTER_BYTES {
            self.error(
                path,
                split.front_line,
                format!(
                    "the front matter is {} kB, more than the {} kB it may have",
                    split.front.len().div_ceil(1024),
                    MAX_FRONT_MATTER_BYTES / 1024
                ),
            );
            return None;
        }
        let raw: NoticeToml =
            self.parse_toml(path, split.front, split.front_line, "notice front matter")?;
        let fl = |offset: usize| line_of(split.front, offset) + split.front_line - 1;
        let mut ok = true;
        let title_chars = raw.title.get_ref().chars().count();
        if title_chars > MAX_QUESTION_CHARS {
            self.error(path, fl(raw.title.span().start), format!("the title has {title_chars} characters, more than {MAX_QUESTION_CHARS}: a title is one line; put the rest in the text"));
            ok = false;
        }
        if let Some(c) = raw.title.get_ref().chars().find(|c| is_control(*c)) {
            self.error(
                path,
                fl(raw.title.span().start),
                format!(
                    "the title has the control character U+{:04X}: remove it",
                    u32::from(c)
                ),
            );
            ok = false;
        }
        let locale = raw.locale.get_ref().clone();
        if let Some(site) = site {
            if !site.locales.contains(&locale) {
                self.error(
                    path,
                    fl(raw.locale.span().start),
                    format!(
                        "unknown locale \"{locale}\": site.toml lists {:?}",
                        site.locales
                    ),
                );
                ok = false;
            }
        }
        if raw.title.get_ref().trim().is_empty() {
            self.error(path, fl(raw.title.span().start), "notice title is empty");
            ok = false;
        }
        let instant = |v: &Spanned<toml::Value>, key: &str, this: &mut Self| -> Option<i64> {
            let s = match v.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                _ => String::new(),
            };
            let parsed = parse_rfc3339_ms(&s);
            if parsed.is_none() {
                this.error(path, fl(v.span().start), format!("{key}: \"{s}\" is not a date-time with offset; write e.g. {key} = \"2026-11-01T08:00:00+01:00\""));
            }
            parsed
        };
        let from = instant(&raw.from, "from", self);
        let until = instant(&raw.until, "until", self);
        let (Some(from_ms), Some(until_ms)) = (from, until) else {
            return None;
        };
        if until_ms <= from_ms {
            self.error(path, fl(raw.until.span().start), "until must be after from");
            ok = false;
        }
        if split.body.trim().is_empty() {
            self.error(
                path,
                split.body_line,
                "empty notice: write the text in Markdown below the closing +++",
            );
            ok = false;
        }
        let body = match render(split.body, self.remote_images) {
            Ok(r) => r,
            Err(refused) => {
                for u in refused {
                    self.error(
                        path,
                        line_of(split.body, u.offset) + split.body_line - 1,
                        format!("unsafe link \"{}\": {}", u.url, u.fix),
                    );
                }
                return None;
            }
        };
        if !self.check_rendered(path, split.body_line, &body) {
            return None;
        }
        ok.then(|| Notice {
            path: path.to_path_buf(),
            locale,
            title: raw.title.into_inner().trim().to_string(),
            from_ms,
            until_ms,
            body,
        })
    }
}
