//! The evaluator (placeholder).
