//! Rebuilds the binary when the bundled corpus changes, so new or edited corpus
//! files are embedded (include_dir alone does not tell cargo to watch a folder).

fn main() {
    println!("cargo:rerun-if-changed=corpus");
    let mut stack = vec![std::path::PathBuf::from("corpus")];
    while let Some(dir) = stack.pop() {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                println!("cargo:rerun-if-changed={}", path.display());
                if path.is_dir() {
                    stack.push(path);
                }
            }
        }
    }
}
