//! The BEAM-like runtime (placeholder until the runtime lands).
