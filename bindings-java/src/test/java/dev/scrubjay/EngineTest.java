package dev.scrubjay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
  private static final Engine ENGINE = new Engine();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void redactsStringsAndKeepsCleanOnesAsTheSameObject() {
    assertEquals(
        "card [REDACTED:credit_card] for [REDACTED:email]",
        ENGINE.redact("card 4111 1111 1111 1111 for john.doe@company.com"));
    String clean = new String("GET /health 200 4bf92f3577b34da6a3ce929d0e0e4736");
    assertSame(clean, ENGINE.redact(clean));
  }

  @Test
  void redactsBytes() {
    byte[] in = "user=jane@example.com \u00ff".getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = ENGINE.redact(in);
    assertArrayEquals("user=[REDACTED:email] \u00ff".getBytes(StandardCharsets.ISO_8859_1), out);
    byte[] clean = "nothing here".getBytes(StandardCharsets.UTF_8);
    assertSame(clean, ENGINE.redact(clean));
  }

  @Test
  void flatAttributesKeepTypesAndObjects() {
    Integer code = 200;
    byte[] raw = "plain bytes".getBytes(StandardCharsets.UTF_8);
    Map<String, Object> in =
        map(
            "db.password", "hunter2",
            "http.status_code", code,
            "app.ratio", 0.25,
            "app.cached", true,
            "app.none", null,
            "app.raw", raw,
            "user.email", "jane@example.com");
    Map<String, Object> out = ENGINE.redactAttributes(in);
    assertEquals(
        List.of("db.password", "http.status_code", "app.ratio", "app.cached", "app.none", "app.raw", "user.email"),
        new ArrayList<>(out.keySet()));
    assertEquals("[REDACTED:password]", out.get("db.password"));
    assertSame(code, out.get("http.status_code"));
    assertEquals(0.25, out.get("app.ratio"));
    assertEquals(Boolean.TRUE, out.get("app.cached"));
    assertTrue(out.containsKey("app.none"));
    assertNull(out.get("app.none"));
    assertSame(raw, out.get("app.raw"));
    assertEquals("[REDACTED:email]", out.get("user.email"));
    // The caller's map is not touched.
    assertEquals("hunter2", in.get("db.password"));
  }

  @Test
  void longIntegersAreScannedAndReplacedByStrings() {
    Map<String, Object> out =
        ENGINE.redactAttributes(map("payment.ref", 4111111111111111L, "app.retries", 3L));
    assertEquals("[REDACTED:credit_card]", out.get("payment.ref"));
    assertEquals(3L, out.get("app.retries"));
  }

  @Test
  void nestedMapsAndListsAreWalked() {
    List<Object> items = new ArrayList<>(List.of("jane@example.com", 7L, "ok"));
    Map<String, Object> user = map("email", "a@example.com", "id", 42L, "password", "s3cret-pass");
    Map<String, Object> in = map("user", user, "items", items, "http.status_code", 200L, "tags", Set.of("x"));
    Map<String, Object> out = ENGINE.redactAttributes(in);
    @SuppressWarnings("unchecked")
    Map<String, Object> u = (Map<String, Object>) out.get("user");
    assertEquals("[REDACTED:email]", u.get("email"));
    assertEquals(42L, u.get("id"));
    assertTrue(((String) u.get("password")).startsWith("[REDACTED"), u.toString());
    assertEquals(List.of("[REDACTED:email]", 7L, "ok"), out.get("items"));
    assertEquals(200L, out.get("http.status_code"));
    assertEquals(List.of("x"), out.get("tags"));
    // A nested map is redacted the same as the core's walk of the same JSON (the vectors'
    // redact_attributes cases pin that down): here its secret repeats in a sibling value.
    Map<String, Object> repeat =
        ENGINE.redactAttributes(
            map("db", map("password", "Tr0ub4dor&3"), "error.message", "login with Tr0ub4dor&3 refused"));
    assertFalse(repeat.toString().contains("Tr0ub4dor&3"), repeat.toString());
  }

  @Test
  void arraysAndPrimitiveArraysAreLists() {
    Map<String, Object> out =
        ENGINE.redactAttributes(
            map("emails", new String[] {"a@example.com", "b"}, "codes", new int[] {1, 2}));
    assertEquals(List.of("[REDACTED:email]", "b"), out.get("emails"));
    // Containers come back as new lists; their unchanged items are the caller's objects.
    assertEquals(List.of(1, 2), ENGINE.redactAttributes(map("codes", new int[] {1, 2})).get("codes"));
    assertEquals(List.of(1L, 2L), ((List<?>) out.get("codes")).stream().map(n -> ((Number) n).longValue()).toList());
  }

  @Test
  void aSecretInOneValueIsMaskedWhereAnotherRepeatsIt() {
    Map<String, Object> out =
        ENGINE.redactAttributes(
            map("error.message", "login as app with Tr0ub4dor&3 refused", "db.password", "Tr0ub4dor&3"));
    assertEquals("login as app with [REDACTED:password] refused", out.get("error.message"));
    assertEquals("[REDACTED:password]", out.get("db.password"));
  }

  @Test
  void cyclesAndSharedContainersEndTheWalk() {
    Map<String, Object> cyclic = map("email", "a@example.com");
    cyclic.put("self", cyclic);
    List<Object> shared = new ArrayList<>(List.of("x"));
    Map<String, Object> out = ENGINE.redactAttributes(map("c", cyclic, "one", shared, "two", shared));
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) out.get("c");
    assertEquals("[REDACTED:email]", c.get("email"));
    assertEquals("[Circular]", c.get("self"));
    assertEquals(List.of("x"), out.get("one"));
    assertEquals("[Shared]", out.get("two"));
    // At the root too, where the map is a map of scalars and its markers are values.
    Map<String, Object> root = map("email", "b@example.com");
    root.put("self", root);
    Map<String, Object> flat = ENGINE.redactAttributes(root);
    assertEquals(map("email", "[REDACTED:email]", "self", "[Circular]"), flat);
  }

  @Test
  void deepNestingFailsClosed() {
    Map<String, Object> root = map();
    Map<String, Object> at = root;
    for (int i = 0; i < 10_000; i++) {
      Map<String, Object> next = map();
      at.put("k", next);
      at = next;
    }
    at.put("email", "deep@example.com");
    String out = ENGINE.redactAttributes(root).toString();
    assertFalse(out.contains("deep@example.com"));
    assertTrue(out.contains("[REDACTED:too_deep]"), out.substring(Math.max(0, out.length() - 300)));
  }

  @Test
  void textPastTheBudgetOfAMapFailsClosed() {
    // 16 × max_value_bytes of text may cross per map; the rest is sent as null and counted.
    try (Engine small = new Engine("{\"version\": 1, \"limits\": {\"max_value_bytes\": 64}}")) {
      Map<String, Object> in = map();
      String value = "x".repeat(60);
      for (int i = 0; i < 20; i++) {
        in.put("k" + i, value);
      }
      Report report = small.newReport();
      Map<String, Object> out = small.redactAttributes(in, report);
      assertEquals(value, out.get("k0"));
      assertEquals(value, out.get("k16"));
      assertNull(out.get("k17"));
      assertTrue(out.containsKey("k19"));
      assertNull(out.get("k19"));
      assertEquals(3L, report.failClosed().get("too_large"), report.toString());
    }
  }

  @Test
  void scanReportsCharOffsets() {
    String text = "\u00e9\uD83D\uDE00 mail a@example.com";
    List<Finding> found = ENGINE.scan(text);
    assertEquals(1, found.size());
    Finding f = found.get(0);
    assertEquals("email", f.rule());
    assertEquals("a@example.com", text.substring(f.start(), f.end()));
    assertNull(f.path());
    assertEquals(List.of(), ENGINE.scan("GET /health 200"));
  }

  @Test
  void loneSurrogatesAreScannedNeverPassedThrough() {
    String text = "password=hunter2 \uD800 mail a@example.com \uDC00";
    String out = ENGINE.redact(text);
    assertFalse(out.contains("hunter2"), out);
    assertFalse(out.contains("a@example.com"), out);
    assertFalse(out.contains("\uD800") || out.contains("\uDC00"), out);
    assertTrue(out.contains("\uFFFD"), out);
    // Even with nothing to redact, such a string comes back as the engine wrote it.
    assertEquals("ok \uFFFD", ENGINE.redact("ok \uD800"));

    Map<String, Object> attrs =
        ENGINE.redactAttributes(map("note", "card 4111 1111 1111 1111 \uDBFF", "k\uD800", "plain"));
    assertEquals("card [REDACTED:credit_card] \uFFFD", attrs.get("note"));
    assertEquals("plain", attrs.get("k\uFFFD"));

    String scanned = "\uDC00a@example.com";
    Finding f = ENGINE.scan(scanned).get(0);
    assertEquals("a@example.com", scanned.substring(f.start(), f.end()));
  }

  @Test
  void sanitizers() {
    assertEquals(
        "https://shop.example.com/pay?token=REDACTED&page=2",
        ENGINE.sanitizeUrl("https://shop.example.com/pay?token=tok_abc123&page=2"));
    assertEquals("SELECT * FROM users WHERE id = ?", ENGINE.normalizeSql("SELECT * FROM users WHERE id = 42"));
    assertFalse(ENGINE.sanitizeHeader("authorization", "Bearer abc.def.ghi").contains("abc.def.ghi"));
    assertTrue(ENGINE.validateTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").valid());
    TraceparentCheck bad = ENGINE.validateTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01");
    assertFalse(bad.valid());
    assertTrue(bad.reason() != null && !bad.reason().isEmpty());
  }

  @Test
  void normalizeSqlReadsTheDialectItIsNamed() {
    String sql = "SELECT \"Id\" FROM t WHERE name = \"Kim Lee\" # who";
    String generic = "SELECT ? FROM t WHERE name = ? # who";
    String mysql = "SELECT ? FROM t WHERE name = ?";
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("", generic);
    cases.put("generic", generic);
    cases.put("mysql", mysql);
    cases.put("MariaDB", mysql);
    cases.put("sqlite", generic);
    for (String quotedNames :
        List.of("postgresql", "postgres", "mssql", "microsoft.sql_server", "oracle", "oracle.db")) {
      cases.put(quotedNames, sql);
    }
    cases.forEach(
        (dialect, expected) -> assertEquals(expected, ENGINE.normalizeSql(sql, dialect), dialect));
    assertEquals(generic, ENGINE.normalizeSql(sql, null));
    assertEquals(generic, ENGINE.normalizeSql(sql));
  }

  @Test
  void normalizeSqlNamesAnUnknownDialect() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ENGINE.normalizeSql("SELECT 1", "h2database"));
    List<String> named =
        List.of("\"h2database\"", "postgresql", "mysql", "mariadb", "mssql", "oracle", "sqlite", "generic");
    for (String name : named) {
      assertTrue(e.getMessage().contains(name), () -> e.getMessage() + " lacks " + name);
    }
    assertTrue(e.getMessage().contains("db.system.name"), e.getMessage());
    assertThrows(NullPointerException.class, () -> ENGINE.normalizeSql(null, "mysql"));
  }

  @Test
  void attributesAreReadInTheDialectOfDbSystem() {
    String statement = "SELECT * FROM t WHERE name = \"Kim Lee\" # who";
    Map<String, Object> expected = map("db.system.name", "mysql", "db.statement", "SELECT * FROM t WHERE name = ?");
    assertEquals(expected, ENGINE.redactAttributes(map("db.system.name", "mysql", "db.statement", statement)));
    // Whichever comes first, and with a report.
    Map<String, Object> reversed = map("db.statement", statement, "db.system.name", "mysql");
    assertEquals(expected, ENGINE.redactAttributes(reversed));
    assertEquals(expected, ENGINE.redactAttributes(reversed, ENGINE.newReport()));
    // db.system when db.system.name is absent; a name no dialect has, or none, reads as none.
    assertEquals(
        "SELECT * FROM t WHERE name = ?",
        ENGINE.redactAttributes(map("db.statement", statement, "db.system", "mariadb")).get("db.statement"));
    assertEquals(
        "SELECT * FROM t WHERE name = ? # who",
        ENGINE
            .redactAttributes(map("db.statement", statement, "db.system.name", "h2database"))
            .get("db.statement"));
    assertEquals(
        "SELECT * FROM t WHERE name = ? # who",
        ENGINE.redactAttributes(map("db.statement", statement)).get("db.statement"));
    // The flat path and the tree walk agree: a db.system.name that is not a string names no
    // dialect, and a nested map is read in its parent's.
    String quoted = "SELECT \"Id\" FROM t WHERE a = 1";
    Map<String, Object> notText =
        map("db.statement", quoted, "db.system.name", 5L, "db.system", "postgresql");
    assertEquals("SELECT ? FROM t WHERE a = ?", ENGINE.redactAttributes(notText).get("db.statement"));
    notText.put("child", map());
    assertEquals("SELECT ? FROM t WHERE a = ?", ENGINE.redactAttributes(notText).get("db.statement"));
    Map<String, Object> nested =
        ENGINE.redactAttributes(
            map("db.system", "postgresql", "db.statement", quoted, "child", map("db.statement", quoted)));
    assertEquals("SELECT \"Id\" FROM t WHERE a = ?", nested.get("db.statement"));
    assertEquals(map("db.statement", "SELECT \"Id\" FROM t WHERE a = ?"), nested.get("child"));
  }

  @Test
  void reportsCountWhatWasRedacted() {
    Report report = ENGINE.newReport();
    ENGINE.redact("a@example.com and b@example.com", report);
    ENGINE.redactAttributes(map("db.password", "hunter2"), report);
    assertEquals(2L, report.count("email"));
    assertEquals(3L, report.total(), report.toString());
    assertTrue(report.actions().values().stream().mapToLong(Long::longValue).sum() >= 3);
    report.clear();
    assertEquals(0L, report.total());
    try (Engine other = new Engine()) {
      assertThrows(IllegalArgumentException.class, () -> other.redact("x", report));
    }
  }

  @Test
  void aClosedEngineThrowsAndNeverCrashes() {
    Engine e = new Engine();
    Report report = e.newReport();
    e.close();
    e.close();
    assertTrue(e.isClosed());
    List<Runnable> calls =
        List.of(
            () -> e.redact("a@example.com"),
            () -> e.redact(new byte[] {1}),
            () -> e.redact("x", report),
            () -> e.redactAttributes(map("k", "v")),
            () -> e.scan("x"),
            () -> e.sanitizeUrl("http://x"),
            () -> e.normalizeSql("select 1"),
            () -> e.normalizeSql("select 1", "mysql"),
            () -> e.sanitizeHeader("a", "b"),
            () -> e.sanitizeBaggage("a=b"),
            () -> e.validateTraceparent("x"),
            () -> e.rules(),
            e::newReport);
    for (Runnable call : calls) {
      IllegalStateException error = assertThrows(IllegalStateException.class, call::run);
      assertTrue(error.getMessage().contains("closed"), error.getMessage());
    }
    // The report outlives its engine.
    assertEquals(0L, report.total());
  }

  @Test
  void invalidPoliciesNameWhatIsWrong() {
    String policy =
        "{\"version\": 1, \"content\": [{\"id\": \"order\", \"pattern\": \"abc[0-9\"}]}";
    PolicyException e = assertThrows(PolicyException.class, () -> new Engine(policy));
    assertTrue(e instanceof RuntimeException);
    assertEquals("order", e.rule(), e.getMessage());
    assertEquals("pattern", e.field(), e.getMessage());
    assertEquals(3, e.position(), e.getMessage());
    PolicyException yaml = assertThrows(PolicyException.class, () -> new Engine("version: [1"));
    assertTrue(yaml.line() >= 1, yaml.getMessage());
    assertThrows(NullPointerException.class, () -> new Engine(null));
  }

  @Test
  void policiesFromTextAndFiles(@TempDir Path dir) throws Exception {
    String yaml =
        "version: 1\nbuiltins: []\ncontent:\n  - id: order\n    pattern: 'ORD-[0-9]{6}'\n";
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, yaml);
    try (Engine fromText = new Engine(yaml);
        Engine fromFile = Engine.fromFile(file)) {
      assertEquals(List.of("order"), fromText.rules());
      assertEquals(fromText.redact("ref ORD-123456 a@example.com"), fromFile.redact("ref ORD-123456 a@example.com"));
      assertTrue(fromFile.redact("ref ORD-123456").contains("REDACTED"), fromFile.redact("ref ORD-123456"));
      assertEquals("a@example.com", fromFile.redact("a@example.com"));
    }
    assertThrows(java.io.IOException.class, () -> Engine.fromFile(dir.resolve("missing.yaml")));
    assertTrue(Engine.defaultPolicy().contains("\"version\""));
    assertFalse(Engine.version().isEmpty());
  }

  @Test
  void baggage() {
    SanitizedBaggage out = ENGINE.sanitizeBaggage("user.email=jane@example.com,tenant=acme");
    assertFalse(out.header().contains("jane@example.com"), out.toString());
    assertTrue(Arrays.asList(out.header().split(",")).contains("tenant=acme"), out.toString());
  }
}
