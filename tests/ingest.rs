//! The ingest layer through its public API: real-looking files (fixtures made by
//! `tests/fixtures/ingest/generate.py`, synthetic people) → tables → header and columns.

use std::borrow::Cow;

use roster_check::ingest::{find_layout, load, load_input, Format, Layout, Loaded, Table};
use roster_check::options::{Limits, ReadOptions};
use roster_check::Field;
use roster_check::{Error, FileKind};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/ingest/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load_bytes(bytes: &[u8], file: FileKind) -> Result<Loaded, Error> {
    load(bytes, file, &ReadOptions::default(), &Limits::default())
}

fn load_fixture(name: &str, file: FileKind) -> Loaded {
    load_bytes(&fixture(name), file).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn refusal(name: &str, file: FileKind) -> String {
    match load_bytes(&fixture(name), file) {
        Ok(l) => panic!("{name} was read: {:?}", l.sheets),
        Err(e) => e.to_string(),
    }
}

fn layout(table: &Table, file: FileKind) -> Layout {
    find_layout(table, file, &ReadOptions::default()).unwrap()
}

/// Spreadsheet row number and cells of every stored row.
fn rows(table: &Table) -> Vec<(u32, Vec<&str>)> {
    table
        .rows()
        .map(|r| (r.number, r.cells().collect()))
        .collect()
}

/// The value of `field` in each data row below the header.
fn values(table: &Table, layout: &Layout, field: Field) -> Vec<String> {
    let column = layout.column(field).expect("column found");
    table
        .rows()
        .skip(layout.header_index + 1)
        .map(|r| r.cell(column).to_string())
        .collect()
}

fn assert_exmail_sample(loaded: &Loaded) {
    let table = &loaded.sheets[0];
    let l = layout(table, FileKind::Exmail);
    assert_eq!(l.header_row, 1);
    assert_eq!(
        values(table, &l, Field::Email),
        [
            "zhang.wei@example.cn",
            "li.na@example.cn",
            "wang.fang@example.cn"
        ]
    );
    assert_eq!(values(table, &l, Field::Name), ["张伟", "李娜", "王芳"]);
    assert_eq!(l.column(Field::Mobile), Some(2));
    assert_eq!(l.column(Field::WechatId), Some(3));
    assert_eq!(l.column(Field::Department), Some(4));
    assert_eq!(l.column(Field::Status), Some(5));
    assert_eq!(
        table.rows().map(|r| r.number).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
}

#[test]
fn encodings_and_delimiters() {
    for (name, encoding, format) in [
        ("exmail_utf8.csv", "utf-8", Format::Csv),
        ("exmail_utf8_bom.csv", "utf-8", Format::Csv),
        ("exmail_gbk.csv", "gb18030", Format::Csv),
        ("exmail_semicolon.csv", "utf-8", Format::Ssv),
        ("exmail_cr_only.csv", "utf-8", Format::Csv),
    ] {
        let loaded = load_fixture(name, FileKind::Exmail);
        assert_eq!(
            (loaded.format, loaded.encoding),
            (format, Some(encoding)),
            "{name}"
        );
        assert_eq!(loaded.sheets.len(), 1);
        assert_exmail_sample(&loaded);
    }
}

#[test]
fn gb18030_four_byte_characters() {
    let loaded = load_fixture("exmail_gb18030.csv", FileKind::Exmail);
    assert_eq!(loaded.encoding, Some("gb18030"));
    assert_eq!(loaded.sheets[0].row(2).cell(1), "刘䶮𠀀");
}

#[test]
fn forced_encoding() {
    let read = ReadOptions {
        encoding: Some("GBK".into()),
        ..ReadOptions::default()
    };
    let loaded = load(
        &fixture("exmail_gbk.csv"),
        FileKind::Exmail,
        &read,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(loaded.encoding, Some("gbk"));
    assert_exmail_sample(&loaded);
    let read = ReadOptions {
        encoding: Some("no-such-encoding".into()),
        ..ReadOptions::default()
    };
    let e = load(b"a,b", FileKind::Exmail, &read, &Limits::default()).unwrap_err();
    assert!(e.file() == Some(roster_check::FileKind::Options), "{e}");
}

#[test]
fn utf16_unicode_text() {
    for (name, encoding) in [
        ("wecom_utf16le_bom.txt", "utf-16le"),
        ("wecom_utf16be_bom.txt", "utf-16be"),
        ("wecom_utf16le_nobom.txt", "utf-16le"),
    ] {
        let loaded = load_fixture(name, FileKind::Wecom);
        assert_eq!(
            (loaded.format, loaded.encoding),
            (Format::Tsv, Some(encoding)),
            "{name}"
        );
        let table = &loaded.sheets[0];
        let l = layout(table, FileKind::Wecom);
        assert_eq!(values(table, &l, Field::Userid), ["ZhangWei", "LiNa"]);
        assert_eq!(
            values(table, &l, Field::BizMail),
            ["zhang.wei@example.cn", "li.na@example.cn"]
        );
        assert_eq!(values(table, &l, Field::Email), ["zw@qq.example", ""]);
        assert_eq!(values(table, &l, Field::WechatId), ["wx_zhangwei", ""]);
    }
}

#[test]
fn quoted_newlines_and_blank_lines_keep_spreadsheet_row_numbers() {
    let loaded = load_fixture("quoted_newlines.csv", FileKind::Exmail);
    let table = &loaded.sheets[0];
    assert_eq!(
        rows(table),
        [
            (1, vec!["邮箱帐号", "姓名", "备注"]),
            (
                2,
                vec!["zhang.wei@example.cn", "张伟", "第一行\n第二行\n第三行"]
            ),
            (4, vec!["li.na@example.cn", "李娜", "含,逗号和\"引号\""]),
            (7, vec!["wang.fang@example.cn", "王芳"]),
        ]
    );
}

#[test]
fn header_below_instruction_rows() {
    let loaded = load_fixture("wecom_template.csv", FileKind::Wecom);
    let table = &loaded.sheets[0];
    let l = layout(table, FileKind::Wecom);
    assert_eq!(l.header_row, 3);
    assert_eq!(l.headers[0], "*姓名（必填）");
    assert_eq!(values(table, &l, Field::Name), ["张伟", "李娜"]);
    assert_eq!(values(table, &l, Field::Userid), ["ZhangWei", "LiNa"]);
    assert_eq!(
        values(table, &l, Field::Mobile),
        ["13800138000", "13900139000"]
    );
    assert_eq!(l.column(Field::Department), Some(3));
    assert_eq!(l.column(Field::Email), Some(7));
    // The caller can say where the header is.
    let read = ReadOptions {
        header_row: Some(1),
        ..ReadOptions::default()
    };
    let forced = find_layout(table, FileKind::Wecom, &read).unwrap();
    assert_eq!((forced.header_index, forced.header_row), (0, 1));
    let read = ReadOptions {
        header_row: Some(2),
        ..ReadOptions::default()
    };
    assert!(find_layout(table, FileKind::Wecom, &read).is_err());
}

#[test]
fn wecom_api_batch_header_maps_fully() {
    let loaded = load_fixture("wecom_api_batch.csv", FileKind::Wecom);
    let table = &loaded.sheets[0];
    let l = layout(table, FileKind::Wecom);
    let mapping: Vec<(String, String)> = l.mapping();
    let expect = [
        ("email", "邮箱"),
        ("name", "姓名"),
        ("mobile", "手机号"),
        ("department", "所在部门"),
        ("status", "禁用"),
        ("userid", "帐号"),
        ("alias", "别名"),
    ];
    assert_eq!(
        mapping,
        expect
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    );
    assert_eq!(values(table, &l, Field::Department), ["1;2", "2"]);
    assert_eq!(values(table, &l, Field::Status), ["0", "1"]);
}

#[test]
fn old_exmail_template_with_two_telephone_columns() {
    let loaded = load_fixture("exmail_old_template.csv", FileKind::Exmail);
    assert_eq!(loaded.encoding, Some("gb18030"));
    let table = &loaded.sheets[0];
    let l = layout(table, FileKind::Exmail);
    assert_eq!(l.column(Field::Email), Some(0));
    assert_eq!(l.column(Field::Name), Some(3));
    // No real mobile column: the first 电话 stands in.
    assert_eq!(l.column(Field::Mobile), Some(4));
    assert_eq!(l.column(Field::Department), Some(5));
}

#[test]
fn a_real_mobile_column_beats_telephone() {
    let text = "座机,邮箱,手机号码\n010-1,a@example.cn,13800138000\n";
    let loaded = load_bytes(text.as_bytes(), FileKind::Exmail).unwrap();
    let l = layout(&loaded.sheets[0], FileKind::Exmail);
    assert_eq!(l.column(Field::Mobile), Some(2));
    assert_eq!(l.column(Field::Email), Some(1));
}

#[test]
fn the_same_word_means_different_fields_per_file() {
    let text = "账号,姓名,邮箱\nx,张伟,y\n";
    let loaded = load_bytes(text.as_bytes(), FileKind::Exmail).unwrap();
    let t = &loaded.sheets[0];
    let exmail = layout(t, FileKind::Exmail);
    assert_eq!(exmail.column(Field::Email), Some(0));
    assert_eq!(exmail.column(Field::Userid), None);
    let wecom = layout(t, FileKind::Wecom);
    assert_eq!(wecom.column(Field::Userid), Some(0));
    assert_eq!(wecom.column(Field::Email), Some(2));
}

#[test]
fn roster_columns_by_content() {
    let loaded = load_fixture("roster_by_content.csv", FileKind::Roster);
    let table = &loaded.sheets[0];
    let l = layout(table, FileKind::Roster);
    assert_eq!(l.column(Field::Email), Some(1));
    assert_eq!(l.column(Field::MailboxType), Some(2));
    // The exmail file falls back on content too; the WeCom file does not.
    assert_eq!(
        layout(table, FileKind::Exmail).column(Field::Email),
        Some(1)
    );
    assert_eq!(layout(table, FileKind::Wecom).column(Field::Email), None);
}

#[test]
fn missing_columns_are_not_errors() {
    let loaded = load_fixture("header_only.csv", FileKind::Wecom);
    let table = &loaded.sheets[0];
    assert_eq!(table.len(), 1);
    let l = layout(table, FileKind::Wecom);
    // 邮箱帐号 is no WeCom header: no userid, no email; the rest is found.
    assert_eq!(l.column(Field::Userid), None);
    assert_eq!(l.column(Field::Email), None);
    assert_eq!(l.column(Field::Name), Some(1));
    assert_eq!(l.column(Field::Mobile), Some(2));
}

#[test]
fn column_overrides() {
    let loaded = load_fixture("roster_by_content.csv", FileKind::Roster);
    let table = &loaded.sheets[0];
    let with = |pairs: &[(&str, &str)]| ReadOptions {
        columns: pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        ..ReadOptions::default()
    };
    let l = find_layout(
        table,
        FileKind::Roster,
        &with(&[("userid", "成员"), ("name", "A"), ("type", "3")]),
    )
    .unwrap();
    assert_eq!(l.column(Field::Userid), Some(3));
    assert_eq!(l.column(Field::Name), Some(0));
    assert_eq!(l.column(Field::MailboxType), Some(2));

    let e = find_layout(table, FileKind::Roster, &with(&[("phone", "A")])).unwrap_err();
    assert!(e.file() == Some(roster_check::FileKind::Options), "{e}");
    let e = find_layout(table, FileKind::Roster, &with(&[("email", "邮件")]))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("roster file:") && e.contains("邮件") && e.contains("序号, 地址, 类别, 成员"),
        "{e}"
    );
}

#[test]
fn ragged_rows_and_a_very_wide_row() {
    let loaded = load_fixture("ragged.csv", FileKind::Exmail);
    let t = &loaded.sheets[0];
    assert_eq!(t.row(1).len(), 1);
    assert_eq!(t.row(2).len(), 5);
    let l = layout(t, FileKind::Exmail);
    assert_eq!(values(t, &l, Field::Mobile), ["", "13900139000", ""]);

    let loaded = load_fixture("wide_row.csv", FileKind::Exmail);
    let t = &loaded.sheets[0];
    assert_eq!(t.row(0).len(), 900);
    assert_eq!(t.row(1).cell(899), "899");
    let narrow = Limits {
        max_columns: 100,
        ..Limits::default()
    };
    let e = load(
        &fixture("wide_row.csv"),
        FileKind::Exmail,
        &ReadOptions::default(),
        &narrow,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("exmail file") && e.contains("row 1") && e.contains("max_columns = 100"),
        "{e}"
    );
}

#[test]
fn unreadable_files_are_refused_with_a_reason() {
    for (name, expect) in [
        ("empty.csv", "the file is empty"),
        ("bom_only.csv", "the file is empty"),
        ("garbage.bin", "CSV UTF-8"),
        ("nul_bytes.csv", "line 3 contains NUL"),
        ("invalid_bytes.csv", "line 3 is neither UTF-8 nor GB18030"),
    ] {
        let e = refusal(name, FileKind::Wecom);
        assert!(
            e.starts_with("wecom file:") && e.contains(expect),
            "{name}: {e}"
        );
    }
}

#[test]
fn limits_are_refused_naming_file_and_limit() {
    let text = "邮箱帐号,姓名\na@example.cn,张伟\nb@example.cn,李娜\nc@example.cn,王芳\n";
    let check = |limits: Limits, expect: &[&str]| {
        let e = load(
            text.as_bytes(),
            FileKind::Exmail,
            &ReadOptions::default(),
            &limits,
        )
        .unwrap_err()
        .to_string();
        for part in expect {
            assert!(e.contains(part), "{e} lacks {part}");
        }
    };
    check(
        Limits {
            max_input_bytes: 10,
            ..Limits::default()
        },
        &["exmail file", "max_input_bytes = 10"],
    );
    check(
        Limits {
            max_rows: 3,
            ..Limits::default()
        },
        &["exmail file", "max_rows = 3", "4 exceeds"],
    );
    check(
        Limits {
            max_columns: 1,
            ..Limits::default()
        },
        &["exmail file", "row 1", "max_columns = 1"],
    );
    check(
        Limits {
            max_cell_bytes: 6,
            ..Limits::default()
        },
        &["exmail file", "row 1, column 1", "max_cell_bytes = 6"],
    );
}

#[test]
fn an_unterminated_quote_ends_in_a_defined_result() {
    let mut text = String::from("邮箱帐号,备注\na@example.cn,\"never closed\n");
    for i in 0..10_000 {
        text.push_str(&format!("b{i}@example.cn,x\n"));
    }
    let e = load_bytes(text.as_bytes(), FileKind::Exmail)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 2, column 2") && e.contains("never closed"),
        "{e}"
    );
    // Small enough to fit in one cell: still refused, as the rows after it would be lost.
    let e = load_bytes(b"a,\"open\nb,c", FileKind::Exmail)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("row 1, column 2")
            && e.contains("never closed")
            && e.contains("2 line(s) from there"),
        "{e}"
    );
    // Closed quotes, doubled quotes and quotes inside a cell are fine.
    let ok = load_bytes(b"a,\"x\ny\",\"say \"\"hi\"\"\",5\"\nb", FileKind::Exmail).unwrap();
    assert_eq!(
        rows(&ok.sheets[0]),
        [(1, vec!["a", "x\ny", "say \"hi\"", "5\""]), (2, vec!["b"])]
    );
}

