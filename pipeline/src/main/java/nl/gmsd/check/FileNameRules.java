package nl.gmsd.check;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gmsd.common.Period;

/**
 * The file name rules F01, F02 and F04 of one file kind (SPEC 3, 11, 12), applied to the last
 * segment of a manifest path. The period of a file is the code in its name, present only when F02
 * passes.
 */
final class FileNameRules implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Pattern structure;
  private final Pattern forbidden;
  private final List<String> extensions;
  private final String extensionCode;
  private final String structureCode;
  private final String charactersCode;

  /** The rules of a kind from its settings (the shared ones and the kind's own). */
  FileNameRules(Map<String, String> settings) {
    this.structure = Pattern.compile(require(settings, "name.structure"), Pattern.DOTALL);
    this.forbidden = Pattern.compile("[^" + require(settings, "name.allowedCharacters") + "]");
    this.extensions = List.of(require(settings, "name.extensions").toLowerCase(Locale.ROOT).split(","));
    this.extensionCode = require(settings, "code.extension");
    this.structureCode = require(settings, "code.nameStructure");
    this.charactersCode = require(settings, "code.nameCharacters");
  }

  private static String require(Map<String, String> settings, String key) {
    String v = settings.get(key);
    if (v == null) {
      throw new IllegalStateException("protocol setting missing: " + key);
    }
    return v;
  }

  /** The last segment of a manifest path (paths use '/'). */
  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static String withoutExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** The codes the name breaks, in code order (each at most once). */
  List<String> check(String path) {
    String name = fileName(path);
    List<String> codes = new ArrayList<>();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (ext == null || !extensions.contains(ext)) {
      codes.add(extensionCode);
    }
    if (period(path).isEmpty()) {
      codes.add(structureCode);
    }
    if (forbidden.matcher(withoutExtension(name)).find()) {
      codes.add(charactersCode);
    }
    codes.sort(null);
    return codes;
  }

  /** The period in the name, when the name has the required structure. */
  Optional<Period> period(String path) {
    Matcher m = structure.matcher(withoutExtension(fileName(path)));
    if (!m.matches()) {
      return Optional.empty();
    }
    String code = m.group(1);
    // A structurally fine code with a year Period cannot hold (before 1000) has no period.
    return Period.isCode(code) && Integer.parseInt(code.substring(2)) >= 1000
        ? Optional.of(Period.parse(code))
        : Optional.empty();
  }
}
