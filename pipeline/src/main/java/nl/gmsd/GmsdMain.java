package nl.gmsd;

import java.io.PrintStream;
import java.util.Arrays;
import nl.gmsd.check.CheckCommand;
import nl.gmsd.generate.GenerateCommand;

/** Entry point of the runnable jar: dispatches the subcommands of {@code scripts/gmsd}. */
public final class GmsdMain {

  static final String USAGE = """
      gmsd: half-year processing of the Gemeentelijke Monitor Sociaal Domein (Wmo)

      Usage:
        gmsd run %s [options]
            The whole processing: technical check, pseudonymisation, merging, reference joins,
            counts, disclosure control, reports. Results for the period and the one before, on
            the embedded Flink engine by default. Every option with its default: gmsd run --help.

        gmsd check [--json] [--received-at=ISO-8601] FILE...
            The stand-alone technical check of delivery files before upload, with the shipped
            division; report in Dutch on stdout (--json for machines). Exit 1 if a file is rejected.

        gmsd generate --output=DIR --scale=S --seed=N [--period=H12025]
            A synthetic delivery archive (DIR/archive) and reference folder (DIR/reference) on the
            real division; scale 1.0 = national volume. BSNs are made up, not from any register.

        gmsd demo [--output=DIR] [--scale=S] [--seed=N] [--period=H12025] [run options]
            Generates sample data (default scale 0.01 into ./gmsd-demo), makes a throwaway key,
            and runs the whole job on the embedded engine; prints where the outputs are
            (gmsd demo --help).

        gmsd help | --help
      """.formatted(RunOptions.requiredUsage());

  private GmsdMain() {}

  public static void main(String[] args) {
    int rc = dispatch(args, System.out, System.err);
    RunTemporaryFolder.removeHandedOver(); // made by scripts/gmsd; gone already when a run used it
    System.exit(rc);
  }

  static int dispatch(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    boolean help = Arrays.asList(rest).contains("--help");
    switch (args[0]) {
      case "help", "--help", "-h" -> {
        out.print(USAGE);
        return 0;
      }
      case "run" -> {
        if (help) {
          out.print(RunOptions.runHelp());
          return 0;
        }
        return RunCommand.run(rest, out, err);
      }
      case "check" -> {
        return CheckCommand.run(rest, out, err);
      }
      case "generate" -> {
        return GenerateCommand.run(rest, out, err);
      }
      case "demo" -> {
        if (help) {
          out.print(RunOptions.demoHelp(DemoCommand.OPTIONS));
          return 0;
        }
        return DemoCommand.run(rest, out, err);
      }
      default -> {
        err.println("gmsd: unknown command '" + args[0] + "'");
        err.print(USAGE);
        return 2;
      }
    }
  }
}
