//! Replaying terminal line editing over one line of a log, so that the line reads as the screen
//! showed it: cursor movement, insert and delete, backspace, DEL, carriage-return overwrite and
//! erase-line. The escape sequences are parsed by `vte`; only the editing of one line is
//! modelled, on a screen wide enough that nothing wraps. A full-width character takes two
//! columns, as on a terminal, and a backspace moves one column: erasing one echoes `\b\b  \b\b`.
//! A column of a wide character that is overwritten or erased takes the whole character with
//! it. Only an echo that counts a wide character as one column leaves the cursor on its right
//! half; a character written or a DEL typed there is taken at the wide character's start, as
//! that echo meant it (`日本\b語` is `日語`).
//!
//! Blanks that an edit left (an erased character, a cursor moved past the end) are told from
//! blanks that were typed: the former are not part of the line when they end it, the latter
//! are kept, as tabs are, because they may be part of a value.

use unicode_width::UnicodeWidthChar;
use vte::{Params, Parser, Perform};

/// What replaying a line did, for the source layer's counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Replayed {
    /// Escape sequences and bells consumed.
    pub escapes: u64,
    /// Backspaces and DELs applied.
    pub backspaces: u64,
    /// Whether a carriage return moved the cursor back over text (an overwrite).
    pub overwritten: bool,
}

/// One screen column.
#[derive(Debug, Clone, Copy)]
struct Cell {
    ch: char,
    /// A blank an edit left rather than one that was typed.
    erased: bool,
}

const ERASED: Cell = Cell {
    ch: ' ',
    erased: true,
};

/// The right column of a wide character, which the cell before holds. No line holds a NUL.
const RIGHT_HALF: Cell = Cell {
    ch: '\0',
    erased: false,
};

/// The line being edited.
#[derive(Default)]
struct Screen {
    cells: Vec<Cell>,
    cursor: usize,
    insert: bool,
    done: Replayed,
}

/// Control characters as `cat -v` writes them out (`^H`), and the byte each stands for.
const CARETS: &[(&str, char)] = &[
    ("^H", '\x08'),
    ("^?", '\x7f'),
    ("^[", '\x1b'),
    ("^G", '\x07'),
    ("^M", '\r'),
];

/// Whether a text was written out by `cat -v`: its line ends show as `^M`, or its escapes as
/// `^[[`. Then every caret pair in it stands for its control character.
pub(super) fn is_caret_notation(text: &str) -> bool {
    text.contains("^M\n") || text.ends_with("^M") || text.contains("^[[")
}

