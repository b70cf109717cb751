//! Synthetic companies with ground truth: fixtures, benchmarks and the page's sample.
//!
//! [`generate`] invents an organisation (no real personal data) from a [`CompanySpec`]: an
//! Exmail account export, a WeCom contacts export, a wizard-style 邮箱名单 and the [`Truth`]: what
//! the documented rules (`shared/spec/upgrade-rules.md`) imply for exactly those rows. The same
//! spec always gives the same bytes (own splitmix64 PRNG, no hashing order leaks into output).
//!
//! # What is in a company
//!
//! People with Chinese names (homonyms included: several 张伟) and pinyin addresses on one or
//! two company domains (`zhang.wei@acme-tech.cn`, `zhangwei2@…`, `wei.zhang@…`); departments as
//! paths (`研发部/后端组`); mobiles written in the ways people write them (`138 0013 8000`,
//! `+86 13800138000`, `0086-138-0013-8000`, full-width digits); WeChat ids (`wxid_…` or custom)
//! on a configurable share; partners (`partner.li@…`, 合作方-李) and public mailboxes (`hr@`,
//! `service@`): no person, so other mailboxes; accounts of people not in WeCom; WeCom members
//! without a mailbox, some disabled or gone; pairs linked only by WeChat id, only by 企业邮箱
//! (biz_mail), only by 个人邮箱 (email), only by mobile, and pairs with no key at all (same name
//! only — names never match).
//!
//! # Faults
//!
//! `fault_rate` (0..=1) plants each fault kind on about `fault_rate × accounts / 50` dedicated
//! rows (at least once when it is above zero and the requested sizes leave room): so 1.0 puts
//! each kind on ~2% of the accounts. Kinds: `mobile-mangled` (`1.38001E+10`, and the re-saved
//! trace `13800100000`), `mobile-invalid`, `email-invalid` (`zhang..wei@`, `-li@`, `li_@`, no
//! `@`), `email-duplicate` (the address again, other case), `userid-duplicate` (differing only in
//! case), `userid-invalid`, `ambiguous-key` (a WeChat id or an address on two rows of one side),
//! `mobile-duplicate` (two differently named people, one phone: also an `ambiguous-key`),
//! `name-mismatch` (a matched pair, 张伟 vs 张玮 or `David Zhang`), `member-inactive`,
//! (disabled, gone, or not activated), `email-foreign-domain`, `disabled-account`, and in the
//! roster `roster-disagrees`. With `aliases`: `alias-collision` (an alias that is another
//! account's address, or one alias on two accounts, on accounts of their own) and in the roster
//! `alias-listed` (a row naming an alias of its account). On `path_new`: `role-mailbox`, the
//! shared mailboxes (hr@, service@ …) every company has.
//! Faults whose reading the spec leaves open are planted where either reading gives the same
//! answer: a mangled or invalid mobile never equals another row's number, a duplicated address
//! or an invalid one carries no other key, a duplicated or invalid userid belongs to a member
//! no account resolves to.
//!
//! # Truth
//!
//! Computed from the rows as written (after dropping what the chosen header layout cannot
//! carry), never from intentions. An account's expected assignment is the FIRST key in the
//! cascade `wechat_id` → `biz_mail` → `email` → `mobile` whose value occurs on exactly one
//! exmail row and exactly one WeCom row; otherwise `other`. Key normalisation: WeChat ids are
//! trimmed (case kept); addresses trimmed and lower-cased; mobiles lose spaces, dashes and a
//! `+86`/`0086` prefix, full-width digits become ASCII, and only a valid `1[3-9]` + 9 digits
//! number that is not a mangled trace (five trailing zeros) is a key. The generator makes sure
//! that matching key by key over the still-unmatched rows gives the same answer.
//!
//! `truth.json` (see [`Company::truth_json`]):
//!
//! ```json
//! { "version": 1,
//!   "generator": "roster-synth",
//!   "spec": { "accounts": 40, "members": 38, "seed": 7, "fault_rate": 1.0, … },
//!   "per_kind": 1,
//!   "domains": ["acme-tech.cn", "acme.com.cn"],
//!   "files": { "exmail": { "header_row": 1, "rows": 40 },
//!              "wecom":  { "header_row": 1, "rows": 38 },
//!              "roster": { "header_row": 1, "rows": 39 } },
//!   "summary": { "accounts": 39, "member": 20, "other": 19,
//!                "matched_by": { "wechat_id": 9, "biz_mail": 5, "email": 2, "mobile": 4 },
//!                "faults": { "mobile-mangled": 1, … } },
//!   "accounts": [
//!     { "email": "zhang.wei@acme-tech.cn", "row": 2, "name": "张伟", "type": "member",
//!       "userid": "ZhangWei", "matched_by": "wechat_id", "wecom_row": 17,
//!       "roster_type": "member", "roster_userid": "ZhangWei" } ],
//!   "faults": [
//!     { "code": "mobile-mangled", "file": "exmail", "row": 7, "field": "mobile",
//!       "value": "1.38001E+10", "email": "li.na@acme-tech.cn", "related": [], "planted": true } ] }
//! ```
//!
//! - `accounts`: one entry per distinct exmail address (trimmed, lower-cased), in file order;
//!   `row` is its first row; `type` is `member` or `other`; `userid`, `matched_by`,
//!   `wecom_row` are null for `other`. `roster_*` is what `roster.csv` says.
//! - `faults`: every finding of the row-level codes in [`FAULT_CODES`] that the rules imply for
//!   these rows (not only the planted ones; at `fault_rate` 0 the list holds only the
//!   `roster-disagrees` of the wizard's defaults), sorted by file and row. `row` is 1-based as a
//!   spreadsheet shows it (header row 1 unless instruction rows precede it); `field` is a field
//!   name of the report (`email`, `mobile`, `wechat_id`, `userid`, `name`, `status`, `biz_mail`,
//!   `type`); duplicates are reported on each later row with the earlier ones in `related`.
//!   `name-mismatch` is on the exmail row (the WeCom row in `related`), `member-inactive` on
//!   the WeCom row. `roster-disagrees` is listed for every roster row whose assignment differs
//!   from the expected one, `planted: false` where the roster merely keeps the wizard's
//!   default (其他邮箱 for an account the keys match by biz_mail, email or mobile).
//!   `email-foreign-domain` is only judged on valid addresses. `value` is the cell as the CSV
//!   writes it; an XLSX stores a plain-digit or `1.38E+10` phone as the number it stands for.
//! - `domains`: the organisation's mail domains; pass them as the check's `domains` option.
//! - Aliases: an address no WeCom row holds as 企业邮箱 (or 个人邮箱) matches by the first of its
//!   usable aliases exactly one row holds (usable: valid, not an account's address, on one
//!   account only). Path new: every account a member, those no key matched with
//!   `matched_by: "path_new"` and no userid.
//! - Not covered: findings about the whole run or the options (guide rules such as
//!   `other-mailbox-login`, `wecom-member-no-mailbox`, `department-settings`).

