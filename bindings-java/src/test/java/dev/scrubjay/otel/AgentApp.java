package dev.scrubjay.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;

/**
 * The instrumented program {@link AgentExtensionTest} runs under the Java agent: one span with a
 * secret in its attributes, event and status, through the agent's global OpenTelemetry.
 */
public final class AgentApp {
  private AgentApp() {}

  public static void main(String[] args) {
    Span span = GlobalOpenTelemetry.getTracer("agent-app").spanBuilder("agent-checkout").startSpan();
    span.setAttribute("user.email", "jane.agent@example.com");
    span.setAttribute("db.password", "Hunter2Secret");
    span.setAttribute("http.request.method", "POST");
    span.recordException(new IllegalStateException("card 4111 1111 1111 1111 declined"));
    span.end();
    // The agent's batch processor exports at shutdown, or on its schedule while the program
    // lingers (-Dagent.app.linger.ms, for the metric reader to read what the export recorded).
    long linger = Long.getLong("agent.app.linger.ms", 0L);
    if (linger > 0) {
      try {
        Thread.sleep(linger);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
