import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DuckDB side of {@code scripts/bench --compare-sql}: runs the SQL files of {@code bench/sql/}
 * in one in-memory DuckDB database (the same processing as {@code gmsd run}, see BENCHMARKS.md),
 * or compares their outputs with a job's. A single-file program, run by the script as
 * {@code java -cp duckdb_jdbc.jar bench/SqlBaseline.java ...}: DuckDB stays out of the build.
 *
 * <pre>
 * run:     [--sql-dir=bench/sql] --archive=DIR --reference=DIR --period=H12025 --key-file=FILE --out=DIR
 *          [--minCount=8] [--roundingBase=5] [--maxGapDays=3] [--maxDeliveriesPerWindow=20]
 *          [--pseudonymise=false] [--threads=N] [--profile]
 * compare: --compare --job-output=DIR --out=DIR
 * </pre>
 *
 * Exit 0 when done (compare: the outputs agree), 1 on a mismatch, 2 on bad arguments or a failure.
 */
public final class SqlBaseline {

  private static final List<String> STEPS =
      List.of("1-inputs.sql", "2-check.sql", "3-in-force.sql", "4-merge.sql", "5-count.sql", "6-table.sql");

  /** How many mismatching rows of each kind are printed. */
  private static final int SHOWN = 20;

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        usage("unexpected argument '" + arg + "'");
      }
      int eq = arg.indexOf('=');
      a.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
    }
    Path sqlDir = Paths.get(a.getOrDefault("sql-dir", "bench/sql")).toAbsolutePath();
    try {
      int exit = a.containsKey("compare") ? compare(a, sqlDir) : run(a, sqlDir);
      System.exit(exit);
    } catch (SQLException e) {
      System.err.println("SqlBaseline: " + e.getMessage());
      System.exit(2);
    }
  }

  private static int run(Map<String, String> a, Path sqlDir) throws SQLException, IOException {
    Path archive = dir(a, "archive");
    Path reference = dir(a, "reference");
    Path out = Paths.get(required(a, "out")).toAbsolutePath();
    Files.createDirectories(out);
    Path provinceCodes = Paths.get(a.getOrDefault("province-codes",
        "pipeline/src/main/resources/nl/gmsd/refdata/gemeenten_detail.csv")).toAbsolutePath();
    long started = System.nanoTime();
    long cpuBefore = cpuNanos();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = c.createStatement()) {
        if (a.containsKey("threads")) {
          s.execute("SET threads = " + Integer.parseInt(a.get("threads")));
        }
        s.execute("SET temp_directory = '" + out.resolve("duckdb.tmp").toString().replace("'", "''") + "'");
        s.execute("SET preserve_insertion_order = false");
      }
      variable(c, "archive", archive.toString());
      variable(c, "reference", reference.toString());
      variable(c, "period", required(a, "period"));
      variable(c, "key_file", Paths.get(required(a, "key-file")).toAbsolutePath().toString());
      variable(c, "province_codes", provinceCodes.toString());
      variable(c, "out", out.toString());
      variable(c, "has_withdrawals", Files.isRegularFile(archive.resolve("withdrawals.csv")));
      variable(c, "max_deliveries", Integer.parseInt(a.getOrDefault("maxDeliveriesPerWindow", "20")));
      variable(c, "max_gap_days", Integer.parseInt(a.getOrDefault("maxGapDays", "3")));
      variable(c, "min_count", Integer.parseInt(a.getOrDefault("minCount", "8")));
      variable(c, "rounding_base", Integer.parseInt(a.getOrDefault("roundingBase", "5")));
      variable(c, "pseudonymise", Boolean.parseBoolean(a.getOrDefault("pseudonymise", "false")));
      boolean profile = Boolean.parseBoolean(a.getOrDefault("profile", "false"));
      for (String step : STEPS) {
        long t = System.nanoTime();
        String sql = Files.readString(sqlDir.resolve(step), StandardCharsets.UTF_8);
        // --profile: statement by statement (each ends with ';' at the end of a line), with times.
        for (String statement : profile ? sql.split(";[ \\t]*(\\r?\\n|$)") : new String[] {sql}) {
          if (statement.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
            continue;
          }
          long st = System.nanoTime();
          try (Statement s = c.createStatement()) {
            s.execute(statement);
          } catch (SQLException e) {
            throw new SQLException(sqlDir.resolve(step) + ": " + e.getMessage(), e);
          }
          if (profile) {
            String first = statement.replaceAll("(?m)^\\s*--.*\\n", "").strip().lines().findFirst().orElse("");
            System.out.printf("    %6.2f s  %s%n", seconds(st), first.length() > 90 ? first.substring(0, 90) : first);
          }
        }
        System.out.printf("  %-16s %6.1f s%n", step, seconds(t));
      }
    }
    // The process's CPU time while the SQL ran (DuckDB's threads are this process's threads).
    System.out.printf("sql time %.1f s, cpu %.1f s%n", seconds(started), (cpuNanos() - cpuBefore) / 1e9);
    return 0;
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  private static int compare(Map<String, String> a, Path sqlDir) throws SQLException, IOException {
    Path job = dir(a, "job-output");
    Path out = dir(a, "out");
    int problems = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      variable(c, "job_output", job.toString());
      variable(c, "sql_output", out.toString());
      try (Statement s = c.createStatement()) {
        s.execute(Files.readString(sqlDir.resolve("compare.sql"), StandardCharsets.UTF_8));
      }
      Map<String, Long> outcomes = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT outcome, count(*) FROM cell_comparison GROUP BY outcome ORDER BY outcome")) {
        while (r.next()) {
          outcomes.put(r.getString(1), r.getLong(2));
        }
      }
      long cells = outcomes.values().stream().mapToLong(Long::longValue).sum();
      long bad = cells - outcomes.getOrDefault("equal", 0L) - outcomes.getOrDefault("secondary", 0L);
      System.out.printf("cells            %d compared: %d equal, %d secret in the job only (its secondary suppression), %d mismatches%n",
          cells, outcomes.getOrDefault("equal", 0L), outcomes.getOrDefault("secondary", 0L), bad);
      if (bad > 0) {
        problems += bad;
        print(c, "SELECT outcome, period, region_level, region_code, dimension, category, measure, job_value, job_status,"
            + " sql_value, sql_status FROM cell_comparison WHERE outcome NOT IN ('equal', 'secondary')"
            + " ORDER BY ALL LIMIT " + SHOWN);
      }
      long verdicts = scalar(c, "SELECT count(*) FROM verdict_comparison");
      long badVerdicts = scalar(c, "SELECT count(*) FROM verdict_comparison WHERE job_row IS DISTINCT FROM sql_row");
      System.out.printf("verdicts         %d files compared (verdict, errors, in force, ...): %d mismatches%n", verdicts, badVerdicts);
      if (badVerdicts > 0) {
        problems += badVerdicts;
        print(c, "SELECT file, job_row, sql_row FROM verdict_comparison WHERE job_row IS DISTINCT FROM sql_row"
            + " ORDER BY file LIMIT " + SHOWN);
      }
      long badCounts = scalar(c, "SELECT count(*) FROM count_comparison WHERE job_value IS DISTINCT FROM sql_value");
      System.out.printf("run.json counts  %d compared: %d mismatches%n", scalar(c, "SELECT count(*) FROM count_comparison"), badCounts);
      if (badCounts > 0) {
        problems += badCounts;
        print(c, "SELECT name, job_value, sql_value FROM count_comparison WHERE job_value IS DISTINCT FROM sql_value ORDER BY name");
      }
    }
    if (problems > 0) {
      System.out.println("MISMATCH: the job and the SQL disagree (" + problems + " differences, first "
          + SHOWN + " of each kind above)");
      return 1;
    }
    System.out.println("the job and the SQL agree wherever both compute a result");
    return 0;
  }

  private static void variable(Connection c, String name, Object value) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SET VARIABLE " + name + " = ?")) {
      p.setObject(1, value);
      p.execute();
    }
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void print(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      StringBuilder header = new StringBuilder("    ");
      for (int i = 1; i <= n; i++) {
        header.append(i > 1 ? " | " : "").append(r.getMetaData().getColumnName(i));
      }
      System.out.println(header);
      while (r.next()) {
        StringBuilder row = new StringBuilder("    ");
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? " | " : "").append(r.getString(i));
        }
        System.out.println(row);
      }
    }
  }

  private static Path dir(Map<String, String> a, String name) {
    Path p = Paths.get(required(a, name)).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      usage("--" + name + ": " + p + " is not a folder");
    }
    return p;
  }

  private static String required(Map<String, String> a, String name) {
    String v = a.get(name);
    if (v == null || v.isEmpty()) {
      usage("--" + name + "= is required");
    }
    return v;
  }

  private static void usage(String problem) {
    System.err.println("SqlBaseline: " + problem);
    System.exit(2);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
