//! The findings with their rows, for a person working through them in Excel.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::options::Lang;
use crate::report::{FileKind, Report};
use crate::rules::{Rule, Severity, RULES};

use super::sink::{CsvSink, RowKind, Sink};
use super::ExportFormat;

const HEADERS_ZH: [&str; 9] = [
    "严重程度",
    "代码",
    "文件",
    "行",
    "字段",
    "值",
    "邮箱",
    "说明",
    "处理建议",
];
const HEADERS_EN: [&str; 9] = [
    "severity", "code", "file", "row", "field", "value", "email", "message", "fix",
];

pub(super) fn write(report: &Report, lang: Lang, format: ExportFormat) -> Result<Vec<u8>, Error> {
    match format {
        ExportFormat::Json => Ok(report.to_json().into_bytes()),
        ExportFormat::Csv => {
            let mut sink = CsvSink::new(report.findings.len() * 160);
            write_to(&mut sink, report, lang)?;
            sink.finish()
        }
        ExportFormat::Xlsx => write_xlsx(report, lang),
    }
}

#[cfg(feature = "xlsx")]
fn write_xlsx(report: &Report, lang: Lang) -> Result<Vec<u8>, Error> {
    let mut sink = super::sink::XlsxSink::new(true);
    write_to(&mut sink, report, lang)?;
    sink.finish()
}

#[cfg(not(feature = "xlsx"))]
fn write_xlsx(_: &Report, _: Lang) -> Result<Vec<u8>, Error> {
    Err(Error::call(crate::error::Problem::XlsxNotInBuild {}))
}

/// A severity as a person reads it.
pub(crate) fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match (lang, severity) {
        (Lang::Zh, Severity::Error) => "错误",
        (Lang::Zh, Severity::Warning) => "警告",
        (Lang::Zh, Severity::Info) => "提示",
        (Lang::En, s) => s.as_str(),
    }
}

/// An input file as a person reads it.
pub(crate) fn file_label(file: FileKind, lang: Lang) -> &'static str {
    match (lang, file) {
        (Lang::Zh, FileKind::Exmail) => "企业邮箱",
        (Lang::Zh, FileKind::Wecom) => "企业微信",
        (Lang::Zh, FileKind::Roster) => "邮箱名单",
        (Lang::Zh, FileKind::Options) => "选项",
        (Lang::En, f) => f.as_str(),
    }
}

/// A finding's field as a person reads it (unknown names are shown as they are).
pub(crate) fn field_label(field: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return field;
    }
    match field {
        "email" => "邮箱地址",
        "name" => "姓名",
        "mobile" => "手机",
        "wechat_id" => "微信ID",
        "department" => "部门",
        "status" => "状态",
        "userid" => "企业微信账号",
        "biz_mail" => "企业邮箱",
        "alias" => "别名",
        "type" => "邮箱类型",
        other => other,
    }
}

fn write_to<S: Sink>(sink: &mut S, report: &Report, lang: Lang) -> Result<(), Error> {
    let (sheet, headers) = match lang {
        Lang::Zh => ("检查结果", HEADERS_ZH),
        Lang::En => ("Findings", HEADERS_EN),
    };
    sink.sheet(sheet)?;
    sink.cells(RowKind::Header, headers)?;
    let rules: FxHashMap<&str, &Rule> = RULES.iter().map(|r| (r.name, r)).collect();
    let mut row_number = String::new();
    for f in &report.findings {
        let fix = rules.get(f.code).map_or("", |r| match lang {
            Lang::Zh => r.fix_zh,
            Lang::En => r.fix_en,
        });
        row_number.clear();
        if let Some(row) = f.row {
            // Writing to a String cannot fail.
            let _ = write!(row_number, "{row}");
        }
        sink.cells(
            RowKind::Data,
            [
                severity_label(f.severity, lang),
                f.code,
                f.file.map_or("", |file| file_label(file, lang)),
                row_number.as_str(),
                f.field.map_or("", |field| field_label(field, lang)),
                f.value.as_deref().unwrap_or(""),
                f.email.as_deref().unwrap_or(""),
                f.message.as_str(),
                fix,
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::*;
    use crate::export::write_findings;
    use crate::rules::Code;

    fn sample() -> Report {
        report(
            vec![],
            vec![
                finding(
                    Code::MobileMangled,
                    Some(FileKind::Exmail),
                    Some(7),
                    Some("mobile"),
                    Some("1.38E+10"),
                    Some("zhang.wei@example.cn"),
                    "手机号“1.38E+10”已被 Excel 改成科学计数法",
                ),
                finding(
                    Code::Irreversible,
                    None,
                    None,
                    None,
                    None,
                    None,
                    "升级操作不可回退",
                ),
                finding(
                    Code::NameMismatch,
                    Some(FileKind::Wecom),
                    Some(3),
                    Some("name"),
                    Some("=HYPERLINK(\"http://x\")"),
                    None,
                    "a, b",
                ),
            ],
        )
    }

    #[test]
    fn findings_csv_in_chinese() {
        let out = write_findings(&sample(), Lang::Zh, ExportFormat::Csv).unwrap();
        let expected = "\u{feff}严重程度,代码,文件,行,字段,值,邮箱,说明,处理建议\r\n\
            错误,mobile-mangled,企业邮箱,7,手机,1.38E+10,zhang.wei@example.cn,手机号“1.38E+10”已被 Excel 改成科学计数法,从原始数据重新导出，并将该列设为文本格式。\r\n\
            提示,irreversible,,,,,,升级操作不可回退,提交前再次核对邮箱名单。\r\n\
            警告,name-mismatch,企业微信,3,姓名,\"'=HYPERLINK(\"\"http://x\"\")\",,\"a, b\",核对这一配对是否正确。\r\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn findings_csv_in_english() {
        let out = write_findings(&sample(), Lang::En, ExportFormat::Csv).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}severity,code,file,row,field,value,email,message,fix"
        );
        assert_eq!(
            lines[1],
            "error,mobile-mangled,exmail,7,mobile,1.38E+10,zhang.wei@example.cn,\
             手机号“1.38E+10”已被 Excel 改成科学计数法,\
             \"Export it again from the source, with the column formatted as text.\""
        );
        assert_eq!(
            lines[2],
            "info,irreversible,,,,,,升级操作不可回退,Check the roster once more before submitting."
        );
        assert_eq!(lines.len(), 5, "three findings, then the final CRLF");
    }

    #[test]
    fn findings_json_is_the_report() {
        let r = sample();
        let out = write_findings(&r, Lang::Zh, ExportFormat::Json).unwrap();
        assert_eq!(out, r.to_json().into_bytes());
    }

    #[cfg(feature = "legacy-spreadsheets")]
    #[test]
    fn findings_xlsx_is_text_and_neutralised() {
        let out = write_findings(&sample(), Lang::En, ExportFormat::Xlsx).unwrap();
        let book = read_xlsx(&out);
        assert_eq!(book.len(), 1);
        assert_eq!(book[0].0, "Findings");
        let rows = &book[0].1;
        assert_eq!(rows[0], HEADERS_EN);
        assert_eq!(rows[1][3], "7", "row numbers are text");
        assert_eq!(rows[3][5], "'=HYPERLINK(\"http://x\")");
        assert_eq!(rows.len(), 4);
    }
}
