package dev.scrubjay;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The cases of {@code tests/vectors/*.json}, as JSON trees and as plain Java values. */
final class Vectors {
  /** Numbers as {@code Long} when whole, else {@code Double}; maps keep their order. */
  static final Gson GSON =
      new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

  private Vectors() {}

  static Path folder() {
    String dir = System.getProperty("scrubjay.vectors", "../tests/vectors");
    return Path.of(dir);
  }

  /** One case: its file, and the case as a JSON object. */
  record Case(String file, JsonObject json) {
    String name() {
      return json.get("name").getAsString();
    }

    String op() {
      return json.get("op").getAsString();
    }

    boolean defaultPolicy() {
      return json.get("policy").isJsonNull();
    }

    /** The policy as JSON text. */
    String policy() {
      return json.get("policy").toString();
    }

    Object input() {
      return value(json.get("input"));
    }

    Object expected() {
      return value(json.get("expected"));
    }

    boolean has(String field) {
      return json.has(field);
    }

    String string(String field) {
      return json.get(field).getAsString();
    }
  }

  static Object value(JsonElement e) {
    return GSON.fromJson(e, Object.class);
  }

  static List<Case> all() throws IOException {
    List<Case> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(folder())) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path p : files) {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      for (JsonElement e : JsonParser.parseString(text).getAsJsonArray()) {
        out.add(new Case(p.getFileName().toString(), e.getAsJsonObject()));
      }
    }
    return out;
  }
}
