//! The one place where errors become text: iex's `** (Module) message` banners,
//! `Exception.format_exit/1` for exit reasons, the shell-restart line and Logger's
//! GenServer crash report. Every text here is what Elixir 1.14 prints for the same value.

use crate::error::{exception_field, exception_module, Error};
use crate::inspect::inspect_plain;
use crate::term::{Pid, Term};

/// How errors print the values in them: the session's structs in their field order.
#[derive(Default)]
pub struct Texts<'a> {
    pub structs: Option<&'a crate::inspect::StructOrder>,
    /// The message of an exception whose module defines `message/1` (a learner's
    /// `defexception`), run by the caller.
    pub message: Option<&'a MessageOf<'a>>,
}

/// Runs an exception's own `message/1`, when it has one.
pub type MessageOf<'a> = dyn Fn(&Term) -> Option<String> + 'a;

impl Texts<'_> {
    /// A value as `inspect/1` shows it on one line.
    fn plain(&self, term: &Term) -> String {
        match self.structs {
            None => inspect_plain(term),
            Some(_) => crate::inspect::inspect(term, &self.options(false)),
        }
    }

    /// A value as the shell pretty-prints it (80 columns).
    fn pretty(&self, term: &Term) -> String {
        crate::inspect::inspect(term, &self.options(true))
    }

    fn options(&self, pretty: bool) -> crate::inspect::Options {
        crate::inspect::Options {
            pretty,
            user_structs: self.structs.cloned(),
            ..crate::inspect::Options::default()
        }
    }
}

pub fn exception_message(e: &Term) -> String {
    exception_message_in(&Texts::default(), e)
}

pub fn format_banner(e: &Term) -> String {
    format_banner_in(&Texts::default(), e)
}

pub fn format_error(error: &Error) -> String {
    format_error_in(&Texts::default(), error)
}

pub fn format_exit(reason: &Term) -> String {
    format_exit_in(&Texts::default(), reason)
}

pub fn format_mfa(module: &Term, function: &str, args: &[Term]) -> String {
    format_mfa_in(&Texts::default(), module, function, args)
}

pub fn gen_server_terminating(
    time: &str,
    name: &Term,
    reason: &Term,
    last_message: &Term,
    state: &Term,
    client: Option<(Pid, bool)>,
) -> String {
    let report = Terminating {
        name,
        reason,
        last_message,
        state,
        client,
        stack: None,
    };
    gen_server_terminating_in(&Texts::default(), time, &report)
}

pub fn shell_exited(shell: Pid, reason: &Term) -> String {
    shell_exited_in(&Texts::default(), shell, reason)
}

/// `** (Module) message` alone: what Logger prints for an exception that ended a
/// process (it does not add `Exception.blame/3`'s argument list, the shell does).
pub fn format_banner_in(tx: &Texts, e: &Term) -> String {
    format!("** ({}) {}", module_name(e), exception_message_in(tx, e))
}

/// What iex prints when a line fails: `** (ArgumentError) ...`, `** (exit) ...`.
pub fn format_error_in(tx: &Texts, error: &Error) -> String {
    match error {
        Error::Raise(e) => {
            format!(
                "** ({}) {}{}",
                module_name(e),
                exception_message_in(tx, e),
                blame_in(tx, e)
            )
        }
        Error::Exit(reason) => format!("** (exit) {}", format_exit_in(tx, reason)),
        Error::Throw(value) => format!("** (throw) {}", tx.plain(value)),
        Error::Located(inner, frame) => {
            let text = format_error_in(tx, inner);
            let text = match &frame.blame {
                Some(blame) => match text.split_once('\n') {
                    Some((first, rest)) => format!("{first}{blame}\n{rest}"),
                    None => format!("{text}{blame}"),
                },
                None => text,
            };
            format!("{text}\n    {}", frame.line)
        }
    }
}

