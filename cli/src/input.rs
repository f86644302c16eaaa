//! Opening inputs and outputs, and the progress bar.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use crate::error::CliError;
use crate::format::Format;

/// One input: a file or standard input.
pub struct Input {
    /// The name used in messages (`-` for standard input).
    pub name: String,
    /// The file, when the input is one.
    pub path: Option<PathBuf>,
    /// The buffered reader.
    pub reader: Box<dyn BufRead + Send>,
    /// The size in bytes, when known.
    pub size: Option<u64>,
}

impl Input {
    /// Opens a file, or standard input for `-`.
    pub fn open(path: &Path) -> Result<Input, CliError> {
        if path == Path::new("-") {
            return Ok(Input::stdin());
        }
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| CliError::io(&name, e))?;
        let size = file.metadata().ok().map(|m| m.len());
        Ok(Input {
            name,
            path: Some(path.to_path_buf()),
            reader: Box::new(BufReader::with_capacity(1 << 16, file)),
            size,
        })
    }

    /// Standard input.
    pub fn stdin() -> Input {
        Input {
            name: "-".into(),
            path: None,
            reader: Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            size: None,
        }
    }

    /// The given format, or the one detected from the name and the first bytes.
    pub fn format(&mut self, given: Option<Format>) -> Result<Format, CliError> {
        if let Some(f) = given {
            return Ok(f);
        }
        let head = self
            .reader
            .fill_buf()
            .map_err(|e| CliError::io(&self.name, e))?;
        Ok(Format::detect(self.path.as_deref(), head))
    }

    /// A progress bar on standard error when it is a terminal and the input is a file.
    pub fn progress(&self, enabled: bool) -> ProgressBar {
        match self.size {
            Some(size) if enabled && io::stderr().is_terminal() => {
                let bar = ProgressBar::new(size);
                let style = ProgressStyle::with_template(
                    "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
                bar.set_style(style);
                bar.set_message(self.name.clone());
                bar
            }
            _ => ProgressBar::hidden(),
        }
    }
}

/// The inputs named on the command line, or standard input when none are.
pub fn inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    }
}

/// The output file, or standard output.
pub fn output(path: Option<&Path>) -> Result<(String, Box<dyn Write + Send>), CliError> {
    match path {
        Some(p) if p != Path::new("-") => {
            let name = p.display().to_string();
            let file = File::create(p).map_err(|e| CliError::io(&name, e))?;
            Ok((name, Box::new(io::BufWriter::with_capacity(1 << 16, file))))
        }
        _ => Ok((
            "stdout".into(),
            Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout())),
        )),
    }
}
