package nl.gmsd.intake;

import static nl.gmsd.intake.DeliveryRules.APPROVED;
import static nl.gmsd.intake.DeliveryRules.REFUSED;
import static nl.gmsd.intake.DeliveryRules.REJECTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.intake.DeliveryRules.Decision;
import nl.gmsd.intake.DeliveryRules.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryRulesTest {

  /** 2025-08-01T00:00:00Z, in the window of H12025; test times are minutes after it. */
  private static final long BASE = Instant.parse("2025-08-01T00:00:00Z").toEpochMilli();

  private static FileVerdict verdict(
      String file, long minute, String gemeente, String period, String verdict) {
    return verdict(file, BASE + minute * 60_000L, gemeente, gemeente, period, verdict);
  }

  private static FileVerdict verdict(
      String file, long millis, String account, String gemeente, String period, String verdict) {
    Instant at = Instant.ofEpochMilli(millis);
    boolean rejected = REJECTED.equals(verdict);
    return FileVerdict.newBuilder()
        .setFile(file)
        .setReceivedAt(at.toString())
        .setReceivedAtMillis(millis)
        .setAccount(account)
        .setWindow(Period.windowOf(at).code())
        .setGemeentecode(gemeente)
        .setPeriod(period)
        .setVerdict(verdict)
        .setErrors(rejected ? 3 : 0)
        .setBlanked(false)
        .setRecords(10)
        .setInForce(false)
        .setInForceFile(null)
        .setFindings(
            rejected
                ? new ArrayList<>(List.of(
                    Finding.newBuilder().setCode("R13").setField("BSN").setCount(3)
                        .setLines(new ArrayList<>(List.of(2, 5, 9))).build()))
                : new ArrayList<>())
        .build();
  }

  private static Decision apply(List<FileVerdict> checked, Withdrawal... withdrawals) {
    return DeliveryRules.apply(checked, List.of(withdrawals), Settings.defaults());
  }

  private static Withdrawal withdrawal(String gemeente, String period, long minute) {
    long millis = BASE + minute * 60_000L;
    return new Withdrawal(gemeente, period, Instant.ofEpochMilli(millis).toString(), millis, 2);
  }

  private static FileVerdict of(Decision d, String file) {
    return d.verdicts().stream().filter(v -> v.getFile().equals(file)).findFirst().orElseThrow();
  }

  @Test
  void laterApprovedDeliveryCorrectsEarlierOneAndLaterRejectedDoesNotDisplaceIt() {
    Decision d =
        apply(
            List.of(
                verdict("c.csv", 30, "0363", "H12025", REJECTED),
                verdict("a.csv", 10, "0363", "H12025", APPROVED),
                verdict("b.csv", 20, "0363", "H12025", APPROVED)));
    assertEquals(List.of("a.csv", "b.csv", "c.csv"), files(d.verdicts()));
    assertEquals(Optional.of("b.csv"), d.fileInForce("0363", "H12025"));
    assertEquals(Map.of("0363|H12025", "b.csv"), d.inForce());
    for (FileVerdict v : d.verdicts()) {
      assertEquals("b.csv", v.getInForceFile(), v.getFile());
      assertEquals(v.getFile().equals("b.csv"), v.getInForce(), v.getFile());
    }
    assertEquals(REJECTED, of(d, "c.csv").getVerdict());
    assertEquals(TableLayout.STATUS_PUBLISHED, d.publicationStatus("0363", "H12025"));
  }

  @Test
  void onlyRejectedDeliveriesLeaveNothingInForce() {
    Decision d = apply(List.of(verdict("a.csv", 10, "0363", "H12025", REJECTED)));
    assertTrue(d.inForce().isEmpty());
    assertNull(d.verdicts().get(0).getInForceFile());
    assertFalse(d.verdicts().get(0).getInForce());
    assertEquals(TableLayout.STATUS_NOT_DELIVERED, d.publicationStatus("0363", "H12025"));
  }

  @Test
  void inForceIsPerGemeenteAndPeriodAlsoForAnEarlierPeriod() {
    Decision d =
        apply(
            List.of(
                verdict("h1.csv", 10, "0363", "H12025", APPROVED),
                verdict("h2-2024.csv", 11, "0363", "H22024", APPROVED),
                verdict("other.csv", 12, "0599", "H12025", APPROVED)));
    assertTrue(d.verdicts().stream().allMatch(FileVerdict::getInForce));
    assertEquals("h2-2024.csv", of(d, "h2-2024.csv").getInForceFile());
    assertEquals("h1.csv", of(d, "h1.csv").getInForceFile());
    assertEquals(3, d.inForce().size());
  }

  @Test
  void the21stUploadInAWindowIsRefusedAndRejectedOnesCount() {
    List<FileVerdict> checked = new ArrayList<>();
    for (int i = 1; i <= 20; i++) { // twenty rejected uploads still use up the window
      checked.add(verdict(String.format("f%02d.csv", i), i, "0363", "H12025", REJECTED));
    }
    checked.add(verdict("f21.csv", 21, "0363", "H12025", APPROVED));
    checked.add(verdict("f22.csv", 22, "0363", "H12025", REJECTED));
    Decision d = apply(checked);

    for (String refused : List.of("f21.csv", "f22.csv")) {
      FileVerdict v = of(d, refused);
      assertEquals(REFUSED, v.getVerdict());
      assertEquals(1, v.getErrors());
      assertFalse(v.getBlanked());
      assertFalse(v.getInForce());
      assertEquals(1, v.getFindings().size());
      Finding f09 = v.getFindings().get(0);
      assertEquals("F09", f09.getCode());
      assertEquals(1, f09.getCount());
      assertTrue(f09.getLines().isEmpty());
      assertNull(f09.getField());
    }
    assertEquals(REJECTED, of(d, "f20.csv").getVerdict());
    assertTrue(d.inForce().isEmpty()); // the approved 21st is refused, so nothing is in force
  }

  @ParameterizedTest
  @CsvSource({
    // cap, uploads in window H12025, uploads in window H22024 (same gemeente/period), refused
    "20, 20, 0, 0",
    "20, 21, 0, 1",
    "20, 15, 15, 0",
    "20, 25, 20, 5",
    "3, 5, 3, 2",
    "1, 2, 1, 1",
  })
  void theCapIsPerWindow(int cap, int inH12025, int inH22024, int refused) {
    List<FileVerdict> checked = new ArrayList<>();
    long h22024Window = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < inH22024; i++) {
      checked.add(verdict("early" + i, h22024Window + i, "0363", "0363", "H12025", APPROVED));
    }
    for (int i = 0; i < inH12025; i++) {
      checked.add(verdict("late" + i, BASE + i, "0363", "0363", "H12025", APPROVED));
    }
    Decision d = DeliveryRules.apply(checked, List.of(), new Settings(cap));
    List<FileVerdict> refusedOnes =
        d.verdicts().stream().filter(v -> REFUSED.equals(v.getVerdict())).toList();
    assertEquals(refused, refusedOnes.size());
    assertTrue(refusedOnes.stream().allMatch(v -> v.getFile().startsWith("late")));
    // The latest non-refused approved upload is in force.
    String expected = inH12025 > cap ? "late" + (cap - 1) : inH12025 > 0 ? "late" + (inH12025 - 1)
        : "early" + (inH22024 - 1);
    assertEquals(Optional.of(expected), d.fileInForce("0363", "H12025"));
  }

  @Test
  void aPartnershipAccountCountsPerFileGemeente() {
    // Account 1680 uploads 20 files for 0003 and 20 for 0004 in one window: none is refused.
    List<FileVerdict> checked = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      checked.add(verdict("a" + i, BASE + 2 * i, "1680", "0003", "H12025", APPROVED));
      checked.add(verdict("b" + i, BASE + 2 * i + 1, "1680", "0004", "H12025", APPROVED));
    }
    Decision d = apply(checked);
    assertTrue(d.verdicts().stream().noneMatch(v -> REFUSED.equals(v.getVerdict())));
    assertEquals(Optional.of("a19"), d.fileInForce("0003", "H12025"));
    assertEquals(Optional.of("b19"), d.fileInForce("0004", "H12025"));
    assertEquals(Optional.empty(), d.fileInForce("1680", "H12025"));

    // The 21st upload for 0003 is refused, whoever's account sent it.
    checked.add(verdict("c", BASE + 100, "0003", "0003", "H12025", APPROVED));
    d = apply(checked);
    assertEquals(REFUSED, of(d, "c").getVerdict());
    assertEquals(Optional.of("a19"), d.fileInForce("0003", "H12025"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // case, withdrawal minute, later delivery (none/approved/rejected/refused) at 30, status
    "before the only delivery,         5, none,     gepubliceerd",
    "same time as the delivery,       10, none,     gepubliceerd",
    "after the delivery,              15, none,     ingetrokken",
    "after; then approved again,      15, approved, gepubliceerd",
    "after; then rejected delivery,   15, rejected, gepubliceerd",
    "after; then refused delivery,    15, refused,  ingetrokken",
    "after every delivery,            40, approved, ingetrokken",
    "after a later rejected one,      40, rejected, ingetrokken",
  })
  void aWithdrawalCountsOnlyAfterTheLatestNonRefusedDelivery(
      String name, long withdrawnAt, String later, String status) {
    List<FileVerdict> checked = new ArrayList<>();
    checked.add(verdict("a.csv", 10, "0363", "H12025", APPROVED));
    if (later.equals("refused")) { // 19 earlier uploads fill the window: z.csv is the 21st
      for (int i = 0; i < 19; i++) {
        checked.add(verdict("filler" + i, BASE + i * 1000L, "0363", "0363", "H12025", REJECTED));
      }
      checked.add(verdict("z.csv", 30, "0363", "H12025", APPROVED));
    } else if (!later.equals("none")) {
      checked.add(
          verdict("z.csv", 30, "0363", "H12025", later.equals("approved") ? APPROVED : REJECTED));
    }
    Decision d = apply(checked, withdrawal("0363", "H12025", withdrawnAt));
    if (later.equals("refused")) {
      assertEquals(REFUSED, of(d, "z.csv").getVerdict());
    }
    assertEquals(status, d.publicationStatus("0363", "H12025"));
    assertEquals(status.equals("ingetrokken"), d.isWithdrawn("0363", "H12025"));
    // Another gemeente or period is not touched.
    assertFalse(d.isWithdrawn("0363", "H22024"));
  }

  @Test
  void aGemeenteThatNeverDeliveredIsNotDeliveredEvenWhenItWithdrew() {
    Decision d =
        apply(
            List.of(verdict("a.csv", 10, "0363", "H12025", APPROVED)),
            withdrawal("0599", "H12025", 20));
    assertEquals(TableLayout.STATUS_NOT_DELIVERED, d.publicationStatus("0599", "H12025"));
    assertEquals(TableLayout.STATUS_PUBLISHED, d.publicationStatus("0363", "H12025"));
    assertEquals(Set.of("a.csv"), d.filesToMerge(Set.of(Period.parse("H12025"))));
  }

  @Test
  void tiesOnReceivedAtAreOrderedByFileName() {
    Decision d =
        apply(
            List.of(
                verdict("b.csv", 10, "0363", "H12025", APPROVED),
                verdict("a.csv", 10, "0363", "H12025", APPROVED),
                verdict("B.csv", 10, "0363", "H12025", APPROVED)));
    assertEquals(Optional.of("b.csv"), d.fileInForce("0363", "H12025"));
    assertEquals(List.of("B.csv", "a.csv", "b.csv"), files(d.verdicts()));

    List<FileVerdict> checked = new ArrayList<>();
    for (char c = 'a'; c <= 'u'; c++) { // 21 uploads in the same millisecond
      checked.add(verdict(c + ".csv", 10, "0363", "H12025", APPROVED));
    }
    d = apply(checked);
    assertEquals(
        List.of("u.csv"),
        d.verdicts().stream().filter(v -> REFUSED.equals(v.getVerdict())).map(
            FileVerdict::getFile).toList());
    assertEquals(Optional.of("t.csv"), d.fileInForce("0363", "H12025"));
  }

  @Test
  void filesWithoutAPeriodGroupUnderTheEmptyPeriodAndAreNeverInForce() {
    List<FileVerdict> checked = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      checked.add(verdict("bad" + (char) ('a' + i), i, "0363", "", APPROVED));
    }
    checked.add(verdict("good.csv", 30, "0363", "H12025", APPROVED));
    Decision d = apply(checked);
    assertEquals(REFUSED, of(d, "badu").getVerdict());
    assertEquals(APPROVED, of(d, "bada").getVerdict());
    assertNull(of(d, "bada").getInForceFile());
    assertFalse(of(d, "bada").getInForce());
    assertEquals(Map.of("0363|H12025", "good.csv"), d.inForce());
  }

  @Test
  void filesToMergeAreThoseInForceForThePeriodsReadExceptWithdrawn() {
    Decision d =
        apply(
            List.of(
                verdict("0363-h1-2024", 1, "0363", "H12024", APPROVED),
                verdict("0363-h2-2024", 2, "0363", "H22024", APPROVED),
                verdict("0363-h1-2025", 3, "0363", "H12025", APPROVED),
                verdict("0363-h2-2023", 4, "0363", "H22023", APPROVED),
                verdict("0599-h1-2024", 5, "0599", "H12024", APPROVED),
                verdict("0599-h1-2025", 6, "0599", "H12025", APPROVED)),
            withdrawal("0599", "H12024", 60));
    assertEquals(
        Set.of("0363-h1-2024", "0363-h2-2024", "0363-h1-2025", "0599-h1-2025"),
        d.filesToMerge(DeliveryArchive.periodsRead(Period.parse("H12025"))));
    assertEquals(TableLayout.STATUS_WITHDRAWN, d.publicationStatus("0599", "H12024"));
    assertEquals(TableLayout.STATUS_PUBLISHED, d.publicationStatus("0599", "H12025"));
  }

  @Test
  void theInputIsNotModified() {
    FileVerdict v = verdict("a.csv", 10, "0363", "H12025", APPROVED);
    List<FileVerdict> checked = new ArrayList<>(Collections.nCopies(1, v));
    for (int i = 0; i < 20; i++) {
      checked.add(verdict("r" + i, 20 + i, "0363", "H12025", REJECTED));
    }
    FileVerdict last = checked.get(checked.size() - 1);
    apply(checked);
    assertFalse(v.getInForce());
    assertNull(v.getInForceFile());
    assertEquals(REJECTED, last.getVerdict());
    assertEquals("R13", last.getFindings().get(0).getCode());
  }

  @Test
  void theDecisionSurvivesJavaSerialization() throws Exception {
    Decision d =
        apply(
            List.of(
                verdict("a.csv", 10, "0363", "H12025", APPROVED),
                verdict("b.csv", 20, "0363", "H12025", REJECTED)),
            withdrawal("0363", "H12025", 15));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(d);
    }
    Decision copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Decision) in.readObject();
    }
    assertEquals(d.verdicts(), copy.verdicts());
    assertEquals(d.inForce(), copy.inForce());
    assertEquals(d.withdrawnKeys(), copy.withdrawnKeys());
    assertEquals(TableLayout.STATUS_PUBLISHED, copy.publicationStatus("0363", "H12025"));
  }

  /**
   * Generated deliveries: the decision does not depend on input order, and its invariants hold:
   * at most the cap accepted per window, in force = latest approved accepted upload.
   */
  @Test
  void generatedDeliveriesKeepTheInvariants() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String why = "seed " + seed;
    for (int round = 0; round < 200; round++) {
      int cap = 1 + random.nextInt(5);
      List<FileVerdict> checked = new ArrayList<>();
      int n = random.nextInt(40);
      for (int i = 0; i < n; i++) {
        String gemeente = random.nextBoolean() ? "0363" : "0599";
        String period = List.of("H12025", "H22024", "").get(random.nextInt(3));
        // Two windows (H22024: spring 2025, H12025: autumn 2025), few distinct times: many ties.
        long millis = (random.nextBoolean() ? BASE : BASE - 120L * 86_400_000L)
            + random.nextInt(4) * 1000L;
        String verdict = random.nextInt(3) == 0 ? REJECTED : APPROVED;
        checked.add(verdict("f" + i, millis, "1680", gemeente, period, verdict));
      }
      List<Withdrawal> withdrawals = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        long millis = BASE + random.nextInt(5) * 1000L - 500;
        withdrawals.add(new Withdrawal(random.nextBoolean() ? "0363" : "0599", "H12025",
            Instant.ofEpochMilli(millis).toString(), millis, 2));
      }
      Settings s = new Settings(cap);
      Decision d = DeliveryRules.apply(checked, withdrawals, s);
      List<FileVerdict> shuffled = new ArrayList<>(checked);
      Collections.shuffle(shuffled, random);
      Decision again = DeliveryRules.apply(shuffled, withdrawals, s);
      assertEquals(d.verdicts(), again.verdicts(), why);
      assertEquals(d.inForce(), again.inForce(), why);
      assertEquals(d.withdrawnKeys(), again.withdrawnKeys(), why);

      assertEquals(n, d.verdicts().size(), why);
      Map<String, Integer> accepted = new HashMap<>();
      Map<String, FileVerdict> latestApproved = new HashMap<>();
      List<FileVerdict> inOrder = new ArrayList<>(d.verdicts());
      inOrder.sort(DeliveryRules.DELIVERY_ORDER);
            Map<String, Boolean> groupRefused = new HashMap<>();
      for (FileVerdict v : inOrder) {
        String group = v.getGemeentecode() + v.getPeriod() + v.getWindow();
        if (REFUSED.equals(v.getVerdict())) {
          groupRefused.put(group, true);
          continue;
        }
        // Once a group refuses, every later upload of that group is refused too.
        assertFalse(groupRefused.getOrDefault(group, false), why);
        accepted.merge(group, 1, Integer::sum);
        if (APPROVED.equals(v.getVerdict()) && !v.getPeriod().isEmpty()) {
          latestApproved.put(DeliveryRules.key(v.getGemeentecode(), v.getPeriod()), v);
        }
      }
      accepted.values().forEach(count -> assertTrue(count <= cap, why));
      Map<String, String> expectedInForce = latestApproved.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getFile()));
      assertEquals(expectedInForce, d.inForce(), why);
      for (FileVerdict v : d.verdicts()) {
        String inForce =
            v.getPeriod().isEmpty() ? null : expectedInForce.get(
                DeliveryRules.key(v.getGemeentecode(), v.getPeriod()));
        assertEquals(inForce, v.getInForceFile(), why);
        assertEquals(v.getFile().equals(inForce), v.getInForce(), why);
      }
    }
  }

  private static List<String> files(List<FileVerdict> verdicts) {
    return verdicts.stream().map(FileVerdict::getFile).collect(Collectors.toList());
  }

  // ---- per file kind (SPEC 12: the SBO and JEUGD files are deliveries of their own) ----

  private static FileVerdict ofKind(String kind, String file, long minute, String gemeente, String period,
      String verdict) {
    return FileVerdict.newBuilder(verdict(file, minute, gemeente, period, verdict)).setKind(kind).build();
  }

  @Test
  void eachKindHasItsOwnDeliveryInForce() {
    Decision d = apply(List.of(
        ofKind("WMO", "WMO_a.csv", 10, "0088", "H12018", APPROVED),
        ofKind("SBO", "SBO_a.csv", 11, "0088", "H12018", APPROVED),
        ofKind("SBO", "SBO_b.csv", 12, "0088", "H12018", REJECTED),
        ofKind("JEUGD", "JEUGD_a.csv", 13, "0088", "H12018", APPROVED),
        ofKind("JEUGD", "JEUGD_b.csv", 14, "0088", "H12018", APPROVED)));
    assertEquals(Map.of("0088|H12018", "WMO_a.csv"), d.inForce(), "the Wmo decision is the Wmo file's only");
    assertEquals(Optional.of("SBO_a.csv"), d.kind("SBO").fileInForce("0088", "H12018"),
        "a later rejected SBO file leaves the earlier one in force");
    assertEquals(Optional.of("JEUGD_b.csv"), d.kind("JEUGD").fileInForce("0088", "H12018"));
    assertTrue(of(d, "WMO_a.csv").getInForce());
    assertTrue(of(d, "SBO_a.csv").getInForce());
    assertEquals("SBO_a.csv", of(d, "SBO_b.csv").getInForceFile());
    assertFalse(of(d, "JEUGD_a.csv").getInForce());
    assertEquals(List.of("JEUGD_a.csv", "JEUGD_b.csv"), files(d.verdicts("JEUGD")));
    assertEquals(TableLayout.STATUS_NOT_DELIVERED, d.kind("SBO").publicationStatus("0014", "H12018"));
    assertEquals(Set.of("SBO_a.csv"), d.kind("SBO").filesToMerge(List.of(Period.parse("H12018"))));
    assertTrue(d.kind("NONE").inForce().isEmpty(), "a kind without files has nothing in force");
  }

  @Test
  void theTwentyDeliveriesAreCountedPerKind() {
    List<FileVerdict> checked = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      checked.add(ofKind("WMO", "WMO_" + i + ".csv", i, "0088", "H12018", APPROVED));
    }
    checked.add(ofKind("SBO", "SBO_1.csv", 30, "0088", "H12018", APPROVED));
    for (int i = 1; i <= 21; i++) {
      checked.add(ofKind("JEUGD", "JEUGD_" + i + ".csv", 40 + i, "0088", "H12018", APPROVED));
    }
    Decision d = apply(checked);
    assertEquals(APPROVED, of(d, "SBO_1.csv").getVerdict(), "20 Wmo uploads use up no SBO upload");
    assertEquals(REFUSED, of(d, "JEUGD_21.csv").getVerdict());
    assertEquals(APPROVED, of(d, "JEUGD_20.csv").getVerdict());
    assertEquals(Optional.of("JEUGD_20.csv"), d.kind("JEUGD").fileInForce("0088", "H12018"));
    assertEquals(Optional.of("WMO_20.csv"), d.fileInForce("0088", "H12018"));
  }

  @Test
  void aWithdrawalCountsForEachKindWhoseLatestDeliveryItFollows() {
    Decision d = apply(List.of(
            ofKind("WMO", "WMO_a.csv", 10, "0088", "H12018", APPROVED),
            ofKind("SBO", "SBO_a.csv", 11, "0088", "H12018", APPROVED),
            ofKind("JEUGD", "JEUGD_a.csv", 30, "0088", "H12018", APPROVED)),
        withdrawal("0088", "H12018", 20));
    assertEquals(TableLayout.STATUS_WITHDRAWN, d.publicationStatus("0088", "H12018"));
    assertEquals(TableLayout.STATUS_WITHDRAWN, d.kind("SBO").publicationStatus("0088", "H12018"));
    assertEquals(TableLayout.STATUS_PUBLISHED, d.kind("JEUGD").publicationStatus("0088", "H12018"),
        "the JEUGD file delivered after the withdrawal gives consent again for the JEUGD costs");
    assertEquals(Set.of(), d.kind("SBO").filesToMerge(List.of(Period.parse("H12018"))));
    assertEquals(Set.of("JEUGD_a.csv"), d.kind("JEUGD").filesToMerge(List.of(Period.parse("H12018"))));
  }
}
