//! Iodata and chardata, the nested lists Elixir's IO functions take: `IO.iodata_to_binary/1`,
//! `IO.iodata_length/1`, `IO.chardata_to_string/1` and `Kernel.to_charlist/1`.
//!
//! Iodata holds bytes (integers 0..=255 and binaries); chardata holds code points and
//! strings. Both nest, and both may end in a binary tail (`[1, 2 | "ab"]`).

use super::stdlib::{bif_error, clause_error, to_charlist as charlist_of};
use crate::error::Result;
use crate::eval::literal::{float_short, not_implemented, to_string};
use crate::term::Term;

/// `IO.iodata_to_binary/1`, i.e. `:erlang.iolist_to_binary/1`.
pub fn iodata_to_binary(data: &Term) -> Result<Term> {
    let bytes = iodata_bytes(data, "iolist_to_binary")?;
    Ok(Term::Binary(bytes.into()))
}

/// `IO.iodata_length/1`, i.e. `:erlang.iolist_size/1`.
pub fn iodata_length(data: &Term) -> Result<Term> {
    let bytes = iodata_bytes(data, "iolist_size")?;
    Ok(Term::Int(bytes.len() as i64))
}

/// The bytes of an iodata term, or the BIF's error (the Elixir function is inlined to it,
/// so iex shows `:erlang.iolist_to_binary(...)` under the message).
fn iodata_bytes(data: &Term, bif: &str) -> Result<Vec<u8>> {
    fn walk(t: &Term, out: &mut Vec<u8>) -> bool {
        match t {
            Term::Binary(b) => out.extend_from_slice(b),
            Term::List(items) => return items.iter().all(|item| byte_or_walk(item, out)),
            Term::ImproperList(items, tail) => {
                return items.iter().all(|item| byte_or_walk(item, out))
                    && matches!(tail.as_ref(), Term::Binary(_))
                    && walk(tail, out);
            }
            _ => return false,
        }
        true
    }
    fn byte_or_walk(t: &Term, out: &mut Vec<u8>) -> bool {
        match t {
            Term::Int(b) => match u8::try_from(*b) {
                Ok(b) => {
                    out.push(b);
                    true
                }
                Err(_) => false,
            },
            _ => walk(t, out),
        }
    }
    let mut out = Vec::new();
    // A bare binary is iodata; a bare integer is not.
    if matches!(
        data,
        Term::Binary(_) | Term::List(_) | Term::ImproperList(..)
    ) && walk(data, &mut out)
    {
        return Ok(out);
    }
    Err(bif_error(
        1,
        "not an iodata term",
        "erlang",
        bif,
        std::slice::from_ref(data),
    ))
}

/// `IO.chardata_to_string/1`: a string as it is, a list through `List.to_string/1`.
pub fn chardata_to_string(data: &Term) -> Result<Term> {
    match data {
        Term::Binary(_) => Ok(data.clone()),
        Term::List(_) | Term::ImproperList(..) => to_string(data).map(|s| Term::string(&s)),
        _ => Err(clause_error(
            "IO",
            "chardata_to_string",
            vec![data.clone()],
            &[
                "def chardata_to_string(string) when -is_binary(string)-",
                "def chardata_to_string(list) when -is_list(list)-",
            ],
        )),
    }
}

/// `Kernel.to_charlist/1` (`List.Chars.to_charlist/1`): a list is returned unchecked.
pub fn to_charlist(value: &Term) -> Result<Term> {
    match value {
        Term::List(_) | Term::ImproperList(..) => Ok(value.clone()),
        Term::Binary(b) => Ok(charlist_of(&String::from_utf8_lossy(b))),
        Term::Atom(a) if a.name() == "nil" => Ok(Term::empty_list()),
        Term::Atom(a) => Ok(charlist_of(a.name())),
        Term::Int(i) => Ok(charlist_of(&i.to_string())),
        Term::Float(f) => Ok(charlist_of(&float_short(*f))),
        _ => Err(not_implemented("List.Chars", value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::inspect_plain;

    fn list(items: Vec<Term>) -> Term {
        Term::list(items)
    }

    #[test]
    fn iodata_flattens_bytes_binaries_and_a_binary_tail() {
        let nested = list(vec![
            Term::string("a"),
            list(vec![Term::Int(98), Term::string("c")]),
            Term::Int(100),
        ]);
        assert_eq!(iodata_to_binary(&nested), Ok(Term::string("abcd")));
        let tail = Term::ImproperList(
            vec![Term::Int(1), Term::Int(2)].into(),
            Term::string("x").into(),
        );
        assert_eq!(
            inspect_plain(&iodata_to_binary(&tail).unwrap()),
            "<<1, 2, 120>>"
        );
        assert_eq!(iodata_length(&tail), Ok(Term::Int(3)));
    }

    #[test]
    fn a_code_point_past_a_byte_is_not_iodata() {
        let err = iodata_to_binary(&list(vec![Term::Int(256)])).unwrap_err();
        let text = crate::eval::report::format_error(&err);
        assert!(text.contains("not an iodata term"), "{text}");
        assert!(text.ends_with(":erlang.iolist_to_binary([256])"), "{text}");
        assert!(iodata_to_binary(&Term::atom("a")).is_err());
        assert!(iodata_to_binary(&Term::Int(1)).is_err());
    }

    #[test]
    fn to_charlist_keeps_lists_and_refuses_tuples() {
        let mixed = list(vec![Term::Int(1), Term::string("b")]);
        assert_eq!(to_charlist(&mixed), Ok(mixed.clone()));
        assert_eq!(inspect_plain(&to_charlist(&Term::Int(12)).unwrap()), "'12'");
        assert_eq!(to_charlist(&Term::nil()), Ok(Term::empty_list()));
        let err = to_charlist(&Term::tuple(vec![Term::Int(1)])).unwrap_err();
        let text = crate::eval::report::format_error(&err);
        assert!(text.contains("List.Chars not implemented for {1} of type Tuple"));
    }
}