/// What iex adds under a `FunctionClauseError` whose arguments are known: the
/// arguments, one by one.
fn blame_in(tx: &Texts, e: &Term) -> String {
    match exception_module(e).as_deref() {
        Some("KeyError") => return key_hint_in(tx, e),
        Some("UndefinedFunctionError") => return function_hint(e),
        _ => {}
    }
    let (Some(module), Some(Term::List(args))) = (exception_module(e), exception_field(e, "args"))
    else {
        return String::new();
    };
    if module != "FunctionClauseError" {
        return String::new();
    }
    let mut text = format!(
        "\n\n    The following arguments were given to {}:\n",
        function_name_in(tx, e)
    );
    for (i, arg) in args.iter().enumerate() {
        // The shell inspects each argument with its own options (pretty, width 80),
        // and `FunctionClauseError.blame/3` indents every line of a broken layout.
        let shown = tx.pretty(arg);
        text.push_str(&format!(
            "\n        # {}\n        {}\n",
            i + 1,
            shown.replace('\n', "\n        ")
        ));
    }
    if let Some(Term::List(clauses)) = exception_field(e, "clauses") {
        if !clauses.is_empty() {
            let n = clauses.len();
            text.push_str(&format!(
                "\n    Attempted function clauses (showing {n} out of {n}):\n\n"
            ));
            for clause in clauses.iter() {
                text.push_str(&format!("        {}\n", text_of_in(tx, clause)));
            }
        }
    }
    text
}

/// `UndefinedFunctionError.blame/2`: functions of the module spelled alike.
fn function_hint(e: &Term) -> String {
    let field = |name: &str| exception_field(e, name).cloned().unwrap_or_else(Term::nil);
    let (Term::Atom(module), Term::Atom(function), Term::Int(arity)) =
        (field("module"), field("function"), field("arity"))
    else {
        return String::new();
    };
    if !field("message").is_nil() {
        return String::new();
    }
    super::builtins::did_you_mean(module.name(), function.name(), arity as usize)
}

/// `KeyError.blame/2`: for an atom key missing from a map of atom keys or a keyword
/// list, the keys spelled alike (Jaro distance >= 0.77, at most five).
fn key_hint_in(tx: &Texts, e: &Term) -> String {
    let field = |name: &str| exception_field(e, name).cloned().unwrap_or_else(Term::nil);
    let (Term::Atom(key), term) = (field("key"), field("term")) else {
        return String::new();
    };
    if !field("message").is_nil() {
        return String::new();
    }
    let keys: Option<Vec<Term>> = match &term {
        Term::Map(m) => m.keys().map(|k| k.as_atom().map(|_| k.clone())).collect(),
        Term::List(items) => items
            .iter()
            .map(|p| match p.as_tuple() {
                Some([k @ Term::Atom(_), _]) => Some(k.clone()),
                _ => None,
            })
            .collect(),
        _ => None,
    };
    let mut close: Vec<(f64, Term)> = keys
        .unwrap_or_default()
        .into_iter()
        .filter_map(|k| {
            let name = k.as_atom()?.name().to_string();
            let d = crate::eval::builtins::jaro::distance(key.name(), &name);
            (d >= 0.77).then_some((d, k))
        })
        .collect();
    if close.is_empty() {
        return String::new();
    }
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    close.truncate(5);
    close.sort_by(|a, b| a.1.cmp(&b.1));
    let mut hint = String::from(". Did you mean:\n");
    for (_, k) in close {
        hint.push_str(&format!("\n      * {}", tx.plain(&k)));
    }
    hint.push('\n');
    hint
}

fn text_of_in(tx: &Texts, t: &Term) -> String {
    match t {
        Term::Binary(b) => String::from_utf8_lossy(b).into_owned(),
        other => tx.plain(other),
    }
}

