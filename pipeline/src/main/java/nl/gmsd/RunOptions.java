package nl.gmsd;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.gmsd.write.Json;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;

/**
 * The options of {@code gmsd run}, read once from the options interfaces ({@link GmsdOptions}'s
 * parts: their {@code @Description}, {@code @Default} and {@code @Validation.Required}), so that
 * an option added to an interface appears in {@code run --help}, is checked on the command line
 * and is recorded in {@code run.json}'s settings without another edit. The engine's options are
 * Beam's and Flink's, with the launcher's defaults: {@link Engines#OPTIONS}.
 */
public final class RunOptions {

  /** One option: its name, a placeholder for its value, its default as text (null if required). */
  public record Option(String name, String placeholder, String defaultText, boolean required, String description,
      Class<?> type) {

    /** {@code --name=PLACEHOLDER}. */
    public String usage() {
      return "--" + name + "=" + placeholder;
    }
  }

  /**
   * The default of an option whose default is computed ({@code @Default.InstanceFactory}), in
   * words for {@code --help}: the factory's class name would tell a user nothing.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface DefaultInWords {
    String value();
  }

  /** A group of options: one options interface (its {@code @Description} is the heading). */
  public record Group(String heading, Class<?> options, List<Option> list) {}

  /** Placeholders where the type says too little. */
  private static final Map<String, String> PLACEHOLDERS = Map.of(
      "period", "H1YYYY", "archive", "DIR", "reference", "DIR", "output", "DIR", "pseudonymKeyFile", "FILE",
      "tempFolder", "DIR");

  /**
   * The interfaces whose options are where the run reads and writes, not how it decides: they
   * are recorded under {@code inputs} and {@code environment} in run.json, not under settings.
   */
  private static final Set<Class<?>> NOT_SETTINGS = Set.of(InputOptions.class);

  private RunOptions() {}

