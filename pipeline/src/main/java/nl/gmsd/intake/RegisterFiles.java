package nl.gmsd.intake;

import static nl.gmsd.common.input.Column.required;

import java.time.Instant;
import nl.gmsd.common.Period;
import nl.gmsd.common.input.Column;
import nl.gmsd.common.input.FieldTypes;
import nl.gmsd.common.input.InputFile;

/**
 * The descriptions of the delivery archive's registers (SPEC 2, 11 "Deliveries"): their columns,
 * keys and the codes that must resolve. {@link DeliveryArchive} reads them with
 * {@link nl.gmsd.common.input.InputFileReader}; fields are taken as written (no quotes, no
 * trimming).
 */
public final class RegisterFiles {

  private RegisterFiles() {}

  /** Reference names: the resolvers {@link DeliveryArchive} gives the reader. */
  static final String ACCOUNT_KNOWN = "accountKnown";
  static final String FILE_IN_ARCHIVE = "fileInArchive";
  static final String WITHDRAWN_GEMEENTE_KNOWN = "withdrawnGemeenteKnown";

  /** {@code manifest.csv}, the upload register: one row per uploaded file. */
  public static final class Manifest {
    public static final Column<Instant> RECEIVED_AT = required("received_at", FieldTypes.TIMESTAMP_UTC);
    public static final Column<String> ACCOUNT = required("account", FieldTypes.GEMEENTECODE);
    public static final Column<String> PATH = required("file", FieldTypes.RELATIVE_PATH);

    public static final InputFile FILE = InputFile.named(DeliveryArchive.MANIFEST)
        .purpose("the upload register")
        .columns(RECEIVED_AT, ACCOUNT, PATH)
        .key(PATH)
        .reference(ACCOUNT_KNOWN, ACCOUNT, "the division of its window's year or the year before, or the mergers")
        .reference(FILE_IN_ARCHIVE, PATH, "a file inside the archive, readable by this account")
        .build();

    private Manifest() {}
  }

  /** {@code withdrawals.csv}: one row per gemeente and period that withdrew its consent. */
  public static final class Withdrawals {
    public static final Column<String> GEMEENTECODE = required("gemeentecode", FieldTypes.GEMEENTECODE);
    public static final Column<Period> PERIOD = required("period", FieldTypes.PERIOD);
    public static final Column<Instant> WITHDRAWN_AT = required("withdrawn_at", FieldTypes.TIMESTAMP_UTC);

    public static final InputFile FILE = InputFile.named(DeliveryArchive.WITHDRAWALS)
        .purpose("the withdrawals of consent")
        .columns(GEMEENTECODE, PERIOD, WITHDRAWN_AT)
        .key(GEMEENTECODE, PERIOD)
        .reference(WITHDRAWN_GEMEENTE_KNOWN, GEMEENTECODE, "the division of the period's year, or the mergers")
        .build();

    private Withdrawals() {}
  }
}
