//! What Excel shows for ids and phones stored as numbers: the cell's number format applied to
//! integers when it is made of digit placeholders and literals; dates as before; 16 digits and
//! more in E-notation, never as digits that look whole.

use super::*;

/// One number under each format, in a row.
fn under_formats(value: &str, formats: &[&str]) -> Vec<String> {
    let row: String = (0..formats.len())
        .map(|i| format!(r#"<c s="{i}"><v>{value}</v></c>"#))
        .collect();
    super::row(&book(&format!(r#"<row r="1">{row}</row>"#), "", formats))
}

#[test]
fn zero_padding_literals_and_sections_as_excel_shows_them() {
    let formats = [
        "000000",
        r#""+86 "0"#,
        r#"0"号""#,
        r"\E0000",
        "#,##0",
        "0_ ",
        "@",
        "49",
        "3",
        "1",
        "000-0000-0000",
        "0;[Red]\\-0;\"-\"",
        "0.00",
        "0%",
        "0.00E+00",
        "[>100]000;0",
        "General",
    ];
    assert_eq!(
        under_formats("123", &formats),
        [
            "000123",
            "+86 123",
            "123号",
            "E0123",
            "123",
            "123",
            "123",
            "123",
            "123",
            "123",
            "000-0000-0123",
            "123",
            // Not rendered: as before.
            "123",
            "123",
            "123",
            "123",
            "123",
        ]
    );
    let phones = under_formats("13800138000", &["#,##0", r#""+86 "0"#, "000-0000-0000"]);
    assert_eq!(phones, ["13800138000", "+86 13800138000", "138-0013-8000"]);
    // Fractions are not integers: as before.
    assert_eq!(under_formats("12.5", &["000000"]), ["12.5"]);
    // Negative and zero by their sections; a section that would hide the number does not.
    assert_eq!(
        under_formats("-7", &["000;(000)", "000", "0;;"]),
        ["(007)", "-007", "-7"]
    );
    assert_eq!(under_formats("0", &["0;0;\"零\"", "#"]), ["0", "0"]);
}

#[test]
fn dates_are_unchanged_by_number_formats() {
    // The same serial under date formats, by built-in id and by code, reads as before.
    assert_eq!(
        under_formats(
            "45352",
            &[
                "14",
                "yyyy-mm-dd",
                r#"yyyy"年"m"月"d"日""#,
                "[$-804]yyyy/m/d"
            ]
        ),
        ["2024-03-01"; 4]
    );
    assert_eq!(under_formats("45352.5", &["22"]), ["2024-03-01 12:00:00"]);
}

#[test]
fn sixteen_digits_and_more_are_shown_as_stored() {
    // An 18-digit id card typed into Excel keeps 15 digits; one written by a program keeps
    // what a double holds. Neither is written as digits that look whole, whatever the format.
    assert_eq!(
        under_formats("1.10101199003077E+17", &["0", "000000000000000000"]),
        ["1.10101199003077E+17"; 2]
    );
    assert_eq!(
        under_formats("110101199003077777", &["0"]),
        ["1.1010119900307778E+17"]
    );
    assert_eq!(
        under_formats("999999999999999", &["0"]),
        ["999999999999999"]
    );
}
