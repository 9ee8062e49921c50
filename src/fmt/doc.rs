//! The layout document the formatter builds from a parsed file: text and
//! the places where a line may break, grouped so that a group is printed on
//! one line when it fits and broken at every one of its lines when it does
//! not (Wadler's "prettier printer", with prettier's `fill`, `ifBreak` and
//! line suffixes for end-of-line comments).

#[derive(Clone, Debug)]
pub enum Doc {
    Nil,
    /// Text without line breaks.
    Text(String),
    /// A space on one line, a line break when its group breaks.
    Line,
    /// Nothing on one line, a line break when its group breaks.
    SoftLine,
    /// Always a line break; the groups around it cannot be flat.
    HardLine,
    Concat(Vec<Doc>),
    /// Lines inside break to `indent` more columns.
    Nest(usize, Box<Doc>),
    /// `broken` is known when the group is built: it holds a hard line or an
    /// end-of-line comment.
    Group {
        broken: bool,
        doc: Box<Doc>,
    },
    /// Contents and separators in turn; a separator breaks only when the
    /// content after it does not fit on the line.
    Fill(Vec<Doc>),
    /// The first when the enclosing group breaks, the second when it is flat.
    IfBreak(Box<Doc>, Box<Doc>),
    /// Text printed at the end of the current line (an end-of-line comment).
    LineSuffix(String),
    /// Forces the enclosing groups to break.
    BreakParent,
}

impl Doc {
    pub fn text(text: impl Into<String>) -> Doc {
        Doc::Text(text.into())
    }

    pub fn concat(parts: Vec<Doc>) -> Doc {
        Doc::Concat(parts)
    }

    pub fn nest(indent: usize, doc: Doc) -> Doc {
        Doc::Nest(indent, Box::new(doc))
    }

    pub fn group(doc: Doc) -> Doc {
        Doc::Group {
            broken: doc.forces_break(),
            doc: Box::new(doc),
        }
    }

    pub fn fill(parts: Vec<Doc>) -> Doc {
        Doc::Fill(parts)
    }

    pub fn if_break(broken: Doc, flat: Doc) -> Doc {
        Doc::IfBreak(Box::new(broken), Box::new(flat))
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Doc::Nil)
    }

    /// Whether printing this can never fit on one line. Groups answer from
    /// what they computed when built, so building stays linear.
    pub fn forces_break(&self) -> bool {
        match self {
            Doc::HardLine | Doc::BreakParent => true,
            Doc::Group { broken, .. } => *broken,
            Doc::Concat(parts) | Doc::Fill(parts) => parts.iter().any(Doc::forces_break),
            Doc::Nest(_, doc) => doc.forces_break(),
            Doc::IfBreak(broken, flat) => broken.forces_break() && flat.forces_break(),
            Doc::Nil | Doc::Text(_) | Doc::Line | Doc::SoftLine | Doc::LineSuffix(_) => false,
        }
    }
}
