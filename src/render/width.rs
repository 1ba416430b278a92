//! Columns by display width: a Japanese character takes two terminal columns and a combining
//! mark none, so padding by `char` count misaligns every table that holds Japanese values.

use unicode_width::UnicodeWidthStr;

/// How many terminal columns `text` takes.
pub(crate) fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` followed by spaces up to `width` display columns (as `{:<width$}` does by chars).
pub(crate) fn pad_to(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(display_width(text));
    let mut out = String::with_capacity(text.len() + pad);
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// The widest display width among `texts`.
pub(crate) fn widest<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    texts.into_iter().map(display_width).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_values_line_up_by_display_column() {
        let values = [
            "primary: info@example.co.jp",
            "primary: 全社連絡@example.co.jp",
        ];
        let width = widest(values);
        let lines: Vec<String> = values
            .iter()
            .map(|v| format!("{}  samples/a.log:17", pad_to(v, width)))
            .collect();
        let column = |line: &str| display_width(&line[..line.find("samples").unwrap()]);
        assert_eq!(column(&lines[0]), column(&lines[1]));
        // Padding by chars, as `{:<width$}` does, would not line these up.
        let by_chars = values.iter().map(|v| v.chars().count()).max().unwrap();
        let misaligned: Vec<String> = values.iter().map(|v| format!("{v:<by_chars$}|")).collect();
        assert_ne!(column_of_bar(&misaligned[0]), column_of_bar(&misaligned[1]));
    }

    fn column_of_bar(line: &str) -> usize {
        display_width(&line[..line.find('|').unwrap()])
    }

    #[test]
    fn text_wider_than_the_column_is_left_as_it_is() {
        assert_eq!(pad_to("全社連絡", 3), "全社連絡");
        assert_eq!(pad_to("ab", 4), "ab  ");
    }
}
