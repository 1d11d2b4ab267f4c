/**
 * Pseudonymisation (SPEC 5, 6): a BSN becomes the keyed HMAC-SHA-256 of its digits ({@link
 * nl.gmsd.pseudonymise.Pseudonymiser}) under a secret key that never leaves the run ({@link
 * nl.gmsd.pseudonymise.PseudonymKey}); {@link nl.gmsd.pseudonymise.PersonRows} reads personen.csv.
 * Nothing here puts a BSN or key bytes in a message or a toString.
 */
package nl.gmsd.pseudonymise;
