//! `?tz=`: the whole corpus read under four zones agrees with node 20 under
//! `TZ=<zone>` (tests/data/zones.jsonl, from `node tools/oracle/corpus.mjs
//! --zones`): the instant, and the offset the zone has then.

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;

use common::{read, repo_root};
use jsdate::{LocalZone, Timestamp, Unit, convert_in_zone};
use jsdate_tzdb::Zone;
use serde::Deserialize;

#[derive(Deserialize)]
struct Line {
    input: String,
    /// Zone name -> node's `[unix, offset ms]`, or `null` for Invalid Date.
    zones: BTreeMap<String, Option<(i64, i64)>>,
}

#[test]
fn the_corpus_under_four_zones_agrees_with_node() {
    let text = read(&repo_root().join("tests/data/zones.jsonl"));
    let lines: Vec<Line> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a zones line"))
        .collect();
    assert!(lines.len() >= 2000);
    let mut zones: BTreeMap<String, Zone> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut differs_from_utc = 0;
    for line in &lines {
        for (name, expected) in &line.zones {
            let zone = zones
                .entry(name.clone())
                .or_insert_with(|| Zone::find(name).expect("a known zone"));
            let got = convert_in_zone(&line.input, Unit::Milliseconds, zone, || {
                panic!("the corpus has no empty input")
            })
            .ok()
            .map(|t| (t.unix_ms(), zone.offset_ms(t.unix_ms())));
            if got != *expected {
                wrong.push(format!(
                    "{:?} in {name}: node {expected:?} / rust {got:?}",
                    line.input
                ));
            }
            let utc = Timestamp::parse_date_string(&line.input)
                .ok()
                .map(Timestamp::unix_ms);
            if expected.map(|(unix, _)| unix) != utc {
                differs_from_utc += 1;
            }
        }
    }
    assert_eq!(zones.len(), 4);
    assert!(
        differs_from_utc > 1000,
        "the zones change {differs_from_utc} answers: too few to test much"
    );
    assert!(
        wrong.is_empty(),
        "{} disagree:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
