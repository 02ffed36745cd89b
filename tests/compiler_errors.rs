//! Bad knowledge base input fails with `file:line: what and how to fix`,
//! lists every problem, and writes nothing.
#![cfg(feature = "compiler")]

mod common;

use common::{copy_of, fixture};
use help_widget::compiler::{compile_dir, Diagnostic};
use std::path::Path;

/// Compiles the mini fixture after `edit`, returning the diagnostics.
fn errors_after(edit: impl FnOnce(&Path)) -> Vec<Diagnostic> {
    let kb = copy_of(&fixture("mini-kb"));
    edit(kb.path());
    compile_dir(kb.path(), Some(0)).expect_err("the broken kb compiled")
}

fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).unwrap();
}

/// Asserts one diagnostic for `file` at `line` mentions `words`.
fn assert_reported(diags: &[Diagnostic], file: &str, line: usize, words: &str) {
    assert!(
        diags
            .iter()
            .any(|d| d.file.ends_with(file) && d.line == line && d.message.contains(words)),
        "expected {file}:{line}: …{words}…, got:\n{}",
        diags
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_mini_fixture_compiles() {
    compile_dir(&fixture("mini-kb"), Some(0)).unwrap();
}

#[test]
fn malformed_toml_is_reported_at_its_line() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Kündigen?\"\ncategory = \"Vertrag\n+++\nText.\n",
        )
    });
    assert_reported(&d, "de/cancel.md", 3, "front matter");
}

#[test]
fn a_missing_question_says_what_to_add() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\ncategory = \"Vertrag\"\n+++\nText.\n",
        )
    });
    assert_reported(&d, "de/cancel.md", 1, "missing \"question\"");
    assert!(d[0]
        .to_string()
        .contains("cancel.md:1: front matter: missing \"question\""));
}

#[test]
fn an_empty_question_is_reported_at_its_line() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\ncategory = \"x\"\nquestion = \"  \"\n+++\nText.\n",
        )
    });
    assert_reported(&d, "de/cancel.md", 3, "\"question\" is empty");
}

#[test]
fn an_empty_answer_points_below_the_front_matter() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Kündigen?\"\n+++\n\n  \n",
        )
    });
    assert_reported(&d, "de/cancel.md", 4, "empty answer");
}

#[test]
fn a_duplicate_id_names_both_files() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/other.md",
            "+++\nquestion = \"Q?\"\nid = \"de/cancel\"\n+++\nA.\n",
        )
    });
    assert!(d
        .iter()
        .any(|d| d.message.contains("duplicate id \"de/cancel\"")
            && (d.message.contains("cancel.md") || d.message.contains("other.md"))));
}

#[test]
fn a_related_id_without_entry_is_reported_with_a_suggestion() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Q?\"\nrelated = [\n  \"meter-reading\",\n]\n+++\nA.\n",
        )
    });
    assert_reported(&d, "de/cancel.md", 4, "did you mean \"de/meter-reading\"");
}

#[test]
fn a_folder_for_an_unlisted_locale_is_refused() {
    let d = errors_after(|kb| {
        std::fs::create_dir(kb.join("fr")).unwrap();
        write(kb, "fr/x.md", "+++\nquestion = \"Q?\"\n+++\nA.\n");
    });
    assert!(d
        .iter()
        .any(|d| d.file.ends_with("fr") && d.message.contains("unknown locale \"fr\"")));
}

#[test]
fn invalid_notice_dates_are_reported_with_an_example() {
    let d = errors_after(|kb| {
        write(kb, "notices/maintenance.md", "+++\nlocale = \"de\"\ntitle = \"T\"\nfrom = \"2026-01-01 08:00\"\nuntil = \"2025-01-01T00:00:00Z\"\n+++\nText.\n")
    });
    assert_reported(
        &d,
        "notices/maintenance.md",
        4,
        "not a date-time with offset",
    );
}

#[test]
fn a_notice_that_ends_before_it_starts_is_refused() {
    let d = errors_after(|kb| {
        write(kb, "notices/maintenance.md", "+++\nlocale = \"de\"\ntitle = \"T\"\nfrom = \"2026-01-02T00:00:00Z\"\nuntil = \"2026-01-01T00:00:00Z\"\n+++\nText.\n")
    });
    assert_reported(&d, "notices/maintenance.md", 5, "until must be after from");
}

