//! `help-widget site`: the static help centre. Every internal link
//! resolves, language versions point at each other, the sitemap lists every
//! page, and entry pages carry the widget's own sanitized answer HTML.
#![cfg(feature = "cli")]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BASE: &str = "https://www.example.org/hilfe/";

fn site(kb: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .arg("site")
        .arg(kb)
        .arg("--out")
        .arg(out)
        .args(["--base-url", BASE])
        .args(extra)
        .output()
        .unwrap()
}

/// A www/ folder with stand-ins for the widget's built files.
fn fake_www() -> tempfile::TempDir {
    let www = tempfile::tempdir().unwrap();
    std::fs::create_dir(www.path().join("pkg")).unwrap();
    for f in help_widget::sizes::WIDGET_FILES {
        std::fs::write(www.path().join(f), "/* widget */").unwrap();
    }
    www
}

/// The sample kb's site, built once per test.
fn sample_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let www = fake_www();
    let o = site(
        &common::sample_kb(),
        &out,
        &["--www", www.path().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, out)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

/// Values of `attr="…"` in `html`, unescaped.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// The file a link from `page` leads to, or `None` for links outside the site.
fn target(root: &Path, page: &Path, link: &str) -> Option<PathBuf> {
    let link = link.split('#').next().unwrap();
    if link.is_empty() || link.starts_with("mailto:") || link.starts_with("tel:") {
        return None;
    }
    let mut path = if let Some(inside) = link.strip_prefix(BASE) {
        root.join(inside)
    } else if link.contains("://") {
        return None;
    } else {
        page.parent().unwrap().join(link)
    };
    if link.ends_with('/') || link.is_empty() {
        path = path.join("index.html");
    }
    // Resolve ".." without touching the file system.
    let mut clean = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    Some(clean)
}

/// The URL a page is published at.
fn url_of(root: &Path, page: &Path) -> String {
    let rel = page
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    format!("{BASE}{}", rel.trim_end_matches("index.html"))
}

#[test]
fn every_internal_link_of_every_page_resolves() {
    let (_tmp, root) = sample_site();
    let mut pages = Vec::new();
    html_files(&root, &mut pages);
    assert_eq!(
        pages.len(),
        1 + 2 + 90 + 20,
        "root, two locale indexes, 90 entries, 20 categories"
    );
    let mut checked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        for link in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            if let Some(t) = target(&root, page, &link) {
                assert!(
                    t.is_file(),
                    "{}: {link} → {} is missing",
                    page.display(),
                    t.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
    // The check itself sees a broken link.
    let entry = root.join("de/meter-reading/index.html");
    assert!(!target(&root, &entry, "../no-such-entry/")
        .unwrap()
        .is_file());
    assert!(target(&root, &entry, "../annual-bill/").unwrap().is_file());
    assert!(
        root.join("widget/pkg/help_widget_bg.wasm").is_file(),
        "the widget's files are copied"
    );
}

#[test]
fn hreflang_pairs_are_reciprocal_and_canonicals_name_the_page() {
    let (_tmp, root) = sample_site();
    let mut pages = Vec::new();
    html_files(&root, &mut pages);
    // page URL → its alternates (hreflang → URL)
    let mut alternates: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let url = url_of(&root, page);
        let canonical: Vec<String> = html
            .lines()
            .filter(|l| l.starts_with("<link rel=\"canonical\""))
            .flat_map(|l| attrs(l, "href"))
            .collect();
        assert_eq!(canonical, std::slice::from_ref(&url), "{}", page.display());
        let alts = html
            .lines()
            .filter(|l| l.starts_with("<link rel=\"alternate\""))
            .map(|l| (attrs(l, "hreflang").remove(0), attrs(l, "href").remove(0)))
            .collect();
        alternates.insert(url, alts);
    }
    let mut pairs = 0;
    for (url, alts) in &alternates {
        if alts.is_empty() {
            continue;
        }
        assert!(
            alts.values().any(|u| u == url),
            "{url} does not list itself"
        );
        for (lang, other) in alts {
            let back = alternates
                .get(other)
                .unwrap_or_else(|| panic!("{url}: {lang} → {other} is no page"));
            if lang != "x-default" {
                assert!(
                    back.values().any(|u| u == url),
                    "{other} does not point back to {url}"
                );
                assert_eq!(back, alts, "{url} and {other} list different versions");
                pairs += 1;
            }
        }
    }
    assert!(pairs >= 180, "every entry exists in de and en: {pairs}");
    let meter = &alternates[&format!("{BASE}en/meter-reading/")];
    assert_eq!(meter["de"], format!("{BASE}de/meter-reading/"));
    assert_eq!(
        meter["x-default"],
        format!("{BASE}de/meter-reading/"),
        "the default locale's version"
    );
}

#[test]
fn the_sitemap_lists_every_page_once() {
    let (_tmp, root) = sample_site();
    let mut pages = Vec::new();
    html_files(&root, &mut pages);
    let expected: BTreeSet<String> = pages
        .iter()
        .filter(|p| !p.starts_with(root.join("widget")))
        .map(|p| url_of(&root, p))
        .collect();
    let sitemap = std::fs::read_to_string(root.join("sitemap.xml")).unwrap();
    let listed: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s[..s.find("</loc>").unwrap()].to_string())
        .collect();
    assert_eq!(listed.len(), expected.len(), "no page twice");
    assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), expected);
    assert!(
        !root.join("robots.txt").exists(),
        "robots.txt only counts at a host's root"
    );
}

