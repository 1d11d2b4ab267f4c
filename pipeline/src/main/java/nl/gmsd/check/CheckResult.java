package nl.gmsd.check;

import java.util.Map;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** What {@link TechnicalCheck} gives back: a verdict per file and the records of approved files. */
public final class CheckResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<FileVerdict> verdicts;
  private final PCollection<DeliveryRecord> records;

  CheckResult(Pipeline pipeline, PCollection<FileVerdict> verdicts, PCollection<DeliveryRecord> records) {
    this.pipeline = pipeline;
    this.verdicts = verdicts;
    this.records = records;
  }

  /** One verdict per upload, before the delivery rules (F09, in force). */
  public PCollection<FileVerdict> verdicts() {
    return verdicts;
  }

  /** Records of approved files, with BSN: pseudonymise next. */
  public PCollection<DeliveryRecord> records() {
    return records;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(TechnicalCheck.VERDICTS, verdicts, TechnicalCheck.RECORDS, records);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
