/**
 * Intake (SPEC 2, 11 "Deliveries"): the delivery archive's registers ({@link
 * nl.gmsd.intake.DeliveryArchive}) and the rules over all deliveries together: the cap per
 * window, the delivery in force, and withdrawals ({@link nl.gmsd.intake.DeliveryRules}). Plain
 * Java; the Beam transforms call it.
 */
package nl.gmsd.intake;
