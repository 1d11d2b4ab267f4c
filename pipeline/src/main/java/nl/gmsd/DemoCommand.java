package nl.gmsd;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.common.Period;
import nl.gmsd.generate.GenerateCommand;

/**
 * {@code gmsd demo}: sample data, a throwaway key and the whole job on the embedded engine, in
 * one command. The key is random, written only into the demo folder, and said to be throwaway.
 */
public final class DemoCommand {

  static final String DEFAULT_DIR = "gmsd-demo";
  static final String DEFAULT_SCALE = "0.01";
  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String KEY = "throwaway-demo.key";
  static final String PARTIAL_INPUT = ".input.partial";
  /** Marks a demo folder: the digest of its listing (output aside) as the demo left it. */
  static final String MARK = ".gmsd-demo";
  static final long DEFAULT_SEED = 1;
  static final String DEFAULT_PERIOD = "H12025";

  /** The demo's own options, for {@code gmsd demo --help}; the parsing below uses the same defaults. */
  static final List<RunOptions.Option> OPTIONS = List.of(
      new RunOptions.Option("output", "DIR", "./" + DEFAULT_DIR, false,
          "the demo's folder: sample data in DIR/input, the key, the outputs in DIR/output (a rerun replaces only what an earlier demo wrote there)",
          String.class),
      new RunOptions.Option("scale", "S", DEFAULT_SCALE, false,
          "the fraction of every gemeente's persons (all 342 gemeenten at every scale; 1.0 = national volume)",
          double.class),
      new RunOptions.Option("seed", "N", Long.toString(DEFAULT_SEED), false, "the sample data's random seed",
          long.class),
      new RunOptions.Option("period", "H1YYYY", DEFAULT_PERIOD, false, "the run's period; a half year of 2016-2019 adds SBO and JEUGD cost files and the kosten table",
          String.class));

