//! The JS module (`pkg/`): a thin shell over [`crate::check_in`], compiled only for wasm32 (its
//! compact report form is also tested natively).
//!
//! ```js
//! import init, { check } from "./pkg/roster_check.js";
//! await init();
//! const run = check({ exmail: bytes, wecom: bytes, roster: null, options: {} });
//! const report = run.report();
//! const file = run.exportRoster({ format: "xlsx" });
//! run.free();
//! ```
//!
//! - Input bytes cross into wasm memory once (one copy each); the engine only borrows them.
//! - The result stays in wasm memory behind the handle; exports never send the report back.
//! - `report()` is built by a little JS (`compact.js`) from numbers and a few strings made in
//!   wasm, not as thousands of objects built one property at a time across the boundary.
//! - Every failure is a thrown JS `Error` whose message names the file (or `options`) and the
//!   cause, with the error's `file`, `code`, `row`, `args` and `messages` as own properties
//!   (`js.rs`). A bug in the engine (a Rust panic) is also turned into an `Error` by a panic
//!   hook; the instance is then refused for further use: load the module again (a new Worker).
//!
//! The TypeScript declarations: `api.d.ts` (written by hand, checked against the Rust types by
//! `tests/ts_types.rs`) and `generated.d.ts` (written by `tests/mirrors.rs` from the catalogue
//! and the vocabulary); both ship in `pkg/roster_check.d.ts`.

#[cfg(target_arch = "wasm32")]
mod api;
#[cfg(target_arch = "wasm32")]
pub use api::{check, rules, version, words, Check, CheckInput, ExportOptions};
pub(crate) mod compact;
#[cfg(target_arch = "wasm32")]
mod heap;
#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod objects;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_API: &'static str = include_str!("api.d.ts");

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_GENERATED: &'static str = include_str!("generated.d.ts");
