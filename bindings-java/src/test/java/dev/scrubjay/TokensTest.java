package dev.scrubjay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reversible tokens, key rings, reveal and pseudonyms through the Java API. */
class TokensTest {
  private static final Gson GSON = new Gson();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TOKEN = Pattern.compile("\\[TOKEN:([a-z_.]+):([A-Za-z0-9_.-]+):([A-Za-z0-9_-]+)\\]");

  /** Obviously synthetic key bytes: 0, 1, 2, ... 63 (the vectors' {@code k1}). */
  private static String countingKey() {
    byte[] key = new byte[64];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    return base64url(key);
  }

  private static String randomKey() {
    byte[] key = new byte[64];
    RANDOM.nextBytes(key);
    return base64url(key);
  }

  private static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A key ring's JSON: {@code active} (or null), then id and key pairs. */
  private static String ring(String active, String... idsAndKeys) {
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < idsAndKeys.length; i += 2) {
      keys.append(i == 0 ? "" : ", ")
          .append("{\"id\": ")
          .append(GSON.toJson(idsAndKeys[i]))
          .append(", \"key\": ")
          .append(GSON.toJson(idsAndKeys[i + 1]))
          .append('}');
    }
    return "{\"version\": 1"
        + (active == null ? "" : ", \"active\": " + GSON.toJson(active))
        + ", \"keys\": ["
        + keys
        + "]}";
  }

  /** Emails tokenized, with the ring inline; {@code extra} is more of the tokenize section. */
  private static String policy(String ringJson, String extra) {
    return "{\"version\": 1, \"builtins\": [\"email\"],"
        + " \"content\": [{\"builtin\": \"email\", \"action\": \"tokenize\"}],"
        + " \"fields\": [{\"keys\": [\"enduser.id\"], \"action\": \"tokenize\"}],"
        + " \"tokenize\": {\"keys\": "
        + ringJson
        + ", \"allow_inline_keys\": true"
        + extra
        + "}}";
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static Matcher token(String text) {
    Matcher m = TOKEN.matcher(text);
    assertTrue(m.find(), () -> "no token in " + text);
    return m;
  }

  @Test
  void aRoundTripThroughAKeyRingFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.json");
    Files.writeString(file, ring("k1", "k1", randomKey()));
    String policy =
        "{\"version\": 1, \"builtins\": [\"email\"],"
            + " \"content\": [{\"builtin\": \"email\", \"action\": \"tokenize\"}],"
            + " \"tokenize\": {\"keys_file\": "
            + GSON.toJson(file.toString())
            + "}}";
    try (Engine engine = new Engine(policy);
        KeyRing keys = KeyRing.fromFile(file)) {
      String redacted = engine.redact("mail jane@example.com today");
      assertTrue(redacted.startsWith("mail [TOKEN:email:k1:"), redacted);
      assertFalse(redacted.contains("jane"), redacted);
      assertEquals("mail jane@example.com today", engine.reveal(redacted, keys));
      try (KeyRing same = KeyRing.fromFile(file.toString())) {
        assertEquals("mail jane@example.com today", engine.reveal(redacted, same));
      }
    }
  }

  @Test
  void theSameValueAndKeyGiveTheSameTokenInEveryEngine() {
    String policy = policy(ring("k1", "k1", countingKey()), "");
    try (Engine one = new Engine(policy);
        Engine two = new Engine(policy)) {
      // AES-SIV under the bytes 0..63, as tests/vectors/tokens.json computes it independently.
      String expected = "[TOKEN:email:k1:YqMfOQZyL0JkQLyGM7gWzSCj1ooF06_qnSJtRJ0fOStwEDRM]";
      assertEquals("to " + expected, one.redact("to jane.doe@example.com"));
      assertEquals("to " + expected, two.redact("to jane.doe@example.com"));
      assertEquals(expected + " " + expected, one.redact("jane.doe@example.com jane.doe@example.com"));
      assertNotEquals(expected, token(one.redact("bob@example.org")).group());
    }
  }

  @Test
  void aTokenOpensOnlyUnderItsOwnKey() {
    String k1 = randomKey();
    try (Engine engine = new Engine(policy(ring("k1", "k1", k1), ""));
        KeyRing right = KeyRing.fromJson(ring("k1", "k1", k1));
        KeyRing wrong = KeyRing.fromJson(ring("k1", "k1", randomKey()));
        KeyRing forgotten = KeyRing.fromJson(ring("k2", "k2", k1))) {
      String redacted = engine.redact("ping jane@example.com");
      Matcher m = token(redacted);
      assertEquals("ping jane@example.com", engine.reveal(redacted, right));

      // Other bytes under the same id: left as it is, and said to be invalid.
      assertSame(redacted, engine.reveal(redacted, wrong));
      Revealed invalid = engine.revealTokens(redacted, wrong);
      assertEquals(redacted, invalid.text());
      assertEquals(
          List.of(new RevealedToken("email", "k1", m.start(), m.end(), RevealedToken.Outcome.INVALID)),
          invalid.tokens());

      // A ring without the token's key id (the key was forgotten): left, the key unknown.
      assertSame(redacted, engine.reveal(redacted, forgotten));
      assertEquals(
          List.of(new RevealedToken("email", "k1", m.start(), m.end(), RevealedToken.Outcome.UNKNOWN_KEY)),
          engine.revealTokens(redacted, forgotten).tokens());
    }
  }

  @Test
  void aTamperedTokenIsLeft() {
    String k1 = randomKey();
    try (Engine engine = new Engine(policy(ring("k1", "k1", k1), ""));
        KeyRing keys = KeyRing.fromJson(ring("k1", "k1", k1))) {
      String redacted = engine.redact("ping jane@example.com");
      Matcher m = token(redacted);
      int at = m.start(3) + 4; // a character inside the ciphertext
      char c = redacted.charAt(at);
      String tampered = redacted.substring(0, at) + (c == 'A' ? 'B' : 'A') + redacted.substring(at + 1);
      assertNotEquals(redacted, tampered);
      assertEquals(tampered, engine.reveal(tampered, keys));
      assertEquals(
          List.of(RevealedToken.Outcome.INVALID),
          engine.revealTokens(tampered, keys).tokens().stream().map(RevealedToken::outcome).toList());
      // Cut short: left too.
      String cut = redacted.substring(0, m.end() - 3) + "]";
      assertEquals(cut, engine.reveal(cut, keys));
    }
  }

  @Test
  void oldTokensStillOpenAfterARotation() {
    String k1 = randomKey();
    String k2 = randomKey();
    String before = ring("k1", "k1", k1);
    String after = ring("k2", "k1", k1, "k2", k2);
    try (Engine old = new Engine(policy(before, ""));
        Engine rotated = new Engine(policy(after, ""));
        KeyRing keys = KeyRing.fromJson(after)) {
      String oldToken = old.redact("jane@example.com");
      String newToken = rotated.redact("jane@example.com");
      assertEquals("k1", token(oldToken).group(2));
      assertEquals("k2", token(newToken).group(2));
      assertNotEquals(oldToken, newToken);
      assertEquals(
          "jane@example.com / jane@example.com", rotated.reveal(oldToken + " / " + newToken, keys));
      assertEquals(List.of("k1", "k2"), keys.ids());
      assertEquals(Optional.of("k2"), keys.active());
    }
  }

  @Test
  void revealTokensSaysWhereInCharUnits() {
    String k1 = randomKey();
    try (Engine engine = new Engine(policy(ring("k1", "k1", k1), ""));
        KeyRing keys = KeyRing.fromJson(ring("k1", "k1", k1))) {
      String token = engine.redact("jane@example.com");
      String unknown = token.replace(":k1:", ":k9:");
      String text = "\uD83D\uDE00 é " + token + " and " + unknown;
      Revealed out = engine.revealTokens(text, keys);
      assertEquals("\uD83D\uDE00 é jane@example.com and " + unknown, out.text());
      assertEquals(2, out.tokens().size(), out.toString());
      RevealedToken first = out.tokens().get(0);
      assertEquals(token, text.substring(first.start(), first.end()));
      assertEquals(new RevealedToken("email", "k1", 5, 5 + token.length(), RevealedToken.Outcome.REVEALED), first);
      RevealedToken second = out.tokens().get(1);
      assertEquals(unknown, text.substring(second.start(), second.end()));
      assertEquals(
          new RevealedToken("email", "k9", 5 + token.length() + 5, text.length(), RevealedToken.Outcome.UNKNOWN_KEY),
          second);
      // Nothing to open: the same object back.
      String plain = new String("no tokens here");
      assertSame(plain, engine.reveal(plain, keys));
    }
  }

  @Test
  void aRecordNamesItsTokenKeyInFlatAndNestedMaps() {
    String k1 = randomKey();
    String acme = randomKey();
    String policy = policy(ring("k1", "k1", k1, "acme", acme), ", \"key_id_from\": [\"tenant.id\"]");
    try (Engine engine = new Engine(policy);
        KeyRing keys = KeyRing.fromJson(ring("k1", "k1", k1, "acme", acme))) {
      // The key attribute after the value it keys, in a flat map.
      Map<String, Object> flat = engine.redactAttributes(map("enduser.id", "u-10293", "tenant.id", "acme"));
      String tokenized = (String) flat.get("enduser.id");
      assertEquals("acme", token(tokenized).group(2));
      assertEquals("acme", flat.get("tenant.id"));
      assertEquals("u-10293", engine.reveal(tokenized, keys));
      // A nested map (the tree walk) makes the same token.
      Map<String, Object> nested =
          engine.redactAttributes(map("tenant.id", "acme", "enduser.id", "u-10293", "child", map()));
      assertEquals(tokenized, nested.get("enduser.id"));
      // No key attribute, or one that is not a string: the active key, on either path.
      String active = (String) engine.redactAttributes(map("enduser.id", "u-10293")).get("enduser.id");
      assertEquals("k1", token(active).group(2));
      assertEquals(
          active, engine.redactAttributes(map("tenant.id", 5L, "enduser.id", "u-10293")).get("enduser.id"));
      assertEquals(
          active,
          engine.redactAttributes(map("tenant.id", 5L, "enduser.id", "u-10293", "child", map())).get("enduser.id"));
    }
  }

  @Test
  void aMissingTokenKeyFailsClosedAndIsCounted() {
    String policy = policy(ring("k1", "k1", randomKey()), ", \"key_id_from\": [\"tenant.id\"]");
    try (Engine engine = new Engine(policy)) {
      Report report = engine.newReport();
      Map<String, Object> out =
          engine.redactAttributes(
              map("tenant.id", "initech", "enduser.id", "u-10293", "note", "mail jane@example.com"), report);
      assertEquals(
          map("tenant.id", "initech", "enduser.id", "[REDACTED:enduser.id]", "note", "mail [REDACTED:email]"), out);
      assertEquals(2L, report.failClosed().get("token_key_unavailable"), report.toString());
      engine.redactAttributes(map("enduser.id", "u-10293"), report);
      assertEquals(1L, report.actions().get("tokenize"), report.actions().toString());
      assertEquals(2L, report.failClosed().get("token_key_unavailable"));
      assertEquals(0L, report.actions().get("pseudonym"));
    }
  }

  @Test
  void pseudonymsAreConsistentWithinOneMap() {
    String policy =
        "{\"version\": 1, \"builtins\": [\"email\"],"
            + " \"content\": [{\"builtin\": \"email\", \"action\": \"pseudonym\"}]}";
    try (Engine engine = new Engine(policy)) {
      Report report = engine.newReport();
      Map<String, Object> out =
          engine.redactAttributes(
              map(
                  "from", "b@x.io",
                  "to", "a@x.io",
                  "msg", "reply to a@x.io, cc b@x.io",
                  "size", 12L),
              report);
      assertEquals(
          map("from", "<email_1>", "to", "<email_2>", "msg", "reply to <email_2>, cc <email_1>", "size", 12L), out);
      assertEquals(4L, report.actions().get("pseudonym"), report.actions().toString());
      // Another map is another record: numbering starts again.
      assertEquals(map("to", "<email_1>"), engine.redactAttributes(map("to", "a@x.io")));
      assertEquals("<email_1> and <email_1>", engine.redact("a@x.io and a@x.io"));
    }
  }

  @Test
  void keyRingsLoadOrSayWhyNot(@TempDir Path dir) throws Exception {
    String secret = randomKey();
    try (KeyRing keys = KeyRing.fromJson(ring(null, "k1", secret, "k2", randomKey()))) {
      assertEquals(List.of("k1", "k2"), keys.ids());
      assertEquals(Optional.empty(), keys.active());
      assertEquals("KeyRing[ids=[k1, k2], active=none]", keys.toString());
      assertFalse(keys.isClosed());
      keys.close();
      assertTrue(keys.isClosed());
      assertEquals("KeyRing[ids=[k1, k2], active=none, closed]", keys.toString());
      try (Engine engine = new Engine()) {
        assertThrows(IllegalStateException.class, () -> engine.reveal("x", keys));
      }
      keys.close();
    }

    KeyRingException notAList = assertThrows(KeyRingException.class, () -> KeyRing.fromJson("{\"keys\": 5}"));
    assertEquals("a key ring needs `keys`, a list", notAList.getMessage());
    assertTrue(
        assertThrows(KeyRingException.class, () -> KeyRing.fromJson("not json"))
            .getMessage()
            .startsWith("the key ring is not valid JSON: "));
    String shortKey = base64url(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    KeyRingException tooShort =
        assertThrows(KeyRingException.class, () -> KeyRing.fromJson(ring("k1", "k1", shortKey)));
    assertEquals("key `k1` has 16 bytes; AES-SIV takes 32 or 64", tooShort.getMessage());
    KeyRingException unknownActive =
        assertThrows(KeyRingException.class, () -> KeyRing.fromJson(ring("k9", "k1", secret)));
    assertEquals("the key ring has no key `k9`", unknownActive.getMessage());

    Path missing = dir.resolve("missing.json");
    KeyRingException unread = assertThrows(KeyRingException.class, () -> KeyRing.fromFile(missing));
    assertTrue(unread.getMessage().startsWith("cannot read key ring " + missing + ": "), unread.getMessage());
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"keys\": 5}");
    assertEquals(
        bad + ": a key ring needs `keys`, a list",
        assertThrows(KeyRingException.class, () -> KeyRing.fromFile(bad)).getMessage());
    assertThrows(NullPointerException.class, () -> KeyRing.fromJson(null));
  }
}
