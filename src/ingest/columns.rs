//! Finding the header row and the column of each [`Field`] by content.
//!
//! Nobody's export has a fixed layout: headers come in Chinese and English spelling variants,
//! sometimes decorated (`*姓名（必填）`), sometimes below instruction rows. The same word means
//! different things per file (`账号` is the address in Exmail and the userid in WeCom), so
//! each [`FileKind`] has its own alias table.

use super::content::{self, Guess};
use super::fold::{fold_char, half_width};
use super::{Layout, Table};
use crate::error::{Error, Problem};
use crate::options::ReadOptions;
use crate::vocab::{Field, FileKind};

/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 100;
/// Data rows sampled below the header when recognising a column by its values.
const CONTENT_SAMPLE_ROWS: usize = 500;

/// One field's aliases, highest priority first.
type Aliases = (Field, &'static [&'static str]);

const NAME: Aliases = (Field::Name, &["姓名", "名字", "name"]);
const MOBILE: Aliases = (
    Field::Mobile,
    &["手机", "手机号", "手机号码", "mobile", "phone"],
);
/// Landline headers: only used for `Mobile` when no real mobile column exists (the old
/// Exmail template has two `电话` columns and nothing else).
const TELEPHONE: Aliases = (Field::Mobile, &["电话", "座机", "telephone"]);
const WECHAT: Aliases = (
    Field::WechatId,
    &[
        "微信ID",
        "微信号",
        "微信",
        "绑定微信",
        "绑定的微信",
        "wechat",
        "wechat_id",
        "wechatid",
        "weixin",
    ],
);
const DEPARTMENT: Aliases = (
    Field::Department,
    &["部门", "所属部门", "所在部门", "department"],
);
const STATUS: Aliases = (
    Field::Status,
    &[
        "状态",
        "账号状态",
        "成员状态",
        "禁用状态",
        "启用状态",
        "禁用",
        "是否禁用",
        "enable",
        "status",
    ],
);
/// The console export's 激活状态, beside its 禁用状态: both decide whether a member is usable.
const ACTIVATION: Aliases = (Field::Activation, &["激活状态", "是否激活", "activation"]);
const ALIAS: Aliases = (Field::Alias, &["别名", "alias"]);

const EXMAIL: &[Aliases] = &[
    (
        Field::Email,
        &[
            "账号",
            "邮箱账号",
            "邮箱地址",
            "邮箱",
            "email",
            "e-mail",
            "mail",
            "account",
            "userid",
        ],
    ),
    NAME,
    MOBILE,
    WECHAT,
    DEPARTMENT,
    STATUS,
    ALIAS,
    TELEPHONE,
];

// 帐 and Traditional spellings (帳號, 郵箱) need no entries: headers and aliases are folded
// alike (`normalize_header`).
const WECOM: &[Aliases] = &[
    (
        Field::Userid,
        &["账号", "英文ID", "userid", "成员账号", "企业微信账号"],
    ),
    (Field::Email, &["个人邮箱", "邮箱", "email"]),
    (
        Field::BizMail,
        &["企业邮箱", "企业邮箱地址", "biz_mail", "bizmail"],
    ),
    NAME,
    MOBILE,
    WECHAT,
    DEPARTMENT,
    STATUS,
    ACTIVATION,
    ALIAS,
    TELEPHONE,
];

const ROSTER: &[Aliases] = &[
    (
        Field::Email,
        &["邮箱地址", "邮箱账号", "邮箱", "账号", "email"],
    ),
    (
        Field::MailboxType,
        &["邮箱类型", "类型", "账号类型", "归属", "type"],
    ),
    (Field::Userid, &["企业微信账号", "成员账号", "userid"]),
    (Field::Name, &["姓名"]),
    (Field::WechatId, &["微信ID"]),
];

fn aliases(file: FileKind) -> &'static [Aliases] {
    match file {
        FileKind::Exmail => EXMAIL,
        FileKind::Wecom => WECOM,
        FileKind::Roster | FileKind::Options => ROSTER,
    }
}

