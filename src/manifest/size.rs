//! How big a manifest is in TOML's own units, counted before it is parsed
//! (`docs/manifest.md`, "Limits"): a parsed manifest takes memory by its
//! tokens (every key, value and mark) and its tables (each `[[task]]`,
//! inline table or dotted key), not by its bytes, so 64 MiB of `1,` or of
//! `{},` would take many gigabytes. The count streams through the `toml`
//! crate's own lexer (`toml_parser`) in constant memory; over a limit the
//! manifest is refused with the place where it was crossed.

use std::ops::Range;

use toml_parser::Source;
use toml_parser::lexer::TokenKind;

/// The most tokens (keys, values, brackets, commas, line ends; not blanks
/// or comments) a manifest may hold: some 60 times a 50,000-task plan's.
pub const MAX_TOKENS: usize = 8_000_000;

/// The most tables (entries such as `[[task]]`, inline tables, each part
/// of a dotted key or header) a manifest may hold.
pub const MAX_TABLES: usize = 400_000;

/// Why a manifest is too big to parse, and where the limit was crossed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooBig {
    pub message: String,
    pub span: Range<usize>,
}

/// Counts the manifest's tokens and tables; `Err` at the first limit
/// crossed. Syntax errors are not this function's business: a malformed
/// file is counted as well as it can be and left to the parser.
pub fn check(text: &str) -> Result<(), TooBig> {
    check_with(text, MAX_TOKENS, MAX_TABLES)
}

/// [`check`] with other limits (the tests use small ones).
pub fn check_with(text: &str, max_tokens: usize, max_tables: usize) -> Result<(), TooBig> {
    let mut tokens = 0usize;
    let mut tables = 0usize;
    // Open `{` and `[` of the value being read.
    let mut open: Vec<TokenKind> = Vec::new();
    // Whether the next token starts a key (so a `.` separates key parts
    // and makes a table) rather than a value (where a `.` is in a float).
    let mut key = true;
    let mut header = false;
    for token in Source::new(text).lex() {
        let kind = token.kind();
        let span = token.span();
        let here = span.start()..span.end();
        if matches!(kind, TokenKind::Whitespace | TokenKind::Comment) {
            continue;
        }
        tokens += 1;
        if tokens > max_tokens {
            return Err(TooBig {
                message: format!(
                    "the manifest holds more than {} tokens (keys, values and marks); \
                     it is refused before parsing, to bound memory",
                    thousands(max_tokens)
                ),
                span: here,
            });
        }
        let table = match kind {
            TokenKind::Newline if open.is_empty() => {
                key = true;
                header = false;
                false
            }
            TokenKind::LeftSquareBracket if open.is_empty() && (key || header) => {
                // A header: `[a.b]` or `[[task]]` (its second bracket
                // counts nothing more).
                let first = !header;
                header = true;
                key = true;
                first
            }
            TokenKind::RightSquareBracket if header => false,
            TokenKind::Equals => {
                key = false;
                false
            }
            TokenKind::LeftCurlyBracket => {
                open.push(kind);
                key = true;
                true
            }
            TokenKind::LeftSquareBracket => {
                open.push(kind);
                key = false;
                false
            }
            TokenKind::RightCurlyBracket | TokenKind::RightSquareBracket => {
                open.pop();
                key = false;
                false
            }
            TokenKind::Comma => {
                key = open.last() == Some(&TokenKind::LeftCurlyBracket);
                false
            }
            TokenKind::Dot => key,
            _ => false,
        };
        if table {
            tables += 1;
            if tables > max_tables {
                return Err(TooBig {
                    message: format!(
                        "the manifest holds more than {} tables (entries such as [[task]], \
                         inline tables and dotted keys); it is refused before parsing, to bound memory",
                        thousands(max_tables)
                    ),
                    span: here,
                });
            }
        }
    }
    Ok(())
}

/// `8000000` as `8,000,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (tokens, tables) of a text, with no limit.
    fn count(text: &str) -> (usize, usize) {
        let mut tokens = 0;
        while check_with(text, tokens, usize::MAX).is_err() {
            tokens += 1;
        }
        let mut tables = 0;
        while check_with(text, usize::MAX, tables).is_err() {
            tables += 1;
        }
        (tokens, tables)
    }

    #[test]
    fn counts_tables_where_toml_makes_them() {
        // Headers, inline tables and dotted keys make tables; floats and
        // arrays do not.
        assert_eq!(count("[project]\nname = \"x\"\n").1, 1);
        assert_eq!(count("[[task]]\nid = \"a\"\n[[task]]\nid = \"b\"\n").1, 2);
        assert_eq!(count("[a.b.c]\n").1, 3);
        assert_eq!(count("a.b.c = 1\n").1, 2);
        assert_eq!(count("x = 2.5\ny = [1.5, 2.5]\n").1, 0);
        assert_eq!(count("t = [{ a = 1 }, { b.c = 2.5 }]\n").1, 3);
        assert_eq!(count("m = { a = { b = 1 } }\n").1, 2);
        // Tokens: blanks and comments are free.
        assert_eq!(count("a = 1 # c\n").0, count("a=1\n").0);
    }

    #[test]
    fn refuses_at_the_place_the_limit_is_crossed() {
        let text = "t = [{}, {}, {}]\n";
        let error = check_with(text, usize::MAX, 2).expect_err("three tables");
        assert_eq!(&text[error.span.clone()], "{");
        assert_eq!(error.span.start, 13);
        assert!(
            error.message.contains("more than 2 tables"),
            "{}",
            error.message
        );
        let error = check_with("a = [1, 2, 3]\n", 5, usize::MAX).expect_err("tokens");
        assert!(
            error.message.contains("more than 5 tokens"),
            "{}",
            error.message
        );
        assert_eq!(thousands(8_000_000), "8,000,000");
        assert_eq!(thousands(400), "400");
    }
}
