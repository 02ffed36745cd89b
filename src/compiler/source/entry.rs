//! One entry file, `<locale>/<slug>.md`: front matter, answer, sizes, and the
//! checks across entries (duplicate ids, related links).

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EntryToml {
    question: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    id: Option<Spanned<String>>,
}

impl Loader {
    /// Lengths and counts of an entry's front matter, and no control
    /// characters in it; false if there was a problem.
    pub(super) fn check_front(
        &mut self,
        path: &Path,
        raw: &EntryToml,
        front: &str,
        first: usize,
    ) -> bool {
        let line_at = |offset: usize| line_of(front, offset) + first - 1;
        let key = |k: &str| key_line(front, k).map_or(first, |l| l + first - 1);
        let mut problems: Vec<(usize, String)> = Vec::new();
        if let Some(q) = &raw.question {
            let n = q.get_ref().trim().chars().count();
            if n > MAX_QUESTION_CHARS {
                problems.push((line_at(q.span().start), format!("the question has {n} characters, more than {MAX_QUESTION_CHARS}: ask it as a visitor would, in a line; put the rest in the answer")));
            }
        }
        if raw.aliases.len() > MAX_ALIASES {
            problems.push((key("aliases"), format!("{} aliases, more than {MAX_ALIASES}: keep the ways visitors really ask; synonyms.toml covers single words", raw.aliases.len())));
        }
        if let Some(a) = raw
            .aliases
            .iter()
            .find(|a| a.chars().count() > MAX_ALIAS_CHARS)
        {
            problems.push((key("aliases"), format!("an alias of {} characters (\"{}…\"), more than {MAX_ALIAS_CHARS}: an alias is a short question or phrase", a.chars().count(), a.chars().take(20).collect::<String>())));
        }
        if raw.tags.len() > MAX_TAGS {
            problems.push((
                key("tags"),
                format!("{} tags, more than {MAX_TAGS}", raw.tags.len()),
            ));
        }
        if let Some(t) = raw.tags.iter().find(|t| t.chars().count() > MAX_TAG_CHARS) {
            problems.push((
                key("tags"),
                format!(
                    "a tag of {} characters, more than {MAX_TAG_CHARS}: a tag is a word or two",
                    t.chars().count()
                ),
            ));
        }
        if raw.category.chars().count() > MAX_TAG_CHARS {
            problems.push((key("category"), format!("the category has {} characters, more than {MAX_TAG_CHARS}: it is a topic's name", raw.category.chars().count())));
        }
        if raw.related.len() > MAX_RELATED {
            problems.push((line_at(raw.related[MAX_RELATED].span().start), format!("{} related entries, more than {MAX_RELATED}: each is a button under the answer; keep the closest few", raw.related.len())));
        }
        for (i, r) in raw.related.iter().enumerate() {
            if raw.related[..i]
                .iter()
                .any(|o| o.get_ref().trim() == r.get_ref().trim())
            {
                problems.push((
                    line_at(r.span().start),
                    format!("related lists \"{}\" twice: remove one", r.get_ref().trim()),
                ));
            }
        }
        let texts = raw
            .question
            .iter()
            .map(|q| (q.get_ref().as_str(), line_at(q.span().start)))
            .chain(raw.aliases.iter().map(|a| (a.as_str(), key("aliases"))))
            .chain(raw.tags.iter().map(|t| (t.as_str(), key("tags"))))
            .chain([(raw.category.as_str(), key("category"))]);
        for (text, line) in texts {
            if let Some(c) = text.chars().find(|c| is_control(*c)) {
                problems.push((line, format!("front matter: the control character U+{:04X} (written as an escape): remove it", u32::from(c))));
            }
        }
        let ok = problems.is_empty();
        for (line, message) in problems {
            self.error(path, line, message);
        }
        ok
    }

    /// The rendered HTML's size and nesting; false if over a limit.
    pub(super) fn check_rendered(&mut self, path: &Path, body_line: usize, r: &Rendered) -> bool {
        let mut ok = true;
        if r.html.len() > MAX_HTML_BYTES {
            self.error(path, body_line, format!("the answer renders to {} kB of HTML, more than {} kB: deeply nested quotes or lists, or many links, multiply it; simplify or split the text", r.html.len().div_ceil(1024), MAX_HTML_BYTES / 1024));
            ok = false;
        }
        let depth = html_depth(&r.html);
        if depth > MAX_HTML_DEPTH {
            self.error(path, body_line, format!("quotes and lists nest {depth} levels deep, more than {MAX_HTML_DEPTH}: flatten the text"));
            ok = false;
        }
        ok
    }