#[cfg(all(feature = "xlsx", feature = "synth"))] // rust_xlsxwriter comes with synth
mod xlsx {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};

    fn build(f: impl FnOnce(&mut Workbook) -> Result<(), rust_xlsxwriter::XlsxError>) -> Vec<u8> {
        let mut workbook = Workbook::new();
        f(&mut workbook).unwrap();
        workbook.save_to_buffer().unwrap()
    }

    /// A first sheet whose used range starts at B3, numeric phones and dates; a second sheet
    /// named 名单.
    fn sample() -> Vec<u8> {
        build(|wb| {
            let date = CellFormat::new().set_num_format("yyyy-mm-dd");
            let stamp = CellFormat::new().set_num_format("yyyy-mm-dd hh:mm");
            let ws = wb.add_worksheet();
            ws.set_name("成员")?;
            for (c, h) in ["邮箱帐号", "姓名", "手机", "入职日期", "工号"]
                .iter()
                .enumerate()
            {
                ws.write_string(2, 1 + c as u16, *h)?;
            }
            ws.write_string(3, 1, "zhang.wei@example.cn")?;
            ws.write_string(3, 2, "张伟")?;
            ws.write_number(3, 3, 13800138000.0)?;
            ws.write_datetime_with_format(3, 4, ExcelDateTime::from_ymd(2024, 3, 1)?, &date)?;
            ws.write_number(3, 5, 7.5)?;
            // Row 5 left empty; row 6 has a gap in column C.
            ws.write_string(5, 1, "li.na@example.cn")?;
            ws.write_number(5, 3, 13900139000.0)?;
            ws.write_datetime_with_format(
                5,
                4,
                ExcelDateTime::from_ymd(2023, 12, 31)?.and_hms(8, 30, 0)?,
                &stamp,
            )?;
            ws.write_boolean(5, 5, true)?;
            let second = wb.add_worksheet();
            second.set_name("名单")?;
            second.write_string(0, 0, "邮箱地址")?;
            second.write_string(0, 1, "邮箱类型")?;
            second.write_string(1, 0, "partner1@example.cn")?;
            second.write_string(1, 1, "其他邮箱")?;
            Ok(())
        })
    }

    #[test]
    fn positions_numbers_and_dates_as_excel_shows_them() {
        let loaded = load_bytes(&sample(), FileKind::Exmail).unwrap();
        assert_eq!((loaded.format, loaded.encoding), (Format::Xlsx, None));
        assert_eq!(loaded.sheets.len(), 1);
        let t = &loaded.sheets[0];
        assert_eq!(t.sheet.as_deref(), Some("成员"));
        assert_eq!(
            rows(t),
            [
                (3, vec!["", "邮箱帐号", "姓名", "手机", "入职日期", "工号"]),
                (
                    4,
                    vec![
                        "",
                        "zhang.wei@example.cn",
                        "张伟",
                        "13800138000",
                        "2024-03-01",
                        "7.5"
                    ]
                ),
                (
                    6,
                    vec![
                        "",
                        "li.na@example.cn",
                        "",
                        "13900139000",
                        "2023-12-31 08:30:00",
                        "TRUE"
                    ]
                ),
            ]
        );
        let l = layout(t, FileKind::Exmail);
        assert_eq!((l.header_index, l.header_row), (0, 3));
        assert_eq!(l.column(Field::Email), Some(1));
        assert_eq!(values(t, &l, Field::Mobile), ["13800138000", "13900139000"]);
    }

    #[test]
    fn sheets_by_name_and_all_sheets_for_a_roster() {
        let bytes = sample();
        let read = ReadOptions {
            sheet: Some("名单".into()),
            ..ReadOptions::default()
        };
        let loaded = load(&bytes, FileKind::Exmail, &read, &Limits::default()).unwrap();
        assert_eq!(loaded.sheets.len(), 1);
        assert_eq!(loaded.sheets[0].sheet.as_deref(), Some("名单"));
        assert_eq!(loaded.sheets[0].row(1).cell(0), "partner1@example.cn");

        let roster = load_bytes(&bytes, FileKind::Roster).unwrap();
        let names: Vec<_> = roster.sheets.iter().map(|t| t.sheet.as_deref()).collect();
        assert_eq!(names, [Some("成员"), Some("名单")]);

        let read = ReadOptions {
            sheet: Some("Sheet9".into()),
            ..ReadOptions::default()
        };
        let e = load(&bytes, FileKind::Wecom, &read, &Limits::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("wecom file:") && e.contains("Sheet9") && e.contains("成员, 名单"),
            "{e}"
        );
    }

    #[test]
    fn libreoffice_numeric_phones_come_out_as_text() {
        let loaded = load_fixture("exmail_phones.xlsx", FileKind::Exmail);
        let t = &loaded.sheets[0];
        let l = layout(t, FileKind::Exmail);
        assert_eq!(values(t, &l, Field::Mobile), ["13800138000", "13900139000"]);
        assert_eq!(
            values(t, &l, Field::Email),
            ["zhang.wei@example.cn", "li.na@example.cn"]
        );
    }

    #[test]
    fn libreoffice_ods() {
        let loaded = load_fixture("exmail_phones.ods", FileKind::Exmail);
        assert_eq!(loaded.format, Format::Ods);
        let t = &loaded.sheets[0];
        let l = layout(t, FileKind::Exmail);
        assert_eq!(values(t, &l, Field::Mobile), ["13800138000", "13900139000"]);
        assert_eq!(values(t, &l, Field::Name), ["张伟", "李娜"]);
    }

    #[test]
    fn libreoffice_template_with_instruction_rows() {
        let loaded = load_fixture("wecom_template.xlsx", FileKind::Wecom);
        let t = &loaded.sheets[0];
        let l = layout(t, FileKind::Wecom);
        assert_eq!(l.header_row, 3);
        assert_eq!(values(t, &l, Field::Userid), ["ZhangWei", "LiNa"]);
        assert_eq!(values(t, &l, Field::Mobile), ["13800138000", "13900139000"]);
    }

    #[test]
    fn limits_apply_to_spreadsheets() {
        let bytes = sample();
        let e = |limits: Limits| {
            load(&bytes, FileKind::Roster, &ReadOptions::default(), &limits)
                .unwrap_err()
                .to_string()
        };
        let rows = e(Limits {
            max_rows: 2,
            ..Limits::default()
        });
        assert!(
            rows.contains("roster file") && rows.contains("max_rows = 2"),
            "{rows}"
        );
        let cols = e(Limits {
            max_columns: 4,
            ..Limits::default()
        });
        assert!(
            cols.contains("row 3") && cols.contains("max_columns = 4"),
            "{cols}"
        );
        let cell = e(Limits {
            max_cell_bytes: 10,
            ..Limits::default()
        });
        assert!(
            cell.contains("row 3, column 2") && cell.contains("max_cell_bytes = 10"),
            "{cell}"
        );
    }

    #[test]
    fn inflation_is_bounded_before_reading() {
        // An honest workbook whose sheet inflates past a small limit.
        let big = build(|wb| {
            let ws = wb.add_worksheet();
            for r in 0..2_000 {
                ws.write_string(r, 0, "same@example.cn")?;
            }
            Ok(())
        });
        assert!(big.len() < 20_000, "{}", big.len());
        let small = Limits {
            max_xlsx_inflated_bytes: 50_000,
            ..Limits::default()
        };
        let e = load(&big, FileKind::Exmail, &ReadOptions::default(), &small).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Limit {
                    file: FileKind::Exmail,
                    limit: "max_xlsx_inflated_bytes",
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("max_xlsx_inflated_bytes = 50000"));

        // A 225-byte zip declaring a 64 MiB entry: refused on the ratio before inflating.
        let e = refusal("bomb.xlsx", FileKind::Exmail);
        assert!(
            e.starts_with("exmail file:")
                && e.contains("zip bomb")
                && e.contains("max_xlsx_inflated_bytes"),
            "{e}"
        );
    }

    #[test]
    fn broken_spreadsheets_are_refused() {
        let e = load_bytes(b"PK\x03\x04 not really a zip", FileKind::Wecom)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("wecom file:"), "{e}");
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(600, 0);
        let e = load_bytes(&ole, FileKind::Wecom).unwrap_err().to_string();
        assert!(e.starts_with("wecom file:") && e.contains("xls"), "{e}");
    }
}

