use super::builder::SheetBuilder;
use super::cell_text::{write_date, write_float, Civil};
use crate::{options::Limits, vocab::FileKind};

#[test]
fn rows_out_of_order_are_refused() {
    let limits = Limits::default();
    let mut sheet = SheetBuilder::new("s".into(), FileKind::Exmail, &limits, 0);
    for (row, text) in [(0, "邮箱帐号"), (2, "a@b.cn"), (1, "c@d.cn")] {
        let started = sheet.start_cell(row, 0);
        if row == 1 {
            let e = started.unwrap_err().to_string();
            assert!(
                e.starts_with("exmail file: the sheet lists row 2 after row 3"),
                "{e}"
            );
            return;
        }
        started.unwrap();
        sheet.text.push_str(text);
        sheet.end_cell().unwrap();
    }
    panic!("not refused");
}

#[test]
fn shared_text_is_bounded() {
    let limits = Limits {
        max_xlsx_inflated_bytes: 10,
        ..Limits::default()
    };
    let mut sheet = SheetBuilder::new("s".into(), FileKind::Roster, &limits, 4);
    sheet.start_cell(0, 0).unwrap();
    sheet.text.push_str("abcdefg");
    let e = sheet.end_cell().unwrap_err().to_string();
    assert!(
        e.starts_with("roster file: too large: 11 exceeds the limit max_xlsx_inflated_bytes = 10"),
        "{e}"
    );
}

#[test]
fn floats_as_people_read_them() {
    let text = |f: f64| {
        let mut s = String::new();
        write_float(&mut s, f);
        s
    };
    assert_eq!(text(13800138000.0), "13800138000");
    assert_eq!(text(-3.0), "-3");
    assert_eq!(text(0.1), "0.1");
    assert_eq!(text(1.5), "1.5");
    assert_eq!(text(999_999_999_999_999.0), "999999999999999");
    assert_eq!(text(1e15), "1E+15");
    assert_eq!(text(110_101_199_003_077_000.0), "1.10101199003077E+17");
    assert_eq!(text(-1.5e20), "-1.5E+20");
    assert_eq!(text(1e300), "1E+300");
    // As `{:E}` writes them (with the exponent's `+`), over the range in E-notation: powers of
    // ten, their neighbours, and values spread over every exponent by their bits.
    let mut bits = 0x4330_0000_0000_0000u64; // 2^52
    let mut values = vec![1e15, 1e16 - 2.0, 1.234_567_890_123_456_5e15, f64::MAX];
    for _ in 0..20_000 {
        bits = bits
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let f = f64::from_bits(bits >> 1); // positive: sign bit clear
        if f.is_finite() && f >= 1e15 {
            values.extend([f, -f]);
        }
    }
    assert!(values.len() > 10_000, "{}", values.len());
    for f in values {
        let wanted = format!("{f:E}").replacen("E", "E+", 1);
        assert_eq!(text(f), wanted, "{f:?}");
    }
}

#[test]
fn dates() {
    let text = |v: f64| {
        let mut s = String::new();
        write_date(&mut s, v, Civil::of_serial(v, false));
        s
    };
    assert_eq!(text(45352.0), "2024-03-01");
    assert_eq!(text(45352.5), "2024-03-01 12:00:00");
    assert_eq!(text(0.25), "06:00:00");
}

#[test]
fn number_format_codes() {
    use super::styles::{kind_of_code, NumberKind::*};
    for (code, kind) in [
        ("General", Plain),
        ("0.00", Plain),
        ("@", Plain),
        ("yyyy-mm-dd", Date),
        ("DD/MM/YY", Date),
        ("H:MM:SS;@", Date),
        (r#"yyyy"年"m"月"d"日""#, Date),
        ("[$-804]yyyy/m/d", Date),
        ("[h]:mm:ss", Duration),
        ("[mm]:ss", Duration),
        ("0.00\"d\"", Plain),
        ("\\Y000000", Plain),
        ("0_ ;[Red]\\-0\\ ", Plain),
        ("\"$\"#,##0_);[Red](\"$\"#,##0)", Plain),
        ("AM/PM h", Date),
    ] {
        assert_eq!(kind_of_code(code), kind, "{code}");
    }
}

/// The serial → calendar conversion against calamine's, which read every XLSX before: across
/// the whole range Excel shows (and past its ends), both date systems, times that round up.
#[cfg(feature = "legacy-spreadsheets")]
#[test]
fn serials_convert_as_calamine_converts_them() {
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    let mut serials = vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.5, 1e300];
    let mut day = -3.0;
    while day < 3_000_000.0 {
        for fraction in [
            0.0,
            0.25,
            0.5,
            0.999_999_999,
            0.000_005_787,
            0.354_166_666_664,
        ] {
            serials.push(day + fraction);
        }
        day += if day < 1_500.0 { 1.0 } else { 97.3 };
    }
    for is_1904 in [false, true] {
        for &serial in &serials {
            let calamine = Civil::of_calamine(&ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                is_1904,
            ));
            assert_eq!(
                Civil::of_serial(serial, is_1904),
                calamine,
                "{serial} (1904: {is_1904})"
            );
        }
    }
}
