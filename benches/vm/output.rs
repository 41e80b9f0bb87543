//! What each shell answered: the results of a script's lines, taken from the shell's
//! stdout with the banner and prompts dropped, and the check of those results against a
//! workload's expected ones.
//!
//! The two shells print a replayed script differently. `iex < script` does not echo
//! its input, so stdout is the banner, then `iex(N)> ` followed by line N's result.
//! `otpsh script` echoes each line after its prompt on a line of its own, and the result
//! follows on the next lines.

/// The results of `iex < script`, one per line of the script, in order.
pub fn iex_results(stdout: &str) -> Vec<String> {
    let text = strip_prompts(stdout, "...(");
    let mut pieces = split_at_prompts(&text, "iex(");
    // Before the first prompt: the banner. After the last: nothing (the input ended).
    if !pieces.is_empty() {
        pieces.remove(0);
    }
    if pieces.last().is_some_and(|p| p.trim().is_empty()) {
        pieces.pop();
    }
    pieces.into_iter().map(|p| p.trim().to_string()).collect()
}

/// The results of `otpsh script`, one per line of the script, in order.
pub fn otpsh_results(stdout: &str) -> Vec<String> {
    let mut results: Vec<Vec<&str>> = Vec::new();
    for line in stdout.lines() {
        if prompt_len(line, "iex(").is_some() {
            results.push(Vec::new());
        } else if prompt_len(line, "...(").is_some() {
            // The echo of a continued line: part of the input, not of the result.
        } else if let Some(result) = results.last_mut() {
            result.push(line);
        }
    }
    results
        .into_iter()
        .map(|r| r.join("\n").trim().to_string())
        .collect()
}

/// Whether `results` are the `expected` ones: as many, each matching its pattern, where
/// `*` in a pattern stands for any text (a pid, a function, a time).
pub fn matches(results: &[String], expected: &[&str]) -> bool {
    results.len() == expected.len()
        && results
            .iter()
            .zip(expected)
            .all(|(result, pattern)| glob(pattern, result))
}

fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Length of the prompt `head` + digits + `)> ` at the start of `line`, if it is there.
fn prompt_len(line: &str, head: &str) -> Option<usize> {
    let after = line.strip_prefix(head)?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && after[digits..].starts_with(")> ")).then_some(head.len() + digits + 3)
}

/// `text` cut at every prompt `head`N`)> `, prompts removed.
fn split_at_prompts(text: &str, head: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut at = 0;
    while at < text.len() {
        if let Some(len) = prompt_len(&text[at..], head) {
            pieces.push(String::new());
            at += len;
            continue;
        }
        let c = text[at..].chars().next().expect("at is a char boundary");
        pieces.last_mut().expect("never empty").push(c);
        at += c.len_utf8();
    }
    pieces
}

/// `text` with every prompt `head`N`)> ` removed.
fn strip_prompts(text: &str, head: &str) -> String {
    split_at_prompts(text, head).concat()
}
