package nl.gmsd.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryArchiveTest {

  private static final Period H12025 = Period.parse("H12025");

  @TempDir Path archive;

  private void write(String name, String content) throws IOException {
    Path p = archive.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
  }

  private void manifest(String... rows) throws IOException {
    write("manifest.csv", "received_at;account;file\n" + String.join("\n", rows) + "\n");
  }

  @Test
  void readsUploadsInOrderSplitByWindow() throws IOException {
    // BOM, upper-case header, CRLF; rows out of order; one tie on received_at.
    write(
        "manifest.csv",
        "\uFEFFRECEIVED_AT;Account;FILE\r\n"
            + "2025-08-01T09:00:00Z;0363;0363/WMO_H12025_b.csv\r\n"
            + "2025-08-01T09:00:00.000+00:00;0363;0363/WMO_H12025_a.csv\r\n"
            + "2025-03-01T12:30:15.25Z;0599;WMO_H22024_rotterdam.csv\r\n"
            + "2026-01-02T00:00:00Z;0363;WMO_H22025_later.csv\r\n"
            + "\r\n");
    write("0363/WMO_H12025_a.csv", "x");
    write("WMO_H22024_rotterdam.csv", "x");
    write("stray/notes.txt", "x");
    write("withdrawals.csv", "gemeentecode;period;withdrawn_at\n");

    DeliveryArchive a = DeliveryArchive.read(archive, H12025);

    assertEquals(
        List.of("WMO_H22024_rotterdam.csv", "0363/WMO_H12025_a.csv", "0363/WMO_H12025_b.csv"),
        files(a.uploads()));
    Upload first = a.uploads().get(0);
    assertEquals("2025-03-01T12:30:15.25Z", first.getReceivedAt());
    assertEquals(java.time.Instant.parse("2025-03-01T12:30:15.250Z").toEpochMilli(),
        first.getReceivedAtMillis());
    assertEquals("0599", first.getAccount());
    assertEquals("H22024", first.getWindow());
    assertEquals(4, first.getManifestLine());
    assertTrue(first.getPresent());
    Upload b = a.uploads().get(2);
    assertEquals("H12025", b.getWindow());
    assertEquals("2025-08-01T09:00:00Z", b.getReceivedAt());
    assertFalse(b.getPresent());
    assertEquals(List.of("WMO_H22025_later.csv"), files(a.ignoredUploads()));
    assertEquals("H22025", a.ignoredUploads().get(0).getWindow());
    assertEquals(List.of("stray/notes.txt"), a.unlistedFiles());
    assertTrue(a.withdrawals().isEmpty());
  }

  @Test
  void readsWithdrawals() throws IOException {
    manifest();
    write(
        "withdrawals.csv",
        "GemeenteCode;Period;Withdrawn_At\r\n0363;H12025;2025-09-01T00:00:00Z\r\n"
            + "0599;H22024;2025-09-02T10:00:00.5+00:00");
    DeliveryArchive a = DeliveryArchive.read(archive, H12025);
    assertEquals(
        List.of(
            new Withdrawal("0363", "H12025", "2025-09-01T00:00:00Z", 1756684800000L, 2),
            new Withdrawal("0599", "H22024", "2025-09-02T10:00:00.5+00:00", 1756807200500L, 3)),
        a.withdrawals());
    assertTrue(a.uploads().isEmpty());
  }

  @Test
  void theRunsOwnWindowIsTheRunPeriod() throws IOException {
    manifest(
        "2025-12-31T23:59:59.999Z;0363;in.csv", // window H12025
        "2026-01-01T00:00:00Z;0363;out.csv"); // window H22025
    DeliveryArchive a = DeliveryArchive.read(archive, H12025);
    assertEquals(List.of("in.csv"), files(a.uploads()));
    assertEquals(List.of("out.csv"), files(a.ignoredUploads()));
    assertEquals(
        List.of("in.csv", "out.csv"),
        files(DeliveryArchive.read(archive, Period.parse("H22025")).uploads()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wrong field count      | 2025-07-15T10:00:00Z;0363                    | line 2 | 2 fields where 3",
        "field with ; inside    | 2025-07-15T10:00:00Z;0363;a;b.csv            | line 2 | 4 fields where 3",
        "not a timestamp        | 15-07-2025;0363;a.csv                        | line 2 | not an ISO-8601",
        "date only              | 2025-07-15;0363;a.csv                        | line 2 | not an ISO-8601",
        "no offset              | 2025-07-15T10:00:00;0363;a.csv               | line 2 | not an ISO-8601",
        "not UTC                | 2025-07-15T10:00:00+02:00;0363;a.csv         | line 2 | UTC",
        "impossible date        | 2025-02-30T10:00:00Z;0363;a.csv              | line 2 | not an ISO-8601",
        "five-digit year        | +12025-07-15T10:00:00Z;0363;a.csv            | line 2 | not an ISO-8601",
        "account 3 digits       | 2025-07-15T10:00:00Z;363;a.csv               | line 2 | not 4 digits",
        "account with space     | 2025-07-15T10:00:00Z; 363;a.csv              | line 2 | not 4 digits",
        "account letters        | 2025-07-15T10:00:00Z;GM03;a.csv              | line 2 | not 4 digits",
        "empty path             | 2025-07-15T10:00:00Z;0363;                   | line 2 | empty",
        "absolute path          | 2025-07-15T10:00:00Z;0363;/etc/a.csv         | line 2 | absolute",
        "drive path             | 2025-07-15T10:00:00Z;0363;C:/a.csv           | line 2 | absolute",
        "parent path            | 2025-07-15T10:00:00Z;0363;../a.csv           | line 2 | '..'",
        "inner parent path      | 2025-07-15T10:00:00Z;0363;x/../a.csv         | line 2 | '..'",
        "dot part               | 2025-07-15T10:00:00Z;0363;./a.csv            | line 2 | '.'",
        "double slash           | 2025-07-15T10:00:00Z;0363;x//a.csv           | line 2 | empty",
        "backslash              | 2025-07-15T10:00:00Z;0363;x\\a.csv           | line 2 | '\\'",
      })
  void manifestDefectStopsTheRunNamingFileAndLine(String name, String row, String line, String what)
      throws IOException {
    manifest(row);
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> DeliveryArchive.read(archive, H12025));
    assertTrue(e.getMessage().contains("manifest.csv " + line + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void duplicateFileNamesBothLines() throws IOException {
    manifest(
        "2025-07-15T10:00:00Z;0363;a.csv",
        "2025-07-16T10:00:00Z;0363;b.csv",
        "2025-07-17T10:00:00Z;0599;a.csv");
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> DeliveryArchive.read(archive, H12025));
    assertTrue(e.getMessage().contains("manifest.csv line 4:"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                             | is empty",
        "received_at;account            | header",
        "received_at;account;file;extra | header",
        "received at;account;file       | header",
      })
  void wrongManifestHeader(String header, String what) throws IOException {
    write("manifest.csv", header.isEmpty() ? "" : header + "\n");
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> DeliveryArchive.read(archive, H12025));
    assertTrue(e.getMessage().contains("manifest.csv"), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void missingManifestOrArchive() {
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> DeliveryArchive.read(archive, H12025));
    assertTrue(e.getMessage().contains("has no manifest.csv"), e.getMessage());
    e = assertThrows(
        ArchiveException.class,
        () -> DeliveryArchive.read(archive.resolve("nope"), H12025));
    assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    byte[] bytes = "received_at;account;file\n2025-07-15T10:00:00Z;0363;a\u00ff.csv\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(archive.resolve("manifest.csv"), bytes);
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> DeliveryArchive.read(archive, H12025));
    assertTrue(e.getMessage().contains("manifest.csv line 2: not valid UTF-8"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "code 3 digits  | 363;H12025;2025-09-01T00:00:00Z   | not 4 digits",
        "bad period     | 0363;H32025;2025-09-01T00:00:00Z  | not a period code",
        "lower period   | 0363;h12025;2025-09-01T00:00:00Z  | not a period code",
        "bad timestamp  | 0363;H12025;2025-09-01            | withdrawn_at",
        "field count    | 0363;H12025                       | 2 fields where 3",
      })
  void withdrawalDefectStopsTheRun(String name, String row, String what) throws IOException {
    manifest("2025-07-15T10:00:00Z;0363;a.csv");
    write("withdrawals.csv", "gemeentecode;period;withdrawn_at\n0599;H12025;2025-09-01T00:00:00Z\n"
        + row + "\n");
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> DeliveryArchive.read(archive, H12025));
    assertTrue(e.getMessage().contains("withdrawals.csv line 3:"), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void wrongWithdrawalsHeader() throws IOException {
    manifest();
    write("withdrawals.csv", "gemeente;period;withdrawn_at\n");
    ArchiveException e =
        assertThrows(ArchiveException.class, () -> DeliveryArchive.read(archive, H12025));
    assertTrue(e.getMessage().contains("withdrawals.csv line 1:"), e.getMessage());
  }

  @Test
  void unlistedFilesAreRelativeSortedAndSkipTheRegisters() throws IOException {
    manifest("2025-07-15T10:00:00Z;0363;b/listed.csv", "2026-07-15T10:00:00Z;0363;later.csv");
    write("b/listed.csv", "x");
    write("later.csv", "x"); // named by the manifest, even though its window is ignored
    write("z.csv", "x");
    write("a/b/c.csv", "x");
    write("B.csv", "x");
    write("sub/manifest.csv", "x"); // only the archive's own registers are excepted
    DeliveryArchive a = DeliveryArchive.read(archive, H12025);
    assertEquals(List.of("B.csv", "a/b/c.csv", "sub/manifest.csv", "z.csv"), a.unlistedFiles());
  }

  @Test
  void aFileThisAccountCannotReadIsNamedBeforeTheRun() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root reads every file whatever its permissions");
    manifest("2025-07-15T10:00:00Z;0363;secret.csv");
    write("secret.csv", "x");
    Files.setPosixFilePermissions(archive.resolve("secret.csv"), java.util.Set.of());
    ArchiveException e = assertThrows(ArchiveException.class, () -> DeliveryArchive.read(archive, H12025));
    assertTrue(e.getMessage().contains("manifest.csv line 2: the file 'secret.csv' cannot be read by this account"),
        e.getMessage());
  }

  @Test
  void aDirectoryIsPresentButTheCheckGivesItF11() throws IOException {
    manifest("2025-07-15T10:00:00Z;0363;dir");
    Files.createDirectories(archive.resolve("dir"));
    // present: something is there (not F10); the check sees it is no regular file (F11).
    assertTrue(DeliveryArchive.read(archive, H12025).uploads().get(0).getPresent());
  }

  @ParameterizedTest
  @CsvSource({
    "H12025, H12024 H22024 H12025",
    "H22025, H12025 H22025",
    "H12000, H11999 H21999 H12000",
  })
  void periodsRead(String run, String expected) {
    assertEquals(
        Arrays.stream(expected.split(" ")).map(Period::parse).collect(Collectors.toList()),
        List.copyOf(DeliveryArchive.periodsRead(Period.parse(run))));
  }

  private static List<String> files(List<Upload> uploads) {
    return uploads.stream().map(Upload::getFile).collect(Collectors.toList());
  }
}
