//! Rule coverage: for every rule of every decision, how often the suite made
//! it pass, fail and not apply.
//!
//! A (decision, rule) pair is *exercised* when at least one evaluated
//! scenario of that decision made the rule pass and at least one made it
//! fail: only then has the suite shown both that the rule can stop the
//! decision and that it can let it through. Not applicable is counted but
//! not required, since a rule without `when` never is. Coverage is the share
//! of exercised pairs among all pairs of the decisions in the policy set
//! (only the `--decision` ones when that filter is given). Documents that
//! could not be evaluated count for nothing; documents whose expectations
//! fail still count, since their rules were evaluated.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::explain::{DecisionResult, Explanation, RuleStatus};
use crate::plan::PolicySet;

/// How often one rule came out each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub not_applicable: usize,
}

/// Rule statuses seen so far, by decision and rule ID. Tallies of separate
/// files add up with [`Tally::merge`], so files can be counted in parallel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    scenarios: BTreeMap<String, usize>,
    rules: BTreeMap<(String, String), Counts>,
}

impl Tally {
    /// Counts the rules of one decision; `result` must carry its explanation.
    pub fn record(&mut self, result: &DecisionResult) {
        *self.scenarios.entry(result.decision.clone()).or_default() += 1;
        for node in &result.explanation {
            if let Explanation::Rule(rule) = node {
                let counts = self
                    .rules
                    .entry((result.decision.clone(), rule.rule.clone()))
                    .or_default();
                match rule.status {
                    RuleStatus::Passed => counts.passed += 1,
                    RuleStatus::Failed => counts.failed += 1,
                    RuleStatus::NotApplicable => counts.not_applicable += 1,
                }
            }
        }
    }

    pub fn merge(&mut self, other: Tally) {
        for (decision, count) in other.scenarios {
            *self.scenarios.entry(decision).or_default() += count;
        }
        for (key, counts) in other.rules {
            let mine = self.rules.entry(key).or_default();
            mine.passed += counts.passed;
            mine.failed += counts.failed;
            mine.not_applicable += counts.not_applicable;
        }
    }

    /// Coverage of `policies`' decisions (those in `only`, when not empty),
    /// each with its rules in the order the decision lists them.
    pub fn coverage(&self, policies: &PolicySet, only: &[String]) -> Coverage {
        let mut decisions = Vec::new();
        for name in policies.decision_names() {
            if !only.is_empty() && !only.iter().any(|d| d == name) {
                continue;
            }
            let Some(decision) = policies.decision(name) else {
                continue;
            };
            let rules = decision
                .rules
                .iter()
                .map(|compiled| {
                    let id = policies.rules()[compiled.info].id.clone();
                    let counts = self
                        .rules
                        .get(&(name.to_string(), id.clone()))
                        .copied()
                        .unwrap_or_default();
                    RuleCoverage::new(id, counts)
                })
                .collect();
            decisions.push(DecisionCoverage {
                decision: name.to_string(),
                scenarios: self.scenarios.get(name).copied().unwrap_or(0),
                rules,
            });
        }
        let pairs = decisions.iter().map(|d| d.rules.len()).sum();
        let exercised = decisions
            .iter()
            .flat_map(|d| &d.rules)
            .filter(|r| r.exercised)
            .count();
        Coverage {
            exercised,
            pairs,
            percent: percent(exercised, pairs),
            decisions,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Exercised (decision, rule) pairs.
    pub exercised: usize,
    /// All (decision, rule) pairs.
    pub pairs: usize,
    /// `exercised / pairs` as a percentage, rounded down to one decimal
    /// place so a shown `80.0` never hides a shortfall; `100.0` when there
    /// are no pairs.
    pub percent: String,
    pub decisions: Vec<DecisionCoverage>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DecisionCoverage {
    pub decision: String,
    /// Evaluated scenario documents that asked this decision.
    pub scenarios: usize,
    pub rules: Vec<RuleCoverage>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCoverage {
    pub rule: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub exercised: bool,
    /// What the suite never made the rule do: `evaluated` (no scenario of
    /// the decision ran), or `passed` and/or `failed`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub never: Vec<&'static str>,
}

impl RuleCoverage {
    fn new(rule: String, counts: Counts) -> RuleCoverage {
        let evaluated = counts.passed + counts.failed + counts.not_applicable > 0;
        let never = if !evaluated {
            vec!["evaluated"]
        } else {
            [("passed", counts.passed), ("failed", counts.failed)]
                .into_iter()
                .filter(|(_, count)| *count == 0)
                .map(|(what, _)| what)
                .collect()
        };
        RuleCoverage {
            rule,
            counts,
            exercised: counts.passed > 0 && counts.failed > 0,
            never,
        }
    }
}

fn percent(exercised: usize, pairs: usize) -> String {
    if pairs == 0 {
        return "100.0".into();
    }
    let ratio = Decimal::from(exercised as u64) * Decimal::from(100) / Decimal::from(pairs as u64);
    format!(
        "{:.1}",
        ratio.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::ToZero)
    )
}

/// Coverage with the minimum a run asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoverageReport {
    #[serde(flatten)]
    pub coverage: Coverage,
    /// `--coverage-min`, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Decimal>,
    pub met: bool,
}

impl CoverageReport {
    pub fn new(coverage: Coverage, minimum: Option<Decimal>) -> CoverageReport {
        // Compared exactly: exercised / pairs >= minimum / 100.
        let met = minimum.is_none_or(|min| {
            Decimal::from(coverage.exercised as u64) * Decimal::from(100)
                >= min * Decimal::from(coverage.pairs as u64)
        });
        CoverageReport {
            coverage,
            minimum,
            met,
        }
    }

    pub fn met(&self) -> bool {
        self.met
    }

    /// `5 of 7 rules exercised (71.4%)`, with the minimum when one was set.
    pub fn headline(&self) -> String {
        let c = &self.coverage;
        let mut line = format!(
            "rule coverage {}%: {} of {} (decision, rule) pairs passed and failed at least once",
            c.percent, c.exercised, c.pairs
        );
        if let Some(min) = self.minimum {
            if self.met {
                line.push_str(&format!("; minimum {min}% met"));
            } else {
                line.push_str(&format!("; below the minimum of {min}%"));
            }
        }
        line
    }

    /// Every pair that was not exercised, as `decision rule: never …`.
    pub fn unexercised(&self) -> Vec<String> {
        self.coverage
            .decisions
            .iter()
            .flat_map(|d| {
                d.rules.iter().filter(|r| !r.exercised).map(move |r| {
                    format!("{} {}: never {}", d.decision, r.rule, r.never.join(" or "))
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_down_and_an_empty_policy_set_is_fully_covered() {
        assert_eq!(percent(3, 7), "42.8");
        assert_eq!(percent(2, 3), "66.6");
        assert_eq!(percent(1, 1), "100.0");
        assert_eq!(percent(0, 5), "0.0");
        assert_eq!(percent(0, 0), "100.0");
    }
}
