//! Literals and text: atoms interned into the node's table as the BEAM does when it
//! reads them, strings with their interpolations, and `String.Chars` (what `to_string/1`,
//! `IO.puts/1` and `"#{x}"` make of a value).

use super::{Env, Evaluator};
use crate::error::{exception, Error, Result};
use crate::inspect;
use crate::syntax::ast::{Expr, ExprKind, StrPart};
use crate::term::Term;

impl Evaluator<'_> {
    pub(crate) fn literal(&mut self, expr: &Expr, env: &mut Env) -> Result<Term> {
        match &expr.kind {
            ExprKind::Int(i) => Ok(Term::Int(*i)),
            ExprKind::Float(f) => Ok(Term::Float(*f)),
            ExprKind::Alias(name) if name == "Elixir" || name.starts_with("Elixir.") => {
                self.atom(name)
            }
            ExprKind::Alias(name) if env.resolve_alias(name).is_some() => {
                let module = env.resolve_alias(name).unwrap_or_default();
                self.atom(&module)
            }
            ExprKind::Atom(name) | ExprKind::Alias(name) => {
                let alias = matches!(expr.kind, ExprKind::Alias(_));
                // A node's address is reused once its tree is dropped (a `fn` made and
                // dropped in a loop), so a cached atom counts only if its name agrees.
                let key = literal_key(expr);
                let same = |a: &crate::term::Atom| match alias {
                    true => a.name().strip_prefix("Elixir.") == Some(name.as_str()),
                    false => a.name() == name,
                };
                match self.literals.get(&key) {
                    Some(atom) if atom.as_atom().is_some_and(same) => Ok(atom.clone()),
                    _ => {
                        let atom = match alias {
                            true => self.atom(&format!("Elixir.{name}"))?,
                            false => self.atom(name)?,
                        };
                        self.literals.insert(key, atom.clone());
                        Ok(atom)
                    }
                }
            }
            ExprKind::Str(parts) => {
                let mut text = String::new();
                for part in parts {
                    match part {
                        StrPart::Lit(s) => text.push_str(s),
                        StrPart::Interp(e) => {
                            let value = self.eval(e, env)?;
                            text.push_str(&to_string(&value)?);
                        }
                    }
                }
                Ok(Term::string(&text))
            }
            _ => unreachable_literal(),
        }
    }

    /// Interns an atom into the node's table. Past the table's limit the node is dead;
    /// the shell sees that through `Runtime::crashed`.
    pub(crate) fn atom(&self, name: &str) -> Result<Term> {
        if name.len() > 255 && name.chars().count() > 255 {
            return Err(Error::system_limit());
        }
        match self.client.runtime().atoms().intern(name) {
            Ok(atom) => Ok(Term::Atom(atom)),
            Err(_) => Err(Error::Exit(Term::atom("system_limit"))),
        }
    }
}

/// Where an atom literal sits in the tree: the same live node always means the same
/// atom, so a loop interns it once.
fn literal_key(expr: &Expr) -> usize {
    expr as *const Expr as usize
}

fn unreachable_literal() -> Result<Term> {
    Err(Error::raise_message("RuntimeError", "otpsh: not a literal"))
}