    /// Reports every string of a settings file that holds a control
    /// character written as an escape (`"\u0000"`), at its key's line.
    pub(super) fn controls_in(&mut self, path: &Path, text: &str, table: &toml::Table) {
        fn walk(key: &str, v: &toml::Value, found: &mut Vec<(String, char)>) {
            match v {
                toml::Value::String(s) => {
                    if let Some(c) = s.chars().find(|c| is_control(*c)) {
                        found.push((key.to_string(), c));
                    }
                }
                toml::Value::Array(a) => a.iter().for_each(|v| walk(key, v, found)),
                toml::Value::Table(t) => t.iter().for_each(|(k, v)| walk(k, v, found)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        for (k, v) in table {
            walk(k, v, &mut found);
        }
        for (key, c) in found {
            let line = key_line(text, &key).unwrap_or(1);
            self.error(
                path,
                line,
                format!(
                    "{key}: the control character U+{:04X} (written as an escape): remove it",
                    u32::from(c)
                ),
            );
        }
    }

    pub(super) fn entry(&mut self, path: &Path, locale: &str) -> Option<Entry> {
        let text = self.read(path)?;
        let slug = stem(path);
        if !is_slug(&slug) {
            let example = match crate::url::slug(&slug) {
                s if s.is_empty() => "meter-reading".to_string(),
                s => s,
            };
            self.error(path, 0, format!("file name \"{slug}\" is not a slug: use lower-case letters, digits and hyphens, e.g. \"{example}\""));
        }
        let split = self.split(path, &text)?;
        if !self.check_sizes(path, &text, &split) {
            return None;
        }
        if split.front.len() > MAX_FRONT_MATTER_BYTES {
            self.error(path, split.front_line, format!("the front matter is {} kB, more than the {} kB it may have: it holds the question, a few aliases and tags; move text into the answer", split.front.len().div_ceil(1024), MAX_FRONT_MATTER_BYTES / 1024));
            return None;
        }
        let raw: EntryToml =
            self.parse_toml(path, split.front, split.front_line, "front matter")?;
        let fl = |offset: usize| line_of(split.front, offset) + split.front_line - 1;
        if !self.check_front(path, &raw, split.front, split.front_line) {
            return None;
        }
        let question = match &raw.question {
            Some(q) if !q.get_ref().trim().is_empty() => q.get_ref().trim().to_string(),
            Some(q) => {
                self.error(path, fl(q.span().start), "front matter: \"question\" is empty: write the question as a visitor would ask it");
                return None;
            }
            None => {
                self.error(path, 1, "front matter: missing \"question\": add question = \"...\" between the +++ lines");
                return None;
            }
        };
        let id = match &raw.id {
            Some(id) => {
                let v = id.get_ref().trim().to_string();
                if !crate::url::is_entry_id(&v) {
                    self.error(path, fl(id.span().start), format!("front matter: id \"{v}\" may only use the letters a-z and A-Z, digits, '-', '_', '.', '~' and '/' (not first), which a deep link #help/<id> carries, e.g. \"{locale}/{slug}\""));
                    return None;
                }
                v
            }
            None => format!("{locale}/{slug}"),
        };
        if split.body.trim().is_empty() {
            self.error(
                path,
                split.body_line,
                "empty answer: write the answer in Markdown below the closing +++",
            );
            return None;
        }
        let answer = match render(split.body, self.remote_images) {
            Ok(r) => r,
            Err(refused) => {
                for u in refused {
                    let line = line_of(split.body, u.offset) + split.body_line - 1;
                    self.error(path, line, format!("unsafe link \"{}\": {}", u.url, u.fix));
                }
                return None;
            }
        };
        if !self.check_rendered(path, split.body_line, &answer) {
            return None;
        }
        // Related ids are checked once all entries are known; keep their lines.
        let related = raw
            .related
            .iter()
            .map(|r| format!("{}\u{0}{}", r.get_ref(), fl(r.span().start)))
            .collect();
        Some(Entry {
            id,
            locale: locale.to_string(),
            path: path.to_path_buf(),
            question,
            aliases: raw
                .aliases
                .into_iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            category: raw.category.trim().to_string(),
            tags: raw.tags,
            related,
            answer,
        })
    }

    /// Orders entries, and checks ids for duplicates and related ids for targets.
    pub(super) fn check_entries(&mut self, site: &Site, entries: &mut [Entry]) {
        let order = |l: &str| {
            site.locales
                .iter()
                .position(|x| x == l)
                .unwrap_or(usize::MAX)
        };
        entries.sort_by(|a, b| {
            (order(&a.locale), &a.id, &a.path).cmp(&(order(&b.locale), &b.id, &b.path))
        });
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        for e in entries.iter() {
            if let Some(first) = seen.get(&e.id) {
                let first = first.clone();
                self.error(&e.path, 1, format!("duplicate id \"{}\", also used by {}: give one of them another id or file name", e.id, first.display()));
            } else {
                seen.insert(e.id.clone(), e.path.clone());
            }
        }
        for e in entries.iter_mut() {
            let mut resolved = Vec::new();
            for r in &e.related {
                let (target, line) = r.split_once('\u{0}').unwrap_or((r, "1"));
                let line = line.parse().unwrap_or(1);
                if !seen.contains_key(target) && self.failed.iter().any(|f| f == target) {
                    // The target's own error is the cause; it is reported there.
                } else if !seen.contains_key(target) {
                    let hint = seen
                        .keys()
                        .find(|k| k.ends_with(&format!("/{target}")))
                        .map(|k| format!(" (did you mean \"{k}\"?)"))
                        .unwrap_or_default();
                    self.diags.push(Diagnostic::new(&e.path, line, format!("related: unknown id \"{target}\"{hint}: ids are written <locale>/<slug>")));
                } else if target == e.id {
                    self.diags.push(Diagnostic::new(
                        &e.path,
                        line,
                        "related: an entry cannot be related to itself",
                    ));
                } else {
                    resolved.push(target.to_string());
                }
            }
            e.related = resolved;
        }
    }
}
