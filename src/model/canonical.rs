//! The canonical form of a model, a property of the model itself: the same settings give the
//! same bytes. `track` writes its files in it and `diff --format unified` compares it, so it
//! lives here, below every layer that needs it; `render` adds provenance and JSON around it.

use serde::Serialize;

use super::Config;

/// The version of carryover's JSON and RON documents; it changes when their shape does.
pub const FORMAT_VERSION: u32 = 1;

/// How canonical RON is laid out: two-space indents, no struct names, and strings as the
/// lines they are (messages and keys), so git diffs them line by line.
pub(crate) fn ron_layout() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("  ".to_string())
        .struct_names(false)
        .escape_strings(false)
}

/// The canonical RON document of a model: its format version and the configuration.
#[derive(Serialize)]
struct Canonical<'a> {
    format_version: u32,
    config: &'a Config,
}

/// The canonical RON of a model, ending in a line break.
pub(crate) fn to_ron(config: &Config) -> String {
    let mut out = Vec::new();
    write_ron(&mut out, config).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("RON is UTF-8")
}

/// Writes the canonical RON of a model as it is serialized, so a large model is never held
/// twice in memory.
pub(crate) fn write_ron(out: &mut dyn std::io::Write, config: &Config) -> std::io::Result<()> {
    write_ron_of(
        out,
        &Canonical {
            format_version: FORMAT_VERSION,
            config,
        },
    )
}

/// Writes any document in the canonical RON layout, ending in a line break.
pub(crate) fn write_ron_of<T: Serialize>(
    out: &mut dyn std::io::Write,
    document: &T,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    ron::Options::default()
        .to_io_writer_pretty(&mut out, document, ron_layout())
        .map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut out, b"\n")?;
    std::io::Write::flush(&mut out)
}
