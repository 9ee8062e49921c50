//! The types of the policy language, as the checker resolves them and as the
//! scenario loader reads input against them.
//!
//! Enumerations and records are structural: two enumerations with the same
//! members are the same type, whatever they are called, so an inline
//! `active | cancelled` in a schema fits a table parameter of a named enum
//! with those members.

use std::fmt;
use std::sync::Arc;

use crate::value::money::Currency;
use crate::value::{Sym, Symbols};

#[derive(Clone, Debug)]
pub enum Type {
    /// The type of an expression that already has an error; fits anywhere so
    /// one mistake is reported once.
    Unknown,
    Bool,
    Int,
    Decimal,
    Money(Option<Currency>),
    Text,
    Date,
    Instant,
    Month,
    Duration,
    Enum(Arc<EnumType>),
    List(Arc<Type>),
    Set(Arc<Type>),
    Record(Arc<RecordType>),
    /// What reading an optional field gives: the value or `Absent`.
    Optional(Arc<Type>),
}

#[derive(Debug)]
pub struct EnumType {
    pub name: Option<String>,
    /// Members in declared order.
    pub members: Vec<(Sym, String)>,
    /// Other names for members (alias, member), suggested but not accepted.
    pub aliases: Vec<(String, String)>,
}

impl EnumType {
    pub fn contains(&self, sym: Sym) -> bool {
        self.members.iter().any(|(member, _)| *member == sym)
    }

    pub fn member_named(&self, name: &str) -> Option<Sym> {
        self.members
            .iter()
            .find(|(_, member)| member == name)
            .map(|(sym, _)| *sym)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(_, name)| name.as_str())
    }

    /// The member `name` is another name for, if any (`UK` for `GB`).
    pub fn alias_of(&self, name: &str) -> Option<&str> {
        self.aliases
            .iter()
            .find(|(alias, _)| alias == name)
            .map(|(_, member)| member.as_str())
    }

    /// "did you mean `x`?" for a name that is not a member: an alias first,
    /// then the nearest spelling.
    pub fn suggestion(&self, name: &str) -> Option<String> {
        match self.alias_of(name) {
            Some(member) => Some(format!(
                "did you mean `{member}`? (`{name}` is written `{member}` here)"
            )),
            None => crate::diagnostic::did_you_mean(name, self.names()),
        }
    }

    /// `a, b, c` for messages.
    pub fn listing(&self) -> String {
        self.names().collect::<Vec<_>>().join(", ")
    }

    fn same_members(&self, other: &EnumType) -> bool {
        self.members.len() == other.members.len()
            && self.members.iter().all(|(sym, _)| other.contains(*sym))
    }

    fn subset_of(&self, other: &EnumType) -> bool {
        self.members.iter().all(|(sym, _)| other.contains(*sym))
    }
}

#[derive(Debug)]
pub struct RecordType {
    pub name: Option<String>,
    pub fields: Vec<FieldType>,
}

#[derive(Debug)]
pub struct FieldType {
    pub name: String,
    pub ty: Type,
    pub optional: bool,
    /// Where the field is declared, for editors; not part of the type.
    pub declared: Option<crate::plan::Location>,
}

impl RecordType {
    pub fn field(&self, name: &str) -> Option<(usize, &FieldType)> {
        self.fields.iter().enumerate().find(|(_, f)| f.name == name)
    }
}

