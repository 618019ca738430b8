//! Embeds the files of the workspace's `www/` and the OpenAPI document in
//! the HTTP component (see src/assets.rs), so every wasi:http host serves
//! the page with no files mounted. Each file is stored gzip-compressed when
//! that is smaller (all of these are): the routes send the gzip bytes as
//! they are to clients that take gzip and inflate them for the rest. These
//! files would otherwise be most of what the component carries beyond the
//! service itself.

use std::fmt::Write as _;
use std::io::Write as _;
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

    let mut code = String::new();
    let mut table = String::from("static ASSETS: &[Asset] = &[\n");
    for (i, (url, file)) in entries.iter().enumerate() {
        let name = format!("ASSET_{i}");
        table.push_str(&asset(url, file, &name, &out, &mut code));
        table.push_str(",\n");
    }
    table.push_str("];\n");
    code.push_str(&table);
    let openapi = Path::new("src/openapi.json");
    println!("cargo::rerun-if-changed={}", openapi.display());
    let openapi = asset(
        "/api/openapi.json",
        openapi,
        "OPENAPI_STORED",
        &out,
        &mut code,
    );
    writeln!(
        code,
        "/// The OpenAPI document of the routes.\npub static OPENAPI: Asset = {openapi};"
    )
    .expect("writing to a String");
    fs::write(out.join("assets.rs"), code).expect("OUT_DIR is writable");
}

/// The `Asset` expression for `file`, served at `url`. Its stored bytes
/// (its gzip, written to `out`, if that is smaller) are declared in `code`
/// as `static {name}`.
fn asset(url: &str, file: &Path, name: &str, out: &Path, code: &mut String) -> String {
    let bytes = fs::read(file).expect("an embedded file reads");
    let gzip = gzip(&bytes);
    let gzip_path = out.join(format!("{name}.gz"));
    let (stored, gzipped) = if gzip.len() < bytes.len() {
        fs::write(&gzip_path, gzip).expect("OUT_DIR is writable");
        (gzip_path.as_path(), true)
    } else {
        (file, false)
    };
    let stored = fs::canonicalize(stored).expect("the file exists");
    writeln!(
        code,
        "passive_bytes::embed! {{ static {name} = {stored:?}; }}",
        stored = stored.display().to_string(),
    )
    .expect("writing to a String");
    format!(
        "Asset {{ path: {url:?}, stored: &{name}, gzipped: {gzipped}, content_type: {ct:?} }}",
        ct = content_type::content_type(url),
    )
}

/// `bytes` as one gzip member with the bare 10-byte header (no name, no
/// time), which src/assets.rs skips to inflate it.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to a Vec");
    let gzip = encoder.finish().expect("writing to a Vec");
    assert_eq!(gzip[3], 0, "a gzip header without optional fields");
    gzip
}

/// Regular files under `dir`, recursively, skipping dotfiles and the files
/// the page never loads.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return; // no www/ yet: nothing to embed
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // wasm-pack writes TypeScript declarations and a package.json into
        // www/pkg (and would copy a README, should the crate get one): they
        // are for bundlers and editors, not for the browser.
        if name.starts_with('.')
            || name == "README.md"
            || name == "package.json"
            || name.ends_with(".d.ts")
        {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(&path, files),
            Ok(t) if t.is_file() => files.push(path),
            _ => {}
        }
    }
}
