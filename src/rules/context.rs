//! Rules about the upgrade context the admin describes in the options, not about rows.

use crate::error::{Error, Problem};
use crate::options::{Options, UpgradePath, DROPPED_FEATURES, PENDING_FEATURES};
use crate::rules::{At, Code, Findings};

/// Chinese and English names of the features in `features_in_use`.
fn feature_names(feature: &str) -> (&'static str, &'static str) {
    match feature {
        "member_password" => ("设置成员密码", "member passwords"),
        "rtx" => ("RTX 账号关联", "RTX association"),
        "password_rotation" => ("定期修改密码", "periodic password change"),
        "netdisk" => ("企业网盘", "enterprise netdisk"),
        "announcements" => ("通知公告", "announcements"),
        "signature" => ("企业签名档", "enterprise signature"),
        "public_address_book" => ("公共地址本", "public address book"),
        "business_card" => ("企业名片", "business cards"),
        _ => ("单点登录", "single sign-on"),
    }
}

/// Refuses unknown feature names, so a typo is not a silently passed check.
pub fn validate(options: &Options) -> Result<(), Error> {
    for f in &options.features_in_use {
        if !DROPPED_FEATURES.contains(&f.as_str()) && !PENDING_FEATURES.contains(&f.as_str()) {
            let known = [DROPPED_FEATURES.as_slice(), PENDING_FEATURES.as_slice()]
                .concat()
                .iter()
                .map(|k| k.to_string())
                .collect();
            return Err(Error::options(Problem::UnknownFeature {
                feature: f.clone(),
                known,
            }));
        }
    }
    Ok(())
}

/// Why an enterprise name looks wrong, if it does.
fn name_problem(name: &str) -> Option<(&'static str, &'static str)> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Some(("为空", "is empty"));
    }
    if trimmed.len() != name.len() {
        return Some(("首尾有空格", "has leading or trailing spaces"));
    }
    let lower = trimmed.to_lowercase();
    if ["测试", "test", "demo", "示例", "样例", "xxx", "临时"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return Some(("像是测试名称", "looks like a test name"));
    }
    if !trimmed.chars().any(char::is_alphabetic) {
        return Some(("不含文字", "has no letters"));
    }
    if trimmed.chars().count() < 4 {
        return Some(("太短，不像企业全称", "is too short for a full legal name"));
    }
    const SUFFIXES: [&str; 30] = [
        "公司",
        "集团",
        "有限",
        "大学",
        "学院",
        "学校",
        "医院",
        "研究所",
        "研究院",
        "中心",
        "协会",
        "事务所",
        "工作室",
        "银行",
        "委员会",
        "厂",
        "店",
        "局",
        "院",
        "所",
        "会",
        "社",
        "馆",
        "站",
        "部",
        "处",
        "园",
        "合作社",
        "商行",
        "基金",
    ];
    const SUFFIXES_EN: [&str; 12] = [
        "ltd",
        "limited",
        "inc",
        "co.",
        "company",
        "corp",
        "llc",
        "gmbh",
        "university",
        "group",
        "plc",
        "llp",
    ];
    let has_suffix = SUFFIXES.iter().any(|s| trimmed.ends_with(s))
        || SUFFIXES_EN.iter().any(|s| lower.contains(s));
    if !has_suffix {
        return Some((
            "不像企业全称（缺少“有限公司”等组织形式）",
            "does not look like a full legal name (no company form)",
        ));
    }
    None
}

/// Findings that follow from the options alone.
pub fn check(options: &Options, findings: &mut Findings) {
    let run = At::run;
    if options.target_paid {
        findings.add(Code::TargetIsPaid, run(), &[]);
    }
    findings.add(Code::TargetMailDeleted, run(), &[]);
    if options.wecom_api_email_param {
        findings.add(Code::WecomApiEmailParam, run(), &[]);
    }
    if options.exmail_contacts_api && options.wecom_contacts_api {
        findings.add(Code::BothContactsApis, run(), &[]);
    }
    if options.department_backup_rules {
        findings.add(Code::DepartmentBackupRules, run(), &[]);
    }
    for f in &options.features_in_use {
        let code = if DROPPED_FEATURES.contains(&f.as_str()) {
            Code::FeatureDropped
        } else {
            Code::FeaturePending
        };
        let (zh, en) = feature_names(f);
        let mut at = run();
        at.value = Some(f.clone());
        findings.add(code, at, &[("feature", zh), ("feature_en", en)]);
    }
    findings.add(Code::Irreversible, run(), &[]);
    if options.path == UpgradePath::New {
        let name = options.enterprise_name.as_deref().unwrap_or("");
        if let Some((zh, en)) = name_problem(name) {
            let mut at = run();
            at.value = Some(name.to_string());
            findings.add(
                Code::EnterpriseName,
                at,
                &[("reason", zh), ("reason_en", en)],
            );
        }
    }
    findings.add(Code::DoNotEditContacts, run(), &[]);
    findings.add(Code::NotMigrated, run(), &[]);
}

#[cfg(test)]
mod tests {
    use super::name_problem;

    #[test]
    fn enterprise_names() {
        for ok in [
            "深圳市示达科技有限公司",
            "北京大学",
            "Acme Trading Co., Ltd.",
        ] {
            assert_eq!(name_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            " 深圳市示达科技有限公司",
            "测试公司123",
            "1234",
            "公司",
            "示达科技",
        ] {
            assert!(name_problem(bad).is_some(), "{bad}");
        }
    }
}
