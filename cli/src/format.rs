//! Input formats and their detection.

use std::path::Path;

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line, any shape.
    Jsonl,
    /// OTLP/JSON export requests (one document, or one per line).
    OtlpJson,
    /// Plain text, line by line.
    Text,
}

impl Format {
    /// Guesses the format from the file name and the first bytes of the input.
    ///
    /// `.jsonl`/`.ndjson` names are JSON lines; a document whose start mentions
    /// `resourceSpans`, `resourceLogs` or `resourceMetrics` is OTLP/JSON; a first line that is a whole JSON
    /// object means JSON lines; a JSON document spread over several lines is read as
    /// OTLP/JSON (any JSON document is walked the same way); anything else is text.
    pub fn detect(name: Option<&Path>, head: &[u8]) -> Format {
        let ext = name
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if matches!(ext.as_deref(), Some("jsonl" | "ndjson")) {
            return Format::Jsonl;
        }
        let start = head.iter().position(|b| !b.is_ascii_whitespace());
        let Some(start) = start else {
            return Format::Text;
        };
        let head = &head[start..];
        if head[0] != b'{' && head[0] != b'[' {
            return Format::Text;
        }
        let window = &head[..head.len().min(4096)];
        let otlp = [
            b"\"resourceSpans\"".as_slice(),
            b"\"resourceLogs\"",
            b"\"resourceMetrics\"",
        ]
        .iter()
        .any(|k| memmem(window, k));
        if otlp {
            return Format::OtlpJson;
        }
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
        if serde_json::from_slice::<serde_json::Value>(first_line).is_ok() {
            Format::Jsonl
        } else if matches!(ext.as_deref(), Some("json")) || head[0] == b'{' {
            Format::OtlpJson
        } else {
            Format::Text
        }
    }
}

fn memmem(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        let jl = Some(Path::new("spans.jsonl"));
        assert_eq!(Format::detect(jl, b"not even json"), Format::Jsonl);
        assert_eq!(
            Format::detect(None, b"{\"a\":1}\n{\"a\":2}\n"),
            Format::Jsonl
        );
        assert_eq!(
            Format::detect(None, b"{\n  \"resourceSpans\": []\n}"),
            Format::OtlpJson
        );
        assert_eq!(
            Format::detect(None, b"{\"resourceLogs\":[]}\n"),
            Format::OtlpJson
        );
        assert_eq!(
            Format::detect(None, b"{\"resourceMetrics\":[]}\n"),
            Format::OtlpJson
        );
        assert_eq!(Format::detect(None, b"{\n \"a\": 1\n}"), Format::OtlpJson);
        assert_eq!(Format::detect(None, b"2024-01-01 INFO ok"), Format::Text);
        assert_eq!(Format::detect(None, b""), Format::Text);
    }
}
