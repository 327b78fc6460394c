//! What the README promises a newcomer that can go stale: the minimum Rust
//! version it names is `rust-version` in Cargo.toml, and that is the
//! highest of the 2024 edition's 1.85 and what the dependencies declare
//! (read from `cargo metadata`, so that a dependency raising its own
//! minimum fails this test rather than a newcomer's build).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `1.90` as (1, 90).
fn version(text: &str) -> (u32, u32) {
    let mut parts = text.trim().split('.').map(|p| p.parse::<u32>().unwrap());
    (parts.next().unwrap(), parts.next().unwrap_or(0))
}

#[test]
fn the_minimum_rust_is_the_highest_any_dependency_asks_for() {
    let toml = std::fs::read_to_string(manifest_dir().join("Cargo.toml")).unwrap();
    let declared = toml
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("rust-version in Cargo.toml")
        .trim_matches('"');
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("You need Rust {declared} or later")),
        "the README names another minimum than rust-version = {declared}"
    );

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(manifest_dir())
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let highest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] != "evidence")
        .filter_map(|p| p["rust_version"].as_str())
        .map(version)
        .chain([(1, 85)])
        .max()
        .unwrap();
    assert_eq!(
        version(declared),
        highest,
        "rust-version = {declared}, but the dependencies ask for {highest:?}"
    );
}
