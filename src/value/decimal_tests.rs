//! Specification tests for exact decimal parsing, rounding and formatting.

use super::*;

fn dec(text: &str) -> Decimal {
    match parse_decimal(text) {
        Ok(value) => value,
        Err(err) => panic!("test literal `{text}` should parse: {err}"),
    }
}

fn rounded(text: &str, places: u32, mode: RoundingMode) -> String {
    format_decimal(&round(dec(text), places, mode))
}

#[test]
fn parsing_keeps_the_written_scale() {
    let value = dec("1200.10");
    assert_eq!(value.scale(), 2);
    assert_eq!(format_decimal(&value), "1200.10");
    assert_eq!(format_decimal(&dec("5")), "5");
    assert_eq!(format_decimal(&dec("-0.50")), "-0.50");
}

#[test]
fn one_tenth_is_exactly_one_tenth() {
    let tenth = dec("0.1");
    assert_eq!(tenth.mantissa(), 1);
    assert_eq!(tenth.scale(), 1);
    assert_eq!(dec("0.1") + dec("0.2"), dec("0.3"));
}

#[test]
fn signs_are_optional_and_plus_means_positive() {
    assert_eq!(format_decimal(&dec("+3.5")), "3.5");
    assert_eq!(format_decimal(&dec("-3.5")), "-3.5");
}

#[test]
fn negative_zero_is_plain_zero() {
    assert_eq!(format_decimal(&dec("-0")), "0");
    assert_eq!(format_decimal(&dec("-0.00")), "0.00");
    assert!(!dec("-0.00").is_sign_negative());
}

#[test]
fn leading_zeros_do_not_count_against_precision() {
    let value = dec("0000000000000000000000000000000000000012.5");
    assert_eq!(format_decimal(&value), "12.5");
}

#[test]
fn seventeen_integer_digits_and_two_decimals_keep_every_digit() {
    assert_eq!(
        format_decimal(&dec("12345678901234567.89")),
        "12345678901234567.89"
    );
}

#[test]
fn twenty_eight_digit_decimals_keep_every_digit() {
    for text in [
        "1234567890123456789012345678",
        "0.1234567890123456789012345678",
        "-123456789012345.6789012345678",
        "1.0000000000000000000000000000",
        "79228162514264337593543950335",
    ] {
        assert_eq!(format_decimal(&dec(text)), text);
    }
}

#[test]
fn forty_digit_integer_is_too_large() {
    assert_eq!(
        parse_decimal("1234567890123456789012345678901234567890"),
        Err(NumberError::TooLarge)
    );
}

#[test]
fn one_past_the_largest_mantissa_is_too_large() {
    assert_eq!(
        parse_decimal("79228162514264337593543950336"),
        Err(NumberError::TooLarge)
    );
}

#[test]
fn more_precision_than_fits_is_too_large_not_rounded() {
    assert_eq!(
        parse_decimal("0.12345678901234567890123456789"),
        Err(NumberError::TooLarge)
    );
    assert_eq!(
        parse_decimal("9.9999999999999999999999999999"),
        Err(NumberError::TooLarge)
    );
    assert_eq!(
        parse_decimal("0.00000000000000000000000000000"),
        Err(NumberError::TooLarge)
    );
}

#[test]
fn anything_outside_the_grammar_is_malformed() {
    for text in [
        "", "+", "-", ".", ".5", "5.", "-.5", "1_000", "1e5", "1E5", " 1", "1 ", "1 000", "NaN",
        "nan", "inf", "-inf", "Infinity", "0x10", "1.2.3", "--1", "+-1", "١٢", "1,5",
    ] {
        assert_eq!(
            parse_decimal(text),
            Err(NumberError::Malformed),
            "`{text}` should be malformed"
        );
    }
}

#[test]
fn integers_parse_with_optional_sign() {
    assert_eq!(parse_int("42"), Ok(42));
    assert_eq!(parse_int("+42"), Ok(42));
    assert_eq!(parse_int("-42"), Ok(-42));
    assert_eq!(parse_int("007"), Ok(7));
    assert_eq!(parse_int("-9223372036854775808"), Ok(i64::MIN));
    assert_eq!(parse_int("9223372036854775807"), Ok(i64::MAX));
}

#[test]
fn integers_outside_i64_are_too_large() {
    assert_eq!(parse_int("9223372036854775808"), Err(NumberError::TooLarge));
    assert_eq!(
        parse_int("-9223372036854775809"),
        Err(NumberError::TooLarge)
    );
    assert_eq!(
        parse_int("1234567890123456789012345678901234567890"),
        Err(NumberError::TooLarge)
    );
}

#[test]
fn integers_reject_fractions_and_junk() {
    for text in ["", "-", "1.0", "1.", ".1", "1_000", "1e3", " 1", "one"] {
        assert_eq!(parse_int(text), Err(NumberError::Malformed), "`{text}`");
    }
}

#[test]
fn number_errors_read_as_lowercase_phrases() {
    for err in [NumberError::Malformed, NumberError::TooLarge] {
        let text = err.to_string();
        assert!(text.starts_with(|c: char| c.is_ascii_lowercase()), "{text}");
        assert!(!text.ends_with('.'), "{text}");
    }
}

