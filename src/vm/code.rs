//! Compiled code: the instructions of the VM and the function prototypes they live in.
//!
//! A `Proto` is one function's code: a typed line's top-level expression, or one `fn`.
//! Registers are numbered from the frame's base; a `fn`'s arguments come first, then the
//! values it captured, then its locals and temporaries. Jump targets are instruction
//! indices. Sub-expressions the compiler leaves to the tree walker keep their syntax
//! (`Fallback`), so every construct runs, only some of them on the VM.

use crate::syntax::ast::{BinaryOp, Clause, Expr, UnaryOp};
use crate::term::Term;
use std::sync::Arc;

pub type Reg = u32;
pub type Label = u32;

/// A variable the tree walker reads or binds, and the register that holds it.
pub type Binding = (Arc<str>, Reg);

#[derive(Debug)]
pub enum Op {
    Const {
        dst: Reg,
        value: Term,
    },
    Move {
        dst: Reg,
        src: Reg,
    },
    Tuple {
        dst: Reg,
        items: Box<[Reg]>,
    },
    /// `[a, b | tail]`, or a proper list when `tail` is None.
    List {
        dst: Reg,
        items: Box<[Reg]>,
        tail: Option<Reg>,
    },
    Map {
        dst: Reg,
        entries: Box<[(Reg, Reg)]>,
    },
    /// A string with interpolations: literal pieces and registers, in order.
    Interp {
        dst: Reg,
        parts: Box<[Piece]>,
    },
    Unary {
        dst: Reg,
        op: UnaryOp,
        src: Reg,
    },
    Binary {
        dst: Reg,
        op: BinaryOp,
        a: Reg,
        b: Operand,
        /// The BEAM's compiler makes this operation an instruction of its own in a
        /// module's code (`x + 1`, `x - 1`, `x / y`): its error there has no BIF frame.
        inline: bool,
    },
    /// A comparison deciding a branch, with no boolean made: jumps to `to` unless
    /// `a op b` holds.
    JumpUnlessCmp {
        op: BinaryOp,
        a: Reg,
        b: Operand,
        to: Label,
    },
    /// `and`/`or`: when the left side decides, its answer goes to `dst` and control to
    /// `done`; otherwise the right side runs next.
    StrictBool {
        dst: Reg,
        op: BinaryOp,
        src: Reg,
        done: Label,
    },
    Jump {
        to: Label,
    },
    JumpIfTruthy {
        src: Reg,
        to: Label,
    },
    JumpIfFalsy {
        src: Reg,
        to: Label,
    },

    // Pattern tests: each jumps to `fail` when the value does not fit.
    TestEq {
        src: Reg,
        value: Term,
        fail: Label,
    },
    TestSame {
        a: Reg,
        b: Reg,
        fail: Label,
    },
    TestTrue {
        src: Reg,
        fail: Label,
    },
    TestTuple {
        src: Reg,
        arity: u32,
        fail: Label,
    },
    GetElem {
        dst: Reg,
        src: Reg,
        index: u32,
    },
    TestEmptyList {
        src: Reg,
        fail: Label,
    },
    /// A non-empty proper or improper list: its head and tail.
    HeadTail {
        src: Reg,
        head: Reg,
        tail: Reg,
        fail: Label,
    },
    /// A pattern the VM does not compile, matched by the walker's rules: `reads` are the
    /// pinned variables, `binds` receive the pattern's variables.
    MatchWalker {
        pattern: Arc<Expr>,
        src: Reg,
        reads: Box<[Binding]>,
        binds: Box<[Binding]>,
        fail: Label,
    },
    /// Errors raised by a guard make the clause fail (`fail`), as on the BEAM.
    GuardBegin {
        fail: Label,
    },
    GuardEnd,

    /// `MatchError`, `CaseClauseError`, `CondClauseError`, `FunctionClauseError` of a fn.
    NoMatch {
        src: Reg,
    },
    NoCaseClause {
        src: Reg,
    },
    NoCondClause,
    NoFnClause,

