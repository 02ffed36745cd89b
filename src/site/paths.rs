//! Where each page of the help centre lives: site-relative directory paths
//! ("de/meter-reading/"), the links between them (relative, so the site works
//! under any prefix) and the absolute URLs search engines see.

/// The URL prefix the site is published under, always ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// `https://…` or `http://…`; a missing final `/` is added.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("--base-url {url}: write the address the site is published at, starting with https://, e.g. https://www.example.org/help/"))?;
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || url.contains(['?', '#', ' ', '"', '<', '>']) {
            return Err(format!(
                "--base-url {url}: write a plain address such as https://www.example.org/help/"
            ));
        }
        let mut s = url.to_string();
        if !s.ends_with('/') {
            s.push('/');
        }
        Ok(Self(s))
    }

    /// The absolute URL of site path `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// Whether the site is at the root of its host (where robots.txt counts).
    pub fn is_host_root(&self) -> bool {
        let rest = self.0.split_once("://").map_or("", |(_, r)| r);
        rest.find('/').is_some_and(|i| i + 1 == rest.len())
    }
}

/// The link from the page at directory `from` ("de/meter-reading/", or ""
/// for the root) to site path `to` ("de/smart-meter/", "site.css"): up to
/// the directories both share, then down ("../smart-meter/").
pub fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').collect();
    // Only `to`'s directories can be shared; its last part is a file name or "".
    let (dirs, file) = to.split_at(to.len() - 1);
    let shared = from.iter().zip(dirs).take_while(|(a, b)| a == b).count();
    let mut link = "../".repeat(from.len() - shared);
    for d in &dirs[shared..] {
        link.push_str(d);
        link.push('/');
    }
    link.push_str(file[0]);
    if link.is_empty() {
        "./".to_string()
    } else {
        link
    }
}

/// A `mailto:` URL, every character outside a plain address percent-encoded.
pub fn mailto(email: &str) -> String {
    let mut out = String::from("mailto:");
    for b in email.trim().bytes() {
        if b.is_ascii_alphanumeric() || b"@._+-".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_out_of_the_current_directory() {
        assert_eq!(
            relative("de/meter-reading/", "de/smart-meter/"),
            "../smart-meter/"
        );
        assert_eq!(
            relative("de/meter-reading/", "en/meter-reading/"),
            "../../en/meter-reading/"
        );
        assert_eq!(
            relative("de/topics/umzug/", "site.css"),
            "../../../site.css"
        );
        assert_eq!(relative("de/topics/umzug/", "de/"), "../../");
        assert_eq!(relative("de/", "de/topics/umzug/"), "topics/umzug/");
        assert_eq!(relative("de/", "de/"), "./");
        assert_eq!(relative("", "de/"), "de/");
        assert_eq!(relative("", ""), "./");
    }

    #[test]
    fn base_urls_are_absolute_and_end_in_a_slash() {
        let b = BaseUrl::parse("https://www.example.org/hilfe").unwrap();
        assert_eq!(b.url("de/"), "https://www.example.org/hilfe/de/");
        assert!(!b.is_host_root());
        assert!(BaseUrl::parse("https://example.org/")
            .unwrap()
            .is_host_root());
        assert!(BaseUrl::parse("https://example.org")
            .unwrap()
            .is_host_root());
        assert!(BaseUrl::parse("www.example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("https://x.org/\"><script>").is_err());
    }

    #[test]
    fn contact_urls_cannot_carry_markup() {
        assert_eq!(mailto("a@b.example\"><x"), "mailto:a@b.example%22%3E%3Cx");
    }
}
