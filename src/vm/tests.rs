//! The VM's own tests: which calls the compiler puts in tail position, and what typed
//! code does when run through a shell session (deep recursion, loops, receive loops,
//! errors, limits).

use crate::eval::{Env, Evaluator};
use crate::output::Output;
use crate::runtime::Config;
use crate::shell::session::Session;
use crate::syntax::{parse_line, Parsed};

/// The disassembly of the first `fn` a line makes (the code of its body).
fn fn_code(source: &str) -> String {
    let out = Output::buffer(false).0;
    let session = Session::new(Config::iex(), out).expect("a session");
    let mut sink = Output::buffer(false).0;
    let mut next_fun = 0;
    let mut ev = Evaluator::new(session.client(), &mut sink, 1, &[], &mut next_fun);
    let Parsed::Complete(block) = parse_line(source, false) else {
        panic!("{source} does not parse");
    };
    let line = super::compile::line(&mut ev, &block.exprs[0], &Env::new()).expect("compiles");
    line.proto
        .ops
        .iter()
        .find_map(|op| match op {
            super::code::Op::MakeClosure { proto, .. } => Some(proto.disassemble()),
            _ => None,
        })
        .expect("the line makes a fn")
}

/// Whether a disassembly holds instruction `name`.
fn has(code: &str, name: &str) -> bool {
    code.lines()
        .any(|l| l.split_whitespace().nth(1) == Some(name))
}