impl Type {
    pub fn is_unknown(&self) -> bool {
        matches!(self, Type::Unknown)
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Int | Type::Decimal | Type::Unknown)
    }

    /// The element type of a list or set.
    pub fn element(&self) -> Option<&Type> {
        match self {
            Type::List(element) | Type::Set(element) => Some(element),
            _ => None,
        }
    }

    /// Whether a value of `self` may stand where `expected` is wanted.
    pub fn fits(&self, expected: &Type) -> bool {
        use Type::*;
        match (self, expected) {
            (Unknown, _) | (_, Unknown) => true,
            (Bool, Bool) | (Int, Int) | (Text, Text) | (Date, Date) | (Instant, Instant) => true,
            (Month, Month) | (Duration, Duration) | (Decimal, Decimal) | (Int, Decimal) => true,
            (Money(a), Money(b)) => a.is_none() || b.is_none() || a == b,
            (Enum(a), Enum(b)) => a.subset_of(b),
            (List(a), List(b)) | (Set(a), Set(b)) | (List(a), Set(b)) => a.fits(b),
            (Record(a), Record(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.fields.len() == b.fields.len()
                        && a.fields.iter().zip(&b.fields).all(|(x, y)| {
                            x.name == y.name && x.optional == y.optional && x.ty.fits(&y.ty)
                        }))
            }
            (Optional(a), Optional(b)) => a.fits(b),
            (a, Optional(b)) => a.fits(b),
            _ => false,
        }
    }

    /// Whether two values of these types may be compared with `==`.
    pub fn comparable_with(&self, other: &Type) -> bool {
        use Type::*;
        match (self, other) {
            (Enum(a), Enum(b)) => a.members.iter().any(|(sym, _)| b.contains(*sym)),
            (Int | Decimal, Int | Decimal) => true,
            (Optional(a), b) | (b, Optional(a)) => a.comparable_with(b),
            _ => self.fits(other) || other.fits(self),
        }
    }

    /// Whether `<`, `>` and friends are defined on the type.
    pub fn is_ordered(&self) -> bool {
        use Type::*;
        matches!(
            self,
            Unknown | Int | Decimal | Money(_) | Text | Date | Instant | Month | Duration
        )
    }

    pub fn same_enum(&self, other: &Type) -> bool {
        match (self, other) {
            (Type::Enum(a), Type::Enum(b)) => a.same_members(b),
            _ => false,
        }
    }

    /// How the type is written in messages.
    pub fn display(&self) -> TypeDisplay<'_> {
        TypeDisplay(self)
    }

    /// The optional wrapper removed.
    pub fn required(&self) -> &Type {
        match self {
            Type::Optional(inner) => inner,
            other => other,
        }
    }
}

pub struct TypeDisplay<'a>(&'a Type);

impl fmt::Display for TypeDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Type::Unknown => f.write_str("unknown"),
            Type::Bool => f.write_str("bool"),
            Type::Int => f.write_str("int"),
            Type::Decimal => f.write_str("decimal"),
            Type::Money(None) => f.write_str("money"),
            Type::Money(Some(currency)) => write!(f, "money<{currency}>"),
            Type::Text => f.write_str("text"),
            Type::Date => f.write_str("date"),
            Type::Instant => f.write_str("instant"),
            Type::Month => f.write_str("month"),
            Type::Duration => f.write_str("duration"),
            Type::Enum(e) => match &e.name {
                Some(name) => f.write_str(name),
                None => f.write_str(&e.names().collect::<Vec<_>>().join(" | ")),
            },
            Type::List(element) => write!(f, "list<{}>", element.display()),
            Type::Set(element) => write!(f, "set<{}>", element.display()),
            Type::Record(record) => match &record.name {
                Some(name) => f.write_str(name),
                None => {
                    let names: Vec<&str> = record.fields.iter().map(|x| x.name.as_str()).collect();
                    write!(f, "{{{}}}", names.join(", "))
                }
            },
            Type::Optional(inner) => write!(f, "optional {}", inner.display()),
        }
    }
}

/// Builds an enumeration type from member names.
pub fn enum_type(name: Option<String>, members: &[&str], symbols: &mut Symbols) -> Type {
    Type::Enum(Arc::new(EnumType {
        aliases: Vec::new(),
        name,
        members: members
            .iter()
            .map(|member| (symbols.intern(member), member.to_string()))
            .collect(),
    }))
}
