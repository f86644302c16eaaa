package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import dev.scrubjay.PolicyException;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The OpenTelemetry Java agent extension (and SDK autoconfiguration hook), registered in {@code
 * META-INF/services}: every span and log record exporter the agent configures is wrapped in a
 * {@link RedactingSpanExporter} or {@link RedactingLogRecordExporter}.
 *
 * <pre>
 * java -javaagent:opentelemetry-javaagent.jar -Dotel.javaagent.extensions=scrubjay.jar -jar app.jar
 * </pre>
 *
 * <p>Settings (system properties or the matching {@code OTEL_SCRUBJAY_*} variables):
 *
 * <ul>
 *   <li>{@code otel.scrubjay.policy.file}: a JSON or YAML policy; the default policy when unset.
 *       A policy that does not load stops the SDK's configuration (nothing is exported
 *       unscrubbed);
 *   <li>{@code otel.scrubjay.enabled}: {@code false} leaves the exporters as they are.
 * </ul>
 */
public final class ScrubjayCustomizerProvider implements AutoConfigurationCustomizerProvider {
  static final String POLICY_FILE = "otel.scrubjay.policy.file";
  static final String ENABLED = "otel.scrubjay.enabled";

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addSpanExporterCustomizer(
        (exporter, config) ->
            enabled(config) ? new RedactingSpanExporter(exporter, engine(config), true) : exporter);
    customizer.addLogRecordExporterCustomizer(
        (exporter, config) ->
            enabled(config)
                ? new RedactingLogRecordExporter(exporter, engine(config), true)
                : exporter);
  }

  private static boolean enabled(ConfigProperties config) {
    return config.getBoolean(ENABLED, true);
  }

  /** An engine of the configured policy, owned by the exporter it is made for. */
  private static Engine engine(ConfigProperties config) {
    String file = config.getString(POLICY_FILE);
    if (file == null || file.isBlank()) {
      return new Engine();
    }
    try {
      return Engine.fromFile(Path.of(file));
    } catch (IOException | PolicyException e) {
      throw new ConfigurationException("scrubjay: " + POLICY_FILE + "=" + file + ": " + e.getMessage(), e);
    }
  }
}
