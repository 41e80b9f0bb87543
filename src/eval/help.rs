//! iex's `h/1` helper. otpsh keeps the documentation of the few functions the guide
//! has a learner call (recorded from iex 1.14, in `builtins/docs/`) and answers the
//! rest as iex would when it can: a module that does not exist, the guide's own
//! modules (compiled without docs), a function the module does not have.

use super::{Env, Evaluator, DONT_DISPLAY};
use crate::error::Result;
use crate::inspect::inspect_plain;
use crate::syntax::ast::{BinaryOp, CallTarget, Expr, ExprKind};
use crate::term::Term;

/// `(module, function, arity, iex's text)`.
const DOCS: &[(&str, &str, i64, &str)] = &[
    (
        "Registry",
        "lookup",
        2,
        include_str!("builtins/docs/Registry.lookup.txt"),
    ),
    (
        "Registry",
        "start_link",
        1,
        include_str!("builtins/docs/Registry.start_link.txt"),
    ),
    (
        "DynamicSupervisor",
        "terminate_child",
        2,
        include_str!("builtins/docs/DynamicSupervisor.terminate_child.txt"),
    ),
    (
        "DynamicSupervisor",
        "start_child",
        2,
        include_str!("builtins/docs/DynamicSupervisor.start_child.txt"),
    ),
    (
        "GenServer",
        "call",
        3,
        include_str!("builtins/docs/GenServer.call.txt"),
    ),
    (
        "Process",
        "alive?",
        1,
        include_str!("builtins/docs/Process.alive.txt"),
    ),
    (
        "Process",
        "exit",
        2,
        include_str!("builtins/docs/Process.exit.txt"),
    ),
];

/// What `h` was asked about: `Mod.fun` or `Mod.fun/arity`.
fn topic(arg: &Expr) -> Option<(&Expr, &str, Option<i64>)> {
    let (call, arity) = match &arg.kind {
        ExprKind::Binary {
            op: BinaryOp::Div,
            lhs,
            rhs,
        } => match rhs.kind {
            ExprKind::Int(n) => (&**lhs, Some(n)),
            _ => return None,
        },
        _ => (arg, None),
    };
    match &call.kind {
        ExprKind::Call {
            target: CallTarget::Remote { module, function },
            args,
        } if args.is_empty() && matches!(module.kind, ExprKind::Alias(_)) => {
            Some((module, function, arity))
        }
        _ => None,
    }
}

impl Evaluator<'_> {
    /// `h Mod.fun` and `h Mod.fun/arity`; None for what otpsh leaves to the call path.
    pub(super) fn help_form(&mut self, arg: &Expr, env: &mut Env) -> Option<Result<Term>> {
        // `h Mod` of a module typed at the prompt.
        if let ExprKind::Alias(_) = &arg.kind {
            let module = match self.eval(arg, env) {
                Ok(m) => m,
                Err(e) => return Some(Err(e)),
            };
            let name = module.as_atom()?.name().to_string();
            crate::vm::module::lookup(self, &name)?;
            self.out.write(&format!(
                "{} was not compiled with docs\n",
                inspect_plain(&module)
            ));
            return Some(Ok(Term::atom(DONT_DISPLAY)));
        }
        let (module, function, arity) = topic(arg)?;
        let module = match self.eval(module, env) {
            Ok(m) => m,
            Err(e) => return Some(Err(e)),
        };
        let atom = module.as_atom()?.name().to_string();
        let shown = inspect_plain(&module);
        let alias = atom.strip_prefix("Elixir.").unwrap_or(&atom);
        let wanted = match arity {
            Some(n) => format!("{shown}.{function}/{n}"),
            None => format!("{shown}.{function}"),
        };
        let doc = DOCS
            .iter()
            .find(|(m, f, a, _)| *m == alias && *f == function && arity.is_none_or(|n| n == *a));
        let text = if let Some((.., text)) = doc {
            text.trim_end().to_string()
        } else if matches!(alias, "Server" | "DSupervisor")
            || crate::vm::module::lookup(self, &atom).is_some()
        {
            // A module typed at the prompt has no docs chunk, whatever its `@doc`s.
            format!("{shown} was not compiled with docs")
        } else if !super::builtins::known_module(&atom) {
            format!("Could not load module {shown}, got: nofile")
        } else if arity.is_some() || !super::builtins::exports_name(&atom, function) {
            format!("No documentation for {wanted} was found")
        } else {
            format!(
                "otpsh keeps no documentation for {wanted}: see \
                 https://hexdocs.pm/elixir/1.14.0/{alias}.html"
            )
        };
        self.out.write(&text);
        self.out.write("\n");
        Some(Ok(Term::atom(DONT_DISPLAY)))
    }
}
