//! The animation clock (placeholder).
