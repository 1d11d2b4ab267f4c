package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gmsd run --help}, the command line's checks and run.json's settings, all read from the options interfaces. */
class RunOptionsTest {

  private static final String REQUIRED = "--period=H12025 --archive=a --reference=b --pseudonymKeyFile=c --output=d";

  /** A stand-in for an options interface another change adds. */
  @Description("Something new")
  public interface NewOptions extends PipelineOptions {
    @Description("A new threshold.")
    @Default.Double(0.25)
    double getNewThreshold();

    void setNewThreshold(double value);

    @Description("A new input. Say more.")
    @Validation.Required
    String getNewInput();

    void setNewInput(String value);
  }

  /** Every getter of every part of GmsdOptions. */
  private static Set<String> declaredOptions() {
    Set<String> names = new TreeSet<>();
    for (Class<?> part : GmsdOptions.class.getInterfaces()) {
      for (Method m : part.getDeclaredMethods()) {
        if (m.getName().startsWith("get")) {
          names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
        }
      }
    }
    return names;
  }

  private static String[] args(String line) {
    return line.isBlank() ? new String[0] : line.trim().split(" +");
  }

  @Test
  void runHelpHasEveryOptionOnOneLineWithItsDefault() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertEquals(0, GmsdMain.dispatch(new String[] {"run", "--help"}, new PrintStream(bytes, true), System.err));
    String help = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = help.lines().toList();
    for (String name : declaredOptions()) {
      List<String> mine = lines.stream().filter(l -> l.startsWith("  --" + name + "=")).toList();
      assertEquals(1, mine.size(), name + " in\n" + help);
      assertTrue(mine.get(0).endsWith("[required]") || mine.get(0).contains("[default: "), mine.get(0));
    }
    for (String engine : List.of("runner", "flinkMaster", "parallelism", "hdfsConfiguration")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith("  --" + engine + "=") && l.contains("[default: ")), engine);
    }
    assertTrue(help.contains("  --minCount=N  ") && help.contains("[default: 8]"));
    assertTrue(help.contains("[default: nearest]"));
  }

  @Test
  void issue20sOptionsAreInTheHelpWithTheirDefaultsInWords() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertEquals(0, GmsdMain.dispatch(new String[] {"run", "--help"}, new PrintStream(bytes, true), System.err));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    String share = lines.stream().filter(l -> l.startsWith("  --minPersonMatchShare=X ")).findFirst().orElseThrow();
    assertTrue(share.endsWith("[default: 0.5]"), share);
    int heading = lines.indexOf("The join with the population register (SPEC 6):");
    assertTrue(heading >= 0 && lines.get(heading + 1).equals(share), "under its own heading: " + lines);
    String temp = lines.stream().filter(l -> l.startsWith("  --tempFolder=DIR ")).findFirst().orElseThrow();
    assertTrue(temp.endsWith("[default: the system's temporary folder: TMPDIR, else /tmp]"), temp);
  }

  @Test
  void everyOptionHasADescriptionAndEveryInterfaceAHeading() {
    for (Class<?> part : GmsdOptions.class.getInterfaces()) {
      Description heading = part.getAnnotation(Description.class);
      assertTrue(heading != null && !heading.value().isBlank(), part + " needs a @Description: the help's heading");
      for (Method m : part.getDeclaredMethods()) {
        if (m.getName().startsWith("get") || m.getName().startsWith("is")) {
          Description d = m.getAnnotation(Description.class);
          assertTrue(d != null && !d.value().isBlank(), m + " needs a @Description: it is the help's text");
          assertTrue(m.isAnnotationPresent(Validation.Required.class) || m.isAnnotationPresent(RunOptions.DefaultInWords.class)
              || Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().getEnclosingClass() == Default.class),
              m + " needs a @Default (or @Validation.Required): the help shows it");
        }
      }
    }
    for (RunOptions.Option o : Engines.OPTIONS) {
      assertFalse(o.description().isBlank(), o.toString());
    }
  }

  @Test
  void theHelpsDefaultsAreTheValuesARunGetsWithoutTheOption() {
    PipelineOptionsFactory.register(GmsdOptions.class);
    GmsdOptions o = PipelineOptionsFactory.fromArgs(args(REQUIRED)).as(GmsdOptions.class);
    int compared = 0;
    for (RunOptions.Group g : RunOptions.groups()) {
      for (RunOptions.Option option : g.list()) {
        if (option.required()) {
          continue;
        }
        Object value = RunOptions.value(o, g.options(), option.name());
        if (option.name().equals("tempFolder")) { // a default in words: the system's temporary folder
          assertEquals(System.getProperty("java.io.tmpdir"), value);
          continue;
        }
        assertEquals(option.defaultText(), String.valueOf(value), option.name());
        compared++;
      }
    }
    assertTrue(compared >= 8, "compared " + compared);
  }

  @Test
  void theEngineOptionsInTheHelpAreBeamsOwn() {
    Map<String, Class<?>> known = RunOptions.knownOptions();
    for (RunOptions.Option o : Engines.OPTIONS) {
      Class<?> type = known.get(o.name());
      assertTrue(type != null, o.name() + " is an option of Beam's or Flink's");
      if (type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class) {
        assertEquals(boxed(type), boxed(o.type()), o.name() + ": its type, for the help's placeholder");
      }
    }
    // What the launcher sets on its own is in the help with the default it gives.
    for (String a : Engines.withDefaults(new String[0])) {
      String name = a.substring(2, a.indexOf('='));
      assertTrue(Engines.OPTIONS.stream().anyMatch(o -> o.name().equals(name)), name + " is set by the launcher");
    }
  }

  private static Class<?> boxed(Class<?> c) {
    return c == int.class ? Integer.class : c == boolean.class ? Boolean.class : c == long.class ? Long.class
        : c == double.class ? Double.class : c;
  }

  @Test
  void readmeListsTheOptionsAsTheHelpDoes() throws java.io.IOException {
    Path readme = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");
    String text = Files.readString(readme);
    int begin = text.indexOf(RunOptions.MARKDOWN_BEGIN);
    int end = text.indexOf(RunOptions.MARKDOWN_END);
    assertTrue(begin >= 0 && end > begin, "README.md has no table of the options between the markers");
    String table = text.substring(begin, end + RunOptions.MARKDOWN_END.length() + 1);
    assertEquals(RunOptions.markdown(), table,
        "README.md's table of the options differs from the options interfaces: put this one in its place");
  }

  @Test
  void noComputedDefaultShowsAClassNameInTheHelp() throws ReflectiveOperationException {
    for (Class<?> part : GmsdOptions.class.getInterfaces()) {
      for (Method m : part.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Default.InstanceFactory.class)) {
          assertTrue(m.isAnnotationPresent(RunOptions.DefaultInWords.class), m + " needs @RunOptions.DefaultInWords");
        }
      }
    }
    for (RunOptions.Option o : RunOptions.all()) {
      assertTrue(o.required() || !o.defaultText().endsWith("Factory"), o.toString());
    }
  }

  @ParameterizedTest
  @CsvSource({"50", "-0.1", "1.01", "NaN"})
  void aShareOutsideZeroToOneStopsBeforeAnythingIsRead(String value) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = GmsdMain.dispatch(("run " + REQUIRED + " --minPersonMatchShare=" + value).split(" "),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
    assertEquals(2, rc);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("gmsd run: --minPersonMatchShare=" + Double.parseDouble(value)
        + ": give a share from 0 to 1"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anOptionAddedToAnInterfaceIsInTheHelpWithoutAnotherEdit() {
    List<RunOptions.Option> options = RunOptions.options(NewOptions.class);
    assertEquals("newInput", options.get(0).name(), "required ones first");
    assertTrue(options.get(0).required());
    assertEquals("newThreshold", options.get(1).name());
    assertEquals("0.25", options.get(1).defaultText());
    assertEquals("--newThreshold=X", options.get(1).usage());
    assertEquals("A new threshold.", options.get(1).description());
  }

  @Test
  void demoHelpListsTheDemosOptionsAndTheRunsOptionalOnes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertEquals(0, GmsdMain.dispatch(new String[] {"demo", "--help"}, new PrintStream(bytes, true), System.err));
    String help = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("  --scale=S "), help);
    assertTrue(help.contains("[default: " + DemoCommand.DEFAULT_SCALE + "]"));
    assertTrue(help.contains("  --minCount=N "));
    assertFalse(help.contains("  --archive="), "the demo sets it");
    assertTrue(help.contains("  --runner=NAME "));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--period=H12025 --archive=a --reference=b --pseudonymKeyFile=c | missing --output=DIR (Output folder)",
    REQUIRED + " --outptu=x | unknown option --outptu (did you mean --output?)",
    REQUIRED + " --mincount=7 | unknown option --mincount (did you mean --minCount?)",
    REQUIRED + " --minCount=abc | --minCount=abc: not a whole number",
    REQUIRED + " --minCount | --minCount needs a value: --minCount=N",
    REQUIRED + " --parallelism=two | --parallelism=two: not a whole number",
    REQUIRED + " --disableMetrics=yes | --disableMetrics=yes: not true or false",
    REQUIRED + " --disableMetrics=true | --disableMetrics: gmsd run needs Beam's metrics on, as its counts, verdicts "
        + "and disclosure audit (run.json) come back from the job as them; leave the option out",
    REQUIRED + " output | 'output' is not an option: options are written --name=value"
  })
  void badCommandLinesGetOneSentenceEachAndExit2(String line, String expected) {
    assertEquals(List.of(expected), RunOptions.problems(args(line)));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = GmsdMain.dispatch(("run " + line).split(" +"), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, rc);
    assertEquals("gmsd run: " + expected + "\nSee 'scripts/gmsd run --help'. Nothing was written.\n", text);
  }

  @Test
  void everyMissingRequiredOptionIsNamedNotOnlyTheFirst() {
    List<String> problems = RunOptions.problems(new String[0]);
    assertEquals(5, problems.size(), problems.toString());
    for (String p : problems) {
      assertTrue(p.startsWith("missing --"), p);
      assertFalse(p.contains("Missing required value"), "not Beam's words");
    }
    assertEquals(List.of(), RunOptions.problems(args(REQUIRED + " --runner=DirectRunner --disableMetrics")));
  }

  @Test
  void whatBeamAloneCatchesIsStillOneLineAndExit2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = GmsdMain.dispatch(("run " + REQUIRED + " --runner=NoSuchRunner").split(" "),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
    assertEquals(2, rc);
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("gmsd run: Unknown 'runner' specified 'NoSuchRunner'"), lines.get(0));
  }

  @Test
  void runJsonSettingsAreTheOptionsOfEveryInterfaceButInputs() {
    PipelineOptionsFactory.register(GmsdOptions.class);
    GmsdOptions o = PipelineOptionsFactory.fromArgs(args(REQUIRED + " --minCount=10")).as(GmsdOptions.class);
    Map<String, Object> s = RunOptions.settings(o);
    Set<String> expected = new TreeSet<>(declaredOptions());
    for (Method m : InputOptions.class.getDeclaredMethods()) {
      expected.remove(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
    }
    assertEquals(expected, new TreeSet<>(s.keySet()));
    assertEquals(10, s.get("minCount"));
    assertEquals(20, s.get("maxDeliveriesPerWindow"));
    assertEquals("nearest", s.get("roundingMode"));
    assertEquals(0.5, s.get("minPersonMatchShare"));
    assertFalse(s.containsKey("tempFolder"), "where the run works is no setting");
  }
}
