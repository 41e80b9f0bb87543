//! Short commands, their malformed forms, and the Elixir lines that look like them.

use super::{parse_command, Command, CommandError, Name};
use crate::syntax::sexp;

fn ok(line: &str) -> Command {
    match parse_command(line) {
        Some(Ok(command)) => command,
        other => panic!("{line:?} gave {other:?}"),
    }
}

fn start(line: &str) -> (String, Option<Name>) {
    match ok(line) {
        Command::Start { value, name } => (sexp::expr(&value), name),
        other => panic!("{line:?} gave {other:?}"),
    }
}

#[test]
fn start_forms() {
    let via = |s: &str| Some(Name::Via(s.into()));
    let atom = |s: &str| Some(Name::Atom(s.into()));
    assert_eq!(
        start("start 42 \"cool_name\""),
        ("42".into(), via("cool_name"))
    );
    assert_eq!(
        start("start %{a: 1} :srv"),
        ("%{:a => 1}".into(), atom("srv"))
    );
    assert_eq!(start("start 42"), ("42".into(), None));
    assert_eq!(start("  start -1 :neg"), ("-1".into(), atom("neg")));
    assert_eq!(
        start("start {:a, [1, 2]} \"x\""),
        ("{:a [1 2]}".into(), via("x"))
    );
    assert_eq!(start("start x :srv"), ("x".into(), atom("srv")));
}

#[test]
fn name_commands() {
    assert_eq!(
        ok("state \"cool_name\""),
        Command::State(Name::Via("cool_name".into()))
    );
    assert_eq!(
        ok("state :server"),
        Command::State(Name::Atom("server".into()))
    );
    assert_eq!(ok("lookup #PID<0.123.0>"), Command::Lookup(Name::Pid(123)));
    assert_eq!(
        ok("terminate pid(0, 7, 0)"),
        Command::Terminate(Name::Pid(7))
    );
    assert_eq!(
        ok("stop :\"with space\""),
        Command::Stop(Name::Atom("with space".into()))
    );
    assert_eq!(
        ok("crash \"x\""),
        Command::Crash {
            name: Name::Via("x".into()),
            reason: None
        }
    );
    match ok("crash \"x\" {:shutdown, :bye}") {
        Command::Crash {
            name,
            reason: Some(reason),
        } => {
            assert_eq!(name, Name::Via("x".into()));
            assert_eq!(sexp::expr(&reason), "{:shutdown :bye}");
        }
        other => panic!("{other:?}"),
    }
    match ok("crash :srv :kill") {
        Command::Crash {
            reason: Some(reason),
            ..
        } => assert_eq!(sexp::expr(&reason), ":kill"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bare_commands() {
    assert_eq!(ok("children"), Command::Children);
    assert_eq!(ok("count"), Command::Count);
    assert_eq!(ok("registries "), Command::Registries);
    assert_eq!(ok("atoms"), Command::Atoms);
    assert_eq!(ok("ps"), Command::Ps);
    assert_eq!(ok("quit"), Command::Quit);
    assert_eq!(ok("help"), Command::Help(None));
    assert_eq!(ok("help start"), Command::Help(Some("start".into())));
    assert_eq!(ok("explain on"), Command::Explain(true));
    assert_eq!(ok("explain off"), Command::Explain(false));
}

#[test]
fn malformed_arguments_give_usage() {
    let err = |line: &str| match parse_command(line) {
        Some(Err(e)) => e,
        other => panic!("{line:?} gave {other:?}"),
    };
    let usage = |u: &str, column| CommandError {
        usage: u.into(),
        column,
    };
    assert_eq!(err("start"), usage("usage: start VALUE [NAME]", 6));
    assert_eq!(err("state 1 2 3"), usage("usage: state NAME", 7));
    assert_eq!(err("start 42 \"a\" extra").column, 14);
    assert_eq!(err("crash").usage, "usage: crash NAME [REASON]");
    assert_eq!(err("explain maybe").usage, "usage: explain on|off");
    assert_eq!(err("count 3").usage, "usage: count");
    assert_eq!(err("lookup").usage, "usage: lookup NAME");
}

#[test]
fn elixir_look_alikes_are_not_commands() {
    for line in [
        "state = 1",
        "count + 1",
        "state.(x)",
        "start(1)",
        "stop?",
        "count+1",
        "ps |> f()",
        "state == 1",
        "count - 1",
        "start_link(1)",
        "states",
        "x = start",
        "Registry.count(r)",
        "help.()",
        "count and true",
        "state when x",
        "atoms ++ [1]",
        "count * 2",
        "",
        "IO.puts(1)",
    ] {
        assert_eq!(parse_command(line), None, "for {line:?}");
    }
}
