//! The nom parser (placeholder until the parser lands).
