package nl.gmsd.beam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.avro.PseudonymisedRecord;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;

class SpecificRecordCoderTest {

  private static PseudonymisedRecord record(String pseudonym, Integer end, String toewijzing) {
    return PseudonymisedRecord.newBuilder()
        .setFile("archive/0363/WMO_H12025_gemeente Súdwest-Fryslân.csv").setGemeentecode("0363").setPeriod("H12025")
        .setLine(17).setPseudonym(pseudonym).setType("02").setStart(20089).setEnd(end)
        .setLeveringsvorm("ZIN").setToewijzingsnummer(toewijzing).setRedenBeeindiging(null).build();
  }

  private static FileVerdict verdict(int findings) {
    List<Finding> list = new ArrayList<>();
    for (int i = 0; i < findings; i++) {
      list.add(Finding.newBuilder().setCode("R1" + i).setField(i % 2 == 0 ? null : "BSN").setCount(1000L * i)
          .setLines(Arrays.asList(2, 3, 5 + i)).setDetail(null).build());
    }
    return FileVerdict.newBuilder().setFile("f.csv").setReceivedAt("2025-07-15T10:00:00Z").setReceivedAtMillis(1L << 40)
        .setAccount("0363").setWindow("H12025").setGemeentecode("0363").setPeriod("H12025").setVerdict("AFGEKEURD")
        .setErrors(3).setBlanked(false).setRecords(12).setRecordsPassedOn(0).setInForce(false).setInForceFile(null)
        .setFindings(list).build();
  }

  @Test
  void recordsSurviveTheRoundTripWithNullsNestingAndNonAsciiText() throws Exception {
    SpecificRecordCoder<PseudonymisedRecord> coder = SpecificRecordCoder.of(PseudonymisedRecord.class);
    CoderProperties.coderDecodeEncodeEqual(coder, record("ab".repeat(32), 20200, "T-1"));
    CoderProperties.coderDecodeEncodeEqual(coder, record(null, null, null));
    CoderProperties.coderSerializable(coder);
    SpecificRecordCoder<FileVerdict> verdicts = SpecificRecordCoder.of(FileVerdict.class);
    CoderProperties.coderDecodeEncodeEqual(verdicts, verdict(0));
    CoderProperties.coderDecodeEncodeEqual(verdicts, verdict(40)); // larger than the first buffer
  }

  @Test
  void theBodyIsAvrosOwnBinaryEncodingBehindItsLength() throws Exception {
    PseudonymisedRecord r = record("cd".repeat(32), null, "T-2");
    byte[] avro = CoderUtils.encodeToByteArray(AvroCoder.specific(PseudonymisedRecord.class), r);
    byte[] ours = CoderUtils.encodeToByteArray(SpecificRecordCoder.of(PseudonymisedRecord.class), r);
    ByteArrayInputStream in = new ByteArrayInputStream(ours);
    assertEquals(avro.length, VarInt.decodeInt(in));
    assertArrayEquals(avro, in.readAllBytes());
  }

  @Test
  void recordsInOneStreamAreReadOneByOneWithoutReadingAhead() throws Exception {
    Coder<KV<Long, PseudonymisedRecord>> kv = KvCoder.of(VarLongCoder.of(), SpecificRecordCoder.of(PseudonymisedRecord.class));
    List<KV<Long, PseudonymisedRecord>> written = List.of(
        KV.of(1L, record("01".repeat(32), 1, "a")), KV.of(2L, record(null, null, null)), KV.of(3L, record("ff".repeat(32), 9, "c")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (KV<Long, PseudonymisedRecord> e : written) {
      kv.encode(e, out);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    List<KV<Long, PseudonymisedRecord>> read = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      read.add(kv.decode(in));
    }
    assertEquals(written, read);
    assertEquals(0, in.available());
  }

  @Test
  void aTruncatedRecordIsAnErrorNotAShortRecord() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(SpecificRecordCoder.of(PseudonymisedRecord.class), record(null, null, "x"));
    SpecificRecordCoder<PseudonymisedRecord> coder = SpecificRecordCoder.of(PseudonymisedRecord.class);
    assertThrows(EOFException.class,
        () -> coder.decode(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 3))));
  }

  @Test
  void theProviderGivesItForGeneratedRecordsOnly() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    registry.registerCoderProvider(SpecificRecordCoder.provider());
    assertEquals(SpecificRecordCoder.of(FileVerdict.class), registry.getCoder(TypeDescriptor.of(FileVerdict.class)));
    assertEquals(VarLongCoder.of(), registry.getCoder(TypeDescriptor.of(Long.class)));
  }

  @Test
  void nullIsRefused() {
    assertThrows(IOException.class,
        () -> SpecificRecordCoder.of(PseudonymisedRecord.class).encode(null, new ByteArrayOutputStream()));
  }
}
