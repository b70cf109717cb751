//! Who is whose: accounts matched to members by key ([`keys`]), the uploaded wizard roster read
//! ([`roster`]), and every account's final assignment with the evidence it rests on
//! ([`assign`]: overrides, then keys, then the roster).

pub mod assign;
pub mod keys;
pub mod roster;
pub(crate) mod sorted;

pub use assign::{assign, Resolved};
pub use keys::{match_keys, Matching};