/// A header cell in comparable form: trimmed, full-width ASCII folded to half-width,
/// Traditional characters and 帐 folded to Simplified (帳號 → 账号), spaces, `*`, `_` and `-`
/// dropped, lower-cased, with `(必填)`-style notes, a code legend (`激活状态,0:已激活,9:未激活`)
/// and trailing parentheticals / explanations (`禁用项说明：(0-启用;1-禁用)`) removed.
pub fn normalize_header(header: &str) -> String {
    let mut s: String = header
        .chars()
        .filter_map(|c| {
            let c = match c {
                '【' => '[',
                '】' => ']',
                c => fold_char(half_width(c)),
            };
            (!c.is_whitespace() && !matches!(c, '*' | '_' | '-' | '\u{FEFF}'))
                .then(|| c.to_ascii_lowercase())
        })
        .collect();
    if let Some(at) = legend_start(&s) {
        s.truncate(at);
    }
    for note in ["(必填)", "(选填)", "(可选)", "(必须)", "[必填]", "[选填]"] {
        s = s.replace(note, "");
    }
    // Trailing explanations: `名称(说明)`, `名称[说明]`, `名称:`. Keep the text if nothing
    // would remain.
    loop {
        let trimmed = s.trim_end_matches([':', '：']);
        let cut = if let Some(open) = trimmed.strip_suffix(')').and_then(|t| t.rfind('(')) {
            Some(open)
        } else {
            trimmed.strip_suffix(']').and_then(|t| t.rfind('['))
        };
        match cut {
            Some(open) if open > 0 => s.truncate(open),
            _ => {
                let len = trimmed.len();
                s.truncate(len);
                break;
            }
        }
    }
    s
}

/// Where a code legend starts in a (half-width) header: a `,` or `;` followed by `digit:`
/// (`激活状态,0:已激活,9:未激活`).
fn legend_start(header: &str) -> Option<usize> {
    let at = header.find([',', ';'])?;
    let rest = header[at + 1..].trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (at > 0 && digits > 0 && matches!(rest.as_bytes().get(digits), Some(b':' | b'-' | b'=')))
        .then_some(at)
}

/// A file kind's aliases in normalised form, each with its field and priority (lower is
/// better) so the best-named column wins.
struct AliasIndex(Vec<(String, Field, usize)>);

impl AliasIndex {
    fn new(table: &[Aliases]) -> AliasIndex {
        let names = table
            .iter()
            .flat_map(|(field, names)| names.iter().map(move |n| (*field, *n)));
        AliasIndex(
            names
                .enumerate()
                .map(|(rank, (field, name))| (normalize_header(name), field, rank))
                .collect(),
        )
    }

    /// The field a normalised header names, and the alias's priority.
    fn field_of(&self, normalized: &str) -> Option<(Field, usize)> {
        self.0
            .iter()
            .find(|(name, _, _)| name == normalized)
            .map(|(_, field, rank)| (*field, *rank))
    }
}

