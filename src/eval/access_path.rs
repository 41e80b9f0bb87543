//! `put_in/2` and `update_in/2`: macros whose first argument is a path written as code,
//! `m.a.b` (map fields, which must exist) or `m[:a][:b]` (`Access`, where a missing key is
//! `nil`), possibly mixed. Elixir's `Kernel.unnest/4` takes the path apart the same way.

use super::builtins::{access, blamed_clause_with};
use super::{Env, Evaluator};
use crate::error::{exception, Error, Result};
use crate::inspect::inspect_plain;
use crate::syntax::ast::{CallTarget, Expr, ExprKind};
use crate::term::Term;

/// One step of a path, its key not yet evaluated.
enum Step<'e> {
    /// `data.field`
    Field(&'e str),
    /// `data[key]`, which the parser made `Access.get(data, key)`.
    Key(&'e Expr),
}

/// The step evaluated.
pub(crate) enum Key {
    Field(Term),
    Access(Term),
}

/// The expression a path starts from and its steps, outermost first.
fn unnest(path: &Expr) -> (&Expr, Vec<Step<'_>>) {
    let mut steps = Vec::new();
    let mut at = path;
    while let ExprKind::Call {
        target: CallTarget::Remote { module, function },
        args,
    } = &at.kind
    {
        match (&module.kind, args.as_slice()) {
            (ExprKind::Alias(a), [inner, key]) if a == "Access" && function == "get" => {
                steps.push(Step::Key(key));
                at = inner;
            }
            (_, []) => {
                steps.push(Step::Field(function));
                at = module;
            }
            _ => break,
        }
    }
    steps.reverse();
    (at, steps)
}

impl Evaluator<'_> {
    /// `put_in(path, value)` and `update_in(path, fun)`; `None` for other calls, or a
    /// first argument that is no path this shell can take apart.
    pub(crate) fn path_macro(
        &mut self,
        name: &str,
        args: &[Expr],
        env: &mut Env,
    ) -> Option<Result<Term>> {
        let [path, last] = args else {
            return None;
        };
        let update = match name {
            "put_in" => false,
            "update_in" => true,
            _ => return None,
        };
        let (root, steps) = unnest(path);
        if steps.is_empty() {
            let ExprKind::Var(var) = &root.kind else {
                return None;
            };
            return Some(Err(Error::argument(format!(
                "expected expression given to {name}/2 to access at least one element, got: {var}"
            ))
            .at(format!(
                "(elixir 1.14.0) expanding macro: Kernel.{name}/2\n    iex:{}: (file)",
                self.line
            ))));
        }
        Some(self.run_path(root, &steps, last, update, env))
    }

    fn eval_keys(&mut self, steps: &[Step], env: &mut Env) -> Result<Vec<Key>> {
        let mut keys = Vec::with_capacity(steps.len());
        for step in steps {
            keys.push(match step {
                Step::Field(f) => Key::Field(Term::atom(f)),
                Step::Key(k) => Key::Access(self.eval(k, env)?),
            });
        }
        Ok(keys)
    }

    /// `pop_in(path)` and `get_and_update_in(path, fun)`; `None` when the first argument
    /// is no path.
    pub(crate) fn get_and_update_macro(
        &mut self,
        name: &str,
        args: &[Expr],
        env: &mut Env,
    ) -> Option<Result<Term>> {
        let (path, fun) = match args {
            [path] => (path, None),
            [path, fun] => (path, Some(fun)),
            _ => return None,
        };
        let (root, steps) = unnest(path);
        if steps.is_empty() {
            return None;
        }
        let expanding = format!(
            "(elixir 1.14.0) expanding macro: Kernel.{name}/{}\n    iex:{}: (file)",
            args.len(),
            self.line
        );
        if let (None, Some(Step::Field(f))) = (fun, steps.last()) {
            return Some(Err(Error::argument(format!(
                "cannot use pop_in when the last segment is a map/struct field. \
                 This would effectively remove the field {} from the map/struct",
                inspect_plain(&Term::atom(f))
            ))
            .at(expanding)));
        }
        Some((|| {
            let data = self.eval(root, env)?;
            let keys = self.eval_keys(&steps, env)?;
            match fun {
                None => {
                    self.get_and_update_keys(data, &keys, true, &mut |_, _| Ok(Term::atom("pop")))
                }
                Some(fun) => {
                    let fun = self.eval(fun, env)?;
                    self.get_and_update_keys(data, &keys, false, &mut |ev, old| {
                        ev.apply_fun(&fun, vec![old])
                    })
                }
            }
        })())
    }

    fn run_path(
        &mut self,
        root: &Expr,
        steps: &[Step],
        last: &Expr,
        update: bool,
        env: &mut Env,
    ) -> Result<Term> {
        let data = self.eval(root, env)?;
        let keys = self.eval_keys(steps, env)?;
        let given = self.eval(last, env)?;
        // `m.a.b` ends in `Map.update!(map, :b, fun)`, whose guard wants a 1-arity fun.
        // A path with any `[key]` step goes through `Access` instead (a BadFunctionError).
        let fields_only = steps.iter().all(|s| matches!(s, Step::Field(_)));
        let bad_fun = update && fields_only && !matches!(&given, Term::Fun(f) if f.arity == 1);
        let mut leaf = |ev: &mut Self, old: Term| match update {
            true => ev.apply_fun(&given, vec![old]),
            false => Ok(given.clone()),
        };
        let bad_fun = bad_fun.then(|| given.clone());
        self.update_path(data, &keys, bad_fun.as_ref(), &mut leaf)
    }

    fn update_path(
        &mut self,
        data: Term,
        keys: &[Key],
        bad_fun: Option<&Term>,
        leaf: &mut dyn FnMut(&mut Self, Term) -> Result<Term>,
    ) -> Result<Term> {
        let Some((key, rest)) = keys.split_first() else {
            return leaf(self, data);
        };
        match key {
            Key::Access(k) => access::update_in(&data, std::slice::from_ref(k), &mut |old| {
                self.update_path(old, rest, bad_fun, leaf)
            }),
            Key::Field(k) => {
                if let (true, Some(fun)) = (rest.is_empty(), bad_fun) {
                    let args = [data.clone(), k.clone(), fun.clone()];
                    let clause = "def update!(map, key, fun) when -is_function(fun, 1)-";
                    return Err(blamed_clause_with("Map", "update!", &args, &[clause]));
                }
                let Term::Map(map) = &data else {
                    return Err(field_error(
                        "BadMapError",
                        vec![("term", data.clone())],
                        k,
                        &data,
                    ));
                };
                let Some(old) = map.get(k) else {
                    let fields = vec![
                        ("key", k.clone()),
                        ("term", data.clone()),
                        ("message", Term::nil()),
                    ];
                    return Err(field_error("KeyError", fields, k, &data));
                };
                let new = self.update_path(old.clone(), rest, bad_fun, leaf)?;
                let mut map = map.clone();
                std::sync::Arc::make_mut(&mut map).insert(k.clone(), new);
                Ok(Term::Map(map))
            }
        }
    }
}

