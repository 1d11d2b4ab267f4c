package nl.gmsd;

/**
 * Every option of {@code gmsd run}. Composed of small interfaces, one per concern; every
 * [decision] of the spec that a later protocol could change is an option with a documented default.
 */
public interface GmsdOptions extends InputOptions, DeliveryOptions, MergeOptions, JoinOptions, DisclosureOptions {}