#[test]
fn an_entry_page_shows_the_widgets_answer_html_and_related_entries_without_script() {
    let (_tmp, root) = sample_site();
    let page = std::fs::read_to_string(root.join("de/meter-reading/index.html")).unwrap();
    let kb = help_widget::compiler::compile_dir(&common::sample_kb(), None).unwrap();
    let bundle = help_widget::engine::Bundle::open(&kb.bytes).unwrap();
    let answer = help_widget::engine::answer(&bundle, "de/meter-reading").unwrap();
    assert!(
        page.contains(&answer.html),
        "the bundle's answer HTML, unchanged"
    );
    assert!(page.contains("<h1>Wie teile ich Ihnen meinen Zählerstand mit?</h1>"));
    assert!(
        page.contains("<a href=\"../annual-bill/\">"),
        "related entries are linked"
    );
    assert!(page.contains(
        "<script src=\"../../widget/help-widget.js\" defer data-locale=\"de\"></script>"
    ));
    assert_eq!(page.matches("<script").count(), 1, "only the widget's tag");
    assert!(
        !page.contains(" style="),
        "no inline styles: strict CSP works"
    );
}

#[test]
fn text_from_the_knowledge_base_is_escaped_in_pages() {
    let kb = common::copy_of(&common::fixture("mini-kb"));
    std::fs::write(
        kb.path().join("de/cancel.md"),
        "+++\nquestion = \"Kündigen <script>alert(1)</script>?\"\ncategory = \"A & B <i>\"\n+++\nText.\n",
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = site(kb.path(), &out, &["--widget-src", "/help/help-widget.js"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(out.join("de/cancel/index.html")).unwrap();
    assert!(
        page.contains("Kündigen &lt;script&gt;alert(1)&lt;/script&gt;?"),
        "{page}"
    );
    assert!(page.contains("A &amp; B &lt;i&gt;"), "{page}");
    assert!(
        page.contains("<script src=\"/help/help-widget.js\""),
        "--widget-src is used as given"
    );
    assert!(!out.join("widget").exists());
}

#[test]
fn a_rerun_replaces_its_own_site_deletes_pages_of_deleted_entries_and_keeps_added_files() {
    let kb = common::copy_of(&common::fixture("mini-kb"));
    std::fs::write(
        kb.path().join("de/old-entry.md"),
        "+++\nquestion = \"Eine alte Frage?\"\n+++\nAlte Antwort.\n",
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let args = ["--widget-src", "/help/help-widget.js"];
    let o = site(kb.path(), &out, &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("de/old-entry/index.html").is_file());
    std::fs::write(out.join("google1234.html"), "verification").unwrap();
    std::fs::create_dir(out.join("de/old-entry/images")).unwrap();
    std::fs::write(out.join("de/old-entry/images/own.png"), "png").unwrap();

    std::fs::remove_file(kb.path().join("de/old-entry.md")).unwrap();
    let o = site(kb.path(), &out, &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        !out.join("de/old-entry/index.html").exists(),
        "the page of a deleted entry goes"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("google1234.html")).unwrap(),
        "verification",
        "a file the site did not write stays"
    );
    assert!(out.join("de/old-entry/images/own.png").exists());
}

#[test]
fn a_web_root_with_git_an_index_and_a_sitemap_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("www");
    std::fs::create_dir_all(root.join(".git/objects")).unwrap();
    std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(root.join("index.html"), "<h1>Stadtwerke</h1>").unwrap();
    std::fs::write(root.join("sitemap.xml"), "<urlset/>").unwrap();
    std::fs::create_dir(root.join("blog")).unwrap();
    std::fs::write(root.join("blog/post.html"), "post").unwrap();
    let before = tree(&root);
    let o = site(
        &common::fixture("mini-kb"),
        &root,
        &["--widget-src", "/help/help-widget.js"],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("is not empty (.git, blog, index.html, sitemap.xml)")
            && err.contains("choose an empty or new folder"),
        "{err}"
    );
    assert_eq!(tree(&root), before, "nothing in the web root changed");
}

#[test]
fn a_page_of_its_own_edited_by_hand_or_a_path_taken_by_another_file_stops_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let args = ["--widget-src", "/help/help-widget.js"];
    assert!(site(&common::fixture("mini-kb"), &out, &args)
        .status
        .success());
    std::fs::write(out.join("site.css"), "body{color:red}").unwrap();
    let o = site(&common::fixture("mini-kb"), &out, &args);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("site.css was changed after help-widget site wrote it"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("site.css")).unwrap(),
        "body{color:red}"
    );

    let kb = common::copy_of(&common::fixture("mini-kb"));
    std::fs::write(
        kb.path().join("de/neu.md"),
        "+++\nquestion = \"Neue Frage?\"\n+++\nNeue Antwort.\n",
    )
    .unwrap();
    let out2 = tmp.path().join("site2");
    assert!(site(&common::fixture("mini-kb"), &out2, &args)
        .status
        .success());
    std::fs::create_dir_all(out2.join("de/neu")).unwrap();
    std::fs::write(out2.join("de/neu/index.html"), "mine").unwrap();
    let o = site(kb.path(), &out2, &args);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("de/neu/index.html is there already and help-widget site did not write it"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out2.join("de/neu/index.html")).unwrap(),
        "mine"
    );
}

