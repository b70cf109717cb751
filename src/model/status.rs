//! Account and member state, read from status columns whatever their wording: words (已禁用,
//! 已退出, 已啟用 in Traditional), flags (`禁用` 0/1, `enable`), the API's codes (1 active,
//! 2 disabled, 4 not activated, 5 left), and codes a header explains (`激活状态,0:已激活,9:未激活`).
//! The WeCom console export has two columns — 激活状态 and 禁用状态 — and a member is usable only
//! when both say so ([`Status::combine`]).

use super::normalise::text;
use crate::ingest::fold::fold;
use crate::vocab::Status;

/// How a status column is to be read, decided once from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusColumn {
    kind: Kind,
    /// What each one-digit code means, when the header says (`0:已激活,9:未激活`).
    legend: [Option<Status>; 10],
}

/// What a bare number means: under 禁用 / 是否禁用 `1` means disabled; under enable / 启用 `1`
/// means enabled; otherwise the API codes apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    DisabledFlag,
    EnabledFlag,
    Codes,
}

impl StatusColumn {
    pub fn from_header(header: &str) -> StatusColumn {
        let h = fold(header).to_lowercase();
        let kind = if h.contains("激活") {
            // 激活状态: its 0/1 are no disable flags (and 启用 in a legend is no header word).
            Kind::Codes
        } else if h.contains('禁') || h.contains("disable") {
            Kind::DisabledFlag
        } else if h.contains("enable") || h.contains('启') {
            Kind::EnabledFlag
        } else {
            Kind::Codes
        };
        StatusColumn {
            kind,
            legend: legend(&h),
        }
    }
}

/// `0:已激活,9:未激活` (also `0-启用;1-禁用`, `0=…`): each one-digit code and the state its word
/// names.
fn legend(header: &str) -> [Option<Status>; 10] {
    let mut legend = [None; 10];
    let chars: Vec<char> = header.chars().collect();
    for (i, pair) in chars.windows(2).enumerate() {
        let (Some(code), true) = (
            pair[0].to_digit(10),
            matches!(pair[1], ':' | '：' | '-' | '='),
        ) else {
            continue;
        };
        // A code is a lone digit, not the end of a number (`2024-01`).
        if i > 0 && chars[i - 1].is_ascii_digit() {
            continue;
        }
        let word: String = chars[i + 2..]
            .iter()
            .take_while(|c| !matches!(c, ',' | '，' | ';' | '；' | ')' | '）' | ' '))
            .collect();
        let state = Status::word(&word);
        if state != Status::Unknown {
            legend[code as usize] = Some(state);
        }
    }
    legend
}

impl Status {
    /// Reads a status cell, whatever its wording.
    pub fn read(cell: &str, column: StatusColumn) -> Status {
        let v = text(cell);
        if let Some(state) = v
            .parse::<usize>()
            .ok()
            .and_then(|n| column.legend.get(n).copied().flatten())
        {
            return state;
        }
        let is_any = |words: [&str; 5]| words.iter().any(|w| v.eq_ignore_ascii_case(w));
        let yes = || is_any(["1", "是", "true", "yes", "y"]);
        let no = || is_any(["0", "否", "false", "no", "n"]);
        match column.kind {
            Kind::DisabledFlag if yes() => return Status::Disabled,
            Kind::DisabledFlag if no() => return Status::Active,
            Kind::EnabledFlag if yes() => return Status::Active,
            Kind::EnabledFlag if no() => return Status::Disabled,
            _ => {}
        }
        match v.as_ref() {
            "1" => Status::Active,
            "2" => Status::Disabled,
            "4" => Status::NotActivated,
            "5" => Status::Left,
            other => Status::word(other),
        }
    }

