package nl.gmsd.check;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;

/**
 * The reports of the technical check (SPEC 4, 10): a JSON report and a Dutch text per file, and
 * {@code verdicts.csv} over all files. Deterministic; built only from the verdict, which holds no
 * record content and no BSN. The texts are those of the protocol the file was checked with (its
 * kind, of its protocol year).
 */
public final class CheckReports implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The header of {@code technische-toets/verdicts.csv}. */
  public static final String VERDICTS_HEADER =
      "file;received_at;gemeentecode;period;verdict;errors;in_force";

  /** Sorts strings in ordinal (UTF-8 byte) order, that is by code point, not by UTF-16 unit. */
  public static final Comparator<String> ORDINAL = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  private final FileKinds kinds;

  /** Reports in the words of the shipped protocols. */
  public CheckReports() {
    this(FileKinds.shipped());
  }

  public CheckReports(FileKinds kinds) {
    this.kinds = kinds;
  }

  private Protocol protocol(FileVerdict v) {
    return kinds.kind(v.getKind()).protocol(v.getProtocolYear());
  }

  /**
   * The report file name (without extension) for a manifest path: {@code /} becomes {@code __}
   * (SPEC 11); the caller adds {@code .json} or {@code .txt}.
   */
  public static String reportFileName(String manifestPath) {
    return manifestPath.replace("/", "__");
  }

  /** {@code verdicts.csv}: header, one row per verdict sorted by file (ordinal), LF line ends. */
  public String verdictsCsv(List<FileVerdict> verdicts) {
    List<FileVerdict> sorted = new ArrayList<>(verdicts);
    sorted.sort(Comparator.comparing(FileVerdict::getFile, ORDINAL));
    StringBuilder b = new StringBuilder(VERDICTS_HEADER).append('\n');
    for (FileVerdict v : sorted) {
      b.append(v.getFile()).append(';')
          .append(v.getReceivedAt()).append(';')
          .append(v.getGemeentecode()).append(';')
          .append(v.getPeriod()).append(';')
          .append(v.getVerdict()).append(';')
          .append(v.getErrors()).append(';')
          .append(v.getInForce()).append('\n');
    }
    return b.toString();
  }

  /** The JSON report of one file, keys in a fixed order, pretty-printed, ending in a newline. */
  public String json(FileVerdict v) {
    return jsonObject(v, "") + "\n";
  }

  /** A JSON array of the reports of several files, in the given order. */
  public String jsonArray(List<FileVerdict> verdicts) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < verdicts.size(); i++) {
      b.append(i == 0 ? "\n  " : ",\n  ").append(jsonObject(verdicts.get(i), "  "));
    }
    return b.append(verdicts.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  private String jsonObject(FileVerdict v, String indent) {
    String in = indent + "  ";
    StringBuilder b = new StringBuilder("{\n");
    b.append(in).append("\"file\": ").append(str(v.getFile())).append(",\n");
    b.append(in).append("\"received_at\": ").append(str(v.getReceivedAt())).append(",\n");
    b.append(in).append("\"gemeentecode\": ").append(str(v.getGemeentecode())).append(",\n");
    b.append(in).append("\"period\": ").append(str(v.getPeriod())).append(",\n");
    b.append(in).append("\"verdict\": ").append(str(v.getVerdict())).append(",\n");
    b.append(in).append("\"errors\": ").append(v.getErrors()).append(",\n");
    b.append(in).append("\"in_force\": ").append(v.getInForce()).append(",\n");
    b.append(in).append("\"in_force_file\": ").append(str(v.getInForceFile())).append(",\n");
    b.append(in).append("\"blanked\": ").append(v.getBlanked()).append(",\n");
    b.append(in).append("\"records\": ").append(v.getRecords()).append(",\n");
    b.append(in).append("\"findings\": [");
    List<Finding> findings = v.getFindings();
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      String fi = in + "  ";
      b.append(i == 0 ? "\n" : ",\n").append(fi).append("{");
      b.append("\"code\": ").append(str(f.getCode()));
      b.append(", \"field\": ").append(str(f.getField()));
      b.append(", \"count\": ").append(f.getCount());
      b.append(", \"lines\": ").append(f.getLines().toString().replace(" ", ""));
      b.append(", \"description\": ").append(str(description(v, f)));
      b.append("}");
    }
    b.append(findings.isEmpty() ? "]\n" : "\n" + in + "]\n");
    return b.append(indent).append("}").toString();
  }

  /** The Dutch description of a finding, with its detail (e.g. the new gemeentecode). */
  private String description(FileVerdict v, Finding f) {
    String d = protocol(v).text(f.getCode()).description();
    return f.getDetail() == null ? d : d + " (" + f.getDetail() + ")";
  }

  private static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** The Dutch report of one file in a run, including which delivery is in force. */
  public String dutchText(FileVerdict v) {
    return dutchText(v, true);
  }

  /**
   * The Dutch report of one file. {@code deliveryRulesApply} is false for the stand-alone check,
   * where F09 and "in force" do not apply.
   */
  public String dutchText(FileVerdict v, boolean deliveryRulesApply) {
    Protocol protocol = protocol(v);
    StringBuilder b = new StringBuilder();
    String title = "Technische toets " + protocol.title() + " (Gemeentelijke Monitor Sociaal Domein)";
    b.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
    b.append("Bestandsnaam:             ").append(v.getFile()).append('\n');
    b.append("Tijdstip van aanlevering: ").append(v.getReceivedAt()).append(" (UTC)\n");
    b.append("Gemeentecode:             ")
        .append(v.getGemeentecode().isEmpty() ? "onbekend" : v.getGemeentecode()).append('\n');
    b.append("Periode:                  ")
        .append(v.getPeriod().isEmpty() ? "onbekend (geen geldige periode in de bestandsnaam)" : v.getPeriod())
        .append('\n');
    b.append("Aantal records:           ").append(v.getRecords()).append(" (regels na de kopregel)\n");
    b.append("Oordeel:                  ").append(v.getVerdict()).append('\n');
    b.append("Aantal fouten:            ").append(v.getErrors()).append('\n');
    b.append('\n').append(verdictSentence(v)).append('\n');
    if (v.getBlanked()) {
      b.append("Er zitten alleen fouten in optionele velden. Daarom zijn voor de verdere verwerking "
          + "alle optionele velden (" + String.join(", ", protocol.optionalColumns())
          + ") van het hele bestand leeggemaakt.\n");
    } else if (FileChecker.APPROVED.equals(v.getVerdict()) && !protocol.optionalColumns().isEmpty()) {
      b.append("De optionele velden zijn niet leeggemaakt.\n");
    }
    if (deliveryRulesApply) {
      b.append(inForceSentence(v)).append('\n');
    } else {
      b.append("Dit is een losse controle vooraf: of een levering van kracht is, wordt pas bepaald "
          + "bij de echte aanlevering.\n");
    }
    List<Finding> errors = new ArrayList<>();
    List<Finding> warnings = new ArrayList<>();
    for (Finding f : v.getFindings()) {
      (protocol.isError(f.getCode()) ? errors : warnings).add(f);
    }
    b.append("\nFouten\n------\n");
    if (errors.isEmpty()) {
      b.append("Geen fouten gevonden.\n");
    }
    for (Finding f : errors) {
      finding(b, protocol, f);
    }
    b.append("\nWaarschuwingen (veranderen het oordeel niet)\n"
        + "--------------------------------------------\n");
    if (warnings.isEmpty()) {
      b.append("Geen waarschuwingen.\n");
    }
    for (Finding f : warnings) {
      finding(b, protocol, f);
    }
    b.append("\nRegelnummers tellen vanaf het begin van het bestand; de kopregel is regel 1.\n");
    return b.toString();
  }

  private static String verdictSentence(FileVerdict v) {
    return switch (v.getVerdict()) {
      case FileChecker.APPROVED -> "Het bestand is GOEDGEKEURD.";
      case FileChecker.REJECTED -> "Het bestand is AFGEKEURD en wordt niet verwerkt. Herstel de "
          + "fouten hieronder en lever het bestand opnieuw aan.";
      default -> "De levering is " + v.getVerdict() + " en wordt niet verwerkt.";
    };
  }

  private static String inForceSentence(FileVerdict v) {
    String scope = "gemeente " + v.getGemeentecode()
        + (v.getPeriod().isEmpty() ? " (periode onbekend)" : " en periode " + v.getPeriod());
    if (v.getInForce()) {
      return "Deze levering is nu van kracht voor " + scope + ".";
    }
    if (v.getInForceFile() == null) {
      return "Voor " + scope + " is op dit moment geen levering van kracht.";
    }
    return "Van kracht voor " + scope + " is de levering " + v.getInForceFile() + ".";
  }

  private static void finding(StringBuilder b, Protocol protocol, Finding f) {
    Protocol.CodeText t = protocol.text(f.getCode());
    b.append('\n').append(f.getCode());
    if (f.getField() != null) {
      b.append(" (").append(f.getField()).append(')');
    }
    b.append('\n');
    b.append("  Wat is er mis: ").append(t.description()).append('\n');
    if (f.getDetail() != null) {
      b.append("  Toelichting:   ").append(f.getDetail()).append('\n');
    }
    b.append("  Herstellen:    ").append(t.fix()).append('\n');
    b.append("  Aantal:        ").append(f.getCount()).append('\n');
    if (!f.getLines().isEmpty()) {
      b.append("  Regelnummers:  ");
      List<Integer> lines = f.getLines();
      for (int i = 0; i < lines.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(lines.get(i));
      }
      boolean capped = lines.size() >= protocol.intSetting("findings.maxLines")
          && f.getCount() > lines.size();
      b.append(capped ? " (de eerste " + lines.size() + ")" : "").append('\n');
    }
  }
}