#[test]
fn non_utf8_bytes_are_reported_at_their_line() {
    let d = errors_after(|kb| {
        std::fs::write(
            kb.join("de/cancel.md"),
            b"+++\nquestion = \"K\xfcndigen?\"\n+++\nA.\n",
        )
        .unwrap()
    });
    assert_reported(&d, "de/cancel.md", 2, "invalid UTF-8");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    let d = errors_after(|kb| {
        // A dangling symlink cannot be read, even by root.
        std::os::unix::fs::symlink(kb.join("nowhere.md"), kb.join("de/broken.md")).unwrap();
    });
    assert!(d.iter().any(|d| d.file.ends_with("de/broken.md")));
}

#[test]
fn unsafe_links_in_answers_are_refused_at_their_line() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Q?\"\n+++\nErst.\n\n[Klick](javascript:alert(1))\n",
        )
    });
    assert_reported(&d, "de/cancel.md", 6, "unsafe link");
}

#[test]
fn a_misspelt_front_matter_key_is_reported() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Q?\"\nalias = [\"x\"]\n+++\nA.\n",
        )
    });
    assert_reported(&d, "de/cancel.md", 3, "alias");
}

#[test]
fn synonym_groups_need_two_words() {
    let d = errors_after(|kb| {
        write(
            kb,
            "synonyms.toml",
            "[de]\ngroups = [\n  [\"allein\"],\n]\n",
        )
    });
    assert_reported(&d, "synonyms.toml", 3, "at least two words");
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let kb = copy_of(&fixture("mini-kb"));
    write(
        kb.path(),
        "de/cancel.md",
        "+++\ncategory = \"x\"\n+++\nA.\n",
    );
    write(kb.path(), "en/cancel.md", "+++\nquestion = \"Q?\"\n+++\n");
    write(
        kb.path(),
        "site.toml",
        "name = \"M\"\nlocales = [\"de\", \"en\"]\ndefault_locale = \"fr\"\n",
    );
    let d = compile_dir(kb.path(), Some(0)).expect_err("the broken kb compiled");
    let got: Vec<String> = d
        .iter()
        .map(|d| {
            let file = d.file.strip_prefix(kb.path()).unwrap_or(&d.file);
            format!("{}:{}: {}", file.display(), d.line, d.message)
        })
        .collect();
    // Exactly the three problems, each once, in file order; nothing that
    // follows from another (the default locale's entries, say) on top.
    assert_eq!(
        got,
        [
            "de/cancel.md:1: front matter: missing \"question\": add question = \"...\" between the +++ lines",
            "en/cancel.md:4: empty answer: write the answer in Markdown below the closing +++",
            "site.toml:3: default_locale \"fr\" is not in locales [\"de\", \"en\"]",
        ]
    );
}

#[test]
fn an_answer_over_the_size_limit_is_refused_at_its_first_line() {
    use help_widget::compiler::source::MAX_ANSWER_BYTES;
    let d = errors_after(|kb| {
        let body = "Ein Satz mit Wörtern. ".repeat(MAX_ANSWER_BYTES / 20);
        write(
            kb,
            "de/cancel.md",
            &format!("+++\nquestion = \"Q?\"\n+++\n{body}\n"),
        );
    });
    assert_reported(&d, "de/cancel.md", 4, "split it into several entries");
}

#[test]
fn a_word_longer_than_a_search_term_is_refused_at_its_line() {
    let d = errors_after(|kb| {
        let blob = "A".repeat(help_widget::analysis::MAX_WORD_CHARS + 1);
        write(
            kb,
            "de/cancel.md",
            &format!("+++\nquestion = \"Q?\"\n+++\nText.\n\n{blob}\n"),
        );
    });
    assert_reported(&d, "de/cancel.md", 6, "a word of 65 characters");
}

#[test]
fn a_knowledge_base_without_entries_is_an_error() {
    let d = errors_after(|kb| {
        for dir in ["de", "en", "notices"] {
            std::fs::remove_dir_all(kb.join(dir)).unwrap();
        }
    });
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("no entries"), "{}", d[0]);
}

