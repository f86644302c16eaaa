package dev.scrubjay.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The baseline: the same 17 rules as the Go, Python and Node benchmarks, each its own {@code
 * java.util.regex} pattern, applied one after another to every string value (what the
 * OpenTelemetry Collector's redaction processor does).
 */
final class RegexPerRule {
  private static final String[][] RULES = {
    {"email", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"},
    {"credit_card", "\\b(?:\\d[ -]?){13,19}\\b"},
    {"us_ssn", "\\b\\d{3}-\\d{2}-\\d{4}\\b"},
    {"phone", "\\+?\\d{1,3}[ .-]?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]?\\d{4}\\b"},
    {"ipv4", "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b"},
    {"jwt", "eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"},
    {"bearer", "(?i)bearer\\s+[A-Za-z0-9._~+/-]+=*"},
    {"aws_access_key_id", "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"},
    {"github_token", "\\bgh[pousr]_[A-Za-z0-9]{36}\\b"},
    {"slack_token", "\\bxox[abposr]-[A-Za-z0-9-]+"},
    {"stripe_key", "\\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}"},
    {"openai_key", "\\bsk-[A-Za-z0-9_-]{20,}"},
    {"google_api_key", "\\bAIza[0-9A-Za-z_-]{35}\\b"},
    {"private_key", "-----BEGIN [A-Z ]*PRIVATE KEY-----"},
    {"secret_kv", "(?i)(?:password|passwd|secret|token|api_key)\\s*[=:]\\s*[^\\s&,;]+"},
    {"url_credentials", "://[^/\\s:@]+:[^/\\s@]+@"},
    {"iban", "\\b[A-Z]{2}\\d{2}[A-Z0-9]{11,30}\\b"},
  };

  private final Pattern[] patterns = new Pattern[RULES.length];
  private final String[] labels = new String[RULES.length];

  RegexPerRule() {
    for (int i = 0; i < RULES.length; i++) {
      labels[i] = "[REDACTED:" + RULES[i][0] + "]";
      patterns[i] = Pattern.compile(RULES[i][1]);
    }
  }

  Object redact(Object value) {
    if (value instanceof String) {
      String s = (String) value;
      for (int i = 0; i < patterns.length; i++) {
        s = patterns[i].matcher(s).replaceAll(labels[i]);
      }
      return s;
    }
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        out.put((String) e.getKey(), redact(e.getValue()));
      }
      return out;
    }
    if (value instanceof List) {
      return ((List<?>) value).stream().map(this::redact).toList();
    }
    return value;
  }
}
