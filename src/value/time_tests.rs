//! Specification tests for date, instant, year-month and duration text forms
//! and for calendar arithmetic.

use super::*;

fn date(text: &str) -> NaiveDate {
    match parse_date(text) {
        Some(d) => d,
        None => panic!("test date `{text}` should parse"),
    }
}

fn instant(text: &str) -> DateTime<Utc> {
    match parse_instant(text) {
        Some(t) => t,
        None => panic!("test instant `{text}` should parse"),
    }
}

fn year_month(text: &str) -> YearMonth {
    match YearMonth::parse(text) {
        Some(ym) => ym,
        None => panic!("test year-month `{text}` should parse"),
    }
}

fn duration(text: &str) -> TimeDelta {
    match parse_duration(text) {
        Some(d) => d,
        None => panic!("test duration `{text}` should parse"),
    }
}

fn plus_months(text: &str, n: i64) -> Option<String> {
    add_months_to_date(date(text), n).map(|d| d.to_string())
}

// --- dates -----------------------------------------------------------------

#[test]
fn dates_parse_only_in_strict_iso_form() {
    let d = date("2026-05-01");
    assert_eq!((d.year(), d.month(), d.day()), (2026, 5, 1));
    assert_eq!(date("0000-01-01").year(), 0);
    for bad in [
        "",
        "2026-2-1",
        "2026-02-1",
        "26-02-01",
        "02026-02-01",
        "2026/02/01",
        "2026-02-01T00:00:00Z",
        " 2026-02-01",
        "2026-02-01 ",
        "+2026-02-01",
        "2026-0a-01",
        "２０２６-02-01",
    ] {
        assert_eq!(parse_date(bad), None, "`{bad}`");
    }
}

#[test]
fn dates_that_do_not_exist_are_refused() {
    for bad in [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "2026-01-00",
        "2023-02-29",
        "2100-02-29",
    ] {
        assert_eq!(parse_date(bad), None, "`{bad}`");
    }
}

#[test]
fn february_29th_exists_only_in_leap_years() {
    assert!(parse_date("2024-02-29").is_some());
    assert!(parse_date("2000-02-29").is_some());
    assert!(parse_date("2100-02-29").is_none());
    assert!(parse_date("2026-02-29").is_none());
}

// --- instants --------------------------------------------------------------

#[test]
fn instants_in_utc_parse_and_print_back() {
    let t = instant("2026-05-01T09:00:00Z");
    assert_eq!(format_instant(&t), "2026-05-01T09:00:00Z");
    assert_eq!(date_of(t), date("2026-05-01"));
}

#[test]
fn instants_with_offsets_are_converted_to_utc() {
    assert_eq!(
        instant("2026-05-01T11:00:00+02:00"),
        instant("2026-05-01T09:00:00Z")
    );
    assert_eq!(
        format_instant(&instant("2026-05-01T11:00:00+02:00")),
        "2026-05-01T09:00:00Z"
    );
    assert_eq!(
        format_instant(&instant("2026-04-30T21:30:00-03:30")),
        "2026-05-01T01:00:00Z"
    );
    assert_eq!(
        instant("2026-05-01T09:00:00-00:00"),
        instant("2026-05-01T09:00:00Z")
    );
}

#[test]
fn instants_keep_fractional_seconds_exactly_and_print_them_minimally() {
    let t = instant("2026-05-01T09:00:00.5Z");
    assert_eq!(t.nanosecond(), 500_000_000);
    assert_eq!(format_instant(&t), "2026-05-01T09:00:00.5Z");
    assert_eq!(
        format_instant(&instant("2026-05-01T09:00:00.120Z")),
        "2026-05-01T09:00:00.12Z"
    );
    assert_eq!(
        format_instant(&instant("2026-05-01T09:00:00.000000001Z")),
        "2026-05-01T09:00:00.000000001Z"
    );
    assert_eq!(
        format_instant(&instant("2026-05-01T09:00:00.000Z")),
        "2026-05-01T09:00:00Z"
    );
}

#[test]
fn lowercase_t_and_z_are_accepted_as_rfc_3339_allows() {
    assert_eq!(
        instant("2026-05-01t09:00:00z"),
        instant("2026-05-01T09:00:00Z")
    );
}