#[cfg(unix)]
#[test]
fn symbolic_links_leaving_the_knowledge_base_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("host.md");
    std::fs::write(&target, "+++\nquestion = \"Secret?\"\n+++\nsecret\n").unwrap();
    let d = errors_after(|kb| {
        std::os::unix::fs::symlink(&target, kb.join("en/host.md")).unwrap();
        std::os::unix::fs::symlink(outside.path(), kb.join("de/elsewhere.md")).unwrap();
    });
    assert_reported(&d, "en/host.md", 0, "outside the knowledge base");
    assert_reported(&d, "de/elsewhere.md", 0, "outside the knowledge base");
    // A link inside the knowledge base is fine.
    let kb = copy_of(&fixture("mini-kb"));
    std::os::unix::fs::symlink(
        kb.path().join("de/cancel.md"),
        kb.path().join("de/kuendigen.md"),
    )
    .unwrap();
    compile_dir(kb.path(), Some(0)).unwrap();
}

#[test]
fn a_site_email_with_extra_headers_or_markup_is_refused_at_its_line() {
    for email in [
        "hilfe@mini.example?bcc=x@evil.example",
        "<b>hilfe</b>@mini.example",
    ] {
        let d = errors_after(|kb| {
            let site = std::fs::read_to_string(kb.join("site.toml")).unwrap();
            write(kb, "site.toml", &site.replace("hilfe@mini.example", email));
        });
        assert_reported(&d, "site.toml", 7, "is not an address like");
    }
}

#[test]
fn a_protocol_relative_contact_url_is_refused_with_the_fix() {
    let d = errors_after(|kb| {
        let site = std::fs::read_to_string(kb.join("site.toml")).unwrap();
        write(
            kb,
            "site.toml",
            &site.replace("https://mini.example", "//mini.example"),
        );
    });
    assert_reported(&d, "site.toml", 8, "write it in full, https://");
}

#[test]
fn remote_images_are_refused_at_their_line_unless_site_toml_allows_them() {
    let image = "+++\nquestion = \"Q?\"\n+++\nText.\n\n![Logo](https://cdn.example/logo.png)\n";
    let d = errors_after(|kb| write(kb, "de/cancel.md", image));
    assert_reported(&d, "de/cancel.md", 6, "allow_remote_images = true");
    let kb = copy_of(&fixture("mini-kb"));
    write(kb.path(), "de/cancel.md", image);
    let site = std::fs::read_to_string(kb.path().join("site.toml")).unwrap();
    write(
        kb.path(),
        "site.toml",
        &site.replace(
            "default_locale",
            "allow_remote_images = true\ndefault_locale",
        ),
    );
    compile_dir(kb.path(), Some(0)).unwrap();
}

#[test]
fn an_id_a_deep_link_cannot_carry_is_refused_at_its_line() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Q?\"\nid = \"de/kündigen\"\n+++\nA.\n",
        )
    });
    assert_reported(
        &d,
        "de/cancel.md",
        3,
        "which a deep link #help/<id> carries",
    );
    let kb = copy_of(&fixture("mini-kb"));
    write(
        kb.path(),
        "en/cancel.md",
        "+++\nquestion = \"Q?\"\nid = \"en/faq.v2\"\n+++\nA.\n",
    );
    compile_dir(kb.path(), Some(0)).unwrap();
}

#[test]
fn a_file_that_fails_to_parse_is_the_only_error_not_the_links_to_it() {
    // de/meter-reading.md relates to de/cancel, whose front matter is broken.
    let d = errors_after(|kb| {
        write(kb, "de/cancel.md", "+++\nquestion = \"Q?\nx\n+++\nA.\n");
    });
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].file.ends_with("de/cancel.md"), "{}", d[0]);
}

#[test]
fn a_duplicate_key_is_named() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Q?\"\ncategory = \"a\"\ncategory = \"b\"\n+++\nA.\n",
        );
    });
    assert_reported(&d, "de/cancel.md", 4, "\"category\" is set twice");
}

