package org.openucwa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {

  @Test
  void pauses_of_g1_and_of_zgc_are_read_and_their_start_lines_are_not(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(
        log,
        """
        [1.946s][1796150356134ms][info][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)
        [1.979s][1796150356166ms][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 19M->5M(380M) 32.743ms
        [2.500s][1796150356700ms][info][gc,phases   ] GC(1) Y: Pause Mark Start 0.012ms
        [57.622s][1796147302869ms][info][gc,stats    ]       Young Pause: Pause Mark Start      0.040 / 0.053         0.036 / 0.057       ms
        """);

    GcLog.Log read = GcLog.read(log);

    assertThat(read.delays())
        .containsExactly(new GcLog.Delay(1.979, false, 32.743), new GcLog.Delay(2.5, false, 0.012));
  }
}
