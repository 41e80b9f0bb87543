//! The short-command dialect: `start 42 "cool_name"`, `state :server`, `crash "x" :kill`.
//!
//! A line is a command only when it starts with a command word followed by blank space
//! or nothing, and what follows does not make it Elixir (`state = 1`, `count + 1`,
//! `start(1)`, `state.(x)` are Elixir). Values inside a command are Elixir, parsed by
//! `parser`. This module never evaluates anything.

use super::ast::Expr;
use super::lexer;
use super::parser::Parser;
use super::token::Tok;

#[derive(Clone, Debug, PartialEq)]
pub enum Name {
    /// `"cool_name"`: a Registry name, `{:via, Registry, {Registry, "cool_name"}}`.
    Via(String),
    /// `:server`
    Atom(String),
    /// `#PID<0.N.0>` or `pid(0, N, 0)`: the `N`.
    Pid(u64),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Start { value: Expr, name: Option<Name> },
    State(Name),
    Lookup(Name),
    Terminate(Name),
    Stop(Name),
    Crash { name: Name, reason: Option<Expr> },
    Children,
    Count,
    Registries,
    Atoms,
    Ps,
    Quit,
    Help(Option<String>),
    Explain(bool),
}

/// A command word with arguments it cannot take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandError {
    /// The usage line of the command, e.g. `usage: start VALUE [NAME]`.
    pub usage: String,
    /// 1-based column (in characters) where the arguments went wrong.
    pub column: u32,
}

const WORDS: [&str; 14] = [
    "start",
    "state",
    "lookup",
    "terminate",
    "stop",
    "crash",
    "children",
    "count",
    "registries",
    "atoms",
    "ps",
    "quit",
    "help",
    "explain",
];

/// The usage line of a command word.
pub fn usage(word: &str) -> String {
    let args = match word {
        "start" => " VALUE [NAME]",
        "state" | "lookup" | "terminate" | "stop" => " NAME",
        "crash" => " NAME [REASON]",
        "help" => " [COMMAND]",
        "explain" => " on|off",
        _ => "",
    };
    format!("usage: {word}{args}")
}

/// `None` when the line is not a short command (so it is Elixir).
pub fn parse_command(line: &str) -> Option<Result<Command, CommandError>> {
    let body = line.trim_start();
    let word_len = body
        .find(|c: char| !c.is_ascii_lowercase())
        .unwrap_or(body.len());
    let word = WORDS.into_iter().find(|w| *w == &body[..word_len])?;
    let after = &body[word_len..];
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return None; // `start(1)`, `state.(x)`, `count+1`, `stop?`
    }
    let args_text = after.trim_start();
    if continues_as_elixir(args_text) {
        return None;
    }
    let args = Args {
        line,
        at: line.len() - args_text.len(),
        word,
    };
    Some(command(word, args))
}

/// `state = 1`, `count + 1`, `ps |> f`, `stop when x`: an operator makes it Elixir.
fn continues_as_elixir(args: &str) -> bool {
    let word_op = ["and ", "or ", "in ", "when ", "not in "]
        .iter()
        .any(|w| args.starts_with(w));
    let mut chars = args.chars();
    let first = chars.next();
    let second = chars.next();
    word_op
        || match first {
            Some('-') => !second.is_some_and(|c| c.is_ascii_digit()),
            Some(
                '=' | '+' | '*' | '/' | '|' | '<' | '>' | '!' | '.' | ',' | '&' | ';' | ')' | ']'
                | '}',
            ) => true,
            Some(':') => second == Some(':'),
            _ => false,
        }
}

/// The arguments of one command, with positions for errors.
struct Args<'a> {
    line: &'a str,
    /// Byte offset of the first argument in `line`.
    at: usize,
    word: &'static str,
}

