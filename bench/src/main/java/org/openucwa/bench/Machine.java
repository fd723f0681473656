package org.openucwa.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the run ran on: processors, memory, CPU model, system, JDK and open-file limit; and how much
 * CPU other processes took meanwhile, to tell whether the machine was quiet.
 */
final class Machine {

  private Machine() {}

  static Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    m.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put(
        "jdk",
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version"));
    m.put("open files (soft limit)", Long.toString(openFilesLimit()));
    m.put("load average at start", loadAverage());
    return m;
  }

  /**
   * The CPU time (seconds) so far of every process on the machine, by pid and start time, from
   * {@code /proc/<pid>/stat}; empty where there is no /proc.
   */
  static Map<String, Double> processCpu() {
    Map<String, Double> out = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          String stat = Files.readString(proc.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.put(
              proc.getFileName() + "@" + f[19],
              (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
        } catch (IOException | RuntimeException e) {
          // the process ended
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /**
   * The CPU time used between two {@link #processCpu} readings by processes other than {@code
   * ours}; a process that ended in between is missed, so this is a lower bound.
   */
  static double otherProcessesCpu(
      Map<String, Double> before, Map<String, Double> after, Set<Long> ours) {
    double sum = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      long pid = Long.parseLong(e.getKey().substring(0, e.getKey().indexOf('@')));
      if (!ours.contains(pid)) {
        sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      }
    }
    return sum;
  }

  /** CPU time of this process so far. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The soft limit on open files of this process (and so of its children); unknown: no limit. */
  static long openFilesLimit() {
    for (String line : lines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    return Long.MAX_VALUE;
  }

  private static String firstValue(Path file, String key) {
    for (String line : lines(file)) {
      if (line.startsWith(key)) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  static String loadAverage() {
    return firstLine(Path.of("/proc/loadavg"));
  }

  private static String firstLine(Path file) {
    List<String> l = lines(file);
    return l.isEmpty() ? "unknown" : l.get(0);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
