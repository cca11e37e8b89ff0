package dev.quoll.core.url;

/** The URL Standard's IPv6 parser (with embedded IPv4) and its compressed serializer. */
final class Ipv6 {
  private Ipv6() {}

  static int[] parse(String s) throws WhatwgUrl.Failure {
    int[] address = new int[8];
    int pieceIndex = 0;
    int compress = -1;
    int p = 0;
    int n = s.length();
    if (p < n && s.charAt(p) == ':') {
      if (p + 1 >= n || s.charAt(p + 1) != ':') {
        throw new WhatwgUrl.Failure();
      }
      p += 2;
      pieceIndex++;
      compress = pieceIndex;
    }
    while (p < n) {
      if (pieceIndex == 8) {
        throw new WhatwgUrl.Failure();
      }
      if (s.charAt(p) == ':') {
        if (compress != -1) {
          throw new WhatwgUrl.Failure();
        }
        p++;
        pieceIndex++;
        compress = pieceIndex;
        continue;
      }
      int value = 0;
      int length = 0;
      while (length < 4 && p < n && Character.digit(s.charAt(p), 16) >= 0 && s.charAt(p) < 0x80) {
        value = value * 16 + Character.digit(s.charAt(p), 16);
        p++;
        length++;
      }
      if (p < n && s.charAt(p) == '.') {
        if (length == 0) {
          throw new WhatwgUrl.Failure();
        }
        p -= length;
        if (pieceIndex > 6) {
          throw new WhatwgUrl.Failure();
        }
        int numbersSeen = 0;
        while (p < n) {
          int ipv4Piece = -1;
          if (numbersSeen > 0) {
            if (s.charAt(p) == '.' && numbersSeen < 4) {
              p++;
            } else {
              throw new WhatwgUrl.Failure();
            }
          }
          if (p >= n || !WhatwgUrl.isDigit(s.charAt(p))) {
            throw new WhatwgUrl.Failure();
          }
          while (p < n && WhatwgUrl.isDigit(s.charAt(p))) {
            int number = s.charAt(p) - '0';
            if (ipv4Piece == -1) {
              ipv4Piece = number;
            } else if (ipv4Piece == 0) {
              throw new WhatwgUrl.Failure();
            } else {
              ipv4Piece = ipv4Piece * 10 + number;
            }
            if (ipv4Piece > 255) {
              throw new WhatwgUrl.Failure();
            }
            p++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
          numbersSeen++;
          if (numbersSeen == 2 || numbersSeen == 4) {
            pieceIndex++;
          }
        }
        if (numbersSeen != 4) {
          throw new WhatwgUrl.Failure();
        }
        break;
      } else if (p < n && s.charAt(p) == ':') {
        p++;
        if (p >= n) {
          throw new WhatwgUrl.Failure();
        }
      } else if (p < n) {
        throw new WhatwgUrl.Failure();
      }
      address[pieceIndex] = value;
      pieceIndex++;
    }
    if (compress != -1) {
      int swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex != 0 && swaps > 0) {
        int t = address[pieceIndex];
        address[pieceIndex] = address[compress + swaps - 1];
        address[compress + swaps - 1] = t;
        pieceIndex--;
        swaps--;
      }
    } else if (pieceIndex != 8) {
      throw new WhatwgUrl.Failure();
    }
    return address;
  }

  static String serialize(int[] address) {
    int compress = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && address[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestLen = j - i;
        compress = i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    boolean ignore0 = false;
    for (int i = 0; i < 8; i++) {
      if (ignore0 && address[i] == 0) {
        continue;
      }
      ignore0 = false;
      if (compress == i) {
        out.append(i == 0 ? "::" : ":");
        ignore0 = true;
        continue;
      }
      out.append(Integer.toHexString(address[i]));
      if (i != 7) {
        out.append(':');
      }
    }
    return out.toString();
  }
}
