//! The committed `leadhit-generated` is exactly what `cargo xtask codegen` makes of the
//! committed `maps-cache/`: regenerated in memory and compared, writing nothing.

use std::process::Command;

#[test]
fn committed_client_matches_the_cached_maps() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("check")
        .env_remove("XTASK_WORKSPACE")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the generated client is stale; run `cargo xtask codegen` and commit the result:\n{stderr}"
    );
    assert!(stderr.contains("up to date"), "{stderr}");
}
