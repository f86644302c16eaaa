package dev.scrubjay.bench;

import dev.scrubjay.Engine;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code make java-bench}: {@link Engine#redactAttributes} on 20-attribute spans against the
 * same rules as {@code java.util.regex} patterns applied one after another, in one run; prints
 * ns per span for each and the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpanBenchmark {
  private List<Map<String, Object>> spans;
  private Engine engine;
  private RegexPerRule baseline;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    spans = Spans.make(1000);
    engine = new Engine();
    baseline = new RegexPerRule();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  private Map<String, Object> span() {
    Map<String, Object> s = spans.get(next);
    next = next + 1 == spans.size() ? 0 : next + 1;
    return s;
  }

  @Benchmark
  public Map<String, Object> scrubjay() {
    return engine.redactAttributes(span());
  }

  @Benchmark
  public Object regexPerRule() {
    return baseline.redact(span());
  }

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results =
        new Runner(new OptionsBuilder().include(SpanBenchmark.class.getName() + "\\.").build()).run();
    double scrubjay = score(results, "scrubjay");
    double regex = score(results, "regexPerRule");
    System.out.printf("scrubjay redactAttributes          %10.0f ns/span%n", scrubjay);
    System.out.printf("java.util.regex, 17 rules one by one %8.0f ns/span%n", regex);
    System.out.printf("ratio %.1fx%n", regex / scrubjay);
  }

  private static double score(Collection<RunResult> results, String method) {
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().endsWith("." + method)) {
        return r.getPrimaryResult().getScore();
      }
    }
    throw new IllegalStateException("no result for " + method);
  }
}
