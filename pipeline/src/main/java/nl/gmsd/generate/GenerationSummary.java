package nl.gmsd.generate;

import java.util.Map;

/**
 * What one {@code generate} run wrote.
 *
 * @param persons persons generated (inhabitants at the run's scale), including those left out of
 *     personen.csv
 * @param personenRows rows of personen.csv
 * @param households households in personen.csv
 * @param clientsByPeriod distinct persons (real BSN) with a record in the base delivery of each
 *     period, summed over gemeenten
 * @param recordsByPeriod records in the base delivery of each period (BSN 999999999 included)
 * @param deliveryFiles delivered files in the manifest, cost files included
 * @param deliveryRecordLines record lines over all delivered Wmo files (every version counted)
 * @param costFiles delivered SBO and JEUGD files (SPEC 12; only for half years of 2016-2019)
 * @param costRows rows over all delivered cost files
 * @param bytes bytes written (archive, reference data and planted files)
 * @param millis wall time of the run
 */
public record GenerationSummary(
    long persons,
    long personenRows,
    long households,
    Map<String, Long> clientsByPeriod,
    Map<String, Long> recordsByPeriod,
    long deliveryFiles,
    long deliveryRecordLines,
    long costFiles,
    long costRows,
    long bytes,
    long millis) {}