impl Args<'_> {
    fn rest(&self) -> &str {
        &self.line[self.at..]
    }

    fn is_empty(&self) -> bool {
        self.rest().trim().is_empty()
    }

    fn error(&self) -> CommandError {
        let column = self.line[..self.at].chars().count() as u32 + 1;
        CommandError {
            usage: usage(self.word),
            column,
        }
    }

    fn skip_blank(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn end(&mut self) -> Result<(), CommandError> {
        self.skip_blank();
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.error())
        }
    }

    /// One Elixir expression; leaves `at` after it.
    fn expr(&mut self) -> Result<Expr, CommandError> {
        self.skip_blank();
        let tokens = lexer::tokenize(self.rest()).map_err(|_| self.error())?;
        if tokens.first().is_some_and(|t| t.tok == Tok::Eof) {
            return Err(self.error());
        }
        let mut parser = Parser::new(&tokens);
        let mut expr = parser.command_value().map_err(|_| self.error())?;
        // The value's span, like every span, is an offset into the whole line.
        expr.span.start += self.at;
        expr.span.end += self.at;
        self.at += parser.offset();
        Ok(expr)
    }

    /// `"name"`, `:name`, `#PID<0.N.0>` or `pid(0, N, 0)`.
    fn name(&mut self) -> Result<Name, CommandError> {
        self.skip_blank();
        if let Some(pid) = self.pid() {
            return Ok(pid);
        }
        let start = self.at;
        let tokens = lexer::tokenize(self.rest()).map_err(|_| self.error())?;
        let name = match tokens.first().map(|t| &t.tok) {
            Some(Tok::Atom(atom)) => Name::Atom(atom.clone()),
            Some(Tok::Str(pieces)) => match pieces.as_slice() {
                [super::token::StrPiece::Lit(text)] => Name::Via(text.clone()),
                _ => return Err(self.error()),
            },
            _ => return Err(self.error()),
        };
        self.at = start + tokens[0].span.end;
        Ok(name)
    }

    fn pid(&mut self) -> Option<Name> {
        let rest = self.rest();
        let (inner, len) = if let Some(r) = rest.strip_prefix("#PID<") {
            let close = r.find('>')?;
            (r[..close].split('.').collect::<Vec<_>>(), 5 + close + 1)
        } else if let Some(r) = rest.strip_prefix("pid(") {
            let close = r.find(')')?;
            (r[..close].split(',').collect::<Vec<_>>(), 4 + close + 1)
        } else {
            return None;
        };
        let [_, n, _] = inner.as_slice() else {
            return None;
        };
        let n = n.trim().parse().ok()?;
        self.at += len;
        Some(Name::Pid(n))
    }
}

fn command(word: &'static str, mut args: Args) -> Result<Command, CommandError> {
    let no_args = |args: &mut Args, command| args.end().map(|_| command);
    match word {
        "start" => {
            let value = args.expr()?;
            args.skip_blank();
            let name = if args.is_empty() {
                None
            } else {
                Some(args.name()?)
            };
            args.end()?;
            Ok(Command::Start { value, name })
        }
        "state" | "lookup" | "terminate" | "stop" => {
            let name = args.name()?;
            args.end()?;
            Ok(match word {
                "state" => Command::State(name),
                "lookup" => Command::Lookup(name),
                "terminate" => Command::Terminate(name),
                _ => Command::Stop(name),
            })
        }
        "crash" => {
            let name = args.name()?;
            args.skip_blank();
            let reason = if args.is_empty() {
                None
            } else {
                Some(args.expr()?)
            };
            args.end()?;
            Ok(Command::Crash { name, reason })
        }
        "children" => no_args(&mut args, Command::Children),
        "count" => no_args(&mut args, Command::Count),
        "registries" => no_args(&mut args, Command::Registries),
        "atoms" => no_args(&mut args, Command::Atoms),
        "ps" => no_args(&mut args, Command::Ps),
        "quit" => no_args(&mut args, Command::Quit),
        "help" => help(&mut args),
        _ => explain(&mut args),
    }
}

fn help(args: &mut Args) -> Result<Command, CommandError> {
    args.skip_blank();
    if args.is_empty() {
        return Ok(Command::Help(None));
    }
    let topic: String = args
        .rest()
        .chars()
        .take_while(|c| c.is_ascii_lowercase())
        .collect();
    if topic.is_empty() {
        return Err(args.error());
    }
    args.at += topic.len();
    args.end()?;
    Ok(Command::Help(Some(topic)))
}

fn explain(args: &mut Args) -> Result<Command, CommandError> {
    args.skip_blank();
    let on = match args.rest().trim_end() {
        "on" => true,
        "off" => false,
        _ => return Err(args.error()),
    };
    Ok(Command::Explain(on))
}

#[cfg(test)]
mod tests;
