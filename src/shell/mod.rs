//! The shell (placeholder).