/// Finds the header row and the column of each field; see [`super::find_layout`].
pub fn find_layout(table: &Table, file: FileKind, read: &ReadOptions) -> Result<Layout, Error> {
    let alias_index = AliasIndex::new(aliases(file));
    let normalized_row =
        |index: usize| -> Vec<String> { table.row(index).cells().map(normalize_header).collect() };

    let header_index = match read.header_row {
        Some(number) => (0..table.len())
            .find(|&i| table.row(i).number == number)
            .ok_or_else(|| {
                let problem = Problem::HeaderRowMissing {
                    header_row: number,
                    rows: table.len(),
                };
                Error::refused(file, problem)
            })?,
        None => {
            // The row naming the most distinct fields; ties go to the earliest. Rows above it
            // are instructions (the WeCom template has some).
            let mut best: Option<(usize, usize)> = None;
            for index in 0..table.len().min(HEADER_SEARCH_ROWS) {
                let mut seen = [false; Field::ALL.len()];
                for cell in normalized_row(index) {
                    if let Some((field, _)) = alias_index.field_of(&cell) {
                        seen[field as usize] = true;
                    }
                }
                let score = seen.iter().filter(|&&s| s).count();
                if score > best.map_or(0, |(_, s)| s) {
                    best = Some((index, score));
                }
            }
            // Nothing recognised: take the first non-blank row as the header, so columns can
            // still be found by content or by the caller's overrides.
            best.map(|(i, _)| i)
                .or_else(|| (0..table.len()).find(|&i| !table.row(i).is_blank()))
                .unwrap_or(0)
        }
    };
    // No header at all (a bare list of accounts): a "header" holding an address is the first
    // account, which taking it for a header would silently drop. (A wizard roster always has
    // its header: its export writes the type column's header there.)
    let headerless = read.header_row.is_none()
        && file != FileKind::Roster
        && !table.is_empty()
        && table
            .row(header_index)
            .cells()
            .all(|c| alias_index.field_of(&normalize_header(c)).is_none())
        && table
            .row(header_index)
            .cells()
            .any(|c| content::looks_like_address(c.trim()));
    let data_start = if headerless {
        header_index
    } else {
        header_index + 1
    };

    let (headers, header_row) = if table.is_empty() {
        (Vec::new(), 1)
    } else if headerless {
        (Vec::new(), table.row(header_index).number)
    } else {
        let row = table.row(header_index);
        (
            row.cells()
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>(),
            row.number,
        )
    };

    let mut columns = [None; Field::ALL.len()];
    let mut ranks = [usize::MAX; Field::ALL.len()];
    if !table.is_empty() && !headerless {
        for (column, cell) in normalized_row(header_index).iter().enumerate() {
            if let Some((field, rank)) = alias_index.field_of(cell) {
                // Better alias wins; among equal aliases, the leftmost column.
                if rank < ranks[field as usize] {
                    ranks[field as usize] = rank;
                    columns[field as usize] = Some(column);
                }
            }
        }
    }

    // The caller's mapping first: a field it names is never guessed.
    for (name, spec) in &read.columns {
        let field = Field::parse(name.trim()).ok_or_else(|| {
            Error::options(Problem::UnknownField {
                field: name.clone(),
                input: file,
                known: Field::ALL.iter().map(|f| f.as_str().to_string()).collect(),
            })
        })?;
        let width = table
            .rows()
            .map(|r| r.len())
            .max()
            .unwrap_or(0)
            .max(headers.len());
        let column = resolve_column(spec, &headers, width).ok_or_else(|| {
            let problem = Problem::ColumnNotFound {
                column: spec.clone(),
                field,
                header_row,
                headers: headers.iter().filter(|h| !h.is_empty()).cloned().collect(),
            };
            Error::refused(file, problem)
        })?;
        columns[field as usize] = Some(column);
    }

    let data = data_start..table.len().min(data_start + CONTENT_SAMPLE_ROWS);
    let mut guessed = Vec::new();
    let mut by_content = |field: Field, columns: &mut [Option<usize>], is: fn(&str) -> bool| {
        if columns[field as usize].is_none() {
            if let Some(column) = content::column_by_content(table, data.clone(), columns, is) {
                columns[field as usize] = Some(column);
                guessed.push(Guess {
                    column,
                    field: Some(field),
                    looks_like: field,
                });
            }
        }
    };
    if matches!(file, FileKind::Exmail | FileKind::Roster) {
        by_content(Field::Email, &mut columns, content::looks_like_address);
    }
    if file == FileKind::Roster {
        by_content(Field::MailboxType, &mut columns, content::looks_like_type);
    }
    if matches!(file, FileKind::Exmail | FileKind::Wecom) && !table.is_empty() {
        let header = if headerless {
            Vec::new()
        } else {
            normalized_row(header_index)
        };
        let unknown = |c: usize| {
            header
                .get(c)
                .is_none_or(|h| alias_index.field_of(h).is_none())
        };
        guessed.extend(content::unread_data(table, data, &columns, unknown));
    }

    Ok(Layout {
        header_index,
        data_start,
        header_row,
        headers,
        columns,
        guessed,
    })
}