#[test]
fn instants_that_are_not_rfc_3339_are_refused() {
    for bad in [
        "2026-05-01",
        "2026-05-01T09:00:00",
        "2026-05-01T09:00Z",
        "2026-05-01 09:00:00Z",
        "2026-05-01T9:00:00Z",
        "2026-05-01T24:00:00Z",
        "2026-05-01T09:60:00Z",
        "2026-05-01T09:00:60Z",
        "2026-05-01T09:00:00.Z",
        "2026-05-01T09:00:00.1234567891Z",
        "2026-05-01T09:00:00+0200",
        "2026-05-01T09:00:00+02",
        "2026-05-01T09:00:00+24:00",
        "2026-05-01T09:00:00+02:60",
        "2026-05-01T09:00:00ZZ",
        "2026-05-01T09:00:00Z ",
        "2026-02-30T09:00:00Z",
        "",
    ] {
        assert_eq!(parse_instant(bad), None, "`{bad}`");
    }
}

#[test]
fn offsets_can_move_an_instant_across_a_year_boundary() {
    assert_eq!(
        format_instant(&instant("2026-12-31T23:30:00-01:00")),
        "2027-01-01T00:30:00Z"
    );
}

#[test]
fn instants_outside_four_digit_years_print_with_a_sign() {
    let far = NaiveDate::from_ymd_opt(12026, 1, 2).map(start_of_day);
    assert_eq!(
        far.map(|t| format_instant(&t)).as_deref(),
        Some("+12026-01-02T00:00:00Z")
    );
    let ancient = NaiveDate::from_ymd_opt(-44, 3, 15).map(start_of_day);
    assert_eq!(
        ancient.map(|t| format_instant(&t)).as_deref(),
        Some("-0044-03-15T00:00:00Z")
    );
}

// --- year-months -----------------------------------------------------------

#[test]
fn year_months_parse_and_print() {
    let ym = year_month("2026-07");
    assert_eq!((ym.year(), ym.month()), (2026, 7));
    assert_eq!(ym.to_string(), "2026-07");
    for bad in [
        "2026-7",
        "2026-13",
        "2026-00",
        "26-07",
        "2026-07-01",
        "",
        "2026_07",
    ] {
        assert_eq!(YearMonth::parse(bad), None, "`{bad}`");
    }
    assert_eq!(YearMonth::new(2026, 0), None);
    assert_eq!(YearMonth::new(2026, 13), None);
    assert_eq!(YearMonth::new(i32::MAX, 1), None);
}

#[test]
fn year_months_order_chronologically() {
    assert!(year_month("2025-12") < year_month("2026-01"));
    assert!(year_month("2026-02") < year_month("2026-10"));
}

#[test]
fn last_day_of_february_follows_leap_year_rules() {
    assert_eq!(year_month("2024-02").last_day(), date("2024-02-29"));
    assert_eq!(year_month("2023-02").last_day(), date("2023-02-28"));
    assert_eq!(year_month("2100-02").last_day(), date("2100-02-28"));
    assert_eq!(year_month("2000-02").last_day(), date("2000-02-29"));
}

#[test]
fn first_and_last_days_of_months() {
    assert_eq!(year_month("2026-04").first_day(), date("2026-04-01"));
    assert_eq!(year_month("2026-04").last_day(), date("2026-04-30"));
    assert_eq!(year_month("2026-12").last_day(), date("2026-12-31"));
    assert_eq!(YearMonth::of(date("2026-06-15")), year_month("2026-06"));
}

#[test]
fn year_month_steps_cross_year_boundaries_both_ways() {
    assert_eq!(
        year_month("2026-11").add_months(2),
        Some(year_month("2027-01"))
    );
    assert_eq!(
        year_month("2026-01").add_months(-1),
        Some(year_month("2025-12"))
    );
    assert_eq!(
        year_month("2026-01").add_months(-13),
        Some(year_month("2024-12"))
    );
    assert_eq!(
        year_month("2026-07").add_months(0),
        Some(year_month("2026-07"))
    );
    assert_eq!(year_month("2026-07").add_months(i64::MAX), None);
    assert_eq!(year_month("2026-07").add_months(i64::MIN), None);
}

