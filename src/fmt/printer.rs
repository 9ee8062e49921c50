//! Printing a layout document at a line width: each group is printed flat
//! when the rest of its line fits, and broken otherwise.

use super::doc::Doc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

#[derive(Clone, Copy)]
enum Cmd<'d> {
    Doc(usize, Mode, &'d Doc),
    /// The parts of a fill from an index on.
    Fill(usize, Mode, &'d [Doc]),
}

/// Prints `doc` so that lines stay within `width` columns where they can.
/// Lines carry no trailing spaces.
pub fn print(doc: &Doc, width: usize) -> String {
    let mut printer = Printer {
        out: String::new(),
        column: 0,
        suffixes: Vec::new(),
        width,
    };
    printer.run(doc);
    printer.flush_suffixes();
    printer.trim_line_end();
    printer.out
}

struct Printer {
    out: String,
    column: usize,
    suffixes: Vec<String>,
    width: usize,
}

impl Printer {
    fn run(&mut self, doc: &Doc) {
        let mut stack = vec![Cmd::Doc(0, Mode::Break, doc)];
        while let Some(cmd) = stack.pop() {
            match cmd {
                Cmd::Doc(indent, mode, doc) => self.doc(indent, mode, doc, &mut stack),
                Cmd::Fill(indent, mode, parts) => self.fill(indent, mode, parts, &mut stack),
            }
        }
    }

    fn doc<'d>(&mut self, indent: usize, mode: Mode, doc: &'d Doc, stack: &mut Vec<Cmd<'d>>) {
        match doc {
            Doc::Nil | Doc::BreakParent => {}
            Doc::Text(text) => {
                self.out.push_str(text);
                self.column += text.chars().count();
            }
            Doc::Line => match mode {
                Mode::Flat => {
                    self.out.push(' ');
                    self.column += 1;
                }
                Mode::Break => self.newline(indent),
            },
            Doc::SoftLine => {
                if mode == Mode::Break {
                    self.newline(indent);
                }
            }
            Doc::HardLine => self.newline(indent),
            Doc::Concat(parts) => {
                for part in parts.iter().rev() {
                    stack.push(Cmd::Doc(indent, mode, part));
                }
            }
            Doc::Nest(more, inner) => stack.push(Cmd::Doc(indent + more, mode, inner)),
            Doc::Group { broken, doc: inner } => {
                let flat = !broken
                    && (mode == Mode::Flat
                        || fits(
                            vec![Cmd::Doc(indent, Mode::Flat, inner)],
                            stack,
                            self.remaining(),
                            false,
                        ));
                let chosen = if flat { Mode::Flat } else { Mode::Break };
                stack.push(Cmd::Doc(indent, chosen, inner));
            }
            Doc::Fill(parts) => stack.push(Cmd::Fill(indent, mode, parts)),
            Doc::IfBreak(broken, flat) => {
                let chosen = if mode == Mode::Break { broken } else { flat };
                stack.push(Cmd::Doc(indent, mode, chosen));
            }
            Doc::LineSuffix(text) => self.suffixes.push(text.clone()),
        }
    }

    /// Prettier's fill: each content flat if it fits, each separator broken
    /// only when the content after it would not fit on the line.
    fn fill<'d>(&mut self, indent: usize, mode: Mode, parts: &'d [Doc], stack: &mut Vec<Cmd<'d>>) {
        let Some(content) = parts.first() else {
            return;
        };
        let remaining = self.remaining();
        let content_fits = fits(
            vec![Cmd::Doc(indent, Mode::Flat, content)],
            &[],
            remaining,
            true,
        );
        let content_mode = if content_fits {
            Mode::Flat
        } else {
            Mode::Break
        };
        let Some(separator) = parts.get(1) else {
            stack.push(Cmd::Doc(indent, content_mode, content));
            return;
        };
        let Some(next) = parts.get(2) else {
            stack.push(Cmd::Doc(indent, content_mode, separator));
            stack.push(Cmd::Doc(indent, content_mode, content));
            return;
        };
        let both_fit = fits(
            vec![
                Cmd::Doc(indent, Mode::Flat, next),
                Cmd::Doc(indent, Mode::Flat, separator),
                Cmd::Doc(indent, Mode::Flat, content),
            ],
            &[],
            remaining,
            true,
        );
        stack.push(Cmd::Fill(indent, mode, &parts[2..]));
        let separator_mode = if both_fit { Mode::Flat } else { Mode::Break };
        stack.push(Cmd::Doc(indent, separator_mode, separator));
        stack.push(Cmd::Doc(indent, content_mode, content));
    }

    fn remaining(&self) -> isize {
        self.width as isize - self.column as isize
    }

    fn newline(&mut self, indent: usize) {
        self.flush_suffixes();
        self.trim_line_end();
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.column = indent;
    }

    fn flush_suffixes(&mut self) {
        if self.suffixes.is_empty() {
            return;
        }
        self.trim_line_end();
        for suffix in std::mem::take(&mut self.suffixes) {
            self.out.push_str(&suffix);
        }
    }

    fn trim_line_end(&mut self) {
        let kept = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(kept);
    }
}

