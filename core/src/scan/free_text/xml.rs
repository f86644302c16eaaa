//! Secrets in XML elements of free text: SOAP bodies and WS-Security headers in log lines and
//! exception messages name them by element, not by `key=value`:
//! `<Password>hunter2</Password>`, `<wsse:Password Type="…#PasswordText">x</wsse:Password>`,
//! `<api_key><![CDATA[x]]></api_key>`. An element whose (local) name names a secret, read as
//! `secret_kv` reads a key, has its text content reported when its end tag follows it; so does
//! a content of four or more bytes without blanks or brackets that runs to the end of the text
//! (a truncated log line must not leak it). An element that holds other elements, is empty or
//! holds a placeholder is not reported, nor is a placeholder in prose (`Usage: login <user>
//! <password>`, `Bearer <token> (the scheme is kept)`).
//!
//! The pass needs a `<`, which the matcher's byte scans note as they go. It moves forward only
//! and looks at bounded windows: linear in the text.

use crate::rules::vocabulary::{is_placeholder, key_names_secret};

/// The longest element name read.
const MAX_NAME: usize = 64;

/// Reports the byte range of each secret element content in `hay` to `found`. `first` is
/// where the first `<` is.
pub(crate) fn find(hay: &[u8], first: usize, found: &mut dyn FnMut(usize, usize)) {
    let mut from = first;
    let mut tail = Tail::new();
    while let Some(lt) = memchr::memchr(b'<', &hay[from..]).map(|i| from + i) {
        from = lt + 1;
        let Some((name, content)) = start_tag(hay, lt) else {
            continue;
        };
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        if !key_names_secret(local) {
            continue;
        }
        let standalone = tag_stands_alone(hay, lt);
        if let Some((start, end)) = text_content(hay, content, name, standalone, &mut tail) {
            found(start, end);
            from = end;
        }
    }
}

/// The name of the start tag at `lt` and where its content begins, when it is one: a letter or
/// `_`, name bytes, then `>` or blank-separated attributes and `>` (not `/>`, an empty element).
fn start_tag(hay: &[u8], lt: usize) -> Option<(&[u8], usize)> {
    let first = *hay.get(lt + 1)?;
    // A regex's named group, `(?P<secret>…)`, `(?<secret>…)`, is no element.
    let group = hay[..lt].ends_with(b"?") || hay[..lt].ends_with(b"?P");
    if group || !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let name_end = (lt + 1..hay.len().min(lt + 2 + MAX_NAME)).find(|&i| {
        !(hay[i].is_ascii_alphanumeric() || matches!(hay[i], b'_' | b'-' | b'.' | b':'))
    })?;
    let name = &hay[lt + 1..name_end];
    if name.len() > MAX_NAME {
        return None;
    }
    match hay[name_end] {
        b'>' => Some((name, name_end + 1)),
        b' ' | b'\t' | b'\r' | b'\n' => {
            // Attributes run to the tag's `>`, however long (a window of bytes would reach it
            // only once secrets among them were masked, and a second pass would find more).
            // The search stops at the next `<` too, where the next tag's search begins: the
            // searches never overlap, so the pass stays linear.
            let window = &hay[name_end..];
            let gt = memchr::memchr2(b'>', b'<', window).filter(|&i| window[i] == b'>')?;
            (window[gt - 1] != b'/').then_some((name, name_end + gt + 1))
        }
        _ => None,
    }
}

/// What the pass learns once about the end of the text, so that no element reads on to the
/// end twice (a text of many unterminated sections would otherwise take quadratic time).
struct Tail {
    /// Where a CDATA section was found without its end: none after it has one either.
    unclosed_cdata: usize,
    /// Where the last run of bytes without blanks or brackets begins (found on first use).
    clean_from: Option<usize>,
}

impl Tail {
    fn new() -> Tail {
        Tail {
            unclosed_cdata: usize::MAX,
            clean_from: None,
        }
    }

    /// Whether `hay[start..]` holds no blank and no bracket.
    fn clean(&mut self, hay: &[u8], start: usize) -> bool {
        let from = *self.clean_from.get_or_insert_with(|| {
            hay.iter()
                .rposition(|b| b.is_ascii_whitespace() || b"()[]{}".contains(b))
                .map_or(0, |i| i + 1)
        });
        start >= from
    }
}