#[test]
fn a_knowledge_base_saved_again_unchanged_is_not_another_state_of_it() {
    let kb = common::copy_of(&common::fixture("mini-kb"));
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("kb.bundle");
    let o = Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .args(["build", "--out"])
        .arg(&bundle)
        .arg("--kb")
        .arg(kb.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A widget built from that state: the bundle inside its module.
    let www = fake_www();
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend_from_slice(&std::fs::read(&bundle).unwrap());
    std::fs::write(www.path().join("pkg/help_widget_bg.wasm"), wasm).unwrap();
    let www_arg = www.path().to_str().unwrap().to_string();

    // The editor saves an answer again, unchanged, a minute later.
    let cancel = kb.path().join("de/cancel.md");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&cancel)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let o = site(kb.path(), &tmp.path().join("site"), &["--www", &www_arg]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("another state"), "{err}");

    // An edit is another state.
    let text = std::fs::read_to_string(&cancel).unwrap();
    std::fs::write(&cancel, format!("{text}\nNeu.\n")).unwrap();
    let o = site(kb.path(), &tmp.path().join("site2"), &["--www", &www_arg]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("another state"));
}

/// Every file below `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.insert(p.clone(), Vec::new());
                todo.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn a_relative_base_url_is_refused_with_an_example() {
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_help-widget"))
        .args(["site", "--base-url", "www.example.org", "--out"])
        .arg(tmp.path().join("s"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("starting with https://"));
}

#[test]
fn control_characters_in_the_knowledge_base_never_reach_a_page() {
    let kb = common::copy_of(&common::fixture("mini-kb"));
    let site_toml = std::fs::read_to_string(kb.path().join("site.toml")).unwrap();
    std::fs::write(
        kb.path().join("site.toml"),
        site_toml.replace(
            "phone = \"+49 30 000\"",
            "phone = \"+49 30\\u0000\\u001b[2J 000\"",
        ),
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = site(kb.path(), &out, &["--widget-src", "/help/help-widget.js"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("site.toml:6: phone: the control character U+0000"),
        "{err}"
    );
    assert!(!out.exists(), "nothing was written");
}
