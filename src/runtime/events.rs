//! What the node has to say to the user, as values: crash reports and Logger lines.
//!
//! Worker threads never print; they send an `Event` on the node's channel and the shell
//! drains it (`Runtime::events()`), in order, before it prints a result.

use crate::term::{Pid, Term};

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Logger's `[error] GenServer NAME terminating` report: name is the pid, the
    /// registered atom, or for via names the `{registry, key}` tuple, as iex prints it.
    GenServerTerminating {
        name: Term,
        reason: Term,
        last_message: Term,
        state: Term,
        client: Option<(Pid, bool)>,
        /// The stack of an exit the callback made (`exit/1`, a failed call inside it),
        /// which Logger prints under the reason; exceptions carry theirs in `reason`.
        stack: Option<Term>,
    },
    /// `use GenServer`'s default `handle_info/2` got a message it does not expect. iex
    /// prints `[error] MODULE NAME received unexpected message in handle_info/2: MSG`
    /// (module and name inspected, e.g. `Server #PID<0.116.0>` or `Server :named`),
    /// followed by a blank line.
    UnexpectedMessage {
        module: Term,
        name: Term,
        message: Term,
    },
    /// Any other Logger error line, already as text after "[error] ".
    Error(String),
    /// The node died (atom table full): the BEAM's words.
    NodeCrashed(String),
    /// What a process other than the shell wrote (`IO.puts` in a spawned function): iex
    /// shows it through the group leader, between prompts.
    Output(String),
}