/// Whether the `<` at `lt` can open an element of its own: anywhere but right after a name,
/// path or userinfo byte. There it is a template's placeholder (`/bot<string:token>/webhook`,
/// `ftp://user:<password>@host`), whose text after it is no element content unless an end tag
/// closes it.
fn tag_stands_alone(hay: &[u8], lt: usize) -> bool {
    lt == 0 || {
        let prev = hay[lt - 1];
        !(prev.is_ascii_alphanumeric()
            || matches!(prev, b'/' | b':' | b'_' | b'-' | b'.' | b'@' | b'%'))
    }
}

/// The text content of element `name` that starts at `at`: up to the next tag, or inside a
/// CDATA section; then the end tag `</name` must follow, or the content run to the end of the
/// text with four bytes or more and no blank or bracket (a truncated line), when the tag stands
/// alone (see [`tag_stands_alone`]). `None` when it is
/// blank (the element holds other elements) or a placeholder.
fn text_content(
    hay: &[u8],
    at: usize,
    name: &[u8],
    standalone: bool,
    tail: &mut Tail,
) -> Option<(usize, usize)> {
    const CDATA: &[u8] = b"<![CDATA[";
    let (start, end, after) = if hay[at..].starts_with(CDATA) {
        let start = at + CDATA.len();
        let section_end = match start < tail.unclosed_cdata {
            true => memchr::memmem::find(&hay[start..], b"]]>"),
            false => None,
        };
        match section_end {
            Some(i) => (start, start + i, start + i + 3),
            None => {
                tail.unclosed_cdata = tail.unclosed_cdata.min(start);
                (start, hay.len(), hay.len())
            }
        }
    } else {
        let end = memchr::memchr(b'<', &hay[at..]).map_or(hay.len(), |i| at + i);
        (at, end, end)
    };
    let closed = hay[after..]
        .strip_prefix(b"</")
        .is_some_and(|rest| rest.starts_with(name));
    // Read to the end: checked against the clean tail first, so the value is only looked at
    // when it lies in it (one element at most).
    let cdata = hay[at..].starts_with(CDATA);
    let mut truncated = || {
        (standalone || cdata)
            && after == hay.len()
            && end - start >= 4
            && tail.clean(hay, start)
            && hay[start..end].iter().any(u8::is_ascii_alphanumeric)
    };
    if !(closed || truncated()) {
        return None;
    }
    let value = &hay[start..end];
    let blank = value.iter().all(u8::is_ascii_whitespace);
    (!blank && !is_placeholder(value.trim_ascii())).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        if let Some(first) = text.find('<') {
            find(text.as_bytes(), first, &mut |s, e| spans.push((s, e)));
        }
        spans.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn elements_that_name_secrets() {
        assert_eq!(
            contents("<login><user>bob</user><Password>hunter2</Password></login>"),
            ["hunter2"]
        );
        assert_eq!(
            contents(
                r#"<wsse:UsernameToken><wsse:Username>bob</wsse:Username><wsse:Password Type="https://x/#PasswordText">S3cret!</wsse:Password></wsse:UsernameToken>"#
            ),
            ["S3cret!"]
        );
        assert_eq!(contents("<api_key><![CDATA[k<1>]]></api_key>"), ["k<1>"]);
        assert_eq!(contents("fault: <token>abc123"), ["abc123"], "truncated");
    }

    #[test]
    fn other_elements_stay() {
        assert!(contents("<password/><token></token><password>  </password>").is_empty());
        assert!(contents("<Password><Value>x</Value></Password>").is_empty());
        assert!(contents("<password>[REDACTED:secret_kv]</password>").is_empty());
        assert!(contents(
            "<key>cache-1</key><td>password</td><password_policy>strict</password_policy>"
        )
        .is_empty());
        assert!(contents("a < b and x<password").is_empty());
        assert!(contents("Usage: login <user> <password> [--token <token>]").is_empty());
        assert!(contents("`Bearer <token>` (the scheme is kept)").is_empty());
        assert!(contents("pin=(?P<secret>[0-9]{4,6}) (?<token>x)").is_empty());
        assert!(
            contents("<password>x</passwd>").is_empty(),
            "another element ends it"
        );
        assert!(contents("<tokenType>bearer</tokenType><secretName>db</secretName>").is_empty());
    }
}
