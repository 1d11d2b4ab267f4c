package nl.gmsd.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.StringHash;
import nl.gmsd.common.TextEncoding;

/**
 * The technical check of one delivered file (SPEC 3, 4, 11), streaming: memory is bounded by the
 * line cap, the per-code tallies and a 16-byte hash per distinct record (for W31).
 */
public final class FileChecker implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String APPROVED = "GOEDGEKEURD";
  public static final String REJECTED = "AFGEKEURD";

  private final Protocol protocol;
  private final ReferenceData reference;
  private final boolean latestDivisionFallback;
  private final FileNameRules names;

  public FileChecker(Protocol protocol, ReferenceData reference) {
    this(protocol, reference, false);
  }

  private FileChecker(Protocol protocol, ReferenceData reference, boolean latestDivisionFallback) {
    this.protocol = protocol;
    this.reference = reference;
    this.latestDivisionFallback = latestDivisionFallback;
    this.names = new FileNameRules(protocol);
  }

  /**
   * For the stand-alone check (SPEC 10): when the reference data has no division for the year
   * needed, the latest year it has is used instead (see {@link #divisionYear(int)}).
   */
  public FileChecker withLatestDivisionFallback() {
    return new FileChecker(protocol, reference, true);
  }

  public Protocol protocol() {
    return protocol;
  }

  /** The year whose division is used for {@code year}: itself, or with the fallback the latest. */
  public int divisionYear(int year) {
    if (latestDivisionFallback && !reference.hasDivision(year) && !reference.years().isEmpty()) {
      return reference.years().last();
    }
    return year;
  }

  /** The period in the file name of a manifest path, when the name has one (F02 passes). */
  public Optional<Period> periodOf(String manifestPath) {
    return names.period(manifestPath);
  }

  /** The year of the division a file is checked against (SPEC 11), before any fallback. */
  public int periodYear(Upload upload, Period runPeriod) {
    return periodOf(upload.getFile()).map(Period::year).orElse(runPeriod.year());
  }

  /** Checks one file's content; never throws for bad content, only for I/O failures. */
  public FileVerdict check(Upload upload, Period runPeriod, InputStream content) throws IOException {
    FileScan scan = new FileScan(upload, runPeriod, null, false);
    scan.fileNameChecks();
    scan.read(content);
    return scan.verdict();
  }

  /** The verdict for a manifest row whose file is absent from the archive: F10 only. */
  public FileVerdict missing(Upload upload, Period runPeriod) {
    return unread(upload, protocol.code("fileMissing"));
  }

  /**
   * The verdict for a manifest row whose path is not a regular file (a folder, a FIFO, a
   * device): F11 only. Reading a FIFO could block for ever, so it is never opened.
   */
  public FileVerdict notRegularFile(Upload upload, Period runPeriod) {
    return unread(upload, protocol.code("notRegularFile"));
  }

  private FileVerdict unread(Upload upload, String code) {
    FindingTally only = new FindingTally(code, null, maxLines());
    only.add(0);
    return FileVerdict.newBuilder()
        .setFile(upload.getFile())
        .setReceivedAt(upload.getReceivedAt())
        .setReceivedAtMillis(upload.getReceivedAtMillis())
        .setAccount(upload.getAccount())
        .setWindow(upload.getWindow())
        .setGemeentecode(upload.getAccount())
        .setPeriod(periodOf(upload.getFile()).map(Period::code).orElse(""))
        .setVerdict(REJECTED)
        .setErrors(1)
        .setBlanked(false)
        .setRecords(0)
        .setInForce(false)
        .setInForceFile(null)
        .setFindings(List.of(only.toFinding("", "")))
        .build();
  }

  /**
   * Second pass over an approved file: hands on every record that goes to merging, that is every
   * record without W30 or W31 (W32 records do go on). Optional fields are null when the verdict
   * is blanked, and null when empty.
   */
  public void approvedRecords(
      Upload upload, FileVerdict verdict, InputStream content, Consumer<DeliveryRecord> sink)
      throws IOException {
    if (!APPROVED.equals(verdict.getVerdict())) {
      throw new IllegalArgumentException(
          "approvedRecords needs an approved file; " + verdict.getFile() + " is " + verdict.getVerdict());
    }
    Period runPeriod = verdict.getPeriod().isEmpty()
        ? Period.parse(upload.getWindow())
        : Period.parse(verdict.getPeriod());
    FileScan scan = new FileScan(upload, runPeriod, sink, verdict.getBlanked());
    scan.read(content);
    if (scan.rejected()) {
      throw new IllegalStateException(
          verdict.getFile() + ": the content differs from the checked file (now rejected)");
    }
  }

  int maxLines() {
    return protocol.intSetting("findings.maxLines");
  }

  /** The state of checking one file. Not serializable: one per call. */
  private final class FileScan {

    private final Upload upload;
    private final Period period;
    private final Consumer<DeliveryRecord> sink;
    private final boolean blankOptional;
    private final List<Protocol.Column> columns = protocol.columns();
    private final int nColumns = columns.size();
    private final byte separator = (byte) protocol.setting("separator").charAt(0);
    private final int maxLineBytes = protocol.intSetting("line.maxBytes");
    private final int gemeenteLength;
    private final int maxShownGemeente = protocol.intSetting("gemeentecode.maxShownLength");
    private final byte[] header = protocol.header().getBytes(StandardCharsets.US_ASCII);
    private final List<String> headerNames = columns.stream().map(Protocol.Column::name).toList();
    private final int createdIdx = protocol.columnFor("created").position() - 1;
    private final int gemeenteIdx = protocol.columnFor("gemeente").position() - 1;
    private final int bsnIdx = protocol.columnFor("bsn").position() - 1;
    private final int startIdx = protocol.columnFor("start").position() - 1;
    private final int endIdx = protocol.columnFor("end").position() - 1;
    private final int typeIdx = protocol.columnFor("type").position() - 1;
    private final int leveringsvormIdx = protocol.columnFor("leveringsvorm").position() - 1;
    private final int[] optionalIdx = {index("toewijzingsnummer"), index("volume"), index("eenheid"),
        index("frequentie"), index("redenBeeindiging"), index("redenWijziging")};
    private final byte[] unknownBsn = ascii(protocol.setting("bsn.unknown"));
    private final byte[] invalidBsn = ascii(protocol.setting("bsn.invalid"));
    private final byte[][][] allowed = new byte[nColumns][][];
    private final boolean[] inDivision;
    private final boolean[] mergedAway;
    private final Map<String, String> mergedDetails = new HashMap<>();
    private final long receivedDay;
    private final Map<String, FindingTally> tallies = new HashMap<>();
    private final LineHashSet seen = new LineHashSet();
    private final String quoteCode = protocol.code("quote");
    private final String scientificCode = protocol.code("scientific");
    private final String mergedCode = protocol.code("gemeenteMerged");

    // the line being read
    private byte[] line = new byte[256];
    private int lineLen;
    private boolean overflow;
    private boolean pendingCr;
    private boolean lineHasBytes;
    private long h1 = H1_SEED;
    private long h2 = H2_SEED;
    private int lineNo = 1;
    // UTF-8 decoder state: continuation bytes still needed, and the range of the next one
    private int need;
    private int lo = 0x80;
    private int hi = 0xBF;

    private boolean stopped;
    private boolean anyByte;
    // the first bytes of the file, to name its encoding when it is not UTF-8 (F05)
    private final byte[] sniff = new byte[SNIFF_BYTES];
    private int sniffLen;
    // F07 with a wrong separator or the columns in another order: records counted, not checked
    private boolean recordsUnchecked;
    private long records;
    private long passedOn;
    private String firstGemeente; // null when none, or too long to show
    private byte[] firstGemeenteBytes;
    private boolean moreGemeenten;

    // per record: field bounds and validity
    private final int[] fieldStart;
    private final int[] fieldEnd;
    private final boolean[] fieldOk;
    private final int[] dateDay;

    FileScan(Upload upload, Period runPeriod, Consumer<DeliveryRecord> sink, boolean blankOptional) {
      this.upload = upload;
      this.period = periodOf(upload.getFile()).orElse(null);
      this.sink = sink;
      this.blankOptional = blankOptional;
      this.receivedDay = Math.floorDiv(upload.getReceivedAtMillis(), 86_400_000L);
      for (int i = 0; i < nColumns; i++) {
        List<String> a = columns.get(i).allowed();
        allowed[i] = new byte[a.size()][];
        for (int j = 0; j < a.size(); j++) {
          allowed[i][j] = ascii(a.get(j));
        }
      }
      int year = divisionYear(period != null ? period.year() : runPeriod.year());
      // the division as a table indexed by the code's number, for codes of the column's length
      gemeenteLength = columns.get(gemeenteIdx).maxLength();
      inDivision = new boolean[(int) Math.pow(10, gemeenteLength)];
      for (String code : reference.division(year).keySet()) {
        if (code.length() == gemeenteLength && isDigits(code)) {
          inDivision[Integer.parseInt(code)] = true;
        }
      }
      mergedAway = new boolean[inDivision.length];
      for (ReferenceData.Merger m : reference.mergers()) {
        if (m.oldCode().length() == gemeenteLength && isDigits(m.oldCode())) {
          mergedAway[Integer.parseInt(m.oldCode())] = true;
        }
      }
      fieldStart = new int[nColumns + 1];
      fieldEnd = new int[nColumns + 1];
      fieldOk = new boolean[nColumns];
      dateDay = new int[nColumns];
    }

    private FindingTally tally(String code, String field) {
      return tallies.computeIfAbsent(code, c -> new FindingTally(c, field, maxLines()));
    }

    private void error(String code, String field, int at) {
      tally(code, field).add(at);
    }

    void fileNameChecks() {
      for (String code : names.check(upload.getFile())) {
        error(code, null, 0);
      }
      if (period != null) {
        Period window = Period.parse(upload.getWindow());
        if (!period.equals(window) && !period.equals(window.previous())) {
          String code = protocol.code("periodNotInWindow");
          error(code, null, 0);
          tally(code, null).detail(windowDetail(window));
        }
      }
    }

    /** Which window the file was judged against, and what it accepts (SPEC 1), in Dutch. */
    private String windowDetail(Period window) {
      Period uploads = window.next(); // the half year whose uploads belong to the window
      return protocol.setting("detail.periodNotInWindow")
          .replace("{received}", Dates.dutch(LocalDate.ofEpochDay(receivedDay)))
          .replace("{window}", window.code())
          .replace("{previous}", window.previous().code())
          .replace("{from}", Dates.dutch(uploads.start()))
          .replace("{to}", Dates.dutch(uploads.end()));
    }

    boolean rejected() {
      for (FindingTally t : tallies.values()) {
        if (protocol.rejects(t.code())) {
          return true;
        }
      }
      return false;
    }

    // ---- reading bytes ----

    void read(InputStream in) throws IOException {
      byte[] head = in.readNBytes(3);
      keepSniff(head, head.length);
      int skip = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
          && (head[2] & 0xFF) == 0xBF ? 3 : 0;
      feed(head, skip, head.length);
      byte[] buf = new byte[1 << 16];
      int n;
      while (!stopped && (n = in.read(buf)) > 0) {
        keepSniff(buf, n);
        feed(buf, 0, n);
      }
      if (stopped) {
        return;
      }
      if (need > 0) {
        notUtf8(buf, 0, 0);
        return;
      }
      if (lineHasBytes) {
        pendingCr = false; // a CR at the very end is a line end's remains
        endLine();
      }
      if (!anyByte) {
        error(protocol.code("noHeader"), null, 0);
      }
    }

    private void keepSniff(byte[] buf, int n) {
      int take = Math.min(n, sniff.length - sniffLen);
      if (take > 0) {
        System.arraycopy(buf, 0, sniff, sniffLen, take);
        sniffLen += take;
      }
    }

    private void feed(byte[] buf, int from, int to) {
      for (int i = from; i < to && !stopped; i++) {
        int b = buf[i] & 0xFF;
        anyByte = true;
        if (need == 0) {
          if (b < 0x80) {
            if (b == '\n') {
              pendingCr = false; // CRLF: the CR is not part of the line
              endLine();
              continue;
            }
            if (pendingCr) {
              append('\r');
              pendingCr = false;
            }
            if (b == '\r') {
              pendingCr = true;
              lineHasBytes = true;
              continue;
            }
            append(b);
            continue;
          }
          if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
          } else if (b == 0xE0) {
            need = 2;
            lo = 0xA0;
          } else if (b == 0xED) {
            need = 2;
            hi = 0x9F; // no surrogates
          } else if (b >= 0xE1 && b <= 0xEF) {
            need = 2;
          } else if (b == 0xF0) {
            need = 3;
            lo = 0x90;
          } else if (b >= 0xF1 && b <= 0xF3) {
            need = 3;
          } else if (b == 0xF4) {
            need = 3;
            hi = 0x8F;
          } else {
            notUtf8(buf, i, to);
            return;
          }
        } else {
          if (b < lo || b > hi) {
            notUtf8(buf, i, to);
            return;
          }
          need--;
          lo = 0x80;
          hi = 0xBF;
        }
        if (pendingCr) {
          append('\r');
          pendingCr = false;
        }
        append(b);
      }
    }

    /** F05 on this line, naming the encoding the bytes from {@code buf[at]} on suggest. */
    private void notUtf8(byte[] buf, int at, int to) {
      String code = protocol.code("notUtf8");
      error(code, null, lineNo);
      byte[] around = Arrays.copyOfRange(buf, at, Math.min(to, at + SNIFF_BYTES));
      TextEncoding.Guess guess = TextEncoding.guess(sniff, sniffLen, around, around.length);
      tally(code, null).detail(protocol.setting("detail.encoding." + guess.name()));
      stopped = true;
    }

    private void append(int b) {
      lineHasBytes = true;
      h1 = (h1 ^ b) * 0x100000001B3L;
      h2 = (Long.rotateLeft(h2, 9) ^ b) * 0x9E3779B97F4A7C15L;
      if (overflow) {
        return;
      }
      if (lineLen == line.length) {
        if (lineLen >= maxLineBytes) {
          overflow = true;
          return;
        }
        line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
      }
      line[lineLen++] = (byte) b;
    }

    private void endLine() {
      if (lineNo == 1) {
        header();
      } else {
        record();
      }
      lineNo++;
      lineLen = 0;
      overflow = false;
      lineHasBytes = false;
      h1 = H1_SEED;
      h2 = H2_SEED;
    }

    private void header() {
      if (TextEncoding.guess(sniff, sniffLen, sniff, 0) == TextEncoding.Guess.UTF_16) {
        // UTF-16 without a byte order mark: ASCII with a NUL beside every character is valid
        // UTF-8, but no text a gemeente meant to write; F05, and nothing more is read.
        notUtf8(sniff, 0, 0);
        return;
      }
      if (lineLen == 0 && !overflow) {
        error(protocol.code("noHeader"), null, 0);
        stopped = true;
        return;
      }
      boolean same = !overflow && lineLen == header.length;
      for (int i = 0; same && i < lineLen; i++) {
        same = lowerAscii(line[i]) == lowerAscii(header[i]);
      }
      if (!same) {
        String code = protocol.code("headerMismatch");
        error(code, null, 1);
        HeaderMismatch why = HeaderMismatch.of(new String(line, 0, lineLen, StandardCharsets.UTF_8),
            headerNames, (char) separator, protocol);
        tally(code, null).detail(why.detail());
        recordsUnchecked = why.recordsUnchecked();
      }
    }

    // ---- one record ----

    private void record() {
      records++;
      if (recordsUnchecked) {
        return;
      }
      int at = lineNo;
      boolean duplicate = !seen.add(mix(h1, lineLen), mix(h2, ~lineLen));
      if (duplicate) {
        error(protocol.code("duplicate"), null, at);
      }
      if (overflow || !split()) {
        error(protocol.code("fieldCount"), null, at);
        return;
      }
      sameGemeente(at);
      boolean basisError = false;
      for (int c = 0; c < nColumns; c++) {
        String code = checkField(c);
        fieldOk[c] = code == null;
        if (code != null) {
          Protocol.Column col = columns.get(c);
          FindingTally t = tally(code, fieldOfCode(code, col));
          t.add(at);
          if (code.equals(quoteCode) || code.equals(scientificCode)) {
            t.detail(col.name());
          } else if (code.equals(mergedCode)) {
            t.detail(mergedDetail(c));
          }
          basisError |= col.set() == Protocol.FieldSet.BASIS || !protocol.isOptional(code);
        }
      }
      boolean datesOk = fieldOk[startIdx] && fieldOk[endIdx];
      boolean endEmpty = fieldEnd[endIdx] == fieldStart[endIdx];
      if (datesOk && !endEmpty && dateDay[endIdx] < dateDay[startIdx]) {
        error(protocol.code("endBeforeStart"), columns.get(endIdx).name(), at);
        basisError = true;
        datesOk = false;
      }
      if (fieldEquals(bsnIdx, unknownBsn)) {
        error(protocol.code("unknownBsn"), columns.get(bsnIdx).name(), at);
      }
      boolean outside = false;
      if (period != null && datesOk) {
        outside = !period.overlaps(dateDay[startIdx], endEmpty ? null : dateDay[endIdx]);
        if (outside) {
          error(protocol.code("outsidePeriod"), null, at);
        }
      }
      if (!basisError && !outside && !duplicate) {
        passedOn++;
        if (sink != null) {
          sink.accept(deliveryRecord(at, endEmpty));
        }
      }
    }

    private String fieldOfCode(String code, Protocol.Column col) {
      return code.equals(quoteCode) || code.equals(scientificCode)
          ? null
          : col.name();
    }

    /** Splits the line into fields; false when the count is not the protocol's. */
    private boolean split() {
      int n = 0;
      fieldStart[0] = 0;
      for (int i = 0; i < lineLen; i++) {
        if (line[i] == separator) {
          fieldEnd[n] = i;
          n++;
          if (n >= nColumns) {
            return false;
          }
          fieldStart[n] = i + 1;
        }
      }
      fieldEnd[n] = lineLen;
      return n + 1 == nColumns;
    }

    private void sameGemeente(int at) {
      int s = fieldStart[gemeenteIdx];
      int e = fieldEnd[gemeenteIdx];
      if (firstGemeenteBytes == null) {
        firstGemeenteBytes = Arrays.copyOfRange(line, s, e);
        String raw = new String(firstGemeenteBytes, StandardCharsets.UTF_8);
        // Privacy: a long value may be a BSN in a shifted column; it is never shown.
        firstGemeente = raw.length() <= maxShownGemeente ? raw : null;
      } else if (!moreGemeenten && !fieldEquals(gemeenteIdx, firstGemeenteBytes)) {
        moreGemeenten = true;
        error(protocol.code("moreThanOneGemeente"), null, at);
      }
    }

    /** The code of the field's one error, or null when it is fine. R02, R03 come first. */
    private String checkField(int c) {
      Protocol.Column col = columns.get(c);
      int s = fieldStart[c];
      int e = fieldEnd[c];
      for (int i = s; i < e; i++) {
        if (line[i] == '"') {
          return quoteCode;
        }
      }
      if (col.scientificCheck() && Scientific.matches(line, s, e)) {
        return scientificCode;
      }
      int len = e - s;
      if (len == 0) {
        return col.emptyAllowed() ? null : col.code();
      }
      if (len < col.minLength() || len > col.maxLength()) {
        return col.code();
      }
      switch (col.kind()) {
        case DATE -> {
          int day = epochDay(s, e);
          if (day == Integer.MIN_VALUE || (c == createdIdx && day > receivedDay)) {
            return col.code();
          }
          dateDay[c] = day;
        }
        case GEMEENTECODE -> {
          if (len != gemeenteLength || !digits(s, e)) {
            return col.code();
          }
          int code = number(s, e);
          if (!inDivision[code]) {
            return mergedAway[code] ? mergedCode : col.code();
          }
        }
        case BSN -> {
          if (!digits(s, e) || fieldEquals(c, invalidBsn)) {
            return col.code();
          }
          if (!fieldEquals(c, unknownBsn) && !elevenProof(s, e)) {
            return col.code();
          }
        }
        case DIGITS -> {
          if (!digits(s, e)) {
            return col.code();
          }
        }
        case LETTERS -> {
          for (int i = s; i < e; i++) {
            int b = line[i] | 0x20;
            if (b < 'a' || b > 'z') {
              return col.code();
            }
          }
        }
        case TOKEN -> {
          for (int i = s; i < e; i++) {
            byte b = line[i];
            boolean ok = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')
                || b == '-';
            if (!ok) {
              return col.code();
            }
          }
        }
        default -> throw new IllegalStateException("unknown kind " + col.kind());
      }
      if (allowed[c].length > 0) {
        for (byte[] a : allowed[c]) {
          if (fieldEquals(c, a)) {
            return null;
          }
        }
        return col.code();
      }
      return null;
    }

    private String mergedDetail(int c) {
      return mergedDetails.computeIfAbsent(text(fieldStart[c], fieldEnd[c]),
          old -> old + " → " + String.join(", ", reference.successors(old)));
    }

    private boolean digits(int s, int e) {
      for (int i = s; i < e; i++) {
        if (line[i] < '0' || line[i] > '9') {
          return false;
        }
      }
      return true;
    }

    private int number(int s, int e) {
      int v = 0;
      for (int i = s; i < e; i++) {
        v = v * 10 + (line[i] - '0');
      }
      return v;
    }

    private boolean elevenProof(int s, int e) {
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        sum += (9 - i) * (line[s + i] - '0');
      }
      sum -= line[s + 8] - '0';
      return Math.floorMod(sum, 11) == 0;
    }

    /** Days since 1970-01-01 of a {@code YYYYMMDD} field, or MIN_VALUE when not a real date. */
    private int epochDay(int s, int e) {
      if (e - s != 8 || !digits(s, e)) {
        return Integer.MIN_VALUE;
      }
      int y = number(s, s + 4);
      int m = number(s + 4, s + 6);
      int d = number(s + 6, s + 8);
      if (y < 1 || m < 1 || m > 12 || d < 1 || d > Dates.daysInMonth(y, m)) {
        return Integer.MIN_VALUE;
      }
      return Dates.epochDay(y, m, d);
    }

    private boolean fieldEquals(int c, byte[] value) {
      int s = fieldStart[c];
      if (fieldEnd[c] - s != value.length) {
        return false;
      }
      for (int i = 0; i < value.length; i++) {
        if (line[s + i] != value[i]) {
          return false;
        }
      }
      return true;
    }

    private String text(int s, int e) {
      return new String(line, s, e - s, StandardCharsets.UTF_8);
    }

    private String optional(int c) {
      if (blankOptional || fieldEnd[c] == fieldStart[c]) {
        return null;
      }
      return text(fieldStart[c], fieldEnd[c]);
    }

    private String field(int c) {
      return text(fieldStart[c], fieldEnd[c]);
    }

    private DeliveryRecord deliveryRecord(int at, boolean endEmpty) {
      return DeliveryRecord.newBuilder()
          .setFile(upload.getFile())
          .setGemeentecode(field(gemeenteIdx))
          .setPeriod(period == null ? "" : period.code())
          .setLine(at)
          .setBsn(field(bsnIdx))
          .setType(field(typeIdx))
          .setStart(dateDay[startIdx])
          .setEnd(endEmpty ? null : dateDay[endIdx])
          .setLeveringsvorm(field(leveringsvormIdx))
          .setToewijzingsnummer(optional(optionalIdx[0]))
          .setVolume(optional(optionalIdx[1]))
          .setEenheid(optional(optionalIdx[2]))
          .setFrequentie(optional(optionalIdx[3]))
          .setRedenBeeindiging(optional(optionalIdx[4]))
          .setRedenWijziging(optional(optionalIdx[5]))
          .build();
    }

    // ---- the outcome ----

    FileVerdict verdict() {
      List<Finding> findings = new ArrayList<>();
      long errors = 0;
      boolean rejects = false;
      boolean optionalErrors = false;
      String fieldsLead = protocol.setting("detail.fields");
      String mergedLead = protocol.setting("detail.merged");
      for (FindingTally t : new TreeMap<>(tallies).values()) {
        String code = t.code();
        boolean merged = code.equals(protocol.code("gemeenteMerged"));
        boolean fileLevel = code.equals(protocol.code("headerMismatch")) || code.equals(protocol.code("notUtf8"))
            || code.equals(protocol.code("periodNotInWindow"));
        findings.add(t.toFinding(merged ? mergedLead : fileLevel ? "" : fieldsLead, merged ? "; " : ", "));
        if (protocol.isError(code)) {
          errors += t.count();
        }
        rejects |= protocol.rejects(code);
        optionalErrors |= protocol.isOptional(code);
      }
      return FileVerdict.newBuilder()
          .setFile(upload.getFile())
          .setReceivedAt(upload.getReceivedAt())
          .setReceivedAtMillis(upload.getReceivedAtMillis())
          .setAccount(upload.getAccount())
          .setWindow(upload.getWindow())
          .setGemeentecode(firstGemeente != null ? firstGemeente : upload.getAccount())
          .setPeriod(period == null ? "" : period.code())
          .setVerdict(rejects ? REJECTED : APPROVED)
          .setErrors(errors)
          .setBlanked(!rejects && optionalErrors)
          .setRecords(records)
          .setRecordsPassedOn(rejects ? 0 : passedOn)
          .setInForce(false)
          .setInForceFile(null)
          .setFindings(findings)
          .build();
    }
  }

  private int index(String role) {
    return protocol.columnFor(role).position() - 1;
  }

  /** How many bytes of a file's start are kept to name its encoding (F05). */
  private static final int SNIFF_BYTES = 4096;

  private static final long H1_SEED = 0xcbf29ce484222325L;
  private static final long H2_SEED = 0x2545F4914F6CDD1DL;

  private static long mix(long h, int len) {
    return StringHash.mix(h ^ len * 0x9E3779B97F4A7C15L);
  }

  private static int lowerAscii(byte b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
