//! Embeds the files of the workspace's `www/` in the HTTP component (see
//! src/assets.rs), so every wasi:http host serves the page with no files
//! mounted.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/content_type.rs"]
mod content_type;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let root =
        Path::new(&env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("../../www");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut entries: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(&root).expect("under www/");
            let url = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (format!("/{url}"), file)
        })
        .collect();
    entries.sort();

    let mut code = String::from("static ASSETS: &[Asset] = &[\n");
    for (url, file) in &entries {
        writeln!(
            code,
            "    Asset {{ path: {url:?}, bytes: include_bytes!({file:?}), content_type: {ct:?} }},",
            file = file.display().to_string(),
            ct = content_type::content_type(url),
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
    fs::write(out.join("assets.rs"), code).expect("OUT_DIR is writable");
}

/// Regular files under `dir`, recursively, skipping dotfiles.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return; // no www/ yet: nothing to embed
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        // Dotfiles, and any README wasm-pack copies into www/pkg (it copies
        // the crate's, should it get one): bytes the page never loads.
        if name.to_string_lossy().starts_with('.') || name == "README.md" {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(&path, files),
            Ok(t) if t.is_file() => files.push(path),
            _ => {}
        }
    }
}
