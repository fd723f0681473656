package org.openucwa.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Measures the server JVM from inside: heap in use after full collections (the live set), the
 * resident set size, the highest heap use seen by a sampler since the last look (garbage included),
 * and the collector's cycle counts and times.
 *
 * <p>Threading: a daemon scheduler thread samples the heap and the RSS every 20 ms; the other
 * methods are called from the control thread.
 */
final class HeapProbe {

  private static final long SAMPLE_MILLIS = 20;
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final String STATM = "/proc/self/statm";

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong peakRss = new AtomicLong();
  private final Resident resident = new Resident();

  HeapProbe() {
    Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("heap-sampler").factory())
        .scheduleAtFixedRate(
            () -> {
              peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
              peakRss.accumulateAndGet(resident.bytes(), Math::max);
            },
            0,
            SAMPLE_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  /**
   * The live heap: the bytes the heap's pools held when the last of three full collections ended,
   * plus related figures. Read from the pools' collection usage, not from the heap's usage a moment
   * later, which also counts the allocation buffers threads took since: up to several MB on a
   * server that was busy, as much as the growth being looked for.
   */
  Map<String, Object> afterFullGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        Thread.sleep(200);
      }
      System.gc();
    }
    long live = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (after != null) {
        live += after.getUsed();
      }
    }
    var heap = memory.getHeapMemoryUsage();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("used", live);
    out.put("committed", heap.getCommitted());
    out.put("max", heap.getMax());
    out.put("rss", resident.bytes());
    out.put("platformThreads", ManagementFactory.getThreadMXBean().getThreadCount());
    return out;
  }

  /**
   * The JVM's uptime (the clock of the GC log), the peak heap use and the peak resident set since
   * the last call (both sampled every 20 ms, so under load, not only after collections), and the
   * collectors' totals so far.
   */
  Map<String, Object> stats() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
    out.put("peakUsed", peak.getAndSet(memory.getHeapMemoryUsage().getUsed()));
    out.put("allocated", allocated());
    long rss = resident.bytes();
    out.put("rss", rss);
    out.put("peakRss", peakRss.getAndSet(rss));
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      String name = gc.getName().replace(' ', '_');
      out.put("gc." + name + ".count", gc.getCollectionCount());
      out.put("gc." + name + ".ms", gc.getCollectionTime());
    }
    return out;
  }

  /** Bytes allocated by every thread so far (virtual threads count on their carriers). */
  private static long allocated() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        ? t.getTotalThreadAllocatedBytes()
        : -1;
  }

  /** The live objects by class, as {@code jcmd GC.class_histogram} prints them. */
  static String histogram() {
    try {
      return (String)
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
    } catch (JMException e) {
      return "no histogram: " + e;
    }
  }

  /**
   * The resident set: {@code /proc/self/statm}'s page count, read into one reused buffer. {@code
   * /proc/self/status}, read as lines, cost the measured server about 3% of its CPU at the
   * sampler's 50 reads a second (the kernel gathers every figure of the file for each read); it is
   * read once, to learn the page size. Thread-safe: the sampler and the control thread both read.
   */
  private static final class Resident {
    private final byte[] buffer = new byte[128];
    private final RandomAccessFile statm;
    private final long pageBytes;

    Resident() {
      RandomAccessFile f;
      try {
        f = new RandomAccessFile(STATM, "r");
      } catch (IOException e) {
        f = null; // not Linux: no figure
      }
      statm = f;
      long pages = pages();
      long status = statusResidentBytes();
      // the page size, from the same figure read both ways: the nearest power of two
      pageBytes = pages > 0 && status > 0 ? Long.highestOneBit(status / pages * 3 / 2) : -1;
    }

    synchronized long bytes() {
      long pages = pages();
      return pages < 0 || pageBytes < 0 ? -1 : pages * pageBytes;
    }

    private synchronized long pages() {
      if (statm == null) {
        return -1;
      }
      try {
        statm.seek(0);
        int n = statm.read(buffer);
        int i = 0;
        while (i < n && buffer[i] != ' ') {
          i++; // the first field is the total size; the second the resident pages
        }
        long pages = 0;
        for (i++; i < n && buffer[i] >= '0' && buffer[i] <= '9'; i++) {
          pages = pages * 10 + (buffer[i] - '0');
        }
        return pages;
      } catch (IOException e) {
        return -1;
      }
    }
  }

  private static long statusResidentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no figure
    }
    return -1;
  }
}
