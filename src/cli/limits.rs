//! The `--max-…` flags: one per limit of [`crate::limits::Limits`], with the
//! same defaults, accepted by every command.

use clap::Args;

use crate::limits::Limits;

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Limits")]
pub struct LimitArgs {
    /// Most bytes in one policy file.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = Limits::default().policy_file_bytes)]
    max_policy_bytes: u64,
    /// Most bytes in one scenario file.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = Limits::default().scenario_file_bytes)]
    max_scenario_bytes: u64,
    /// Most `---` documents in one scenario file.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().documents)]
    max_documents: usize,
    /// Most levels of YAML nesting (lists and mappings, aliases expanded).
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().yaml_depth as u16,
          value_parser = clap::value_parser!(u16).range(1..=MAX_YAML_DEPTH))]
    max_yaml_depth: u16,
    /// Most YAML nodes in one scenario file, counting alias expansions.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().yaml_nodes)]
    max_yaml_nodes: usize,
    /// Most items in one YAML list.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().list_items)]
    max_list_items: usize,
    /// Most characters in one YAML value.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().text_chars)]
    max_text_chars: usize,
    /// Most digits in one YAML number.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().number_digits)]
    max_digits: usize,
    /// Most levels of brackets nested in one policy item.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().policy_nesting as u16,
          value_parser = clap::value_parser!(u16).range(1..=MAX_POLICY_NESTING))]
    max_policy_nesting: u16,
    /// Most items (rules, constants, types, tables, decisions) in one policy file.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().policy_items)]
    max_policy_items: usize,
}

/// How far `--max-yaml-depth` may go: nested values are dropped and
/// decoded recursively, and past this the program's stack would not hold
/// them.
const MAX_YAML_DEPTH: i64 = 10_000;

/// How far `--max-policy-nesting` may go: the parser recurses once per
/// level, and past this the program's stack would not hold it.
const MAX_POLICY_NESTING: i64 = 1_000;

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            policy_file_bytes: self.max_policy_bytes,
            scenario_file_bytes: self.max_scenario_bytes,
            documents: self.max_documents,
            yaml_depth: usize::from(self.max_yaml_depth),
            yaml_nodes: self.max_yaml_nodes,
            list_items: self.max_list_items,
            text_chars: self.max_text_chars,
            number_digits: self.max_digits,
            policy_nesting: usize::from(self.max_policy_nesting),
            policy_items: self.max_policy_items,
        }
    }
}
