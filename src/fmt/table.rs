//! Decision tables: the header (parameters broken one per line when too
//! long), the hit policy, and the rows with their columns aligned.

use super::builder::{bracketed, Builder};
use super::doc::Doc;
use super::expr::level;
use crate::syntax::ast::{Cell, CellKind, TableDecl};

impl Builder<'_> {
    pub fn table(&mut self, table: &TableDecl) -> Doc {
        let params_end = table.output.span.start;
        let sequence = self.sequence(
            &table.params,
            |(name, _)| name.span.start,
            params_end,
            |this, (name, ty)| {
                let ty = this.type_expr(ty);
                Doc::concat(vec![Doc::text(format!("{}: ", name.name)), ty])
            },
        );
        let open = format!("table {}(", table.name.name);
        let params = bracketed(sequence, &open, ")", || Doc::text(","), false);
        let output = self.type_one_line(&table.output);
        let header = Doc::concat(vec![params, Doc::text(format!(" -> {output}"))]);

        let mut body = Vec::new();
        let hit = self.trivia.skip_trivia(table.output.span.end);
        body.push(self.flush(hit));
        body.push(Doc::HardLine);
        let hit = match table.aggregator {
            Some(aggregator) => format!("hit {} {}", table.hit.name(), aggregator.name()),
            None => format!("hit {}", table.hit.name()),
        };
        body.push(Doc::text(hit));
        let cells: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| row.cells.iter().map(|cell| self.cell(cell)).collect())
            .collect();
        let widths = column_widths(&cells);
        for (row, cells) in table.rows.iter().zip(&cells) {
            body.push(self.flush(row.span.start));
            body.push(Doc::HardLine);
            body.push(Doc::text(aligned_row(cells, &widths)));
        }
        if let Some(default) = &table.default {
            // The default's cells line up with the output columns above.
            let cells: Vec<String> = default.cells.iter().map(|cell| self.cell(cell)).collect();
            let inputs = widths.len().saturating_sub(cells.len());
            let before_outputs: usize = widths[..inputs].iter().map(|w| w + 3).sum();
            let label = format!("{:<width$}", "default", width = before_outputs.max(8));
            body.push(self.flush(default.span.start));
            body.push(Doc::HardLine);
            body.push(Doc::text(format!(
                "{label}{}",
                aligned_row(&cells, &widths[inputs..])
            )));
        }
        Doc::concat(vec![header, Doc::nest(2, Doc::concat(body))])
    }

    fn cell(&mut self, cell: &Cell) -> String {
        match &cell.kind {
            CellKind::Any => "_".into(),
            CellKind::Compare(op, value) => {
                format!("{} {}", op.symbol(), self.expr_one_line(value, level::ADD))
            }
            CellKind::OneOf(values) => self.cell_values(values),
            CellKind::Not(values) => format!("not({})", self.cell_values(values)),
            CellKind::Range {
                low,
                low_closed,
                high,
                high_closed,
            } => format!(
                "{}{}..{}{}",
                if *low_closed { "[" } else { "(" },
                self.expr_one_line(low, level::ADD),
                self.expr_one_line(high, level::ADD),
                if *high_closed { "]" } else { ")" }
            ),
        }
    }
}

impl Builder<'_> {
    fn cell_values(&mut self, values: &[crate::syntax::ast::Expr]) -> String {
        values
            .iter()
            .map(|value| self.expr_one_line(value, level::ADD))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The widest cell of each column, in characters.
fn column_widths(rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            let width = cell.chars().count();
            match widths.get_mut(column) {
                Some(widest) => *widest = (*widest).max(width),
                None => widths.push(width),
            }
        }
    }
    widths
}

/// `| a   | b |`: every cell padded to its column's width.
fn aligned_row(cells: &[String], widths: &[usize]) -> String {
    let mut row = String::from("|");
    for (cell, width) in cells.iter().zip(widths) {
        let padding = width.saturating_sub(cell.chars().count());
        row.push(' ');
        row.push_str(cell);
        row.extend(std::iter::repeat_n(' ', padding));
        row.push_str(" |");
    }
    row
}
