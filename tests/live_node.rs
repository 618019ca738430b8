//! Differential fuzzing against node: a fresh random batch each run (date
//! mutations, token soup from the parser's alphabet, integers), answered live
//! by node and compared with the core. Skips (and says so) only where node is
//! not installed.
//!
//! The long run: `TIMESTAMP_BATCH=100000 cargo test --release --test live_node`.
//! `TIMESTAMP_SEED=n` replays a batch. A disagreement found this way joins the
//! corpus (`node tools/oracle/corpus.mjs --answer` writes its line).

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::{assert_agreement, node, oracle, parse_cases};

/// The batch in every test run; `TIMESTAMP_BATCH` asks for more.
const DEFAULT_BATCH: usize = 5000;

#[test]
fn core_agrees_with_node_on_a_fresh_random_batch() {
    let Some(mut node) = node() else {
        eprintln!("skipped: node is not on PATH");
        return;
    };
    // TIMESTAMP_SEED replays a failing run.
    let seed = std::env::var("TIMESTAMP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u32)
        });
    let batch = std::env::var("TIMESTAMP_BATCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_BATCH);
    let output = node
        .arg(oracle())
        .args(["--random", &batch.to_string(), "--seed", &seed.to_string()])
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let cases = parse_cases(&String::from_utf8(output.stdout).expect("the oracle writes UTF-8"));
    assert_eq!(cases.len(), batch, "seed {seed}");
    assert_agreement(&cases, &format!("random (TIMESTAMP_SEED={seed})"));
    eprintln!("{batch} random inputs (TIMESTAMP_SEED={seed}) agree with node");
}