/// `String.Chars.to_string/1`.
pub fn to_string(value: &Term) -> Result<String> {
    match value {
        Term::Binary(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        Term::Atom(a) if a.name() == "nil" => Ok(String::new()),
        Term::Atom(a) => Ok(a.name().to_string()),
        Term::Int(i) => Ok(i.to_string()),
        Term::Float(f) => Ok(float_short(*f)),
        Term::List(_) | Term::ImproperList(..) => chardata(value),
        _ => Err(not_implemented("String.Chars", value)),
    }
}

/// `Float.to_string/1` (`:erlang.float_to_binary(f, [:short])`): the shortest digits
/// that read back, written in decimal or scientific form, whichever is shorter (decimal
/// on a tie): `100.0` but `1.0e3`, `0.0001` but `1.2e-4`. `inspect` differs (`1000.0`).
pub fn float_short(f: f64) -> String {
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let (first, rest) = digits.split_at(1);
    let scientific = format!("{first}.{}e{exp}", if rest.is_empty() { "0" } else { rest });
    let len = digits.len() as i64;
    let decimal = if exp < 0 {
        format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
    } else if len <= exp + 1 {
        format!("{digits}{}.0", "0".repeat((exp + 1 - len) as usize))
    } else {
        let (int, frac) = digits.split_at(exp as usize + 1);
        format!("{int}.{frac}")
    };
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let shorter = if scientific.len() < decimal.len() {
        scientific
    } else {
        decimal
    };
    format!("{sign}{shorter}")
}

/// A list of code points, strings and nested lists, flattened to text.
fn chardata(value: &Term) -> Result<String> {
    let mut out = String::new();
    fn walk(t: &Term, out: &mut String, whole: &Term) -> Result<()> {
        match t {
            Term::Int(c) => match u32::try_from(*c).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => {
                    let message = format!("invalid code point {c}");
                    return Err(Error::raise_message("UnicodeConversionError", message));
                }
            },
            Term::Binary(b) => out.push_str(&String::from_utf8_lossy(b)),
            Term::List(items) => {
                for item in items.iter() {
                    walk(item, out, whole)?;
                }
            }
            // Chardata may end in a string: `["a" | "b"]`.
            Term::ImproperList(items, tail) if matches!(tail.as_ref(), Term::Binary(_)) => {
                for item in items.iter() {
                    walk(item, out, whole)?;
                }
                walk(tail, out, whole)?;
            }
            // List.to_string/1 words every other element the same way as a bad code point.
            _ => return Err(cannot_convert(whole)),
        }
        Ok(())
    }
    walk(value, &mut out, value)?;
    Ok(out)
}

fn cannot_convert(whole: &Term) -> Error {
    Error::argument(format!(
        "cannot convert the given list to a string.\n\nTo be converted to a string, a list must either be empty or only\ncontain the following elements:\n\n  * strings\n  * integers representing Unicode code points\n  * a list containing one of these three elements\n\nPlease check the given list or call inspect/1 to get the list representation, got:\n\n{}\n",
        inspect::inspect_plain(whole)
    ))
}

/// `Protocol.UndefinedError` for a value of a type the protocol does not cover.
pub fn not_implemented(protocol: &str, value: &Term) -> Error {
    Error::Raise(exception(
        "Protocol.UndefinedError",
        vec![
            ("protocol", Term::module(protocol)),
            ("value", value.clone()),
            ("description", Term::string("")),
            (
                "message",
                Term::string(&format!(
                    "protocol {protocol} not implemented for {} of type {}",
                    inspect::inspect_plain(value),
                    type_name(value)
                )),
            ),
        ],
    ))
}

/// The type name Elixir's protocol errors use.
pub fn type_name(value: &Term) -> &'static str {
    match value {
        Term::Int(_) => "Integer",
        Term::Float(_) => "Float",
        Term::Atom(_) => "Atom",
        Term::Binary(_) => "BitString",
        Term::Pid(_) => "PID",
        Term::Ref(_) => "Reference",
        Term::Fun(_) => "Function",
        Term::Tuple(_) => "Tuple",
        Term::List(_) | Term::ImproperList(..) => "List",
        Term::Map(_) => "Map",
    }
}

#[cfg(test)]
mod tests {
    use super::float_short;

    #[test]
    fn float_short_picks_the_shorter_form_and_decimal_on_a_tie() {
        // Pairs recorded from `Float.to_string/1` in Elixir 1.14 / OTP 25.
        let cases = [
            (100.0, "100.0"),
            (1000.0, "1.0e3"),
            (120.0, "120.0"),
            (1200.0, "1.2e3"),
            (123456.0, "123456.0"),
            (12345678.9, "12345678.9"),
            (0.0001, "0.0001"),
            (0.00012, "1.2e-4"),
            (1.0e-5, "1.0e-5"),
            (-0.5, "-0.5"),
            (1.0e100, "1.0e100"),
            (0.0, "0.0"),
        ];
        for (f, text) in cases {
            assert_eq!(float_short(f), text, "for {f}");
        }
    }
}