#[test]
fn an_escape_sequence_in_a_link_is_printed_escaped_on_one_line() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Q?\"\n+++\n[x](<javascript:%0A\u{1b}]0;pwned\u{7}>)\n",
        );
    });
    let shown: Vec<String> = d.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(!shown[0].chars().any(char::is_control), "{shown:?}");
    // The raw ESC is refused where it stands, named, not printed.
    assert!(
        shown[0].contains("de/cancel.md:4: control character U+001B"),
        "{shown:?}"
    );
}

/// The mini fixture with `tail` appended to its site.toml (line 9 onwards).
fn errors_in_site_tail(tail: &str) -> Vec<Diagnostic> {
    errors_after(|kb| {
        let site = std::fs::read_to_string(kb.join("site.toml")).unwrap();
        write(kb, "site.toml", &format!("{site}{tail}"));
    })
}

#[test]
fn every_wrong_featured_id_is_reported_at_its_line_in_site_toml() {
    let d = errors_in_site_tail(
        "[home.de]\nfeatured = [\n  \"de/cancel\",\n  \"de/nope\",\n  \"en/cancel\",\n  \"meter-reading\",\n  \"de/cancel\",\n]\n",
    );
    assert_reported(&d, "site.toml", 12, "unknown id \"de/nope\"");
    assert_reported(
        &d,
        "site.toml",
        13,
        "\"en/cancel\" is an entry of locale \"en\"",
    );
    assert_reported(&d, "site.toml", 14, "did you mean \"de/meter-reading\"");
    assert_reported(&d, "site.toml", 15, "lists \"de/cancel\" twice");
    assert_eq!(d.len(), 4, "{d:?}");
}

#[test]
fn a_home_for_an_unknown_locale_is_reported_at_its_table() {
    let d = errors_in_site_tail("\n[home.fr]\ngreeting = \"Bonjour\"\n");
    assert_reported(&d, "site.toml", 10, "unknown locale \"fr\"");
}

#[test]
fn a_long_or_broken_greeting_is_reported_at_its_line() {
    let long = "Willkommen! ".repeat(11);
    let d = errors_in_site_tail(&format!(
        "[home.de]\ngreeting = \"{long}\"\n[home.en]\ngreeting = \"\"\"\nHello\nthere\"\"\"\n"
    ));
    assert_reported(&d, "site.toml", 10, "more than 120");
    assert_reported(&d, "site.toml", 12, "line break");
}

#[test]
fn an_empty_long_or_broken_search_placeholder_is_reported_at_its_line() {
    let long = "Suchen ".repeat(7);
    let d = errors_in_site_tail(&format!(
        "[home.de]\nplaceholder = \"{long}\"\n[home.en]\nplaceholder = \" \"\n"
    ));
    assert_reported(&d, "site.toml", 10, "more than 40");
    assert_reported(&d, "site.toml", 12, "placeholder is empty");
    assert_eq!(d.len(), 2, "{d:?}");
}

#[test]
fn a_search_placeholder_compiles_into_the_bundle_per_locale() {
    let kb = copy_of(&fixture("mini-kb"));
    let site = std::fs::read_to_string(kb.path().join("site.toml")).unwrap();
    write(
        kb.path(),
        "site.toml",
        &format!("{site}[home.de]\nplaceholder = \"Suchbegriff\"\n"),
    );
    let bytes = compile_dir(kb.path(), Some(0)).unwrap().bytes;
    let bundle = help_widget::engine::Bundle::open_verified(&bytes).unwrap();
    let home = bundle.locale(0).unwrap().home.clone().unwrap();
    assert_eq!((home.placeholder, home.greeting), ("Suchbegriff", ""));
}

#[test]
fn a_greeting_and_featured_entries_compile_into_the_bundle() {
    let kb = copy_of(&fixture("mini-kb"));
    let site = std::fs::read_to_string(kb.path().join("site.toml")).unwrap();
    write(
        kb.path(),
        "site.toml",
        &format!("{site}[home.de]\ngreeting = \"Hallo!\"\nfeatured = [\"de/meter-reading\", \"de/cancel\"]\n"),
    );
    let bytes = compile_dir(kb.path(), Some(0)).unwrap().bytes;
    let bundle = help_widget::engine::Bundle::open_verified(&bytes).unwrap();
    let home = bundle.locale(0).unwrap().home.clone().unwrap();
    assert_eq!(home.greeting, "Hallo!");
    let ids: Vec<String> = home
        .featured
        .iter()
        .map(|&n| bundle.doc(n).unwrap().id.into_owned())
        .collect();
    assert_eq!(ids, ["de/meter-reading", "de/cancel"]);
    assert!(
        bundle.locale(1).unwrap().home.is_none(),
        "en has no [home.en]"
    );
}

