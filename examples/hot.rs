// Profiling helper (not committed): converts one input in a loop.
fn main() {
    let input = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "this-is-not-a-date".into());
    let mut sum = 0i64;
    for _ in 0..20_000_000 {
        let t = timestamp::convert(std::hint::black_box(&input), || timestamp::Timestamp::MIN);
        sum = sum.wrapping_add(t.map_or(1, |t| t.unix_ms()));
    }
    println!("{sum}");
}