mod gen;
mod names;
mod rng;
mod truth;
mod write;

use serde::Serialize;

pub use write::TextEncoding;

/// The codes `Truth::faults` covers (row-level data-quality findings and roster disagreements).
pub const FAULT_CODES: &[&str] = &[
    "mobile-mangled",
    "mobile-invalid",
    "email-invalid",
    "email-duplicate",
    "email-foreign-domain",
    "userid-duplicate",
    "userid-invalid",
    "ambiguous-key",
    "mobile-duplicate",
    "name-mismatch",
    "member-inactive",
    "disabled-account",
    "roster-disagrees",
    "alias-collision",
    "alias-listed",
    "role-mailbox",
];

/// Which header layout the files use (formats.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HeaderStyle {
    /// Exmail `邮箱帐号,姓名,手机,微信ID,部门,状态`; WeCom console-like
    /// `姓名,账号,手机,个人邮箱,企业邮箱,微信ID,部门,状态`.
    #[default]
    Console,
    /// WeCom: the API batch CSV header exactly (no 企业邮箱, no WeChat id, 禁用 0/1 as status).
    /// Exmail: as `Console`.
    Api,
    /// English headers (`Email,Name,Mobile,WeChat ID,Department,Status`; WeCom
    /// `Name,UserID,Mobile,Email,Biz Mail,WeChat ID,Department,Status`, status as 1/2/4/5).
    English,
    /// Old templates: Exmail `帐号,密码,编号,姓名,电话,所属部门,性别,职务,电话,生日` (two 电话: the first
    /// holds the mobile; no WeChat id, no status); WeCom import template
    /// `姓名,账号,职务,部门,性别,手机,座机,个人邮箱` (no 企业邮箱, WeChat id or status).
    Legacy,
    /// The WeCom admin console's member export (formats.md): sheet 成员列表, eight instruction
    /// rows, the header on row 9 with exactly `姓名 账号 别名 职务 部门 性别 手机 座机 邮箱 地址 视频号
    /// 激活状态 禁用状态 微信插件` (no 企业邮箱, no WeChat id; 邮箱 is the personal address).
    /// Exmail: as `Console`.
    Export,
}