#[test]
fn rounding_half_even_goes_to_the_even_neighbour() {
    assert_eq!(rounded("2.345", 2, RoundingMode::HalfEven), "2.34");
    assert_eq!(rounded("2.355", 2, RoundingMode::HalfEven), "2.36");
    assert_eq!(rounded("-2.345", 2, RoundingMode::HalfEven), "-2.34");
    assert_eq!(rounded("2.5", 0, RoundingMode::HalfEven), "2");
    assert_eq!(rounded("3.5", 0, RoundingMode::HalfEven), "4");
}

#[test]
fn rounding_half_up_goes_away_from_zero_on_a_tie() {
    assert_eq!(rounded("2.345", 2, RoundingMode::HalfUp), "2.35");
    assert_eq!(rounded("-2.345", 2, RoundingMode::HalfUp), "-2.35");
    assert_eq!(rounded("2.344", 2, RoundingMode::HalfUp), "2.34");
}

#[test]
fn rounding_half_down_goes_toward_zero_on_a_tie_only() {
    assert_eq!(rounded("2.345", 2, RoundingMode::HalfDown), "2.34");
    assert_eq!(rounded("-2.345", 2, RoundingMode::HalfDown), "-2.34");
    assert_eq!(rounded("2.3451", 2, RoundingMode::HalfDown), "2.35");
}

#[test]
fn rounding_up_and_down_are_relative_to_zero() {
    assert_eq!(rounded("2.341", 2, RoundingMode::Up), "2.35");
    assert_eq!(rounded("-2.341", 2, RoundingMode::Up), "-2.35");
    assert_eq!(rounded("2.349", 2, RoundingMode::Down), "2.34");
    assert_eq!(rounded("-2.349", 2, RoundingMode::Down), "-2.34");
}

#[test]
fn rounding_ceiling_and_floor_are_relative_to_infinity() {
    assert_eq!(rounded("2.341", 2, RoundingMode::Ceiling), "2.35");
    assert_eq!(rounded("-2.349", 2, RoundingMode::Ceiling), "-2.34");
    assert_eq!(rounded("2.349", 2, RoundingMode::Floor), "2.34");
    assert_eq!(rounded("-2.341", 2, RoundingMode::Floor), "-2.35");
}

#[test]
fn rounding_pads_to_exactly_the_requested_places() {
    for mode in RoundingMode::ALL {
        assert_eq!(rounded("2.5", 2, mode), "2.50", "{mode}");
        assert_eq!(rounded("7", 3, mode), "7.000", "{mode}");
        assert_eq!(rounded("1.20", 2, mode), "1.20", "{mode}");
    }
    assert_eq!(round(dec("2.5"), 2, RoundingMode::HalfEven).scale(), 2);
}

#[test]
fn rounding_to_zero_places_drops_the_point() {
    assert_eq!(rounded("1234.5678", 0, RoundingMode::Down), "1234");
}

#[test]
fn rounding_to_zero_never_leaves_a_minus_sign() {
    assert_eq!(rounded("-0.001", 2, RoundingMode::HalfEven), "0.00");
    assert_eq!(rounded("-0.001", 2, RoundingMode::Ceiling), "0.00");
    assert_eq!(rounded("-0.001", 2, RoundingMode::Floor), "-0.01");
}

#[test]
fn rounding_beyond_the_representable_scale_keeps_the_value() {
    assert_eq!(
        rounded("1.5", 40, RoundingMode::HalfEven),
        "1.5000000000000000000000000000"
    );
    let max = Decimal::MAX;
    assert_eq!(round(max, 2, RoundingMode::HalfEven), max);
}

#[test]
fn rounding_mode_names_round_trip() {
    let names: Vec<&str> = RoundingMode::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(
        names,
        [
            "half_even",
            "half_up",
            "half_down",
            "up",
            "down",
            "ceiling",
            "floor"
        ]
    );
    for mode in RoundingMode::ALL {
        assert_eq!(RoundingMode::from_name(mode.name()), Some(mode));
    }
    assert_eq!(RoundingMode::from_name("HALF_EVEN"), None);
    assert_eq!(RoundingMode::from_name("half-even"), None);
    assert_eq!(RoundingMode::from_name(""), None);
}

#[test]
fn formatting_small_values_pads_with_leading_zeros() {
    assert_eq!(format_decimal(&dec("0.0000001")), "0.0000001");
    assert_eq!(format_decimal(&dec("-0.05")), "-0.05");
    assert_eq!(
        format_decimal(&dec("0.0000000000000000000000000001")),
        "0.0000000000000000000000000001"
    );
}

#[test]
fn formatting_large_values_never_uses_exponents() {
    assert_eq!(
        format_decimal(&Decimal::MIN),
        "-79228162514264337593543950335"
    );
    assert_eq!(format_decimal(&Decimal::new(1, 0)), "1");
    assert_eq!(format_decimal(&Decimal::new(100, 0)), "100");
}
