//! Money, decimals and the calendar at their edges, through the language:
//! month ends, leap years, the UTC end of a date, 28-digit decimals, and
//! half-even against half-up rounding.

mod common;

use std::path::Path;

/// The values of every document of `edges.yaml`, by document.
fn values() -> Vec<serde_json::Map<String, serde_json::Value>> {
    let policies = common::fixture_policies();
    let path = Path::new("tests/fixtures/eval/edges.yaml");
    let text = std::fs::read_to_string(path).expect("fixture");
    eligo::scenario::load(&policies, "edges.yaml", &text)
        .into_iter()
        .map(|loaded| {
            let scenario = loaded.expect("loads");
            let result = eligo::decide(&policies, &scenario, false).expect("decides");
            result.values.into_iter().collect()
        })
        .collect()
}

fn text(values: &serde_json::Map<String, serde_json::Value>, name: &str) -> String {
    match &values[name] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn adding_a_month_clamps_to_the_month_end_in_leap_and_common_years() {
    let all = values();
    assert_eq!(text(&all[0], "plus_one_month"), "2024-02-29");
    assert_eq!(text(&all[1], "plus_one_month"), "2023-02-28");
    assert_eq!(text(&all[2], "plus_twelve_months"), "2025-02-28");
    assert_eq!(text(&all[0], "last_day_of_month"), "2024-02-29");
    assert_eq!(
        text(&all[1], "last_day_of_month"),
        "2100-02-28",
        "2100 is not a leap year"
    );
    assert_eq!(text(&all[2], "last_day_of_month"), "2000-02-29", "2000 is");
}

#[test]
fn the_end_of_a_date_is_the_next_midnight_utc_exclusive() {
    let all = values();
    assert_eq!(text(&all[0], "deadline_ends_at"), "2024-03-02T00:00:00Z");
    assert_eq!(
        text(&all[0], "before_end_of_deadline"),
        "true",
        "23:59:59 on the day is before its end"
    );
    assert_eq!(
        text(&all[1], "before_end_of_deadline"),
        "false",
        "00:00:00 the next day is not"
    );
    assert_eq!(text(&all[2], "deadline_ends_at"), "2025-01-01T00:00:00Z");
}

#[test]
fn seventy_two_hours_exactly_is_within_seventy_two_hours() {
    assert_eq!(text(&values()[2], "within_72_hours"), "true");
}

#[test]
fn whole_months_and_days_between_dates() {
    let all = values();
    assert_eq!(
        text(&all[0], "days_to_deadline"),
        "30",
        "January 31 to March 1 in a leap year"
    );
    assert_eq!(text(&all[1], "days_to_deadline"), "29");
    assert_eq!(text(&all[2], "whole_months_to_deadline"), "10");
    assert_eq!(text(&all[0], "trailing_window_start"), "2023-03");
}

#[test]
fn rounding_modes_differ_exactly_where_they_should() {
    let all = values();
    let positive = &all[3];
    assert_eq!(text(positive, "half_even"), "2.34");
    assert_eq!(text(positive, "half_up"), "2.35");
    assert_eq!(text(positive, "half_down"), "2.34");
    let negative = &all[4];
    assert_eq!(text(negative, "half_even"), "-2.34");
    assert_eq!(text(negative, "half_up"), "-2.35");
    assert_eq!(text(negative, "floor"), "-2.35");
    assert_eq!(text(negative, "ceiling"), "-2.34");
    assert_eq!(
        text(&all[5], "half_even"),
        "2.36",
        "2.355 goes to the even neighbour"
    );
}

#[test]
fn twenty_eight_digit_decimals_keep_every_digit() {
    let all = values();
    assert_eq!(
        text(&all[3], "big_plus_one_cent"),
        "12345678901234567890123456.79"
    );
    assert_eq!(
        text(&all[4], "big_plus_one_cent"),
        "0.11",
        "0.1 is not a float"
    );
    assert_eq!(
        text(&all[5], "big_plus_one_cent"),
        "100000000000000000000000000.00"
    );
}

#[test]
fn money_division_keeps_its_currency_and_digits() {
    let all = values();
    assert_eq!(text(&all[3], "price_tenths"), "0.005 USD");
    assert_eq!(text(&all[4], "price_tenths"), "10.00 EUR");
}
