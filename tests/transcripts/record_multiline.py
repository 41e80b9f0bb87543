#!/usr/bin/env python3
"""Record a multi-line iex session: every input line is fed to iex raw, as typed.

Usage: record_multiline.py [--plain] SCENARIO.ml.exs > SCENARIO.transcript

With --plain, iex starts without the guide's modules (a learner typing them in).

Unlike /work/shared/oracle/oracle.py (one complete expression a line, `#` lines skipped),
this feeds every line verbatim, including blank lines and `#iex:break`, so incomplete
expressions, continuation prompts and syntax errors can be recorded. Each input line is
written after the prompt iex showed before reading it: `iex> LINE` for a fresh prompt,
`...> LINE` for a continuation prompt (`...(N)>` in iex). What iex printed after reading
the line follows, as in the conformance format. Only stdout is recorded (as oracle.py
does); compiler warnings go to stderr and are not part of the transcript.
"""
import os, re, subprocess, sys

MODULES = "/work/shared/oracle/modules.ex"
PROMPT = re.compile(r"(iex|\.\.\.)\(\d+\)> ")

args = sys.argv[1:]
plain = "--plain" in args
args = [a for a in args if a != "--plain"]
lines = [l.rstrip("\n") for l in open(args[0])]
p = subprocess.run(["iex"] if plain else ["iex", "-r", MODULES],
                   input="\n".join(lines) + "\nSystem.halt()\n",
                   capture_output=True, text=True, timeout=60)
out = p.stdout
if out.startswith("Interactive Elixir"):
    out = out.split("\n", 1)[1]
# parts = [before, kind1, text1, kind2, text2, ...]: kind_i is the prompt shown before
# input line i, text_i what iex printed after reading it.
parts = PROMPT.split(out)
kinds, texts = parts[1::2], parts[2::2]
for i, line in enumerate(lines):
    kind = kinds[i] if i < len(kinds) else "iex"
    print(("iex> " if kind == "iex" else "...> ") + line)
    o = texts[i].strip("\n") if i < len(texts) else ""
    if o:
        print(o)