#[test]
fn months_until_counts_signed_calendar_months() {
    assert_eq!(year_month("2026-01").months_until(year_month("2026-07")), 6);
    assert_eq!(
        year_month("2026-07").months_until(year_month("2026-01")),
        -6
    );
    assert_eq!(
        year_month("2025-11").months_until(year_month("2027-02")),
        15
    );
}

// --- durations -------------------------------------------------------------

#[test]
fn durations_parse_weeks_days_hours_minutes_seconds() {
    assert_eq!(duration("PT72H"), TimeDelta::hours(72));
    assert_eq!(duration("P30D"), TimeDelta::days(30));
    assert_eq!(duration("P1DT12H"), TimeDelta::hours(36));
    assert_eq!(duration("PT90M"), TimeDelta::minutes(90));
    assert_eq!(duration("P2W"), TimeDelta::days(14));
    assert_eq!(duration("P1W1D"), TimeDelta::days(8));
    assert_eq!(duration("PT45S"), TimeDelta::seconds(45));
    assert_eq!(duration("PT0.5S"), TimeDelta::milliseconds(500));
    assert_eq!(duration("-P1D"), TimeDelta::days(-1));
    assert_eq!(duration("PT0S"), TimeDelta::zero());
}

#[test]
fn durations_in_years_or_months_are_refused_as_ambiguous() {
    for bad in ["P1M", "P1Y", "P1Y2M", "P1MT1H"] {
        assert_eq!(parse_duration(bad), None, "`{bad}`");
    }
}

#[test]
fn malformed_durations_are_refused() {
    for bad in [
        "",
        "P",
        "PT",
        "P1DT",
        "1D",
        "PD",
        "PTH",
        "P1H",
        "PT1D",
        "P1D1W",
        "PT1M1H",
        "P1D1D",
        "PT1H1H",
        "P1.5D",
        "PT1.5H",
        "PT.5S",
        "PT1.S",
        "PT1.1234567891S",
        "p1d",
        "P1d",
        "+P1D",
        "--P1D",
        "P-1D",
        "P1DT1HT1M",
        " P1D",
        "P1D ",
        "P1,5D",
        "P99999999999999999999D",
        "P9999999999999D",
    ] {
        assert_eq!(parse_duration(bad), None, "`{bad}`");
    }
}

#[test]
fn durations_print_canonically_in_days_and_time() {
    assert_eq!(format_duration(&TimeDelta::hours(72)), "P3D");
    assert_eq!(format_duration(&TimeDelta::minutes(90)), "PT1H30M");
    assert_eq!(format_duration(&TimeDelta::zero()), "PT0S");
    assert_eq!(format_duration(&TimeDelta::hours(36)), "P1DT12H");
    assert_eq!(format_duration(&TimeDelta::seconds(86_401)), "P1DT1S");
    assert_eq!(format_duration(&TimeDelta::milliseconds(1_500)), "PT1.5S");
    assert_eq!(format_duration(&TimeDelta::milliseconds(250)), "PT0.25S");
    assert_eq!(format_duration(&TimeDelta::hours(-72)), "-P3D");
    assert_eq!(format_duration(&TimeDelta::milliseconds(-1_500)), "-PT1.5S");
    assert_eq!(format_duration(&TimeDelta::weeks(2)), "P14D");
}

#[test]
fn durations_round_trip_through_text() {
    for text in [
        "PT72H",
        "P30D",
        "P1DT12H",
        "PT90M",
        "P2W",
        "PT0S",
        "-PT90M",
        "PT0.000000001S",
        "-P1DT0.5S",
        "P10000D",
    ] {
        let parsed = duration(text);
        let printed = format_duration(&parsed);
        assert_eq!(
            parse_duration(&printed),
            Some(parsed),
            "`{text}` -> `{printed}`"
        );
    }
    for extreme in [TimeDelta::MAX, TimeDelta::MIN] {
        let printed = format_duration(&extreme);
        assert_eq!(parse_duration(&printed), Some(extreme), "`{printed}`");
    }
}

// --- calendar arithmetic ---------------------------------------------------

