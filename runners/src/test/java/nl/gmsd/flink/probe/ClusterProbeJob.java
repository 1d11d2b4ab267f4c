package nl.gmsd.flink.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;

/**
 * A small stand-in for the real pipeline, to prove the cluster harness: reads text files, counts
 * the words (a GroupByKey), and writes ONE sorted file through a final single-key group. The
 * file is written under a temporary name and renamed at the end, so an attempt that dies
 * half-way leaves nothing that looks complete, and a retry simply overwrites the temporary file.
 */
public final class ClusterProbeJob {
  private ClusterProbeJob() {}

  /** Suffix of the file being written; renamed away when complete. */
  public static final String IN_PROGRESS_SUFFIX = ".inprogress";

  /** The job's options; every other argument (--runner, --flinkMaster, ...) is Beam's. */
  public interface Options extends PipelineOptions {
    @Description("Input files, a glob such as /data/in/*.txt")
    @Validation.Required
    String getInput();

    void setInput(String input);

    @Description("The one output file: word<TAB>count lines, sorted")
    @Validation.Required
    String getOutput();

    void setOutput(String output);

    @Description("Milliseconds to sleep per input line, so that a failure can land mid-run")
    @Default.Long(0)
    long getSleepMillisPerLine();

    void setSleepMillisPerLine(long millis);
  }

  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply("ReadLines", TextIO.read().from(options.getInput()))
        .apply("SplitWords", ParDo.of(new SplitWords(options.getSleepMillisPerLine())))
        .apply("GroupByWord", GroupByKey.create())
        .apply("CountWord", ParDo.of(new CountWord()))
        .apply("OneKey", WithKeys.<String, String>of("all"))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("GatherAll", GroupByKey.create())
        .apply("WriteSortedFile", ParDo.of(new WriteSortedFile(options.getOutput())));
    PipelineResult.State state = pipeline.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      System.err.println("ClusterProbeJob ended in state " + state);
      System.exit(1);
    }
  }

  static final class SplitWords extends DoFn<String, KV<String, Long>> {
    private final long sleepMillisPerLine;

    SplitWords(long sleepMillisPerLine) {
      this.sleepMillisPerLine = sleepMillisPerLine;
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<KV<String, Long>> out)
        throws InterruptedException {
      if (sleepMillisPerLine > 0) {
        Thread.sleep(sleepMillisPerLine);
      }
      for (String word : line.trim().split("\\s+")) {
        if (!word.isEmpty()) {
          out.output(KV.of(word, 1L));
        }
      }
    }
  }

  static final class CountWord extends DoFn<KV<String, Iterable<Long>>, String> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Long>> group, OutputReceiver<String> out) {
      long count = 0;
      for (long one : group.getValue()) {
        count += one;
      }
      out.output(group.getKey() + "\t" + count);
    }
  }

  static final class WriteSortedFile extends DoFn<KV<String, Iterable<String>>, Void> {
    private final String output;

    WriteSortedFile(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> all) {
      List<String> lines = new ArrayList<>();
      all.getValue().forEach(lines::add);
      lines.sort(null);
      Path target = Paths.get(output).toAbsolutePath();
      Path inProgress = target.resolveSibling(target.getFileName() + IN_PROGRESS_SUFFIX);
      try {
        Files.createDirectories(target.getParent());
        Files.write(inProgress, lines, StandardCharsets.UTF_8);
        Files.move(
            inProgress,
            target,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
    }
  }
}
