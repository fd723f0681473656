package org.openucwa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class histogram of the live heap as {@code GC.class_histogram} prints it, read back to say
 * where the memory of a held P-GET goes: the classes whose bytes grew most between two histograms.
 */
final class Histogram {

  /** A class and how many bytes more of it the later histogram holds. */
  record Growth(String className, long bytes) {}

  private Histogram() {}

  /** Bytes per class; empty if the file cannot be read. */
  static Map<String, Long> read(Path file) {
    Map<String, Long> out = new HashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return out;
    }
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        out.merge(f[3], Long.parseLong(f[2]), Long::sum);
      }
    }
    return out;
  }

  /** How many bytes more all classes together hold in {@code after}. */
  static long totalGrowth(Map<String, Long> before, Map<String, Long> after) {
    long sum = 0;
    for (long v : after.values()) {
      sum += v;
    }
    for (long v : before.values()) {
      sum -= v;
    }
    return sum;
  }

  /** The {@code top} classes that grew most from {@code before} to {@code after}. */
  static List<Growth> growth(Map<String, Long> before, Map<String, Long> after, int top) {
    List<Growth> all = new ArrayList<>();
    after.forEach((k, v) -> all.add(new Growth(k, v - before.getOrDefault(k, 0L))));
    all.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    return all.subList(0, Math.min(top, all.size()));
  }
}