#[test]
fn every_wrong_person_phrase_is_reported_at_its_line_in_site_toml() {
    let long = "bitte verbinden Sie mich mit einem echten Menschen am Telefon jetzt";
    let d = errors_in_site_tail(&format!(
        "[person]\nde = [\n  \"mitarbeiter\",\n  \"  \",\n  \"{long}\",\n  \"?!\",\n]\nfr = [\"conseiller\"]\n"
    ));
    assert_reported(&d, "site.toml", 12, "empty phrase");
    assert_reported(&d, "site.toml", 13, "more than 60");
    assert_reported(&d, "site.toml", 14, "no words");
    assert_reported(&d, "site.toml", 16, "unknown locale \"fr\"");
    assert_eq!(d.len(), 4, "{d:?}");
}

#[test]
fn person_phrases_compile_into_the_bundle_for_their_locale_only() {
    let kb = copy_of(&fixture("mini-kb"));
    let site = std::fs::read_to_string(kb.path().join("site.toml")).unwrap();
    write(
        kb.path(),
        "site.toml",
        &format!("{site}[person]\nde = [\" Störungsstelle \", \"jemand echtes\"]\n"),
    );
    let bytes = compile_dir(kb.path(), Some(0)).unwrap().bytes;
    let bundle = help_widget::engine::Bundle::open_verified(&bytes).unwrap();
    assert_eq!(
        bundle.locale(0).unwrap().person,
        Some(vec!["Störungsstelle", "jemand echtes"])
    );
    assert_eq!(
        bundle.locale(1).unwrap().person,
        None,
        "en keeps the defaults"
    );
}

/// mini-kb's site.toml with `logo = <value>` on its line 2.
fn with_logo(kb: &Path, value: &str) {
    let site = std::fs::read_to_string(kb.join("site.toml")).unwrap();
    let (first, rest) = site.split_once('\n').unwrap();
    write(kb, "site.toml", &format!("{first}\nlogo = {value}\n{rest}"));
}

#[test]
fn a_logo_that_is_missing_of_another_type_too_big_or_outside_the_kb_is_reported_at_its_line() {
    for (value, setup, words) in [
        ("\"logo.svg\"", None, "there is no such file"),
        (
            "\"logo.gif\"",
            Some(("logo.gif", 10)),
            "a logo must be one of svg, png",
        ),
        (
            "\"big.png\"",
            Some(("big.png", 70 * 1024)),
            "over the 64 kB",
        ),
        ("\"../logo.svg\"", None, "name a file inside the kb folder"),
        (
            "\"/etc/hostname\"",
            None,
            "name a file inside the kb folder",
        ),
    ] {
        let d = errors_after(|kb| {
            if let Some((name, size)) = setup {
                write(kb, name, &"x".repeat(size));
            }
            with_logo(kb, value);
        });
        assert_reported(&d, "site.toml", 2, words);
    }
}

#[test]
fn a_logo_in_the_kb_compiles_and_may_sit_in_its_root() {
    let kb = copy_of(&fixture("mini-kb"));
    write(
        kb.path(),
        "logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    with_logo(kb.path(), "\"logo.svg\"");
    let compiled = compile_dir(kb.path(), Some(0)).expect("a kb with a logo compiles");
    assert!(compiled.kb.site.logo.unwrap().ends_with("logo.svg"));
}

#[test]
fn an_svg_logo_with_a_script_handler_foreign_object_or_external_reference_is_refused_at_its_lines()
{
    let d = errors_after(|kb| {
        write(
            kb,
            "logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">\n<script>alert(document.domain)</script>\n<foreignObject><p>x</p></foreignObject>\n<image href=\"https://tracker.example/p.png\"/>\n</svg>\n",
        );
        with_logo(kb, "\"logo.svg\"");
    });
    assert_reported(&d, "logo.svg", 1, "event handler onload");
    assert_reported(&d, "logo.svg", 2, "<script>");
    assert_reported(&d, "logo.svg", 3, "<foreignobject>");
    assert_reported(&d, "logo.svg", 4, "refers to another file or site");
    assert!(
        !d.iter().any(|x| x.message.contains("unexpected file")),
        "the refused logo is no stray file: {d:?}"
    );
}

