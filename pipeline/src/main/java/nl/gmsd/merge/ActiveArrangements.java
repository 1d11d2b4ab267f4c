package nl.gmsd.merge;

import java.util.List;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The merged arrangements active in each of the given periods (the run's P and P-1, and the
 * periods before them that the run read, for the op-orde comparison): one element per
 * (arrangement, period). Only arrangements merged in a period's own calendar-year scope count for it.
 */
public final class ActiveArrangements extends PTransform<PCollection<Arrangement>, PCollection<MicrodataArrangement>> {

  private final List<Period> periods;

  private ActiveArrangements(List<Period> periods) {
    this.periods = List.copyOf(periods);
  }

  public static ActiveArrangements in(List<Period> periods) {
    return new ActiveArrangements(periods);
  }

  @Override
  public PCollection<MicrodataArrangement> expand(PCollection<Arrangement> arrangements) {
    return arrangements
        .apply("ActivePerPeriod", ParDo.of(new ActiveFn(periods)))
        .setCoder(SpecificRecordCoder.of(MicrodataArrangement.class));
  }

  /** The arrangement behind an (arrangement, period) element, for the rules that take arrangements. */
  public static Arrangement asArrangement(MicrodataArrangement a) {
    return Arrangement.newBuilder()
        .setGemeentecode(a.getGemeentecode())
        .setYear(Period.parse(a.getPeriod()).year())
        .setPseudonym(a.getPseudonym())
        .setType(a.getType())
        .setLeveringsvorm(a.getLeveringsvorm())
        .setStart(a.getStart())
        .setEnd(a.getEnd())
        .setRedenBeeindiging(a.getRedenBeeindiging())
        .setRecords(a.getRecords())
        .build();
  }

  static final class ActiveFn extends DoFn<Arrangement, MicrodataArrangement> {
    private final List<Period> periods;

    ActiveFn(List<Period> periods) {
      this.periods = periods;
    }

    @ProcessElement
    public void process(@Element Arrangement a, OutputReceiver<MicrodataArrangement> out) {
      for (Period p : ArrangementMerger.activePeriods(a, periods)) {
        out.output(ArrangementMerger.toMicrodata(a, p));
      }
    }
  }
}
