//! The syntax tree of the Elixir a learner types at the shell.
//!
//! Every node carries the span of the source it came from, so errors can point at a
//! column. The tree says what was written, not what it means: `Registry` is an alias,
//! `x |> f(y)` is already `f(x, y)` (the parser desugars pipes and keyword sugar, which
//! have no meaning of their own), and nothing here knows about processes or values.

/// Byte offsets into the input plus the 1-based line and column of `start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    /// `:ok`, `:"with space"`, `true`, `false`, `nil`, and keyword keys (`name:`).
    Atom(String),
    /// `Registry`, `Foo.Bar`: the atom `:"Elixir.Registry"` once evaluated.
    Alias(String),
    /// A string literal, with `#{...}` interpolations in order.
    Str(Vec<StrPart>),
    /// `x`, `_`, `_name`.
    Var(String),
    /// `^x` (only meaningful inside a pattern).
    Pin(String),
    Tuple(Vec<Expr>),
    /// `[a, b]`, `[h | t]`, `[keys: :unique]` (keyword entries are 2-tuples here).
    List {
        items: Vec<Expr>,
        tail: Option<Box<Expr>>,
    },
    /// `%{k => v, a: 1}` and the update form `%{map | k => v}`.
    Map {
        base: Option<Box<Expr>>,
        entries: Vec<(Expr, Expr)>,
    },
    /// `%RuntimeError{message: "a"}` and the update `%RuntimeError{e | message: "b"}`:
    /// `module` is an `Alias` or `Atom`, or (in a pattern) a `Var` such as `_`; the rest
    /// is as in `Map`.
    Struct {
        module: Box<Expr>,
        base: Option<Box<Expr>>,
        entries: Vec<(Expr, Expr)>,
    },
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `pattern = expr`
    Match {
        pattern: Box<Expr>,
        expr: Box<Expr>,
    },
    /// `first..last` and `first..last//step`
    Range {
        first: Box<Expr>,
        last: Box<Expr>,
        step: Option<Box<Expr>>,
    },
    Call {
        target: CallTarget,
        args: Vec<Expr>,
    },
    /// `fn a, b -> body; c -> body end`
    Fn(Vec<Clause>),
    /// `&Mod.fun/arity`, `&fun/arity`
    CaptureFun {
        module: Option<Box<Expr>>,
        name: String,
        arity: usize,
    },
    /// `&(&1 + 1)`: the body, with `&N` as `CaptureArg(N)` inside it.
    Capture(Box<Expr>),
    CaptureArg(usize),
    /// `for gen <- enum, filter, into: x, do: body`
    For {
        qualifiers: Vec<Qualifier>,
        into: Option<Box<Expr>>,
        /// `reduce: acc`: the body is then one `fn` of the do-block's clauses, called
        /// with the accumulator for each element; its result is the next accumulator.
        reduce: Option<Box<Expr>>,
        body: Box<Block>,
    },
    If {
        condition: Box<Expr>,
        then: Box<Block>,
        otherwise: Option<Box<Block>>,
    },
    Unless {
        condition: Box<Expr>,
        then: Box<Block>,
        otherwise: Option<Box<Block>>,
    },
    Case {
        subject: Box<Expr>,
        clauses: Vec<Clause>,
    },
    Cond(Vec<Clause>),
    /// `receive do ... after t -> ... end`
    Receive {
        clauses: Vec<Clause>,
        after: Option<(Box<Expr>, Box<Block>)>,
    },
    /// Expressions in sequence: `a; b`, or the lines of a `do` block.
    Block(Block),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub exprs: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StrPart {
    Lit(String),
    Interp(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub enum CallTarget {
    /// `self()`, `elem(t, 0)`, `flush()`
    Local(String),
    /// `Registry.lookup(...)`, `:erlang.system_info(...)`, `mod.fun(...)`
    Remote { module: Box<Expr>, function: String },
    /// `f.(x)`
    Anonymous(Box<Expr>),
}

/// One clause of `fn`, `case`, `cond`, `receive`: patterns (one for `case`, the
/// parameters for `fn`, the condition for `cond`), an optional `when` guard, a body.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    pub patterns: Vec<Expr>,
    pub guard: Option<Expr>,
    pub body: Block,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Qualifier {
    Generator { pattern: Expr, source: Expr },
    Filter(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Plus,
    Not,
    Bang,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    Gt,
    Le,
    Ge,
    And,
    Or,
    AndAlso,
    OrElse,
    Concat,
    ListConcat,
    ListSubtract,
    In,
    NotIn,
}

impl BinaryOp {
    /// The operator as Elixir writes it (used in error messages).
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::StrictEq => "===",
            BinaryOp::StrictNotEq => "!==",
            BinaryOp::Lt => "<",
            BinaryOp::Gt => ">",
            BinaryOp::Le => "<=",
            BinaryOp::Ge => ">=",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::AndAlso => "&&",
            BinaryOp::OrElse => "||",
            BinaryOp::Concat => "<>",
            BinaryOp::ListConcat => "++",
            BinaryOp::ListSubtract => "--",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
        }
    }
}
