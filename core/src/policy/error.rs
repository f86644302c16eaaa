//! Policy errors: every error names the rule, the field and the position when they are known.

use std::fmt;

/// An invalid policy.
///
/// `rule` is the rule's id (or `content[2]` / `fields[0]` when it has none), `field` the
/// policy field at fault (`pattern`, `action`, `hash.key_env`, ...), and `position` a byte
/// offset: inside the field's text for a pattern error, inside the policy document for a
/// syntax error (then `line` and `column` are set too).
///
/// # Example
/// ```
/// let err = scrubjay::Policy::from_json(
///     r#"{"version": 1, "content": [{"id": "pin", "pattern": "(?<=pin=)\\d{4}"}]}"#,
/// )
/// .and_then(|p| scrubjay::Engine::new(&p).map(|_| ()))
/// .unwrap_err();
/// assert_eq!(err.rule.as_deref(), Some("pin"));
/// assert_eq!(err.field.as_deref(), Some("pattern"));
/// assert!(err.message.contains("validator"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// The rule at fault, when the error is about one.
    pub rule: Option<String>,
    /// The field at fault.
    pub field: Option<String>,
    /// Byte offset in the field's text (patterns) or in the document (syntax errors).
    pub position: Option<usize>,
    /// 1-based line in the policy document, for syntax and structure errors.
    pub line: Option<usize>,
    /// 1-based column in the policy document, for syntax and structure errors.
    pub column: Option<usize>,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl PolicyError {
    pub(crate) fn new(message: impl Into<String>) -> PolicyError {
        PolicyError {
            rule: None,
            field: None,
            position: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub(crate) fn rule(mut self, rule: impl Into<String>) -> PolicyError {
        self.rule = Some(rule.into());
        self
    }

    pub(crate) fn field(mut self, field: impl Into<String>) -> PolicyError {
        self.field = Some(field.into());
        self
    }

    pub(crate) fn at(mut self, position: usize) -> PolicyError {
        self.position = Some(position);
        self
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid policy")?;
        if let Some(rule) = &self.rule {
            write!(f, ": rule `{rule}`")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        match (self.line, self.column, self.position) {
            (Some(l), Some(c), _) => write!(f, ", line {l} column {c}")?,
            (_, _, Some(p)) => write!(f, ", position {p}")?,
            _ => {}
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for PolicyError {}
