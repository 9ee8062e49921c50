//! Dates, instants, year-months and durations: their strict text forms and
//! the calendar arithmetic rules need (month steps clamped to month ends,
//! whole months between dates, exclusive ends of days).
//!
//! Everything is UTC, so a day is always 24 hours and a result never depends
//! on where or when the engine runs; nothing here reads the wall clock.
//! Every operation that could leave chrono's representable range returns
//! `None` instead of panicking.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};

const SECONDS_PER_MINUTE: i64 = 60;
const SECONDS_PER_HOUR: i64 = 60 * SECONDS_PER_MINUTE;
const SECONDS_PER_DAY: i64 = 24 * SECONDS_PER_HOUR;
const SECONDS_PER_WEEK: i64 = 7 * SECONDS_PER_DAY;
const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// The value of a run of ASCII digits, or `None` if any byte is not a digit.
fn digits_value(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| {
        if b.is_ascii_digit() {
            acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// Splits a leading run of ASCII digits off `text`.
fn leading_digits(text: &str) -> (&str, &str) {
    let len = text.bytes().take_while(u8::is_ascii_digit).count();
    // The run is ASCII, so `len` is always a character boundary.
    text.split_at_checked(len).unwrap_or((text, ""))
}

/// Nanoseconds from the digits after a decimal point: one to nine digits, so
/// every accepted fraction is held exactly.
fn fraction_nanos(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let mut nanos = digits_value(digits.as_bytes())?;
    for _ in digits.len()..9 {
        nanos *= 10;
    }
    Some(nanos)
}

/// Writes a year the way ISO 8601 expanded years are written: four digits
/// for years 0 to 9999, otherwise with an explicit sign.
fn write_year(f: &mut impl fmt::Write, year: i32) -> fmt::Result {
    if (0..=9999).contains(&year) {
        write!(f, "{year:04}")
    } else if year > 9999 {
        write!(f, "+{year}")
    } else {
        write!(f, "-{:04}", year.unsigned_abs())
    }
}

fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in a month of the proleptic Gregorian calendar (the one chrono uses).
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses a date written strictly as `YYYY-MM-DD`: a four-digit year and
/// two-digit month and day, all of which must exist (`2026-02-30` does not).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    match *s.as_bytes() {
        [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] => {
            let year = i32::try_from(digits_value(&[y1, y2, y3, y4])?).ok()?;
            let month = digits_value(&[m1, m2])?;
            let day = digits_value(&[d1, d2])?;
            NaiveDate::from_ymd_opt(year, month, day)
        }
        _ => None,
    }
}

/// Parses an RFC 3339 timestamp and converts it to UTC:
/// `2026-05-01T09:00:00Z`, `2026-05-01T11:00:00+02:00` (which is 09:00 UTC),
/// `2026-05-01T09:00:00.25Z`.
///
/// The date and time parts are both required. As RFC 3339 allows, `t` and
/// `z` may be lowercase. Fractions of a second take one to nine digits, so
/// every accepted instant is held exactly. An offset must be `Z` or
/// `±HH:MM`. Leap seconds (`:60`) are refused, since all arithmetic here
/// treats a minute as exactly 60 seconds.
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let date = parse_date(s.get(..10)?)?;
    let rest = s.get(10..)?.strip_prefix(['T', 't'])?;
    let [h1, h2, b':', n1, n2, b':', s1, s2] = *rest.get(..8)?.as_bytes() else {
        return None;
    };
    let hour = digits_value(&[h1, h2])?;
    let minute = digits_value(&[n1, n2])?;
    let second = digits_value(&[s1, s2])?;
    let rest = rest.get(8..)?;
    let (nanos, rest) = match rest.strip_prefix('.') {
        Some(fraction) => {
            let (digits, rest) = leading_digits(fraction);
            (fraction_nanos(digits)?, rest)
        }
        None => (0, rest),
    };
    let offset_seconds = match *rest.as_bytes() {
        [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits_value(&[h1, h2])?;
            let minutes = digits_value(&[m1, m2])?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let magnitude = i64::from(hours) * SECONDS_PER_HOUR + i64::from(minutes) * 60;
            if sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => return None,
    };
    // `from_hms_nano_opt` refuses second 60, and `nanos` is below one
    // second, so the leap-second representation can never be produced here.
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let local = date.and_time(time);
    let utc = local.checked_sub_signed(TimeDelta::try_seconds(offset_seconds)?)?;
    Some(utc.and_utc())
}

/// Prints an instant as `2026-05-01T09:00:00Z`: always UTC with `Z`,
/// seconds always shown, and a fraction only when there is one, with
/// trailing zeros dropped (`09:00:00.5Z`).
pub fn format_instant(t: &DateTime<Utc>) -> String {
    let mut out = String::with_capacity(32);
    // Writing to a `String` cannot fail, so the results are ignored.
    let _ = write_year(&mut out, t.year());
    let mut second = t.second();
    let mut nanos = t.nanosecond();
    // chrono stores a leap second as nanoseconds past one second; print it
    // the RFC 3339 way, as second 60.
    if nanos >= NANOS_PER_SECOND {
        second += 1;
        nanos -= NANOS_PER_SECOND;
    }
    let _ = fmt::Write::write_fmt(
        &mut out,
        format_args!(
            "-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            second
        ),
    );
    push_fraction(&mut out, nanos);
    out.push('Z');
    out
}

/// Appends `.` and the shortest digits for `nanos`, or nothing for zero.
fn push_fraction(out: &mut String, nanos: u32) {
    if nanos > 0 {
        let digits = format!("{nanos:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

/// A calendar month of a particular year, such as `2026-07`.
///
/// Ordering is chronological. Only months whose days chrono can represent
/// exist, so every `YearMonth` has a first and a last day.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// The month `month` (1–12) of `year`, if chrono can represent it.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        // chrono's range starts on 1 January and ends on 31 December, so if
        // the first day of the month exists, all of its days do.
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(YearMonth { year, month })
    }

    /// Parses `YYYY-MM` with a four-digit year and two-digit month.
    pub fn parse(s: &str) -> Option<YearMonth> {
        match *s.as_bytes() {
            [y1, y2, y3, y4, b'-', m1, m2] => {
                let year = i32::try_from(digits_value(&[y1, y2, y3, y4])?).ok()?;
                YearMonth::new(year, digits_value(&[m1, m2])?)
            }
            _ => None,
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 for January to 12 for December.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    fn day(self, day: u32) -> NaiveDate {
        // Every day of a `YearMonth` exists (see `new`), so the fallback is
        // unreachable; it is there only so no input can cause a panic.
        NaiveDate::from_ymd_opt(self.year, self.month, day).unwrap_or(NaiveDate::MIN)
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        self.day(1)
    }

    /// The last day of the month, taking leap years into account.
    pub fn last_day(self) -> NaiveDate {
        self.day(days_in_month(self.year, self.month))
    }

    /// The month `n` months later (earlier for negative `n`), or `None` if
    /// that leaves the representable range.
    pub fn add_months(self, n: i64) -> Option<YearMonth> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1;
        let target = index.checked_add(n)?;
        let year = i32::try_from(target.div_euclid(12)).ok()?;
        let month = u32::try_from(target.rem_euclid(12)).ok()? + 1;
        YearMonth::new(year, month)
    }

    /// How many months `other` is after `self` (negative if before).
    pub fn months_until(self, other: YearMonth) -> i64 {
        (i64::from(other.year) - i64::from(self.year)) * 12 + i64::from(other.month)
            - i64::from(self.month)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_year(f, self.year)?;
        write!(f, "-{:02}", self.month)
    }
}

/// Adds up `n<unit>` components of one half of a duration, in the order
/// `units` lists them, each at most once. Only the seconds unit may carry a
/// fraction. Returns whole seconds, nanoseconds and how many components
/// there were.
fn duration_components(mut text: &str, units: &[(u8, i64)]) -> Option<(i64, u32, usize)> {
    let mut seconds: i64 = 0;
    let mut nanos: u32 = 0;
    let mut count = 0;
    let mut next_unit = 0;
    while !text.is_empty() {
        let (whole, rest) = leading_digits(text);
        let (fraction, rest) = match rest.strip_prefix('.') {
            Some(after_point) => {
                let (digits, rest) = leading_digits(after_point);
                (Some(fraction_nanos(digits)?), rest)
            }
            None => (None, rest),
        };
        let designator = *rest.as_bytes().first()?;
        let offset = units
            .get(next_unit..)?
            .iter()
            .position(|&(d, _)| d == designator)?;
        let (_, unit_seconds) = *units.get(next_unit + offset)?;
        if fraction.is_some() && designator != b'S' {
            return None;
        }
        // Only ASCII digits remain in `whole`, so a parse failure can only
        // mean the number is too large.
        let amount: i64 = whole.parse().ok()?;
        seconds = seconds.checked_add(amount.checked_mul(unit_seconds)?)?;
        nanos = fraction.unwrap_or(nanos);
        count += 1;
        next_unit += offset + 1;
        text = rest.get(1..)?;
    }
    Some((seconds, nanos, count))
}

/// Parses an ISO 8601 duration of the form `P[nW][nD][T[nH][nM][nS]]`,
/// such as `PT72H`, `P30D`, `P1DT12H` or `PT90M`, with an optional leading
/// `-` for negative durations.
///
/// Years and months are refused: a month is not a fixed length, so
/// calendar-month steps belong to [`add_months_to_date`]. (`M` is therefore
/// only accepted after `T`, as minutes.) At least one component is required
/// (`P` and `PT` are refused), each unit may appear once and in order, and
/// only seconds may have a fraction (up to nine digits, e.g. `PT0.5S`).
pub fn parse_duration(s: &str) -> Option<TimeDelta> {
    let (negative, unsigned) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let body = unsigned.strip_prefix('P')?;
    let (date_part, time_part) = match body.split_once('T') {
        Some((date_part, time_part)) => (date_part, Some(time_part)),
        None => (body, None),
    };
    let (date_seconds, _, date_count) = duration_components(
        date_part,
        &[(b'W', SECONDS_PER_WEEK), (b'D', SECONDS_PER_DAY)],
    )?;
    let (time_seconds, nanos, time_count) = match time_part {
        Some(text) => {
            let parsed = duration_components(
                text,
                &[
                    (b'H', SECONDS_PER_HOUR),
                    (b'M', SECONDS_PER_MINUTE),
                    (b'S', 1),
                ],
            )?;
            // A `T` promises a time part; `P1DT` is incomplete.
            if parsed.2 == 0 {
                return None;
            }
            parsed
        }
        None => (0, 0, 0),
    };
    if date_count + time_count == 0 {
        return None;
    }
    let delta = TimeDelta::new(date_seconds.checked_add(time_seconds)?, nanos)?;
    // chrono's range is symmetric, so negating an in-range delta is safe.
    Some(if negative { -delta } else { delta })
}

/// Prints a duration canonically: whole days, then hours, minutes and
/// seconds after `T`, leaving out zero components. 72 hours is `P3D`,
/// 90 minutes `PT1H30M`, zero `PT0S`, half a second `PT0.5S`, and a
/// negative duration has a leading `-`. The output parses back with
/// [`parse_duration`] to the same duration.
pub fn format_duration(d: &TimeDelta) -> String {
    let magnitude = d.abs();
    let total = magnitude.num_seconds();
    let nanos = u32::try_from(magnitude.subsec_nanos()).unwrap_or(0);
    let days = total / SECONDS_PER_DAY;
    let hours = total % SECONDS_PER_DAY / SECONDS_PER_HOUR;
    let minutes = total % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
    let seconds = total % SECONDS_PER_MINUTE;

    let mut out = String::new();
    if *d < TimeDelta::zero() {
        out.push('-');
    }
    out.push('P');
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    let has_seconds = seconds > 0 || nanos > 0;
    if hours > 0 || minutes > 0 || has_seconds || days == 0 {
        out.push('T');
        if hours > 0 {
            out.push_str(&format!("{hours}H"));
        }
        if minutes > 0 {
            out.push_str(&format!("{minutes}M"));
        }
        // Zero is written `PT0S`: some component has to be there.
        if has_seconds || (days == 0 && hours == 0 && minutes == 0) {
            out.push_str(&seconds.to_string());
            push_fraction(&mut out, nanos);
            out.push('S');
        }
    }
    out
}

/// `d` moved by `n` calendar months, with the day clamped to the end of the
/// target month: 2024-01-31 + 1 month is 2024-02-29, 2023-01-31 + 1 month is
/// 2023-02-28, and 2024-02-29 + 12 months is 2025-02-28.
pub fn add_months_to_date(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let target = YearMonth::of(d).add_months(n)?;
    let day = d.day().min(days_in_month(target.year, target.month));
    NaiveDate::from_ymd_opt(target.year, target.month, day)
}

/// `t` moved by `n` calendar months at the same time of day, with the date
/// clamped as in [`add_months_to_date`].
pub fn add_months_to_instant(t: DateTime<Utc>, n: i64) -> Option<DateTime<Utc>> {
    let date = add_months_to_date(t.date_naive(), n)?;
    Some(date.and_time(t.time()).and_utc())
}

/// The number of days from `a` to `b`: positive when `b` is later.
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    b.signed_duration_since(a).num_days()
}

/// The number of complete calendar months from `a` to `b`.
///
/// For `b >= a` this is the largest `n` such that
/// `add_months_to_date(a, n) <= b`. Because month steps clamp to the month
/// end, a month that starts on the 31st is complete on the last day of a
/// shorter month: 2026-01-31 to 2026-02-28 is 1 month, to 2026-02-27 is 0,
/// and 2024-02-29 to 2025-02-28 is 12. For `b < a` the result is the
/// negation of the count from `b` to `a`, so swapping the arguments only
/// flips the sign.
pub fn whole_months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    if b < a {
        return -whole_months_between(b, a);
    }
    let candidate = YearMonth::of(a).months_until(YearMonth::of(b));
    // Stepping `candidate` months lands in `b`'s month; if that overshoots
    // `b`'s day, the month before is the last complete one.
    match add_months_to_date(a, candidate) {
        Some(landed) if landed <= b => candidate,
        _ => candidate - 1,
    }
}

/// The first day of `d`'s month.
pub fn start_of_month(d: NaiveDate) -> NaiveDate {
    YearMonth::of(d).first_day()
}

/// The last day of `d`'s month.
pub fn end_of_month(d: NaiveDate) -> NaiveDate {
    YearMonth::of(d).last_day()
}

/// Midnight UTC at the start of `d`.
pub fn start_of_day(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(NaiveTime::MIN).and_utc()
}

/// The exclusive end of `d`: midnight UTC at the start of the next day.
///
/// "Before the end of `d`" is `t < end_of_day(d)`, which includes every
/// instant of `d` down to the last nanosecond and nothing of the next day.
/// For chrono's very last date there is no next day; the latest
/// representable instant is returned instead.
pub fn end_of_day(d: NaiveDate) -> DateTime<Utc> {
    match d.succ_opt() {
        Some(next) => start_of_day(next),
        None => DateTime::<Utc>::MAX_UTC,
    }
}

/// The UTC calendar date of `t`.
pub fn date_of(t: DateTime<Utc>) -> NaiveDate {
    t.date_naive()
}

/// `t + d`, or `None` outside the representable range.
pub fn add_duration(t: DateTime<Utc>, d: TimeDelta) -> Option<DateTime<Utc>> {
    t.checked_add_signed(d)
}

/// `d` moved by `n` days, or `None` outside the representable range.
pub fn add_days_to_date(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(n)?)
}

#[cfg(test)]
#[path = "time_tests.rs"]
mod tests;
