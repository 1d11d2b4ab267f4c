package nl.gmsd;

/** Entry point of the runnable jar: dispatches the subcommands of scripts/gmsd. */
public final class GmsdMain {
  private GmsdMain() {}

  public static void main(String[] args) {
    System.out.println("gmsd: not wired yet");
  }
}
