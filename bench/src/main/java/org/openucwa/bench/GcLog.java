package org.openucwa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's unified GC log ({@code -Xlog:gc*:...:uptime,...}) for what can delay a
 * response: stop-the-world pauses ({@code Pause Mark Start 0.012ms} and the like) and allocation
 * stalls, where a thread waits for the collector to free memory; and the live set of the old
 * generation each major collection found, which counts what explicit collections may not (soft
 * references). The MXBeans give none of these with sub-millisecond precision.
 */
final class GcLog {

  /** One pause or stall: when (server uptime) and how long, in milliseconds. */
  record Delay(double atSeconds, boolean stall, double millis) {}

  /** What a major collection found live in the old generation, and when. */
  record OldLive(double atSeconds, long megabytes) {}

  /** Everything read from one log. */
  record Log(List<Delay> delays, List<OldLive> oldLive) {

    static Log empty() {
      return new Log(List.of(), List.of());
    }

    /** The largest old-generation live set found in a span of time, in MB; 0 if none. */
    long maxOldLive(double fromSeconds, double toSeconds) {
      long max = 0;
      for (OldLive o : oldLive) {
        if (o.atSeconds() >= fromSeconds && o.atSeconds() < toSeconds) {
          max = Math.max(max, o.megabytes());
        }
      }
      return max;
    }
  }

  /** The delays of one span of time: count, total and longest, pauses and stalls apart. */
  record Summary(
      int pauses,
      double pauseMillis,
      double longestPause,
      int stalls,
      double stallMillis,
      double longestStall) {

    static Summary of(List<Delay> delays, double fromSeconds, double toSeconds) {
      int pauses = 0;
      int stalls = 0;
      double pauseMs = 0;
      double stallMs = 0;
      double maxPause = 0;
      double maxStall = 0;
      for (Delay d : delays) {
        if (d.atSeconds() < fromSeconds || d.atSeconds() >= toSeconds) {
          continue;
        }
        if (d.stall()) {
          stalls++;
          stallMs += d.millis();
          maxStall = Math.max(maxStall, d.millis());
        } else {
          pauses++;
          pauseMs += d.millis();
          maxPause = Math.max(maxPause, d.millis());
        }
      }
      return new Summary(pauses, pauseMs, maxPause, stalls, stallMs, maxStall);
    }
  }

  private static final Pattern UPTIME = Pattern.compile("^\\[([0-9.]+)s\\]");

  /**
   * ZGC's {@code Pause Mark Start 0.012ms}, G1's {@code Pause Young (Normal) (...) 9M->5M(64M)
   * 3.4ms}.
   */
  private static final Pattern PAUSE = Pattern.compile("\\bPause [A-Z].*? ([0-9.]+)ms\\s*$");

  private static final Pattern STALL = Pattern.compile("\\bAllocation Stall \\(.*\\) ([0-9.]+)ms");
  private static final Pattern OLD_LIVE = Pattern.compile("\\bO:\\s+Live:\\s+-\\s+([0-9]+)M");

  private GcLog() {}

  /** Every pause, stall and old-generation live set in the log; empty if there is no log. */
  static Log read(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      return Log.empty();
    }
    List<Delay> out = new ArrayList<>();
    List<OldLive> live = new ArrayList<>();
    for (String line : lines) {
      Matcher at = UPTIME.matcher(line);
      if (!at.find()) {
        continue;
      }
      double seconds = Double.parseDouble(at.group(1));
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        out.add(new Delay(seconds, false, Double.parseDouble(m.group(1))));
        continue;
      }
      m = STALL.matcher(line);
      if (m.find()) {
        out.add(new Delay(seconds, true, Double.parseDouble(m.group(1))));
        continue;
      }
      m = OLD_LIVE.matcher(line);
      if (m.find()) {
        live.add(new OldLive(seconds, Long.parseLong(m.group(1))));
      }
    }
    return new Log(out, live);
  }
}
