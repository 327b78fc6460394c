//! Rebuilds the binary when the bundled corpus changes, so new or edited corpus
//! files are embedded (include_dir alone does not tell cargo to watch a folder),
//! fingerprints the bundled corpus once here rather than on every start, and
//! on Linux links the binary without position independence.

fn main() {
    println!("cargo:rerun-if-changed=corpus");
    // On Linux, the binary is linked at a fixed address: the loader then has
    // no relocations to apply at each start (about 60,000, 0.8 ms a process;
    // BENCHMARKS.md). Other systems keep their default.
    // (Only for a dynamically linked glibc build: a static one so linked
    // does not start.)
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && !var("CARGO_CFG_TARGET_FEATURE")
            .split(',')
            .any(|f| f == "crt-static")
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("corpus")];
    while let Some(dir) = stack.pop() {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                println!("cargo:rerun-if-changed={}", path.display());
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    let mut hasher = blake3::Hasher::new();
    for path in &files {
        hasher.update(path.to_string_lossy().as_bytes());
        hasher.update(&[0]);
        if let Ok(bytes) = std::fs::read(path) {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
    }
    println!(
        "cargo:rustc-env=EVIDENCE_BUNDLED_FINGERPRINT={}",
        hasher.finalize().to_hex()
    );
}
