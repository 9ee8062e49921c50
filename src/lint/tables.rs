//! `table-overlap`, `table-shadowed-row` and `table-gap`: decision tables
//! whose rows do not say what their hit policy promises.
//!
//! - `unique`: two rows that match one input make evaluation fail.
//! - `first`: a row that every earlier row together already covers never
//!   matches.
//! - `unique` and `first`: an input no row matches makes evaluation fail.
//!
//! Findings are certain: where the table's cells cannot be analysed (a
//! column of a type that is not cut into pieces, or too many combinations),
//! nothing is reported.

use std::collections::BTreeSet;

use super::finding::LintFinding;
use super::table_space::{Cover, Space};
use super::{Context, Found};
use crate::plan::Table;
use crate::syntax::ast::{HitPolicy, ItemKind, Span};

/// The most input combinations looked at per question, and the most
/// combination-and-row pairs compared per table: beyond them the table is
/// not analysed rather than slowing `check` down.
const COMBINATIONS: usize = 20_000;
const COMPARISONS: usize = 4_000_000;

pub fn check(cx: &Context, out: &mut Vec<Found>) {
    for table in &cx.set.tables {
        let file = table.location.file;
        let name_span = cx.files.get(file as usize).and_then(|ast| {
            ast.items.iter().find_map(|item| match &item.kind {
                ItemKind::Table(decl) if item.span == table.location.span => Some(decl.name.span),
                _ => None,
            })
        });
        let Some(name_span) = name_span else {
            continue;
        };
        let space = Space::new(table);
        // What each policy promises: `unique` rows never overlap, `any`
        // rows that overlap agree, a `first` row can be reached; a table
        // that gives one row covers every input unless it has a default.
        // Collecting tables may match no row at all.
        match table.hit {
            HitPolicy::Unique | HitPolicy::Any => overlaps(cx, table, &space, out),
            HitPolicy::First => shadowed_rows(table, &space, out),
            HitPolicy::Priority => {}
            HitPolicy::Collect | HitPolicy::RuleOrder | HitPolicy::OutputOrder => continue,
        }
        if table.default.is_none() {
            gaps(cx, table, &space, name_span, out);
        }
    }
}

fn overlaps(cx: &Context, table: &Table, space: &Space, out: &mut Vec<Found>) {
    for later in 1..space.rows.len() {
        // Under `any`, overlapping rows are fine when they give the same
        // output; only outputs known at check time can be compared.
        let disagree = |earlier: usize| {
            table.hit != HitPolicy::Any
                || match (&table.rows[earlier].constant, &table.rows[later].constant) {
                    (Some(a), Some(b)) => a != b,
                    _ => true,
                }
        };
        let overlapping = (0..later)
            .filter(|&e| disagree(e))
            .find_map(|earlier| common_input(space, earlier, later).map(|p| (earlier, p)));
        let Some((earlier, pieces)) = overlapping else {
            continue;
        };
        let (Some(row), Some(first_row)) = (table.rows.get(later), table.rows.get(earlier)) else {
            continue;
        };
        let span = row.location.span;
        out.push(Found::new(
            table.location.file,
            span,
            LintFinding::TableOverlap {
                table: table.name.clone(),
                first: earlier + 1,
                second: later + 1,
                example: space.describe(&pieces, cx.set.symbols()),
                span: span.into(),
                first_span: first_row.location.span.into(),
                help: if table.hit == HitPolicy::Any {
                    "an `any` table lets rows overlap only where they give the same output; make them agree, or narrow one of the rows".into()
                } else {
                    "a `unique` table lets one row match; narrow one of the rows, or use `hit first` if the earlier row should win".into()
                },
            },
        ));
    }
}

/// An input both rows certainly match, as one piece per column.
fn common_input(space: &Space, a: usize, b: usize) -> Option<Vec<usize>> {
    let (row_a, row_b) = (space.rows.get(a)?, space.rows.get(b)?);
    let mut pieces = Vec::with_capacity(row_a.len());
    for (cover_a, cover_b) in row_a.iter().zip(row_b) {
        let piece = match (cover_a, cover_b) {
            (Cover::Atoms(x), Cover::Atoms(y)) => x.iter().zip(y).position(|(p, q)| *p && *q)?,
            // `_` against a cell that cannot be analysed: that cell's
            // inputs are common to both.
            (Cover::Atoms(all), Cover::Unknown) | (Cover::Unknown, Cover::Atoms(all))
                if all.iter().all(|p| *p) =>
            {
                0
            }
            _ => return None,
        };
        pieces.push(piece);
    }
    Some(pieces)
}

