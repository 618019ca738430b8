//! `timestamp`: the service's conversion on the command line.
//!
//! ```text
//! timestamp '05 October 2011, GMT'     # one JSON line per argument
//! timestamp < dates.txt                 # no argument: one JSON line per input line
//! ```
//!
//! Like `date -f`, the exit status is 1 when any input was not a date; every
//! input still gets its line.

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// A browser has no stdin and no system clock: the npm package (src/js.rs)
/// is that target's entry. This stub lets `wasm-pack test` build the crate.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn main() {}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod cli {
    use std::io::{self, BufRead, BufWriter, Write};
    use std::process::ExitCode;

    use timestamp::{Answer, Timestamp, convert};

    const USAGE: &str = "\
    usage: timestamp [DATE...]

    Prints what the timestamp API answers for each DATE, one JSON line each:
      {\"unix\":<ms since the epoch>,\"utc\":\"<toUTCString()>\"} or {\"error\":\"Invalid Date\"}
    DATE is a whole-string integer (milliseconds) or any text JavaScript's
    new Date() accepts, local time read as UTC; an empty DATE is now.
    With no DATE, reads one input per line from standard input (a trailing
    \\r is dropped). Exits 1 if any input was not a date.
    ";

    pub fn main() -> ExitCode {
        // Arguments that are not UTF-8 are read as stdin lines are.
        let args: Vec<String> = std::env::args_os()
            .skip(1)
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect();
        if matches!(args.first().map(String::as_str), Some("-h" | "--help")) {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let result = if args.is_empty() {
            convert_lines(io::stdin().lock(), &mut out)
        } else {
            convert_all(args.iter().map(String::as_str), &mut out)
        };
        match result.and_then(|all_dates| out.flush().map(|()| all_dates)) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            // A closed pipe (`timestamp < big | head`) is the reader's choice.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("timestamp: {e}");
                ExitCode::from(2)
            }
        }
    }

    /// Writes one JSON line per input; `Ok(true)` when every input was a date.
    fn convert_all<'a>(
        inputs: impl Iterator<Item = &'a str>,
        out: &mut impl Write,
    ) -> io::Result<bool> {
        let mut all_dates = true;
        for input in inputs {
            all_dates &= write_answer(input, out)?;
        }
        Ok(all_dates)
    }

    /// Reads inputs line by line so a file of any size streams through.
    fn convert_lines(mut reader: impl BufRead, out: &mut impl Write) -> io::Result<bool> {
        let mut all_dates = true;
        let mut line = Vec::new();
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line)? == 0 {
                return Ok(all_dates);
            }
            let input = line.strip_suffix(b"\n").unwrap_or(&line);
            let input = input.strip_suffix(b"\r").unwrap_or(input);
            // Bytes that are not UTF-8 are read as a browser's TextDecoder would.
            all_dates &= write_answer(&String::from_utf8_lossy(input), out)?;
        }
    }

    fn write_answer(input: &str, out: &mut impl Write) -> io::Result<bool> {
        let answer = Answer::from(convert(input, Timestamp::now));
        out.write_all(answer.to_json().as_bytes())?;
        out.write_all(b"\n")?;
        Ok(matches!(answer, Answer::Date(_)))
    }
}
