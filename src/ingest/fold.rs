//! Traditional Chinese folded to Simplified for the words the reader compares: headers
//! (郵箱帳號 → 邮箱账号, 手機 → 手机, 部門 → 部门, 別名 → 别名) and status words (已啟用, 已離職,
//! 退出企業), plus 帐 → 账, since both spellings of 账号 are in use. A small table of the
//! characters those words use, not a general converter: a full conversion table would cost the
//! page far more than the few hundred characters headers need.

use std::borrow::Cow;

/// (Traditional or variant, Simplified), sorted by the first (a test checks it).
const TABLE: &[(char, char)] = &[
    ('並', '并'),
    ('係', '系'),
    ('個', '个'),
    ('們', '们'),
    ('備', '备'),
    ('傳', '传'),
    ('僅', '仅'),
    ('價', '价'),
    ('內', '内'),
    ('兩', '两'),
    ('凍', '冻'),
    ('別', '别'),
    ('則', '则'),
    ('務', '务'),
    ('區', '区'),
    ('參', '参'),
    ('員', '员'),
    ('問', '问'),
    ('啓', '启'),
    ('啟', '启'),
    ('單', '单'),
    ('國', '国'),
    ('團', '团'),
    ('實', '实'),
    ('寫', '写'),
    ('將', '将'),
    ('專', '专'),
    ('導', '导'),
    ('屬', '属'),
    ('帐', '账'),
    ('帳', '账'),
    ('廠', '厂'),
    ('廳', '厅'),
    ('後', '后'),
    ('從', '从'),
    ('復', '复'),
    ('態', '态'),
    ('應', '应'),
    ('戶', '户'),
    ('擇', '择'),
    ('擊', '击'),
    ('會', '会'),
    ('業', '业'),
    ('標', '标'),
    ('機', '机'),
    ('檔', '档'),
    ('權', '权'),
    ('歲', '岁'),
    ('歸', '归'),
    ('為', '为'),
    ('無', '无'),
    ('營', '营'),
    ('狀', '状'),
    ('產', '产'),
    ('當', '当'),
    ('發', '发'),
    ('碼', '码'),
    ('禮', '礼'),
    ('稱', '称'),
    ('簡', '简'),
    ('簽', '签'),
    ('紀', '纪'),
    ('約', '约'),
    ('級', '级'),
    ('組', '组'),
    ('結', '结'),
    ('絡', '络'),
    ('統', '统'),
    ('經', '经'),
    ('網', '网'),
    ('線', '线'),
    ('總', '总'),
    ('織', '织'),
    ('聯', '联'),
    ('職', '职'),
    ('臺', '台'),
    ('處', '处'),
    ('號', '号'),
    ('視', '视'),
    ('覽', '览'),
    ('訊', '讯'),
    ('設', '设'),
    ('註', '注'),
    ('話', '话'),
    ('該', '该'),
    ('認', '认'),
    ('說', '说'),
    ('請', '请'),
    ('證', '证'),
    ('議', '议'),
    ('負', '负'),
    ('財', '财'),
    ('貨', '货'),
    ('資', '资'),
    ('質', '质'),
    ('賬', '账'),
    ('購', '购'),
    ('軟', '软'),
    ('輸', '输'),
    ('辦', '办'),
    ('運', '运'),
    ('過', '过'),
    ('選', '选'),
    ('郵', '邮'),
    ('醫', '医'),
    ('釘', '钉'),
    ('錄', '录'),
    ('鎖', '锁'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('隊', '队'),
    ('際', '际'),
    ('離', '离'),
    ('電', '电'),
    ('須', '须'),
    ('預', '预'),
    ('領', '领'),
    ('頻', '频'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('顯', '显'),
    ('驗', '验'),
    ('體', '体'),
    ('點', '点'),
];

/// The Simplified form of `c`, or `c`.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match TABLE.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => TABLE[i].1,
        Err(_) => c,
    }
}

/// Full-width ASCII (`Ａ`, `１`, `＠`) and the ideographic space to half-width.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// `text` with every character folded; borrowed when nothing changes (ASCII, Simplified).
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || text.chars().all(|c| fold_char(c) == c) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(fold_char).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_status_words_fold() {
        for (traditional, simplified) in [
            ("郵箱帳號", "邮箱账号"),
            ("郵箱賬號", "邮箱账号"),
            ("成员帐号", "成员账号"),
            ("手機", "手机"),
            ("部門", "部门"),
            ("別名", "别名"),
            ("職務", "职务"),
            ("狀態", "状态"),
            ("禁用狀態", "禁用状态"),
            ("已啟用", "已启用"),
            ("已離職", "已离职"),
            ("退出企業", "退出企业"),
            ("企業微信帳號", "企业微信账号"),
            ("所屬部門", "所属部门"),
            ("個人郵箱", "个人邮箱"),
            ("郵箱類型", "邮箱类型"),
            ("成員郵箱", "成员邮箱"),
        ] {
            assert_eq!(fold(traditional), simplified, "{traditional}");
        }
        assert!(matches!(fold("邮箱账号 email"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_table_is_sorted_without_repeats() {
        for pair in TABLE.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{:?} before {:?}", pair[0], pair[1]);
        }
        for &(t, s) in TABLE {
            assert_ne!(t, s, "{t} folds to itself");
        }
    }
}
