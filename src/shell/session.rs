//! A shell session: the iex loop without the terminal. It takes input a line at a time,
//! knows when an expression is complete, evaluates it as the shell process, and writes
//! what iex would show to the one `Output`. The interactive shell, replay and `check`
//! all drive a `Session`, so they cannot disagree about what a line prints.

use super::commands;
use crate::eval::report::{self, format_error, shell_exited};
use crate::eval::{Evaluator, ShellState};
use crate::inspect::{inspect, inspect_plain, Options};
use crate::output::{Output, Role};
use crate::runtime::{Client, Config, Event, Runtime};
use crate::syntax::{parse_input, parse_line, Parsed, SyntaxError};
use crate::term::Term;
use std::time::{Duration, SystemTime};

/// iex's banner, also printed when the shell process is restarted.
pub const BANNER: &str =
    "Interactive Elixir (1.14.0) - press Ctrl+C to exit (type h() ENTER for help)";

/// How long the shell waits for the node to go quiet after a line before printing.
const SETTLE: Duration = Duration::from_secs(2);

/// What feeding a line did.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Fed {
    /// The input so far is an incomplete expression: prompt with `...(N)>`.
    More,
    /// An expression (or an error) was evaluated and printed.
    Done,
    /// The user asked to leave.
    Quit,
    /// The node died (atom table full); its last words were printed.
    NodeCrashed,
}

pub struct Session {
    config: Config,
    runtime: Runtime,
    client: Client,
    state: ShellState,
    /// The `N` of `iex(N)>`: one more than the number of lines that succeeded.
    counter: usize,
    /// Whether the last complete input was a match (`x = ...`): iex then refuses a
    /// line starting with `|>`.
    after_match: bool,
    pending: String,
    out: Output,
    pub explain: bool,
    /// Whether a mistake gets a dimmed hint after iex's text (interactive use only).
    pub hints: bool,
    /// Set once the short commands have started `DSupervisor` and `Registry`.
    commands_ready: bool,
    /// Whether a line has read a variable of an earlier line yet (see `evaluate`).
    bindings_loaded: bool,
    /// Every variable name bound in this session, across shell restarts.
    variables: std::collections::BTreeSet<String>,
}

impl Session {
    /// An error as iex prints it, the session's structs shown as such.
    fn error_text(&self, e: &crate::error::Error) -> String {
        let order = self.runtime.code().struct_order();
        // A learner's exception words its own message: its `message/1` runs here.
        let message = |exception: &crate::term::Term| {
            let (mut out, _) = Output::buffer(false);
            let mut next_fun = 0;
            let mut ev = crate::eval::Evaluator::new(&self.client, &mut out, 1, &[], &mut next_fun);
            match crate::vm::module::exception_message(&mut ev, exception)? {
                Ok(text) => crate::eval::chars_to_string(&text).ok(),
                Err(_) => None,
            }
        };
        report::format_error_in(
            &report::Texts {
                structs: order.as_ref(),
                message: Some(&message),
            },
            e,
        )
    }

    pub fn new(config: Config, out: Output) -> Result<Session, String> {
        let runtime = Runtime::new(config.clone());
        // Supervisors start children through the VM (learners' modules, Agent, Task).
        crate::vm::module::install_runner(&runtime);
        let client = runtime.spawn_client().map_err(|e| {
            format!(
                "otpsh: cannot start the shell process: {}",
                format_error(&e)
            )
        })?;
        Ok(Session {
            config,
            runtime,
            client,
            state: ShellState::default(),
            counter: 1,
            after_match: false,
            pending: String::new(),
            out,
            explain: false,
            hints: false,
            commands_ready: false,
            variables: Default::default(),
            bindings_loaded: false,
        })
    }

    pub fn prompt(&self) -> String {
        if self.pending.is_empty() {
            format!("iex({})> ", self.counter)
        } else {
            format!("...({})> ", self.counter)
        }
    }

    pub fn out(&mut self) -> &mut Output {
        &mut self.out
    }

    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Names bound in the shell, for completion.
    pub fn bindings(&self) -> Vec<String> {
        self.state.env.names().map(str::to_string).collect()
    }

