//! The lints: each one's stable name (what `@allow` names and what the
//! diagnostic code ends with) and default severity. `docs/lints.md`
//! describes every one.

use miette::Severity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lint {
    UnusedConst,
    UnusedType,
    UnusedTable,
    UnusedImport,
    UnusedRule,
    OutcomeIgnoresRules,
    DuplicateRuleId,
    MissingCitation,
    ConstantCondition,
    TableOverlap,
    TableShadowedRow,
    TableGap,
    ImpossibleComparison,
    RedundantComparison,
    MessageUnreadField,
    UnknownLint,
    AllowWithoutReason,
    UnusedAllow,
    UnknownAnnotation,
}

impl Lint {
    pub const ALL: [Lint; 19] = [
        Lint::UnusedConst,
        Lint::UnusedType,
        Lint::UnusedTable,
        Lint::UnusedImport,
        Lint::UnusedRule,
        Lint::OutcomeIgnoresRules,
        Lint::DuplicateRuleId,
        Lint::MissingCitation,
        Lint::ConstantCondition,
        Lint::TableOverlap,
        Lint::TableShadowedRow,
        Lint::TableGap,
        Lint::ImpossibleComparison,
        Lint::RedundantComparison,
        Lint::MessageUnreadField,
        Lint::UnknownLint,
        Lint::AllowWithoutReason,
        Lint::UnusedAllow,
        Lint::UnknownAnnotation,
    ];

    /// The kebab-case name, stable across versions.
    pub fn name(self) -> &'static str {
        match self {
            Lint::UnusedConst => "unused-const",
            Lint::UnusedType => "unused-type",
            Lint::UnusedTable => "unused-table",
            Lint::UnusedImport => "unused-import",
            Lint::UnusedRule => "unused-rule",
            Lint::OutcomeIgnoresRules => "outcome-ignores-rules",
            Lint::DuplicateRuleId => "duplicate-rule-id",
            Lint::MissingCitation => "missing-citation",
            Lint::ConstantCondition => "constant-condition",
            Lint::TableOverlap => "table-overlap",
            Lint::TableShadowedRow => "table-shadowed-row",
            Lint::TableGap => "table-gap",
            Lint::ImpossibleComparison => "impossible-comparison",
            Lint::RedundantComparison => "redundant-comparison",
            Lint::MessageUnreadField => "message-unread-field",
            Lint::UnknownLint => "unknown-lint",
            Lint::AllowWithoutReason => "allow-without-reason",
            Lint::UnusedAllow => "unused-allow",
            Lint::UnknownAnnotation => "unknown-annotation",
        }
    }

    pub fn from_name(name: &str) -> Option<Lint> {
        Lint::ALL.into_iter().find(|lint| lint.name() == name)
    }

    /// Errors are findings that make evaluation fail or that cannot be
    /// intended; everything else is a warning.
    pub fn severity(self) -> Severity {
        match self {
            Lint::DuplicateRuleId | Lint::TableOverlap => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// Whether `@allow` can silence it. The checker's own errors stop the
    /// lints from running at all, and findings about annotations are about
    /// the very thing that would silence them.
    pub fn can_be_allowed(self) -> bool {
        !matches!(
            self,
            Lint::DuplicateRuleId
                | Lint::UnknownLint
                | Lint::AllowWithoutReason
                | Lint::UnusedAllow
                | Lint::UnknownAnnotation
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_and_unique() {
        let mut names: Vec<&str> = Lint::ALL.iter().map(|lint| lint.name()).collect();
        for name in &names {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
            assert_eq!(Lint::from_name(name).map(Lint::name), Some(*name));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Lint::ALL.len());
    }
}
