package nl.gmsd.write;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
 * Writes a published table in long form (SPEC 7, 10, 12): {@code tabellen/wmo.csv} and the same
 * cells as {@code tabellen/wmo.avro} (or another table's name, e.g. {@code kosten}), one file each,
 * sorted by every column but value and status; beside the Wmo table the codebook of every table,
 * {@code tabellen/codes.csv} ({@link TableCodebook}).
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

  /** The Wmo table's file name (without extension). */
  public static final String WMO = "wmo";

  private final String outputDir;
  private final String name;
  private final String codebookCsv;

  private WriteTables(String outputDir, String name, String codebookCsv) {
    this.outputDir = outputDir;
    this.name = name;
    this.codebookCsv = codebookCsv;
  }

  /** Writes the Wmo table, {@code tabellen/wmo.csv} and {@code .avro}, and the codebook {@code codes.csv}. */
  public static WriteTables to(String outputDir) {
    return new WriteTables(outputDir, WMO, TableCodebook.csv());
  }

  /**
   * Writes the table {@code tabellen/<name>.csv} and {@code .avro} only: its codes are in the Wmo
   * table's codebook ({@link #withCodebook}).
   */
  public static WriteTables to(String outputDir, String name) {
    return new WriteTables(outputDir, name, null);
  }

  /** The same, with {@code codebookCsv} written beside the table as {@code codes.csv}. */
  public WriteTables withCodebook(String codebookCsv) {
    return new WriteTables(outputDir, name, codebookCsv);
  }

  @Override
  public PDone expand(PCollection<TableCell> cells) {
    cells.apply("GatherCells", GatherAll.create())
        .apply("WriteTableFiles", ParDo.of(new WriteFn(outputDir, name, codebookCsv)));
    return PDone.in(cells.getPipeline());
  }

  static final class WriteFn extends DoFn<List<TableCell>, Void> {
    private final String outputDir;
    private final String name;
    private final String codebookCsv;

    WriteFn(String outputDir, String name, String codebookCsv) {
      this.outputDir = outputDir;
      this.name = name;
      this.codebookCsv = codebookCsv;
    }

    @ProcessElement
    public void process(@Element List<TableCell> all) throws IOException {
      List<TableCell> sorted = new ArrayList<>(all);
      sorted.sort(ORDER);
      String dir = OutputFiles.in(outputDir, FOLDER);
      OutputFiles.write(OutputFiles.in(dir, name + ".csv"), out -> {
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
      if (codebookCsv != null) {
        OutputFiles.writeString(OutputFiles.in(dir, TableCodebook.FILE), codebookCsv);
      }
      OutputFiles.write(OutputFiles.in(dir, name + ".avro"), out -> {
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
