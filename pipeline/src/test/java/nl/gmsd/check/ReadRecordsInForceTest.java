package nl.gmsd.check;

import static nl.gmsd.check.Fixtures.REFERENCE;
import static nl.gmsd.check.Fixtures.RUN;
import static nl.gmsd.check.Fixtures.bytes;
import static nl.gmsd.check.Fixtures.corrupt;
import static nl.gmsd.check.Fixtures.upload;
import static nl.gmsd.check.Fixtures.validLines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Upload;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import nl.gmsd.intake.ApplyDeliveryRules;
import nl.gmsd.intake.DeliveryArchive;
import nl.gmsd.intake.DeliveryRules;
import nl.gmsd.intake.Withdrawal;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check's two passes on the Direct runner: verdicts with the count of records each approved
 * file passes on, then, after the delivery rules, the records of the deliveries in force only.
 */
@ExtendWith(TestPipelineExtension.class)
class ReadRecordsInForceTest {

  @TempDir
  Path archive;

  private Upload deliver(String file, List<String> lines, String receivedAt) throws IOException {
    Files.write(archive.resolve(file), bytes(lines));
    return upload(file, receivedAt);
  }

  @Test
  void onlyTheDeliveriesInForceAndNotWithdrawnGoOn(TestPipeline p) throws IOException {
    List<String> first = validLines(2);
    List<String> second = validLines(3);
    List<String> rejected = validLines(1);
    corrupt(rejected, 2, 3, "12345678"); // a BSN of 8 digits: rejected
    List<String> denHaag = validLines(1);
    corrupt(denHaag, 2, 1, "0518");
    List<String> previousHalfYear = validLines(2);
    for (int line = 2; line <= 3; line++) {
      corrupt(previousHalfYear, line, 4, "20240701");
      corrupt(previousHalfYear, line, 5, "20241231");
    }
    previousHalfYear.add(previousHalfYear.get(2)); // line 4 repeats line 3: W31, not passed on
    List<Upload> uploads = List.of(
        deliver("WMO_H12025_eerste.csv", first, "2025-07-10T10:00:00Z"),
        deliver("WMO_H12025_tweede.csv", second, "2025-07-11T10:00:00Z"),
        deliver("WMO_H12025_afgekeurd.csv", rejected, "2025-07-12T10:00:00Z"),
        deliver("WMO_H12025_denhaag.csv", denHaag, "2025-07-10T10:00:00Z"),
        deliver("WMO_H22024_vorige.csv", previousHalfYear, "2025-07-10T10:00:00Z"));
    Withdrawal withdrawal = new Withdrawal("0518", "H12025", "2025-08-01T00:00:00Z",
        Instant.parse("2025-08-01T00:00:00Z").toEpochMilli(), 2);
    Set<Period> periodsRead = DeliveryArchive.periodsRead(RUN);

    PCollection<Upload> in = p.apply(Create.of(uploads).withCoder(SpecificRecordCoder.of(Upload.class)));
    PCollection<FileVerdict> verdicts = in.apply(TechnicalCheck.of(archive.toString(), RUN, periodsRead, REFERENCE));
    PCollectionView<DeliveryRules.Decision> decision = verdicts
        .apply(ApplyDeliveryRules.of(List.of(withdrawal), DeliveryRules.Settings.defaults()))
        .apply(View.asSingleton());
    PCollection<DeliveryRecord> records = in.apply(ReadRecordsInForce.of(archive.toString(), periodsRead, REFERENCE, decision));

    PAssert.that(verdicts.apply("Counts", MapElements.into(TypeDescriptors.strings())
            .via((FileVerdict v) -> v.getFile() + " " + v.getVerdict() + " " + v.getRecordsPassedOn())))
        .containsInAnyOrder(
            "WMO_H12025_eerste.csv GOEDGEKEURD 2",
            "WMO_H12025_tweede.csv GOEDGEKEURD 3",
            "WMO_H12025_afgekeurd.csv AFGEKEURD 0",
            "WMO_H12025_denhaag.csv GOEDGEKEURD 1",
            "WMO_H22024_vorige.csv GOEDGEKEURD 2");
    // The later approved delivery displaces the first, the rejected one displaces nothing, the
    // withdrawn gemeente's records stay out; the previous half year is read (same calendar year
    // span), without its repeated line.
    PAssert.that(records.apply("Lines", MapElements.into(TypeDescriptors.strings())
            .via((DeliveryRecord r) -> r.getFile() + ":" + r.getLine())))
        .containsInAnyOrder(
            "WMO_H12025_tweede.csv:2", "WMO_H12025_tweede.csv:3", "WMO_H12025_tweede.csv:4",
            "WMO_H22024_vorige.csv:2", "WMO_H22024_vorige.csv:3");
    p.run().waitUntilFinish();
  }
}
