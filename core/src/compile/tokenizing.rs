//! The `tokenize` action's key ring (from a file, the environment, or inline when the policy
//! allows it) and the errors when a rule tokenizes without one.

use super::actions::Tokenizer;
use crate::policy::error::PolicyError;
use crate::policy::TokenizeConfig;
use crate::tokens::template::TokenTemplate;
use crate::tokens::KeyRing;

/// The tokenizer. `user` is the first rule whose action is `tokenize`, if any: it needs a
/// key ring.
pub(super) fn tokenizer(
    cfg: &TokenizeConfig,
    user: Option<String>,
    warnings: &mut Vec<String>,
) -> Result<Tokenizer, PolicyError> {
    // Checked with the other settings, before any rule.
    let template = TokenTemplate::new(&cfg.template)
        .map_err(|m| PolicyError::new(m).field("tokenize.template"))?;
    let mut ring = load_ring(cfg, warnings)?;
    if let (Some(ring), Some(active)) = (ring.as_mut(), &cfg.active) {
        ring.set_active(active)
            .map_err(|e| PolicyError::new(e.to_string()).field("tokenize.active"))?;
    }
    if let Some(rule) = user {
        if cfg.keys_file.is_none() && cfg.keys_env.is_none() && cfg.keys.is_none() {
            return Err(PolicyError::new(
                "the tokenize action needs a key ring: set `tokenize.keys_file` or `tokenize.keys_env` \
                 (`scrubjay keys new` makes one)",
            )
            .rule(rule)
            .field("action"));
        }
        if ring.as_ref().is_some_and(|r| r.active().is_none()) && cfg.key_id_from.is_empty() {
            warnings.push(
                "the token key ring has no active key: `tokenize` actions fail closed to their mask label".into(),
            );
        }
    }
    Ok(Tokenizer::new(ring, template, cfg))
}

fn load_ring(
    cfg: &TokenizeConfig,
    warnings: &mut Vec<String>,
) -> Result<Option<KeyRing>, PolicyError> {
    if let Some(inline) = &cfg.keys {
        if !cfg.allow_inline_keys {
            return Err(PolicyError::new(
                "keys inline in a policy are shipped and shown with it: put them in `tokenize.keys_file` or \
                 `tokenize.keys_env`, or opt in with `tokenize.allow_inline_keys: true` (tests only)",
            )
            .field("tokenize.keys"));
        }
        return KeyRing::from_json(&inline.to_string())
            .map(Some)
            .map_err(|e| PolicyError::new(e.to_string()).field("tokenize.keys"));
    }
    if let Some(path) = &cfg.keys_file {
        if !std::path::Path::new(path).exists() {
            warnings.push(format!(
                "token key ring {path} does not exist: `tokenize` actions fail closed to their mask label"
            ));
            return Ok(None);
        }
        return KeyRing::from_file(path)
            .map(Some)
            .map_err(|e| PolicyError::new(e.to_string()).field("tokenize.keys_file"));
    }
    if let Some(var) = &cfg.keys_env {
        return match std::env::var(var) {
            Ok(text) if !text.trim().is_empty() => {
                let text = zeroize::Zeroizing::new(text);
                KeyRing::from_json(&text)
                    .map(Some)
                    .map_err(|e| PolicyError::new(format!("{var}: {e}")).field("tokenize.keys_env"))
            }
            _ => {
                warnings.push(format!(
                    "token key ring variable {var} is not set: `tokenize` actions fail closed to their mask label"
                ));
                Ok(None)
            }
        };
    }
    Ok(None)
}
