//! Failures of the command and the exit codes they map to.

use std::fmt;
use std::process::ExitCode;

/// Exit code: `scan` found something.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad usage or an invalid policy.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: an input could not be read or the output could not be written.
pub const EXIT_IO: u8 = 3;

/// A failure, printed as one line on standard error.
#[derive(Debug)]
pub enum CliError {
    /// An invalid policy (exit 2).
    Policy(String),
    /// Reading or writing failed (exit 3).
    Io(String),
    /// The reader of our output went away (`scrubjay redact big.jsonl | head`): stop quietly.
    BrokenPipe,
}

impl CliError {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            CliError::Policy(_) => EXIT_USAGE,
            CliError::Io(_) => EXIT_IO,
            CliError::BrokenPipe => 0,
        })
    }

    /// An I/O failure on `what` (a file name, `stdin`, `stdout`).
    pub fn io(what: &str, err: std::io::Error) -> CliError {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            return CliError::BrokenPipe;
        }
        CliError::Io(format!("{what}: {err}"))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Policy(m) | CliError::Io(m) => f.write_str(m),
            CliError::BrokenPipe => f.write_str("output closed"),
        }
    }
}
