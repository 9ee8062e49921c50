/// The work runs on a thread with a large stack: policies and scenarios are
/// checked and evaluated recursively, and their depth is bounded by limits
/// (see `syntax` and `scenario::yaml`) that need more room than a default
/// main thread offers in unoptimised builds.
const STACK_BYTES: usize = 256 * 1024 * 1024;

fn main() {
    let worker = std::thread::Builder::new()
        .name("eligo".into())
        .stack_size(STACK_BYTES)
        .spawn(eligo::cli::run);
    let code = match worker.map(|handle| handle.join()) {
        Ok(Ok(code)) => code,
        _ => 2,
    };
    std::process::exit(code);
}
