package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import dev.scrubjay.Report;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry {@link Attributes} through {@link Engine#redactAttributes}: one native call per
 * attribute set, and back to typed attributes. A value the engine replaced becomes a string
 * attribute (an array with a replaced item, a string array); a removed one is left out.
 */
final class OtelAttributes {
  private OtelAttributes() {}

  /** {@code attributes} scrubbed, counting into {@code report} (null for none). */
  static Attributes redact(Engine engine, Attributes attributes, Report report) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    Map<String, Object> in = new LinkedHashMap<>(attributes.size() * 4 / 3 + 1);
    attributes.forEach((key, value) -> in.put(key.getKey(), value));
    Map<String, Object> out = engine.redactAttributes(in, report);
    AttributesBuilder b = Attributes.builder();
    for (Map.Entry<String, Object> e : out.entrySet()) {
      put(b, e.getKey(), e.getValue());
    }
    return b.build();
  }

  /**
   * A scope with its attributes (set by the instrumented code, and so free text) scrubbed; its
   * name, version and schema URL are its identity and stay.
   */
  static InstrumentationScopeInfo redact(
      Engine engine, InstrumentationScopeInfo scope, Report report) {
    Attributes attributes = redact(engine, scope.getAttributes(), report);
    if (attributes == scope.getAttributes()) {
      return scope;
    }
    var b = InstrumentationScopeInfo.builder(scope.getName()).setAttributes(attributes);
    if (scope.getVersion() != null) {
      b.setVersion(scope.getVersion());
    }
    if (scope.getSchemaUrl() != null) {
      b.setSchemaUrl(scope.getSchemaUrl());
    }
    return b.build();
  }

  static Resource redact(Engine engine, Resource resource, Report report) {
    Attributes attributes = redact(engine, resource.getAttributes(), report);
    if (attributes == resource.getAttributes()) {
      return resource;
    }
    return Resource.create(attributes, resource.getSchemaUrl());
  }

  private static void put(AttributesBuilder b, String key, Object value) {
    if (value instanceof String) {
      b.put(AttributeKey.stringKey(key), (String) value);
    } else if (value instanceof Boolean) {
      b.put(AttributeKey.booleanKey(key), (Boolean) value);
    } else if (value instanceof Long || value instanceof Integer) {
      b.put(AttributeKey.longKey(key), ((Number) value).longValue());
    } else if (value instanceof Double) {
      b.put(AttributeKey.doubleKey(key), (Double) value);
    } else if (value instanceof List) {
      putList(b, key, (List<?>) value);
    } else if (value != null) {
      b.put(AttributeKey.stringKey(key), String.valueOf(value));
    }
  }

  /** A typed array when every item has one type, else a string array. */
  @SuppressWarnings("unchecked")
  private static void putList(AttributesBuilder b, String key, List<?> items) {
    Class<?> type = null;
    for (Object item : items) {
      Class<?> t = item == null ? Void.class : item.getClass();
      type = type == null || type == t ? t : Object.class;
    }
    if (type == Boolean.class) {
      b.put(AttributeKey.booleanArrayKey(key), (List<Boolean>) items);
    } else if (type == Long.class) {
      b.put(AttributeKey.longArrayKey(key), (List<Long>) items);
    } else if (type == Double.class) {
      b.put(AttributeKey.doubleArrayKey(key), (List<Double>) items);
    } else {
      List<String> strings = new ArrayList<>(items.size());
      for (Object item : items) {
        strings.add(String.valueOf(item));
      }
      b.put(AttributeKey.stringArrayKey(key), strings);
    }
  }
}
