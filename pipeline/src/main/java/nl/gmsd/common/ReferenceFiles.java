package nl.gmsd.common;

import static nl.gmsd.common.input.Column.optional;
import static nl.gmsd.common.input.Column.required;

import nl.gmsd.common.input.Column;
import nl.gmsd.common.input.FieldTypes;
import nl.gmsd.common.input.InputFile;

/**
 * The descriptions of the reference files (SPEC 6, 10): the regional division in either layout,
 * the inhabitants, the mergers and the population register. Their readers, checks and messages
 * all come from these descriptions ({@link nl.gmsd.common.input.InputFileReader}).
 */
public final class ReferenceFiles {

  private ReferenceFiles() {}

  /** Reference names of the codes that must resolve in the division (see {@link ReferenceFolder}). */
  static final String IN_DIVISION_OF_YEAR = "inDivisionOfYear";
  static final String BEFORE_MERGER = "inDivisionBeforeMerger";
  static final String AFTER_MERGER = "inDivisionAfterMerger";

  /** {@code gemeenten.csv}: the division per year with inhabitants (the program's own layout). */
  public static final class Gemeenten {
    public static final Column<Integer> JAAR = required("jaar", FieldTypes.YEAR);
    public static final Column<String> GEMEENTECODE = required("gemeentecode", FieldTypes.GEMEENTECODE_OR_GM);
    public static final Column<String> GEMEENTENAAM = required("gemeentenaam", FieldTypes.NAME);
    public static final Column<Provinces.Province> PROVINCIE = required("provincie", FieldTypes.PROVINCE);
    public static final Column<Long> INWONERS = optional("inwoners", FieldTypes.POSITIVE_COUNT);

    public static final InputFile FILE = InputFile.named("gemeenten.csv")
        .purpose("the regional division per year (or CBS's gemeenten-alfabetisch-YYYY.csv files with inwoners.csv)")
        .columns(JAAR, GEMEENTECODE, GEMEENTENAAM, PROVINCIE, INWONERS)
        .quotes()
        .key(JAAR, GEMEENTECODE)
        .build();

    private Gemeenten() {}
  }

  /**
   * CBS's own division file "Gemeenten alfabetisch" of one year, saved from Excel as CSV
   * ({@code gemeenten-alfabetisch-YYYY.csv}, the year from the name): comma- or
   * semicolon-separated, fields quoted where Excel quotes them.
   */
  public static final class GemeentenAlfabetisch {
    public static final Column<String> GEMEENTECODE = required("Gemeentecode", FieldTypes.GEMEENTECODE_NUMBER);
    public static final Column<String> GEMEENTECODE_GM = required("GemeentecodeGM", FieldTypes.GM_CODE);
    public static final Column<String> GEMEENTENAAM = required("Gemeentenaam", FieldTypes.NAME);
    public static final Column<String> PROVINCIECODE = required("Provinciecode", FieldTypes.PROVINCE_NUMBER);
    public static final Column<String> PROVINCIECODE_PV = required("ProvinciecodePV", FieldTypes.PROVINCE_PV);
    public static final Column<Provinces.Province> PROVINCIENAAM = required("Provincienaam", FieldTypes.PROVINCE);

