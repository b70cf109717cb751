//! The support summary carries no personal data: on random rosters (addresses, names, phones,
//! WeChat ids, userids, departments, an enterprise name and the domains in the options), no cell
//! value of three characters or more appears anywhere in it.

use proptest::prelude::*;
use roster_check::{check, support, Inputs, Options};

#[derive(Debug, Clone)]
struct Person {
    local: String,
    name: String,
    mobile: String,
    wechat: String,
    userid: String,
    department: String,
}

fn person() -> impl Strategy<Value = Person> {
    (
        "[a-z]{3,8}[0-9]{2}",
        "[\u{4e00}-\u{9fa5}]{2,4}",
        "1[3-9][0-9]{9}",
        "wx[A-Za-z0-9]{6,10}",
        "[A-Z][a-z]{3,8}[0-9]{2}",
        "[\u{4e00}-\u{9fa5}]{2,5}部",
    )
        .prop_map(|(local, name, mobile, wechat, userid, department)| Person {
            local,
            name,
            mobile,
            wechat,
            userid,
            department,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_cell_value_is_in_the_summary(
        people in proptest::collection::vec(person(), 1..12),
        domain in "[a-z]{4,9}\\.cn",
        company in "[\u{4e00}-\u{9fa5}]{4,8}有限公司",
        roster in any::<bool>(),
    ) {
        let mut exmail = String::from("邮箱帐号,姓名,手机,微信ID,部门,状态\n");
        let mut wecom = String::from("姓名,账号,手机,个人邮箱,企业邮箱,微信ID,部门,状态\n");
        let mut list = String::from("邮箱地址,姓名,邮箱类型,企业微信账号\n");
        let mut cells: Vec<String> = vec![domain.clone(), company.clone()];
        for (i, p) in people.iter().enumerate() {
            let email = format!("{}@{domain}", p.local);
            exmail.push_str(&format!("{email},{},{},{},{},正常\n", p.name, p.mobile, p.wechat, p.department));
            if i % 3 != 2 {
                wecom.push_str(&format!("{},{},{},,,{},{},1\n", p.name, p.userid, p.mobile, p.wechat, p.department));
            }
            list.push_str(&format!("{email},{},成员邮箱,{}\n", p.name, p.userid));
            cells.extend([email, p.local.clone(), p.name.clone(), p.mobile.clone(), p.wechat.clone(),
                p.userid.clone(), p.department.clone()]);
        }
        let options = format!(
            r#"{{"domains":["{domain}"],"enterprise_name":"{company}","path":"bind",
                "overrides":{{"{}@{domain}":{{"type":"member","userid":"{}"}}}}}}"#,
            people[0].local, people[0].userid
        );
        let inputs = Inputs {
            exmail: exmail.as_bytes(),
            wecom: Some(wecom.as_bytes()),
            roster: roster.then_some(list.as_bytes()),
        };
        let checked = check(&inputs, &Options::from_json(&options).unwrap()).unwrap();
        let summary = support::summary(&checked);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&summary).is_ok());
        for cell in cells.iter().filter(|c| c.chars().count() >= 3) {
            prop_assert!(!summary.contains(cell.as_str()), "{cell} in {summary}");
        }
    }
}

#[test]
fn the_summary_says_what_support_needs() {
    let exmail =
        "邮箱帐号,姓名,手机\nzhang.wei@acme.cn,张伟,1.38E+10\nli.na@acme.cn,李娜,13900139000\n";
    let wecom = "姓名,账号,手机\n张伟,ZhangWei,13800138000\n";
    let inputs = Inputs {
        exmail: exmail.as_bytes(),
        wecom: Some(wecom.as_bytes()),
        roster: None,
    };
    let options = Options::from_json(r#"{"advanced_quota":3,"features_in_use":["rtx"]}"#).unwrap();
    let summary: serde_json::Value =
        serde_json::from_str(&support::summary(&check(&inputs, &options).unwrap())).unwrap();
    assert_eq!(summary["summary"]["accounts"], 2);
    assert_eq!(summary["codes"][0]["code"], "mobile-mangled");
    assert_eq!(summary["codes"][0]["count"], 1);
    assert_eq!(summary["files"]["exmail"]["format"], "csv");
    assert_eq!(summary["files"]["exmail"]["fields"]["email"], "alias");
    assert_eq!(summary["files"]["wecom"]["rows"], 1);
    assert_eq!(summary["options"]["advanced_quota"], 3);
    assert_eq!(summary["options"]["features_in_use"][0], "rtx");
    assert_eq!(summary["matched_by"]["none"], 2);
    assert!(summary["files"]["roster"].is_null());
}
