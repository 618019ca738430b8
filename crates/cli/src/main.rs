//! `timestamp`: the service's conversion on the command line.
//!
//! ```text
//! timestamp '05 October 2011, GMT'          # one JSON line per argument
//! timestamp --unit=s --tz=Asia/Tokyo 1482624000
//! timestamp < dates.txt                      # no argument: one JSON line per input line
//! ```
//!
//! Like `date -f`, the exit status is 1 when any input was not a date; every
//! input still gets its line. A bad option exits 2.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;
use std::time::SystemTime;

use jsdate::{Options, Timestamp};
use jsdate_tzdb::Zone;

const USAGE: &str = "\
usage: timestamp [--unit=U] [--format=F] [--tz=ZONE] [--] [DATE...]

Prints what the timestamp API answers for each DATE, one JSON line each:
  {\"unix\":<ms since the epoch>,\"utc\":\"<toUTCString()>\"} or {\"error\":\"Invalid Date\"}
DATE is a whole-string integer (milliseconds) or any text JavaScript's
new Date() accepts, local time read as UTC; an empty DATE is now.
With no DATE, reads one input per line from standard input (a trailing
\\r is dropped). Exits 1 if any input was not a date, 2 on a bad option.

  --unit=s|ms|us|ns|auto  the unit of an integer DATE (default ms)
  --format=full           adds \"iso\" (toISOString()) to a date
  --tz=ZONE               reads wall times in an IANA zone, adds \"local\" and \"tz\"
  --                      every argument after it is a DATE
";

fn main() -> ExitCode {
    // Arguments that are not UTF-8 are read as stdin lines are.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let (options, dates) = match read_args(&args) {
        Ok(Args::Convert(options, dates)) => (options, dates),
        Ok(Args::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("timestamp: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = if dates.is_empty() {
        convert_lines(&options, io::stdin().lock(), &mut out)
    } else {
        convert_all(&options, dates.iter().map(String::as_str), &mut out)
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

/// What the command line asks for.
enum Args<'a> {
    Help,
    /// The dates (none: read standard input) with these options.
    Convert(Options<Zone>, &'a [String]),
}

/// Reads the command line. Options come first, each as `--name=value`; the
/// first argument that is not one, or every argument after `--`, starts the
/// dates (so `-1` and other dates that start with one dash are dates).
fn read_args(args: &[String]) -> Result<Args<'_>, String> {
    let mut options = Options::default();
    for (i, arg) in args.iter().enumerate() {
        if arg == "--" {
            return Ok(Args::Convert(options, &args[i + 1..]));
        }
        if arg == "-h" || arg == "--help" {
            return Ok(Args::Help);
        }
        let Some(flag) = arg.strip_prefix("--") else {
            return Ok(Args::Convert(options, &args[i..]));
        };
        let Some((name, value)) = flag.split_once('=') else {
            return Err(format!("--{flag} needs a value: --{flag}=VALUE"));
        };
        match options.set(name, value) {
            Ok(true) => {}
            Ok(false) => return Err(format!("--{name}: unknown option")),
            Err(e) => return Err(format!("--{name}: {e}")),
        }
    }
    Ok(Args::Convert(options, &[]))
}

/// Writes one JSON line per input; `Ok(true)` when every input was a date.
fn convert_all<'a>(
    options: &Options<Zone>,
    inputs: impl Iterator<Item = &'a str>,
    out: &mut impl Write,
) -> io::Result<bool> {
    let mut all_dates = true;
    for input in inputs {
        all_dates &= write_answer(options, input, out)?;
    }
    Ok(all_dates)
}

/// Reads inputs line by line so a file of any size streams through.
fn convert_lines(
    options: &Options<Zone>,
    mut reader: impl BufRead,
    out: &mut impl Write,
) -> io::Result<bool> {
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
        all_dates &= write_answer(options, &String::from_utf8_lossy(input), out)?;
    }
}

fn write_answer(options: &Options<Zone>, input: &str, out: &mut impl Write) -> io::Result<bool> {
    let result = options.convert(input, || Timestamp::from_system_time(SystemTime::now()));
    out.write_all(options.to_json(result).as_bytes())?;
    out.write_all(b"\n")?;
    Ok(result.is_ok())
}
