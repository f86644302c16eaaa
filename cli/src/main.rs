//! `scrubjay`: redact and scan trace files, check policies, gate CI on leaks.
//!
//! Exit codes: 0 success (and, for `scan`, nothing found); 1 `scan` found something;
//! 2 bad usage or an invalid policy; 3 an input or output could not be read or written. When
//! the reader of the output goes away (`| head`), the command stops quietly.

mod error;
mod format;
mod input;
mod keys_cmd;
mod pipeline;
mod policy_cmd;
mod redact;
mod reveal_cmd;
mod scan;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::error::{CliError, EXIT_FINDINGS};
use crate::format::Format;
use crate::redact::{InvalidLines, RedactOptions};
use crate::scan::ScanOptions;

#[derive(Parser)]
#[command(
    name = "scrubjay",
    version,
    about = "Redact PII and secrets from traces and logs."
)]
#[command(
    after_help = "Exit codes: 0 ok, 1 findings (scan), 2 usage or policy error, 3 I/O error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a redacted copy of the inputs (files or standard input).
    Redact(RedactArgs),
    /// Report everything the policy would redact (masked previews only); exit 1 on findings.
    Scan(ScanArgs),
    /// Check, explain or print policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Replace the tokens of redacted inputs by their values, for the holders of the keys;
    /// one audit line per token on standard error (where, rule, key id; never the value).
    Reveal(RevealArgs),
    /// Make and manage a token key ring (written with owner-only permissions).
    #[command(subcommand)]
    Keys(KeysCommand),
}

#[derive(Args)]
struct RevealArgs {
    /// The key ring (JSON) that opens the tokens.
    #[arg(long, short = 'k', value_name = "FILE")]
    keys: PathBuf,
    /// The policy that wrote the tokens (its `tokenize.template`); the default when absent.
    #[arg(long, short = 'p', value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Output file; standard output when absent.
    #[arg(long, short = 'o', value_name = "OUT")]
    output: Option<PathBuf>,
    /// Redacted files; standard input when none (or `-`) is given.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Write a new key ring with one random key, active (the file must not exist).
    New {
        /// The key ring file.
        file: PathBuf,
        /// The key's id (default: today's date).
        #[arg(long)]
        id: Option<String>,
    },
    /// Add a random key and make it active; older keys stay to reveal older tokens.
    Rotate {
        /// The key ring file.
        file: PathBuf,
        /// The new key's id (default: today's date).
        #[arg(long)]
        id: Option<String>,
    },
    /// Remove a key: its tokens can never be revealed again (crypto-shredding).
    Forget {
        /// The key ring file.
        file: PathBuf,
        /// The id of the key to remove.
        id: String,
    },
    /// List the keys: id, creation time, which is active. Never prints a key.
    List {
        /// The key ring file.
        file: PathBuf,
    },
}

#[derive(Args)]
struct Common {
    /// Policy file (JSON or YAML); the embedded default policy when absent.
    #[arg(long, short = 'p', value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Input format; detected from the name and the first bytes when absent.
    #[arg(long, short = 'f', value_enum)]
    format: Option<Format>,
    /// Worker threads (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Never show a progress bar.
    #[arg(long)]
    no_progress: bool,
    /// Input files; standard input when none (or `-`) is given.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

impl Common {
    fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }
}

#[derive(Args)]
struct RedactArgs {
    #[command(flatten)]
    common: Common,
    /// Output file; standard output when absent.
    #[arg(long, short = 'o', value_name = "OUT")]
    output: Option<PathBuf>,
    /// Print counts per rule and per action, and the throughput, on standard error.
    #[arg(long)]
    stats: bool,
    /// What to do with a JSON-lines record that is not JSON.
    #[arg(long, value_enum, default_value = "drop")]
    invalid: InvalidLines,
}

#[derive(Args)]
struct ScanArgs {
    #[command(flatten)]
    common: Common,
    /// One JSON object per finding (the summary goes to standard error).
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Validate a policy; errors name the rule, the field and the position.
    Check {
        /// The policy file (JSON or YAML).
        file: PathBuf,
    },
    /// List the compiled rules, actions, validators, field rules and automaton sizes.
    Explain {
        /// The policy file; the default policy when absent.
        file: Option<PathBuf>,
    },
    /// Run the rules' examples: each must be found by its rule, each negative example not;
    /// exit 1 when one fails.
    Test {
        /// The policy file; the default policy (its builtins' examples) when absent.
        file: Option<PathBuf>,
    },
    /// Print the default policy as JSON, ready to copy and edit.
    Default,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(CliError::BrokenPipe) => CliError::BrokenPipe.exit_code(),
        Err(e) => {
            eprintln!("scrubjay: error: {e}");
            e.exit_code()
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::Redact(a) => {
            let engine = policy_cmd::load(a.common.policy.as_deref())?;
            let opts = RedactOptions {
                format: a.common.format,
                output: a.output.as_deref(),
                threads: a.common.threads(),
                invalid: a.invalid,
                stats: a.stats,
                progress: !a.common.no_progress,
            };
            redact::run(&engine, &a.common.inputs, &opts)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Scan(a) => {
            let engine = policy_cmd::load(a.common.policy.as_deref())?;
            let opts = ScanOptions {
                format: a.common.format,
                json: a.json,
                threads: a.common.threads(),
                progress: !a.common.no_progress,
            };
            let found = scan::run(&engine, &a.common.inputs, &opts)?;
            Ok(if found > 0 {
                ExitCode::from(EXIT_FINDINGS)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Policy(PolicyCommand::Check { file }) => {
            policy_cmd::check(&file)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Policy(PolicyCommand::Explain { file }) => {
            policy_cmd::explain(file.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Policy(PolicyCommand::Test { file }) => {
            Ok(match policy_cmd::test(file.as_deref())? {
                true => ExitCode::SUCCESS,
                false => ExitCode::from(EXIT_FINDINGS),
            })
        }
        Command::Policy(PolicyCommand::Default) => {
            policy_cmd::default();
            Ok(ExitCode::SUCCESS)
        }
        Command::Reveal(a) => {
            let engine = policy_cmd::load(a.policy.as_deref())?;
            let keys = keys_cmd::load(&a.keys)?;
            reveal_cmd::run(&engine, &keys, &a.inputs, a.output.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Keys(k) => {
            match k {
                KeysCommand::New { file, id } => keys_cmd::new(&file, id.as_deref())?,
                KeysCommand::Rotate { file, id } => keys_cmd::rotate(&file, id.as_deref())?,
                KeysCommand::Forget { file, id } => keys_cmd::forget(&file, &id)?,
                KeysCommand::List { file } => keys_cmd::list(&file)?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
