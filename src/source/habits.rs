//! What terminal programs add to the logs they save, as data: the timestamps they write at the
//! start of a line, the header lines they write, and the pager prompts a session leaves behind.
//! Adding the next terminal program is one line in one of these tables.

/// One habit: which program has it, and the pattern (anchored at the line start) it leaves.
#[derive(Debug, Clone, Copy)]
pub struct Habit {
    /// The program (and its setting) known to write it.
    pub program: &'static str,
    /// A regular expression for what it writes, anchored at the line start.
    pub pattern: &'static str,
}

/// Timestamps written at the start of a line, with the space after them. Stamps count only in a
/// log that has at least two stamped lines (or one line in all), so a lone value that happens to
/// start with a time is never cut; in a stamped log every style counts, from any line, so
/// programs may be mixed (a PuTTY session appended to a Tera Term log). One stamp at most is
/// removed from a line. Earlier rows win where two match.
pub const TIMESTAMPS: &[Habit] = &[
    Habit {
        program: "Tera Term",
        pattern: r"^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})? [0-9]{4}\] ?",
    },
    Habit {
        program: "Tera Term (ISO 8601)",
        pattern: r"^\[[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}([.,][0-9]{1,6})?( ?[+-][0-9]{2}:?[0-9]{2}| ?Z)?\] ?",
    },
    Habit {
        program: "SecureCRT",
        pattern: r"^<[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?> ?",
    },
    Habit {
        program: "SecureCRT (date and time)",
        pattern: r"^[\[<][0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4} [0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?( ?[AP]M)?[\]>] ?",
    },
    Habit {
        program: "ts (moreutils)",
        pattern: r"^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})? ",
    },
    Habit {
        program: "ts -s, ts -i (moreutils)",
        pattern: r"^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})? ",
    },
    Habit {
        program: "ts \"%Y-%m-%d %H:%M:%S\", ts \"%FT%T%z\" (moreutils, ISO 8601)",
        pattern: r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}([.,][0-9]{1,6})?([+-][0-9]{2}:?[0-9]{2}|Z)? ",
    },
    Habit {
        program: "a bracketed clock (other emulators)",
        pattern: r"^\[[0-9A-Za-z :./,+-]{0,40}[0-9]{2}:[0-9]{2}[0-9A-Za-z :./,+-]{0,40}\] ?",
    },
];

/// Whole lines a terminal program writes into its log that are no part of the session; the
/// line is kept, empty, so line numbers stay the file's own.
pub const HEADER_LINES: &[Habit] = &[Habit {
    program: "PuTTY",
    pattern: r"^=~=~=~=~=~=~=~=~=~=~=~= PuTTY log .*=~=~=~=~=~=~=~=~=~=~=~=\s*$",
}];

/// Pager prompts left at the start of a line (`--More--`, `-- More --`, `--More--(45%)`);
/// what follows them on the line is the session's own text.
pub const PAGERS: &[Habit] = &[Habit {
    program: "the CLI pager",
    pattern: r"^[ \t]*<?-+[ \t]*(?i:more)[ \t]*-+>?([ \t]*\([0-9]{1,3}%\))?[ \t]*",
}];

/// Whole lines the telnet or ssh client and the appliance's login write around a session
/// (connecting, logging in, closing): read as session plumbing, never as configuration. Each
/// is anchored at both ends, so a line that only begins like one is still not understood.
pub const SESSION_PLUMBING: &[Habit] = &[
    Habit {
        program: "telnet",
        pattern: r"^Trying [0-9A-Za-z.:%\[\]-]+\.\.\.\s*$",
    },
    Habit {
        program: "telnet",
        pattern: r"^Connected to [^\s]+\s*$",
    },
    Habit {
        program: "telnet",
        pattern: r"^Escape character is '[^']{1,8}'\.?\s*$",
    },
    Habit {
        program: "telnet",
        pattern: r"^Connection closed by foreign host\.?\s*$",
    },
    Habit {
        program: "ssh",
        pattern: r"^Connection to [^\s]+ closed( by remote host)?\.?\s*$",
    },
    Habit {
        program: "ssh",
        pattern: r"^[^\s@]+@[^\s']+'s password:\s*$",
    },
    Habit {
        program: "ssh",
        pattern: r"^Warning: Permanently added .{1,300} to the list of known hosts\.\s*$",
    },
    Habit {
        program: "PuTTY",
        pattern: r"^login as: [^\s]*\s*$",
    },
    Habit {
        program: "PuTTY",
        pattern: r#"^Using username "[^"]*"\.?\s*$"#,
    },
    Habit {
        program: "the appliance's login (English and Japanese)",
        pattern: r"^(login|ログイン) ?: ?[^\s]*\s*$",
    },
    Habit {
        program: "the appliance's login (English and Japanese)",
        pattern: r"^(Password|パスワード) ?: ?\s*$",
    },
    Habit {
        program: "the appliance's login",
        pattern: r"^Last login: [^\r\n]{0,200}$",
    },
];

/// Whether a whole line is session plumbing ([`SESSION_PLUMBING`]).
pub fn is_session_plumbing(line: &str) -> bool {
    static COMPILED: std::sync::OnceLock<regex::RegexSet> = std::sync::OnceLock::new();
    COMPILED
        .get_or_init(|| {
            regex::RegexSet::new(SESSION_PLUMBING.iter().map(|h| h.pattern))
                .expect("the plumbing table is valid (tested)")
        })
        .is_match(line)
}

#[cfg(test)]
mod tests {
    use super::is_session_plumbing;

    #[test]
    fn telnet_ssh_and_login_lines_are_plumbing() {
        for line in [
            "Trying 192.0.2.10...",
            "Connected to rg01.example.co.jp.",
            "Escape character is '^]'.",
            "login: administrator",
            "ログイン: administrator",
            "Password:",
            "Last login: Mon Jun 13 18:02:11 2011 from 192.0.2.200",
            "Connection closed by foreign host.",
            "Connection to rg01 closed.",
            "admin@rg01's password: ",
            "login as: admin",
            "Using username \"admin\".",
        ] {
            assert!(is_session_plumbing(line), "{line}");
        }
    }

    #[test]
    fn commands_answers_and_look_alikes_are_not() {
        for line in [
            "rg01.example.co.jp> smtp get fastpath",
            "Login OK",
            "Password: s3cret typed where it echoes",
            "Trying to reach the relay failed",
            "login: two words",
            "\"Last login: is a quoted value\"",
            "NO Unknown parameter: ldarprouting",
        ] {
            assert!(!is_session_plumbing(line), "{line}");
        }
    }
}
