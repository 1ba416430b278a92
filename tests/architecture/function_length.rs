//! No function in `src/` runs over 80 lines, its signature and closing brace included: a
//! longer one is split where its steps are. Tests (`#[cfg(test)]` modules) are held to it too.

use std::path::Path;

use crate::common::rust_files;

const MOST_LINES: usize = 80;

/// Whether a line opens a function: `fn name`, with any visibility, `const`, `async` or
/// `unsafe` before it.
fn opens_function(line: &str) -> bool {
    let mut words = line.split_whitespace();
    for word in words.by_ref() {
        match word {
            "fn" => return true,
            "pub" | "const" | "async" | "unsafe" | "extern" => continue,
            w if w.starts_with("pub(") => continue,
            _ => return false,
        }
    }
    false
}

/// Each function of `code` as (first line, number of lines), found by counting braces from
/// its `fn` line to the brace that closes its body. Braces inside strings and character
/// literals are rare enough in this tree's long functions not to matter; comments are skipped.
fn functions(code: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        if !opens_function(line) {
            continue;
        }
        let mut depth = 0i32;
        let mut opened = false;
        for (offset, body_line) in lines[start..].iter().enumerate() {
            let code_part = body_line.split("//").next().unwrap_or("");
            for c in code_part.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    // A declaration without a body (a trait method).
                    ';' if !opened && depth == 0 => break,
                    _ => {}
                }
            }
            if !opened && code_part.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                found.push((start + 1, offset + 1));
                break;
            }
        }
    }
    found
}

#[test]
fn no_function_runs_over_80_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut long = Vec::new();
    for file in files {
        let code = std::fs::read_to_string(&file).unwrap();
        for (line, length) in functions(&code) {
            if length > MOST_LINES {
                let name = file.strip_prefix(&src).unwrap().display();
                long.push(format!("src/{name}:{line}: {length} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MOST_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_counter_finds_a_long_function_and_skips_a_declaration() {
    let body = "    let x = 1;\n".repeat(85);
    let code = format!("trait T {{\n    fn f(&self);\n}}\n\npub(crate) fn g() {{\n{body}}}\n");
    assert_eq!(functions(&code), vec![(5, 87)]);
}
