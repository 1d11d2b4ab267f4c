package nl.gmsd.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Generated input for the probe job, and the output it must produce (computed in plain Java). */
final class ProbeInput {
  private ProbeInput() {}

  static final String MAIN_CLASS = "nl.gmsd.flink.probe.ClusterProbeJob";

  /**
   * Writes files × lines lines of random words from a small vocabulary into dir; returns the
   * expected output lines (word TAB count, sorted as String.compareTo sorts).
   */
  static List<String> write(Path dir, long seed, int files, int linesPerFile) throws IOException {
    Random random = new Random(seed);
    Map<String, Long> counts = new TreeMap<>();
    Files.createDirectories(dir);
    for (int f = 0; f < files; f++) {
      List<String> lines = new ArrayList<>();
      for (int l = 0; l < linesPerFile; l++) {
        StringBuilder line = new StringBuilder();
        int words = 1 + random.nextInt(8);
        for (int w = 0; w < words; w++) {
          String word = "w" + random.nextInt(300);
          counts.merge(word, 1L, Long::sum);
          line.append(w == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
      }
      Files.write(dir.resolve(String.format("part-%03d.txt", f)), lines, StandardCharsets.UTF_8);
    }
    List<String> expected = new ArrayList<>();
    counts.forEach((word, count) -> expected.add(word + "\t" + count));
    return expected;
  }

  static List<String> args(Path inputDir, Path output, long sleepMillisPerLine) {
    return List.of(
        "--input=" + inputDir.toAbsolutePath() + "/*.txt",
        "--output=" + output.toAbsolutePath(),
        "--sleepMillisPerLine=" + sleepMillisPerLine);
  }

  static List<Path> classPath() {
    return List.of(LocalFlinkCluster.gmsdJar(), LocalFlinkCluster.probeJar());
  }
}
