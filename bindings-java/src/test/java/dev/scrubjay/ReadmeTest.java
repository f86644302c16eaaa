package dev.scrubjay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of the top-level README, compiled and run: each {@code engine.…; // value}
 * line must give the value its comment shows (maps compared in key order).
 */
class ReadmeTest {
  @Test
  void theReadmeExampleRunsAsShown(@TempDir Path dir) throws Exception {
    Path readme = Vectors.folder().resolve("../../README.md").normalize();
    String text = Files.readString(readme);
    int section = text.indexOf("\n## Java\n");
    assertTrue(section >= 0, "README.md has no Java section");
    int start = text.indexOf("```java\n", section) + "```java\n".length();
    String block = text.substring(start, text.indexOf("```", start));

    StringBuilder body = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (String line : block.split("\n")) {
      int comment = line.indexOf("; // ");
      if (line.contains("engine.") && comment >= 0) {
        body.append("out.add(show(").append(line, 0, comment).append("));\n");
        expected.add(line.substring(comment + "; // ".length()).trim());
      } else {
        body.append(line).append('\n');
      }
    }
    assertEquals(2, expected.size(), block);
    String source =
        "import dev.scrubjay.*;\nimport java.util.*;\n"
            + "public class ReadmeExample {\n"
            + "  static String show(Object v) {\n"
            + "    return v instanceof Map ? new TreeMap<>((Map<?, ?>) v).toString() : String.valueOf(v);\n"
            + "  }\n"
            + "  public static List<String> run() {\n"
            + "    List<String> out = new ArrayList<>();\n"
            + body
            + "    return out;\n  }\n}\n";
    Path file = dir.resolve("ReadmeExample.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(null, null, null, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"), file.toString());
    assertEquals(0, status, source);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Object got = loader.loadClass("ReadmeExample").getMethod("run").invoke(null);
      assertEquals(expected, got);
    }
  }
}
