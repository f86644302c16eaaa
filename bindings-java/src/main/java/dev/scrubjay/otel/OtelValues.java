package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import dev.scrubjay.Report;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A log record's body ({@link Value}) through the engine: a string body as a string, any other
 * body (maps, arrays, numbers, bytes) as the value of one attribute named {@code body}, walked
 * like any nested attribute.
 */
final class OtelValues {
  private static final String KEY = "body";

  private OtelValues() {}

  /** {@code body} scrubbed, counting into {@code report} (null for none). */
  static Value<?> redact(Engine engine, Value<?> body, Report report) {
    if (body == null) {
      return null;
    }
    Object value = body.getValue();
    if (value instanceof String) {
      String redacted = engine.redact((String) value, report);
      return redacted == value ? body : Value.of(redacted);
    }
    Map<String, Object> in = new LinkedHashMap<>();
    in.put(KEY, toJava(body));
    Map<String, Object> out = engine.redactAttributes(in, report);
    return out.containsKey(KEY) ? fromJava(out.get(KEY)) : Value.of("");
  }

  private static Object toJava(Value<?> v) {
    Object value = v.getValue();
    switch (v.getType()) {
      case ARRAY:
        {
          List<Object> items = new ArrayList<>();
          for (Object item : (List<?>) value) {
            items.add(toJava((Value<?>) item));
          }
          return items;
        }
      case KEY_VALUE_LIST:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (Object kv : (List<?>) value) {
            map.put(((KeyValue) kv).getKey(), toJava(((KeyValue) kv).getValue()));
          }
          return map;
        }
      case BYTES:
        {
          ByteBuffer b = ((ByteBuffer) value).duplicate();
          byte[] bytes = new byte[b.remaining()];
          b.get(bytes);
          return new String(bytes, StandardCharsets.UTF_8);
        }
      default:
        return value;
    }
  }

  private static Value<?> fromJava(Object v) {
    if (v instanceof String) {
      return Value.of((String) v);
    }
    if (v instanceof Boolean) {
      return Value.of((Boolean) v);
    }
    if (v instanceof Long || v instanceof Integer) {
      return Value.of(((Number) v).longValue());
    }
    if (v instanceof Double) {
      return Value.of((Double) v);
    }
    if (v instanceof Map) {
      List<KeyValue> kvs = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        kvs.add(KeyValue.of(String.valueOf(e.getKey()), fromJava(e.getValue())));
      }
      return Value.of(kvs.toArray(new KeyValue[0]));
    }
    if (v instanceof List) {
      List<Value<?>> items = new ArrayList<>();
      for (Object item : (List<?>) v) {
        items.add(fromJava(item));
      }
      return Value.of(items);
    }
    return Value.of(String.valueOf(v));
  }
}
