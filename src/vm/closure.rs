//! A function value made by VM code: its prototype, the values it captured, and the
//! aliases and imports its code was compiled under (for the parts the walker runs).

use super::code::Proto;
use crate::eval::Env;
use crate::term::Term;
use std::sync::Arc;

pub struct VmClosure {
    pub proto: Arc<Proto>,
    pub captured: Box<[Term]>,
    /// The environment of the line that made it, without its variables.
    pub env: Arc<Env>,
}

impl std::fmt::Debug for VmClosure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.proto.function {
            Some(info) => write!(f, "#Code<{}.{}/{}>", info.module, info.name, info.arity),
            None => write!(f, "#Code<fn/{}>", self.proto.arity),
        }
    }
}
