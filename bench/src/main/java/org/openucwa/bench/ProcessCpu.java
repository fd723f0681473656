package org.openucwa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time of a process, from {@code /proc/<pid>/stat} (user plus system, in clock ticks). */
final class ProcessCpu {

  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessCpu() {}

  /** User and system clock ticks used so far by the process; -1 where there is no /proc. */
  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name is in parentheses and may hold spaces: count fields after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The parent of the process whose {@code /proc} folder this is; -1 when it cannot be read. */
  static long parent(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static double seconds(long ticks) {
    return ticks / TICKS_PER_SECOND;
  }
}
