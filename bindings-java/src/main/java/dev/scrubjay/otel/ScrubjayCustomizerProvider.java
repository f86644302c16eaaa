package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import dev.scrubjay.PolicyException;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.AutoConfigureListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
 *   <li>{@code otel.scrubjay.enabled}: {@code false} leaves the exporters as they are;
 *   <li>{@code otel.scrubjay.metrics.enabled}: {@code true} counts what the exporters redact as
 *       {@link RedactionMetrics} on the SDK's own meter provider (meter {@code scrubjay}); off by
 *       default.
 * </ul>
 *
 * <p>The autoconfiguration SPI hands an exporter customizer the exporter and the configuration,
 * never the meter provider, which the SDK builds before the exporters. The SDK's built {@link
 * OpenTelemetrySdk} reaches an {@link AutoConfigureListener} (an interface of the SPI's {@code
 * internal} package, which the SDK's own OTLP exporter providers implement to reach the meter
 * provider the same way): the wrapped exporters record from then on, before it nothing is
 * counted. {@code GlobalOpenTelemetry} is not used: the SDK may not be global, and reading an
 * unset global would fix it to a no-op.
 */
public final class ScrubjayCustomizerProvider
    implements AutoConfigurationCustomizerProvider, AutoConfigureListener {
  static final String POLICY_FILE = "otel.scrubjay.policy.file";
  static final String ENABLED = "otel.scrubjay.enabled";
  static final String METRICS_ENABLED = "otel.scrubjay.metrics.enabled";
  /** The name of the meter the metrics are made on. */
  static final String METER = "scrubjay";

  /**
   * The metrics of the exporters wrapped by the last {@link #customize} (set once the SDK is
   * built, when one of them asked for metrics), shared by those exporters.
   */
  private volatile Binding binding = new Binding();

  private static final class Binding implements Supplier<RedactionMetrics> {
    final AtomicReference<RedactionMetrics> metrics = new AtomicReference<>();
    volatile boolean wanted;

    @Override
    public RedactionMetrics get() {
      return metrics.get();
    }
  }

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    Binding b = new Binding();
    binding = b;
    customizer.addSpanExporterCustomizer(
        (exporter, config) ->
            enabled(config)
                ? new RedactingSpanExporter(exporter, engine(config), true, metrics(b, config))
                : exporter);
    customizer.addLogRecordExporterCustomizer(
        (exporter, config) ->
            enabled(config)
                ? new RedactingLogRecordExporter(exporter, engine(config), true, metrics(b, config))
                : exporter);
  }

  /** Binds the exporters' metrics to the meter provider of the SDK they were configured for. */
  @Override
  public void afterAutoConfigure(OpenTelemetrySdk sdk) {
    Binding b = binding;
    if (b.wanted) {
      Meter meter =
          sdk.getMeterProvider()
              .meterBuilder(METER)
              .setInstrumentationVersion(Engine.version())
              .build();
      b.metrics.set(new RedactionMetrics(meter));
    }
  }

  private static boolean enabled(ConfigProperties config) {
    return config.getBoolean(ENABLED, true);
  }

  /** The metrics an exporter records on: {@code b}'s when they are turned on, else none. */
  private static Supplier<RedactionMetrics> metrics(Binding b, ConfigProperties config) {
    if (!config.getBoolean(METRICS_ENABLED, false)) {
      return ExportScrubbing.NO_METRICS;
    }
    b.wanted = true;
    return b;
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
