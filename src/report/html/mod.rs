//! HTML reports: one self-contained file each, with its style and its
//! small script inline and nothing fetched from anywhere. `page` is the
//! shell every report shares, `test` is `eligo test --format html`, `diff`
//! is `eligo diff --format html`. Explanation trees fold with `<details>`;
//! the script only opens or closes all of them at once.

mod diff;
mod test;

pub use diff::diff_html;
pub use test::HtmlTestReport;

use std::fmt::Write;

use super::tree::Node;

/// Text as HTML, safe in element content and in quoted attributes: the
/// same escaping as XML attributes (markup, quotes, line breaks as `&#10;`,
/// control characters, which HTML forbids too, as U+FFFD).
pub fn escape(text: &str) -> String {
    super::xml_escape(text, true)
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
header h1{font-size:20px;margin:0 0 8px}
main{padding:8px 24px 32px}
h2{font-size:17px;margin:24px 0 8px}
.counts{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0}
.count{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:90px}
.count b{display:block;font-size:22px}
.passed,.ok{color:#1a7f37}.failed,.error,.broken{color:#cf222e}.unchecked,.values{color:#9a6700}
table{border-collapse:collapse;margin:8px 0;font-size:14px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.differs td{background:#fff8c5}
tr.decision td{background:#f6f8fa;font-weight:600}
.bar{display:flex;width:240px;height:12px;border:1px solid #d0d7de;border-radius:3px;overflow:hidden;background:#fff}
.bar span{display:block;height:100%}
.bar .p{background:#2da44e}.bar .f{background:#cf222e}.bar .n{background:#afb8c1}.bar .x{background:#0969da}
details{margin:4px 0}
details>summary{cursor:pointer}
details.document{border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;margin:8px 0}
ul.tree{list-style:none;margin:2px 0 2px 18px;padding:0;font-family:ui-monospace,monospace;font-size:13px}
ul.tree li{margin:1px 0}
pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:13px}
code{font-family:ui-monospace,monospace}
button{margin-right:8px}
";

const SCRIPT: &str = "
document.documentElement.setAttribute('data-script','ran');
document.querySelectorAll('button[data-open]').forEach(function(button){
  button.addEventListener('click',function(){
    var open=button.getAttribute('data-open')==='true';
    document.querySelectorAll('details').forEach(function(d){d.open=open;});
  });
});
";

/// The whole file: `title` in the header with `subtitle` under it, then `body`.
pub fn page(title: &str, subtitle: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>{title}</h1><p>{subtitle}</p>\
         <button type=\"button\" data-open=\"true\">Expand all</button>\
         <button type=\"button\" data-open=\"false\">Collapse all</button></header>\n\
         <main>\n{body}</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        title = escape(title),
        subtitle = escape(subtitle),
    )
}

/// A row of labelled counts, each coloured by its class.
pub fn counts(out: &mut String, items: &[(&str, usize, &str)]) {
    out.push_str("<div class=\"counts\">");
    for (label, count, class) in items {
        let _ = write!(
            out,
            "<div class=\"count {class}\"><b>{count}</b>{}</div>",
            escape(label)
        );
    }
    out.push_str("</div>\n");
}

/// A stacked bar of `(class, count)` parts, widths in whole per mille so
/// the file is the same bytes on every machine.
pub fn bar(parts: &[(&str, usize)], title: &str) -> String {
    let total: usize = parts.iter().map(|(_, n)| n).sum();
    let mut out = format!("<div class=\"bar\" title=\"{}\">", escape(title));
    for (class, count) in parts.iter().filter(|(_, n)| *n > 0) {
        let Some(per_mille) = (count * 1000).checked_div(total) else {
            break;
        };
        let _ = write!(
            out,
            "<span class=\"{class}\" style=\"width:{}.{}%\"></span>",
            per_mille / 10,
            per_mille % 10
        );
    }
    out.push_str("</div>");
    out
}

/// An explanation tree as nested folding lists: a node with children is a
/// `<details>`, closed, except failed rules, which open.
pub fn tree(out: &mut String, nodes: &[Node]) {
    out.push_str("<ul class=\"tree\">");
    for node in nodes {
        let class = node.kind.unwrap_or("");
        if node.children.is_empty() {
            let _ = write!(out, "<li class=\"{class}\">{}</li>", escape(&node.text));
        } else {
            let open = if node.kind == Some("failed") {
                " open"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<li class=\"{class}\"><details{open}><summary>{}</summary>",
                escape(&node.text)
            );
            tree(out, &node.children);
            out.push_str("</details></li>");
        }
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }

    #[test]
    fn bar_widths_are_shares_in_tenths_of_a_percent() {
        let bar = bar(&[("p", 1), ("f", 2), ("n", 0)], "t");
        assert!(bar.contains("class=\"p\" style=\"width:33.3%\""), "{bar}");
        assert!(bar.contains("class=\"f\" style=\"width:66.6%\""), "{bar}");
        assert!(!bar.contains("class=\"n\""), "{bar}");
    }
}