#[test]
fn a_site_toml_error_adds_no_stray_logo_error() {
    for broken in ["name = \"\"\n", "name = \"unclosed\n"] {
        let d = errors_after(|kb| {
            write(
                kb,
                "logo.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            );
            with_logo(kb, "\"logo.svg\"");
            let site = std::fs::read_to_string(kb.join("site.toml")).unwrap();
            let (_, rest) = site.split_once('\n').unwrap();
            write(kb, "site.toml", &format!("{broken}{rest}"));
        });
        assert!(
            !d.iter().any(|x| x.file.ends_with("logo.svg")),
            "{broken}: {d:?}"
        );
        assert_reported(&d, "site.toml", 1, "");
    }
}

#[test]
fn a_logo_in_a_subfolder_is_no_unknown_locale() {
    let kb = copy_of(&fixture("mini-kb"));
    std::fs::create_dir(kb.path().join("images")).unwrap();
    write(
        kb.path(),
        "images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    with_logo(kb.path(), "\"images/logo.svg\"");
    let compiled = compile_dir(kb.path(), Some(0)).expect("a logo in a subfolder compiles");
    assert!(compiled.kb.site.logo.unwrap().ends_with("images/logo.svg"));
    write(kb.path(), "images/notes.txt", "x");
    let d = compile_dir(kb.path(), Some(0)).unwrap_err();
    assert_reported(&d, "images/notes.txt", 0, "unexpected file beside the logo");
    assert!(
        !d.iter().any(|x| x.message.contains("unknown locale")),
        "{d:?}"
    );
}

#[test]
fn control_characters_raw_or_escaped_are_refused_at_their_line() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            "+++\nquestion = \"Kündigen?\"\n+++\nText mit\u{0}NUL.\nUnd \u{1b}[31mfarbig.\n",
        );
        write(
            kb,
            "de/meter-reading.md",
            "+++\nquestion = \"Zähler\\u0007stand?\"\n+++\nText.\n",
        );
    });
    assert_reported(
        &d,
        "de/cancel.md",
        4,
        "control character U+0000 at column 9",
    );
    assert_reported(&d, "de/cancel.md", 5, "control character U+001B");
    assert_reported(&d, "de/meter-reading.md", 2, "control character U+0007");
}

#[test]
fn a_huge_entry_file_is_refused_before_it_is_read() {
    let d = errors_after(|kb| {
        let f = std::fs::File::create(kb.join("de/huge.md")).unwrap();
        f.set_len(2 << 30).unwrap(); // 2 GB, sparse: reading it would take 2 GB
    });
    assert_reported(
        &d,
        "de/huge.md",
        0,
        "more than the 64 kB an entry or notice file may have, and was not read",
    );
}

#[test]
fn front_matter_over_its_limits_is_reported_at_its_lines() {
    let aliases: Vec<String> = (0..101).map(|i| format!("\"alias {i}\"")).collect();
    let tags: Vec<String> = (0..51).map(|i| format!("\"t{i}\"")).collect();
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            &format!(
                "+++\nquestion = \"{}?\"\naliases = [{}]\ntags = [{}]\nrelated = [\"de/meter-reading\", \"de/meter-reading\"]\n+++\nText.\n",
                "Frage ".repeat(100),
                aliases.join(", "),
                tags.join(", ")
            ),
        );
        write(
            kb,
            "de/meter-reading.md",
            &format!(
                "+++\nquestion = \"Zähler?\"\naliases = [\"{}\"]\n+++\nText.\n",
                "lang ".repeat(50)
            ),
        );
    });
    assert_reported(&d, "de/cancel.md", 2, "more than 500");
    assert_reported(&d, "de/cancel.md", 3, "101 aliases, more than 100");
    assert_reported(&d, "de/cancel.md", 4, "51 tags, more than 50");
    assert_reported(
        &d,
        "de/cancel.md",
        5,
        "related lists \"de/meter-reading\" twice",
    );
    assert_reported(&d, "de/meter-reading.md", 3, "an alias of 250 characters");
}

