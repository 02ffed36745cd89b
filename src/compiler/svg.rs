//! What an SVG logo may hold. In the panel it is an inert `<img>`, but
//! opened by its URL it is a document of the site's origin: a script or an
//! event handler in it would run there, and an external reference would
//! make every visitor's browser contact another site. Such a logo is
//! refused, each problem with its line, rather than rewritten: a logo is
//! drawn once and exported again without them.
//!
//! A scanner, not a full XML parser: it reads tags and their attributes,
//! and refuses what it cannot read plainly (a DOCTYPE or entities,
//! processing instructions other than `<?xml …?>`), so nothing hides from it.

/// Elements that run script, embed other documents or link elsewhere.
const ELEMENTS: [&str; 8] = [
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "a",
    "handler",
    "listener",
];

/// Attributes naming another resource.
const REFERENCES: [&str; 4] = ["href", "xlink:href", "src", "xml:base"];

/// Every problem of `svg`, as (line, what is wrong and how to fix it).
pub fn problems(svg: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let line = |at: usize| svg[..at].matches('\n').count() + 1;
    let lower = svg.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut i = 0;
    let mut in_style = false;
    while let Some(off) = lower[i..].find('<') {
        let at = i + off;
        let rest = &lower[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(lower.len(), |e| at + e + 3);
            continue;
        }
        if rest.starts_with("<![cdata[") {
            let end = rest.find("]]>").map_or(lower.len(), |e| at + e + 3);
            if in_style {
                css(&svg[at..end], line(at), &mut out);
            }
            i = end;
            continue;
        }
        if in_style && !rest.starts_with("</") {
            i = at + 1;
            continue;
        }
        if rest.starts_with("<!") {
            out.push((line(at), "a DOCTYPE or entity declaration in the logo: entities can hide content; export the SVG without them".into()));
            // The whole declaration, its internal subset included.
            let subset = rest
                .find('[')
                .filter(|&b| rest.find('>').is_some_and(|g| b < g));
            i = match subset {
                Some(_) => rest.find("]>").map_or(lower.len(), |e| at + e + 2),
                None => rest.find('>').map_or(lower.len(), |e| at + e + 1),
            };
            continue;
        }
        if rest.starts_with("<?") {
            if !rest.starts_with("<?xml ") && !rest.starts_with("<?xml?") {
                out.push((line(at), "a processing instruction (such as xml-stylesheet) in the logo: it loads other files; export the SVG without it".into()));
            }
            i = rest.find("?>").map_or(lower.len(), |e| at + e + 2);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = at + if closing { 2 } else { 1 };
        let mut j = name_start;
        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !b"/>".contains(&bytes[j]) {
            j += 1;
        }
        let name = &lower[name_start..j];
        let local = name.rsplit(':').next().unwrap_or(name);
        if closing {
            if local == "style" {
                in_style = false;
            }
            i = j;
            continue;
        }
        if ELEMENTS.contains(&local) {
            out.push((line(at), format!("<{name}> in the logo: a logo opened by its URL would run or load it at your site; export the SVG without {}", if local == "a" { "links" } else { "scripts, embedded documents or links" })));
        }
        // Attributes up to the end of the tag.
        let (end, attrs) = attributes(svg, j);
        for (a_at, a_name, value) in attrs {
            let a_lower = a_name.to_ascii_lowercase();
            let v = value.trim().to_ascii_lowercase();
            if a_lower.starts_with("on") {
                out.push((line(a_at), format!("event handler {a_name}=\"…\" in the logo: it would run as a script; remove the attribute")));
            } else if REFERENCES.contains(&a_lower.as_str()) && !v.starts_with('#') {
                out.push((line(a_at), format!("{a_name}=\"{}\" in the logo refers to another file or site: only references inside the SVG (#id) may stay; embed or remove it", preview(&value))));
            } else if a_lower == "style" {
                css(&value, line(a_at), &mut out);
            } else if matches!(local, "set" | "animate")
                && a_lower == "attributename"
                && (v.ends_with("href") || v.starts_with("on"))
            {
                out.push((line(a_at), format!("<{name} attributeName=\"{value}\"> in the logo changes a link or handler; remove the animation")));
            } else if v.contains("javascript:") || (v.contains("url(") && !v.contains("url(#")) {
                out.push((line(a_at), format!("{a_name}=\"{}\" in the logo refers to another file or a script: use url(#id) inside the SVG, or remove it", preview(&value))));
            }
        }
        if local == "style" && !svg[at..end].trim_end().ends_with("/>") {
            in_style = true;
            // The style text up to </style> (outside CDATA) is checked here.
            let close = lower[end..].find("</").map_or(lower.len(), |e| end + e);
            let text = &svg[end..close];
            if !text.contains("<![CDATA[") {
                css(text, line(end), &mut out);
            }
        }
        i = end.max(at + 1);
    }
    out
}

/// Checks style text at `first_line` for imports and external `url(…)`.
fn css(text: &str, first_line: usize, out: &mut Vec<(usize, String)>) {
    let lower = text.to_ascii_lowercase();
    for (k, l) in lower.lines().enumerate() {
        let compact: String = l.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.contains("@import") {
            out.push((
                first_line + k,
                "@import in the logo's style: it loads another file; put the rules in the SVG"
                    .into(),
            ));
        }
        let external = compact.match_indices("url(").any(|(p, _)| {
            !compact[p + 4..]
                .trim_start_matches(['"', '\''])
                .starts_with('#')
        });
        if external || compact.contains("javascript:") {
            out.push((first_line + k, "url(…) in the logo's style refers to another file or site: only url(#id) inside the SVG may stay".into()));
        }
    }
}

/// The attributes of the tag whose name ends at `from`: (end of the tag,
/// [(offset, name, value)]). Values are as written, without quotes.
fn attributes(svg: &str, from: usize) -> (usize, Vec<(usize, &str, String)>) {
    let b = svg.as_bytes();
    let mut i = from;
    let mut out = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (b.len(), out);
        }
        if b[i] == b'>' {
            return (i + 1, out);
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !b"=/>".contains(&b[i]) {
            i += 1;
        }
        let name = &svg[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let v0 = i + 1;
                i = v0;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = decode(&svg[v0..i.min(b.len())]);
                i = (i + 1).min(b.len());
            } else {
                let v0 = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode(&svg[v0..i]);
            }
        }
        if name.is_empty() {
            i += 1;
            continue;
        }
        out.push((start, name, value));
    }
}

