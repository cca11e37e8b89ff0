package dev.quoll.core.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.core.CoreException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackageNameTest {
  @Test
  void scopedAccessorsAndRegistryForms() {
    PackageName n = PackageName.parse("@babel/core");
    assertTrue(n.isScoped());
    assertEquals(Optional.of("@babel"), n.scope());
    assertEquals("core", n.bareName());
    assertEquals("@babel%2fcore", n.escapedName());
    assertEquals("core-7.0.0.tgz", n.tarballFileName("7.0.0"));
    assertEquals("/@babel/core/-/core-7.0.0.tgz", n.tarballPath("7.0.0"));
  }

  @Test
  void plainAccessors() {
    PackageName n = PackageName.parse("lodash");
    assertFalse(n.isScoped());
    assertEquals(Optional.empty(), n.scope());
    assertEquals("lodash", n.escapedName());
    assertEquals("/lodash/-/lodash-4.17.21.tgz", n.tarballPath("4.17.21"));
  }

  @Test
  void registryPathForms() {
    PackageName want = PackageName.parse("@scope/name");
    assertEquals(want, PackageName.fromRegistryPath("@scope%2fname"));
    assertEquals(want, PackageName.fromRegistryPath("@scope%2Fname"));
    assertEquals(want, PackageName.fromRegistryPath("/@scope/name"));
    assertEquals(want, PackageName.fromRegistryPath("%40scope%2fname"));
    assertEquals("JSONStream", PackageName.fromRegistryPath("JSONStream").name());
    assertEquals(
        "EINVALIDPACKAGENAME",
        assertThrows(CoreException.class, () -> PackageName.fromRegistryPath("@scope%zz")).code());
    assertEquals(
        "EINVALIDPACKAGENAME",
        assertThrows(CoreException.class, () -> PackageName.fromRegistryPath("a%2fb")).code());
  }

  @Test
  void strictAndLegacyParsing() {
    CoreException e = assertThrows(CoreException.class, () -> PackageName.parse("JSONStream"));
    assertEquals("EINVALIDPACKAGENAME", e.code());
    assertEquals(
        "Invalid package name \"JSONStream\": name can no longer contain capital letters",
        e.getMessage());
    assertEquals("JSONStream", PackageName.parseLegacy("JSONStream").name());
    assertEquals("http", PackageName.parseLegacy("http").name());
    assertThrows(CoreException.class, () -> PackageName.parseLegacy(".hidden"));
    assertThrows(CoreException.class, () -> PackageName.parseLegacy("node_modules"));
  }
}
