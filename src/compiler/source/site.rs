//! site.toml, synonyms.toml and hotline.toml: the site-wide files of a kb.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SiteToml {
    name: Spanned<String>,
    locales: Spanned<Vec<String>>,
    default_locale: Spanned<String>,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    allow_remote_images: bool,
    #[serde(default)]
    home: BTreeMap<String, Spanned<HomeToml>>,
    #[serde(default)]
    person: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    logo: Option<Spanned<String>>,
    delivery: Option<Spanned<String>>,
}

/// `[home.<locale>]` of site.toml.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HomeToml {
    greeting: Option<Spanned<String>>,
    placeholder: Option<Spanned<String>>,
    #[serde(default)]
    featured: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SynonymsToml {
    #[serde(default)]
    groups: Vec<Spanned<Vec<Spanned<String>>>>,
}

impl Loader {
    pub(super) fn site(&mut self) -> Option<Site> {
        let path = self.dir.join("site.toml");
        if !path.is_file() {
            self.error(
                &path,
                0,
                "missing site.toml: create it with name, locales and default_locale (see docs/editors.md)",
            );
            return None;
        }
        let text = self.read(&path)?;
        match toml::from_str::<toml::Table>(&text) {
            Ok(table) => {
                self.controls_in(&path, &text, &table);
                self.logo_named = table
                    .get("logo")
                    .and_then(toml::Value::as_str)
                    .map(|l| self.dir.join(l));
            }
            Err(_) => self.site_unreadable = true,
        }
        let raw: SiteToml = self.parse_toml(&path, &text, 1, "site.toml")?;
        let line = |s: std::ops::Range<usize>| line_of(&text, s.start);
        let mut ok = true;
        if let Some(c) = raw.name.get_ref().chars().find(|c| is_control(*c)) {
            self.error(
                &path,
                line(raw.name.span()),
                format!(
                    "name has the control character U+{:04X}: remove it",
                    u32::from(c)
                ),
            );
            ok = false;
        }
        if raw.name.get_ref().trim().is_empty() {
            self.error(
                &path,
                line(raw.name.span()),
                "name is empty: set the site name visitors see",
            );
            ok = false;
        }
        let locales = raw.locales.get_ref().clone();
        if locales.is_empty() {
            self.error(
                &path,
                line(raw.locales.span()),
                "locales is empty: list at least one, e.g. locales = [\"de\", \"en\"]",
            );
            ok = false;
        }
        for (i, l) in locales.iter().enumerate() {
            if !is_locale_tag(l) {
                self.error(
                    &path,
                    line(raw.locales.span()),
                    format!("locale \"{l}\" is not a language tag like \"de\" or \"en-GB\""),
                );
                ok = false;
            }
            if locales[..i].contains(l) {
                self.error(
                    &path,
                    line(raw.locales.span()),
                    format!("locale \"{l}\" is listed twice"),
                );
                ok = false;
            }
        }
        let default_locale = raw.default_locale.get_ref().clone();
        if !locales.contains(&default_locale) {
            self.error(
                &path,
                line(raw.default_locale.span()),
                format!("default_locale \"{default_locale}\" is not in locales {locales:?}"),
            );
            ok = false;
        }
        if let Some(url) = &raw.contact.url {
            let l = key_line(&text, "url").unwrap_or(1);
            match crate::url::classify(url) {
                Err(why) => {
                    self.error(&path, l, format!("contact url \"{url}\": {}", why.fix()));
                    ok = false;
                }
                Ok(Kind::External) => {}
                Ok(Kind::Relative) if url.trim().starts_with('/') => {}
                Ok(_) => {
                    self.error(
                        &path,
                        l,
                        format!("contact url \"{url}\" must start with https://, http:// or /"),
                    );
                    ok = false;
                }
            }
        }
        if let Some(email) = &raw.contact.email {
            if !crate::url::is_email(email.trim()) {
                let l = key_line(&text, "email").unwrap_or(1);
                self.error(&path, l, format!("contact email \"{email}\" is not an address like service@example.org: write the address alone, without spaces, <>, ? or &"));
                ok = false;
            }
        }
        // Its problems are reported; the site stays usable so that the
        // featured ids are still checked against the entries.
        let home = self.home(&path, &text, raw.home, &locales);
        let person = self.person(&path, &text, raw.person, &locales);
        let logo = match raw.logo {
            Some(logo) => {
                let at = line(logo.span());
                match checked_logo(&path, logo.get_ref()) {
                    Ok(file) if is_svg(&file) => {
                        let svg = std::fs::read(&file).unwrap_or_default();
                        let problems = match std::str::from_utf8(&svg) {
                            Ok(text) => crate::compiler::svg::problems(text),
                            Err(_) => vec![(
                                1,
                                "the logo is not UTF-8 text: export it as a plain SVG".to_string(),
                            )],
                        };
                        if problems.is_empty() {
                            Some(file)
                        } else {
                            let shown = self.dir.join(logo.get_ref());
                            for (l, why) in problems {
                                self.error(&shown, l, why);
                            }
                            ok = false;
                            None
                        }
                    }
                    Ok(file) => Some(file),
                    Err(why) => {
                        self.error(&path, at, format!("logo \"{}\": {why}", logo.get_ref()));
                        ok = false;
                        None
                    }
                }
            }
            None => None,
        };
        let delivery = match raw.delivery {
            Some(d) => {
                let parsed = crate::compiler::site_toml::Delivery::parse(d.get_ref());
                if parsed.is_none() {
                    self.error(&path, line(d.span()), format!("delivery \"{}\" is not a way to ship the knowledge: write \"embedded\" (in the .wasm), \"locales\" (a file per language) or \"parts\" (fetched as queries need them), or leave it out to choose by size", d.get_ref()));
                    ok = false;
                }
                parsed
            }
            None => None,
        };
        ok.then(|| Site {
            name: raw.name.into_inner(),
            locales,
            default_locale,
            contact: raw.contact,
            allow_remote_images: raw.allow_remote_images,
            home,
            person,
            logo,
            delivery,
        })
    }

