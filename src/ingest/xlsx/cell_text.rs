//! Numbers as a person reads them: integral floats as digits (phones and ids stored as
//! numbers), dates as ISO dates, durations as `[h]:mm:ss`.

use std::fmt::Write as _;

const DAY_SECONDS: f64 = 86_400.0;
/// 9999-12-31, the last day Excel shows, as a serial of each date system.
const LAST_DAY_1900: u64 = 2_958_465;
const LAST_DAY_1904: u64 = 2_957_003;

/// Integral floats below 1e15 as digits; from 1e15 on (16 digits and more: past the 15 that
/// Excel keeps, so a typed 18-digit id has already lost its last ones) in E-notation as Excel
/// writes it, `1.10101199003077E+17`, never as digits that look whole; others in Rust's shortest
/// round-trip form.
/// `f` (finite, at least 1 in magnitude) in E-notation with the shortest digits that read back
/// as `f`, as `{:E}` writes them but with the exponent's sign: `1.10101199003077E+17`. Built on
/// the plain `{}` (its digits are the same shortest ones, in full), since `{:E}` compiles a
/// second float formatter into the wasm (2.4 KB).
fn write_exponent(out: &mut String, f: f64) {
    let start = out.len();
    let _ = write!(out, "{}", f.abs());
    // ASCII digits, perhaps a point: the digits without it and without the trailing zeros,
    // and the exponent from how many stand before it.
    let plain = out.split_off(start).into_bytes();
    let whole = plain.iter().position(|&b| b == b'.').unwrap_or(plain.len());
    let mut digits: Vec<u8> = plain.into_iter().filter(|&b| b != b'.').collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if f < 0.0 {
        out.push('-');
    }
    for (i, &digit) in digits.iter().enumerate() {
        if i == 1 {
            out.push('.');
        }
        out.push(char::from(digit));
    }
    let _ = write!(out, "E+{}", whole - 1);
}

pub(super) fn write_float(out: &mut String, f: f64) {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else if f.is_finite() && f.abs() >= 1e15 {
        write_exponent(out, f);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// Elapsed time as `[h]:mm:ss`.
pub(super) fn write_duration(out: &mut String, serial: f64) {
    let seconds = (serial * DAY_SECONDS).round() as i64;
    let _ = write!(
        out,
        "{}:{:02}:{:02}",
        seconds / 3600,
        (seconds / 60 % 60).abs(),
        (seconds % 60).abs()
    );
}

/// `2024-03-01`, `2024-03-01 08:30:00`, or `08:30:00` for a time of day (a serial below 1).
pub(super) fn write_date(out: &mut String, serial: f64, at: Civil) {
    let has_time = (at.hour, at.minute, at.second) != (0, 0, 0);
    let time_only = serial < 1.0 && has_time;
    if !time_only {
        let _ = write!(out, "{:04}-{:02}-{:02}", at.year, at.month, at.day);
    }
    if has_time {
        if !time_only {
            out.push(' ');
        }
        let _ = write!(out, "{:02}:{:02}:{:02}", at.hour, at.minute, at.second);
    }
}

/// A date and time of day, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Civil {
    pub(super) year: u16,
    pub(super) month: u8,
    pub(super) day: u8,
    pub(super) hour: u8,
    pub(super) minute: u8,
    pub(super) second: u8,
}

impl Civil {
    /// The fields of a date and time calamine read (XLS, XLSB, ODS).
    #[cfg(feature = "legacy-spreadsheets")]
    pub(super) fn of_calamine(at: &calamine::ExcelDateTime) -> Civil {
        let (year, month, day, hour, minute, second, _) = at.to_ymd_hms_milli();
        Civil {
            year,
            month,
            day,
            hour,
            minute,
            second,
        }
    }

    /// The date and time of an Excel serial (days since the epoch of the 1900 or the 1904 date
    /// system, the time of day as the fraction). Serials outside 0..=9999-12-31 are clamped to
    /// those ends; the time is rounded to the millisecond, then cut to the second.
    pub(super) fn of_serial(serial: f64, is_1904: bool) -> Civil {
        // `as` saturates: negative and NaN serials are day 0.
        let last = if is_1904 {
            LAST_DAY_1904
        } else {
            LAST_DAY_1900
        };
        let days = (serial.floor() as u64).min(last);
        let time = serial.fract() * DAY_SECONDS;
        let mut seconds = time as u64;
        if (time.fract() * 1000.0).round() as u64 == 1000 {
            seconds += 1;
        }
        if seconds == DAY_SECONDS as u64 {
            return Civil::of_serial(serial.floor() + 1.0, is_1904);
        }
        let (year, month, day) = date_of_day(days, is_1904);
        Civil {
            year,
            month,
            day,
            hour: (seconds / 3600) as u8,
            minute: (seconds / 60 % 60) as u8,
            second: (seconds % 60) as u8,
        }
    }
}

/// The calendar date of a day number. 1900 system: day 1 is 1900-01-01, and day 60 is the
/// 29 February 1900 that Lotus 1-2-3 invented and Excel kept (day 0 reads as 1899-12-31).
/// 1904 system: day 0 is 1904-01-01.
fn date_of_day(days: u64, is_1904: bool) -> (u16, u8, u8) {
    let days = days as i64; // at most LAST_DAY_1900
    let since_1970 = match (is_1904, days) {
        (false, 60) => return (1900, 2, 29),
        (false, 0..=59) => days - 25_568,
        (false, _) => days - 25_569,
        (true, _) => days - 24_107,
    };
    civil_from_days(since_1970)
}

/// Days since 1970-01-01 → proleptic Gregorian (year, month, day); Howard Hinnant's
/// `civil_from_days` (<https://howardhinnant.github.io/date_algorithms.html>).
fn civil_from_days(days: i64) -> (u16, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // March is 0
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year as u16, month as u8, day as u8)
}
