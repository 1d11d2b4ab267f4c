package nl.gmsd.report;

/** HTML text escaping; every piece of data that goes into a page passes through here. */
final class Html {

  private Html() {}

  /** Escapes text for element content and double- or single-quoted attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The shared inline style sheet: readable on a laptop, printable on A4. */
  static final String STYLE = String.join("\n",
      "body{font-family:system-ui,-apple-system,\"Segoe UI\",Arial,sans-serif;margin:2rem auto;"
          + "max-width:60rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}",
      "h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;"
          + "border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{font-size:1rem}",
      ".sub{color:#555;margin-top:0}",
      "table{border-collapse:collapse;margin:.5rem 0 1rem 0;font-size:.9rem}",
      "th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}",
      "th{background:#f0f0f0}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}",
      ".flags li{margin-bottom:.3rem}.flag{font-weight:600}",
      ".ok{color:#1e6b2f}.bad{color:#a4161a}.box{border:1px solid #ccc;background:#fafafa;"
          + "padding:.5rem 1rem;margin:1rem 0}",
      ".note{color:#555;font-size:.85rem}svg{max-width:100%;height:auto;margin:.5rem 0 1rem 0}",
      ".office{background:#a4161a;color:#fff;font-weight:600;padding:.3rem .6rem;display:inline-block}",
      "@media print{body{margin:0;max-width:none;font-size:10pt}a{color:inherit;"
          + "text-decoration:none}.noprint{display:none}section,table,svg{break-inside:avoid}}");
}