    /// `[person]`: per known locale, phrases of a few words each.
    pub(super) fn person(
        &mut self,
        path: &Path,
        text: &str,
        raw: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
        locales: &[String],
    ) -> BTreeMap<String, Vec<String>> {
        let mut out = BTreeMap::new();
        for (locale, list) in raw {
            let list_line = line_of(text, list.span().start);
            if !locales.contains(&locale) {
                self.error(path, list_line, format!("[person] {locale}: unknown locale \"{locale}\": locales lists {locales:?}; add it there or remove this line"));
                continue;
            }
            let list = list.into_inner();
            if list.len() > MAX_PERSON_PHRASES {
                self.error(path, list_line, format!("[person] {locale} lists {} phrases, more than {MAX_PERSON_PHRASES}: keep the ones visitors type", list.len()));
            }
            let lang = crate::analysis::Lang::from_locale(&locale);
            let mut phrases = Vec::new();
            for phrase in list {
                let line = line_of(text, phrase.span().start);
                let phrase = phrase.into_inner().trim().to_string();
                let chars = phrase.chars().count();
                if phrase.is_empty() {
                    self.error(
                        path,
                        line,
                        format!(
                            "[person] {locale}: an empty phrase would match nothing: remove it"
                        ),
                    );
                } else if chars > MAX_PERSON_PHRASE_CHARS {
                    self.error(path, line, format!("[person] {locale}: \"{phrase}\" has {chars} characters, more than {MAX_PERSON_PHRASE_CHARS}: a phrase is the few words a visitor types, like \"mitarbeiter sprechen\""));
                } else if crate::analysis::tokenize(&phrase, lang).is_empty() {
                    self.error(path, line, format!("[person] {locale}: \"{phrase}\" has no words to match: write letters or digits"));
                } else {
                    phrases.push(phrase);
                }
            }
            out.insert(locale, phrases);
        }
        out
    }

