//! A validator for the part of XML Schema that JUnit schemas use, driven by
//! the schema file itself: global elements, named and anonymous complex
//! types (mixed or not), `sequence` and `choice` with `minOccurs` /
//! `maxOccurs`, element references, attributes with `use="required"`, and
//! `xs:string` content. An attribute of any other type is reported as
//! something this validator cannot check, never silently accepted.

use std::collections::{BTreeSet, HashMap};

use super::xml::{self, Element};

#[derive(Clone, Debug)]
struct Attribute {
    name: String,
    required: bool,
    ty: String,
}

#[derive(Clone, Debug)]
enum Particle {
    Element {
        name: String,
        min: usize,
        max: Option<usize>,
    },
    Group {
        choice: bool,
        items: Vec<Particle>,
        min: usize,
        max: Option<usize>,
    },
}

#[derive(Clone, Debug)]
enum Content {
    /// `type="xs:string"`: text only.
    Text,
    Complex {
        mixed: bool,
        particle: Option<Particle>,
    },
}

#[derive(Clone, Debug)]
struct Declaration {
    attributes: Vec<Attribute>,
    content: Content,
}

pub struct Schema {
    elements: HashMap<String, Declaration>,
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn occurs(element: &Element) -> Result<(usize, Option<usize>), String> {
    let min = match element.attribute("minOccurs") {
        Some(text) => text
            .parse()
            .map_err(|_| format!("bad minOccurs `{text}`"))?,
        None => 1,
    };
    let max = match element.attribute("maxOccurs") {
        Some("unbounded") => None,
        Some(text) => Some(
            text.parse()
                .map_err(|_| format!("bad maxOccurs `{text}`"))?,
        ),
        None => Some(1),
    };
    Ok((min, max))
}

fn particle(element: &Element) -> Result<Particle, String> {
    let (min, max) = occurs(element)?;
    match local(&element.name) {
        "element" => {
            let name = element
                .attribute("ref")
                .or_else(|| element.attribute("name"))
                .ok_or("a particle element without `ref` or `name`")?;
            Ok(Particle::Element {
                name: name.to_string(),
                min,
                max,
            })
        }
        kind @ ("sequence" | "choice") => Ok(Particle::Group {
            choice: kind == "choice",
            items: element
                .children
                .iter()
                .filter(|c| local(&c.name) != "annotation")
                .map(particle)
                .collect::<Result<_, _>>()?,
            min,
            max,
        }),
        other => Err(format!("unsupported particle `{other}`")),
    }
}

fn complex_type(element: &Element) -> Result<Declaration, String> {
    let mut attributes = Vec::new();
    let mut model = None;
    for child in &element.children {
        match local(&child.name) {
            "attribute" => attributes.push(Attribute {
                name: child
                    .attribute("name")
                    .ok_or("an attribute without a name")?
                    .into(),
                required: child.attribute("use") == Some("required"),
                ty: child.attribute("type").unwrap_or("xs:string").into(),
            }),
            "sequence" | "choice" => model = Some(particle(child)?),
            "annotation" => {}
            other => return Err(format!("unsupported complexType part `{other}`")),
        }
    }
    Ok(Declaration {
        attributes,
        content: Content::Complex {
            mixed: element.attribute("mixed") == Some("true"),
            particle: model,
        },
    })
}

impl Schema {
    pub fn parse(text: &str) -> Result<Schema, String> {
        let root = xml::parse(text)?;
        if local(&root.name) != "schema" {
            return Err("not an XML Schema".into());
        }
        let mut named_types = HashMap::new();
        for child in root
            .children
            .iter()
            .filter(|c| local(&c.name) == "complexType")
        {
            let name = child
                .attribute("name")
                .ok_or("an unnamed global complexType")?;
            named_types.insert(name.to_string(), complex_type(child)?);
        }
        let mut elements = HashMap::new();
        for child in root.children.iter().filter(|c| local(&c.name) == "element") {
            let name = child.attribute("name").ok_or("an unnamed global element")?;
            let declaration = match (child.attribute("type"), child.children.first()) {
                (Some("xs:string"), _) => Declaration {
                    attributes: Vec::new(),
                    content: Content::Text,
                },
                (Some(ty), _) => named_types
                    .get(ty)
                    .cloned()
                    .ok_or_else(|| format!("unknown type `{ty}`"))?,
                (None, Some(inner)) if local(&inner.name) == "complexType" => complex_type(inner)?,
                _ => {
                    return Err(format!(
                        "element `{name}` has a form this validator does not read"
                    ))
                }
            };
            elements.insert(name.to_string(), declaration);
        }
        Ok(Schema { elements })
    }

