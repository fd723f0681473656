package org.openucwa.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of a process's threads, by kind (Linux {@code /proc/<pid>/task}): the virtual thread
 * carriers, the garbage collector's threads, the JIT compilers, Hazelcast's threads (a cluster's
 * node), the store's writers and pool, the publisher (the benchmark server's main thread) and the
 * rest. Tells whether the server's CPU goes to serving requests or to collecting garbage.
 */
final class ThreadCpu {

  private static final double TICKS_PER_SECOND = 100.0;

  private ThreadCpu() {}

  /** Seconds of CPU (user + system) per kind of thread; empty where there is no /proc. */
  static Map<String, Double> of(long pid) {
    Map<String, Double> out = new TreeMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", "" + pid, "task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).split(" ");
        double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        out.merge(kind(stat.substring(open + 1, close)), seconds, Double::sum);
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /** {@code after - before} per kind. */
  static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
    Map<String, Double> out = new TreeMap<>();
    after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
    return out;
  }

  private static String kind(String name) {
    if (name.startsWith("ForkJoinPool")) {
      return "virtual thread carriers";
    }
    if (name.startsWith("Z") || name.startsWith("GC ") || name.startsWith("G1 ")) {
      return "garbage collector";
    }
    if (name.startsWith("hz.")) {
      return "Hazelcast";
    }
    if (name.startsWith("access-log")) {
      return "access log";
    }
    // /proc gives at most 15 characters of a name: invitation-record-writer is invitation-reco
    if (name.contains("writer")
        || name.startsWith("invitation-rec")
        || name.startsWith("conversation-hi")
        || name.startsWith("HikariPool")
        || name.startsWith("H2")
        || name.startsWith("MVStore")) {
      return "store";
    }
    if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
      return "JIT compilers";
    }
    if (name.equals("java")) {
      return "publisher (main thread)";
    }
    return "other";
  }
}
