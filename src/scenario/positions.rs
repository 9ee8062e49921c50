//! Where each input value was written in its scenario file, kept beside the
//! value tree (not inside it) so evaluation pays nothing for it unless an
//! explanation asks.

/// The position of one value and of its parts: record fields by declared
/// field index, list items by item index. An absent optional field takes
/// the position of its record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PosTree {
    pub line: u32,
    pub column: u32,
    pub children: Vec<PosTree>,
}

impl PosTree {
    pub fn leaf(line: u32, column: u32) -> PosTree {
        PosTree {
            line,
            column,
            children: Vec::new(),
        }
    }

    pub fn child(&self, index: usize) -> Option<&PosTree> {
        self.children.get(index)
    }

    /// The position at the end of a path of indices, as deep as it is known.
    pub fn walk(&self, indices: &[u16]) -> &PosTree {
        let mut here = self;
        for &index in indices {
            match here.child(index as usize) {
                Some(next) => here = next,
                None => break,
            }
        }
        here
    }
}
