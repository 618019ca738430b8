//! The command-line entry, run as a real process.

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use common::corpus;
use serde_json::Value;

fn timestamp() -> Command {
    Command::new(env!("CARGO_BIN_EXE_timestamp"))
}

/// Runs the CLI with `stdin`, returning (exit code, stdout).
fn run_with_stdin(stdin: &[u8]) -> (i32, String) {
    let mut child = timestamp()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    // Write from another thread so a full stdout pipe cannot deadlock us.
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let output = child.wait_with_output().expect("the CLI finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("stdin accepted");
    (
        output.status.code().expect("exited"),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
    )
}

#[test]
fn arguments_each_get_a_json_line() {
    let output = timestamp()
        .args([
            "05 October 2011, GMT",
            "1451001600000",
            "this-is-not-a-date",
        ])
        .output()
        .expect("the CLI runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        concat!(
            r#"{"unix":1317772800000,"utc":"Wed, 05 Oct 2011 00:00:00 GMT"}"#,
            "\n",
            r#"{"unix":1451001600000,"utc":"Fri, 25 Dec 2015 00:00:00 GMT"}"#,
            "\n",
            r#"{"error":"Invalid Date"}"#,
            "\n",
        )
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "an invalid input makes the exit status 1"
    );

    let output = timestamp()
        .arg("2016-12-25")
        .output()
        .expect("the CLI runs");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn help_is_not_an_input() {
    for flag in ["--help", "-h"] {
        let output = timestamp().arg(flag).output().expect("the CLI runs");
        assert!(output.status.success(), "{flag}");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(
            help.contains("Usage: timestamp [OPTIONS] [DATE]..."),
            "{flag}: {help}"
        );
        assert!(help.contains("--unit <UNIT>"), "{flag}: {help}");
    }
    // "-1" is an input (one millisecond before the epoch), not a flag.
    let output = timestamp().arg("-1").output().expect("the CLI runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "{\"unix\":-1,\"utc\":\"Wed, 31 Dec 1969 23:59:59 GMT\"}\n"
    );
}

#[test]
fn an_empty_line_is_now_and_crlf_is_a_line_end() {
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let (code, stdout) = run_with_stdin(b"\n2016-12-25\r\n");
    let after = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    assert_eq!(code, 0);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let now = lines[0]["unix"].as_i64().expect("now is a date");
    assert!(
        (before..=after).contains(&now),
        "{before} <= {now} <= {after}"
    );
    assert_eq!(lines[1]["unix"], 1_482_624_000_000_i64);
}

#[test]
fn converts_a_file_of_100_000_lines_in_one_process() {
    // Corpus inputs that fit on one line, cycled to 100,000 lines.
    let cases = corpus();
    let usable: Vec<_> = cases
        .iter()
        .filter(|c| !c.input.contains(['\n', '\r']) && !c.input.is_empty())
        .collect();
    assert!(usable.len() > 1000);
    let chosen: Vec<_> = usable.iter().cycle().take(100_000).collect();
    let mut stdin = Vec::new();
    for case in &chosen {
        stdin.extend_from_slice(case.input.as_bytes());
        stdin.push(b'\n');
    }

    let (code, stdout) = run_with_stdin(&stdin);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 100_000);
    for (case, line) in chosen.iter().zip(&lines) {
        let got: Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(got, case.expected, "{:?}", case.input);
    }
    assert_eq!(
        code, 1,
        "the corpus holds invalid inputs, so the status is 1"
    );
}

#[test]
fn an_argument_that_is_not_utf8_is_read_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let output = timestamp()
        .arg(std::ffi::OsStr::from_bytes(b"\xff"))
        .output()
        .expect("the CLI runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "{\"error\":\"Invalid Date\"}\n"
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "a clear answer, not a panic (101)"
    );
}

#[test]
fn options_are_the_apis() {
    // (arguments, stdout, exit status)
    let table: &[(&[&str], &str, i32)] = &[
        (
            &["--unit=s", "--format=full", "--tz=Asia/Tokyo", "1482624000"],
            concat!(
                r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","#,
                r#""iso":"2016-12-25T00:00:00.000Z","local":"2016-12-25T09:00:00.000+09:00","tz":"Asia/Tokyo"}"#,
                "\n"
            ),
            0,
        ),
        (
            &["--tz=America/New_York", "Dec 25 2016", "x"],
            concat!(
                r#"{"unix":1482642000000,"utc":"Sun, 25 Dec 2016 05:00:00 GMT","local":"2016-12-25T00:00:00.000-05:00","tz":"America/New_York"}"#,
                "\n",
                r#"{"error":"Invalid Date"}"#,
                "\n"
            ),
            1,
        ),
        // `--` ends the options; a date after it may look like one.
        (&["--", "--unit=s"], "{\"error\":\"Invalid Date\"}\n", 1),
        // Options come before the dates: later ones are dates.
        (
            &["-1", "--unit=s"],
            "{\"unix\":-1,\"utc\":\"Wed, 31 Dec 1969 23:59:59 GMT\"}\n{\"error\":\"Invalid Date\"}\n",
            1,
        ),
        // A value after a space, as after `=`.
        (
            &["--unit", "s", "--format", "full", "1482624000"],
            concat!(
                r#"{"unix":1482624000000,"utc":"Sun, 25 Dec 2016 00:00:00 GMT","iso":"2016-12-25T00:00:00.000Z"}"#,
                "\n"
            ),
            0,
        ),
        // A negative integer and an extended year are dates, not flags.
        (
            &["--unit=s", "-1", "-271821-04-20T00:00:00Z"],
            concat!(
                r#"{"unix":-1000,"utc":"Wed, 31 Dec 1969 23:59:59 GMT"}"#,
                "\n",
                r#"{"unix":-8640000000000000,"utc":"Tue, 20 Apr -271821 00:00:00 GMT"}"#,
                "\n"
            ),
            0,
        ),
        (&["--unit=h", "1"], "", 2),
        (&["--format=xml", "1"], "", 2),
        (&["--tz=Mars/Olympus", "1"], "", 2),
        (&["--zone=UTC", "1"], "", 2),
        (&["--unit"], "", 2),
    ];
    for &(args, stdout, status) in table {
        let output = timestamp().args(args).output().expect("the CLI runs");
        assert_eq!(String::from_utf8_lossy(&output.stdout), stdout, "{args:?}");
        assert_eq!(output.status.code(), Some(status), "{args:?}");
        if status == 2 {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
            assert!(stderr.contains("--help"), "{args:?}: {stderr}");
        }
    }
    // (arguments, the start of what stderr says)
    let messages: &[(&[&str], &str)] = &[
        (
            &["--unit=h"],
            "error: --unit: unit must be one of s, ms, us, ns, auto",
        ),
        (
            &["--tz", "Mars/Olympus"],
            "error: --tz: tz must be an IANA time zone name",
        ),
        (
            &["--unit"],
            "error: a value is required for '--unit <UNIT>'",
        ),
        (
            &["--zone=UTC"],
            "error: unexpected argument '--zone=UTC' found",
        ),
    ];
    for &(args, message) in messages {
        let output = timestamp().args(args).output().expect("the CLI runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with(message), "{args:?}: {stderr}");
    }
}

#[test]
fn version_names_the_tzdata_release() {
    for flag in ["--version", "-V"] {
        let output = timestamp().arg(flag).output().expect("the CLI runs");
        assert!(output.status.success(), "{flag}");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            format!(
                "timestamp {} (tzdata {})\n",
                env!("CARGO_PKG_VERSION"),
                jsdate_tzdb::TZDATA_RELEASE
            ),
            "{flag}"
        );
    }
}
