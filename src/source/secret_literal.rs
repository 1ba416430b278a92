//! Whether a line is part of a literal that carries a secret: `user add carol {9}` or
//! `C: a1 LOGIN admin {9+}` sends the password on the lines after it, with no word beside it
//! that masking could key on. An error that shows such a line shows `<secret>` instead.

/// How many lines before a line are looked at for the literal it may belong to: a password is
/// a line or two, and an error must not search a whole file.
const LOOKED_BACK: usize = 64;

/// Whether the line that starts at byte `start` of `text` lies in the body of a literal
/// announced by an earlier line that holds a secret.
pub(super) fn holds(text: &[u8], start: usize) -> bool {
    let mut end = start.min(text.len());
    for _ in 0..LOOKED_BACK {
        // `end` is the start of the line after the one looked at: its line break is before it.
        let Some(line_end) = end.checked_sub(1) else {
            return false;
        };
        let line_start = memchr::memrchr(b'\n', &text[..line_end]).map_or(0, |i| i + 1);
        let line = String::from_utf8_lossy(&text[line_start..line_end]);
        let line = line.trim_end_matches('\r');
        let announced = super::clean::announced_literal(line);
        let body_before = (start - end) as u64;
        if announced > body_before {
            return crate::base::secrets::neutral().mask_line(line) != line;
        }
        end = line_start;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::holds;

    fn line_start(text: &str, line: &str) -> usize {
        text.find(line).unwrap()
    }

    #[test]
    fn a_secret_commands_literal_lines_hold_a_secret() {
        let text = "rg01> user add carol {9}\r\ns3cret-9x\r\nOK Completed\r\n";
        assert!(holds(text.as_bytes(), line_start(text, "s3cret")));
        assert!(!holds(text.as_bytes(), line_start(text, "OK Completed")));
        assert!(!holds(text.as_bytes(), 0));
        let login = "C: a1 LOGIN admin {12+}\nfirst\nsecond\nS: a1 OK\n";
        assert!(holds(login.as_bytes(), line_start(login, "first")));
        assert!(holds(login.as_bytes(), line_start(login, "second")));
        assert!(!holds(login.as_bytes(), line_start(login, "S: a1 OK")));
    }

    #[test]
    fn other_literals_and_lines_hold_none() {
        let text = "rg01> msg set overquota {5}\nFull!\nOK Completed\n";
        assert!(!holds(text.as_bytes(), line_start(text, "Full!")));
        assert!(!holds(b"", 0));
        assert!(!holds(b"\n\n\n", 2));
        assert!(!holds(b"x {99999999999999999999}\ny", 25));
    }
}
