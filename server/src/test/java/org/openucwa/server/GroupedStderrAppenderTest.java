package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedStderrAppenderTest {

  private final LoggerContext context = new LoggerContext();
  private final Recording out = new Recording();
  private GroupedStderrAppender appender;

  private Logger logger(int queueSize) {
    context.setMDCAdapter(new LogbackMDCAdapter());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    appender = new GroupedStderrAppender();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setQueueSize(queueSize);
    appender.setOutputStream(out);
    appender.start();
    Logger logger = context.getLogger("org.openucwa.access");
    logger.setAdditive(false);
    logger.addAppender(appender);
    return logger;
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void aLoneLineIsWrittenWithoutWaitingForMore() throws InterruptedException {
    Logger log = logger(16);

    log.info("GET / 200");

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (out.text().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(out.text()).isEqualTo("GET / 200\n");
  }

  @Test
  void everyLineOfManyThreadsArrivesWholeAndInOrderWithFewerWritesThanLines() throws Exception {
    Logger log = logger(64);
    int threads = 4;
    int lines = 5_000;
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < lines; i++) {
                      log.info("thread {} line {} {}", thread, i, "x".repeat(i % 300));
                    }
                  }));
    }
    for (Thread w : writers) {
      w.join();
    }
    appender.stop();

    String[] written = out.text().split("\n", -1);
    assertThat(written).hasSize(threads * lines + 1);
    assertThat(written[written.length - 1]).isEmpty();
    int[] next = new int[threads];
    Pattern line = Pattern.compile("thread (\\d) line (\\d+) (x*)");
    for (int i = 0; i < written.length - 1; i++) {
      Matcher m = line.matcher(written[i]);
      assertThat(m.matches()).as(written[i]).isTrue();
      int thread = Integer.parseInt(m.group(1));
      int n = Integer.parseInt(m.group(2));
      assertThat(n).isEqualTo(next[thread]);
      assertThat(m.group(3)).hasSize(n % 300);
      next[thread]++;
    }
    assertThat(out.writes()).isLessThan(threads * lines);
    assertThat(out.largestWrite()).isLessThanOrEqualTo(GroupedStderrAppender.WRITE_BYTES);
  }

  @Test
  void stoppingWritesWhatIsQueued() {
    Logger log = logger(10_000);
    for (int i = 0; i < 1_000; i++) {
      log.info("line {}", i);
    }

    appender.stop();

    assertThat(out.text().split("\n")).hasSize(1_000).endsWith("line 999");
  }

  @Test
  void withoutAnEncoderItDoesNotStart() {
    GroupedStderrAppender bare = new GroupedStderrAppender();
    bare.setContext(context);

    bare.start();

    assertThat(bare.isStarted()).isFalse();
  }

  /** Keeps what is written, and how many writes it came in. */
  private static final class Recording extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int writes;
    private int largest;

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      writes++;
      largest = Math.max(largest, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      writes++;
      largest = Math.max(largest, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized int writes() {
      return writes;
    }

    synchronized int largestWrite() {
      return largest;
    }
  }
}