  /** The groups of {@link GmsdOptions}, in the order of its {@code extends} clause. */
  public static List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    for (Class<?> part : GmsdOptions.class.getInterfaces()) {
      Description heading = part.getAnnotation(Description.class);
      groups.add(new Group(heading != null ? heading.value() : part.getSimpleName(), part, options(part)));
    }
    return groups;
  }

  /** Every option of {@link GmsdOptions}. */
  public static List<Option> all() {
    return groups().stream().flatMap(g -> g.list().stream()).toList();
  }

  /** The options declared by one interface: required ones first, then by name. */
  static List<Option> options(Class<?> part) {
    List<Option> list = new ArrayList<>();
    for (Method m : part.getDeclaredMethods()) {
      String name = propertyName(m);
      if (name == null || m.getParameterCount() != 0) {
        continue;
      }
      Description d = m.getAnnotation(Description.class);
      boolean required = m.isAnnotationPresent(Validation.Required.class);
      list.add(new Option(name, placeholder(name, m.getReturnType()), required ? null : defaultText(m), required,
          d == null ? "" : d.value(), m.getReturnType()));
    }
    list.sort(Comparator.comparing((Option o) -> !o.required()).thenComparing(Option::name));
    return list;
  }

  private static String propertyName(Method getter) {
    String n = getter.getName();
    int skip = n.startsWith("get") ? 3 : n.startsWith("is") ? 2 : -1;
    if (skip < 0 || n.length() == skip) {
      return null;
    }
    return Character.toLowerCase(n.charAt(skip)) + n.substring(skip + 1);
  }

  private static String placeholder(String name, Class<?> type) {
    if (PLACEHOLDERS.containsKey(name)) {
      return PLACEHOLDERS.get(name);
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "N";
    }
    if (type == double.class || type == Double.class) {
      return "X";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true|false";
    }
    return "VALUE";
  }

  /** The value of a {@code @Default.*} annotation as text ({@link DefaultInWords} first); "(none)" without one. */
  private static String defaultText(Method getter) {
    DefaultInWords words = getter.getAnnotation(DefaultInWords.class);
    if (words != null) {
      return words.value();
    }
    for (Annotation a : getter.getAnnotations()) {
      if (a.annotationType().getEnclosingClass() == Default.class) {
        try {
          Object v = a.annotationType().getMethod("value").invoke(a);
          return v instanceof Class<?> c ? c.getSimpleName() : String.valueOf(v);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(a + " has no value", e);
        }
      }
    }
    return "(none)";
  }

  // ---------------------------------------------------------------------------------------------
  // Help.

  /** {@code gmsd run --help}: every option on one line with its default, from the interfaces. */
  public static String runHelp() {
    StringBuilder b = new StringBuilder();
    b.append("Usage: gmsd run ").append(requiredUsage()).append(" [options]\n\n");
    b.append("The whole half-year processing for the period P: technical check, pseudonymisation, merging,\n"
        + "reference joins, counts, disclosure control and reports, with results for P and the period\n"
        + "before. Validates every input before anything is written; writes into a hidden folder beside\n"
        + "--output and moves it into place when the run succeeds.\n");
    for (Group g : groups()) {
      b.append('\n').append(g.heading()).append(":\n");
      table(b, g.list());
    }
    b.append('\n').append(Engines.OPTIONS_HEADING).append(":\n");
    table(b, Engines.OPTIONS);
    b.append("\nExit status: 0 done, 1 the run failed (the previous output is untouched), 2 bad options or\n"
        + "inputs (nothing written).\n");
    return b.toString();
  }

  /** The required options as a command line writes them: {@code --archive=DIR --output=DIR ...}. */
  public static String requiredUsage() {
    return String.join(" ", all().stream().filter(Option::required).map(Option::usage).toList());
  }

  /** {@code gmsd demo --help}: the demo's own options, then the run's options it passes on. */
  public static String demoHelp(List<Option> demoOptions) {
    StringBuilder b = new StringBuilder();
    b.append("Usage: gmsd demo [options]\n\n"
        + "Generates sample data, makes a throwaway pseudonymisation key and runs the whole job on the\n"
        + "embedded engine, then prints where the outputs are.\n\nDemo options:\n");
    table(b, demoOptions);
    b.append("\nEvery other option is passed to gmsd run (the demo sets ");
    List<String> set = new ArrayList<>();
    for (Option o : all()) {
      if (o.required()) {
        set.add("--" + o.name());
      }
    }
    b.append(String.join(", ", set)).append("):\n");
    for (Group g : groups()) {
      List<Option> optional = g.list().stream().filter(o -> !o.required()).toList();
      if (!optional.isEmpty()) {
        b.append('\n').append(g.heading()).append(":\n");
        table(b, optional);
      }
    }
    b.append('\n').append(Engines.OPTIONS_HEADING).append(":\n");
    table(b, Engines.OPTIONS);
    return b.toString();
  }

  /** The first and last line of README's table of the options, which {@link #markdown()} writes. */
  public static final String MARKDOWN_BEGIN =
      "<!-- The options as RunOptions.markdown() writes them from the options interfaces; RunOptionsTest checks it. -->";
  public static final String MARKDOWN_END = "<!-- End of the options. -->";

  /**
   * README's table of {@code gmsd run}'s options, from the same interfaces and the same words as
   * {@link #runHelp()}: a heading row per group, then its options with their defaults.
   */
  public static String markdown() {
    StringBuilder b = new StringBuilder(MARKDOWN_BEGIN).append('\n');
    b.append("| option | default | meaning |\n|---|---|---|\n");
    for (Group g : groups()) {
      markdownRows(b, g.heading(), g.list());
    }
    markdownRows(b, Engines.OPTIONS_HEADING, Engines.OPTIONS);
    return b.append(MARKDOWN_END).append('\n').toString();
  }

  private static void markdownRows(StringBuilder b, String heading, List<Option> options) {
    b.append("| **").append(markdownText(heading)).append("** | | |\n");
    for (Option o : options) {
      b.append("| `").append(o.usage().replace("|", "\\|")).append("` | ")
          .append(o.required() ? "(required)" : markdownText(o.defaultText())).append(" | ")
          .append(markdownText(o.description())).append(" |\n");
    }
  }

  /** Text in a table cell: a bar would end the cell, an angle bracket start an HTML tag. */
  private static String markdownText(String s) {
    return s.replace("|", "\\|").replace("<", "&lt;");
  }

  /** One line per option: usage, description, default. */
  private static void table(StringBuilder b, List<Option> options) {
    int width = 0;
    for (Option o : options) {
      width = Math.max(width, o.usage().length());
    }
    for (Option o : options) {
      b.append("  ").append(o.usage()).append(" ".repeat(width - o.usage().length() + 2)).append(o.description())
          .append(o.required() ? " [required]" : " [default: " + o.defaultText() + "]").append('\n');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The command line, checked before Beam sees it.

  /**
   * The problems of a {@code gmsd run} command line, each as one sentence in the launcher's own
   * words (empty when Beam may parse it): an argument that is no {@code --name=value}, a missing
   * required option, an unknown option (with the nearest known name), a value that is not of the
   * option's type.
   */
  public static List<String> problems(String[] args) {
    Map<String, Class<?>> known = knownOptions();
    Map<String, Option> ours = new LinkedHashMap<>();
    all().forEach(o -> ours.put(o.name(), o));
    List<String> problems = new ArrayList<>();
    Set<String> given = new TreeSet<>();
    for (String a : args) {
      if (!a.startsWith("--") || a.length() == 2) {
        problems.add("'" + a + "' is not an option: options are written --name=value");
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
      given.add(name);
      Class<?> type = known.get(name);
      if (type == null) {
        String near = nearest(name, known.keySet());
        problems.add("unknown option --" + name + (near == null ? "" : " (did you mean --" + near + "?)"));
        continue;
      }
      boolean flag = type == boolean.class || type == Boolean.class;
      if (eq < 0 && !flag) {
        Option o = ours.get(name);
        problems.add("--" + name + " needs a value: --" + name + "=" + (o != null ? o.placeholder()
            : placeholder(name, type)));
        continue;
      }
      String value = eq < 0 ? "true" : a.substring(eq + 1);
      String typeProblem = typeProblem(value, type);
      if (typeProblem != null) {
        problems.add("--" + name + "=" + value + ": " + typeProblem);
      }
    }
    for (Option o : ours.values()) {
      if (o.required() && !given.contains(o.name())) {
        problems.add("missing " + o.usage() + " (" + firstSentence(o.description()) + ")");
      }
    }
    String engine = problems.isEmpty() ? Engines.problem(args) : null;
    if (engine != null) {
      problems.add(engine);
    }
    return problems;
  }

  private static String typeProblem(String value, Class<?> type) {
    try {
      if (type == int.class || type == Integer.class) {
        Integer.parseInt(value);
      } else if (type == long.class || type == Long.class) {
        Long.parseLong(value);
      } else if (type == double.class || type == Double.class) {
        Double.parseDouble(value);
      } else if ((type == boolean.class || type == Boolean.class) && !value.equals("true") && !value.equals("false")) {
        return "not true or false";
      }
      return null;
    } catch (NumberFormatException e) {
      return "not a " + (type == double.class || type == Double.class ? "number" : "whole number");
    }
  }

  private static String firstSentence(String s) {
    int dot = s.indexOf(". ");
    String first = dot < 0 ? s : s.substring(0, dot + 1);
    return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
  }

  /** Every option Beam knows on this class path (its registered interfaces, Flink's included), with its type. */
  static Map<String, Class<?>> knownOptions() {
    PipelineOptionsFactory.register(GmsdOptions.class);
    Map<String, Class<?>> known = new TreeMap<>();
    for (Class<? extends PipelineOptions> iface : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method m : iface.getMethods()) {
        String name = propertyName(m);
        if (name != null && m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class) {
          known.putIfAbsent(name, m.getReturnType());
        }
      }
    }
    return known;
  }

  /** The known name nearest to a mistyped one (edit distance at most 2, or a case slip), or null. */
  static String nearest(String name, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = k.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance; two rows of the table. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  // ---------------------------------------------------------------------------------------------
  // run.json.

  /** The settings of a run for run.json: every option that decides how it counts, by name. */
  public static Map<String, Object> settings(GmsdOptions options) {
    Map<String, Object> s = Json.object();
    for (Group g : groups()) {
      if (NOT_SETTINGS.contains(g.options())) {
        continue;
      }
      for (Option o : g.list()) {
        s.put(o.name(), value(options, g.options(), o.name()));
      }
    }
    return s;
  }

  /** The value of option {@code name} of the interface {@code part} in {@code options}. */
  static Object value(GmsdOptions options, Class<?> part, String name) {
    String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    try {
      @SuppressWarnings("unchecked")
      Object typed = options.as((Class<? extends PipelineOptions>) part);
      Method m;
      try {
        m = part.getMethod(getter);
      } catch (NoSuchMethodException e) {
        m = part.getMethod("is" + getter.substring(3));
      }
      return m.invoke(typed);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("option " + name + " of " + part.getSimpleName() + " cannot be read", e);
    }
  }
}
