//! iex's `i/1` helper (`IEx.Info`): a term's sections, titled and indented, as
//! Elixir 1.14 prints them. Terms whose report needs what otpsh does not have (a
//! module's bytecode path, a struct's protocols) are left out: `i/1` then stays
//! undefined for them rather than printing something iex would not.

use crate::eval::{Evaluator, DONT_DISPLAY};
use crate::inspect::{inspect_plain, is_printable_string};
use crate::term::{Pid, Term};

const STRING_DESCRIPTION: &str = "This is a string: a UTF-8 encoded binary. It's printed \
surrounded by\n\"double quotes\" because all UTF-8 encoded code points in it are printable.";
const CHARLIST_DESCRIPTION: &str = "This is a list of integers that is printed as a sequence \
of characters\ndelimited by single quotes because all the integers in it represent printable\n\
ASCII characters. Conventionally, a list of Unicode code points is known as a\ncharlist and a \
list of ASCII characters is a subset of it.";
const KEYWORD_DESCRIPTION: &str = "This is what is referred to as a \"keyword list\". A keyword \
list is a list\nof two-element tuples where the first element of each tuple is an atom.";
const DONT_DISPLAY_DESCRIPTION: &str = "This atom is returned by IEx when a function that \
should not print its\nreturn value on screen is executed.";
const CHARS: &str = "IEx.Info, Inspect, List.Chars, String.Chars";
const ENUMERABLE_CHARS: &str =
    "Collectable, Enumerable, IEx.Info, Inspect, List.Chars, String.Chars";

/// Prints `i(term)`; None when otpsh cannot describe `term` as iex would.
pub(crate) fn info(ev: &mut Evaluator, term: &Term) -> Option<Term> {
    let shown = inspect_plain(term);
    let mut sections = vec![("Term", shown)];
    sections.extend(describe(ev, term)?);
    let text: Vec<String> = sections
        .into_iter()
        .map(|(title, body)| format!("{title}\n  {}", body.replace('\n', "\n  ")))
        .collect();
    ev.out.write(&text.join("\n"));
    ev.out.write("\n");
    Some(Term::atom(DONT_DISPLAY))
}

type Sections = Vec<(&'static str, String)>;

fn describe(ev: &Evaluator, term: &Term) -> Option<Sections> {
    let s = |t: &str| t.to_string();
    Some(match term {
        Term::Pid(pid) => pid_sections(ev, *pid),
        Term::Atom(a) if a.name().starts_with("Elixir.") => return None,
        Term::Atom(a) => {
            let mut v = vec![("Data type", s("Atom"))];
            if a.name() == DONT_DISPLAY {
                v.push(("Description", s(DONT_DISPLAY_DESCRIPTION)));
            }
            v.push(("Reference modules", s("Atom")));
            v.push(("Implemented protocols", s(CHARS)));
            v
        }
        Term::Int(_) => scalar("Integer", CHARS),
        Term::Float(_) => scalar("Float", CHARS),
        Term::Tuple(_) => scalar("Tuple", "IEx.Info, Inspect"),
        Term::Map(m) if m.contains_key(&Term::atom("__struct__")) => return None,
        Term::Map(_) => scalar("Map", "Collectable, Enumerable, IEx.Info, Inspect"),
        Term::Ref(_) => vec![
            ("Data type", s("Reference")),
            ("Implemented protocols", s("IEx.Info, Inspect")),
        ],
        Term::Binary(b) if is_printable_string(b, usize::MAX) => {
            let raw: Vec<String> = b.iter().map(u8::to_string).collect();
            vec![
                ("Data type", s("BitString")),
                ("Byte size", b.len().to_string()),
                ("Description", s(STRING_DESCRIPTION)),
                ("Raw representation", format!("<<{}>>", raw.join(", "))),
                ("Reference modules", s("String, :binary")),
                (
                    "Implemented protocols",
                    s("Collectable, IEx.Info, Inspect, List.Chars, String.Chars"),
                ),
            ]
        }
        Term::List(items) => list_sections(items, term)?,
        _ => return None,
    })
}

fn scalar(data_type: &str, protocols: &str) -> Sections {
    vec![
        ("Data type", data_type.to_string()),
        ("Reference modules", data_type.to_string()),
        ("Implemented protocols", protocols.to_string()),
    ]
}

fn list_sections(items: &[Term], term: &Term) -> Option<Sections> {
    let s = |t: &str| t.to_string();
    let keyword = !items.is_empty()
        && items
            .iter()
            .all(|i| matches!(i.as_tuple(), Some([k, _]) if k.as_atom().is_some()));
    let charlist = !items.is_empty() && inspect_plain(term).starts_with('\'');
    let mut v = vec![("Data type", s("List"))];
    if charlist {
        let raw: Vec<String> = items.iter().map(inspect_plain).collect();
        v.push(("Description", s(CHARLIST_DESCRIPTION)));
        v.push(("Raw representation", format!("[{}]", raw.join(", "))));
    } else if keyword {
        v.push(("Description", s(KEYWORD_DESCRIPTION)));
    }
    let modules = if keyword { "Keyword, List" } else { "List" };
    v.push(("Reference modules", s(modules)));
    v.push(("Implemented protocols", s(ENUMERABLE_CHARS)));
    Some(v)
}

fn pid_sections(ev: &Evaluator, pid: Pid) -> Sections {
    let s = |t: &str| t.to_string();
    let mut v = vec![("Data type", s("PID"))];
    match ev.client.process_info(pid) {
        Some(info) => {
            let name = match &info.name {
                Some(n @ Term::Atom(_)) => inspect_plain(n),
                _ => s("not registered"),
            };
            let links: Vec<String> = info
                .links
                .iter()
                .map(|p| inspect_plain(&Term::Pid(*p)))
                .collect();
            let links = if links.is_empty() {
                s("none")
            } else {
                links.join(", ")
            };
            v.push(("Alive", s("true")));
            v.push(("Name", name));
            v.push(("Links", links));
            v.push(("Message queue length", info.message_queue_len.to_string()));
        }
        None => v.push(("Alive", s("false"))),
    }
    v.push((
        "Description",
        s("Use Process.info/1 to get more info about this process"),
    ));
    v.push(("Reference modules", s("Process, Node")));
    v.push(("Implemented protocols", s("IEx.Info, Inspect")));
    v
}
