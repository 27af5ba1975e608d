//! A value from the manifest, an evidence file, a command or git, made inert
//! inside markdown (GitHub-flavoured: the report is for
//! `$GITHUB_STEP_SUMMARY`, pull-request comments and chat). Every value the
//! markdown report interpolates goes through [`escape`]:
//!
//! - unsafe characters are removed ([`super::clean`]) and every line feed,
//!   carriage return or tab becomes a space, so a value never opens a new
//!   block (a heading, a list, a table row);
//! - a word that GitHub would turn into a link or a notification — one
//!   holding `@` (mentions, `@everyone`, `@org/team`, e-mail autolinks),
//!   `#` (issue references), `GH-` and a number (GitHub's other issue
//!   reference), `://`, `www.`, `mailto:` or `xmpp:` (autolinks), or a
//!   commit-like run of 7 to 40 hex digits — is written as a code span,
//!   where GitHub neither links nor mentions;
//! - everywhere else the characters that build markup are backslash-escaped:
//!   `` \ ` * _ ~ [ ] < | & $ `` — no link, image, autolink, raw HTML,
//!   entity (`&#64;`), emphasis, table cell or math (`$\huge…$`, which GitHub
//!   renders) can start inside a value (`(`, `!` and `>` stay readable: a
//!   link or an image needs the escaped brackets).

use super::clean;

/// `text` safe to interpolate into a markdown line or table cell.
pub fn escape(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (k, word) in text.split(char::is_whitespace).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if word.is_empty() {
            continue;
        }
        if references(word) {
            // The reference alone in code; the punctuation around it stays
            // text: `(@bob),` is `(`@bob`),` no more.
            let open: &[char] = &['(', '[', '{', '<', '"', '\''];
            let close: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '"', '\''];
            let rest = word.trim_start_matches(open);
            let before = &word[..word.len() - rest.len()];
            let core = rest.trim_end_matches(close);
            let after = &rest[core.len()..];
            plain(before, &mut out);
            code_span(core, &mut out);
            plain(after, &mut out);
        } else {
            plain(word, &mut out);
        }
    }
    out
}

/// `text` with the characters that build markup backslash-escaped: `[` and
/// `]` (links and images need both), `<` (raw HTML, autolinks), `&`
/// (entities such as `&#64;`), `|` (table cells), `$` (math), `\`,
/// `` ` ``, `*`, `_` and `~` (code and emphasis). `(`, `)`, `!` and `>`
/// stay readable: without a bracket they build nothing inside a line.
fn plain(text: &str, out: &mut String) {
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '|' | '&' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Whether GitHub could make `word` a link, a reference or a mention.
fn references(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    word.contains(['@', '#'])
        || ["://", "www.", "mailto:", "xmpp:"]
            .iter()
            .any(|p| lower.contains(p))
        || gh_reference(&lower)
        || commit_like(word)
}

/// `GH-` and a digit, anywhere in the word: GitHub links `GH-26` to issue 26.
fn gh_reference(lower: &str) -> bool {
    lower
        .match_indices("gh-")
        .any(|(i, _)| lower[i + 3..].starts_with(|c: char| c.is_ascii_digit()))
}

/// 7 to 40 hex digits with at least one digit (an abbreviated commit id).
fn commit_like(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    (7..=40).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_hexdigit())
        && word.chars().any(|c| c.is_ascii_digit())
}

/// `word` as a code span: a fence longer than any run of backticks in it,
/// padded when it begins or ends with one; `|` escaped for table cells.
fn code_span(word: &str, out: &mut String) {
    let mut longest = 0;
    let mut run = 0;
    for c in word.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if word.starts_with('`') || word.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&fence);
    out.push_str(pad);
    out.push_str(&word.replace('|', "\\|"));
    out.push_str(pad);
    out.push_str(&fence);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_images_and_html_are_escaped() {
        assert_eq!(
            escape("[x](javascript:alert(1)) ![i](t.png) <img src=x> a|b *c* &#64;"),
            "\\[x\\](javascript:alert(1)) !\\[i\\](t.png) \\<img src=x> a\\|b \\*c\\* `&#64`;"
        );
    }

    #[test]
    fn mentions_references_and_autolinks_become_code() {
        assert_eq!(escape("ping @everyone"), "ping `@everyone`");
        assert_eq!(
            escape("see #12 and org/repo#3"),
            "see `#12` and `org/repo#3`"
        );
        assert_eq!(
            escape("at https://evil.example/x www.evil.example a@b.example"),
            "at `https://evil.example/x` `www.evil.example` `a@b.example`"
        );
        assert_eq!(escape("commit 1a2b3c4d"), "commit `1a2b3c4d`");
        assert_eq!(
            escape("(seed 706a94caf72a71d5), (@bob)."),
            "(seed `706a94caf72a71d5`), (`@bob`)."
        );
        assert_eq!(escape("`@x` |y@z"), "`` `@x` `` `\\|y@z`");
        assert_eq!(escape("see GH-12, (gh-3)"), "see `GH-12`, (`gh-3`)");
        assert_eq!(escape("GH-x stays"), "GH-x stays");
    }

    #[test]
    fn math_cannot_start() {
        assert_eq!(
            escape("$\\huge{OK}$ and $$x$$"),
            "\\$\\\\huge{OK}\\$ and \\$\\$x\\$\\$"
        );
    }

    #[test]
    fn a_value_never_opens_a_block() {
        assert_eq!(escape("a\n\n# h\r\n- [l](u)"), "a  `#` h - \\[l\\](u)");
    }

    #[test]
    fn plain_words_stay_readable() {
        assert_eq!(
            escape("API v2.1.0 done: 3/4 — 75%"),
            "API v2.1.0 done: 3/4 — 75%"
        );
    }
}