/// Parse throughput on a generated ~20 MB CSV. Run once, optimised:
/// `CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo test --release
/// --test ingest -- --ignored throughput --nocapture`
#[test]
#[ignore = "timing; run by hand in an optimised build"]
fn throughput() {
    let mut text = String::from("邮箱帐号,姓名,手机,微信ID,部门,状态\n");
    let mut i = 0u64;
    while text.len() < 20 << 20 {
        text.push_str(&format!(
            "user{i}@example.cn,张伟{i},138{:08},wx_{i},研发部/后端组,启用\n",
            i % 100_000_000
        ));
        i += 1;
    }
    let mb = text.len() as f64 / 1e6;
    // Best of 3, next to the bare csv crate on the same bytes: the machine is shared, so the
    // ratio says more than the absolute number.
    let best = |f: &dyn Fn()| {
        (0..3)
            .map(|_| {
                let start = std::time::Instant::now();
                f();
                start.elapsed()
            })
            .min()
            .unwrap()
    };
    let ours = best(&|| {
        let loaded = load_bytes(text.as_bytes(), FileKind::Exmail).unwrap();
        assert_eq!(loaded.sheets[0].len() as u64, i + 1);
    });
    let bare = best(&|| {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::ByteRecord::new();
        let mut fields = 0;
        while reader.read_byte_record(&mut record).unwrap() {
            fields += record.len();
        }
        assert!(fields > 0);
    });
    println!(
        "{mb:.1} MB, {} rows: load {ours:?} = {:.0} MB/s; bare csv crate {bare:?} = {:.0} MB/s",
        i + 1,
        mb / ours.as_secs_f64(),
        mb / bare.as_secs_f64()
    );
}