/// `Map.update!/3` reads the field with `:erlang.map_get/2`, which is where it fails.
pub(crate) fn field_error(
    module: &str,
    fields: Vec<(&str, Term)>,
    key: &Term,
    data: &Term,
) -> Error {
    Error::Raise(exception(module, fields)).at(format!(
        ":erlang.map_get({}, {})",
        inspect_plain(key),
        inspect_plain(data)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parser::parse;

    fn shape(src: &str) -> (String, Vec<String>) {
        let block = parse(src).unwrap();
        let (root, steps) = unnest(&block.exprs[0]);
        let root = match &root.kind {
            ExprKind::Var(v) => v.clone(),
            other => format!("{other:?}"),
        };
        let steps = steps
            .iter()
            .map(|s| match s {
                Step::Field(f) => format!(".{f}"),
                Step::Key(_) => "[]".to_string(),
            })
            .collect();
        (root, steps)
    }

    #[test]
    fn a_path_comes_apart_outermost_step_first() {
        assert_eq!(shape("m.a.b"), ("m".into(), vec![".a".into(), ".b".into()]));
        assert_eq!(
            shape("m[:a].b[:c]"),
            ("m".into(), vec!["[]".into(), ".b".into(), "[]".into()])
        );
        assert_eq!(shape("m"), ("m".into(), vec![]));
    }
}
