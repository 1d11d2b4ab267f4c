package nl.gmsd.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The twelve provinces with their CBS codes ({@code PV20}-{@code PV31}) and every spelling CBS
 * has used for them (SPEC 6, 11), from the shipped {@code refdata/provincies.csv}. A name is
 * matched case-insensitively, without diacritics and with a space or hyphen alike, so
 * {@code Fryslân}, {@code Fryslan}, {@code FRIESLAND} and {@code Friesland} are all PV21.
 */
public final class Provinces {

  private static final String RESOURCE = "/nl/gmsd/refdata/provincies.csv";
  private static final Provinces SHIPPED = load();

  /** A province: its CBS code, and the name to show for it. */
  public record Province(String code, String name) {}

  private final TreeMap<String, String> canonicalNames = new TreeMap<>(); // code -> name CBS writes now
  private final Map<String, String> codeByKey = new HashMap<>(); // matching key -> code
  private final List<String> spellings = new ArrayList<>(); // for messages, in file order

  private Provinces() {}

  public static Provinces shipped() {
    return SHIPPED;
  }

  /**
   * The province a reference file means by {@code text}: a CBS code ({@code PV21}, any case) or
   * a name in any known spelling. The name shown is the text as written, or for a code the name
   * CBS writes now. Empty when it matches no province.
   */
  public Optional<Province> parse(String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (canonicalNames.containsKey(upper)) {
      return Optional.of(new Province(upper, canonicalNames.get(upper)));
    }
    return codeOfName(text).map(code -> new Province(code, text));
  }

  /** The CBS code of a province name in any known spelling. */
  public Optional<String> codeOfName(String name) {
    return Optional.ofNullable(codeByKey.get(key(name)));
  }

  /** Whether {@code code} is a province code, e.g. PV21. */
  public boolean isCode(String code) {
    return canonicalNames.containsKey(code);
  }

  /** The name CBS writes now for a code ({@code PV21} → {@code Fryslân}). */
  public String name(String code) {
    String n = canonicalNames.get(code);
    if (n == null) {
      throw new IllegalArgumentException("not a province code: " + code);
    }
    return n;
  }

  /** Every known spelling, for a message: "Groningen, Fryslân (Friesland), ...". */
  public String knownNames() {
    return String.join(", ", spellings);
  }

  /** Codes in order, PV20 ... PV31. */
  public List<String> codes() {
    return Collections.unmodifiableList(new ArrayList<>(canonicalNames.keySet()));
  }

  /** Lower case, diacritics removed, runs of spaces and hyphens as one hyphen. */
  static String key(String name) {
    String plain = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "-");
  }

  private static Provinces load() {
    Provinces p = new Provinces();
    try (InputStream in = Provinces.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("shipped reference data missing: " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine(); // code;naam;andere_spellingen
      String s;
      while ((s = r.readLine()) != null) {
        if (s.isEmpty()) {
          continue;
        }
        String[] f = s.split(";", -1);
        String code = f[0];
        p.canonicalNames.put(code, f[1]);
        p.codeByKey.put(key(f[1]), code);
        StringBuilder shown = new StringBuilder(f[1]);
        if (f.length > 2 && !f[2].isEmpty()) {
          for (String other : f[2].split("\\|")) {
            p.codeByKey.put(key(other), code);
          }
          shown.append(" (").append(f[2].replace("|", ", ")).append(')');
        }
        p.spellings.add(shown.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
