package nl.gmsd.join;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.avro.Person;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The join on the Direct runner, with many register rows of non-clients for the filter to drop. */
@ExtendWith(TestPipelineExtension.class)
class JoinReferenceDataTest {

  private static final String A = pseudonym(1);
  private static final String B = pseudonym(2);

  private static String pseudonym(int n) {
    return String.format("%064x", n * 7919L); // made up; no BSN involved
  }

  private static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  private static MicrodataArrangement active(String gemeente, String period, String pseudonym,
      String type, String lv, String start, String end) {
    return MicrodataArrangement.newBuilder()
        .setGemeentecode(gemeente)
        .setPeriod(period)
        .setPseudonym(pseudonym)
        .setType(type)
        .setLeveringsvorm(lv)
        .setStart(day(start))
        .setEnd(end == null ? null : day(end))
        .setRedenBeeindiging(null)
        .setRecords(1)
        .build();
  }

  private static KV<String, Person> person(String pseudonym, String birth, String sex, String household) {
    return KV.of(pseudonym, Person.newBuilder()
        .setPseudonym(pseudonym).setBirthDate(day(birth)).setSex(sex).setHousehold(household).build());
  }

  private static ClientPeriod client(String gemeente, String period, String pseudonym, List<String> types,
      int arrangements, boolean zin, boolean pgb, String ageGroup, String sex, String household) {
    return ClientPeriod.newBuilder()
        .setGemeentecode(gemeente).setPeriod(period).setPseudonym(pseudonym).setTypes(types)
        .setArrangements(arrangements).setZin(zin).setPgb(pgb).setAgeGroup(ageGroup).setSex(sex)
        .setHousehold(household).build();
  }

  @Test
  void joinsEveryClientWithItsRegisterRowAndOnlyClients(TestPipeline p) {
    PCollection<MicrodataArrangement> activeArrangements = p.apply("Arrangements", Create.of(
        active("0363", "H12025", A, "01", "ZIN", "2025-01-01", null),
        active("0363", "H22024", A, "02", "PGB", "2024-07-01", "2024-12-31"),
        active("0599", "H12025", A, "05", "ZIN", "2025-03-01", "2025-04-30"),
        active("0363", "H12025", B, "01", "ZIN", "2025-02-01", null),
        active("0363", "H12025", B, "03", "ZIN", "2025-02-01", "2025-05-31"),
        active("0363", "H12025", null, "04", "ZIN", "2025-01-01", null))
        .withCoder(AvroCoder.specific(MicrodataArrangement.class)));
    List<KV<String, Person>> register = new ArrayList<>();
    register.add(person(A, "1950-06-01", "V", "h1"));
    for (int i = 3; i < 3_000; i++) {
      register.add(person(pseudonym(i), "1980-01-01", i % 2 == 0 ? "M" : "V", "h" + i)); // no clients
    }
    PCollection<KV<String, Person>> persons = p.apply("Persons", Create.of(register)
        .withCoder(KvCoder.of(StringUtf8Coder.of(), AvroCoder.specific(Person.class))));

    PCollection<ClientPeriod> clients = activeArrangements.apply(JoinReferenceData.withPersons(persons));

    PAssert.that(clients).containsInAnyOrder(
        client("0363", "H12025", A, List.of("01"), 1, true, false, "75-84", "V", "h1"),
        client("0363", "H22024", A, List.of("02"), 1, false, true, "65-74", "V", "h1"),
        client("0599", "H12025", A, List.of("05"), 1, true, false, "75-84", "V", "h1"),
        // B is not in the register: age group and sex unknown, no household.
        client("0363", "H12025", B, List.of("01", "03"), 2, true, false, "onbekend", "onbekend", null));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // Of the 2 998 register rows only A's reaches the shuffle (2 clients in 32 Mi bits: no false yes).
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(JoinReferenceData.class, "persons.passedClientFilter")).build());
    long passed = 0;
    for (MetricResult<Long> c : metrics.getCounters()) {
      passed += c.getAttempted();
    }
    assertEquals(1, passed);
  }

  @Test
  void noClientsGiveNoneAlsoWithARegister(TestPipeline p) {
    PCollection<MicrodataArrangement> none = p.apply("Arrangements",
        Create.empty(AvroCoder.specific(MicrodataArrangement.class)));
    PCollection<KV<String, Person>> persons = p.apply("Persons", Create.of(person(A, "1950-06-01", "V", "h1"))
        .withCoder(KvCoder.of(StringUtf8Coder.of(), AvroCoder.specific(Person.class))));

    PAssert.that(none.apply(JoinReferenceData.withPersons(persons))).empty();
    p.run().waitUntilFinish();
  }
}
