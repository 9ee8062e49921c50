//! Where lints draw their lines, policy by policy: what counts as a gap in
//! an ordered column, which name an import provides, what a message may
//! show. Each test checks one small policy and lists the findings' codes
//! and messages.

use eligo::lint::{lint, LintOptions};

fn findings(policy: &str) -> Vec<String> {
    let set = eligo::load_policy_files(&[("edge.policy", policy)])
        .unwrap_or_else(|errors| panic!("the policy checks: {errors:?}"));
    lint(
        &set,
        &LintOptions {
            deny_warnings: false,
        },
    )
    .iter()
    .map(|d| {
        format!(
            "{}: {}",
            d.code_text().trim_start_matches("eligo::lint::"),
            d.message()
        )
    })
    .collect()
}

/// A policy whose one rule calls `table` with the given parameters.
fn with_table(params: &str, args: &str, table: &str) -> String {
    format!(
        "module edge\n\ntype Input = {{{params}}}\n\n{table}\n\nrule E-001 \"the table answers\"\n  cite \"edge.txt\"\n  require t({args}) != 0\n\ndecision edge.d \"d\"\n  input Input\n  rules E-001\n"
    )
}

#[test]
fn months_and_whole_numbers_have_nothing_between_neighbours() {
    let policy = with_table(
        "month: month, count: int",
        "input.month, input.count",
        "table t(month: month, count: int) -> int\n  hit unique\n  | <= 2026-01 | <= 4 | 1 |\n  | <= 2026-01 | >= 5 | 2 |\n  | >= 2026-02 | _    | 3 |",
    );
    assert_eq!(findings(&policy), Vec::<String>::new());
}

#[test]
fn decimals_leave_a_gap_between_neighbouring_bounds() {
    let policy = with_table(
        "rate: decimal",
        "input.rate",
        "table t(rate: decimal) -> int\n  hit unique\n  | < 5  | 1 |\n  | >= 6 | 2 |",
    );
    assert_eq!(
        findings(&policy),
        vec!["table-gap: table `t` has no row for `rate = 5`"]
    );
}

#[test]
fn a_column_of_two_currencies_is_not_analysed() {
    let policy = with_table(
        "price: money",
        "input.price",
        "table t(price: money) -> int\n  hit unique\n  | < 10.00 USD  | 1 |\n  | >= 10.00 EUR | 2 |",
    );
    assert_eq!(findings(&policy), Vec::<String>::new());
}

#[test]
fn overlap_is_reported_once_per_row_with_the_first_row_it_overlaps() {
    let policy = with_table(
        "n: int",
        "input.n",
        "table t(n: int) -> int\n  hit unique\n  | >= 0 | 1 |\n  | >= 5 | 2 |\n  | 7    | 3 |\n  | < 0  | 4 |",
    );
    assert_eq!(
        findings(&policy),
        vec![
            "table-overlap: rows 1 and 2 of table `t` both match `n = 5`",
            "table-overlap: rows 1 and 3 of table `t` both match `n = 7`",
        ]
    );
}

#[test]
fn a_row_covered_by_several_rows_together_is_shadowed() {
    let policy = with_table(
        "flag: bool, n: int",
        "input.flag, input.n",
        "table t(flag: bool, n: int) -> int\n  hit first\n  | true  | _    | 1 |\n  | false | < 3  | 2 |\n  | false | >= 3 | 3 |\n  | _     | 10   | 4 |",
    );
    assert_eq!(
        findings(&policy),
        vec!["table-shadowed-row: row 4 of table `t` can never match"]
    );
}

#[test]
fn a_module_s_own_declaration_hides_the_imported_one() {
    let vocab = "module vocab\n\nenum Colour { red, green }\n\ntype Paint = {colour: Colour}\n\nrule V-001 \"red\"\n  cite \"v.txt\"\n  require input.colour == red\n\ndecision vocab.d \"d\"\n  input Paint\n  rules V-001\n";
    let user = "module user\n\nimport vocab.{Colour}\n\nenum Colour { blue, yellow }\n\ntype Input = {colour: Colour}\n\nrule U-001 \"blue\"\n  cite \"u.txt\"\n  require input.colour == blue\n\ndecision user.d \"d\"\n  input Input\n  rules U-001\n";
    let set = eligo::load_policy_files(&[("vocab.policy", vocab), ("user.policy", user)])
        .expect("the policies check");
    let messages: Vec<String> = lint(
        &set,
        &LintOptions {
            deny_warnings: false,
        },
    )
    .iter()
    .map(|d| d.message())
    .collect();
    assert_eq!(
        messages,
        vec!["`Colour` imported from `vocab` is never used"]
    );
}

#[test]
fn a_message_may_show_what_a_value_the_rule_reads_looks_at() {
    let policy = "module edge\n\ntype Input = {order: {gross: money, discount: money}}\n\nrule E-001 \"the net total is positive\"\n  cite \"edge.txt\"\n  require net > 0.00 USD\n  else \"{input.order.gross} less {input.order.discount} is {net}\"\n\ndecision edge.d \"d\"\n  input Input\n  rules E-001\n  value net: money = input.order.gross - input.order.discount\n";
    assert_eq!(findings(policy), Vec::<String>::new());
}

#[test]
fn a_message_may_not_show_another_top_level_fact_of_the_input() {
    let policy = "module edge\n\ntype Input = {count: int, country: text}\n\nrule E-001 \"the count is positive\"\n  cite \"edge.txt\"\n  require input.count > 0\n  else \"{input.count} in {input.country}\"\n\ndecision edge.d \"d\"\n  input Input\n  rules E-001\n";
    assert_eq!(
        findings(policy),
        vec!["message-unread-field: the failure message shows `input.country`, which rule `E-001` does not look at"]
    );
}

#[test]
fn a_condition_made_constant_by_an_if_is_found() {
    let policy = "module edge\n\nconst STRICT: bool = false\n\ntype Input = {count: int}\n\nrule E-001 \"the count is positive\"\n  cite \"edge.txt\"\n  when if STRICT then input.count > 10 else false\n  require input.count > 0\n\ndecision edge.d \"d\"\n  input Input\n  rules E-001\n";
    assert_eq!(
        findings(policy),
        vec!["constant-condition: this `when` is always false"]
    );
}

#[test]
fn one_allow_may_name_several_lints() {
    let policy = "module edge\n\n@allow(missing-citation, message-unread-field, \"a draft rule\")\nrule E-001 \"the count is positive\"\n  require input.count > 0\n  else \"{input.count} of {input.other}\"\n\ndecision edge.d \"d\"\n  input {count: int, other: int}\n  rules E-001\n";
    assert_eq!(findings(policy), Vec::<String>::new());
}
