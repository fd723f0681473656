package org.openucwa.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link BenchServer} child JVM: started with the benchmark's heap and collector flags and the
 * driver's own class path, its standard error sent to a log file, and spoken to line by line over
 * its standard input and output; anything else it prints is passed on. Closing it stops the
 * process, forcibly if it does not stop at once; the driver also closes it from a shutdown hook.
 */
final class ServerProcess implements AutoCloseable {

  private static final String EXITED = "@exited";

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Path log;
  private final Map<String, String> started;
  private volatile boolean outOfMemory;

  private ServerProcess(Process process, Path log, Duration startTimeout)
      throws IOException, InterruptedException {
    this.process = process;
    this.log = log;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread.ofPlatform().daemon().name("server-stdout").start(this::readReplies);
    this.started = reply(startTimeout);
  }

  /** Starts the server JVM with {@code jvmFlags} and waits until it listens. */
  static ServerProcess start(
      List<String> jvmFlags, List<String> args, Path log, Duration startTimeout)
      throws IOException, InterruptedException {
    List<String> cmd = javaCommand(jvmFlags, BenchServer.class.getName(), args);
    Process p =
        new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
    try {
      return new ServerProcess(p, log, startTimeout);
    } catch (IOException | RuntimeException | InterruptedException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /**
   * The command line that runs {@code mainClass} with {@code args} in a JVM of this JDK, with
   * {@code jvmFlags} and the driver's own class path: how every benchmark starts a server.
   */
  static List<String> javaCommand(List<String> jvmFlags, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  int port() {
    return Integer.parseInt(started.get("port"));
  }

  /** A value of the server's first answer: {@code port}, {@code url}, {@code member}. */
  Optional<String> started(String key) {
    return Optional.ofNullable(started.get(key));
  }

  long pid() {
    return process.pid();
  }

  /** Sends one command and returns the values of its {@code OK} answer. */
  synchronized Map<String, String> command(String line, Duration timeout)
      throws IOException, InterruptedException {
    commands.write(line + "\n");
    commands.flush();
    return reply(timeout);
  }

  private Map<String, String> reply(Duration timeout) throws IOException, InterruptedException {
    String line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new IOException("the server did not answer within " + timeout + "; see " + log);
    }
    if (line.equals(EXITED)) {
      replies.add(EXITED);
      process.waitFor(60, TimeUnit.SECONDS);
      throw new IOException(
          "the server exited"
              + (process.isAlive() ? "" : " with status " + process.exitValue())
              + (outOfMemory ? " after an OutOfMemoryError" : "")
              + "; see "
              + log);
    }
    String[] words = line.substring(BenchServer.PREFIX.length()).split(" ");
    Map<String, String> values = new HashMap<>();
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq > 0) {
        values.put(words[i].substring(0, eq), words[i].substring(eq + 1));
      }
    }
    if (!words[0].equals("OK")) {
      throw new IOException("the server refused: " + line);
    }
    return values;
  }

  private void readReplies() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith(BenchServer.PREFIX)) {
          replies.add(line);
        } else {
          outOfMemory |= line.contains("OutOfMemoryError");
          System.err.println("[server] " + line);
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    replies.add(EXITED);
  }

  /** Whether the server reported running out of memory (it is started to exit when it does). */
  boolean ranOutOfMemory() {
    return outOfMemory;
  }

  /** The CPU time the server process has used so far, where the platform tells. */
  Optional<Duration> cpu() {
    return process.info().totalCpuDuration();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      commands.close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
