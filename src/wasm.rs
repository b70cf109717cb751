//! wasm shell
