/**
 * Merging the records of one gemeente and calendar year into arrangements (SPEC 5, 11), as plain
 * Java that a Beam DoFn holds: {@link nl.gmsd.merge.ArrangementMerger} with its [decision]s in
 * {@link nl.gmsd.merge.MergeSettings} and {@link nl.gmsd.merge.DecidingRecordRule}.
 */
package nl.gmsd.merge;
