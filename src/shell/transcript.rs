//! Transcripts: the `iex> LINE` / output format of `shared/conformance/`, and the
//! normalization rules its README gives for comparing two of them (stack-trace lines,
//! blank lines, banners, timestamps dropped or wildcarded; PIDs and references renumbered
//! by first appearance in the file).

use std::collections::HashMap;

/// One input (possibly continued on `...> ` lines) and the lines recorded after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub input: Vec<String>,
    pub expected: Vec<String>,
}

pub fn parse(text: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for line in text.lines() {
        if let Some(input) = line.strip_prefix("iex> ") {
            entries.push(Entry {
                input: vec![input.to_string()],
                expected: Vec::new(),
            });
        } else if line == "iex>" {
            entries.push(Entry {
                input: vec![String::new()],
                expected: Vec::new(),
            });
        } else if let Some(more) = line.strip_prefix("...> ") {
            match entries.last_mut() {
                Some(e) if e.expected.is_empty() => e.input.push(more.to_string()),
                _ => {}
            }
        } else if let Some(e) = entries.last_mut() {
            e.expected.push(line.to_string());
        }
    }
    entries
}

/// The node flags a transcript asks for (`# otpsh-args: --atom-limit N --max-processes N`
/// before its first entry), applied over `base`.
pub fn node_args(
    text: &str,
    base: &crate::runtime::Config,
) -> Result<crate::runtime::Config, String> {
    let mut config = base.clone();
    for line in text.lines().take_while(|l| !l.starts_with("iex>")) {
        let Some(args) = line.strip_prefix("# otpsh-args:") else {
            continue;
        };
        let words: Vec<&str> = args.split_whitespace().collect();
        for pair in words.chunks(2) {
            let value = pair.get(1).and_then(|v| v.parse::<usize>().ok());
            match (pair[0], value) {
                ("--atom-limit", Some(n)) => config.atom_limit = n,
                ("--max-processes", Some(n)) => config.max_processes = n,
                _ => return Err(format!("unknown otpsh-args: {}", pair.join(" "))),
            }
        }
    }
    Ok(config)
}

/// Renumbers `#PID<...>` and `#Reference<...>` by first appearance, across one file.
#[derive(Default)]
pub struct Normalizer {
    pids: HashMap<String, usize>,
    refs: HashMap<String, usize>,
}

impl Normalizer {
    pub fn new() -> Normalizer {
        Normalizer::default()
    }

    /// The lines as the comparison sees them.
    pub fn lines(&mut self, lines: &[String]) -> Vec<String> {
        let lines: Vec<String> = lines
            .iter()
            .filter(|l| !l.trim().is_empty() && !is_stack_trace(l))
            .map(|l| self.line(l.trim_end()))
            .collect();
        mask_compiled_modules(lines)
    }

    fn line(&mut self, line: &str) -> String {
        if line.starts_with("Interactive ") {
            return "<banner>".into();
        }
        let line = match strip_timestamp(line) {
            Some(rest) => format!("<time> {rest}"),
            None => line.to_string(),
        };
        let line = renumber(&line, "#PID<", &mut self.pids);
        let line = renumber(&line, "#Reference<", &mut self.refs);
        wildcard(&line, "#Function<")
    }
}

/// A compiled module's bytes (`<<70, 79, 82, 49, ...>>`, "FOR1") match any such binary:
/// each is masked, and as its length moved the line breaks of the term around it, the
/// lines of a term holding one are compared as one line (breaks as single spaces).
fn mask_compiled_modules(lines: Vec<String>) -> Vec<String> {
    const BEAM: &str = "<<70, 79, 82, 49,";
    if !lines.iter().any(|l| l.contains(BEAM)) {
        return lines;
    }
    let mut out: Vec<String> = Vec::new();
    let mut joined: Option<String> = None;
    for line in lines {
        match joined.as_mut() {
            Some(term) => {
                term.push(' ');
                term.push_str(line.trim_start());
            }
            None if line.starts_with("{:module, ") => joined = Some(line),
            None => out.push(line),
        }
        if let Some(term) = &joined {
            if term.contains(BEAM) && term.matches(">>").count() > 0 && balanced(term) {
                out.push(mask_binary(term, BEAM));
                joined = None;
            }
        }
    }
    out.extend(joined.map(|t| mask_binary(&t, BEAM)));
    out
}

/// Whether a term's brackets are all closed (the last line of a pretty-printed term).
fn balanced(text: &str) -> bool {
    let mut depth = 0i64;
    for c in text.chars() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    depth <= 0
}

fn mask_binary(text: &str, open: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        out.push_str("<<FOR1...>>");
        let after = &rest[i..];
        rest = after.find(">>").map_or("", |j| &after[j + 2..]);
    }
    out.push_str(rest);
    out
}

