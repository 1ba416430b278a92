//! Characters that look like ASCII but are not, as pastes from an HTML mail, a wiki or a Japanese
//! input method leave them: Unicode spaces (no-break, ideographic, the typographic widths),
//! zero-width characters, and full-width ASCII. In a command line's prompt and command words
//! they are read as the ASCII they look like; where that changes anything after the command
//! words (a value), a warning names the line, and a line that is no command line is left as it
//! is.

use crate::base::message::Message;

/// How many words after the prompt are command words: an object and a verb (`smtp set`,
/// `uce addexception`). What follows is what the command acts on (a setting's name, a scope
/// word such as `primary`, a list, an entry): look-alikes there are said.
const COMMAND_WORDS: usize = 2;

/// Read as one ASCII space.
fn is_space_lookalike(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Read as nothing: every character that shows nothing and takes no room (zero-width spaces
/// and joiners, the word joiner and invisible operators, the soft hyphen a web page's
/// hyphenation leaves in a paste).
fn is_zero_width(c: char) -> bool {
    crate::base::text::invisible(c)
}

/// The ASCII character a full-width form stands for.
fn folded(c: char) -> Option<char> {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        c if is_space_lookalike(c) => Some(' '),
        _ => None,
    }
}

fn is_lookalike(c: char) -> bool {
    folded(c).is_some() || is_zero_width(c)
}

/// The line with every look-alike read as ASCII, outside double quotes.
pub(crate) fn fold_line(line: &str) -> String {
    let mut quoted = false;
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        match (quoted, folded(c)) {
            (false, Some(ascii)) => out.push(ascii),
            (false, None) if is_zero_width(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Byte length of a prompt at the start of `line` (`rg01> `, `admin@st:~$ `, a delegated
/// domain's `rg01 (corp.example) > `): a name, then `>`, `#`, `$` or `%`, then a blank.
pub(crate) fn prompt_len(line: &str) -> Option<usize> {
    let end = line.find(['>', '#', '$', '%'])?;
    let plain = |name: &str| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-@:~/[]()".contains(c))
    };
    let name = &line[..end];
    let delegated = name
        .strip_suffix(") ")
        .and_then(|name| name.split_once(" ("))
        .is_some_and(|(host, domain)| plain(host) && plain(domain));
    let plausible = plain(name) || delegated;
    (plausible && line[end + 1..].starts_with(' ')).then_some(end + 1)
}

/// The byte offset where the command words of a command line end.
fn command_words_end(line: &str, prompt: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in line[prompt..].char_indices() {
        match (c == ' ' || c == '\t', in_word) {
            (true, true) => {
                in_word = false;
                words += 1;
                if words == COMMAND_WORDS {
                    return prompt + i;
                }
            }
            (false, false) => in_word = true,
            _ => {}
        }
    }
    line.len()
}

/// Reads look-alikes in command lines as ASCII; gives the text, the number of lines changed,
/// and a warning for each line where a value changed too. The text is copied only from the
/// first line that changes: a large capture with a look-alike in no command line is never held
/// twice.
pub(super) fn normalise(text: String) -> (String, u64, Vec<(u32, Message)>) {
    if text.is_ascii() || !text.chars().any(is_lookalike) {
        return (text, 0, Vec::new());
    }
    let mut out: Option<String> = None;
    let mut changed = 0;
    let mut warnings = Vec::new();
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        let end = start + line.len();
        // An ASCII line holds no look-alike.
        let folded = (!line.is_ascii()).then(|| fold_line(line));
        let command = folded.as_deref().and_then(|folded| {
            prompt_len(folded)
                .filter(|_| folded != line)
                .map(|p| (folded, p))
        });
        match (command, &mut out) {
            (None, None) => {}
            (None, Some(out)) => out.push_str(&text[start..(end + 1).min(text.len())]),
            (Some((folded, prompt)), out) => {
                let out = out.get_or_insert_with(|| {
                    let mut out = String::with_capacity(text.len());
                    out.push_str(&text[..start]);
                    out
                });
                changed += 1;
                let words_end = command_words_end(folded, prompt);
                if value_changed(line, folded, words_end) {
                    warnings.push((i as u32 + 1, crate::message!("reading-lookalike-value")));
                }
                out.push_str(folded);
                out.push_str(&text[end..(end + 1).min(text.len())]);
            }
        }
        start = end + 1;
    }
    (out.unwrap_or(text), changed, warnings)
}

/// The original line's text up to as many characters as `head` has once folded.
fn line_head(line: &str, head: &str) -> String {
    let mut folded_len = 0;
    let mut out = String::new();
    for c in line.chars() {
        if folded_len >= head.len() {
            break;
        }
        folded_len += fold_line(c.encode_utf8(&mut [0; 4])).len();
        out.push(c);
    }
    out
}

/// Whether folding changed anything after the command words.
fn value_changed(line: &str, folded: &str, words_end: usize) -> bool {
    let head = line_head(line, &folded[..words_end]);
    line[head.len()..] != folded[words_end..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_copied_only_when_a_command_line_changes() {
        let text = String::from("rg01> smtp get x\nメール（内線）\n");
        let at = text.as_ptr();
        let (same, changed, _) = normalise(text);
        assert_eq!((same.as_ptr(), changed), (at, 0), "no copy");
        let text = "メール（内線）\nrg01>\u{3000}smtp get x\nＯＫ\nrg01＞ version";
        let (folded, changed, _) = normalise(text.into());
        assert_eq!(
            folded,
            "メール（内線）\nrg01> smtp get x\nＯＫ\nrg01> version"
        );
        assert_eq!(changed, 2);
    }

    #[test]
    fn a_no_break_space_after_the_prompt_is_a_space() {
        let (text, changed, warnings) =
            normalise("rg01>\u{a0}smtp get fastpath\noff\u{a0}x\n".into());
        assert_eq!(text, "rg01> smtp get fastpath\noff\u{a0}x\n");
        assert_eq!((changed, warnings.len()), (1, 0));
    }

    #[test]
    fn full_width_prompts_and_words_fold_and_quoted_values_stay() {
        let (text, _, warnings) = normalise("rg01＞\u{3000}ｓｍｔｐ get x \"ＯＫ\u{a0}\"\n".into());
        assert_eq!(text, "rg01> smtp get x \"ＯＫ\u{a0}\"\n");
        assert!(warnings.is_empty());
    }

    #[test]
    fn a_changed_value_is_said_with_its_line() {
        let (text, _, warnings) = normalise("x\nrg01> smtp set fastpath\u{a0}ｏｎ\n".into());
        assert_eq!(text, "x\nrg01> smtp set fastpath on\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].0, 2);
    }

    #[test]
    fn a_soft_hyphen_or_an_invisible_operator_goes_from_command_words() {
        for invisible in ["\u{ad}", "\u{2063}", "\u{180e}"] {
            let line = format!("rg01> uce addexception pri{invisible}mary whitelist a@x.jp\n");
            let (text, _, _) = normalise(line);
            assert_eq!(text, "rg01> uce addexception primary whitelist a@x.jp\n");
        }
    }

    #[test]
    fn a_delegated_domain_s_prompt_is_a_prompt() {
        let (text, changed, _) = normalise(
            "rg01 (corp.example) >\u{3000}smtp get fastpath\nrg01 (corp.example) > ｕｃｅ listexception x.jp whitelistto\n".into(),
        );
        assert_eq!(
            text,
            "rg01 (corp.example) > smtp get fastpath\nrg01 (corp.example) > uce listexception x.jp whitelistto\n"
        );
        assert_eq!(changed, 2);
        assert_eq!(prompt_len("rg01 (corp.example) > x"), Some(21));
        assert_eq!(prompt_len("a b (c) > x"), None);
        assert_eq!(prompt_len("rg01 (corp example) > x"), None);
    }

    #[test]
    fn a_word_after_the_object_and_verb_is_a_value() {
        let (text, _, warnings) =
            normalise("rg01> uce addexception ｐｒｉｍａｒｙ whitelist a@x.jp\n".into());
        assert_eq!(text, "rg01> uce addexception primary whitelist a@x.jp\n");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn zero_width_characters_go_from_command_words() {
        let (text, _, _) = normalise("rg01> smtp\u{200b} get fastpath\n".into());
        assert_eq!(text, "rg01> smtp get fastpath\n");
    }
}
