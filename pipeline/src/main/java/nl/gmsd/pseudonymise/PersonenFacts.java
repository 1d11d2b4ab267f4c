package nl.gmsd.pseudonymise;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.gmsd.common.ReferenceFiles.Personen;
import nl.gmsd.common.input.Column;
import nl.gmsd.common.input.Header;
import nl.gmsd.common.input.InputFileException;
import nl.gmsd.common.input.InputFileReader;
import nl.gmsd.common.io.Storage;
import nl.gmsd.write.OutputFiles;

/**
 * What reading {@code personen.csv} found, per range, written by the workers beside the staged
 * output ({@code .run/personen/range-NNNNN.facts}) and gathered by the driver after the job
 * (SPEC 6: the register is checked in the pass that reads it for the join). Per range: the rows
 * and persons read, the first defects by byte offset, and the sorted 64-bit prefixes of the
 * persons' pseudonyms, from which the driver finds a person twice (one row per BSN) without a
 * shuffle. A retried range rewrites its own file, so nothing is counted twice.
 *
 * <p>Only when something is wrong does the driver read the file once more, to turn offsets into
 * line numbers and to confirm each candidate duplicate by its BSN (two pseudonyms' prefixes can
 * be equal by chance, about once in 10^5 national runs; such a pair is no defect).
 */
public final class PersonenFacts {

  /** The folder under the run's hidden {@code .run} folder. */
  public static final String FOLDER = "personen";

  private static final int MAGIC = 0x474d5350; // "GMSP"
  /** How many defects a range keeps (the driver reports the first ten of all). */
  static final int KEPT = InputFileReader.MAX_MESSAGES;
  /** How many distinct duplicate prefixes the driver confirms by reading the file again. */
  static final int MAX_CANDIDATES = 10_000;

  /** A defective line: its offset, what is wrong, in which column (description index, -1 none). */
  record Finding(long offset, PersonRows.Defect defect, int column, int fields) {}

  /** The facts of one range. */
  static final class RangeFacts {
    long rows;
    long persons;
    long defects;
    final List<Finding> first = new ArrayList<>();
    long[] prefixes = new long[1 << 12];
    int prefixCount;

    void defect(Finding f) {
      defects++;
      if (first.size() < KEPT) {
        first.add(f);
      }
    }

    void person(String pseudonym) {
      persons++;
      if (prefixCount == prefixes.length) {
        prefixes = Arrays.copyOf(prefixes, prefixes.length * 2);
      }
      prefixes[prefixCount++] = prefix(pseudonym);
    }
  }

  /** The first 64 bits of a pseudonym (an HMAC, so uniform), as a signed long. */
  static long prefix(String pseudonym) {
    return Long.parseUnsignedLong(pseudonym, 0, 16, 16);
  }

  private PersonenFacts() {}

  static String file(String folder, int range) {
    return Storage.resolve(folder, String.format("range-%05d.facts", range));
  }

  static void write(Path folder, int range, RangeFacts f) throws IOException {
    write(folder.toString(), range, f);
  }

  /** Writes a range's facts into {@code folder}: a local path, or a URI ({@link OutputFiles}). */
  static void write(String folder, int range, RangeFacts f) throws IOException {
    Arrays.sort(f.prefixes, 0, f.prefixCount);
    OutputFiles.write(file(folder, range), out -> {
      DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
      d.writeInt(MAGIC);
      d.writeLong(f.rows);
      d.writeLong(f.persons);
      d.writeLong(f.defects);
      d.writeInt(f.first.size());
      for (Finding x : f.first) {
        d.writeLong(x.offset());
        d.writeByte(x.defect().ordinal());
        d.writeInt(x.column());
        d.writeInt(x.fields());
      }
      d.writeInt(f.prefixCount);
      for (int i = 0; i < f.prefixCount; i++) {
        d.writeLong(f.prefixes[i]);
      }
      d.flush();
    });
  }

  /** A range's facts file opened for reading: its counts and findings read, prefixes streamed. */
  private static final class Reader implements AutoCloseable {
    final DataInputStream in;
    final long rows;
    final long persons;
    final long defects;
    final List<Finding> first = new ArrayList<>();
    int prefixesLeft;
    long head;
    boolean hasHead;

    Reader(String file) throws IOException {
      in = new DataInputStream(new BufferedInputStream(Storage.open(file), 1 << 16));
      if (in.readInt() != MAGIC) {
        throw new IOException(file + ": not a facts file of this version");
      }
      rows = in.readLong();
      persons = in.readLong();
      defects = in.readLong();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        first.add(new Finding(in.readLong(), PersonRows.Defect.values()[in.readByte()], in.readInt(), in.readInt()));
      }
      prefixesLeft = in.readInt();
      advance();
    }

