//! The core's cost per conversion, by input class.
//!
//! `cargo bench -p timestamp --bench core` (or `scripts/bench`, which also records the
//! figures in BENCHMARKS.md). `convert` is the parse alone, `answer` the
//! whole conversion the API performs (parse, `toUTCString()` text, JSON
//! body); `huge` the scanner loops on 1 MiB inputs; `format` the two halves
//! of `answer` after the parse, and the direct JSON writer beside
//! serde_json writing the same body.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jsdate::{Options, Timestamp, convert};

/// One representative input per class BENCHMARKS.md reports.
const INPUTS: &[(&str, &str)] = &[
    ("iso_date", "2016-12-25"),
    ("iso_date_time", "2016-12-25T10:20:30.123Z"),
    ("integer_ms", "1451001600000"),
    ("rfc_2822", "Mon, 25 Dec 1995 13:30:00 +0430"),
    ("fcc_gmt", "05 October 2011, GMT"),
    ("invalid", "this-is-not-a-date"),
];

fn now() -> Timestamp {
    Timestamp::MIN
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("convert");
    for &(name, input) in INPUTS {
        group.bench_function(name, |b| b.iter(|| convert(black_box(input), now)));
    }
    group.finish();

    let mut group = c.benchmark_group("answer");
    for &(name, input) in INPUTS {
        group.bench_function(name, |b| {
            b.iter(|| Options::new().answer(black_box(input), now))
        });
    }
    group.finish();

    // 1 MiB inputs of the shapes that stress each scanner loop: the time is
    // linear in the length (tests/properties.rs converts the same shapes).
    let mut group = c.benchmark_group("huge");
    group.sample_size(10);
    let mib = 1 << 20;
    let huge = [
        ("digits", "9".repeat(mib)),
        ("word", "a".repeat(mib)),
        ("spaces", " ".repeat(mib)),
        (
            "unclosed_comment",
            format!("Jan 1 2000 {}", "(".repeat(mib)),
        ),
        ("time_colons", "1:".repeat(mib / 2)),
        ("ideographic_spaces", "\u{3000}".repeat(mib / 3)),
    ];
    for (name, input) in &huge {
        group.bench_function(*name, |b| b.iter(|| convert(black_box(input), now)));
    }
    group.finish();

    // The two halves of `answer` after the parse.
    let mut group = c.benchmark_group("format");
    let t = Timestamp::from_unix_ms(1_482_624_000_000).unwrap();
    group.bench_function("utc_string", |b| b.iter(|| black_box(t).utc_string()));
    group.bench_function("to_json", |b| {
        b.iter(|| Options::new().to_json(Ok(black_box(t))))
    });
    // The same body from serde_json and a derived struct: what the direct
    // writer (src/json.rs) is measured against (docs/decisions.md).
    assert_eq!(serde_answer(Ok(t)), Options::new().to_json(Ok(t)));
    group.bench_function("serde_json", |b| b.iter(|| serde_answer(Ok(black_box(t)))));
    group.finish();
}

/// An answer's JSON as serde_json writes it: the fields the API sends, in
/// its order.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum SerdeAnswer<'a> {
    Date { unix: i64, utc: &'a str },
    Error { error: &'static str },
}

fn serde_answer(result: Result<Timestamp, jsdate::Error>) -> String {
    match result {
        Ok(t) => {
            let utc = t.utc_string();
            serde_json::to_string(&SerdeAnswer::Date {
                unix: t.unix_ms(),
                utc: utc.as_str(),
            })
        }
        Err(_) => serde_json::to_string(&SerdeAnswer::Error {
            error: "Invalid Date",
        }),
    }
    .expect("an answer serialises")
}

criterion_group!(benches, bench);
criterion_main!(benches);
