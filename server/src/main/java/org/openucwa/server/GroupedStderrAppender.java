package org.openucwa.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The access log's appender: lines are queued by the request threads and written to standard error
 * by one thread of its own, which takes every line waiting, writes them with as few system calls as
 * they fit in, and then rests for {@link #LINGER_MILLIS} before it looks again. A console appender
 * behind an asynchronous one makes a system call per line and its writer is woken for each: at
 * thousands of requests a second, that was most of what the log cost. The first line after a quiet
 * spell is written at once; a line never waits longer than the rest. Each write holds whole lines,
 * so lines of other loggers on standard error never land inside one. A full queue makes the request
 * thread wait, as the asynchronous appender it replaces was set to (no line is dropped).
 */
public final class GroupedStderrAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

  /** At most this many bytes in one write. */
  static final int WRITE_BYTES = 32 * 1024;

  /** How long the writer rests after a write, gathering the lines of that time. */
  static final long LINGER_MILLIS = 100;

  private Encoder<ILoggingEvent> encoder;
  private int queueSize = 8192;
  private OutputStream out = new FileOutputStream(FileDescriptor.err);
  private BlockingQueue<ILoggingEvent> queue;
  private Thread writer;

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  /** Where the lines go instead of standard error (for tests). */
  void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("No encoder set for the appender named \"" + name + "\".");
      return;
    }
    if (queueSize < 1) {
      addError("Invalid queue size " + queueSize + " for the appender named \"" + name + "\".");
      return;
    }
    queue = new ArrayBlockingQueue<>(queueSize);
    writer = Thread.ofPlatform().daemon().name("access-log-writer").unstarted(this::writeLoop);
    super.start();
    writer.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    try {
      queue.put(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after writing what is queued (waiting at most a second for it). */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    writer.interrupt();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeLoop() {
    List<ILoggingEvent> batch = new ArrayList<>();
    ByteArrayOutputStream pending = new ByteArrayOutputStream(WRITE_BYTES);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        if (!isStarted()) {
          queue.drainTo(batch);
          write(batch, pending);
          return;
        }
        continue;
      }
      queue.drainTo(batch);
      write(batch, pending);
      batch.clear();
      try {
        Thread.sleep(LINGER_MILLIS);
      } catch (InterruptedException e) {
        if (!isStarted()) {
          queue.drainTo(batch);
          write(batch, pending);
          return;
        }
      }
    }
  }

  private void write(List<ILoggingEvent> batch, ByteArrayOutputStream pending) {
    try {
      for (ILoggingEvent event : batch) {
        byte[] line = encoder.encode(event);
        if (pending.size() > 0 && pending.size() + line.length > WRITE_BYTES) {
          flush(pending);
        }
        pending.write(line);
      }
      flush(pending);
    } catch (IOException | RuntimeException e) {
      pending.reset();
      addError("Writing the access log failed", e);
    }
  }

  private void flush(ByteArrayOutputStream pending) throws IOException {
    if (pending.size() > 0) {
      pending.writeTo(out);
      out.flush();
      pending.reset();
    }
  }
}
