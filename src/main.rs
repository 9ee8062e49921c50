fn main() {
    std::process::exit(eligo::cli::run());
}
