//! Colour for a terminal, through anstyle's styles: which style each kind of text gets, and
//! nothing when colour is off. Whether it is on is decided where the output is written
//! (anstream's choice for standard output, `--color`); a file never gets colour.

use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};

/// Whether reports for people are coloured: off unless the binary turns it on for a terminal.
static COLOR: AtomicBool = AtomicBool::new(false);

/// Colour reports for people from now on (`true`), or not.
pub fn set_color(on: bool) {
    COLOR.store(on, Ordering::Relaxed);
}

/// Whether reports for people are coloured.
pub(crate) fn color() -> bool {
    COLOR.load(Ordering::Relaxed)
}

/// What is added.
pub(crate) const ADDED: Style = AnsiColor::Green.on_default();
/// What is removed.
pub(crate) const REMOVED: Style = AnsiColor::Red.on_default();
/// What changed.
pub(crate) const CHANGED: Style = AnsiColor::Yellow.on_default();
/// What only says where (a file and line).
pub(crate) const DIM: Style = Style::new().dimmed();
/// Text that neither adds nor removes.
pub(crate) const PLAIN: Style = Style::new();
/// A finding that is an error.
pub(crate) const ERROR: Style = AnsiColor::Red.on_default().bold();
/// A finding that is a warning.
pub(crate) const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// A finding worth knowing.
pub(crate) const INFO: Style = AnsiColor::Cyan.on_default();
/// A fact the captures lack.
pub(crate) const NOT_CAPTURED: Style = AnsiColor::Magenta.on_default();
/// Checked and fine.
pub(crate) const OK: Style = AnsiColor::Green.on_default();
/// A heading.
pub(crate) const HEADING: Style = Style::new().bold();

/// `text` in `style` when `color` is on; as it is otherwise.
pub(crate) fn paint(color: bool, style: Style, text: &str) -> String {
    if color && style != PLAIN {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_off_leaves_the_text_as_it_is_and_on_wraps_it_in_one_style() {
        assert_eq!(paint(false, ERROR, "error"), "error");
        let on = paint(true, ERROR, "error");
        assert!(on.starts_with('\u{1b}') && on.contains("error") && on.ends_with("\u{1b}[0m"));
        assert_eq!(paint(true, PLAIN, "x"), "x");
    }
}