fn renumber(line: &str, open: &str, seen: &mut HashMap<String, usize>) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        let after = &rest[i + open.len()..];
        match after.find('>') {
            Some(j) => {
                let next = seen.len() + 1;
                let n = *seen.entry(after[..j].to_string()).or_insert(next);
                out.push_str(&format!("{open}{n}>"));
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn wildcard(line: &str, open: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        out.push_str(open);
        out.push('>');
        let after = &rest[i + open.len()..];
        rest = after.find('>').map_or("", |j| &after[j + 1..]);
    }
    out.push_str(rest);
    out
}

/// `HH:MM:SS.mmm ` at the start of a line.
fn strip_timestamp(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let shape = b"00:00:00.000 ";
    if b.len() < shape.len() {
        return None;
    }
    let fits = shape.iter().zip(b).all(|(s, c)| match s {
        b'0' => c.is_ascii_digit(),
        other => other == c,
    });
    fits.then(|| &line[shape.len()..])
}

/// A stack-trace line: indented, then `(app x.y.z) path/file.ex:LINE: ...` or
/// `path/file.ex:LINE: ...` (`.ex`, `.exs`, `.erl`).
pub fn is_stack_trace(line: &str) -> bool {
    if !line.starts_with(' ') {
        return false;
    }
    let mut rest = line.trim_start();
    if rest.starts_with('(') {
        match rest.find(") ") {
            Some(i) => rest = &rest[i + 2..],
            None => return false,
        }
    }
    let Some(colon) = rest.find(':') else {
        return false;
    };
    let (path, after) = rest.split_at(colon);
    let ext_ok = [".ex", ".exs", ".erl"].iter().any(|e| path.ends_with(e));
    let after = &after[1..];
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    ext_ok && !path.contains(' ') && digits > 0 && after[digits..].starts_with(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_module_binaries_match_any_other_whatever_their_breaks() {
        let ours = v(&[
            "{:module, M,",
            " <<70, 79, 82, 49, 0, 0, 0, 104, 66, 69, 65, 77, ...>>, {:d, 2}}",
        ]);
        let iex = v(&[
            "{:module, M,",
            " <<70, 79, 82, 49, 0, 0, 10, 24, 66, 69, 65, 77, 65, 116,",
            "   85, 56, ...>>,",
            " {:d, 2}}",
        ]);
        let a = Normalizer::new().lines(&ours);
        let b = Normalizer::new().lines(&iex);
        assert_eq!(a, b);
        assert_eq!(a, v(&["{:module, M, <<FOR1...>>, {:d, 2}}"]));
        let other = v(&["{:module, M,", " <<70, 79, 82, 49, 1, ...>>, {:d, 3}}"]);
        assert_ne!(Normalizer::new().lines(&other), b);
    }

    fn v(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn entries_split_on_prompts() {
        let t = parse("iex> x = 1\n1\niex> y\n** (CompileError) iex:2: nope\n");
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].expected, v(&["** (CompileError) iex:2: nope"]));
    }

    #[test]
    fn continuation_lines_join_the_input() {
        let t = parse("iex> [1,\n...> 2]\n[1, 2]\n");
        assert_eq!(t[0].input, v(&["[1,", "2]"]));
        assert_eq!(t[0].expected, v(&["[1, 2]"]));
    }

    #[test]
    fn stack_trace_lines_are_recognised() {
        assert!(is_stack_trace(
            "    (elixir 1.14.0) lib/gen_server.ex:957: GenServer.do_start/4"
        ));
        assert!(is_stack_trace(
            "    modules.ex:14: Server.handle_call(:boom, {}, 1)"
        ));
        assert!(is_stack_trace(
            "    (stdlib 4.2) gen.erl:256: :gen.do_call/4"
        ));
        assert!(!is_stack_trace(
            "    ** (EXIT) no process: the process is not alive"
        ));
        assert!(!is_stack_trace("  * {:global, term}"));
    }

    #[test]
    fn pids_are_renumbered_by_first_appearance() {
        let mut n = Normalizer::new();
        let a = n.lines(&v(&[
            "{:ok, #PID<0.118.0>}",
            "[#PID<0.120.0>, #PID<0.118.0>]",
        ]));
        assert_eq!(a, v(&["{:ok, #PID<1>}", "[#PID<2>, #PID<1>]"]));
    }

    #[test]
    fn timestamps_banners_and_functions_are_wildcards() {
        let mut n = Normalizer::new();
        let a = n.lines(&v(&[
            "21:39:22.466 [error] GenServer x terminating",
            "Interactive Elixir (1.14.0) - press Ctrl+C",
            "#Function<43.3316493/1 in :erl_eval.expr/6>",
            "",
        ]));
        assert_eq!(
            a,
            v(&[
                "<time> [error] GenServer x terminating",
                "<banner>",
                "#Function<>"
            ])
        );
    }
}