/// `Module.fun/arity` of a `FunctionClauseError`.
fn function_name_in(tx: &Texts, e: &Term) -> String {
    let field = |name: &str| exception_field(e, name).cloned().unwrap_or_else(Term::nil);
    let fun = tx.plain(&field("function"));
    // An anonymous fn is compiled to `-outer/arity-fun-N-` (`Exception.format_mfa/3`).
    if let Some((outer, _)) = fun
        .trim_start_matches(":\"-")
        .split_once("-fun-")
        .filter(|(outer, _)| fun.starts_with(":\"-") && outer.contains('/'))
    {
        return format!(
            "anonymous fn/{} in {}.{}",
            tx.plain(&field("arity")),
            tx.plain(&field("module")),
            outer
        );
    }
    format!(
        "{}.{}/{}",
        tx.plain(&field("module")),
        fun.trim_start_matches(':'),
        tx.plain(&field("arity"))
    )
}

fn module_name(exception: &Term) -> String {
    exception_module(exception).unwrap_or_else(|| "ErlangError".into())
}

/// `Exception.message/1` for the exceptions the shell raises.
pub fn exception_message_in(tx: &Texts, e: &Term) -> String {
    if let Some(message) = tx.message.and_then(|m| m(e)) {
        return message;
    }
    let field = |name: &str| exception_field(e, name).cloned().unwrap_or_else(Term::nil);
    let shown = |name: &str| tx.plain(&field(name));
    let module = module_name(e);
    match module.as_str() {
        "CompileError" => format!(
            "{}:{}: {}",
            text_in(tx, &field("file")),
            shown("line"),
            text_in(tx, &field("description"))
        ),
        "MatchError" => format!("no match of right hand side value: {}", shown("term")),
        "CaseClauseError" => format!("no case clause matching: {}", shown("term")),
        "WithClauseError" => format!("no with clause matching: {}", shown("term")),
        "TryClauseError" => format!("no try clause matching: {}", shown("term")),
        "BadMapError" => format!("expected a map, got: {}", shown("term")),
        "BadFunctionError" => format!("expected a function, got: {}", shown("term")),
        "BadStructError" => format!(
            "expected a struct named {}, got: {}",
            shown("struct"),
            shown("term")
        ),
        "BadBooleanError" => format!(
            "expected a boolean on left-side of \"{}\", got: {}",
            text_atom_in(tx, &field("operator")),
            shown("term")
        ),
        "KeyError" if field("message").is_nil() => match field("term") {
            t if t.is_nil() => format!("key {} not found", shown("key")),
            t => format!("key {} not found in: {}", shown("key"), tx.plain(&t)),
        },
        "ErlangError" if field("message").is_nil() => {
            format!("Erlang error: {}", shown("original"))
        }
        "UndefinedFunctionError" if field("function").is_nil() || field("arity").is_nil() => {
            "undefined function".into()
        }
        "UndefinedFunctionError" if field("message").is_nil() => {
            let name = |t: Term| {
                t.as_atom()
                    .map(|a| a.name().to_string())
                    .unwrap_or_default()
            };
            super::builtins::undefined_function_message(
                &name(field("module")),
                &name(field("function")),
                field("arity").as_int().unwrap_or(0) as usize,
            )
        }
        "BadArityError" => bad_arity_in(tx, &field("function"), &field("args")),
        "FunctionClauseError" if field("function").is_nil() => "no function clause matches".into(),
        "FunctionClauseError" => {
            format!("no function clause matching in {}", function_name_in(tx, e))
        }
        _ => match field("message") {
            Term::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
            // `Exception.message/1` reports a message that is not a string.
            m if exception_field(e, "message").is_some() => format!(
                "got {} while retrieving Exception.message/1 for {} (expected a string)",
                tx.plain(&m),
                tx.plain(e)
            ),
            _ => format!("{} raised", module),
        },
    }
}

fn text_in(tx: &Texts, t: &Term) -> String {
    match t {
        Term::Binary(b) => String::from_utf8_lossy(b).into_owned(),
        other => tx.plain(other),
    }
}

