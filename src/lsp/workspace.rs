//! The documents the server knows: every policy file below the policies
//! folder (read from disk, replaced by the editor's text while open) and
//! the open scenario files; and the analysis of the latest policy texts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::limits::Limit;
use std::sync::Arc;

use lsp_types::{Diagnostic, PublishDiagnosticsParams};

use crate::plan::SourceFile;

use super::analysis::Analysis;
use super::diagnostics::to_protocol;
use super::scenario;
use super::text::{path_to_uri, Lines};

pub struct Workspace {
    policy_root: Option<PathBuf>,
    /// Path to text of every policy file.
    pub policies: BTreeMap<String, String>,
    /// Open scenario files, path to text.
    pub scenarios: BTreeMap<String, String>,
    pub analysis: Arc<Analysis>,
    /// The latest analysis whose policies checked, for reading scenarios
    /// while a policy is half-typed.
    pub last_checked: Option<Arc<Analysis>>,
    published: BTreeMap<String, Vec<Diagnostic>>,
    /// Texts changed since the last analysis.
    pub stale: bool,
}

pub fn is_scenario(path: &str) -> bool {
    path.ends_with(".yaml") || path.ends_with(".yml")
}

impl Workspace {
    pub fn new(policy_root: Option<PathBuf>) -> Workspace {
        let mut policies = BTreeMap::new();
        if let Some(root) = &policy_root {
            // The walk and the read `eligo check` uses: loop-safe, bounded.
            let found = crate::files::walk(root, false, crate::is_policy_file)
                .map(|walk| walk.files)
                .unwrap_or_default();
            let max = crate::Limits::default().policy_file_bytes;
            for path in found {
                if let Ok(text) = crate::files::read_text(&path, Limit::PolicyFileBytes, max) {
                    policies.insert(path.display().to_string(), text);
                }
            }
        }
        let mut workspace = Workspace {
            policy_root,
            policies,
            scenarios: BTreeMap::new(),
            analysis: Arc::new(Analysis::new(Vec::new())),
            last_checked: None,
            published: BTreeMap::new(),
            stale: true,
        };
        workspace.refresh();
        workspace
    }

    pub fn open(&mut self, path: String, text: String) {
        if is_scenario(&path) {
            self.scenarios.insert(path, text);
        } else {
            self.policies.insert(path, text);
        }
        self.stale = true;
    }

    pub fn text_mut(&mut self, path: &str) -> Option<&mut String> {
        self.stale = true;
        match self.scenarios.get_mut(path) {
            Some(text) => Some(text),
            None => self.policies.get_mut(path),
        }
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.scenarios
            .get(path)
            .or_else(|| self.policies.get(path))
            .map(String::as_str)
    }

    /// A closed policy file goes back to what the disk holds; a closed file
    /// outside the policies folder is forgotten.
    pub fn close(&mut self, path: &str) {
        self.stale = true;
        if self.scenarios.remove(path).is_some() {
            return;
        }
        let inside = self
            .policy_root
            .as_ref()
            .is_some_and(|root| Path::new(path).starts_with(root));
        match std::fs::read_to_string(path) {
            Ok(text) if inside => {
                self.policies.insert(path.to_string(), text);
            }
            _ => {
                self.policies.remove(path);
            }
        }
    }

    /// Re-checks the policy texts.
    pub fn refresh(&mut self) {
        let files = self
            .policies
            .iter()
            .map(|(path, text)| SourceFile {
                path: Arc::from(path.as_str()),
                text: Arc::from(text.as_str()),
            })
            .collect();
        let analysis = Arc::new(Analysis::new(files));
        if analysis.set().is_some() {
            self.last_checked = Some(analysis.clone());
        }
        self.analysis = analysis;
        self.stale = false;
    }

    /// Diagnostics for every file whose diagnostics changed since they were
    /// last published, including files that no longer have any.
    pub fn publish(&mut self) -> Vec<PublishDiagnosticsParams> {
        let mut now: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        let analysis = &self.analysis;
        for (file, source) in analysis.files().iter().enumerate() {
            let Some(uri) = path_to_uri(&source.path) else {
                continue;
            };
            let found: Vec<Diagnostic> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.file == source.path)
                .map(|d| to_protocol(d, &source.text, &analysis.lines[file], &uri))
                .collect();
            now.insert(source.path.to_string(), found);
        }
        for (path, text) in &self.scenarios {
            if let Some(uri) = path_to_uri(path) {
                let lines = Lines::new(text);
                let found = scenario::diagnostics(self, path, text)
                    .iter()
                    .map(|d| to_protocol(d, text, &lines, &uri))
                    .collect();
                now.insert(path.clone(), found);
            }
        }
        let mut out = Vec::new();
        for (path, diagnostics) in &now {
            if self.published.get(path) != Some(diagnostics) {
                if let Some(uri) = path_to_uri(path) {
                    out.push(PublishDiagnosticsParams::new(
                        uri,
                        diagnostics.clone(),
                        None,
                    ));
                }
            }
        }
        for path in self.published.keys() {
            if !now.contains_key(path) {
                if let Some(uri) = path_to_uri(path) {
                    out.push(PublishDiagnosticsParams::new(uri, Vec::new(), None));
                }
            }
        }
        self.published = now;
        out
    }
}