impl HeaderStyle {
    pub fn parse(s: &str) -> Option<HeaderStyle> {
        Some(match s {
            "console" => HeaderStyle::Console,
            "api" => HeaderStyle::Api,
            "english" => HeaderStyle::English,
            "legacy" => HeaderStyle::Legacy,
            "export" => HeaderStyle::Export,
            _ => return None,
        })
    }
}

/// What company to invent. Sizes are honoured exactly: `accounts` exmail data rows (a
/// duplicated address counts twice), `members` WeCom data rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompanySpec {
    pub accounts: usize,
    pub members: usize,
    pub seed: u64,
    /// 0..=1: how many faults to plant (see the module doc).
    pub fault_rate: f64,
    /// Whether the files carry WeChat ids at all (the column is left out when false).
    pub with_wechat_ids: bool,
    /// Share of people whose exmail account and WeCom member are linked by WeChat id.
    pub wechat_share: f64,
    pub headers: HeaderStyle,
    /// Two instruction rows above the WeCom header, as the console template has (the `Export`
    /// layout always has its own eight).
    pub instruction_rows: bool,
    /// Exmail aliases (别名): some accounts get up to three, some WeCom addresses name an alias
    /// instead of the address, and `alias-collision` / `alias-listed` are planted.
    pub aliases: bool,
    /// Path `new`: every account the keys leave alone is a member (`matched_by: "path_new"`),
    /// shared mailboxes are `role-mailbox`, and the roster is the wizard's default there (every
    /// account a member). With `members: 0` there is no WeCom file to speak of.
    pub path_new: bool,
}

impl CompanySpec {
    /// `accounts` accounts, 95% as many members, seed 1, fault rate 0.05, WeChat ids on 60%.
    pub fn new(accounts: usize) -> CompanySpec {
        CompanySpec {
            accounts,
            members: accounts * 95 / 100,
            seed: 1,
            fault_rate: 0.05,
            with_wechat_ids: true,
            wechat_share: 0.6,
            headers: HeaderStyle::Console,
            instruction_rows: false,
            aliases: false,
            path_new: false,
        }
    }
}

impl Default for CompanySpec {
    fn default() -> Self {
        CompanySpec::new(40)
    }
}

/// One row of the Exmail export, cells as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExmailRow {
    pub address: String,
    pub name: String,
    pub mobile: String,
    pub wechat_id: String,
    pub department: &'static str,
    pub enabled: bool,
    /// Employee number (编号): filled only for the legacy layout, the one that shows it.
    pub extid: String,
    pub position: &'static str,
    /// 1 male, 2 female.
    pub gender: u8,
    /// The 别名 cell as written: other addresses of the mailbox, separated as people separate
    /// them (`;`, `,`, `，`, space).
    pub aliases: String,
}