    MakeClosure {
        dst: Reg,
        proto: Arc<Proto>,
        captured: Box<[Reg]>,
    },
    CallFun {
        dst: Reg,
        f: Reg,
        args: Box<[Reg]>,
    },
    TailCallFun {
        f: Reg,
        args: Box<[Reg]>,
    },
    CallLocal {
        dst: Reg,
        name: Arc<str>,
        args: Box<[Reg]>,
    },
    /// `Mod.fun(args)`; in tail position (`tail`) it ends the function.
    CallRemote {
        dst: Reg,
        module: Reg,
        function: Arc<str>,
        args: Box<[Reg]>,
        tail: bool,
    },
    /// A call of a function of the module this code is in: entry `index` of its table
    /// (the module version this code belongs to, as local calls on the BEAM).
    CallLocalFn {
        dst: Reg,
        table: Arc<FnTable>,
        index: u32,
        args: Box<[Reg]>,
        tail: bool,
    },
    /// `&local/1` in a module: the module's function `index` of its table as a fun,
    /// which iex shows as the module's fun number `fun` (`#Function<2.../1 in M.f>`).
    CaptureLocal {
        dst: Reg,
        table: Arc<FnTable>,
        index: u32,
        fun: u32,
        shown: Arc<str>,
    },
    /// A sub-expression run by the tree walker in an environment made of `reads`; the
    /// variables it binds come back in `binds`.
    Fallback {
        dst: Reg,
        expr: Arc<Expr>,
        reads: Box<[Binding]>,
        binds: Box<[Binding]>,
    },
    /// `receive`: the walker's clause matching over the mailbox, then a jump to the
    /// chosen clause's code with its bindings in registers.
    Receive(Box<ReceiveOp>),
    /// A comprehension's generator: `a`, `b`, `c` become its state (a list and an
    /// index, or a range's next value, count left and step).
    IterInit {
        src: Reg,
        a: Reg,
        b: Reg,
        c: Reg,
    },
    /// The generator's next element into `dst`, or a jump to `done` after the last.
    IterNext {
        a: Reg,
        b: Reg,
        c: Reg,
        dst: Reg,
        done: Label,
    },
    /// A comprehension's results: a collector opens, takes values, and closes into
    /// a list (or `into:` a collectable).
    CollectStart,
    CollectPush {
        src: Reg,
    },
    CollectEnd {
        dst: Reg,
        into: Option<Reg>,
    },
    Return {
        src: Reg,
    },
    /// The end of a typed line's expression: its value and the bindings it leaves.
    Halt {
        src: Reg,
        exports: Box<[Binding]>,
    },
}

/// The right side of an operator: a register, or an integer literal in the code.
#[derive(Debug, Clone, Copy)]
pub enum Operand {
    Reg(Reg),
    Int(i64),
}

#[derive(Debug)]
pub enum Piece {
    Text(Arc<str>),
    Value(Reg),
}

#[derive(Debug)]
pub struct ReceiveOp {
    pub clauses: Vec<ReceiveClause>,
    /// The variables in scope that patterns and guards may read.
    pub reads: Box<[Binding]>,
    /// `after`: the register with the timeout and where its body starts.
    pub after: Option<(Reg, Label)>,
    /// With no `after`, a receive that ends without a message (interrupted) yields nil.
    pub dst: Reg,
    pub done: Label,
}

#[derive(Debug)]
pub struct ReceiveClause {
    pub clause: Arc<Clause>,
    pub binds: Box<[Binding]>,
    pub body: Label,
}

/// What a module function's code knows of itself, for its errors and stack frames.
#[derive(Debug, Clone)]
pub struct FunctionInfo {
    /// The module as Elixir shows it (`KV.Bucket`).
    pub module: String,
    pub name: String,
    pub arity: usize,
    /// The shell line (`iex(N)`) the module was typed at, and the line of the
    /// function's first clause within that input (1 for the first).
    pub base_line: u32,
    pub line: u32,
    /// Set for a `fn` inside the function: its arity.
    pub anonymous: Option<usize>,
    /// For a `fn`: its index among the module's funs, in the order they were compiled.
    pub index: u32,
}

impl FunctionInfo {
    /// `iex:LINE: M.f/1`, the frame iex prints for code of this function at `line` of
    /// its input.
    pub fn frame(&self, line: u32) -> String {
        let line = self.base_line + line.max(1) - 1;
        let function = format!("{}.{}/{}", self.module, self.name, self.arity);
        match self.anonymous {
            Some(arity) => format!("iex:{line}: anonymous fn/{arity} in {function}"),
            None => format!("iex:{line}: {function}"),
        }
    }
}

/// A module's functions, in the order of its definitions' signatures: set once the
/// module is compiled, read by the local calls of its code.
pub type FnTable = std::sync::OnceLock<Vec<Arc<super::closure::VmClosure>>>;

/// One function's code.
#[derive(Debug)]
pub struct Proto {
    pub ops: Vec<Op>,
    /// The input line each instruction came from (1 for the first), by index.
    pub lines: Vec<u32>,
    /// Set for a module's function (a `def`), not for a `fn` or a typed line.
    pub function: Option<Arc<FunctionInfo>>,
    /// Registers a frame of this function needs.
    pub registers: u32,
    pub arity: u32,
    /// How many captured values follow the arguments.
    pub captured: u32,
}

impl Proto {
    /// The code as text, an instruction a line (for tests and debugging).
    pub fn disassemble(&self) -> String {
        let mut text = format!(
            "arity {} captured {} registers {}\n",
            self.arity, self.captured, self.registers
        );
        for (i, op) in self.ops.iter().enumerate() {
            let shown = format!("{op:?}");
            let shown: String = shown.chars().take(160).collect();
            text.push_str(&format!("{i:4} {shown}\n"));
        }
        text
    }
}
