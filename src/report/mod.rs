//! Reports: a snapshot drawn as plain text, markdown or JSON (SPEC §3.1).

pub mod json;
pub mod markdown;
pub mod text;
