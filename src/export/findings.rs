//! The findings with their rows, for a person working through them in Excel.

use std::fmt::Write as _;

use crate::error::Error;
use crate::report::Report;
use crate::vocab::Lang;

use super::sink::{CsvSink, RowKind, Sink};
use super::ExportFormat;

/// The columns, and the sheet's name, in each language.
fn headers(lang: Lang) -> (&'static str, [&'static str; 9]) {
    match lang {
        Lang::Zh => (
            "检查结果",
            [
                "严重程度",
                "代码",
                "文件",
                "行",
                "字段",
                "值",
                "邮箱",
                "说明",
                "处理建议",
            ],
        ),
        Lang::ZhTw => (
            "檢查結果",
            [
                "嚴重程度",
                "代碼",
                "檔案",
                "列",
                "欄位",
                "值",
                "郵箱",
                "說明",
                "處理建議",
            ],
        ),
        Lang::En => (
            "Findings",
            [
                "severity", "code", "file", "row", "field", "value", "email", "message", "fix",
            ],
        ),
    }
}

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

fn write_to<S: Sink>(sink: &mut S, report: &Report, lang: Lang) -> Result<(), Error> {
    let (sheet, headers) = headers(lang);
    sink.sheet(sheet)?;
    sink.cells(RowKind::Header, headers)?;
    let mut row_number = String::new();
    for f in &report.findings {
        let rule = f.code().rule();
        row_number.clear();
        if let Some(row) = f.row {
            // Writing to a String cannot fail.
            let _ = write!(row_number, "{row}");
        }
        sink.cells(
            RowKind::Data,
            [
                f.severity().label(lang),
                rule.name,
                f.file.map_or("", |file| file.label(lang)),
                row_number.as_str(),
                f.field.map_or("", |field| field.label(lang)),
                f.value.as_deref().unwrap_or(""),
                f.email.as_deref().unwrap_or(""),
                f.message(lang).as_str(),
                rule.fix[lang as usize],
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
    use crate::rules::args::Invalid;
    use crate::rules::Args;
    use crate::vocab::{Field, FileKind};

    fn sample() -> Report {
        report(
            vec![],
            vec![
                finding(
                    Args::MobileMangled {},
                    Some(FileKind::Exmail),
                    Some(7),
                    Some(Field::Mobile),
                    Some("1.38E+10"),
                    Some("zhang.wei@example.cn"),
                ),
                finding(Args::Irreversible {}, None, None, None, None, None),
                finding(
                    Args::EmailInvalid {
                        reason: Invalid::NoAt,
                    },
                    Some(FileKind::Wecom),
                    Some(3),
                    Some(Field::Email),
                    Some("=HYPERLINK(\"http://x\")"),
                    None,
                ),
            ],
        )
    }

    #[test]
    fn findings_csv_in_chinese() {
        let out = write_findings(&sample(), Lang::Zh, ExportFormat::Csv).unwrap();
        let expected = "\u{feff}严重程度,代码,文件,行,字段,值,邮箱,说明,处理建议\r\n\
            错误,mobile-mangled,企业邮箱账号文件,7,手机,1.38E+10,zhang.wei@example.cn,手机号“1.38E+10”已被 Excel 改成科学计数法或丢失了末尾数字,从原始数据重新导出，并将该列设为文本格式。\r\n\
            提示,irreversible,,,,,,升级操作不可回退,提交前再次核对邮箱名单。\r\n\
            错误,email-invalid,企业微信通讯录文件,3,邮箱地址,\"'=HYPERLINK(\"\"http://x\"\")\",,\"邮箱地址“=HYPERLINK(\"\"http://x\"\")”无效：缺少 @\",更正该地址。\r\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn findings_csv_in_english_and_traditional_chinese() {
        let out = write_findings(&sample(), Lang::En, ExportFormat::Csv).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}severity,code,file,row,field,value,email,message,fix"
        );
        assert_eq!(
            lines[1],
            "error,mobile-mangled,Exmail file,7,mobile,1.38E+10,zhang.wei@example.cn,\
             \"Mobile \"\"1.38E+10\"\" was mangled by Excel (scientific notation or lost trailing digits)\",\
             \"Export it again from the source, with the column formatted as text.\""
        );
        assert_eq!(
            lines[2],
            "info,irreversible,,,,,,The upgrade cannot be rolled back,Check the roster once more before submitting."
        );
        assert_eq!(lines.len(), 5, "three findings, then the final CRLF");
        let tw = write_findings(&sample(), Lang::ZhTw, ExportFormat::Csv).unwrap();
        let tw = String::from_utf8(tw).unwrap();
        let head = "\u{feff}嚴重程度,代碼,檔案,列,欄位,值,郵箱,說明,處理建議\r\n\
            錯誤,mobile-mangled,企業郵箱賬號文件,7,手機,";
        assert!(tw.starts_with(head), "{tw}");
    }

    #[test]
    fn findings_json_is_the_report() {
        let r = sample();
        let out = write_findings(&r, Lang::Zh, ExportFormat::Json).unwrap();
        assert_eq!(out, r.to_json().into_bytes());
    }

    #[cfg(feature = "legacy-spreadsheets")]
    #[test]
    fn findings_xlsx_is_text() {
        let out = write_findings(&sample(), Lang::En, ExportFormat::Xlsx).unwrap();
        let book = read_xlsx(&out);
        assert_eq!(book.len(), 1);
        assert_eq!(book[0].0, "Findings");
        let rows = &book[0].1;
        assert_eq!(rows[0], headers(Lang::En).1);
        assert_eq!(rows[1][3], "7", "row numbers are text");
        assert_eq!(
            rows[3][5], "=HYPERLINK(\"http://x\")",
            "text, never evaluated: no `'`"
        );
        assert_eq!(rows.len(), 4);
    }
}
