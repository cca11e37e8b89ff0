package dev.quoll.client.registry;

import dev.quoll.client.Redaction;
import dev.quoll.core.name.NameValidation;
import dev.quoll.core.name.PackageName;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines npm 11 prints under an {@code E404} that names a spec ({@code
 * lib/utils/error-message.js}, case {@code E404}, when the error's {@code pkgid} is set and not
 * {@code -}).
 *
 * <p>Contract: a blank line; "The requested resource '{@code <pkgid>}' could not be found or you do
 * not have permission to access it."; when the package name (the pkgid up to its first {@code @}
 * after the first character) is not valid for new packages by validate-npm-package-name 7.0.2
 * ({@link PackageName#validate}), "This package name is not valid, because" and one line {@code "
 * <n>. <reason>"} per error, then per warning, numbered from 1; a blank line; "Note that you can
 * also install from a" and "tarball, folder, http url, or git url.". npm prints each line after
 * {@code "npm error 404 "}; these are the texts without that prefix (npm's joined parts, so a
 * numbered reason keeps its leading space and the "because" line loses npm's trailing one). The
 * pkgid is redacted as npm's {@code replaceInfo} does.
 */
public final class NotFoundDetail {
  private NotFoundDetail() {}

  /**
   * npm's explanation of a 404 for a spec.
   *
   * @param pkgid the spec that was fetched, e.g. {@code name@*}, {@code @s/n@^1.0.0} or {@code
   *     name@https://r/name/-/name-1.0.0.tgz}
   * @return the lines, first a blank one
   */
  public static List<String> lines(String pkgid) {
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(
        "The requested resource '"
            + Redaction.log(pkgid)
            + "' could not be found or you do not have permission to access it.");
    int at = pkgid.indexOf('@', 1);
    NameValidation v = PackageName.validate(at < 0 ? pkgid : pkgid.substring(0, at));
    if (!v.validForNewPackages()) {
      out.add("This package name is not valid, because");
      int n = 1;
      for (List<String> reasons : List.of(v.errors(), v.warnings())) {
        for (String reason : reasons) {
          out.add(" " + n++ + ". " + reason);
        }
      }
    }
    out.add("");
    out.add("Note that you can also install from a");
    out.add("tarball, folder, http url, or git url.");
    return List.copyOf(out);
  }
}
