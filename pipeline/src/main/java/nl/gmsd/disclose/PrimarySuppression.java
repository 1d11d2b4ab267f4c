package nl.gmsd.disclose;

/**
 * The first stage (SPEC 8): every count below minCount, zero included, becomes secret (the CBS
 * rule); then the first audit.
 */
final class PrimarySuppression implements ProtectionStage {

  @Override
  public String name() {
    return "primary";
  }

  @Override
  public Report protect(Protection p) {
    int cells = p.state.suppressPrimary();
    p.audit();
    return new Report(name(), cells, 0, 0, p.unsafe().size());
  }
}
