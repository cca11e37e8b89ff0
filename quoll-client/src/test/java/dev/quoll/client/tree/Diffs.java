package dev.quoll.client.tree;

/** Readable first differences between two texts. */
final class Diffs {
  private Diffs() {}

  static String firstDifference(String want, String got) {
    String[] a = want.split("\n", -1);
    String[] b = got.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "(end)";
      String y = i < b.length ? b[i] : "(end)";
      if (!x.equals(y)) {
        StringBuilder sb = new StringBuilder("first difference at line " + (i + 1) + ":\n");
        for (int j = Math.max(0, i - 3); j < Math.min(a.length, i + 4); j++) {
          sb.append("  npm  : ").append(a[j]).append('\n');
        }
        for (int j = Math.max(0, i - 3); j < Math.min(b.length, i + 4); j++) {
          sb.append("  quoll: ").append(b[j]).append('\n');
        }
        return sb.toString();
      }
    }
    return "texts differ only in line endings";
  }
}