/// A column given by header text (exact, then normalised), 1-based number, or letter(s).
fn resolve_column(spec: &str, headers: &[String], width: usize) -> Option<usize> {
    let spec = spec.trim();
    if spec.is_empty() {
        return None;
    }
    if let Some(i) = headers.iter().position(|h| h == spec) {
        return Some(i);
    }
    let wanted = normalize_header(spec);
    if let Some(i) = headers
        .iter()
        .position(|h| !wanted.is_empty() && normalize_header(h) == wanted)
    {
        return Some(i);
    }
    let index = if spec.bytes().all(|b| b.is_ascii_digit()) {
        spec.parse::<usize>().ok()?.checked_sub(1)?
    } else if spec.len() <= 3 && spec.bytes().all(|b| b.is_ascii_alphabetic()) {
        // Spreadsheet letters: A = 1, Z = 26, AA = 27.
        spec.bytes()
            .try_fold(0usize, |n, b| {
                Some(n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1)
            })?
            .checked_sub(1)?
    } else {
        return None;
    };
    (index < width).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        let mut t = Table::new();
        for (i, row) in rows.iter().enumerate() {
            for c in *row {
                t.push_cell(c);
            }
            t.end_row(i as u32 + 1);
        }
        t
    }

    #[test]
    fn normalises_decorations() {
        assert_eq!(normalize_header(" *姓名（必填） "), "姓名");
        assert_eq!(normalize_header("ＥＭＡＩＬ"), "email");
        assert_eq!(
            normalize_header("禁用项说明：(0-启用;1-禁用)"),
            "禁用项说明"
        );
        assert_eq!(normalize_header("Wechat_ID"), "wechatid");
        assert_eq!(normalize_header("手机 (选填)"), "手机");
        assert_eq!(normalize_header("(备注)"), "(备注)");
    }

    #[test]
    fn letters_and_numbers() {
        let h = vec!["a".to_string(), "b".to_string()];
        assert_eq!(resolve_column("B", &h, 30), Some(1));
        assert_eq!(resolve_column("AA", &h, 30), Some(26));
        assert_eq!(resolve_column("3", &h, 30), Some(2));
        assert_eq!(resolve_column("0", &h, 30), None);
        assert_eq!(resolve_column("b", &h, 30), Some(1));
        assert_eq!(resolve_column("ZZ", &h, 30), None);
    }

    #[test]
    fn header_found_below_instructions() {
        let t = table(&[
            &["说明：请按模板填写，姓名、账号、手机为必填项"],
            &[],
            &["姓名", "账号", "手机", "部门", "个人邮箱", "企业邮箱"],
            &[
                "张伟",
                "ZhangWei",
                "13800138000",
                "研发",
                "zw@qq.com",
                "zw@example.cn",
            ],
        ]);
        let l = find_layout(&t, FileKind::Wecom, &ReadOptions::default()).unwrap();
        assert_eq!((l.header_index, l.header_row), (2, 3));
        assert_eq!(l.column(Field::Userid), Some(1));
        assert_eq!(l.column(Field::Email), Some(4));
        assert_eq!(l.column(Field::BizMail), Some(5));
    }

    #[test]
    fn every_spelling_of_the_account_column() {
        for header in [
            "账号",
            "帐号",
            "帳號",
            "賬號",
            "成员帐号",
            "成員帳號",
            "企业微信帐号",
            "英文ID",
        ] {
            let t = table(&[&["姓名", header], &["张伟", "ZhangWei"]]);
            let l = find_layout(&t, FileKind::Wecom, &ReadOptions::default()).unwrap();
            assert_eq!(l.column(Field::Userid), Some(1), "{header}");
        }
        for header in ["邮箱帐号", "邮箱账号", "郵箱帳號", "帐号"] {
            let t = table(&[&[header, "姓名"], &["a@b.cn", "张伟"]]);
            let l = find_layout(&t, FileKind::Exmail, &ReadOptions::default()).unwrap();
            assert_eq!(l.column(Field::Email), Some(0), "{header}");
            assert!(l.guessed.is_empty(), "{header}: by its header");
        }
    }

    #[test]
    fn the_wechat_plugin_is_no_wechat_id() {
        let t = table(&[
            &["姓名", "账号", "微信插件"],
            &["张伟", "ZhangWei", "已启用"],
        ]);
        let l = find_layout(&t, FileKind::Wecom, &ReadOptions::default()).unwrap();
        assert_eq!(l.column(Field::WechatId), None);
    }

    #[test]
    fn legends_are_cut_from_headers() {
        assert_eq!(normalize_header("激活状态,0:已激活,9:未激活"), "激活状态");
        assert_eq!(
            normalize_header("激活状态，0：已激活，9：未激活"),
            "激活状态"
        );
        assert_eq!(normalize_header("a,b"), "a,b");
    }

    #[test]
    fn address_column_by_content() {
        let t = table(&[
            &["序号", "地址", "类别"],
            &["1", "a@example.cn", "成员邮箱"],
            &["2", "b@example.cn", "其他邮箱"],
        ]);
        let l = find_layout(&t, FileKind::Roster, &ReadOptions::default()).unwrap();
        assert_eq!(l.column(Field::Email), Some(1));
        assert_eq!(l.column(Field::MailboxType), Some(2));
    }
}
