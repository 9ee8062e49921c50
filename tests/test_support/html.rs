//! Reading eligo's HTML reports back with an independent HTML5 parser
//! (html5ever, through `scraper`): the file must parse without a single
//! error and must not reach outside itself.

use scraper::{Html, Selector};

/// Parses `text` as a whole document, failing on any parse error and on
/// anything that would load from elsewhere (`<link>`, `src=`, a `href` or
/// `url(` off the page).
pub fn self_contained(text: &str) -> Html {
    let document = Html::parse_document(text);
    assert!(
        document.errors.is_empty(),
        "the HTML has parse errors: {:?}",
        document.errors
    );
    assert!(
        select(&document, "link").is_empty(),
        "the page links a resource"
    );
    assert!(
        select(&document, "[src]").is_empty(),
        "the page loads a resource"
    );
    for element in select(&document, "[href]") {
        assert!(element.starts_with('#'), "the page links away: {element}");
    }
    assert!(!text.contains("url("), "the style loads a resource");
    assert!(!text.contains("http://") && !text.contains("https://"));
    document
}

/// The `href` (or the text, for elements without one) of every element
/// `selector` matches.
fn select(document: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("a valid selector");
    document
        .select(&selector)
        .map(|e| {
            e.value()
                .attr("href")
                .map(str::to_string)
                .unwrap_or_else(|| e.html())
        })
        .collect()
}

/// The text of every element `selector` matches, its text pieces joined by
/// spaces (so table cells and labels stay apart), whitespace collapsed.
pub fn texts(document: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("a valid selector");
    document
        .select(&selector)
        .map(|e| {
            let joined = e.text().collect::<Vec<_>>().join(" ");
            joined.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}