/// The line with caret pairs read as the control characters they stand for: everywhere in a
/// text written out by `cat -v`, else only `^H` and `^?` outside quotes on a command line
/// (`rg01> smtp get fastpatj^Hh`), where no value holds them. `None` when there are none.
pub(super) fn from_caret_notation(line: &str, everywhere: bool) -> Option<String> {
    if !line.contains('^') {
        return None;
    }
    let pairs = if everywhere { CARETS } else { &CARETS[..2] };
    let mut out = String::with_capacity(line.len());
    let mut quoted = false;
    let mut rest = line;
    let mut changed = false;
    while let Some(c) = rest.chars().next() {
        quoted ^= c == '"' && !everywhere;
        let control = pairs
            .iter()
            .find(|(pair, _)| !quoted && rest.starts_with(pair));
        match control {
            Some((pair, byte)) => {
                out.push(*byte);
                rest = &rest[pair.len()..];
                changed = true;
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    changed.then_some(out)
}

/// Whether a line needs replaying at all: the fast path copies every other line as it is.
pub(super) fn needs_replay(line: &[u8]) -> bool {
    memchr::memchr3(0x1b, 0x08, 0x7f, line).is_some()
        || memchr::memchr2(b'\r', 0x07, line).is_some()
}

/// The line as the screen showed it after every edit in `line` (no line ending).
pub(super) fn replay(line: &str) -> (String, Replayed) {
    let mut screen = Screen::default();
    let mut parser = Parser::new();
    // An escape before a character that cannot follow one is stray: the character stays.
    let stray = line
        .match_indices('\x1b')
        .filter(|(at, _)| line[at + 1..].chars().next().is_some_and(|c| !c.is_ascii()));
    let stray: Vec<usize> = stray.map(|(at, _)| at).collect();
    let cleaned;
    let line = if stray.is_empty() {
        line
    } else {
        screen.done.escapes += stray.len() as u64;
        cleaned = line
            .char_indices()
            .filter(|(at, _)| !stray.contains(at))
            .map(|(_, c)| c)
            .collect::<String>();
        &cleaned
    };
    // DEL is no control to a terminal's parser, but in a log it is the key that erased the
    // character before it, echoed raw.
    for (i, part) in line.split('\x7f').enumerate() {
        if i > 0 {
            screen.rub_out();
        }
        parser.advance(&mut screen, part.as_bytes());
    }
    let keep = screen
        .cells
        .iter()
        .rposition(|c| !c.erased)
        .map_or(0, |i| i + 1);
    let text = screen.cells[..keep]
        .iter()
        .filter(|c| !c.is_right_half())
        .map(|c| c.ch)
        .collect();
    (text, screen.done)
}

impl Cell {
    fn is_right_half(&self) -> bool {
        self.ch == RIGHT_HALF.ch
    }
}

impl Screen {
    fn put(&mut self, ch: char) {
        let width = if ch.width() == Some(2) { 2 } else { 1 };
        if self.cursor > self.cells.len() {
            self.cells.resize(self.cursor, ERASED);
        }
        self.back_to_start_of_wide();
        let at = self.cursor;
        if self.insert || at == self.cells.len() {
            let cells = [Cell { ch, erased: false }, RIGHT_HALF];
            self.cells.splice(at..at, cells[..width].iter().copied());
        } else {
            let old = self.cells[at];
            // A blank typed over text erases it, as `\b \b` does.
            let erased = ch == ' ' && (old.erased || old.ch != ' ');
            // A wide character whose columns are written over only in part goes whole.
            self.blank_split(at + width);
            self.cells[at] = Cell { ch, erased };
            if width == 2 {
                match self.cells.get_mut(at + 1) {
                    Some(cell) => *cell = RIGHT_HALF,
                    None => self.cells.push(RIGHT_HALF),
                }
            }
        }
        self.cursor += width;
    }

    /// The cursor on a wide character's right half moved to its left half: only an echo that
    /// counts the character as one column leaves it there, and it meant the whole character.
    fn back_to_start_of_wide(&mut self) {
        if self.is_right_half(self.cursor) {
            self.cursor -= 1;
        }
    }

    fn is_right_half(&self, column: usize) -> bool {
        self.cells.get(column).is_some_and(Cell::is_right_half)
    }

    /// The wide character that `column` is the right half of, when it is, blanked whole: a
    /// terminal does so when an edit starts or ends between its two columns.
    fn blank_split(&mut self, column: usize) {
        if self.is_right_half(column) {
            self.cells[column - 1] = ERASED;
            self.cells[column] = ERASED;
        }
    }

    /// A DEL: the character before the cursor goes, a wide one whole.
    fn rub_out(&mut self) {
        self.done.backspaces += 1;
        self.back_to_start_of_wide();
        if self.cursor > 0 && self.cursor <= self.cells.len() {
            let end = self.cursor;
            self.cursor -= 1;
            self.back_to_start_of_wide();
            self.cells.drain(self.cursor..end);
        } else {
            self.cursor = self.cursor.saturating_sub(1);
        }
    }

    fn erase(&mut self, from: usize, to: usize) {
        let to = to.min(self.cells.len());
        self.blank_split(from);
        self.blank_split(to);
        for cell in self.cells.iter_mut().take(to).skip(from) {
            *cell = ERASED;
        }
    }

    fn delete(&mut self, count: usize) {
        if self.cursor < self.cells.len() {
            let end = self.cursor.saturating_add(count).min(self.cells.len());
            self.blank_split(self.cursor);
            self.blank_split(end);
            self.cells.drain(self.cursor..end);
        }
    }

    fn insert_blanks(&mut self, count: usize) {
        let at = self.cursor.min(self.cells.len());
        self.blank_split(at);
        for _ in 0..count.min(4096) {
            self.cells.insert(at, ERASED);
        }
    }
}

/// The first parameter of a CSI sequence, with the default a missing or zero one has.
fn first(params: &Params, default: usize) -> usize {
    let value = params.iter().next().and_then(|p| p.first().copied());
    match value {
        None | Some(0) => default,
        Some(n) => usize::from(n),
    }
}

impl Perform for Screen {
    fn print(&mut self, ch: char) {
        self.put(ch);
    }

    fn execute(&mut self, byte: u8) {
        match byte {
            b'\t' => self.put('\t'),
            0x08 => {
                self.done.backspaces += 1;
                self.cursor = self.cursor.saturating_sub(1);
            }
            b'\r' => {
                self.done.overwritten |= self.cursor > 0;
                self.cursor = 0;
            }
            _ => self.done.escapes += 1,
        }
    }

    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], _: bool, action: char) {
        self.done.escapes += 1;
        if !intermediates.is_empty() {
            return;
        }
        let n = first(params, 1);
        match action {
            'D' => self.cursor = self.cursor.saturating_sub(n),
            'C' => self.cursor = self.cursor.saturating_add(n).min(1 << 16),
            'G' | '`' => self.cursor = n.min(1 << 16) - 1,
            'K' => match first(params, 0).min(3) {
                0 => self.erase(self.cursor, usize::MAX),
                1 => self.erase(0, self.cursor + 1),
                _ => self.erase(0, usize::MAX),
            },
            'P' => self.delete(n),
            '@' => self.insert_blanks(n),
            'X' => self.erase(self.cursor, self.cursor.saturating_add(n)),
            'h' | 'l' if first(params, 0) == 4 => self.insert = action == 'h',
            _ => {}
        }
    }

    fn esc_dispatch(&mut self, _: &[u8], _: bool, _: u8) {
        self.done.escapes += 1;
    }

    fn osc_dispatch(&mut self, _: &[&[u8]], _: bool) {
        self.done.escapes += 1;
    }

    fn hook(&mut self, _: &Params, _: &[u8], _: bool, _: char) {
        self.done.escapes += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(line: &str) -> String {
        replay(line).0
    }

    #[test]
    fn a_typo_fixed_with_cursor_left_and_insert_reads_as_fixed() {
        // readline redraws the rest of the line after the inserted character, then goes back.
        assert_eq!(
            shown("smtp get fstpath\x1b[6Dastpath\x1b[6D\x1b[6C"),
            "smtp get fastpath"
        );
        assert_eq!(
            shown("smtp get fstpath\x08\x08\x08\x08\x08\x08astpath\x08\x08\x08\x08\x08\x08"),
            "smtp get fastpath"
        );
        assert_eq!(
            shown("smtp get fstpath\x1b[6D\x1b[4ha\x1b[4l"),
            "smtp get fastpath"
        );
        assert_eq!(
            shown("smtp get fstpath\x1b[6D\x1b[1@a"),
            "smtp get fastpath"
        );
    }

    #[test]
    fn del_and_backspace_echoes_erase_the_character_before() {
        assert_eq!(shown("smtp get fastpathx\x7f"), "smtp get fastpath");
        assert_eq!(shown("smtp get fastpathx\x08 \x08"), "smtp get fastpath");
        assert_eq!(shown("smtp get fastpathx\x08\x1b[K"), "smtp get fastpath");
        assert_eq!(
            shown("smtp get fasxtpath\x1b[5D\x08\x1b[P"),
            "smtp get fastpath"
        );
    }

    #[test]
    fn typed_tabs_and_trailing_blanks_stay() {
        assert_eq!(shown("a\tb  \x07"), "a\tb  ");
        assert_eq!(shown("10%\r100%"), "100%");
        assert_eq!(shown("--More--\r        \r\"c@x.jp\""), "\"c@x.jp\"");
        assert_eq!(shown("abc\x1b[2K\rxy"), "xy");
    }

    #[test]
    fn caret_notation_is_read_as_the_controls() {
        let line = "rg01> smtp get fastpatj^Hh";
        let controls = from_caret_notation(line, false).unwrap();
        assert_eq!(shown(&controls), "rg01> smtp get fastpath");
        assert_eq!(from_caret_notation("rg01> x \"^Hello\"", false), None);
        let written = "rg01> smtp get fstpath^[[6Dastpath^M";
        assert!(is_caret_notation(written));
        assert_eq!(
            shown(&from_caret_notation(written, true).unwrap()),
            "rg01> smtp get fastpath"
        );
    }

    #[test]
    fn erasing_a_wide_character_takes_its_two_columns() {
        // A terminal echoes the erase of a full-width character as two columns back, two
        // blanks, two columns back.
        let erased = "全社社\x08\x08  \x08\x08@x.com";
        assert_eq!(shown(erased), "全社@x.com");
        assert_eq!(shown("全社社\x08\x08\x1b[K@x.com"), "全社@x.com");
        assert_eq!(shown("全社社\x1b[2D  \x1b[2D"), "全社");
        // Two columns back and typing over the character: it goes whole.
        assert_eq!(shown("全社社\x08\x08@x.com"), "全社@x.com");
        assert_eq!(replay(erased).1.backspaces, 4);
    }

    #[test]
    fn wide_and_ascii_characters_mixed_move_by_their_columns() {
        assert_eq!(shown("a全b社c\x08 \x08\x08\x08  \x08\x08d"), "a全bd");
        assert_eq!(shown("社ab\x08 \x08c"), "社ac");
        assert_eq!(shown("ab社\x08\x08  \x08\x08\x08 \x08c"), "ac");
        assert_eq!(shown("社x\x08\x08\x08\x1b[4h全\x1b[4l"), "全社x");
        assert_eq!(shown("全社x\x1b[3D\x1b[2P"), "全x");
        assert_eq!(shown("全社\x7f\x7fa"), "a");
        assert_eq!(shown("全社\x1b[3G\x1b[1@x"), "全x社");
    }

    #[test]
    fn half_of_a_wide_character_edited_takes_the_whole_character() {
        // An echo that counts a wide character as one column: `\b \b` erases it.
        assert_eq!(shown("全社\x08 \x08"), "全");
        assert_eq!(shown("全社\x08 \x08@x.com"), "全@x.com");
        assert_eq!(shown("全社\x08\x1b[K"), "全");
        assert_eq!(shown("全社\x08\x1b[P"), "全");
        // The left column overwritten with a narrow character: the right one is left blank.
        assert_eq!(shown("全社x\x1b[3Da"), "全a x");
        // Cleared from the middle of a wide character to the end: both of its columns go.
        assert_eq!(shown("全社\x1b[3G\x1b[1K"), "");
        assert_eq!(shown("全社\x1b[2D\x1b[1X"), "全");
    }

    #[test]
    fn counts_say_what_was_replayed() {
        let (_, done) = replay("ab\x08\x1b[Kc\x7f\r");
        assert_eq!(done.backspaces, 2);
        assert_eq!(done.escapes, 1);
        assert!(done.overwritten);
    }
}
