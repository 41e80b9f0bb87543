//! The guide's `Server` module, in Rust, with what `use GenServer` adds to it.
//!
//! ```elixir
//! def init(arg), do: {:ok, arg}
//! def handle_call(:state, _from, state), do: {:reply, state, state}
//! ```
//! Any other call is a `FunctionClauseError`; a cast raises `use GenServer`'s "attempted
//! to cast" RuntimeError; an unexpected message is logged and ignored (texts from iex).

use super::gen_server::{Callbacks, Reply};
use crate::error::Error;
use crate::term::Term;

pub(crate) struct Server;

impl Callbacks for Server {
    fn module(&self) -> &'static str {
        "Server"
    }

    fn init(&self, arg: Term) -> Result<Term, Error> {
        Ok(arg)
    }

    fn handle_call(&self, request: &Term, state: &Term) -> Result<Reply, Error> {
        if request.is_atom("state") {
            Ok(Reply::Reply(state.clone(), state.clone()))
        } else {
            Err(Error::function_clause("Server", "handle_call", 3))
        }
    }

    fn handle_cast(&self, _request: &Term, _state: &Term, proc_name: &str) -> Result<Term, Error> {
        Err(Error::raise_message(
            "RuntimeError",
            format!(
                "attempted to cast GenServer {proc_name} but no handle_cast/2 clause was provided"
            ),
        ))
    }
}
