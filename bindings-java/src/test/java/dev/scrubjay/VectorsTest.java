package dev.scrubjay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code tests/vectors/*.json} through the Java API, as the Go and Python runners
 * run them: every file, every op. A case whose op this runner does not know fails.
 */
class VectorsTest {
  private static final Engine DEFAULT = new Engine();
  /** Engines by policy text: several cases share a policy. */
  private static final Map<String, Engine> ENGINES = new HashMap<>();

  @AfterAll
  static void close() {
    DEFAULT.close();
    ENGINES.values().forEach(Engine::close);
  }

  @Test
  void theSuiteIsWhole() throws Exception {
    List<Vectors.Case> cases = Vectors.all();
    assertTrue(cases.size() >= 1500, "only " + cases.size() + " vectors");
    assertTrue(cases.stream().map(Vectors.Case::file).distinct().count() >= 13);
  }

  @TestFactory
  Stream<DynamicTest> vectors() throws Exception {
    return Vectors.all().stream()
        .map(c -> DynamicTest.dynamicTest(c.file() + "/" + c.name(), () -> run(c)));
  }

  private static Engine engineFor(Vectors.Case c) {
    if (c.defaultPolicy()) {
      return DEFAULT;
    }
    synchronized (ENGINES) {
      return ENGINES.computeIfAbsent(c.policy(), Engine::new);
    }
  }

  static void run(Vectors.Case c) {
    if (c.has("expected_error")) {
      PolicyException e = assertThrows(PolicyException.class, () -> new Engine(c.policy()));
      assertTrue(
          e.getMessage().contains(c.string("expected_error")),
          () -> "error " + e.getMessage() + " lacks " + c.string("expected_error"));
      if (c.has("error_rule")) {
        assertEquals(c.string("error_rule"), e.rule());
      }
      if (c.has("error_field")) {
        assertEquals(c.string("error_field"), e.field());
      }
      if (c.has("error_position")) {
        assertEquals(c.json().get("error_position").getAsInt(), e.position());
      }
      return;
    }
    assertEquals(c.expected(), result(engineFor(c), c));
  }

  /** What the Java API makes of the case's input, in the shape of the case's {@code expected}. */
  @SuppressWarnings("unchecked")
  static Object result(Engine engine, Vectors.Case c) {
    Object input = c.input();
    switch (c.op()) {
      case "redact":
        return engine.redact((String) input);
      case "redact_attributes":
        return engine.redactAttributes((Map<String, Object>) input);
      case "scan":
        {
          String text = (String) input;
          List<Object> expected = (List<Object>) c.expected();
          boolean withPath = expected.stream().anyMatch(f -> ((Map<String, Object>) f).containsKey("path"));
          List<Object> got = new ArrayList<>();
          for (Finding f : engine.scan(text)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("rule", f.rule());
            // The vectors count UTF-8 bytes; Java findings count chars.
            item.put("start", (long) utf8Length(text.substring(0, f.start())));
            item.put("end", (long) utf8Length(text.substring(0, f.end())));
            if (withPath) {
              item.put("path", f.path());
            }
            got.add(item);
          }
          return got;
        }
      case "normalize_sql":
        return c.has("dialect")
            ? engine.normalizeSql((String) input, c.string("dialect"))
            : engine.normalizeSql((String) input);
      case "sanitize_url":
        return engine.sanitizeUrl((String) input);
      case "validate_traceparent":
        {
          TraceparentCheck check = engine.validateTraceparent((String) input);
          Map<String, Object> got = new LinkedHashMap<>();
          got.put("valid", check.valid());
          if (!check.valid()) {
            got.put("reason", check.reason());
          }
          return got;
        }
      case "sanitize_baggage":
        {
          SanitizedBaggage out = engine.sanitizeBaggage((String) input);
          List<Object> violations = new ArrayList<>();
          for (BaggageViolation v : out.violations()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", v.key());
            item.put("reason", v.reason());
            violations.add(item);
          }
          Map<String, Object> got = new LinkedHashMap<>();
          got.put("header", out.header());
          got.put("violations", violations);
          return got;
        }
      case "reveal":
        try (KeyRing keys = KeyRing.fromJson(c.json().get("keys").toString())) {
          return engine.reveal((String) input, keys);
        }
      default:
        return fail("op " + c.op() + " is not implemented by the Java runner");
    }
  }

  static int utf8Length(String s) {
    assertNotNull(s);
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
