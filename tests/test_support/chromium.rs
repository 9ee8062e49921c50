//! Looking at a page in a real headless Chromium: a screenshot, and the DOM
//! as the browser built it after running the page's script. Chromium runs
//! with a fresh profile and every background network feature off; the page
//! is a local file, so nothing leaves the machine.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where Debian's `chromium` package puts the browser (`.ci/run` installs it).
pub const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium(profile: &Path) -> Command {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: install Debian's `chromium` package (`.ci/run` does)"
    );
    let mut command = Command::new(CHROMIUM);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=1200,1600",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// What the browser made of a page.
pub struct Looked {
    pub screenshot: PathBuf,
    pub dom: String,
}

/// Opens `page` (an HTML file) twice: once for a PNG screenshot, once to
/// print the DOM after scripts ran. `scratch` receives the files.
pub fn look_at(page: &Path, scratch: &Path) -> Looked {
    let url = format!("file://{}", page.display());
    let screenshot = scratch.join("screenshot.png");
    let shot = chromium(&scratch.join("profile-shot"))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        shot.status.success(),
        "chromium --screenshot failed: {}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let dumped = chromium(&scratch.join("profile-dom"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        dumped.status.success(),
        "chromium --dump-dom failed: {}",
        String::from_utf8_lossy(&dumped.stderr)
    );
    Looked {
        screenshot,
        dom: String::from_utf8_lossy(&dumped.stdout).into_owned(),
    }
}

/// The share, in per mille, of the screenshot's pixels that are not plain
/// white: a blank page gives 0.
pub fn inked_per_mille(png_path: &Path) -> usize {
    let file = std::fs::File::open(png_path).expect("the screenshot exists");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("the screenshot is a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sized image")];
    let frame = reader
        .next_frame(&mut pixels)
        .expect("the screenshot decodes");
    let channels = frame.color_type.samples();
    let bytes = &pixels[..frame.buffer_size()];
    let total = bytes.len() / channels;
    let inked = bytes
        .chunks(channels)
        .filter(|pixel| pixel.iter().take(3).any(|&c| c < 240))
        .count();
    inked * 1000 / total.max(1)
}