fn text_atom_in(tx: &Texts, t: &Term) -> String {
    match t {
        Term::Atom(a) => a.name().to_string(),
        other => tx.plain(other),
    }
}

fn bad_arity_in(tx: &Texts, function: &Term, args: &Term) -> String {
    let args = args.as_list().unwrap_or(&[]);
    let arity = match function {
        Term::Fun(f) => f.arity,
        _ => 0,
    };
    let called = match args.len() {
        0 => "no arguments".to_string(),
        1 => "1 argument".to_string(),
        n => format!("{n} arguments"),
    };
    let listed: Vec<String> = args.iter().map(inspect_plain).collect();
    let mut message = format!(
        "{} with arity {arity} called with {called}",
        tx.plain(function)
    );
    if !listed.is_empty() {
        message.push_str(&format!(" ({})", listed.join(", ")));
    }
    message
}

/// `Exception.format_exit/1`.
pub fn format_exit_in(tx: &Texts, reason: &Term) -> String {
    format_exit_with_in(tx, reason, "\n    ")
}

fn format_exit_with_in(tx: &Texts, reason: &Term, joiner: &str) -> String {
    if let Some([first, second]) = reason.as_tuple() {
        if let Some(exception) = raised(first, second) {
            // Only the banner's first line takes the nesting's indent: iex leaves a
            // message's own line breaks as they are.
            let mut banner = format!(
                "** ({}) {}",
                module_name(&exception),
                exception_message_in(tx, &exception)
            );
            // The frames that carry their arguments (a BIF's call) print as calls
            // under the banner; the others are `file:line` lines, not reproduced. A
            // clause error's blame takes the arguments off its frame.
            let clause = module_name(&exception) == "FunctionClauseError";
            for frame in second.as_list().unwrap_or(&[]) {
                if let Some(line) = shell_frame_in(tx, frame) {
                    banner.push_str(&format!("{joiner}    {line}"));
                    continue;
                }
                if clause && call_frame(frame).is_some() {
                    continue;
                }
                if let Some(line) = stack_line_in(tx, frame) {
                    banner.push_str(&format!("{joiner}    {line}"));
                }
            }
            return format!("an exception was raised:{joiner}{banner}");
        }
        if let Some([m, Term::Atom(f), Term::List(args)]) = second.as_tuple() {
            if let Term::Atom(_) = m {
                let nested = format!("{joiner}    ");
                return format!(
                    "exited in: {}{joiner}** (EXIT) {}",
                    format_mfa_in(tx, m, f.name(), args),
                    format_exit_with_in(tx, first, &nested)
                );
            }
        }
    }
    format_exit_reason_in(tx, reason)
}

/// The exception of an exit `{reason, stacktrace}`, as `Exception.format_exit/1`
/// reads it: an exception struct, or an Erlang error reason (`:function_clause`,
/// `:badarg`) under a non-empty list of stack frames, normalized as Elixir does.
fn raised(reason: &Term, stack: &Term) -> Option<Term> {
    let frames = stack.as_list()?;
    if exception_module(reason).is_some() {
        return Some(reason.clone());
    }
    if frames.is_empty() || !frames.iter().all(is_frame) {
        return None;
    }
    // `{:badkey, key}` raised by `:erlang.map_get(key, map)`: the map is in the BIF's
    // frame, and Elixir's `KeyError` names it.
    if let (Some([tag, key]), Some([_, f, Term::List(args), _])) =
        (reason.as_tuple(), frames[0].as_tuple())
    {
        if tag.is_atom("badkey") && f.is_atom("map_get") && args.len() == 2 {
            let full = Term::tuple(vec![tag.clone(), key.clone(), args[1].clone()]);
            return Some(crate::eval::builtins::exceptions::normalize(&full));
        }
    }
    if !reason.is_atom("function_clause") {
        return Some(crate::eval::builtins::exceptions::normalize(reason));
    }
    // `FunctionClauseError` names the function at the top of the stack.
    let [module, function, args, _] = frames[0].as_tuple()? else {
        return None;
    };
    let arity = match args {
        Term::List(args) => Term::Int(args.len() as i64),
        other => other.clone(),
    };
    Some(crate::error::exception(
        "FunctionClauseError",
        vec![
            ("module", module.clone()),
            ("function", function.clone()),
            ("arity", arity),
        ],
    ))
}

