package nl.gmsd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ProtocolTest {

  private final Protocol protocol = Protocol.wmo();

  @Test
  void everyCodeOfTheSpecHasADutchDescriptionAndFix() {
    List<String> expected = List.of("F01", "F02", "F03", "F04", "F05", "F06", "F07", "F08", "F09",
        "F10", "F11", "O20", "O21", "O22", "O23", "O24", "O25", "R01", "R02", "R03", "R10", "R11", "R12",
        "R13", "R14", "R15", "R16", "R17", "R18", "W30", "W31", "W32");
    assertEquals(expected, List.copyOf(new TreeSet<>(protocol.codes())));
    for (String c : expected) {
      assertFalse(protocol.text(c).description().isBlank(), c);
      assertFalse(protocol.text(c).fix().isBlank(), c);
    }
  }

  @Test
  void columnsAndHeader() {
    assertEquals(13, protocol.columns().size());
    assertEquals(Fixtures.HEADER, protocol.header());
    assertEquals("R17", protocol.code("endBeforeStart"));
    assertTrue(protocol.rejects("R02"));
    assertTrue(protocol.isOptional("O22"));
    assertFalse(protocol.isError("W31"));
  }

  @Test
  void checkerAndReportsAreSerializable() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(Fixtures.CHECKER);
      out.writeObject(new CheckReports(protocol));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      FileChecker copy = (FileChecker) in.readObject();
      assertEquals(Fixtures.check(Fixtures.validLines(3)),
          copy.check(Fixtures.upload(Fixtures.NAME), Fixtures.RUN,
              new ByteArrayInputStream(Fixtures.bytes(Fixtures.validLines(3)))));
    }
  }
}
