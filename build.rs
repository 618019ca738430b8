//! Embeds the files of `www/` in the HTTP component (see
//! src/service/assets.rs). The browser build (wasm32-unknown-unknown) is the
//! npm package the page loads, so it embeds nothing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/service/content_type.rs"]
mod content_type;

fn main() {
    println!("cargo::rerun-if-changed=www");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let browser = env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
        && env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("unknown");

    let root = Path::new(&env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("www");
    let mut files = Vec::new();
    if !browser {
        collect(&root, &mut files);
    }
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
        // Dotfiles, and wasm-pack's copy of this repository's README in
        // www/pkg: 22 KB the page never loads, which would also make the
        // component's size change with every README edit.
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
