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