    /// A state word (已禁用, 已退出, Active, …), Traditional spellings folded.
    fn word(word: &str) -> Status {
        // The common words first: a direct comparison is much cheaper than substring searches.
        match word {
            "" => return Status::Unknown,
            "正常" | "启用" | "已启用" | "激活" | "已激活" | "在职" => {
                return Status::Active
            }
            "禁用" | "已禁用" | "停用" | "已停用" => return Status::Disabled,
            "未激活" => return Status::NotActivated,
            "离职" | "已离职" | "已退出" | "退出企业" => return Status::Left,
            _ => {}
        }
        let v = fold(word).to_lowercase();
        match v.as_str() {
            s if s.contains("离职") || s.contains("退出") || s == "left" || s == "resigned" => {
                Status::Left
            }
            s if s.contains("未激活") || s.contains("not activated") || s == "inactive" => {
                Status::NotActivated
            }
            s if s.contains("禁用")
                || s.contains("停用")
                || s.contains("冻结")
                || s.contains("disabled") =>
            {
                Status::Disabled
            }
            s if s.contains("启用")
                || s.contains("正常")
                || s.contains("激活")
                || s.contains("在职")
                || s == "active"
                || s == "enabled"
                || s == "normal" =>
            {
                Status::Active
            }
            _ => Status::Unknown,
        }
    }

    /// A member's state from its status (禁用状态, 状态) and activation (激活状态) columns: gone
    /// or disabled wins, then not activated, then whatever is known.
    pub fn combine(status: Status, activation: Status) -> Status {
        match (status, activation) {
            (Status::Left | Status::Disabled, _) => status,
            (_, Status::Left | Status::Disabled | Status::NotActivated) => activation,
            (Status::Unknown, _) => activation,
            _ => status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cell: &str, header: &str) -> Status {
        Status::read(cell, StatusColumn::from_header(header))
    }

    #[test]
    fn status_reads_by_header() {
        assert_eq!(read("1", "禁用"), Status::Disabled);
        assert_eq!(read("0", "禁用项说明：(0-启用;1-禁用)"), Status::Active);
        assert_eq!(read("1", "enable"), Status::Active);
        assert_eq!(read("0", "Enable"), Status::Disabled);
        assert_eq!(read("5", "状态"), Status::Left);
        assert_eq!(read("2", "状态"), Status::Disabled);
        assert_eq!(read("已禁用", "状态"), Status::Disabled);
        assert_eq!(read("账号已冻结", "状态"), Status::Disabled);
        assert_eq!(read("未激活", "激活状态"), Status::NotActivated);
        assert_eq!(read("已激活", "激活状态"), Status::Active);
        assert_eq!(read("已离职", "状态"), Status::Left);
        assert_eq!(read("Active", "status"), Status::Active);
    }

    #[test]
    fn console_words_and_traditional_spellings() {
        assert_eq!(read("已退出", "状态"), Status::Left);
        assert_eq!(read("退出企业", "状态"), Status::Left);
        assert_eq!(read("离职", "状态"), Status::Left);
        assert_eq!(read("退出企業", "狀態"), Status::Left);
        assert_eq!(read("已離職", "狀態"), Status::Left);
        assert_eq!(read("已啟用", "禁用狀態"), Status::Active);
        assert_eq!(read("啟用", "禁用状态"), Status::Active);
        assert_eq!(read("已禁用", "禁用状态"), Status::Disabled);
    }

    #[test]
    fn codes_a_header_explains() {
        let header = "激活状态,0:已激活,9:未激活";
        assert_eq!(read("0", header), Status::Active);
        assert_eq!(read("9", header), Status::NotActivated);
        assert_eq!(read("0", "禁用,0-启用;1-禁用"), Status::Active);
        assert_eq!(read("1", "禁用,0-启用;1-禁用"), Status::Disabled);
        // Without a legend, an activation column's 0 is no disable flag.
        assert_eq!(read("0", "激活状态"), Status::Unknown);
    }

    #[test]
    fn both_console_columns_decide() {
        use Status::*;
        assert_eq!(Status::combine(Active, NotActivated), NotActivated);
        assert_eq!(Status::combine(Disabled, Active), Disabled);
        assert_eq!(Status::combine(Disabled, NotActivated), Disabled);
        assert_eq!(Status::combine(Active, Active), Active);
        assert_eq!(Status::combine(Unknown, Active), Active);
        assert_eq!(Status::combine(Unknown, Unknown), Unknown);
        assert_eq!(Status::combine(Active, Unknown), Active);
        assert_eq!(Status::combine(Unknown, Left), Left);
    }
}
