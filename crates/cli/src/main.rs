//! `timestamp`: the service's conversion on the command line.
//!
//! ```text
//! timestamp '05 October 2011, GMT'          # one JSON line per argument
//! timestamp --unit s --tz=Asia/Tokyo 1482624000
//! timestamp < dates.txt                      # no argument: one JSON line per input line
//! ```
//!
//! Like `date -f`, the exit status is 1 when any input was not a date; every
//! input still gets its line. A bad option exits 2. The arguments are read
//! by clap; `--version` names the tzdata release the zones come from.

use std::ffi::OsString;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;
use std::time::SystemTime;

use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches, Command};
use jsdate::{Options, Timestamp};
use jsdate_tzdb::{TZDATA_RELEASE, Zone};

fn command() -> Command {
    // `--version`: the command's and the IANA release its zones come from.
    let version = format!("{} (tzdata {TZDATA_RELEASE})", env!("CARGO_PKG_VERSION"));
    Command::new("timestamp")
        .version(&*version.leak())
        .about("Prints what the timestamp API answers for each DATE, one JSON line each")
        .long_about(
            "Prints what the timestamp API answers for each DATE, one JSON line each:\n  \
             {\"unix\":<ms since the epoch>,\"utc\":\"<toUTCString()>\"} or {\"error\":\"Invalid Date\"}\n\
             DATE is a whole-string integer (milliseconds) or any text JavaScript's new Date()\n\
             accepts, local time read as UTC; an empty DATE is now. With no DATE, reads one\n\
             input per line from standard input (a trailing \\r is dropped).",
        )
        .after_help(
            "Exits 1 if any input was not a date, 2 on a bad option. Options come before the\n\
             dates; a DATE may start with a dash (-1, -271821-04-20T00:00:00Z).",
        )
        .arg(option("unit", "UNIT", "The unit of an integer DATE: s, ms (default), us, ns or auto"))
        .arg(option("format", "FORMAT", "full adds \"iso\" (toISOString()) to a date; default does not"))
        .arg(option("tz", "ZONE", "Reads wall times in an IANA zone; adds \"local\" and \"tz\""))
        .arg(
            Arg::new("dates")
                .value_name("DATE")
                .help("A date text or an integer; with none, one per line from standard input")
                // Not UTF-8: read lossily, as standard input's lines are.
                .value_parser(clap::builder::OsStringValueParser::new())
                .action(ArgAction::Append)
                .num_args(0..)
                // The first DATE ends the options, and a DATE may start
                // with a dash: `-1` is a millisecond before the epoch.
                .allow_hyphen_values(true)
                .trailing_var_arg(true),
        )
}

/// `--name VALUE` or `--name=VALUE`, read by [`Options::set`].
fn option(name: &'static str, value: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .value_name(value)
        .help(help)
        .value_parser(clap::builder::OsStringValueParser::new())
        .action(ArgAction::Set)
}

fn main() -> ExitCode {
    let mut command = command();
    let args: Vec<OsString> = std::env::args_os().collect();
    let matches = command
        .try_get_matches_from_mut(&args)
        .unwrap_or_else(|e| e.exit());
    let options = match read_options(&matches) {
        Ok(options) => options,
        // clap's own message and usage, and its exit status for bad usage, 2.
        Err(message) => command.error(ErrorKind::InvalidValue, message).exit(),
    };
    if let Some(unknown) = unknown_option(&args[1..], &matches) {
        let message = format!("unexpected argument '{}' found", unknown.to_string_lossy());
        command.error(ErrorKind::UnknownArgument, message).exit();
    }
    // Arguments that are not UTF-8 are read as stdin lines are.
    let dates: Vec<String> = matches
        .get_raw("dates")
        .into_iter()
        .flatten()
        .map(|date| date.to_string_lossy().into_owned())
        .collect();
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

/// A first DATE that starts with `--` (and came before any `--`): a
/// misspelt option, since no date starts so. (The dates take values that
/// start with a dash, so that `-1` is a date; that takes unknown options
/// too.)
fn unknown_option<'a>(args: &'a [OsString], matches: &ArgMatches) -> Option<&'a OsString> {
    let first = matches.get_raw("dates")?.next()?;
    let at = args.iter().position(|arg| arg == first)?;
    let escaped = args[..at].iter().any(|arg| arg == "--");
    let arg = &args[at];
    (!escaped && arg.to_string_lossy().starts_with("--")).then_some(arg)
}

/// The options the command line gives, each read by [`Options::set`] (the
/// API's reader of the same names), or what is wrong with one.
fn read_options(matches: &ArgMatches) -> Result<Options<Zone>, String> {
    let mut options = Options::default();
    for name in ["unit", "format", "tz"] {
        let Some(value) = matches
            .get_raw(name)
            .and_then(|mut values| values.next_back())
        else {
            continue;
        };
        let value = value
            .to_str()
            .ok_or_else(|| format!("--{name}: not UTF-8"))?;
        options
            .set(name, value)
            .map_err(|e| format!("--{name}: {e}"))?;
    }
    Ok(options)
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
