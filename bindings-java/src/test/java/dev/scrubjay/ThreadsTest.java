package dev.scrubjay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One engine shared by 8 threads gives what it gives one; closing it under them is safe. */
class ThreadsTest {
  private static final int THREADS = 8;

  @Test
  void eightThreadsOnOneEngineGiveTheSameResultsAsOne() throws Exception {
    List<Vectors.Case> cases = new ArrayList<>();
    for (Vectors.Case c : Vectors.all()) {
      boolean stringOrMap = c.op().equals("redact") || c.op().equals("redact_attributes") || c.op().equals("scan");
      if (c.defaultPolicy() && stringOrMap) {
        cases.add(c);
      }
    }
    assertTrue(cases.size() > 1000, "only " + cases.size() + " cases");
    try (Engine engine = new Engine()) {
      List<Object> alone = new ArrayList<>();
      for (Vectors.Case c : cases) {
        alone.add(VectorsTest.result(engine, c));
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Object>>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int offset = t * 97;
          runs.add(
              pool.submit(
                  () -> {
                    start.await();
                    // Each thread goes through the cases from its own starting point, three
                    // times, so that different cases run at the same moment.
                    Object[] got = new Object[cases.size()];
                    for (int round = 0; round < 3; round++) {
                      for (int i = 0; i < cases.size(); i++) {
                        int at = (i + offset) % cases.size();
                        got[at] = VectorsTest.result(engine, cases.get(at));
                      }
                    }
                    return List.of(got);
                  }));
        }
        start.countDown();
        for (Future<List<Object>> run : runs) {
          assertEquals(alone, run.get(5, TimeUnit.MINUTES));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void closingWhileThreadsRedactNeverCrashes() throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      Engine engine = new Engine();
      AtomicInteger done = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      AtomicInteger wrong = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    try {
                      String out = engine.redact("mail a@example.com " + i);
                      if (!out.equals("mail [REDACTED:email] " + i)) {
                        wrong.incrementAndGet();
                      }
                      done.incrementAndGet();
                    } catch (IllegalStateException closed) {
                      refused.incrementAndGet();
                    }
                  }
                });
        threads.add(thread);
        thread.start();
      }
      Thread.sleep(attempt % 5);
      engine.close();
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(4 * 2_000, done.get() + refused.get());
      assertEquals(0, wrong.get());
    }
  }
}
