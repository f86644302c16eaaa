package dev.scrubjay.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@link AgentApp} under {@code -javaagent:opentelemetry-javaagent.jar} with
 * {@code -Dotel.javaagent.extensions=scrubjay.jar} and the logging exporter, which prints each
 * span to standard error. The span must come out, without its secrets.
 */
class AgentExtensionTest {
  private static final List<String> SECRETS =
      List.of("jane.agent@example.com", "Hunter2Secret", "4111 1111 1111 1111");

  @Test
  void theAgentExportsSpansScrubbed(@TempDir Path dir) throws Exception {
    Path agent = Path.of(System.getProperty("scrubjay.javaagent", "missing-agent.jar"));
    assertTrue(Files.isRegularFile(agent), "the javaagent jar is a test dependency: " + agent);
    Path extension = extensionJar(dir.resolve("scrubjay.jar"));

    String out = run(agent, extension, true);
    assertTrue(out.contains("agent-checkout"), "the span was not exported:\n" + out);
    assertTrue(out.contains("[REDACTED:email]"), out);
    for (String secret : SECRETS) {
      assertFalse(out.contains(secret), secret + " leaked:\n" + out);
    }

    // Without the extension the same program does print its secrets: the check above can fail.
    String raw = run(agent, extension, false);
    assertTrue(raw.contains("jane.agent@example.com"), raw);
  }

  @Test
  void theAgentCountsWhatItRedactsWhenMetricsAreOn(@TempDir Path dir) throws Exception {
    Path agent = Path.of(System.getProperty("scrubjay.javaagent", "missing-agent.jar"));
    assertTrue(Files.isRegularFile(agent), "the javaagent jar is a test dependency: " + agent);
    Path extension = extensionJar(dir.resolve("scrubjay.jar"));

    // The span is exported within 10 ms of its end and the metrics read every 200 ms while the
    // program lingers; the logging exporter prints both.
    String out =
        run(
            agent,
            extension,
            true,
            "-Dotel.scrubjay.metrics.enabled=true",
            "-Dotel.metrics.exporter=logging",
            "-Dotel.metric.export.interval=200",
            "-Dotel.bsp.schedule.delay=10",
            "-Dagent.app.linger.ms=2000");
    assertTrue(out.contains("agent-checkout"), "the span was not exported:\n" + out);
    for (String secret : SECRETS) {
      assertFalse(out.contains(secret), secret + " leaked:\n" + out);
    }
    String metrics = linesWith(out, "scrubjay.redactions");
    assertTrue(metrics.contains("unit={redaction}"), out);
    assertTrue(metrics.contains("attributes={rule=\"email\"}, value=1,"), metrics);
    assertTrue(metrics.contains("attributes={rule=\"password\"}, value=1,"), metrics);

    // Off by default: the same run records nothing.
    String off =
        run(
            agent,
            extension,
            true,
            "-Dotel.metrics.exporter=logging",
            "-Dotel.metric.export.interval=200",
            "-Dotel.bsp.schedule.delay=10",
            "-Dagent.app.linger.ms=1000");
    assertTrue(off.contains("[REDACTED:email]"), off);
    assertFalse(off.contains("scrubjay.redactions"), linesWith(off, "scrubjay"));
  }

  /** The lines of {@code text} that contain {@code part}. */
  private static String linesWith(String text, String part) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.contains(part)) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Runs AgentApp under the agent, with {@code options} after the defaults (which they
   * override); its standard output and error together.
   */
  private static String run(Path agent, Path extension, boolean withExtension, String... options)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-javaagent:" + agent);
    if (withExtension) {
      cmd.add("-Dotel.javaagent.extensions=" + extension);
    }
    cmd.add("-Dotel.traces.exporter=logging");
    cmd.add("-Dotel.metrics.exporter=none");
    cmd.add("-Dotel.logs.exporter=none");
    cmd.add("-Dotel.service.name=agent-app");
    cmd.addAll(List.of(options));
    cmd.add("-cp");
    cmd.add(
        String.join(
            File.pathSeparator,
            location(AgentApp.class),
            location(GlobalOpenTelemetry.class),
            location(Context.class)));
    cmd.add(AgentApp.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the agent app did not end");
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  private static String location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /**
   * The extension jar as {@code mvn package} makes it, from {@code target/classes} (the main
   * classes, the native library and the service file): the test runs before packaging.
   */
  private static Path extensionJar(Path jar) throws Exception {
    Path classes = Path.of(location(ScrubjayCustomizerProvider.class));
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
        out.write(read(p));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static byte[] read(Path p) throws IOException {
    return Files.readAllBytes(p);
  }
}
