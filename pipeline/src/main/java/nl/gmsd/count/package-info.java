/**
 * From active arrangements to clients and exact table counts (SPEC 7), as plain Java:
 * {@link nl.gmsd.count.ClientSummariser} makes a client, {@link nl.gmsd.count.CellContributions}
 * says which count cells a client, an arrangement or a household adds one to, and
 * {@link nl.gmsd.count.ExactCounts} applies both to small inputs in memory.
 */
package nl.gmsd.count;