/// The `(app vsn) ` a stack entry names its module's application with: Elixir's own
/// modules, stdlib's; none for `:erlang` (preloaded) or a module defined in the shell.
fn app_of(module: &Term) -> &'static str {
    let name = module.as_atom().map_or("", |a| a.name());
    match name {
        "Elixir.Server" | "Elixir.DSupervisor" => "",
        m if m.starts_with("Elixir.") && crate::eval::builtins::is_known_module(m) => {
            "(elixir 1.14.0) "
        }
        "lists" | "maps" | "gen_server" | "gen" | "proc_lib" | "sys" | "erl_eval" => {
            "(stdlib 4.2) "
        }
        _ => "",
    }
}

/// A stack entry's `[file: 'path', line: n]`.
fn file_line(location: &Term) -> Option<(String, i64)> {
    let keyword = |key: &str| {
        location
            .as_list()?
            .iter()
            .find_map(|kv| match kv.as_tuple() {
                Some([k, v]) if k.is_atom(key) => Some(v.clone()),
                _ => None,
            })
    };
    let file = crate::eval::chars_to_string(&keyword("file")?).ok()?;
    Some((file, keyword("line")?.as_int()?))
}

/// A frame of code typed at the shell (`file: 'iex'`), as `Exception.format_stacktrace_entry/1`
/// prints it: `iex:9: Stack.handle_call(:pop, from, [])`, or `iex:3: M.f/1`.
pub(crate) fn shell_frame_in(tx: &Texts, frame: &Term) -> Option<String> {
    let [module @ Term::Atom(_), Term::Atom(f), args, location] = frame.as_tuple()? else {
        return None;
    };
    let (file, line) = file_line(location)?;
    if file != "iex" {
        return None;
    }
    let call = match args {
        Term::List(args) => format_mfa_in(tx, module, f.name(), args),
        Term::Int(arity) => match anonymous_fn(f.name()) {
            Some(outer) => format!("anonymous fn/{arity} in {}.{outer}", tx.plain(module)),
            None => {
                let function = tx.plain(&Term::atom(f.name()));
                format!(
                    "{}.{}/{arity}",
                    tx.plain(module),
                    function.trim_start_matches(':')
                )
            }
        },
        _ => return None,
    };
    Some(format!("iex:{line}: {call}"))
}

/// The function an anonymous fn was compiled in, `f/0` of `-f/0-fun-0-`.
fn anonymous_fn(name: &str) -> Option<&str> {
    let (outer, _) = name.strip_prefix('-')?.split_once("-fun-")?;
    outer.contains('/').then_some(outer)
}

/// One entry of a stacktrace as `Exception.format_stacktrace_entry/1` prints it: a
/// shell frame, a file frame (`(stdlib 4.2) gen_server.erl:1149: :gen_server.try_handle_call/4`)
/// or a BIF's call (`:erlang.div(1, 0)`).
fn stack_line_in(tx: &Texts, frame: &Term) -> Option<String> {
    if let Some(line) = shell_frame_in(tx, frame) {
        return Some(line);
    }
    if let Some((m, f, args)) = call_frame(frame) {
        return Some(format!("{}{}", app_of(m), format_mfa_in(tx, m, f, args)));
    }
    let [module @ Term::Atom(_), Term::Atom(f), Term::Int(arity), location] = frame.as_tuple()?
    else {
        return None;
    };
    let (file, line) = file_line(location)?;
    let function = tx.plain(&Term::atom(f.name()));
    Some(format!(
        "{}{file}:{line}: {}.{}/{arity}",
        app_of(module),
        tx.plain(module),
        function.trim_start_matches(':')
    ))
}

