//! Settings of the `tokenize` and `pseudonym` actions.

use serde::{Deserialize, Serialize};

/// Settings of the `tokenize` action: where its key ring is, which key makes new tokens, and
/// how tokens are written.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenizeConfig {
    /// A file holding the key ring (JSON), read when the engine is built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys_file: Option<String>,
    /// An environment variable holding the key ring's JSON text, read when the engine is
    /// built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys_env: Option<String>,
    /// The key ring inline: only with `allow_inline_keys` (a policy is shipped and shown;
    /// keys belong in a file or the environment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<serde_json::Value>,
    /// Allow `keys` in the policy itself (tests and examples).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_inline_keys: bool,
    /// The key new tokens are made with, instead of the ring's `active`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
    /// Attribute keys whose value, in a record, names the key for that record's tokens
    /// (`tenant.id`, `enduser.id`): the first one the record holds. Forgetting that key makes
    /// exactly those tokens unreadable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_id_from: Vec<String>,
    /// How a token is written: `{rule}`, `{key}` and `{token}` are filled in.
    #[serde(default = "default_token_template")]
    pub template: String,
    /// The longest value tokenized; a longer one is masked and counted as `too_large`.
    #[serde(default = "default_token_max")]
    pub max_value_bytes: usize,
}

impl std::fmt::Debug for TokenizeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenizeConfig")
            .field("keys_file", &self.keys_file)
            .field("keys_env", &self.keys_env)
            .field("keys", &self.keys.as_ref().map(|_| "…"))
            .field("active", &self.active)
            .field("key_id_from", &self.key_id_from)
            .field("template", &self.template)
            .field("max_value_bytes", &self.max_value_bytes)
            .finish()
    }
}

/// The default token template.
pub const DEFAULT_TOKEN_TEMPLATE: &str = "[TOKEN:{rule}:{key}:{token}]";

fn default_token_template() -> String {
    DEFAULT_TOKEN_TEMPLATE.to_string()
}

fn default_token_max() -> usize {
    1024
}

impl Default for TokenizeConfig {
    fn default() -> TokenizeConfig {
        TokenizeConfig {
            keys_file: None,
            keys_env: None,
            keys: None,
            allow_inline_keys: false,
            active: None,
            key_id_from: Vec::new(),
            template: default_token_template(),
            max_value_bytes: default_token_max(),
        }
    }
}

/// Settings of the `pseudonym` action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PseudonymConfig {
    /// How a pseudonym is written: `{rule}` and `{n}` are filled in.
    #[serde(default = "default_pseudonym_template")]
    pub template: String,
}

/// The default pseudonym template.
pub const DEFAULT_PSEUDONYM_TEMPLATE: &str = "<{rule}_{n}>";

fn default_pseudonym_template() -> String {
    DEFAULT_PSEUDONYM_TEMPLATE.to_string()
}

impl Default for PseudonymConfig {
    fn default() -> PseudonymConfig {
        PseudonymConfig {
            template: default_pseudonym_template(),
        }
    }
}
