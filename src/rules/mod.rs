//! The catalogue of rules and the checks.

mod catalogue;

pub use catalogue::{Code, Rule, RulePath, Severity, RULES};