/// One row of the WeCom contacts, cells as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WecomRow {
    pub userid: String,
    pub name: String,
    pub mobile: String,
    /// 个人邮箱.
    pub email: String,
    /// 企业邮箱.
    pub biz_mail: String,
    pub wechat_id: String,
    pub department: &'static str,
    /// 1 active, 2 disabled, 4 not activated, 5 left the company.
    pub status: u8,
    pub position: &'static str,
    pub gender: u8,
}

/// One row of the wizard-style roster.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterRow {
    pub address: String,
    pub name: String,
    pub member: bool,
    pub userid: String,
}

/// The expected outcome for one exmail address.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthAccount {
    pub email: String,
    pub row: u32,
    pub name: String,
    /// `member` or `other`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub userid: Option<String>,
    /// `wechat_id`, `biz_mail`, `email` or `mobile`; `path_new` for an account path `new` makes
    /// a member because nothing else placed it.
    pub matched_by: Option<&'static str>,
    pub wecom_row: Option<u32>,
    pub roster_type: &'static str,
    pub roster_userid: Option<String>,
}

/// A file and row (1-based, as a spreadsheet shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Place {
    pub file: &'static str,
    pub row: u32,
}

/// A finding the rules imply for the generated rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthFault {
    pub code: &'static str,
    /// `exmail`, `wecom` or `roster`.
    pub file: &'static str,
    pub row: u32,
    pub field: &'static str,
    pub value: String,
    /// The exmail account concerned, when there is one.
    pub email: Option<String>,
    pub related: Vec<Place>,
    /// False only for `roster-disagrees` that merely keep the wizard's default.
    pub planted: bool,
}

/// What the rules imply for a generated company.
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    pub domains: Vec<String>,
    pub exmail_header_row: u32,
    pub wecom_header_row: u32,
    pub accounts: Vec<TruthAccount>,
    pub faults: Vec<TruthFault>,
}

/// A generated company: both exports, the wizard roster and the truth.
#[derive(Debug, Clone)]
pub struct Company {
    pub spec: CompanySpec,
    pub exmail: Vec<ExmailRow>,
    pub wecom: Vec<WecomRow>,
    pub roster: Vec<RosterRow>,
    pub truth: Truth,
}

/// Invents the company `spec` describes. Deterministic: same spec, same company.
pub fn generate(spec: &CompanySpec) -> Company {
    gen::generate(spec)
}

/// How many dedicated rows each fault kind gets for `spec` (see the module doc).
pub fn faults_per_kind(spec: &CompanySpec) -> usize {
    gen::per_kind(spec)
}

impl Company {
    /// Recomputes the expected assignments under the other readings the spec leaves open —
    /// matching key by key over the rows still unmatched, and counting invalid or mangled
    /// mobiles as keys by their digits — and checks that no member is expected by two
    /// accounts. `Err` names the first account where the readings differ: a generator bug.
    pub fn verify_truth(&self) -> Result<(), String> {
        let strict = truth::Keys::new(&self.exmail, &self.wecom, false);
        let lenient_keys = truth::Keys::new(&self.exmail, &self.wecom, true);
        let base = truth::resolve(&strict, false);
        let index = truth::Index::new(&strict);
        if truth::resolve_indexed(&strict, &index) != base {
            return Err("the indexed cascade differs from the plain one".into());
        }
        let mut claimed = vec![false; self.wecom.len()];
        for a in &base {
            if let Some((j, _)) = a.hit {
                if std::mem::replace(&mut claimed[j], true) {
                    return Err(format!("{}: member row {j} claimed twice", a.email));
                }
            }
        }
        for (by_pass, lenient) in [(true, false), (false, true), (true, true)] {
            let keys = if lenient { &lenient_keys } else { &strict };
            let other = truth::resolve(keys, by_pass);
            if let Some((a, b)) = base.iter().zip(&other).find(|(a, b)| a != b) {
                return Err(format!(
                    "{}: {:?} vs {:?} (by_pass {by_pass}, lenient mobiles {lenient})",
                    a.email, a.hit, b.hit
                ));
            }
        }
        Ok(())
    }
}