#[test]
fn adding_months_clamps_to_the_end_of_shorter_months() {
    assert_eq!(plus_months("2024-01-31", 1).as_deref(), Some("2024-02-29"));
    assert_eq!(plus_months("2023-01-31", 1).as_deref(), Some("2023-02-28"));
    assert_eq!(plus_months("2024-02-29", 12).as_deref(), Some("2025-02-28"));
    assert_eq!(plus_months("2024-02-29", 48).as_deref(), Some("2028-02-29"));
    assert_eq!(plus_months("2026-03-31", 1).as_deref(), Some("2026-04-30"));
    assert_eq!(plus_months("2099-12-31", 2).as_deref(), Some("2100-02-28"));
    assert_eq!(plus_months("1999-12-31", 2).as_deref(), Some("2000-02-29"));
}

#[test]
fn adding_negative_months_goes_back_with_the_same_clamping() {
    assert_eq!(plus_months("2026-03-31", -1).as_deref(), Some("2026-02-28"));
    assert_eq!(plus_months("2026-01-15", -1).as_deref(), Some("2025-12-15"));
    assert_eq!(
        plus_months("2026-05-31", -14).as_deref(),
        Some("2025-03-31")
    );
}

#[test]
fn adding_months_beyond_the_calendar_is_none() {
    assert_eq!(add_months_to_date(date("2026-01-01"), i64::MAX), None);
    assert_eq!(add_months_to_date(date("2026-01-01"), i64::MIN), None);
    assert_eq!(add_months_to_date(NaiveDate::MAX, 1), None);
    assert_eq!(add_months_to_date(NaiveDate::MIN, -1), None);
}

#[test]
fn adding_months_to_an_instant_keeps_the_time_of_day() {
    let t = instant("2024-01-31T17:45:30.25Z");
    let moved = add_months_to_instant(t, 1).map(|m| format_instant(&m));
    assert_eq!(moved.as_deref(), Some("2024-02-29T17:45:30.25Z"));
    assert_eq!(add_months_to_instant(t, i64::MAX), None);
}

#[test]
fn days_between_is_signed() {
    assert_eq!(days_between(date("2026-01-01"), date("2026-03-01")), 59);
    assert_eq!(days_between(date("2024-01-01"), date("2024-03-01")), 60);
    assert_eq!(days_between(date("2026-03-01"), date("2026-01-01")), -59);
    assert_eq!(days_between(date("2026-03-01"), date("2026-03-01")), 0);
}

#[test]
fn whole_months_between_counts_complete_months() {
    assert_eq!(
        whole_months_between(date("2026-01-15"), date("2026-02-14")),
        0
    );
    assert_eq!(
        whole_months_between(date("2026-01-15"), date("2026-02-15")),
        1
    );
    assert_eq!(
        whole_months_between(date("2026-01-15"), date("2027-01-14")),
        11
    );
    assert_eq!(
        whole_months_between(date("2026-01-15"), date("2027-01-15")),
        12
    );
    assert_eq!(
        whole_months_between(date("2026-01-15"), date("2026-01-15")),
        0
    );
}

#[test]
fn whole_months_from_a_month_end_complete_on_the_next_month_end() {
    assert_eq!(
        whole_months_between(date("2026-01-31"), date("2026-02-28")),
        1
    );
    assert_eq!(
        whole_months_between(date("2026-01-31"), date("2026-02-27")),
        0
    );
    assert_eq!(
        whole_months_between(date("2024-01-31"), date("2024-02-29")),
        1
    );
    assert_eq!(
        whole_months_between(date("2024-01-31"), date("2024-02-28")),
        0
    );
    assert_eq!(
        whole_months_between(date("2026-03-31"), date("2026-04-30")),
        1
    );
    assert_eq!(
        whole_months_between(date("2026-02-28"), date("2026-03-28")),
        1
    );
    assert_eq!(
        whole_months_between(date("2026-02-28"), date("2026-03-31")),
        1
    );
    assert_eq!(
        whole_months_between(date("2024-02-29"), date("2025-02-28")),
        12
    );
    assert_eq!(
        whole_months_between(date("2024-02-29"), date("2028-02-28")),
        47
    );
    assert_eq!(
        whole_months_between(date("2024-02-29"), date("2028-02-29")),
        48
    );
}

