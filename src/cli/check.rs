//! `eligo check`: parse and check every policy, report every problem.

use std::path::Path;

use super::Output;

pub fn run(policies: &Path, output: &Output) -> i32 {
    match crate::load_policies(policies) {
        Ok(set) => {
            println!(
                "{}: {} files, {} decisions, {} rules: no problems",
                policies.display(),
                set.files().len(),
                set.decision_names().count(),
                set.rules().len()
            );
            0
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