    public static final InputFile FILE = InputFile.named("gemeenten-alfabetisch-YYYY.csv")
        .purpose("CBS's division of one year (\"Gemeenten alfabetisch\")")
        .columns(GEMEENTECODE, GEMEENTECODE_GM, GEMEENTENAAM, PROVINCIECODE, PROVINCIECODE_PV, PROVINCIENAAM)
        .separators(";,")
        .quotes()
        .key(GEMEENTECODE_GM)
        .rule(r -> r.get(GEMEENTECODE).equals(r.get(GEMEENTECODE_GM)) ? null
            : "Gemeentecode '" + r.text(GEMEENTECODE) + "' and GemeentecodeGM '" + r.text(GEMEENTECODE_GM) + "' differ",
            "give both columns the same gemeente, e.g. 363 (or 0363) and GM0363")
        .rule(r -> r.get(PROVINCIECODE).equals(r.get(PROVINCIECODE_PV)) ? null
            : "Provinciecode '" + r.text(PROVINCIECODE) + "' and ProvinciecodePV '" + r.text(PROVINCIECODE_PV) + "' differ",
            "give both columns the same province, e.g. 27 and PV27")
        .rule(r -> r.get(PROVINCIENAAM).code().equals(r.get(PROVINCIECODE_PV)) ? null
            : "Provincienaam '" + r.text(PROVINCIENAAM) + "' is province " + r.get(PROVINCIENAAM).code()
                + ", ProvinciecodePV says " + r.get(PROVINCIECODE_PV),
            "correct the province name or its code")
        .build();

    private GemeentenAlfabetisch() {}
  }

  /** {@code inwoners.csv}: inhabitants on 1 January per year, beside CBS's division files. */
  public static final class Inwoners {
    public static final Column<Integer> JAAR = required("jaar", FieldTypes.YEAR);
    public static final Column<String> GEMEENTECODE = required("gemeentecode", FieldTypes.GEMEENTECODE_OR_GM);
    public static final Column<Long> INWONERS = required("inwoners", FieldTypes.POSITIVE_COUNT);

    public static final InputFile FILE = InputFile.named("inwoners.csv")
        .purpose("the inhabitants on 1 January per year and gemeente, beside CBS's division files")
        .columns(JAAR, GEMEENTECODE, INWONERS)
        .separators(";,")
        .quotes()
        .key(JAAR, GEMEENTECODE)
        .reference(IN_DIVISION_OF_YEAR, GEMEENTECODE, "the division of its jaar")
        .build();

    private Inwoners() {}
  }

  /** {@code herindelingen.csv}: mergers; a split has one row per new code. */
  public static final class Herindelingen {
    public static final Column<String> DATUM = required("datum", FieldTypes.DATE);
    public static final Column<String> OUDE_CODE = required("oude_code", FieldTypes.GEMEENTECODE_OR_GM);
    public static final Column<String> NIEUWE_CODE = required("nieuwe_code", FieldTypes.GEMEENTECODE_OR_GM);

    public static final InputFile FILE = InputFile.named("herindelingen.csv")
        .purpose("the mergers of gemeenten")
        .columns(DATUM, OUDE_CODE, NIEUWE_CODE)
        .quotes()
        // Not (datum, oude_code) alone: a split gives one old code several new ones on one date
        // (Littenseradiel 2018, Haaren 2021).
        .key(DATUM, OUDE_CODE, NIEUWE_CODE)
        .rule(r -> !r.get(OUDE_CODE).equals(r.get(NIEUWE_CODE)) ? null
            : "oude_code and nieuwe_code are both " + r.get(OUDE_CODE), "a merger goes from one code to another; remove the row")
        .reference(BEFORE_MERGER, OUDE_CODE, "the division of the day before datum")
        .reference(AFTER_MERGER, NIEUWE_CODE, "the division of the first 1 January from datum on")
        .build();

    private Herindelingen() {}
  }

  /**
   * {@code personen.csv}, the population register extract: one row per BSN. Its messages never
   * show a field (a value may be a BSN).
   */
  public static final class Personen {
    public static final Column<String> BSN = required("bsn", FieldTypes.BSN);
    public static final Column<String> GEBOORTEDATUM = required("geboortedatum", FieldTypes.DATE);
    public static final Column<String> GESLACHT = required("geslacht", FieldTypes.SEX);
    public static final Column<String> HUISHOUDEN = optional("huishouden", FieldTypes.IDENTIFIER);

    public static final InputFile FILE = InputFile.named("personen.csv")
        .purpose("the population register extract")
        .columns(BSN, GEBOORTEDATUM, GESLACHT, HUISHOUDEN)
        .hideValues()
        .key(BSN)
        .build();

    private Personen() {}
  }
}
