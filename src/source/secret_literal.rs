//! Whether a line is part of a literal that carries a secret: `user add carol {9}` or
//! `C: a1 LOGIN admin {9+}` sends the password on the lines after it, with no word beside it
//! that masking could key on. An error that shows such a line shows `<secret>` instead.

use crate::base::text::starts_squeezed;

/// How many lines before a line are looked at for the literal or key block it may belong to:
/// a password is a line or two, a private key some dozens, and an error must not search a
/// whole file.
const LOOKED_BACK: usize = 256;

/// The lines that open and close a key block (`key get MTA`'s answer): a private key. Compared
/// with white space removed and case folded, as documents space them out.
const KEY_BLOCK: (&str, &str) = ("#@mirapoint-key-", "#@mirapoint-key-end");

/// Whether the line that starts at byte `start` of `text` lies in the body of a literal
/// announced by an earlier line that holds a secret, or inside a key block.
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
        if starts_squeezed(line, KEY_BLOCK.1) {
            return false;
        }
        if starts_squeezed(line, KEY_BLOCK.0) {
            return true;
        }
        let announced = super::clean::announced_literal(line);
        if announced > 0 {
            let body = body_start(text, end);
            let in_body = start >= body && ((start - body) as u64) < announced;
            if in_body {
                return crate::base::secrets::neutral().mask_line(line) != line;
            }
        }
        end = line_start;
    }
    false
}

/// Where the body of a literal announced on the line before `next` starts: at `next`, or after
/// the server's go-ahead (`+ go ahead`, `S: + Ready`) that a synchronizing literal waits for.
fn body_start(text: &[u8], next: usize) -> usize {
    let rest = &text[next.min(text.len())..];
    let line_len = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
    let line = String::from_utf8_lossy(&rest[..line_len]);
    let line = line.trim_start();
    let line = line.strip_prefix("S:").map_or(line, str::trim_start);
    match line.starts_with('+') {
        true => next + line_len,
        false => next,
    }
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
    fn a_synchronizing_literal_s_body_starts_after_the_go_ahead() {
        for go_ahead in ["+ go ahead", "S: + Ready for literal", "+"] {
            let text =
                format!("a001 USER ADD carol {{10}}\r\n{go_ahead}\r\ns3cretPW9x\r\na001 NO\r\n");
            assert!(
                holds(text.as_bytes(), line_start(&text, "s3cret")),
                "{go_ahead}"
            );
            assert!(
                !holds(text.as_bytes(), line_start(&text, "a001 NO")),
                "{go_ahead}"
            );
        }
    }

    #[test]
    fn a_key_block_s_lines_hold_a_secret() {
        let text = "rg01> key get MTA \"\"\nMTA private \"rg01\" \"\" \"\" {79}\n#@Mirapoint-Key-1.0\nUFJJVkFURQ==\nQUJD\n#@Mirapoint-Key-End\nOK Completed\n";
        assert!(holds(text.as_bytes(), line_start(text, "UFJJ")));
        assert!(holds(text.as_bytes(), line_start(text, "QUJD")));
        assert!(!holds(text.as_bytes(), line_start(text, "OK Completed")));
        // Without its header, or cut before its end, a block is still a key.
        let bare = "#@Mirapoint-Key-1.0\nUFJJVkFURQ==\nNO Session expired\n";
        assert!(holds(bare.as_bytes(), line_start(bare, "UFJJ")));
        // As a document spaces it out.
        let spaced = "#@Mirapoint - Key - 1.0\nUFJJVkFURQ==\n#@Mirapoint - Key - End\nOK\n";
        assert!(holds(spaced.as_bytes(), line_start(spaced, "UFJJ")));
        assert!(!holds(spaced.as_bytes(), line_start(spaced, "OK")));
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
