package nl.gmsd.testing;

import java.time.Instant;
import java.util.ArrayList;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.common.Period;
import nl.gmsd.intake.DeliveryRules;

/** Verdicts of approved cost files, as the check would give them, for tests past the check. */
public final class CostVerdicts {

  private CostVerdicts() {}

  /** An approved file of {@code kind} for {@code period}, uploaded {@code minute}s after 1 August of its year. */
  public static FileVerdict approved(String kind, String file, String gemeente, Period period, int minute) {
    long at = Instant.parse(period.year() + "-08-01T00:00:00Z").toEpochMilli() + minute * 60_000L;
    return FileVerdict.newBuilder().setFile(file).setKind(kind).setProtocolYear(period.year())
        .setReceivedAt(Instant.ofEpochMilli(at).toString()).setReceivedAtMillis(at).setAccount(gemeente)
        .setWindow(Period.windowOf(Instant.ofEpochMilli(at)).code()).setGemeentecode(gemeente).setPeriod(period.code())
        .setVerdict(DeliveryRules.APPROVED).setErrors(0).setBlanked(false).setRecords(1).setInForce(false)
        .setInForceFile(null).setFindings(new ArrayList<>()).build();
  }
}