fn shadowed_rows(table: &Table, space: &Space, out: &mut Vec<Found>) {
    for (index, row) in space.rows.iter().enumerate().skip(1) {
        let Some(combinations) = combinations(row) else {
            continue;
        };
        if combinations.len().saturating_mul(index) > COMPARISONS {
            continue;
        }
        let mut covering = BTreeSet::new();
        let all_covered = combinations.iter().all(|pieces| {
            let earlier = (0..index).find(|&earlier| contains(&space.rows[earlier], row, pieces));
            earlier
                .map(|earlier| covering.insert(earlier + 1))
                .is_some()
        });
        if !all_covered || combinations.is_empty() {
            continue;
        }
        let Some(compiled) = table.rows.get(index) else {
            continue;
        };
        let rows: Vec<String> = covering.iter().map(ToString::to_string).collect();
        let covering = match rows.as_slice() {
            [one] => format!("row {one}"),
            [init @ .., last] => format!("rows {} and {last}", init.join(", ")),
            [] => continue,
        };
        let span = compiled.location.span;
        out.push(Found::new(
            table.location.file,
            span,
            LintFinding::TableShadowedRow {
                table: table.name.clone(),
                row: index + 1,
                span: span.into(),
                help: format!("remove the row, or move it above {covering} if it should win"),
                covering,
            },
        ));
    }
}

/// The inputs of a row, as one piece per column; `None` when there are
/// too many to look at.
fn combinations(row: &[Cover]) -> Option<Vec<Vec<usize>>> {
    let choices: Vec<Vec<usize>> = row
        .iter()
        .map(|cover| match cover {
            Cover::Atoms(atoms) => atoms
                .iter()
                .enumerate()
                .filter(|(_, matched)| **matched)
                .map(|(index, _)| index)
                .collect(),
            Cover::Unknown => vec![0],
        })
        .collect();
    product(&choices)
}

/// Whether `row` matches every input of `pieces`, which come from `of`.
/// A cell that cannot be analysed is known to contain another only when it
/// is the same cell written again, or when the containing cell is `_`.
fn contains(row: &[Cover], of: &[Cover], pieces: &[usize]) -> bool {
    row.iter()
        .zip(of)
        .zip(pieces)
        .all(|((cover, other), &piece)| match (cover, other) {
            (Cover::Atoms(atoms), Cover::Atoms(_)) => atoms.get(piece).copied().unwrap_or(false),
            (Cover::Atoms(atoms), Cover::Unknown) => atoms.iter().all(|p| *p),
            (Cover::Unknown, _) => false,
        })
}

fn gaps(cx: &Context, table: &Table, space: &Space, name_span: Span, out: &mut Vec<Found>) {
    // Only cut columns can show a gap; the others may match anything.
    let choices: Vec<Vec<usize>> = space
        .columns
        .iter()
        .map(|column| {
            if column.opaque {
                vec![0]
            } else {
                (0..column.atoms.len()).collect()
            }
        })
        .collect();
    let Some(inputs) = product(&choices) else {
        return;
    };
    if inputs.len().saturating_mul(space.rows.len()) > COMPARISONS {
        return;
    }
    let missing: Vec<&Vec<usize>> = inputs
        .iter()
        .filter(|pieces| {
            !space.rows.iter().any(|row| {
                row.iter()
                    .zip(pieces.iter())
                    .all(|(cover, &piece)| match cover {
                        Cover::Atoms(atoms) => atoms.get(piece).copied().unwrap_or(false),
                        Cover::Unknown => true,
                    })
            })
        })
        .collect();
    let Some(first) = missing.first() else {
        return;
    };
    let example = space.describe(first, cx.set.symbols());
    let more = match missing.len() - 1 {
        0 => String::new(),
        1 => " and 1 more input".into(),
        n => format!(" and {n} more inputs"),
    };
    let help = match table.hit {
        HitPolicy::First => "add a row for these inputs, or end the table with a row of `_` cells",
        _ => "add a row for these inputs",
    };
    out.push(Found::new(
        table.location.file,
        name_span,
        LintFinding::TableGap {
            table: table.name.clone(),
            example,
            span: name_span.into(),
            more,
            help: help.into(),
        },
    ));
}

/// Every choice of one element per list, in order; `None` past the limit.
fn product(choices: &[Vec<usize>]) -> Option<Vec<Vec<usize>>> {
    let mut total: usize = 1;
    for choice in choices {
        total = total.checked_mul(choice.len())?;
        if total > COMBINATIONS {
            return None;
        }
    }
    let mut out = Vec::with_capacity(total);
    let mut current = vec![0; choices.len()];
    if total == 0 {
        return Some(out);
    }
    loop {
        out.push(
            current
                .iter()
                .zip(choices)
                .map(|(&i, choice)| choice[i])
                .collect(),
        );
        let mut column = choices.len();
        loop {
            if column == 0 {
                return Some(out);
            }
            column -= 1;
            current[column] += 1;
            if current[column] < choices[column].len() {
                break;
            }
            current[column] = 0;
        }
    }
}