#[test]
fn whole_months_backwards_are_the_negated_forward_count() {
    assert_eq!(
        whole_months_between(date("2026-02-15"), date("2026-01-15")),
        -1
    );
    assert_eq!(
        whole_months_between(date("2026-02-14"), date("2026-01-15")),
        0
    );
    assert_eq!(
        whole_months_between(date("2026-02-28"), date("2026-01-31")),
        -1
    );
    assert_eq!(
        whole_months_between(date("2027-01-15"), date("2026-01-15")),
        -12
    );
}

#[test]
fn whole_months_across_the_whole_calendar_do_not_overflow() {
    let span = whole_months_between(NaiveDate::MIN, NaiveDate::MAX);
    let expected = YearMonth::of(NaiveDate::MIN).months_until(YearMonth::of(NaiveDate::MAX));
    assert_eq!(span, expected);
    assert_eq!(
        whole_months_between(NaiveDate::MAX, NaiveDate::MIN),
        -expected
    );
}

#[test]
fn start_and_end_of_month() {
    assert_eq!(start_of_month(date("2026-06-17")), date("2026-06-01"));
    assert_eq!(end_of_month(date("2026-06-17")), date("2026-06-30"));
    assert_eq!(end_of_month(date("2024-02-10")), date("2024-02-29"));
    assert_eq!(end_of_month(date("2100-02-10")), date("2100-02-28"));
    assert_eq!(end_of_month(date("2000-02-10")), date("2000-02-29"));
    assert_eq!(end_of_month(date("2026-12-01")), date("2026-12-31"));
}

#[test]
fn start_of_day_is_midnight_utc() {
    assert_eq!(
        format_instant(&start_of_day(date("2026-06-30"))),
        "2026-06-30T00:00:00Z"
    );
}

#[test]
fn end_of_day_is_the_exclusive_next_midnight() {
    let end = end_of_day(date("2026-06-30"));
    assert_eq!(format_instant(&end), "2026-07-01T00:00:00Z");
    assert!(instant("2026-06-30T23:59:59Z") < end);
    assert!(instant("2026-06-30T23:59:59.999999999Z") < end);
    assert!(instant("2026-07-01T00:00:00Z") >= end);
    assert_eq!(
        format_instant(&end_of_day(date("2024-02-29"))),
        "2024-03-01T00:00:00Z"
    );
    assert_eq!(
        format_instant(&end_of_day(date("2026-12-31"))),
        "2027-01-01T00:00:00Z"
    );
    assert_eq!(
        format_instant(&end_of_day(date("2026-02-28"))),
        "2026-03-01T00:00:00Z"
    );
}

#[test]
fn end_of_the_last_representable_day_saturates() {
    assert_eq!(end_of_day(NaiveDate::MAX), DateTime::<Utc>::MAX_UTC);
}

#[test]
fn adding_durations_and_days_is_checked() {
    let t = instant("2026-05-01T09:00:00Z");
    let later = add_duration(t, duration("PT72H")).map(|x| format_instant(&x));
    assert_eq!(later.as_deref(), Some("2026-05-04T09:00:00Z"));
    let earlier = add_duration(t, duration("-PT9H30M")).map(|x| format_instant(&x));
    assert_eq!(earlier.as_deref(), Some("2026-04-30T23:30:00Z"));
    assert_eq!(add_duration(t, TimeDelta::MAX), None);
    assert_eq!(
        add_duration(DateTime::<Utc>::MAX_UTC, TimeDelta::seconds(1)),
        None
    );

    assert_eq!(
        add_days_to_date(date("2024-02-28"), 1),
        Some(date("2024-02-29"))
    );
    assert_eq!(
        add_days_to_date(date("2023-02-28"), 1),
        Some(date("2023-03-01"))
    );
    assert_eq!(
        add_days_to_date(date("2026-01-01"), -1),
        Some(date("2025-12-31"))
    );
    assert_eq!(add_days_to_date(date("2026-01-01"), i64::MAX), None);
    assert_eq!(add_days_to_date(NaiveDate::MAX, 1), None);
}

#[test]
fn date_of_an_instant_is_its_utc_date() {
    assert_eq!(
        date_of(instant("2026-05-01T23:30:00-02:00")),
        date("2026-05-02")
    );
}