    /** Moves to the next prefix; false (and no head) when there is none. */
    boolean advance() throws IOException {
      hasHead = prefixesLeft > 0;
      if (hasHead) {
        prefixesLeft--;
        head = in.readLong();
      }
      return hasHead;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** What the register gave the run: the persons read (its rows, all valid). */
  public record Summary(long rows, long persons) {}

  /**
   * Gathers the facts of every range of {@code personen} from {@code folder}; throws an
   * {@link InputFileException} naming the first defects (line, column, fix) and every person held
   * twice (both lines) when there are any. {@code pseudonymiser} re-identifies a duplicate on that
   * path only.
   */
  public static Summary collect(Path folder, PersonenFile personen, Pseudonymiser pseudonymiser) throws IOException {
    return collect(folder.toString(), personen, pseudonymiser);
  }

  /** {@link #collect(Path, PersonenFile, Pseudonymiser)} for a location (a local path, or a URI). */
  public static Summary collect(String folder, PersonenFile personen, Pseudonymiser pseudonymiser) throws IOException {
    long rows = 0;
    long persons = 0;
    long defects = 0;
    List<Finding> first = new ArrayList<>();
    List<Reader> readers = new ArrayList<>();
    Set<Long> candidates = new HashSet<>();
    try {
      for (PersonenFile.Range r : personen.ranges()) {
        String f = file(folder, r.index());
        if (Storage.isLocal(f) ? !Files.isRegularFile(Path.of(f)) : Storage.kind(f) != Storage.Kind.FILE) {
          throw new IllegalStateException("the facts of range " + r.index() + " of " + personen.path()
              + " are missing: the job did not read all of it");
        }
        Reader reader = new Reader(f);
        readers.add(reader);
        rows += reader.rows;
        persons += reader.persons;
        defects += reader.defects;
        first.addAll(reader.first);
      }
      // k-way merge of the sorted prefixes: an equal neighbour is a candidate duplicate.
      List<Reader> live = new ArrayList<>();
      for (Reader r : readers) {
        if (r.hasHead) {
          live.add(r);
        }
      }
      boolean has = false;
      long previous = 0;
      while (!live.isEmpty()) {
        int min = 0;
        for (int i = 1; i < live.size(); i++) {
          if (live.get(i).head < live.get(min).head) {
            min = i;
          }
        }
        Reader r = live.get(min);
        long v = r.head;
        if (has && v == previous) {
          if (candidates.size() < MAX_CANDIDATES) {
            candidates.add(v);
          }
        }
        has = true;
        previous = v;
        if (!r.advance()) {
          live.remove(min);
        }
      }
    } finally {
      for (Reader r : readers) {
        r.close();
      }
    }
    if (defects == 0 && candidates.isEmpty()) {
      return new Summary(rows, persons);
    }
    first.sort(Comparator.comparingLong(Finding::offset));
    report(personen, first.subList(0, Math.min(KEPT, first.size())), defects, candidates, pseudonymiser);
    return new Summary(rows, persons); // every candidate was a coincidence of prefixes
  }

  /**
   * Reads the file once more to name lines: the defects' offsets become line numbers, and the
   * rows whose pseudonym has a candidate prefix are grouped by BSN (held here only, never shown).
   */
  private static void report(PersonenFile personen, List<Finding> first, long defects, Set<Long> candidates,
      Pseudonymiser pseudonymiser) throws IOException {
    String file = personen.path();
    Map<Long, Finding> byOffset = new HashMap<>();
    first.forEach(f -> byOffset.put(f.offset(), f));
    TreeMap<Integer, String> messages = new TreeMap<>();
    Map<String, Integer> firstLineOfBsn = new HashMap<>();
    long duplicates = 0;
    Header header = personen.header();
    PersonRows.Parser parser = new PersonRows.Parser(header);
    int number = 1; // the header
    try (PersonenLines lines = new PersonenLines(file, personen.dataStart(), Long.MAX_VALUE, true)) {
      while (lines.next()) {
        number++; // every physical line comes by, blank ones too
        Finding f = byOffset.get(lines.offset());
        if (f != null) {
          messages.put(number, describe(header, f));
          continue;
        }
        if (candidates.isEmpty() || lines.text() == null || parser.isBlank(lines.text())) {
          continue;
        }
        PersonRows.ParsedPerson p = parser.parse(lines.text());
        if (p == null || !candidates.contains(prefix(pseudonymiser.pseudonym(p.bsn())))) {
          continue;
        }
        Integer earlier = firstLineOfBsn.putIfAbsent(p.bsn(), number);
        if (earlier != null) {
          duplicates++;
          messages.put(number, "the same " + Personen.BSN.name() + " as line " + earlier + " ("
              + Personen.FILE.name() + " has one row per person); keep one of lines " + earlier + " and " + number);
        }
      }
    }
    if (defects == 0 && duplicates == 0) {
      return;
    }
    InputFileReader.Messages out = new InputFileReader.Messages(file);
    messages.entrySet().stream().limit(KEPT).forEach(e -> out.add(e.getKey(), e.getValue()));
    out.addUncounted(defects + duplicates - Math.min(KEPT, messages.size()));
    out.throwIfAny();
  }

  private static String describe(Header header, Finding f) {
    Column<?> column = f.column() < 0 ? null : Personen.FILE.columns().get(f.column());
    return switch (f.defect()) {
      case FIELD_COUNT -> header.fieldCountProblem(f.fields());
      case EMPTY -> header.emptyProblem(column);
      case INVALID -> header.invalidProblem(column, null);
      case NOT_UTF8 -> "not valid UTF-8; save the file as UTF-8 text";
      case TOO_LONG -> "the line is longer than " + PersonRows.MAX_LINE_BYTES + " bytes; each row is bsn, "
          + "birth date, sex and household on one line";
    };
  }
}
