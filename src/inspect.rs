//! Elixir 1.14's `inspect` (placeholder until the printer lands).