    /// `[home.<locale>]` tables: known locales, a short one-line greeting,
    /// a short list of distinct ids (whose entries are checked later).
    pub(super) fn home(
        &mut self,
        path: &Path,
        text: &str,
        raw: BTreeMap<String, Spanned<HomeToml>>,
        locales: &[String],
    ) -> BTreeMap<String, HomeSettings> {
        let mut out = BTreeMap::new();
        for (locale, table) in raw {
            let table_line = header_line(text, &format!("home.{locale}"))
                .unwrap_or_else(|| line_of(text, table.span().start));
            if !locales.contains(&locale) {
                self.error(
                    path,
                    table_line,
                    format!("[home.{locale}]: unknown locale \"{locale}\": locales lists {locales:?}; add it there or remove this table"),
                );
                continue;
            }
            let table = table.into_inner();
            let mut home = HomeSettings::default();
            if let Some(g) = table.greeting {
                let line = line_of(text, g.span().start);
                let greeting = g.get_ref().trim();
                let chars = greeting.chars().count();
                if greeting.contains(['\n', '\r']) {
                    self.error(path, line, format!("[home.{locale}] greeting has a line break: the greeting is one line of plain text"));
                } else if chars > MAX_GREETING_CHARS {
                    self.error(path, line, format!("[home.{locale}] greeting has {chars} characters, more than {MAX_GREETING_CHARS}: shorten it to one short line"));
                }
                home.greeting = greeting.to_string();
            }
            if let Some(p) = table.placeholder {
                let line = line_of(text, p.span().start);
                let placeholder = p.get_ref().trim();
                let chars = placeholder.chars().count();
                if placeholder.is_empty() {
                    self.error(path, line, format!("[home.{locale}] placeholder is empty: write a short prompt such as \"Suchen Sie nach Antworten\", or remove the line for the widget's own"));
                } else if placeholder.contains(['\n', '\r']) {
                    self.error(path, line, format!("[home.{locale}] placeholder has a line break: the placeholder is one line of plain text"));
                } else if chars > MAX_PLACEHOLDER_CHARS {
                    self.error(path, line, format!("[home.{locale}] placeholder has {chars} characters, more than {MAX_PLACEHOLDER_CHARS}: shorten it so it fits the search box on a phone"));
                }
                home.placeholder = placeholder.to_string();
            }
            if table.featured.len() > MAX_FEATURED {
                let line = line_of(text, table.featured[MAX_FEATURED].span().start);
                self.error(path, line, format!("[home.{locale}] featured lists {} entries, more than {MAX_FEATURED}: keep the ones visitors ask for most", table.featured.len()));
            }
            for id in table.featured {
                let line = line_of(text, id.span().start);
                let id = id.into_inner().trim().to_string();
                if home.featured.contains(&id) {
                    self.error(
                        path,
                        line,
                        format!("[home.{locale}] featured lists \"{id}\" twice: remove one"),
                    );
                    continue;
                }
                self.featured_lines
                    .insert((locale.clone(), id.clone()), line);
                home.featured.push(id);
            }
            out.insert(locale, home);
        }
        out
    }