    /// Every way `document` breaks the schema; empty when it is valid.
    pub fn validate(&self, document: &Element) -> Vec<String> {
        let mut problems = Vec::new();
        self.element(document, &document.name, &mut problems);
        problems
    }

    fn element(&self, element: &Element, path: &str, problems: &mut Vec<String>) {
        let Some(declaration) = self.elements.get(&element.name) else {
            problems.push(format!(
                "{path}: no element `{}` in the schema",
                element.name
            ));
            return;
        };
        for (name, _) in &element.attributes {
            match declaration.attributes.iter().find(|a| a.name == *name) {
                None => problems.push(format!("{path}: attribute `{name}` is not allowed")),
                Some(a) if a.ty != "xs:string" => problems.push(format!(
                    "{path}: attribute `{name}` has type `{}`, which this validator cannot check",
                    a.ty
                )),
                Some(_) => {}
            }
        }
        for required in declaration.attributes.iter().filter(|a| a.required) {
            if element.attribute(&required.name).is_none() {
                problems.push(format!(
                    "{path}: required attribute `{}` is missing",
                    required.name
                ));
            }
        }
        match &declaration.content {
            Content::Text => {
                if !element.children.is_empty() {
                    problems.push(format!("{path}: text only, but has child elements"));
                }
            }
            Content::Complex { mixed, particle } => {
                if !mixed && !element.text.trim().is_empty() {
                    problems.push(format!("{path}: text is not allowed here"));
                }
                let names: Vec<&str> = element.children.iter().map(|c| c.name.as_str()).collect();
                let fits = match particle {
                    None => names.is_empty(),
                    Some(p) => ends(p, &names, &BTreeSet::from([0])).contains(&names.len()),
                };
                if !fits {
                    problems.push(format!(
                        "{path}: children [{}] do not fit the content model",
                        names.join(", ")
                    ));
                }
                for (index, child) in element.children.iter().enumerate() {
                    let child_path = format!("{path}/{}[{index}]", child.name);
                    self.element(child, &child_path, problems);
                }
            }
        }
    }
}

/// The positions in `names` where matching `particle` can end, starting
/// from any of `starts`.
fn ends(particle: &Particle, names: &[&str], starts: &BTreeSet<usize>) -> BTreeSet<usize> {
    let (min, max) = match particle {
        Particle::Element { min, max, .. } | Particle::Group { min, max, .. } => (*min, *max),
    };
    // Each repetition that matches must consume something to matter, so
    // more than `names.len()` repetitions past the minimum add nothing.
    let limit = max.unwrap_or(min + names.len() + 1);
    let mut result = if min == 0 {
        starts.clone()
    } else {
        BTreeSet::new()
    };
    let mut current = starts.clone();
    for repetition in 1..=limit {
        current = once(particle, names, &current);
        if current.is_empty() {
            break;
        }
        if repetition >= min {
            result.extend(current.iter().copied());
        }
    }
    result
}

fn once(particle: &Particle, names: &[&str], starts: &BTreeSet<usize>) -> BTreeSet<usize> {
    match particle {
        Particle::Element { name, .. } => starts
            .iter()
            .filter(|&&s| names.get(s) == Some(&name.as_str()))
            .map(|s| s + 1)
            .collect(),
        Particle::Group {
            choice: false,
            items,
            ..
        } => items
            .iter()
            .fold(starts.clone(), |current, item| ends(item, names, &current)),
        Particle::Group {
            choice: true,
            items,
            ..
        } => items
            .iter()
            .flat_map(|item| ends(item, names, starts))
            .collect(),
    }
}
