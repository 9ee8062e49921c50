//! Evaluating one rule: applicability, requirement, failure message, once or
//! once per list item, and its explanation when asked.

use super::counterfactual::would_pass;
use super::machine::{Eval, Frame, Machine};
use crate::explain::{Citation, ItemExplanation, RuleExplanation, RuleStatus, Sink};
use crate::plan::{CompiledRule, PolicySet, RuleBody};
use crate::value::Value;

pub struct RuleResult {
    pub status: RuleStatus,
    pub explanation: Option<RuleExplanation>,
}

impl RuleResult {
    pub fn failed(&self) -> bool {
        self.status == RuleStatus::Failed
    }
}

/// One application of a rule's body (the whole rule, or one list item).
struct Application {
    status: RuleStatus,
    message: Option<String>,
    sink: Sink,
    would_pass_if: Vec<String>,
}

impl<'p> Machine<'p> {
    /// A rule's status alone, with nothing recorded: the path of decisions
    /// that are not explained. Every item is still applied, so a runtime
    /// error is reported whether or not the decision is explained.
    pub fn rule_status(
        &mut self,
        policies: &'p PolicySet,
        rule: &'p CompiledRule,
    ) -> Eval<RuleStatus> {
        let body = &rule.frame.body;
        let saved_file = self.file;
        self.file = policies.rules[rule.info].location.file;
        let mut frame = self.frame(&rule.frame.locals);
        let status = match &body.for_each {
            Some((slot, list)) => {
                let (mut any_failed, mut any_passed) = (false, false);
                self.each_item(*slot, list, &mut frame, |machine, frame| {
                    let (status, _) = machine.apply_inner(body, frame)?;
                    any_failed |= status == RuleStatus::Failed;
                    any_passed |= status == RuleStatus::Passed;
                    Ok(None::<()>)
                })
                .map(|_| match (any_failed, any_passed) {
                    (true, _) => RuleStatus::Failed,
                    (false, true) => RuleStatus::Passed,
                    (false, false) => RuleStatus::NotApplicable,
                })
            }
            None => self.apply_inner(body, &mut frame).map(|(status, _)| status),
        };
        self.recycle(frame);
        self.file = saved_file;
        status
    }

    pub fn rule(&mut self, policies: &'p PolicySet, rule: &'p CompiledRule) -> Eval<RuleResult> {
        let info = &policies.rules[rule.info];
        let body = &rule.frame.body;
        let saved_file = self.file;
        self.file = info.location.file;
        let mut frame = self.frame(&rule.frame.locals);
        let mut items = Vec::new();
        let status;
        let mut whole = None;
        match &body.for_each {
            Some((slot, list)) => {
                let list_value = self.eval(list, &mut frame)?;
                let elements = match list_value {
                    Value::List(items) => items,
                    _ => std::sync::Arc::from(Vec::new()),
                };
                let mut any_failed = false;
                let mut any_passed = false;
                for (index, element) in elements.iter().cloned().enumerate() {
                    self.bind_item(&mut frame, *slot, list, index, element);
                    let applied = self.apply(policies, body, &mut frame)?;
                    any_failed |= applied.status == RuleStatus::Failed;
                    any_passed |= applied.status == RuleStatus::Passed;
                    if self.tracing {
                        let label = frame
                            .origins
                            .get(*slot as usize)
                            .and_then(Option::as_ref)
                            .map(|o| o.path.clone())
                            .unwrap_or_else(|| format!("{}[{index}]", frame.names[*slot as usize]));
                        items.push((label, applied));
                    }
                }
                status = if any_failed {
                    RuleStatus::Failed
                } else if any_passed {
                    RuleStatus::Passed
                } else {
                    RuleStatus::NotApplicable
                };
            }
            None => {
                let applied = self.apply(policies, body, &mut frame)?;
                status = applied.status;
                whole = Some(applied);
            }
        }
        self.recycle(frame);
        self.file = saved_file;
        if !self.tracing {
            return Ok(RuleResult {
                status,
                explanation: None,
            });
        }
        let (message, looked_at, steps, would_pass_if) = match whole {
            Some(applied) => (
                applied.message,
                applied.sink.looked_at,
                applied.sink.steps,
                applied.would_pass_if,
            ),
            None => {
                let failures: Vec<&String> = items
                    .iter()
                    .filter_map(|(_, a)| a.message.as_ref())
                    .collect();
                let message = match failures.as_slice() {
                    [] => None,
                    [one] => Some((*one).clone()),
                    many => Some(format!(
                        "{} items fail: {}",
                        many.len(),
                        many.iter()
                            .map(|m| m.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    )),
                };
                (message, Vec::new(), Vec::new(), Vec::new())
            }
        };
        let explanation = RuleExplanation {
            rule: info.id.clone(),
            title: info.title.clone(),
            status,
            message,
            cite: info
                .cites
                .iter()
                .map(|(source, section)| Citation {
                    source: source.clone(),
                    section: section.clone(),
                })
                .collect(),
            doc: info.docs.clone(),
            at: super::place(policies, info.location),
            looked_at,
            steps,
            would_pass_if,
            items: items
                .into_iter()
                .map(|(item, a)| ItemExplanation {
                    item,
                    status: a.status,
                    message: a.message,
                    looked_at: a.sink.looked_at,
                    steps: a.sink.steps,
                    would_pass_if: a.would_pass_if,
                })
                .collect(),
        };
        Ok(RuleResult {
            status,
            explanation: Some(explanation),
        })
    }

    fn apply(
        &mut self,
        policies: &'p PolicySet,
        body: &'p RuleBody,
        frame: &mut Frame<'p>,
    ) -> Eval<Application> {
        if self.tracing {
            self.sinks.push(Sink::default());
        }
        let result = self.apply_inner(body, frame);
        let sink = if self.tracing {
            self.sinks.pop().unwrap_or_default()
        } else {
            Sink::default()
        };
        let (status, message) = result?;
        let would_pass_if = if self.tracing && status == RuleStatus::Failed {
            would_pass(self, policies, &body.require, frame, &body.require_text)
        } else {
            Vec::new()
        };
        Ok(Application {
            status,
            message,
            sink,
            would_pass_if,
        })
    }

    fn apply_inner(
        &mut self,
        body: &RuleBody,
        frame: &mut Frame<'p>,
    ) -> Eval<(RuleStatus, Option<String>)> {
        for (slot, expr) in &body.lets_before_when {
            let value = self.eval(expr, frame)?;
            frame.slots[*slot as usize] = value;
        }
        if let Some(when) = &body.when {
            if !self.condition(when, frame)? {
                return Ok((RuleStatus::NotApplicable, None));
            }
        }
        for (slot, expr) in &body.lets_after_when {
            let value = self.eval(expr, frame)?;
            frame.slots[*slot as usize] = value;
        }
        if self.condition(&body.require, frame)? {
            return Ok((RuleStatus::Passed, None));
        }
        if !self.tracing {
            return Ok((RuleStatus::Failed, None));
        }
        let message = match &body.message {
            Some(template) => match self.eval(template, frame)? {
                Value::Text(text) => text.to_string(),
                _ => String::new(),
            },
            None => format!("requirement `{}` does not hold", body.require_text),
        };
        Ok((RuleStatus::Failed, Some(message)))
    }
}
