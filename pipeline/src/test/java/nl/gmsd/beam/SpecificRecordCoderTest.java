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
import java.util.Random;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.avro.Person;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.avro.TableCell;
import nl.gmsd.avro.Upload;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
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
        .setFileRank(417).setGemeentecode("0363").setHalfYear(4050)
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

  /** Every class generated from schemas/: a coder for each must read what Avro itself writes. */
  private static final List<Class<? extends SpecificRecordBase>> GENERATED = List.of(Arrangement.class, CellCount.class,
      ClientPeriod.class, DeliveryRecord.class, FileVerdict.class, Finding.class, MicrodataArrangement.class,
      Person.class, PseudonymisedRecord.class, TableCell.class, Upload.class);

  @Test
  void everyGeneratedRecordReadsBackWhatAvroWrote() throws Exception {
    Random random = new Random(7);
    for (Class<? extends SpecificRecordBase> type : GENERATED) {
      for (int i = 0; i < 200; i++) {
        roundTrip(type, random);
      }
    }
  }

  private static <T extends SpecificRecordBase> void roundTrip(Class<T> type, Random random) throws Exception {
    @SuppressWarnings("unchecked")
    T record = (T) randomValue(type.getConstructor().newInstance().getSchema(), random, type);
    SpecificRecordCoder<T> coder = SpecificRecordCoder.of(type);
    byte[] avro = CoderUtils.encodeToByteArray(AvroCoder.specific(type), record);
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    VarInt.encode(avro.length, framed);
    framed.write(avro);
    assertEquals(record, coder.decode(new ByteArrayInputStream(framed.toByteArray())), type.getSimpleName());
    assertArrayEquals(framed.toByteArray(), CoderUtils.encodeToByteArray(coder, record), type.getSimpleName());
  }

  /** A random value of {@code schema}: nulls, empty and long arrays, non-ASCII text, extreme numbers. */
  private static Object randomValue(Schema schema, Random random, Class<?> recordClass) throws Exception {
    switch (schema.getType()) {
      case NULL:
        return null;
      case BOOLEAN:
        return random.nextBoolean();
      case INT:
        return random.nextInt(4) == 0 ? Integer.MIN_VALUE + random.nextInt(3) : random.nextInt(40_000) - 100;
      case LONG:
        return random.nextInt(4) == 0 ? Long.MAX_VALUE - random.nextInt(3) : (long) random.nextInt(1 << 20);
      case STRING: {
        String[] pieces = {"", "0363", "H12025", "Súdwest-Fryslân", "ab".repeat(32), "\u20ac;\"|", "0014-1"};
        return pieces[random.nextInt(pieces.length)] + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(1000)));
      }
      case UNION: {
        List<Schema> branches = schema.getTypes();
        return randomValue(branches.get(random.nextInt(branches.size())), random, null);
      }
      case ARRAY: {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(3) == 0 ? 0 : random.nextInt(3) == 0 ? 300 : random.nextInt(5);
        for (int i = 0; i < n; i++) {
          list.add(randomValue(schema.getElementType(), random, null));
        }
        return list;
      }
      case RECORD: {
        Class<?> type = recordClass != null ? recordClass : Class.forName(schema.getFullName());
        SpecificRecordBase record = (SpecificRecordBase) type.getConstructor().newInstance();
        for (Schema.Field f : schema.getFields()) {
          record.put(f.pos(), randomValue(f.schema(), random, null));
        }
        return record;
      }
      default:
        throw new IllegalArgumentException("no random " + schema.getType());
    }
  }

  @Test
  void theLengthIsBeamsVarInt() throws Exception {
    byte[] scratch = new byte[5];
    for (int n : new int[] {0, 1, 127, 128, 300, 16_383, 16_384, 2_097_152, Integer.MAX_VALUE}) {
      ByteArrayOutputStream beam = new ByteArrayOutputStream();
      VarInt.encode(n, beam);
      int length = SpecificRecordCoder.varInt(n, scratch);
      assertArrayEquals(beam.toByteArray(), Arrays.copyOf(scratch, length), "n = " + n);
    }
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
