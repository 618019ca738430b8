//! Shared by the differential tests: the oracle's line format and the
//! comparison with the Rust core.

// Each test binary uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use jsdate::Options;
use serde::Deserialize;
use serde_json::Value;

/// One line of the oracle's output: an input and node's answer for it.
#[derive(Debug, Deserialize)]
pub struct Case {
    pub input: String,
    pub expected: Value,
}

/// Reads the oracle's JSON lines.
pub fn parse_cases(jsonl: &str) -> Vec<Case> {
    jsonl
        .lines()
        .filter(|line| !line.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}: {line}", i + 1))
        })
        .collect()
}

/// The checked-in corpus (`tests/data/corpus.jsonl`): node's own answers,
/// `TZ=UTC`.
pub fn corpus() -> Vec<Case> {
    parse_cases(&read(&repo_root().join("tests/data/corpus.jsonl")))
}

/// The core's answer for `input` as JSON. The corpus holds no empty input,
/// so the clock is never read.
pub fn answer(input: &str) -> Value {
    let answer = Options::new().answer(input, || panic!("the corpus has no empty input"));
    serde_json::from_str(&answer).expect("the core writes valid JSON")
}

/// Every case where the core disagrees with node, as a readable report line.
pub fn disagreements(cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .filter_map(|case| {
            let got = answer(&case.input);
            (got != case.expected)
                .then(|| format!("{:?}: node {} / rust {}", case.input, case.expected, got))
        })
        .collect()
}

/// Fails with every disagreement listed, not just the first.
pub fn assert_agreement(cases: &[Case], what: &str) {
    let wrong = disagreements(cases);
    assert!(
        wrong.is_empty(),
        "{} of {} {what} inputs disagree with node:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// The workspace's root (where spin.toml is), from any of its packages.
pub fn repo_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|dir| dir.join("spin.toml").is_file())
        .unwrap_or(here)
        .to_path_buf()
}

/// The oracle script, run by node under `TZ=UTC` (it also sets it itself).
pub fn oracle() -> PathBuf {
    repo_root().join("tools/oracle/corpus.mjs")
}

/// `node`, if this machine has it.
pub fn node() -> Option<Command> {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    found.then(|| {
        let mut node = Command::new("node");
        node.env("TZ", "UTC");
        node
    })
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn is_date(value: &Value) -> bool {
    value.get("unix").is_some()
}
