//! A strict checker of TAP version 14 as the specification
//! (testanything.org, "TAP 14") writes its grammar: the version line, one
//! plan (first or last) whose count is the number of test points, test
//! points numbered 1, 2, 3…, descriptions in which every `#` is escaped,
//! `# SKIP` / `# TODO` directives, YAML diagnostic blocks indented two
//! spaces between `---` and `...` directly under a test point (and parsed as
//! YAML), comments, and `Bail out!`. Lines the grammar calls "anything" are
//! rejected here: a producer has no reason to write them.

#[derive(Debug, PartialEq)]
pub struct TestPoint {
    pub ok: bool,
    pub number: usize,
    /// Unescaped.
    pub description: String,
    /// `SKIP reason` or `TODO reason`, as written after `# `.
    pub directive: Option<String>,
    pub yaml: Option<serde_yaml::Value>,
}

#[derive(Debug, Default, PartialEq)]
pub struct Document {
    pub plan: Option<usize>,
    pub points: Vec<TestPoint>,
    pub bail_out: Option<String>,
}

/// Splits `text` at its first `#` not escaped by `\`, unescaping the part
/// before it; an escape of anything but `\` or `#` is an error.
fn description(text: &str) -> Result<(String, Option<&str>), String> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, escaped @ ('\\' | '#'))) => out.push(escaped),
                other => {
                    return Err(format!(
                        "bad escape `\\{:?}` in `{text}`",
                        other.map(|o| o.1)
                    ))
                }
            },
            '#' => {
                return Ok((
                    out.trim_end().to_string(),
                    Some(text[index + 1..].trim_start()),
                ))
            }
            c => out.push(c),
        }
    }
    Ok((out, None))
}

fn test_point(line: &str) -> Result<Option<TestPoint>, String> {
    let (ok, rest) = if let Some(rest) = line.strip_prefix("not ok") {
        (false, rest)
    } else if let Some(rest) = line.strip_prefix("ok") {
        (true, rest)
    } else {
        return Ok(None);
    };
    let rest = rest
        .strip_prefix(' ')
        .ok_or_else(|| format!("no number in `{line}`"))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number: usize = digits
        .parse()
        .map_err(|_| format!("no number in `{line}`"))?;
    let rest = &rest[digits.len()..];
    let rest = rest.strip_prefix(" - ").unwrap_or(rest.trim_start());
    let (description, directive) = description(rest)?;
    let directive = match directive {
        None => None,
        Some(text) => {
            let word: String = text
                .chars()
                .take(4)
                .collect::<String>()
                .to_ascii_uppercase();
            if word != "SKIP" && word != "TODO" {
                return Err(format!("unknown directive `# {text}` (an unescaped `#`?)"));
            }
            Some(text.to_string())
        }
    };
    Ok(Some(TestPoint {
        ok,
        number,
        description,
        directive,
        yaml: None,
    }))
}

pub fn check(text: &str) -> Result<Document, String> {
    let mut lines = text.lines().peekable();
    if lines.next() != Some("TAP version 14") {
        return Err("the first line is not `TAP version 14`".into());
    }
    let mut document = Document::default();
    while let Some(line) = lines.next() {
        if let Some(count) = line.strip_prefix("1..") {
            if document.plan.is_some() {
                return Err("a second plan".into());
            }
            let count = count.split(" # ").next().unwrap_or(count);
            document.plan = Some(count.parse().map_err(|_| format!("bad plan `{line}`"))?);
            if !document.points.is_empty() && lines.peek().is_some_and(|l| !l.starts_with('#')) {
                return Err("a plan at the end must be the last line".into());
            }
        } else if let Some(reason) = line.strip_prefix("Bail out!") {
            document.bail_out = Some(reason.trim().to_string());
            return Ok(document);
        } else if let Some(mut point) = test_point(line)? {
            if point.number != document.points.len() + 1 {
                return Err(format!("test point {} out of order", point.number));
            }
            if lines.peek() == Some(&"  ---") {
                lines.next();
                let mut yaml = String::new();
                loop {
                    match lines.next() {
                        Some("  ...") => break,
                        Some(l) if l.starts_with("  ") || l.is_empty() => {
                            yaml.push_str(l.get(2..).unwrap_or(""));
                            yaml.push('\n');
                        }
                        Some(l) => {
                            return Err(format!("YAML line not indented by two spaces: `{l}`"))
                        }
                        None => return Err("a YAML block without its closing `...`".into()),
                    }
                }
                point.yaml = Some(
                    serde_yaml::from_str(&yaml)
                        .map_err(|e| format!("YAML block does not parse: {e}"))?,
                );
            }
            document.points.push(point);
        } else if line.trim_start().starts_with('#') || line.trim().is_empty() {
        } else {
            return Err(format!("a line TAP does not define: `{line}`"));
        }
    }
    match document.plan {
        None => Err("no plan".into()),
        Some(count) if count != document.points.len() => Err(format!(
            "the plan says {count} tests, the stream has {}",
            document.points.len()
        )),
        Some(_) => Ok(document),
    }
}