/// A stack frame `{module, function, args, _}` that has its arguments.
fn call_frame(frame: &Term) -> Option<(&Term, &str, &[Term])> {
    match frame.as_tuple()? {
        [m @ Term::Atom(_), Term::Atom(f), Term::List(args), _] => Some((m, f.name(), args)),
        _ => None,
    }
}

/// `{module, function, arity_or_args, location}`, what `Exception.format_stacktrace_entry/1`
/// formats.
fn is_frame(frame: &Term) -> bool {
    matches!(
        frame.as_tuple(),
        Some([
            Term::Atom(_),
            Term::Atom(_),
            Term::Int(_) | Term::List(_),
            Term::List(_)
        ])
    )
}

/// `Exception.format_mfa/3`: `GenServer.call(:beta, :state, 5000)`.
pub fn format_mfa_in(tx: &Texts, module: &Term, function: &str, args: &[Term]) -> String {
    let args: Vec<String> = args.iter().map(inspect_plain).collect();
    let function = tx.plain(&Term::atom(function));
    format!(
        "{}.{}({})",
        tx.plain(module),
        function.trim_start_matches(':'),
        args.join(", ")
    )
}

fn format_exit_reason_in(tx: &Texts, reason: &Term) -> String {
    if let Term::Atom(a) = reason {
        let text = match a.name() {
            "normal" => "normal",
            "shutdown" => "shutdown",
            "calling_self" => "process attempted to call itself",
            "timeout" => "time out",
            "killed" => "killed",
            "noconnection" => "no connection",
            "noproc" => "no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started",
            _ => "",
        };
        if !text.is_empty() {
            return text.to_string();
        }
    }
    if let Some([tag, inner]) = reason.as_tuple() {
        if tag.is_atom("start_spec") {
            if let Some([dup, id]) = inner.as_tuple() {
                if dup.is_atom("duplicate_child_name") {
                    return format!(
                        "bad child specification, more than one child specification has the id: {}.\n\
                         If using maps as child specifications, make sure the :id keys are unique.\n\
                         If using a module or {{module, arg}} as child, use Supervisor.child_spec/2 to change the :id, for example:\n\n    \
                         children = [\n      Supervisor.child_spec({{MyWorker, arg}}, id: :my_worker_1),\n      \
                         Supervisor.child_spec({{MyWorker, arg}}, id: :my_worker_2)\n    ]\n",
                        tx.plain(id)
                    );
                }
            }
        }
        if tag.is_atom("already_started") {
            return format!("already started: {}", tx.plain(inner));
        }
        if tag.is_atom("shutdown") {
            // A supervisor whose child did not start (`Exception.format_exit/1`).
            if let Some([what, child, why]) = inner.as_tuple() {
                if what.is_atom("failed_to_start_child") {
                    return format!(
                        "shutdown: failed to start child: {}\n    ** (EXIT) {}",
                        tx.plain(child),
                        format_exit_with_in(tx, why, "\n    ")
                    );
                }
            }
            return format!("shutdown: {}", tx.plain(inner));
        }
        if tag.is_atom("bad_return_value") {
            return format!("bad return value: {}", tx.plain(inner));
        }
        // `Exception.format_exit/1`'s words for a supervisor's bad flags.
        if tag.is_atom("supervisor_data") {
            let words = match inner.as_tuple() {
                Some([what, _]) => match what.as_atom().map(|a| a.name()) {
                    Some("invalid_type") => "invalid type",
                    Some("invalid_strategy") => "invalid strategy",
                    Some("invalid_intensity") => "invalid max_restarts (intensity)",
                    Some("invalid_period") => "invalid max_seconds (period)",
                    Some("invalid_max_children") => "invalid max_children",
                    Some("invalid_extra_arguments") => "invalid extra_arguments",
                    _ => "",
                },
                _ => "",
            };
            let data = match inner.as_tuple() {
                Some([_, value]) if !words.is_empty() => {
                    format!("{words}: {}", tx.plain(value))
                }
                _ => format!("got: {}", tx.plain(inner)),
            };
            return format!("bad supervisor configuration, {data}");
        }
    }
    tx.plain(reason)
}