/// Feeds lines to a fresh shell; the output lines (prompts left out).
fn shell(lines: &[&str]) -> Vec<String> {
    let (out, buffer) = Output::buffer(false);
    let mut session = Session::new(Config::iex(), out).expect("a session");
    for line in lines {
        session.feed(line);
    }
    session.out().flush();
    let text = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
    text.lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

fn last(lines: &[&str]) -> String {
    shell(lines).last().cloned().unwrap_or_default()
}

#[test]
fn calls_in_tail_position_are_tail_calls() {
    let tails = [
        "fn f, n -> f.(f, n) end",
        "fn f, n -> if n, do: f.(f, n), else: f.(f, n) end",
        "fn f, n -> unless n, do: f.(f, n), else: f.(f, n) end",
        "fn f, n -> case n do 0 -> f.(f, n); _ -> f.(f, n) end end",
        "fn f, n -> cond do n -> f.(f, n); true -> f.(f, n) end end",
        "fn f, n -> receive do x -> f.(f, x) after 0 -> f.(f, n) end end",
        "fn f, n -> IO.puts(n); f.(f, n) end",
        "fn f, n -> if n do case n do _ -> f.(f, n) end end end",
        "fn f, 0 -> :done; f, n when n > 0 -> f.(f, n - 1) end",
    ];
    for source in tails {
        let code = fn_code(source);
        assert!(has(&code, "TailCallFun"), "{source}:\n{code}");
        assert!(!has(&code, "CallFun"), "{source}:\n{code}");
    }
}

#[test]
fn calls_not_in_tail_position_push_frames() {
    for source in [
        "fn f, n -> 1 + f.(f, n) end",
        "fn f, n -> x = f.(f, n); x end",
        "fn f, n -> {f.(f, n)} end",
        "fn f, n -> case f.(f, n) do _ -> :ok end end",
    ] {
        let code = fn_code(source);
        assert!(has(&code, "CallFun"), "{source}:\n{code}");
        assert!(!has(&code, "TailCallFun"), "{source}:\n{code}");
    }
}

#[test]
fn a_tail_loop_of_a_million_iterations_runs() {
    let out = last(&[
        "loop = fn loop, n, acc -> if n == 0, do: acc, else: loop.(loop, n - 1, acc + n) end",
        "loop.(loop, 1_000_000, 0)",
    ]);
    assert_eq!(out, "500000500000");
}

#[test]
fn tail_calls_between_two_closures_run_in_constant_frames() {
    // `even` and `odd` call each other through a map in tail position.
    let out = last(&[
        "even = fn fs, 0 -> true; fs, n -> fs.odd.(fs, n - 1) end",
        "odd = fn fs, 0 -> false; fs, n -> fs.even.(fs, n - 1) end",
        "fs = %{even: even, odd: odd}; even.(fs, 300_001)",
    ]);
    assert_eq!(out, "false");
}

#[test]
fn non_tail_recursion_goes_as_deep_as_memory_allows() {
    let out = last(&[
        "f = fn f, n -> if n == 0, do: 0, else: 1 + f.(f, n - 1) end",
        "f.(f, 200_000)",
    ]);
    assert_eq!(out, "200000");
    let out = last(&[
        "len = fn len, [] -> 0; len, [_ | t] -> 1 + len.(len, t) end",
        "len.(len, Enum.to_list(1..2000))",
    ]);
    assert_eq!(out, "2000");
}

#[test]
fn a_receive_loop_answers_many_messages() {
    let out = last(&[
        "parent = self(); pong = spawn(fn -> f = fn f -> receive do {:ping, from} -> send(from, :pong); f.(f); :stop -> :ok end end; f.(f) end)",
        "Enum.reduce(1..20_000, 0, fn _, n -> send(pong, {:ping, parent}); receive do :pong -> n + 1 after 5000 -> n end end)",
    ]);
    assert_eq!(out, "20000");
}

#[test]
fn closures_capture_values_and_clauses_bind_only_on_match() {
    let out = shell(&[
        "x = 1; add = fn y -> x + y end; x = 10; add.(1)",
        "g = fn {a, a} -> :same; {_, _} -> :different end; {g.({1, 1}), g.({1, 2})}",
        "h = fn [a, b | rest] when a < b -> {a, b, rest}; _ -> :no end; {h.([1, 2, 3]), h.([2, 1])}",
        "case {1, 2} do {z, 3} -> z; {_, w} -> w end",
    ]);
    let want = ["2", "{:same, :different}", "{{1, 2, [3]}, :no}", "2"];
    assert_eq!(out[out.len() - 4..], want.map(String::from));
}

#[test]
fn errors_keep_iex_texts() {
    let out = shell(&["f = fn 0 -> :zero end", "f.(1)"]);
    assert!(
        out.iter().any(|l| l.contains("(FunctionClauseError) no function clause matching in :erl_eval.\"-inside-an-interpreted-fun-\"/1")),
        "{out:?}"
    );
    let out = shell(&["f = fn a -> a end", "f.(1, 2)"]);
    assert!(out.iter().any(|l| l.contains("(BadArityError)")), "{out:?}");
    let out = shell(&["{a, b} = {1, 2, 3}"]);
    assert!(
        out.iter()
            .any(|l| l.contains("(MatchError) no match of right hand side value: {1, 2, 3}")),
        "{out:?}"
    );
}

#[test]
fn a_guard_that_raises_fails_its_clause() {
    let out =
        last(&["f = fn x when hd(x) == 1 -> :head_one; _ -> :other end; {f.([1]), f.(:atom)}"]);
    assert_eq!(out, "{:head_one, :other}");
}

#[test]
fn a_failed_line_binds_nothing_and_a_good_one_keeps_its_bindings() {
    let out = shell(&[
        "a = 1",
        "a = 2; raise \"no\"",
        "a",
        "{b, c} = {3, 4}; b + c + a",
    ]);
    assert_eq!(out[out.len() - 2..], ["1".to_string(), "8".to_string()]);
}

#[test]
fn a_finished_spawned_process_is_dead_on_the_next_line() {
    let out = shell(&[
        "pid = spawn(fn -> 1 + 2 end)",
        "Process.sleep(20); Process.alive?(pid)",
    ]);
    assert_eq!(out.last().map(String::as_str), Some("false"), "{out:?}");
}

#[test]
fn two_busy_processes_both_progress_and_the_shell_answers() {
    let out = shell(&[
        "parent = self()",
        "spin = fn spin, n -> if rem(n, 10_000) == 0, do: send(parent, {self(), n}); spin.(spin, n + 1) end",
        "a = spawn(fn -> spin.(spin, 1) end); b = spawn(fn -> spin.(spin, 1) end); :ok",
        "Process.sleep(50); :ok",
        // Each has gone far past its first slice (4,000 calls) while the other ran.
        "far = fn p -> receive do {^p, n} when n >= 50_000 -> true after 20_000 -> false end end",
        "{far.(a), far.(b)}",
        "{t, _} = :timer.tc(fn -> 1 + 1 end); Process.exit(a, :kill); Process.exit(b, :kill); t < 50_000",
    ]);
    let n = out.len();
    assert_eq!(
        out[n - 2..],
        ["{true, true}".to_string(), "true".to_string()],
        "{out:?}"
    );
}

#[test]
fn a_process_killed_while_suspended_dies_and_others_go_on() {
    let out = shell(&[
        "w = spawn(fn -> receive do :never -> :ok end end); Process.sleep(10); Process.alive?(w)",
        "Process.exit(w, :kill); Process.sleep(10); Process.alive?(w)",
        "me = self(); spawn(fn -> receive do x -> send(me, {:got, x}) after 1000 -> :late end end) |> send(:hi); receive do m -> m after 1000 -> :none end",
        "spawn(fn -> Process.sleep(30); send(me, :slept) end); receive do m -> m after 1000 -> :none end",
    ]);
    let n = out.len();
    let want = ["true", "false", "{:got, :hi}", ":slept"].map(String::from);
    assert_eq!(out[n - 4..], want, "{out:?}");
}

#[test]
fn a_runaway_recursion_in_a_process_ends_it_and_not_the_shell() {
    let out = shell(&[
        "f = fn f, n -> 1 + f.(f, n + 1) end",
        "{pid, ref} = spawn_monitor(fn -> f.(f, 0) end); receive do {:DOWN, ^ref, _, _, _} -> :down after 60_000 -> :running end",
        "1 + 1",
    ]);
    assert_eq!(out.last().map(String::as_str), Some("2"), "{out:?}");
    assert!(out.iter().any(|l| l == ":down"), "{out:?}");
}

#[test]
fn thousands_of_processes_messaging_and_dying_lose_nothing() {
    let out = shell(&[
        "before = length(Process.list()); me = self()",
        "relay = fn relay, next -> receive do {:token, n} -> send(next, {:token, n + 1}) end end",
        "last = Enum.reduce(1..2000, me, fn _, next -> spawn_link(fn -> relay.(relay, next) end) end); send(last, {:token, 0}); receive do {:token, n} -> n after 5000 -> :lost end",
        "Process.sleep(100); length(Process.list()) - before",
    ]);
    let n = out.len();
    assert_eq!(
        out[n - 2..],
        ["2000".to_string(), "0".to_string()],
        "{out:?}"
    );
}

#[test]
fn a_receive_in_a_closure_enum_calls_back_suspends_the_process() {
    // A chain of processes, each waiting inside `Enum.each`'s callback for the `:go`
    // of the one spawned after it. They start in spawn order, so the first to run wait
    // for processes not run yet: a callback holding its scheduler thread in `receive`
    // would leave those never run, and the chain would stop.
    let out = last(&[
        "parent = self()",
        "last = spawn(fn -> Enum.each([1], fn _ -> receive do :go -> send(parent, :done) end end) end)",
        "head = Enum.reduce(1..50, last, fn _, next -> spawn(fn -> Enum.each([1], fn _ -> receive do :go -> send(next, :go) end end) end) end); :ok",
        "send(head, :go); receive do :done -> :ok after 5000 -> :lost end",
    ]);
    assert_eq!(out, ":ok");
}

#[test]
fn nested_walks_run_their_closures_in_the_machine() {
    let out = shell(&[
        "Enum.map(1..3, fn x -> Enum.reduce(1..x, 0, fn y, acc -> acc + x * y end) end)",
        "Enum.reduce_while(1..10, 0, fn x, acc -> if x > 3, do: {:halt, acc}, else: {:cont, acc + x} end)",
        "Enum.map_reduce([1, 2, 3], 0, fn x, acc -> {x * 2, acc + x} end)",
        "{Enum.find_index([1, 2, 3], &(&1 == 3)), Enum.count(1..10, &(rem(&1, 2) == 0)), Enum.all?([1, 2], fn x -> x > 1 end)}",
        // A function value that is no VM closure is applied as the library applies it.
        "Enum.map([1, 2], &Integer.to_string/1)",
        "Enum.map([1, 2], fn x, y -> x + y end)",
    ]);
    assert_eq!(out[0], "[1, 6, 18]");
    assert_eq!(out[1], "6");
    assert_eq!(out[2], "{[2, 4, 6], 6}");
    assert_eq!(out[3], "{2, 5, false}");
    assert_eq!(out[4], "[\"1\", \"2\"]");
    assert!(out[5].contains("(BadArityError)"), "{out:?}");
}

#[test]
fn a_callback_busy_in_a_walk_is_preempted() {
    // A walk over ten million elements in a spawned process: the shell still answers
    // at once, and killing the process stops the walk.
    let out = shell(&[
        "pid = spawn(fn -> Enum.each(1..10_000_000, fn x -> x * 2 end) end); :ok",
        "{t, _} = :timer.tc(fn -> Enum.sum(1..1000) end); t < 50_000",
        "Process.exit(pid, :kill); Process.sleep(10); Process.alive?(pid)",
    ]);
    assert_eq!(
        out[out.len() - 2..],
        ["true".to_string(), "false".to_string()]
    );
}

#[test]
fn an_error_in_a_callback_names_the_module_functions_it_passed() {
    let out = shell(&[
        "defmodule W do\n  def twice(l) do\n    r = Enum.map(l, fn x -> x * 2 end)\n    {:ok, r}\n  end\n  def tail(l), do: Enum.map(l, fn x -> x + 1 end)\nend",
        "W.twice([1, :a])",
        "W.tail([:a])",
    ]);
    let text = out.join("\n");
    // Not in tail position, the caller's frame stays; in tail position it is gone, as
    // on the BEAM. `x + 1` is an instruction of compiled code: no BIF frame.
    assert!(
        text.contains("iex:3: anonymous fn/1 in W.twice/1\n    iex:3: W.twice/1"),
        "{text}"
    );
    assert!(text.contains("** (ArithmeticError) bad argument in arithmetic expression\n    iex:6: anonymous fn/1 in W.tail/1"), "{text}");
    assert!(!text.contains("iex:6: W.tail/1"), "{text}");
}

#[test]
fn a_fn_made_by_a_module_prints_as_that_modules_fun() {
    let out = shell(&[
        "defmodule Cc do\n  def f, do: &(&1 * 2)\n  def g, do: fn x -> x end\n  def h, do: &area/1\n  def area(x), do: x * x\nend",
        "{Cc.f(), Cc.g(), Cc.h()}",
        "fn x -> x end",
    ]);
    let text = out.join("\n");
    // Numbered in the order the module's code makes them, named after their function;
    // a fn typed at the prompt is erl_eval's.
    for shown in [
        "#Function<0.",
        "/1 in Cc.f/0>",
        "#Function<1.",
        "/1 in Cc.g/0>",
        "#Function<2.",
        "/1 in Cc.area>",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    assert!(text.contains("/1 in :erl_eval.expr/6>"), "{text}");
}

#[test]
fn a_receive_the_walker_runs_in_a_spawned_process_never_holds_the_shell() {
    // `try` runs on the tree walker, whose `receive` waits on the thread it runs on:
    // that must be a scheduler's, not the shell's (a start on the parent's thread
    // would hang the prompt here).
    let out = shell(&[
        "me = self(); pid = spawn(fn -> try do receive do x -> send(me, {:got, x}) end rescue _ -> :ok end end); :ok",
        "1 + 1",
        "send(pid, :go); receive do {:got, x} -> x after 2000 -> :lost end",
    ]);
    assert_eq!(out[out.len() - 2..], ["2".to_string(), ":go".to_string()]);
}
