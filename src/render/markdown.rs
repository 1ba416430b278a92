//! Markdown's own escaping, in one place.

/// `text` as a Markdown code span that shows it exactly: delimited by one backtick more than
/// its longest run of backticks, padded with a space where it starts or ends with one, as
/// CommonMark reads it. A table cell must still escape `|` itself.
pub(crate) fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::code_span;

    #[test]
    fn a_code_span_shows_its_backticks_as_they_are() {
        assert_eq!(code_span("a@x.jp"), "`a@x.jp`");
        assert_eq!(code_span("back`tick"), "``back`tick``");
        assert_eq!(code_span("`edge"), "`` `edge ``");
        assert_eq!(code_span("a``b"), "```a``b```");
    }
}
