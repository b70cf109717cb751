//! Rules about the upgrade context the admin describes in the options, not about rows.

use crate::error::{Error, Problem};
use crate::options::Options;
use crate::rules::args::NameProblem;
use crate::rules::{Args, At, Findings};
use crate::vocab::{Feature, UpgradePath};

/// Refuses unknown feature names, so a typo is not a silently passed check.
pub fn validate(options: &Options) -> Result<(), Error> {
    let unknown = options
        .features_in_use
        .iter()
        .find(|f| Feature::parse(f).is_none());
    match unknown {
        Some(feature) => Err(Error::options(Problem::UnknownFeature {
            feature: feature.clone(),
            known: Feature::ALL
                .iter()
                .map(|f| f.as_str().to_string())
                .collect(),
        })),
        None => Ok(()),
    }
}

/// Why an enterprise name looks wrong, if it does.
fn name_problem(name: &str) -> Option<NameProblem> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Some(NameProblem::Empty);
    }
    if trimmed.len() != name.len() {
        return Some(NameProblem::Spaces);
    }
    let lower = trimmed.to_lowercase();
    if ["测试", "test", "demo", "示例", "样例", "xxx", "临时"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return Some(NameProblem::TestName);
    }
    if !trimmed.chars().any(char::is_alphabetic) {
        return Some(NameProblem::NoLetters);
    }
    if trimmed.chars().count() < 4 {
        return Some(NameProblem::TooShort);
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
        return Some(NameProblem::NoCompanyForm);
    }
    None
}

/// Findings that follow from the options alone.
pub fn check(options: &Options, findings: &mut Findings) {
    let run = At::run;
    if options.target_paid {
        findings.add(Args::TargetIsPaid {}, run());
    }
    findings.add(Args::TargetMailDeleted {}, run());
    if options.wecom_api_email_param {
        findings.add(Args::WecomApiEmailParam {}, run());
    }
    if options.exmail_contacts_api && options.wecom_contacts_api {
        findings.add(Args::BothContactsApis {}, run());
    }
    if options.department_backup_rules {
        findings.add(Args::DepartmentBackupRules {}, run());
    }
    for feature in options.features() {
        let args = match feature.dropped() {
            true => Args::FeatureDropped { feature },
            false => Args::FeaturePending { feature },
        };
        findings.add(args, run().value(feature.as_str()));
    }
    findings.add(Args::Irreversible {}, run());
    if options.path == UpgradePath::New {
        let name = options.enterprise_name.as_deref().unwrap_or("");
        if let Some(reason) = name_problem(name) {
            findings.add(Args::EnterpriseName { reason }, run().value(name));
        }
    }
    findings.add(Args::DoNotEditContacts {}, run());
    findings.add(Args::NotMigrated {}, run());
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
