//! `for`: generators become loops over their enumerable (a range is counted, not
//! listed), filters jump to the next element, and the body's values go to a collector
//! (or, with `reduce:`, through the body's clauses into the accumulator). Nothing bound
//! inside leaks out.

use super::FnCompiler;
use crate::error::Result;
use crate::syntax::ast::{Block, Expr, Qualifier};
use crate::vm::code::{Label, Op, Reg};

/// Where the body's value goes.
#[derive(Clone, Copy)]
enum Leaf {
    Collect,
    Reduce(Reg),
}

impl FnCompiler<'_, '_> {
    pub(super) fn comprehension(
        &mut self,
        qualifiers: &[Qualifier],
        into: Option<&Expr>,
        reduce: Option<&Expr>,
        body: &Block,
    ) -> Result<Reg> {
        let saved = self.scope.clone();
        let leaf = match reduce {
            Some(init) => {
                let acc = self.fresh();
                let value = self.expr(init)?;
                self.emit(Op::Move {
                    dst: acc,
                    src: value,
                });
                Leaf::Reduce(acc)
            }
            None => Leaf::Collect,
        };
        let into = match into {
            Some(e) if reduce.is_none() => Some(self.expr(e)?),
            _ => None,
        };
        if let Leaf::Collect = leaf {
            self.emit(Op::CollectStart);
        }
        let end = self.label();
        self.qualify(qualifiers, body, leaf, end)?;
        self.place(end);
        self.scope = saved;
        match leaf {
            Leaf::Reduce(acc) => Ok(acc),
            Leaf::Collect => {
                let dst = self.fresh();
                self.emit(Op::CollectEnd { dst, into });
                Ok(dst)
            }
        }
    }

    /// The qualifiers from the first on; `next` is where a failed filter goes (the
    /// innermost generator's next element).
    fn qualify(
        &mut self,
        qualifiers: &[Qualifier],
        body: &Block,
        leaf: Leaf,
        next: Label,
    ) -> Result<()> {
        let Some((first, rest)) = qualifiers.split_first() else {
            match leaf {
                Leaf::Collect => {
                    let value = self.block(body, false)?;
                    self.emit(Op::CollectPush { src: value });
                }
                Leaf::Reduce(acc) => {
                    let step = self.block(body, false)?;
                    let dst = self.fresh();
                    self.emit(Op::CallFun {
                        dst,
                        f: step,
                        args: Box::new([acc]),
                    });
                    self.emit(Op::Move { dst: acc, src: dst });
                }
            }
            return Ok(());
        };
        match first {
            Qualifier::Filter(condition) => {
                self.jump_unless(condition, next)?;
                self.qualify(rest, body, leaf, next)
            }
            Qualifier::Generator { pattern, source } => {
                let src = self.expr(source)?;
                let (a, b, c) = (self.fresh(), self.fresh(), self.fresh());
                self.emit(Op::IterInit { src, a, b, c });
                let top = self.label();
                let done = self.label();
                self.place(top);
                let item = self.fresh();
                self.emit(Op::IterNext {
                    a,
                    b,
                    c,
                    dst: item,
                    done,
                });
                let saved = self.scope.clone();
                // An element the pattern does not take is skipped.
                self.pattern_top(pattern, item, top)?;
                self.qualify(rest, body, leaf, top)?;
                self.scope = saved;
                self.emit(Op::Jump { to: top });
                self.place(done);
                Ok(())
            }
        }
    }
}
