package dev.quoll.semver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Java side of the differential tests: evaluates the same calls as {@code oracle.js}, with the
 * same encoding (options as an int, bit 0 loose, bit 1 includePrerelease; a thrown {@link
 * SemverException} as {@code {err: message}}).
 */
final class JavaCalls {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JavaCalls() {}

  static Options options(int o) {
    return new Options((o & 1) != 0, (o & 2) != 0);
  }

  static JsonNode call(JsonNode call) {
    try {
      return JSON.valueToTree(dispatch(call));
    } catch (SemverException e) {
      return F.objectNode().put("err", e.getMessage());
    } catch (RuntimeException e) {
      return F.objectNode().put("bug", e.toString());
    }
  }

  private static Object dispatch(JsonNode c) {
    String name = c.get(0).asText();
    return switch (name) {
      case "parse" -> {
        Version v = Version.parse(s(c, 1), o(c, 2));
        yield List.of(
            v.toString(), v.major(), v.minor(), v.patch(), pre(v.prerelease()), v.build());
      }
      case "valid" -> orNull(Semver.valid(s(c, 1), o(c, 2)));
      case "clean" -> orNull(Semver.clean(s(c, 1), o(c, 2)));
      case "prerelease" -> orNull(Semver.prerelease(s(c, 1), o(c, 2)).map(JavaCalls::pre));
      case "coerce" ->
          orNull(
              Semver.coerce(
                      s(c, 1),
                      o(c, 2),
                      c.get(3).asBoolean()
                          ? CoerceDirection.RIGHT_TO_LEFT
                          : CoerceDirection.LEFT_TO_RIGHT)
                  .map(Version::toString));
      case "inc" -> inc(c);
      case "truncate" ->
          orNull(
              ReleaseType.fromJsName(s(c, 2)).flatMap(t -> Semver.truncate(s(c, 1), t, o(c, 3))));
      case "compare" -> Semver.compare(s(c, 1), s(c, 2), o(c, 3));
      case "compareBuild" -> Semver.compareBuild(s(c, 1), s(c, 2), o(c, 3));
      case "cmp" -> Semver.cmp(s(c, 1), s(c, 2), s(c, 3), o(c, 4));
      case "diff" -> orNull(Semver.diff(s(c, 1), s(c, 2)).map(ReleaseType::jsName));
      case "sort" -> Semver.sort(list(c, 1), o(c, 2));
      case "rsort" -> Semver.rsort(list(c, 1), o(c, 2));
      case "range" -> Range.parse(s(c, 1), o(c, 2)).toString();
      case "validRange" -> orNull(Semver.validRange(s(c, 1), o(c, 2)));
      case "toComparators" -> Semver.toComparators(s(c, 1), o(c, 2));
      case "minVersion" -> orNull(Semver.minVersion(s(c, 1), o(c, 2)).map(Version::toString));
      case "satisfies" -> Semver.satisfies(s(c, 1), s(c, 2), o(c, 3));
      case "maxSatisfying" -> orNull(Semver.maxSatisfying(list(c, 1), s(c, 2), o(c, 3)));
      case "minSatisfying" -> orNull(Semver.minSatisfying(list(c, 1), s(c, 2), o(c, 3)));
      case "intersects" -> Semver.intersects(s(c, 1), s(c, 2), o(c, 3));
      case "comparatorIntersects" ->
          Comparator.parse(s(c, 1), o(c, 3))
              .intersects(Comparator.parse(s(c, 2), o(c, 3)), o(c, 3));
      case "subset" -> Semver.subset(s(c, 1), s(c, 2), o(c, 3));
      case "gtr" -> Semver.gtr(s(c, 1), s(c, 2), o(c, 3));
      case "ltr" -> Semver.ltr(s(c, 1), s(c, 2), o(c, 3));
      default -> throw new IllegalArgumentException("unknown call " + name);
    };
  }

  private static Object inc(JsonNode c) {
    Optional<ReleaseType> type = ReleaseType.fromJsName(s(c, 2));
    if (type.isEmpty()) {
      return null;
    }
    String id = c.get(4).isNull() ? "" : c.get(4).asText();
    JsonNode b = c.get(5);
    IdentifierBase base =
        b.isNull()
            ? IdentifierBase.ZERO
            : b.isBoolean()
                ? (b.asBoolean() ? IdentifierBase.ONE : IdentifierBase.NONE)
                : IdentifierBase.fromJsValue(b.asText());
    return orNull(Semver.inc(s(c, 1), type.get(), o(c, 3), id, base));
  }

  static ArrayNode pre(List<PrereleaseIdentifier> ids) {
    ArrayNode a = F.arrayNode();
    for (PrereleaseIdentifier id : ids) {
      switch (id) {
        case PrereleaseIdentifier.Numeric n -> a.add(n.value());
        case PrereleaseIdentifier.Text t -> a.add(t.value());
      }
    }
    return a;
  }

  private static Object orNull(Optional<?> o) {
    return o.isPresent() ? o.get() : NullNode.instance;
  }

  private static String s(JsonNode c, int i) {
    return c.get(i).asText();
  }

  private static Options o(JsonNode c, int i) {
    return options(c.get(i).asInt());
  }

  private static List<String> list(JsonNode c, int i) {
    List<String> out = new ArrayList<>();
    c.get(i).forEach(n -> out.add(n.asText()));
    return out;
  }
}