  private DemoCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path dir = Paths.get(DEFAULT_DIR);
    double scale = Double.parseDouble(DEFAULT_SCALE);
    long seed = DEFAULT_SEED;
    String period = DEFAULT_PERIOD;
    List<String> runArgs = new ArrayList<>();
    try {
      for (String a : args) {
        if (a.startsWith("--output=")) {
          nl.gmsd.common.io.Location.requireLocal("gmsd demo", "--output", a.substring(9));
          dir = nl.gmsd.common.io.Location.localPath(a.substring(9));
        } else if (a.startsWith("--scale=")) {
          scale = Double.parseDouble(a.substring(8));
        } else if (a.startsWith("--seed=")) {
          seed = Long.parseLong(a.substring(7));
        } else if (a.startsWith("--period=")) {
          period = Period.parse(a.substring(9)).code();
        } else {
          runArgs.add(a);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("gmsd demo: " + e.getMessage());
      return 2;
    }
    dir = dir.toAbsolutePath().normalize();
    Path data = dir.resolve(INPUT);
    Path key = dir.resolve(KEY);
    Path output = dir.resolve(OUTPUT);
    try {
      requireDemoFolder(dir);
    } catch (OutputFolder.RefusedException e) {
      err.println("gmsd demo: " + e.getMessage());
      err.println("Nothing was written.");
      return 2;
    }
    try {
      prepare(dir, scale, seed, period, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    runArgs.add("--period=" + period);
    runArgs.add("--archive=" + data.resolve("archive"));
    runArgs.add("--reference=" + data.resolve("reference"));
    runArgs.add("--pseudonymKeyFile=" + key);
    runArgs.add("--output=" + output);
    out.println("3/3 Running the whole job");
    int rc = RunCommand.run(runArgs.toArray(new String[0]), out, err);
    if (rc == 0) {
      out.println();
      out.println("Outputs:");
      out.println("  " + output.resolve("tabellen/wmo.csv") + "   published table (long form)");
      if (Files.isRegularFile(output.resolve("tabellen/kosten.csv"))) {
        out.println("  " + output.resolve("tabellen/kosten.csv") + "   costs of the SBO and JEUGD files (2016-2019)");
      }
      out.println("  " + output.resolve("technische-toets/verdicts.csv") + "   verdict per delivered file");
      out.println("  " + output.resolve("op-orde/index.html") + "   op-orde overview (the office's, not to hand out)");
      out.println("  " + output.resolve("op-orde") + "/<gemeentecode>/   op-orde pages of one gemeente, for its coordinator");
      out.println("  " + output.resolve("tabellen/codes.csv") + "   what the tables' codes mean");
      out.println("  " + output.resolve("microdata/") + "   pseudonymised arrangements (Avro)");
      out.println("  " + output.resolve("run.json") + "   inputs, settings, counts, disclosure audit");
    }
    return rc;
  }

  /**
   * Writes the sample data and a throwaway key into {@code dir} (checked by
   * {@link #requireDemoFolder} first), replacing those of an earlier demo, and marks the folder.
   */
  static void prepare(Path dir, double scale, long seed, String period, PrintStream out) throws IOException {
    Path data = dir.resolve(INPUT);
    Path key = dir.resolve(KEY);
    Files.createDirectories(dir);
    out.printf("1/3 Generating sample data (scale %s, seed %d, period %s) in %s%n", scale, seed, period, data);
    // Generated beside and moved into place, so a rerun (or a demo killed while generating)
    // replaces the demo's own sample data instead of failing on it.
    Path fresh = dir.resolve(PARTIAL_INPUT);
    RunCommand.deleteRecursively(fresh);
    GenerateCommand.generate(fresh, scale, seed, Period.parse(period));
    RunCommand.deleteRecursively(data);
    Files.move(fresh, data);
    writeThrowawayKey(key);
    Files.writeString(dir.resolve(MARK), OutputFolder.digest(demoListing(dir)) + "\n");
    out.println("2/3 Made a throwaway pseudonymisation key for this demo only: " + key);
  }

  /**
   * The demo replaces its own sample data, key and output on a rerun, and nothing else: the
   * folder must be new, empty, or an earlier demo folder as the demo left it (its mark's digest
   * still matches; the output checked by gmsd run's own rule).
   */
  static void requireDemoFolder(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
        && OutputFolder.isEmpty(dir))) {
      return;
    }
    Path mark = dir.resolve(MARK);
    boolean earlierDemo = false;
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(mark, LinkOption.NOFOLLOW_LINKS)) {
      try {
        earlierDemo = Files.readString(mark).trim().equals(OutputFolder.digest(demoListing(dir)));
      } catch (IOException | UncheckedIOException e) {
        earlierDemo = false;
      }
    } else if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir.resolve(OUTPUT))) {
      earlierDemo = demoListing(dir).isEmpty(); // only what a demo killed early left: .input.partial
    }
    if (!earlierDemo) {
      throw new OutputFolder.RefusedException("--output=" + dir + " is not empty and is not a demo folder as an "
          + "earlier gmsd demo left it (" + OutputFolder.describe(dir) + "). gmsd demo replaces only its own "
          + "sample data and output: give a new or empty folder, e.g. --output=gmsd-demo-2");
    }
    OutputFolder.requireReplaceableRunOutput("--output", dir.resolve(OUTPUT));
  }

  /**
   * What the demo itself wrote into its folder: all but the run's output (and the run's hidden
   * staging beside it, which the run looks after), the mark, and a generation left unfinished.
   */
  private static List<String> demoListing(Path dir) {
    List<String> listing = new ArrayList<>();
    for (String e : OutputFolder.listing(dir, OUTPUT)) {
      String top = e.split("/", 2)[0].split(" ", 2)[0];
      if (!top.equals(MARK) && !top.equals(PARTIAL_INPUT) && !top.startsWith("." + OUTPUT + ".")) {
        listing.add(e);
      }
    }
    return listing;
  }

  private static void writeThrowawayKey(Path key) throws IOException {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    Files.deleteIfExists(key);
    Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(key, bytes);
  }
}