/// Whether the commands in `next` (taken from the end), followed by those in
/// `rest`, print up to the next line break within `width` columns.
/// `must_be_flat` refuses groups that must break (fill contents are measured
/// on their own).
fn fits<'d>(
    mut next: Vec<Cmd<'d>>,
    rest: &[Cmd<'d>],
    mut width: isize,
    must_be_flat: bool,
) -> bool {
    let mut rest_index = rest.len();
    loop {
        if width < 0 {
            return false;
        }
        let cmd = match next.pop() {
            Some(cmd) => cmd,
            None => {
                if rest_index == 0 {
                    return true;
                }
                rest_index -= 1;
                rest[rest_index]
            }
        };
        let (indent, mode, doc) = match cmd {
            Cmd::Doc(indent, mode, doc) => (indent, mode, doc),
            Cmd::Fill(indent, mode, parts) => {
                for part in parts.iter().rev() {
                    next.push(Cmd::Doc(indent, mode, part));
                }
                continue;
            }
        };
        match doc {
            Doc::Nil | Doc::BreakParent | Doc::LineSuffix(_) => {}
            Doc::Text(text) => width -= text.chars().count() as isize,
            Doc::Line => match mode {
                Mode::Flat => width -= 1,
                Mode::Break => return true,
            },
            Doc::SoftLine => {
                if mode == Mode::Break {
                    return true;
                }
            }
            Doc::HardLine => return true,
            Doc::Concat(parts) | Doc::Fill(parts) => {
                for part in parts.iter().rev() {
                    next.push(Cmd::Doc(indent, mode, part));
                }
            }
            Doc::Nest(more, inner) => next.push(Cmd::Doc(indent + more, mode, inner)),
            Doc::Group { broken, doc: inner } => {
                if must_be_flat && *broken {
                    return false;
                }
                let chosen = if *broken { Mode::Break } else { mode };
                next.push(Cmd::Doc(indent, chosen, inner));
            }
            Doc::IfBreak(broken, flat) => {
                let chosen = if mode == Mode::Break { broken } else { flat };
                next.push(Cmd::Doc(indent, mode, chosen));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(count: usize) -> Doc {
        let mut inner = vec![Doc::SoftLine];
        for index in 0..count {
            if index > 0 {
                inner.push(Doc::text(","));
                inner.push(Doc::Line);
            }
            inner.push(Doc::text(format!("word{index}")));
        }
        Doc::group(Doc::concat(vec![
            Doc::text("("),
            Doc::nest(2, Doc::concat(inner)),
            Doc::SoftLine,
            Doc::text(")"),
        ]))
    }

    #[test]
    fn a_group_that_fits_stays_on_one_line() {
        assert_eq!(print(&words(3), 100), "(word0, word1, word2)");
    }

    #[test]
    fn a_group_that_does_not_fit_breaks_at_every_line() {
        assert_eq!(print(&words(3), 10), "(\n  word0,\n  word1,\n  word2\n)");
    }

    #[test]
    fn a_fill_packs_as_many_items_per_line_as_fit() {
        let mut parts = Vec::new();
        for index in 0..5 {
            if index > 0 {
                parts.push(Doc::Line);
            }
            parts.push(Doc::text(format!("w{index},")));
        }
        let doc = Doc::fill(parts);
        assert_eq!(print(&doc, 8), "w0, w1,\nw2, w3,\nw4,");
    }

    #[test]
    fn a_line_suffix_goes_to_the_end_of_its_line_and_breaks_the_group() {
        let doc = Doc::group(Doc::concat(vec![
            Doc::text("a"),
            Doc::LineSuffix(" // note".into()),
            Doc::BreakParent,
            Doc::Line,
            Doc::text("b"),
        ]));
        assert_eq!(print(&doc, 100), "a // note\nb");
    }
}