/// Bytes handed over (the JS module's way) read as the same bytes borrowed: tables, format and
/// encoding, or the same refusal.
fn same_handed_over(bytes: &[u8], file: FileKind) -> Result<(), String> {
    let read = ReadOptions::default();
    let limits = Limits::default();
    let borrowed = load(bytes, file, &read, &limits);
    let owned = load_input(Cow::Owned(bytes.to_vec()), file, &read, &limits, None);
    match (borrowed, owned) {
        (Ok(a), Ok(b))
            if (&a.sheets, a.format, a.encoding) == (&b.sheets, b.format, b.encoding) =>
        {
            Ok(())
        }
        (Err(a), Err(b)) if a.to_string() == b.to_string() => Ok(()),
        (a, b) => Err(format!("borrowed {a:?}\nowned {b:?}")),
    }
}

#[test]
fn bytes_handed_over_read_as_the_same_bytes_borrowed() {
    let fixtures = std::fs::read_dir(format!(
        "{}/tests/fixtures/ingest",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .map(|e| e.unwrap().file_name().into_string().unwrap())
    .filter(|n| !n.ends_with(".py"));
    let mut read = 0;
    for name in fixtures {
        same_handed_over(&fixture(&name), FileKind::Exmail)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        read += 1;
    }
    assert!(read >= 20);
    // A BOM before blank lines: the rows are numbered as the text after the BOM is.
    for text in [
        "\u{feff}\n\na,b\n1,2\n",
        "\u{feff}a,\"b\nc\"\r\n\"x\",y",
        "\u{feff}",
    ] {
        same_handed_over(text.as_bytes(), FileKind::Wecom).unwrap();
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text built from the pieces that make delimited files hard.
    fn tricky_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a", "张伟", ",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", " ", "@", "邮箱", "手机",
        ]);
        prop::collection::vec(piece, 0..200).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn any_bytes_load_or_refuse_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let limits = Limits { max_cell_bytes: 64, max_columns: 50, max_rows: 100, ..Limits::default() };
            if let Ok(loaded) = load(&bytes, FileKind::Exmail, &ReadOptions::default(), &limits) {
                for table in &loaded.sheets {
                    for file in [FileKind::Exmail, FileKind::Wecom, FileKind::Roster] {
                        find_layout(table, file, &ReadOptions::default()).unwrap();
                    }
                }
            }
        }

        #[test]
        fn tricky_text_handed_over_reads_as_borrowed(text in tricky_text(), bom in any::<bool>()) {
            let text = match bom { true => format!("\u{feff}{text}"), false => text };
            prop_assert_eq!(same_handed_over(text.as_bytes(), FileKind::Exmail), Ok(()));
        }

        #[test]
        fn row_numbers_increase_and_stay_within_the_lines(text in tricky_text()) {
            if let Ok(loaded) = load_bytes(text.as_bytes(), FileKind::Wecom) {
                let numbers: Vec<u32> = loaded.sheets[0].rows().map(|r| r.number).collect();
                prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{:?}", numbers);
                let lines = text.matches('\n').count() + text.matches('\r').count()
                    - text.matches("\r\n").count() + 1;
                prop_assert!(numbers.last().is_none_or(|&n| n as usize <= lines), "{:?} > {}", numbers, lines);
            }
        }
    }
}
