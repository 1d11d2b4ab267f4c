package nl.gmsd.write;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.gmsd.avro.TableCell;
import nl.gmsd.beam.GatherAll;
import nl.gmsd.common.TableCodebook;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes the published table in long form (SPEC 7, 10): {@code tabellen/wmo.csv} and the same
 * cells as {@code tabellen/wmo.avro}, one file each, sorted by every column but value and status;
 * beside them the codebook {@code tabellen/codes.csv} ({@link TableCodebook}).
 */
public final class WriteTables extends PTransform<PCollection<TableCell>, PDone> {

  public static final String FOLDER = "tabellen";
  public static final String HEADER = "period;region_level;region_code;region_name;dimension;category;measure;value;status";

  /** Ordinal order of every column but value and status. */
  public static final Comparator<TableCell> ORDER = Comparator
      .comparing(TableCell::getPeriod)
      .thenComparing(TableCell::getRegionLevel)
      .thenComparing(TableCell::getRegionCode)
      .thenComparing(TableCell::getRegionName)
      .thenComparing(TableCell::getDimension)
      .thenComparing(TableCell::getCategory)
      .thenComparing(TableCell::getMeasure);

  private final String outputDir;

  private WriteTables(String outputDir) {
    this.outputDir = outputDir;
  }

  public static WriteTables to(String outputDir) {
    return new WriteTables(outputDir);
  }

  @Override
  public PDone expand(PCollection<TableCell> cells) {
    cells.apply("GatherCells", GatherAll.create())
        .apply("WriteTableFiles", ParDo.of(new WriteFn(outputDir)));
    return PDone.in(cells.getPipeline());
  }

  static final class WriteFn extends DoFn<List<TableCell>, Void> {
    private final String outputDir;

    WriteFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element List<TableCell> all) throws IOException {
      List<TableCell> sorted = new ArrayList<>(all);
      sorted.sort(ORDER);
      Path dir = Paths.get(outputDir, FOLDER);
      OutputFiles.write(dir.resolve("wmo.csv"), out -> {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(HEADER);
        w.write('\n');
        for (TableCell c : sorted) {
          w.write(String.join(";", c.getPeriod(), c.getRegionLevel(), c.getRegionCode(), c.getRegionName(),
              c.getDimension(), c.getCategory(), c.getMeasure(), c.getValue(), c.getStatus()));
          w.write('\n');
        }
        w.flush();
      });
      OutputFiles.writeString(dir.resolve(TableCodebook.FILE), TableCodebook.csv());
      OutputFiles.write(dir.resolve("wmo.avro"), out -> {
        try (DataFileWriter<TableCell> w = new DataFileWriter<>(new SpecificDatumWriter<>(TableCell.class))) {
          w.create(TableCell.getClassSchema(), out);
          for (TableCell c : sorted) {
            w.append(c);
          }
        }
      });
    }
  }
}
