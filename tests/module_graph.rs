//! The module graph of `src/` has no cycle, and the core never reaches into the shells.
//!
//! Nodes are the files of `src/` (a `mod.rs` is its folder's module); an edge is a `crate::…` or
//! `super::…` path in a file, outside its `#[cfg(test)] mod tests` and the test-only files. A
//! module's own submodules (declared with `mod`, re-exported by relative paths) belong to it and
//! are no edge. `lib.rs` (the façade that re-exports), `bin/` and `wasm/` (the shells) and
//! `synth/` (the generator) may use anything; nothing else may use them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const TEST_ONLY: &[&str] = &["tests.rs", "test_support.rs", "reference.rs", "perf.rs"];

/// Every `.rs` file under `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/rules/mod.rs` → `rules`, `src/rules/args.rs` → `rules::args`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The paths a file names: each `crate::a::b` or `super::a`, as module paths (items included;
/// resolved to the longest known module later). Braced groups are expanded one level.
fn references(text: &str, module: &[String], is_mod_rs: bool) -> Vec<Vec<String>> {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = Vec::new();
    for (start, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[start..];
        let end = rest
            .find(|c: char| {
                !(c.is_alphanumeric()
                    || c == '_'
                    || c == ':'
                    || c == '{'
                    || c == ','
                    || c == ' '
                    || c == '\n')
            })
            .unwrap_or(rest.len());
        let path = &rest[..end];
        let (head, group) = match path.find('{') {
            Some(open) => (
                &path[..open],
                Some(&rest[open + 1..rest.find('}').unwrap_or(rest.len())]),
            ),
            None => (path, None),
        };
        let mut base: Vec<String> = Vec::new();
        for (i, seg) in head
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .enumerate()
        {
            match seg {
                "crate" if i == 0 => {}
                "super" => {
                    if base.is_empty() && i == 0 {
                        base = module.to_vec();
                        // In `a/b.rs` super is `a`; in `a/b/mod.rs` (module a::b) super is `a` too.
                        let _ = is_mod_rs;
                    }
                    base.pop();
                }
                s => base.push(s.to_string()),
            }
        }
        match group {
            Some(items) => {
                for item in items.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    let mut p = base.clone();
                    p.extend(
                        item.split("::")
                            .map(|s| s.trim().to_string())
                            .filter(|s| s != "self"),
                    );
                    out.push(p);
                }
                if items.trim().is_empty() {
                    out.push(base);
                }
            }
            None => out.push(base),
        }
    }
    out
}

struct Graph {
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let modules: BTreeSet<Vec<String>> = all.iter().map(|f| module_of(&src, f)).collect();
    let mut edges = BTreeMap::new();
    for file in &all {
        let name = file.file_name().unwrap().to_string_lossy();
        if TEST_ONLY.contains(&name.as_ref()) {
            continue;
        }
        let module = module_of(&src, file);
        let text = std::fs::read_to_string(file).unwrap();
        let mut targets = BTreeSet::new();
        for path in references(&text, &module, name == "mod.rs") {
            // The longest prefix that is a module file.
            let target = (0..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains(p))
                .unwrap_or_default();
            // Its own submodules are part of it.
            if target != module && !target.starts_with(&module) {
                targets.insert(target);
            }
        }
        edges.insert(module, targets);
    }
    Graph { edges }
}

/// The façade, the shells, and the generator (a tool beside the core, never in the wasm; its
/// files `gen` and `write` still call each other: not yet untangled).
fn shell(module: &[String]) -> bool {
    module.is_empty() || matches!(module[0].as_str(), "bin" | "wasm" | "synth")
}

#[test]
fn no_cycle() {
    let g = graph();
    // Depth-first search for a back edge, among the core's modules.
    fn visit(
        g: &Graph,
        m: &Vec<String>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            return Some(stack[at..].to_vec());
        }
        if !done.insert(m.clone()) {
            return None;
        }
        stack.push(m.clone());
        for next in g.edges.get(m).into_iter().flatten().filter(|n| !shell(n)) {
            if let Some(cycle) = visit(g, next, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in g.edges.keys().filter(|m| !shell(m)) {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(&g, m, &mut stack, &mut done) {
            let names: Vec<String> = cycle.iter().map(|c| c.join("::")).collect();
            panic!("import cycle: {} → back", names.join(" → "));
        }
    }
}

#[test]
fn the_core_never_uses_a_shell() {
    for (m, targets) in &graph().edges {
        if shell(m) {
            continue;
        }
        for t in targets {
            assert!(
                !shell(t) || t.is_empty(),
                "{} uses {}",
                m.join("::"),
                t.join("::")
            );
        }
    }
}

#[test]
fn the_graph_sees_the_edges_it_must() {
    let g = graph();
    let edge = |a: &str, b: &str| {
        let key: Vec<String> = a.split("::").map(str::to_string).collect();
        let target: Vec<String> = b.split("::").map(str::to_string).collect();
        g.edges[&key].contains(&target)
    };
    assert!(edge("rules::catalogue", "vocab"));
    assert!(edge("matching::assign", "matching::keys"), "a super:: path");
    assert!(edge("export", "model::normalise"));
    assert!(!edge("model::normalise", "export"), "the old cycle is gone");
}
