//! Short commands (placeholder).