    /// Whether a multi-line expression is being typed.
    pub fn is_continuing(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Drops a half-typed expression (Ctrl-C at a `...(N)>` prompt).
    pub fn abandon(&mut self) {
        self.pending.clear();
    }

    /// Takes one line of input.
    pub fn feed(&mut self, line: &str) -> Fed {
        if line.trim() == "#iex:break" && self.is_continuing() {
            let line = self.counter;
            self.pending.clear();
            self.out.line(
                Role::Error,
                &format!("** (TokenMissingError) iex:{line}: incomplete expression"),
            );
            return Fed::Done;
        }
        if !self.pending.is_empty() {
            self.pending.push('\n');
        }
        self.pending.push_str(line);
        if self.pending.trim().is_empty() {
            self.pending.clear();
            return Fed::Done;
        }
        if !self.is_continuing_command() {
            let seen = &self.variables;
            if let Some(command) = commands::recognize(&self.pending, &|w| seen.contains(w)) {
                self.pending.clear();
                return self.command(command);
            }
        }
        let source = self.pending.clone();
        let parsed = parse_line(&source, self.after_match);
        if let Parsed::Complete(block) = &parsed {
            self.after_match = matches!(
                block.exprs.as_slice(),
                [crate::syntax::ast::Expr {
                    kind: crate::syntax::ast::ExprKind::Match { .. },
                    ..
                }]
            );
        }
        match parsed {
            Parsed::Incomplete => Fed::More,
            Parsed::Invalid(e) => {
                self.pending.clear();
                self.syntax_error(&e, &source);
                Fed::Done
            }
            // A line of comments only is nothing to evaluate: iex shows a new prompt.
            Parsed::Complete(block) if block.exprs.is_empty() => {
                self.pending.clear();
                Fed::Done
            }
            Parsed::Complete(block) => {
                self.pending.clear();
                self.evaluate(&block)
            }
        }
    }

    fn is_continuing_command(&self) -> bool {
        self.pending.contains('\n')
    }

    fn syntax_error(&mut self, e: &SyntaxError, source: &str) {
        let text = e.render(source, self.counter as u32);
        self.out.line(Role::Error, &text);
    }

    /// Runs a short command: prints what it stands for when asked, then evaluates it.
    fn command(&mut self, command: commands::Recognized) -> Fed {
        match command {
            commands::Recognized::Quit => Fed::Quit,
            commands::Recognized::Text(text) => {
                self.out.line(Role::Info, &text);
                Fed::Done
            }
            commands::Recognized::Explain(on) => {
                self.explain = on;
                self.out
                    .line(Role::Note, if on { "explain: on" } else { "explain: off" });
                Fed::Done
            }
            commands::Recognized::Usage(text) => {
                self.out.line(Role::Error, &text);
                Fed::Done
            }
            commands::Recognized::Elixir {
                source,
                needs_setup,
            } => {
                if needs_setup && !self.ensure_setup() {
                    return Fed::Done;
                }
                if self.explain {
                    self.out.line(Role::Note, &format!("# {source}"));
                }
                match parse_input(&source) {
                    Parsed::Complete(block) => self.evaluate(&block),
                    Parsed::Invalid(e) => {
                        self.syntax_error(&e, &source);
                        Fed::Done
                    }
                    Parsed::Incomplete => Fed::Done,
                }
            }
        }
    }

    /// Starts `DSupervisor` and a unique `Registry` named `Registry` the first time a
    /// short command needs them (and again if they died).
    fn ensure_setup(&mut self) -> bool {
        let sup = self
            .client
            .whereis(&crate::term::Atom::from_static("Elixir.DSupervisor"));
        let reg = self
            .client
            .registry_names()
            .contains(&Term::module("Registry"));
        if sup.is_some() && reg {
            return true;
        }
        let mut started = Vec::new();
        if sup.is_none() {
            let r = self.client.supervisor_start(
                Some(&crate::term::Atom::from_static("Elixir.DSupervisor")),
                &Term::empty_list(),
                true,
            );
            if let Err(e) = r {
                self.out.line(Role::Error, &self.error_text(&e));
                return false;
            }
            started.push("DSupervisor.start_link([])");
        }
        if !reg {
            let opts = Term::list(vec![
                Term::tuple(vec![Term::atom("keys"), Term::atom("unique")]),
                Term::tuple(vec![Term::atom("name"), Term::module("Registry")]),
            ]);
            if let Err(e) = self.client.registry_start(&opts, true) {
                self.out.line(Role::Error, &self.error_text(&e));
                return false;
            }
            started.push("Registry.start_link(keys: :unique, name: Registry)");
        }
        self.commands_ready = true;
        self.out
            .line(Role::Note, &format!("# started: {}", started.join("; ")));
        true
    }

    fn evaluate(&mut self, block: &crate::syntax::ast::Block) -> Fed {
        let mut env = self.state.env.clone();
        let result = {
            let mut ev = Evaluator::new(
                &self.client,
                &mut self.out,
                self.counter,
                &[],
                &mut self.state.next_fun,
            )
            .with_history(&self.state.history);
            let first_read = !self.bindings_loaded
                && crate::eval::variable_names(block)
                    .iter()
                    .any(|n| self.state.env.get(n).is_some());
            if first_read {
                // iex loads its binding machinery the first time a line reads a variable
                // of an earlier line; loading code creates atoms (measured: 2).
                self.bindings_loaded = true;
                let _ = ev.atom_names(&["elixir_erl_var_reuse", "erl_eval_binding_reuse"]);
            }
            let result = ev
                .intern_identifiers(block)
                .and_then(|_| ev.eval_line(block, &mut env));
            (result, ev.take_line_starts())
        };
        let (result, _starts_after_result) = result;
        self.runtime.settle(SETTLE);
        self.print_events();
        if let Some(words) = self.runtime.crashed() {
            self.out.line(Role::Error, &words);
            return Fed::NodeCrashed;
        }
        if let Some(reason) = self.client.exit_reason() {
            self.restart_shell(&reason);
            return Fed::Done;
        }
        if self.client.interrupted() {
            // Ctrl-C while the line ran: it is abandoned, nothing is bound or counted.
            self.client.clear_interrupt();
            self.out
                .line(Role::Note, "interrupted (Ctrl-C): the line was abandoned");
            return Fed::Done;
        }
        match result {
            Ok(value) => {
                let text = inspect(
                    &value,
                    &Options {
                        color: self.out.color(),
                        user_structs: self.client.runtime().code().struct_order(),
                        ..Options::default()
                    },
                );
                // iex's helpers that print their answer return this atom, not shown.
                if !value.is_atom(crate::eval::DONT_DISPLAY) {
                    self.out.line(Role::Result, &text);
                }
                self.variables.extend(env.names().map(str::to_string));
                self.state.env = env;
                self.state.history.append(value);
                self.counter += 1;
            }
            Err(e) => {
                self.out.line(Role::Error, &self.error_text(&e));
                if let Some(hint) = self.hints.then(|| super::hints::for_error(&e)).flatten() {
                    self.out.line(Role::Note, &hint);
                }
            }
        }
        Fed::Done
    }

    /// Prints what the node reported while the line ran (crash reports), in order.
    pub fn print_events(&mut self) {
        while let Ok(event) = self.runtime.events().try_recv() {
            let time = report::timestamp(SystemTime::now());
            let text = match event {
                Event::GenServerTerminating {
                    name,
                    reason,
                    last_message,
                    state,
                    client,
                    stack,
                } => report::gen_server_terminating_in(
                    &report::Texts {
                        structs: self.runtime.code().struct_order().as_ref(),
                        message: None,
                    },
                    &time,
                    &report::Terminating {
                        name: &name,
                        reason: &reason,
                        last_message: &last_message,
                        state: &state,
                        client,
                        stack: stack.as_ref(),
                    },
                ),
                Event::UnexpectedMessage {
                    module,
                    name,
                    message,
                } => format!(
                    "{time} [error] {} {} received unexpected message in handle_info/2: {}\n",
                    inspect_plain(&module),
                    inspect_plain(&name),
                    // Erlang's `~p`, which Logger shows as the pretty inspect of 80 columns.
                    crate::inspect::inspect(&message, &crate::inspect::Options::default())
                ),
                Event::Error(text) => format!("{time} [error] {text}"),
                // Printed once, by `evaluate`, when it sees the node dead.
                Event::NodeCrashed(_) => continue,
                Event::Output(text) => {
                    self.out.write(&text);
                    continue;
                }
            };
            self.out.write("\n");
            self.out.line(Role::Error, &text);
        }
    }

    /// The shell process was killed: say so as iex does, and go on as a new process with
    /// no bindings, counting lines from 1 again.
    fn restart_shell(&mut self, reason: &Term) {
        let old = self.client.pid();
        // A normal exit restarts the shell without a word, as iex does.
        if !reason.is_atom("normal") {
            self.out.line(Role::Error, &shell_exited(old, reason));
            self.out.write("\n");
        }
        if self.hints {
            self.out
                .line(Role::Note, &super::hints::for_shell_exit(reason));
        }
        self.out.line(Role::Info, BANNER);
        match self.runtime.spawn_client() {
            Ok(client) => self.client = client,
            Err(e) => {
                let text = self.error_text(&e);
                self.out.line(Role::Error, &text)
            }
        }
        self.state = ShellState::default();
        self.counter = 1;
        self.after_match = false;
    }

    /// After the node died: a fresh node, as if iex had been started again.
    pub fn restart_node(&mut self) -> Result<(), String> {
        self.runtime.shutdown();
        let out = std::mem::replace(&mut self.out, Output::new(Box::new(std::io::sink()), false));
        let (explain, hints) = (self.explain, self.hints);
        *self = Session::new(self.config.clone(), out)?;
        self.explain = explain;
        self.hints = hints;
        self.out.line(Role::Info, BANNER);
        Ok(())
    }

    /// Stops every process (Ctrl-D, `quit`, end of a script).
    pub fn shutdown(&mut self) {
        self.runtime.shutdown();
        self.out.flush();
    }
}
