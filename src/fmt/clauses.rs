//! Rules and decisions: a header line, then one clause per line, indented
//! by two. Rule clauses come in the order the grammar fixes; decision
//! clauses keep the order they were written in.

use super::builder::{after_keyword, Builder};
use super::doc::Doc;
use super::expr::{level, plain};
use crate::syntax::ast::{DecisionDecl, Ident, RuleDecl, ValueDecl};

/// A clause, built once the comments before its keyword are placed.
enum DecisionClause<'a> {
    Input,
    Outcomes,
    Rules(&'a [Ident]),
    Value(&'a ValueDecl),
    Outcome,
}

impl Builder<'_> {
    pub fn rule(&mut self, rule: &RuleDecl) -> Doc {
        let title_end = self.trivia.string_end(rule.id.span.end);
        let header = Doc::text(format!("rule {} {}", rule.id.name, plain(&rule.title)));
        let mut clauses = Vec::new();
        let mut previous_end = title_end;
        for cite in &rule.cites {
            clauses.push(self.flush(cite.span.start));
            clauses.push(Doc::HardLine);
            let section = cite
                .section
                .as_ref()
                .map(|section| format!(", {}", plain(section)))
                .unwrap_or_default();
            clauses.push(Doc::text(format!("cite {}{section}", plain(&cite.source))));
            previous_end = cite.span.end;
        }
        if let Some((var, list)) = &rule.for_each {
            self.clause_start(previous_end, &mut clauses);
            let list_doc = self.expr(list, level::ANY);
            clauses.push(Doc::concat(vec![
                Doc::text(format!("for {} in ", var.name)),
                list_doc,
            ]));
            previous_end = list.span.end;
        }
        for (index, (name, value)) in rule.lets.iter().enumerate() {
            if index == rule.lets_before_when {
                previous_end = self.when_clause(rule, previous_end, &mut clauses);
            }
            self.clause_start(previous_end, &mut clauses);
            let head = Doc::text(format!("let {}", name.name));
            clauses.push(self.assignment(head, value));
            previous_end = value.span.end;
        }
        if rule.lets_before_when >= rule.lets.len() {
            previous_end = self.when_clause(rule, previous_end, &mut clauses);
        }
        self.clause_start(previous_end, &mut clauses);
        let require = self.expr(&rule.require, level::ANY);
        clauses.push(Doc::concat(vec![Doc::text("require "), require]));
        if let Some(message) = &rule.message {
            self.clause_start(rule.require.span.end, &mut clauses);
            let text = self.template(message);
            clauses.push(Doc::text(format!("else {text}")));
        }
        Doc::concat(vec![header, Doc::nest(2, Doc::concat(clauses))])
    }

    /// The `when` clause, if the rule has one; returns where it ends.
    fn when_clause(
        &mut self,
        rule: &RuleDecl,
        previous_end: usize,
        clauses: &mut Vec<Doc>,
    ) -> usize {
        let Some(when) = &rule.when else {
            return previous_end;
        };
        self.clause_start(previous_end, clauses);
        let condition = self.expr(when, level::ANY);
        clauses.push(Doc::concat(vec![Doc::text("when "), condition]));
        when.span.end
    }

    /// The comments before the keyword that follows `previous_end`, and the
    /// line break that starts the clause.
    fn clause_start(&mut self, previous_end: usize, clauses: &mut Vec<Doc>) {
        let keyword = self.trivia.skip_trivia(previous_end);
        clauses.push(self.flush(keyword));
        clauses.push(Doc::HardLine);
    }

    pub fn decision(&mut self, decision: &DecisionDecl) -> Doc {
        let title_end = self.trivia.string_end(decision.name.span.end);
        let header = Doc::text(format!(
            "decision {} {}",
            decision.name.name,
            plain(&decision.title)
        ));
        let mut clauses: Vec<(usize, usize, DecisionClause<'_>)> = Vec::new();
        if let Some(input) = &decision.input {
            clauses.push((input.span.start, input.span.end, DecisionClause::Input));
        }
        if let Some(outcomes) = &decision.outcomes {
            if let (Some(first), Some(last)) = (outcomes.first(), outcomes.last()) {
                clauses.push((first.span.start, last.span.end, DecisionClause::Outcomes));
            }
        }
        for group in self.rules_clauses(&decision.rules) {
            if let (Some(first), Some(last)) = (group.first(), group.last()) {
                clauses.push((
                    first.span.start,
                    last.span.end,
                    DecisionClause::Rules(group),
                ));
            }
        }
        for value in &decision.values {
            clauses.push((
                value.name.span.start,
                value.expr.span.end,
                DecisionClause::Value(value),
            ));
        }
        if let Some(outcome) = &decision.outcome {
            clauses.push((
                outcome.span.start,
                outcome.span.end,
                DecisionClause::Outcome,
            ));
        }
        clauses.sort_by_key(|(start, _, _)| *start);

        let mut parts = Vec::new();
        let mut previous_end = title_end;
        for (_, end, clause) in clauses {
            self.clause_start(previous_end, &mut parts);
            let doc = match clause {
                DecisionClause::Input => match &decision.input {
                    Some(input) => {
                        let ty = self.type_expr(input);
                        Doc::concat(vec![Doc::text("input "), ty])
                    }
                    None => Doc::Nil,
                },
                DecisionClause::Outcomes => {
                    let names = decision.outcomes.as_deref().unwrap_or_default();
                    let sequence = self.sequence(
                        names,
                        |n| n.span.start,
                        end,
                        |_, name| Doc::text(&name.name),
                    );
                    after_keyword("outcomes", sequence)
                }
                DecisionClause::Rules(group) => {
                    let sequence =
                        self.sequence(group, |id| id.span.start, end, |_, id| Doc::text(&id.name));
                    after_keyword("rules", sequence)
                }
                DecisionClause::Value(value) => self.value_clause(value),
                DecisionClause::Outcome => match &decision.outcome {
                    Some(outcome) => {
                        let expr = self.expr(outcome, level::ANY);
                        Doc::concat(vec![Doc::text("outcome "), expr])
                    }
                    None => Doc::Nil,
                },
            };
            parts.push(doc);
            previous_end = end;
        }
        Doc::concat(vec![header, Doc::nest(2, Doc::concat(parts))])
    }

    /// The rule IDs of a decision cut back into the `rules` clauses they
    /// were written in: IDs of one clause are separated by commas.
    fn rules_clauses<'a>(&self, ids: &'a [Ident]) -> Vec<&'a [Ident]> {
        let mut groups = Vec::new();
        let mut start = 0;
        for index in 1..=ids.len() {
            let continues = index < ids.len() && {
                let after = self.trivia.skip_trivia(ids[index - 1].span.end);
                self.trivia.source.as_bytes().get(after) == Some(&b',')
            };
            if !continues {
                groups.push(&ids[start..index]);
                start = index;
            }
        }
        groups
    }

    fn value_clause(&mut self, value: &ValueDecl) -> Doc {
        let mark = if value.optional { "?" } else { "" };
        let ty = self.type_expr(&value.ty);
        let gate = if value.on.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = value.on.iter().map(|n| n.name.as_str()).collect();
            format!(" on {}", names.join(", "))
        };
        let head = Doc::concat(vec![
            Doc::text(format!("value {}{mark}: ", value.name.name)),
            ty,
            Doc::text(gate),
        ]);
        self.assignment(head, &value.expr)
    }
}
