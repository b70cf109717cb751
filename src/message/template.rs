//! Message templates: text with `{name}` slots (`{{` and `}}` for braces), checked against the
//! argument names while the crate compiles ([`names_exactly`]) and filled at run time ([`fill`]).
//! One mechanism for the rules' findings and the errors' refusals alike.

use std::borrow::Cow;

/// At most this many arguments per message (the check's bookkeeping is a fixed array).
const MAX_ARGS: usize = 8;

/// Whether `template`'s slots are exactly `names`: every slot names an argument, every argument
/// is used, and the braces are balanced. A `const fn`, so a wrong template fails the build.
pub const fn names_exactly(template: &str, names: &[&str]) -> bool {
    names_exactly_or(template, names, &[])
}

/// [`names_exactly`], where a slot may also name one of `optional` (a finding's own `email` or
/// `value`), which need not be used.
pub const fn names_exactly_or(template: &str, names: &[&str], optional: &[&str]) -> bool {
    if names.len() > MAX_ARGS {
        return false;
    }
    let t = template.as_bytes();
    let mut used = [false; MAX_ARGS];
    let mut i = 0;
    while i < t.len() {
        match t[i] {
            b'{' if i + 1 < t.len() && t[i + 1] == b'{' => i += 2,
            b'}' if i + 1 < t.len() && t[i + 1] == b'}' => i += 2,
            b'}' => return false,
            b'{' => {
                let start = i + 1;
                let mut end = start;
                while end < t.len() && t[end] != b'}' {
                    end += 1;
                }
                if end == t.len() {
                    return false;
                }
                let mut found = false;
                let mut n = 0;
                while n < names.len() {
                    if same(t, start, end, names[n].as_bytes()) {
                        used[n] = true;
                        found = true;
                    }
                    n += 1;
                }
                let mut o = 0;
                while o < optional.len() {
                    if same(t, start, end, optional[o].as_bytes()) {
                        found = true;
                    }
                    o += 1;
                }
                if !found {
                    return false;
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    let mut n = 0;
    while n < names.len() {
        if !used[n] {
            return false;
        }
        n += 1;
    }
    true
}

/// Whether `template` has the slot `{name}`.
pub const fn uses(template: &str, name: &str) -> bool {
    let (t, name) = (template.as_bytes(), name.as_bytes());
    let mut i = 0;
    while i + name.len() + 2 <= t.len() {
        if t[i] == b'{' && t[i + name.len() + 1] == b'}' && same(t, i + 1, i + 1 + name.len(), name)
        {
            return true;
        }
        i += 1;
    }
    false
}

/// `t[start..end] == name`, in a `const fn`.
const fn same(t: &[u8], start: usize, end: usize, name: &[u8]) -> bool {
    if end - start != name.len() {
        return false;
    }
    let mut k = 0;
    while k < name.len() {
        if t[start + k] != name[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// `template` with each `{name}` replaced by `value(name)`. The template was checked by
/// [`names_exactly`]; a slot `value` does not know (impossible then) is written as it stands.
pub fn fill<'a>(template: &str, value: &dyn Fn(&str) -> Option<Cow<'a, str>>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        let slot = tail.find('}').filter(|_| tail.starts_with('{'));
        match slot.and_then(|end| Some((end, value(&tail[1..end])?))) {
            Some((end, text)) => {
                out.push_str(&text);
                rest = &tail[end + 1..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_name_exactly_their_arguments() {
        assert!(names_exactly("line {line} of {file}", &["file", "line"]));
        assert!(names_exactly("{a}{a} {{ x }}", &["a"]));
        assert!(names_exactly("no slot", &[]));
        assert!(
            !names_exactly("line {line}", &["line", "row"]),
            "row unused"
        );
        assert!(!names_exactly("line {lines}", &["line"]), "unknown slot");
        assert!(!names_exactly("line {line", &["line"]), "unclosed");
        assert!(!names_exactly("a } b", &[]), "stray brace");
        assert!(names_exactly_or(
            "{email}: {n}",
            &["n"],
            &["email", "value"]
        ));
        assert!(!names_exactly_or("{mail}", &[], &["email"]), "unknown slot");
        assert!(uses("账号 {email} 不在", "email") && !uses("{emails}", "email"));
    }

    #[test]
    fn fill_replaces_slots_and_unescapes_braces() {
        let value = |name: &str| match name {
            "row" => Some(Cow::Borrowed("2")),
            "column" => Some(Cow::Borrowed("B")),
            _ => None,
        };
        let filled = fill("row {row}, column {column} {{x}} {y}", &value);
        assert_eq!(filled, "row 2, column B {x} {y}");
        assert_eq!(fill("第 {row} 行", &value), "第 2 行");
    }
}
