/**
 * Op-orde report (SPEC 9): per gemeente and period a self-contained Dutch HTML page, plus the
 * office's overview. Plain Java, no Beam: {@link nl.gmsd.report.WriteOpOrdeReports} collects the
 * exact counts (of P, P-1 and the read period before P-1), the file verdicts and the publication
 * statuses and calls {@link nl.gmsd.report.OpOrdeReports#renderAll} once (pages for P and P-1,
 * each in its gemeente's folder, plus {@code index.html}), or {@link
 * nl.gmsd.report.OpOrdeReports#render} per period (pages plus {@code index_<period>.html}).
 *
 * <p>Comparison groups are the CBS size classes merged to at least {@link
 * nl.gmsd.report.ComparisonGroups#MIN_GROUP_SIZE} gemeenten; the flag rules and thresholds are
 * the documented {@link nl.gmsd.report.OpOrdeSettings#DEFAULTS}.
 */
package nl.gmsd.report;