#[test]
fn front_matter_of_megabytes_is_refused_without_parsing_it() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            &format!(
                "+++\nquestion = \"Kündigen?\"\n# {}\n+++\nText.\n",
                "ab ".repeat(7_000)
            ),
        );
    });
    assert_reported(
        &d,
        "de/cancel.md",
        2,
        "the front matter is 21 kB, more than the 16 kB",
    );
}

#[test]
fn markdown_that_nests_or_amplifies_is_refused() {
    let d = errors_after(|kb| {
        write(
            kb,
            "de/cancel.md",
            &format!(
                "+++\nquestion = \"Kündigen?\"\n+++\n{}Tief.\n",
                "> ".repeat(40)
            ),
        );
        // Many short reference links: each 8-byte use becomes an element with the URL.
        let uses = "[a] ".repeat(7_000);
        write(
            kb,
            "de/meter-reading.md",
            &format!(
                "+++\nquestion = \"Zähler?\"\n+++\n{uses}\n\n[a]: /hilfe/ein/ziemlich/langer/pfad/zur/seite\n"
            ),
        );
    });
    assert_reported(&d, "de/cancel.md", 4, "nest 41 levels deep, more than 32");
    assert_reported(&d, "de/meter-reading.md", 4, "kB of HTML, more than 128 kB");
}

#[test]
fn too_many_synonym_groups_channels_closures_or_notices_are_refused() {
    let d = errors_after(|kb| {
        let groups: String = (0..5_001)
            .map(|i| format!("[\"w{i}a\", \"w{i}b\"],\n"))
            .collect();
        write(
            kb,
            "synonyms.toml",
            &format!("[de]\ngroups = [\n{groups}]\n"),
        );
        let mut hotline = String::from("zone = \"Europe/Berlin\"\n");
        for i in 0..51 {
            hotline.push_str(&format!("\n[[channels]]\nid = \"c{i}\"\nkind = \"phone\"\nlabel = \"Telefon\"\nhref = \"tel:+4930{i}\"\nhours = \"Mo-Fr 08:00-18:00\"\n"));
        }
        write(kb, "hotline.toml", &hotline);
        for i in 0..101 {
            write(
                kb,
                &format!("notices/n{i:03}.md"),
                "+++\nlocale = \"de\"\ntitle = \"Wartung\"\nfrom = \"2026-11-01T08:00:00+01:00\"\nuntil = \"2026-11-02T08:00:00+01:00\"\n+++\nText.\n",
            );
        }
    });
    assert_reported(
        &d,
        "synonyms.toml",
        5_003,
        "5001 synonym groups, more than 5000",
    );
    assert_reported(
        &d,
        "hotline.toml",
        2 + 50 * 7 + 1,
        "51 channels, more than 50",
    );
    assert_reported(&d, "notices/n099.md", 1, "102 notices, more than 100");
}

#[test]
fn more_closures_than_the_limit_are_refused_at_the_first_one_over_it() {
    let d = errors_after(|kb| {
        let mut hotline = String::from("zone = \"Europe/Berlin\"\n\n[[channels]]\nid = \"phone\"\nkind = \"phone\"\nlabel = \"Telefon\"\nhref = \"tel:+49301\"\nhours = \"Mo-Fr 08:00-18:00\"\n");
        for _ in 0..1_001 {
            hotline.push_str(
                "\n[[closures]]\nfrom = 2026-12-28\nuntil = 2026-12-28\nreason = \"Inventur\"\n",
            );
        }
        write(kb, "hotline.toml", &hotline);
    });
    assert_reported(
        &d,
        "hotline.toml",
        9 + 1_000 * 5 + 1,
        "1001 closures, more than 1000",
    );
}

#[test]
fn a_file_name_that_is_not_a_slug_is_refused_with_the_slug_to_use() {
    let d = errors_after(|kb| {
        write(kb, "de/Café Crème.md", "+++\nquestion = \"Q?\"\n+++\nA.\n");
    });
    assert_reported(&d, "de/Café Crème.md", 0, "e.g. \"cafe-creme\"");
}
