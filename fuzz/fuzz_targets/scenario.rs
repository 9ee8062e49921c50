#![no_main]

use std::sync::OnceLock;

use eligo::PolicySet;

/// The bundled policies, checked once for the whole run.
fn policies() -> &'static PolicySet {
    static POLICIES: OnceLock<PolicySet> = OnceLock::new();
    POLICIES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
        eligo::load_policies(&dir).expect("the bundled policies check")
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| eligo_fuzz::scenario(policies(), data));
