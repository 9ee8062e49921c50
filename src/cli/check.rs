//! `eligo check`: parse and check every policy, then lint it; report every
//! problem.

use std::path::Path;

use super::Output;
use crate::lint::{lint, LintOptions};

/// Exit codes: 0 when the policies check (lint warnings allowed), 2 when
/// they do not, or when a lint error (or, with `--deny-warnings`, a
/// warning) is found.
pub fn run(policies: &Path, deny_warnings: bool, output: &Output) -> i32 {
    match crate::load_policies_within(policies, &output.limits) {
        Ok(set) => {
            let findings = lint(&set, &LintOptions { deny_warnings });
            let summary = format!(
                "{}: {} files, {} decisions, {} rules",
                policies.display(),
                set.files().len(),
                set.decision_names().count(),
                set.rules().len()
            );
            if findings.is_empty() {
                println!("{summary}: no problems");
                return 0;
            }
            output.diagnostics(&findings);
            let errors = findings.iter().filter(|d| d.is_error()).count();
            let warnings = findings.len() - errors;
            let counted = [(errors, "error"), (warnings, "warning")]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
                .collect::<Vec<_>>()
                .join(", ");
            println!("{summary}: {counted}");
            if errors > 0 {
                2
            } else {
                0
            }
        }
        Err(diagnostics) => {
            output.diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{}: {errors} error{}",
                policies.display(),
                if errors == 1 { "" } else { "s" }
            );
            2
        }
    }
}