    /// Each featured id names an entry of its table's locale.
    pub(super) fn check_featured(&mut self, site: &mut Site, entries: &[Entry]) {
        let path = self.dir.join("site.toml");
        for (locale, home) in &mut site.home {
            let mut kept = Vec::new();
            for id in &home.featured {
                let line = self
                    .featured_lines
                    .get(&(locale.clone(), id.clone()))
                    .copied()
                    .unwrap_or(1);
                match entries.iter().find(|e| &e.id == id) {
                    Some(e) if &e.locale == locale => kept.push(id.clone()),
                    Some(e) => self.error(&path, line, format!("[home.{locale}] featured: \"{id}\" is an entry of locale \"{}\": list it under [home.{}], or feature the {locale} entry instead", e.locale, e.locale)),
                    None if self.failed.contains(id) => {} // reported in its own file
                    None => {
                        let hint = entries
                            .iter()
                            .find(|e| &e.locale == locale && (e.id.ends_with(&format!("/{id}")) || id.ends_with(&format!("/{}", stem(&e.path)))))
                            .map(|e| format!(" (did you mean \"{}\"?)", e.id))
                            .unwrap_or_default();
                        self.error(&path, line, format!("[home.{locale}] featured: unknown id \"{id}\"{hint}: ids are written <locale>/<slug>"));
                    }
                }
            }
            home.featured = kept;
        }
    }

    /// `hotline.toml`, if present: a knowledge base without it has no channels.
    pub(super) fn hotline(&mut self, site: &Site) -> Option<crate::compiler::hotline::Hotline> {
        let path = self.dir.join("hotline.toml");
        if !path.is_file() {
            return None;
        }
        let text = self.read(&path)?;
        if let Ok(table) = toml::from_str::<toml::Table>(&text) {
            self.controls_in(&path, &text, &table);
        }
        crate::compiler::hotline::parse(&path, &text, site, &mut self.diags)
    }

    pub(super) fn synonyms(&mut self, site: &Site) -> BTreeMap<String, Vec<Vec<String>>> {
        let path = self.dir.join("synonyms.toml");
        let mut out = BTreeMap::new();
        if !path.is_file() {
            return out;
        }
        let Some(text) = self.read(&path) else {
            return out;
        };
        if let Ok(table) = toml::from_str::<toml::Table>(&text) {
            self.controls_in(&path, &text, &table);
        }
        let Some(raw) =
            self.parse_toml::<BTreeMap<String, SynonymsToml>>(&path, &text, 1, "synonyms.toml")
        else {
            return out;
        };
        for (locale, table) in raw {
            if !site.locales.contains(&locale) {
                let line = text
                    .lines()
                    .position(|l| l.trim() == format!("[{locale}]"))
                    .map_or(1, |i| i + 1);
                self.error(
                    &path,
                    line,
                    format!(
                        "unknown locale \"{locale}\": site.toml lists {:?}",
                        site.locales
                    ),
                );
                continue;
            }
            if table.groups.len() > MAX_SYNONYM_GROUPS {
                let at = line_of(&text, table.groups[MAX_SYNONYM_GROUPS].span().start);
                self.error(&path, at, format!("[{locale}] has {} synonym groups, more than {MAX_SYNONYM_GROUPS}: every query expands through them; keep the groups visitors need", table.groups.len()));
                continue;
            }
            let mut groups = Vec::new();
            for group in table.groups {
                if group.get_ref().len() > MAX_SYNONYM_WORDS {
                    self.error(&path, line_of(&text, group.span().start), format!("a synonym group of {} words, more than {MAX_SYNONYM_WORDS}: split it into groups of words that really mean the same", group.get_ref().len()));
                    continue;
                }
                let gline = line_of(&text, group.span().start);
                let words: Vec<String> = group
                    .get_ref()
                    .iter()
                    .map(|w| w.get_ref().trim().to_string())
                    .collect();
                if let Some(empty) = group
                    .get_ref()
                    .iter()
                    .find(|w| w.get_ref().trim().is_empty())
                {
                    self.error(
                        &path,
                        line_of(&text, empty.span().start),
                        "empty word in a synonym group: remove it",
                    );
                    continue;
                }
                if words.len() < 2 {
                    self.error(
                        &path,
                        gline,
                        format!("synonym group {words:?} needs at least two words"),
                    );
                    continue;
                }
                groups.push(words);
            }
            out.insert(locale, groups);
        }
        out
    }
}