/// iex's line when the shell process was killed by an exit signal.
pub fn shell_exited_in(tx: &Texts, shell: Pid, reason: &Term) -> String {
    format!(
        "** (EXIT from {}) shell process exited with reason: {}",
        tx.plain(&Term::Pid(shell)),
        format_exit_in(tx, reason)
    )
}

/// What Logger's report of a terminating GenServer shows.
pub struct Terminating<'a> {
    pub name: &'a Term,
    pub reason: &'a Term,
    pub last_message: &'a Term,
    pub state: &'a Term,
    pub client: Option<(Pid, bool)>,
    /// The stack of an exit the server made (an exception's is in `reason`).
    pub stack: Option<&'a Term>,
}

/// Logger's report for a GenServer that terminated abnormally, with the frames of its
/// stack that otpsh keeps.
pub fn gen_server_terminating_in(tx: &Texts, time: &str, report: &Terminating) -> String {
    let Terminating {
        name,
        reason,
        last_message,
        state,
        client,
        stack,
    } = *report;
    let mut lines = vec![format!(
        "{time} [error] GenServer {} terminating",
        tx.plain(name)
    )];
    // Logger normalizes an Erlang error under a stack (`{:function_clause, [...]}`)
    // into its exception, as it does an exception struct.
    let raised = match reason.as_tuple() {
        Some([e, stack]) if exception_module(e).is_some() && stack.as_list().is_some() => {
            Some(e.clone())
        }
        Some([e, stack]) => raised(e, stack),
        _ => None,
    };
    lines.push(match &raised {
        Some(e) => format!("** ({}) {}", module_name(e), exception_message_in(tx, e)),
        None => format!("** (stop) {}", format_exit_in(tx, reason)),
    });
    // An exit the callback made: Logger prints its stack under the reason.
    if let (None, Some(Term::List(frames))) = (&raised, stack) {
        lines.extend(
            frames
                .iter()
                .filter_map(|f| stack_line_in(tx, f))
                .map(|l| format!("    {l}")),
        );
    }
    if let (Some(e), Some([_, Term::List(stack)])) = (&raised, reason.as_tuple()) {
        // A clause error's blame has taken the arguments off a frame without a file.
        let clause = module_name(e) == "FunctionClauseError";
        lines.extend(
            stack
                .iter()
                .filter(|f| !(clause && shell_frame_in(tx, f).is_none() && call_frame(f).is_some()))
                .filter_map(|f| stack_line_in(tx, f))
                .map(|l| format!("    {l}")),
        );
    }
    match client {
        Some((pid, _)) => lines.push(format!(
            "Last message (from {}): {}",
            tx.plain(&Term::Pid(pid)),
            tx.plain(last_message)
        )),
        None => lines.push(format!("Last message: {}", tx.plain(last_message))),
    }
    lines.push(format!("State: {}", tx.plain(state)));
    if let Some((pid, alive)) = client {
        let status = if alive { "is alive" } else { "is dead" };
        lines.push(format!("Client {} {status}", tx.plain(&Term::Pid(pid))));
    }
    lines.join("\n")
}

/// `HH:MM:SS.mmm` of a wall-clock time, as Logger stamps its lines (UTC).
pub fn timestamp(now: std::time::SystemTime) -> String {
    let since = now
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since.as_secs() % 86_400;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        since.subsec_millis()
    )
}