/// Character references in an attribute value, decoded: `&#106;avascript:`
/// is `javascript:`.
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let Some(end) = tail.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn preview(value: &str) -> String {
    let v: String = value.chars().take(40).collect();
    if v.len() < value.len() {
        format!("{v}…")
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(svg: &str) -> Vec<usize> {
        problems(svg).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn a_plain_logo_with_internal_references_is_accepted() {
        let svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n<defs><linearGradient id=\"g\"/><style>.a{fill:url(#g)}</style></defs>\n<!-- <script> in a comment -->\n<use xlink:href=\"#g\"/><rect class=\"a\" style=\"fill:url(#g)\" width=\"10\" height=\"10\"/>\n</svg>\n";
        assert_eq!(problems(svg), []);
    }

    #[test]
    fn scripts_handlers_foreign_objects_and_external_references_are_refused_at_their_lines() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">\n<script>alert(document.cookie)</script>\n<foreignObject><div/></foreignObject>\n<image href=\"https://tracker.example/p.png\"/>\n<svg:script/>\n<a xlink:href=\"&#106;avascript:alert(1)\"><text>x</text></a>\n<style>@import url(https://x.example/a.css);</style>\n<rect ONCLICK=\"x()\" style=\"fill:url( 'https://x.example/f.svg#a')\"/>\n<set attributeName=\"href\" to=\"javascript:alert(1)\"/>\n</svg>";
        assert_eq!(lines(svg), [1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    }

    #[test]
    fn entities_and_stylesheet_instructions_are_refused() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x \"<script>\">]>\n<?xml-stylesheet href=\"https://x.example/a.css\"?>\n<svg/>";
        assert_eq!(lines(svg), [2, 3]);
    }
}
