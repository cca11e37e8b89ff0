package dev.quoll.registry.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.storage.MetadataStore.Change;
import dev.quoll.registry.storage.MetadataStore.PackageWrite;
import dev.quoll.registry.storage.MetadataStore.StoredPackage;
import dev.quoll.registry.storage.MetadataStore.Token;
import dev.quoll.registry.storage.MetadataStore.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link MetadataStore} contract; every implementation's test extends this class. */
abstract class MetadataStoreContract {
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-02T00:00:00Z");

  protected MetadataStore store;

  /** A new, empty store. */
  protected abstract MetadataStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void newPackageIsCreatedOnceWithRevisionOne() {
    assertEquals(Optional.empty(), store.findPackage("a"));
    assertTrue(store.savePackage(new PackageWrite("a", 0, "{\"v\":1}", List.of("1.0.0"), T1)));
    assertEquals(Optional.of(new StoredPackage("a", 1, "{\"v\":1}", T1)), store.findPackage("a"));
    assertFalse(store.savePackage(new PackageWrite("a", 0, "{\"v\":2}", List.of("2.0.0"), T2)));
    assertEquals(List.of("1.0.0"), store.listPublishedVersions("a"));
  }

  @Test
  void staleRevisionChangesNothing() {
    store.savePackage(new PackageWrite("@s/p", 0, "{}", List.of("1.0.0"), T1));
    assertTrue(store.savePackage(new PackageWrite("@s/p", 1, "{\"b\":2}", List.of("2.0.0"), T2)));
    assertFalse(store.savePackage(new PackageWrite("@s/p", 1, "{\"c\":3}", List.of("3.0.0"), T2)));
    assertEquals(
        Optional.of(new StoredPackage("@s/p", 2, "{\"b\":2}", T2)), store.findPackage("@s/p"));
    assertEquals(List.of("1.0.0", "2.0.0"), store.listPublishedVersions("@s/p"));
    assertEquals(List.of("@s/p"), store.listPackageNames());
  }

  @Test
  void findForPublishReadsThePackageAndWhetherTheVersionWasEverPublished() {
    assertEquals(
        new MetadataStore.PublishCheck(Optional.empty(), false),
        store.findForPublish("a", "1.0.0"));
    store.savePackage(new PackageWrite("a", 0, "{\"v\":1}", List.of("1.0.0"), T1));
    store.savePackage(new PackageWrite("a", 1, "{}", List.of(), T2));
    store.savePackage(new PackageWrite("b", 0, "{}", List.of("2.0.0"), T2));
    StoredPackage a = new StoredPackage("a", 2, "{}", T2);
    assertEquals(
        new MetadataStore.PublishCheck(Optional.of(a), true), store.findForPublish("a", "1.0.0"));
    assertEquals(
        new MetadataStore.PublishCheck(Optional.of(a), false), store.findForPublish("a", "2.0.0"));
  }

  @Test
  void publishedVersionsOutliveTheirRemovalFromTheDocument() {
    store.savePackage(new PackageWrite("a", 0, "{\"versions\":[1]}", List.of("1.0.0"), T1));
    store.savePackage(new PackageWrite("a", 1, "{\"versions\":[]}", List.of(), T2));
    store.savePackage(new PackageWrite("a", 2, "{\"versions\":[1]}", List.of("1.0.0"), T2));
    assertEquals(List.of("1.0.0"), store.listPublishedVersions("a"));
  }

  @Test
  void everyWriteAppendsOneChange() {
    store.savePackage(new PackageWrite("a", 0, "{}", List.of(), T1));
    store.savePackage(new PackageWrite("b", 0, "{}", List.of(), T1));
    store.savePackage(new PackageWrite("a", 1, "{}", List.of(), T2));
    store.savePackage(new PackageWrite("a", 1, "{}", List.of(), T2)); // stale: no change
    assertEquals(
        List.of(new Change(1, "a", 1, T1), new Change(2, "b", 1, T1), new Change(3, "a", 2, T2)),
        store.listChanges(0, 10));
    assertEquals(List.of(new Change(3, "a", 2, T2)), store.listChanges(2, 10));
    assertEquals(1, store.listChanges(0, 1).size());
  }

  @Test
  void concurrentCompareAndSetLetsExactlyOneWriterWinEachRevision() throws Exception {
    store.savePackage(new PackageWrite("a", 0, "{}", List.of(), T1));
    try (var pool = Executors.newFixedThreadPool(4)) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        results.add(
            pool.submit(
                () -> {
                  int retries = 0;
                  while (true) {
                    long rev = store.findPackage("a").orElseThrow().revision();
                    if (store.savePackage(
                        new PackageWrite(
                            "a", rev, "{}", List.of(writer + ".0.0"), Instant.now()))) {
                      return retries;
                    }
                    retries++;
                  }
                }));
      }
      for (Future<Integer> f : results) {
        f.get();
      }
    }
    assertEquals(5, store.findPackage("a").orElseThrow().revision());
    assertEquals(4, store.listPublishedVersions("a").size());
    assertEquals(5, store.listChanges(0, 100).size());
  }

  @Test
  void concurrentWritesOfDifferentPackagesGetOneGapFreeSequence() throws Exception {
    assertEquals(0, store.lastChangeSeq());
    int writers = 8;
    int writesEach = 10;
    try (var pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String name = "p" + w;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < writesEach; i++) {
                    assertTrue(
                        store.savePackage(
                            new PackageWrite(name, i, "{}", List.of(i + ".0.0"), Instant.now())));
                  }
                  return null;
                }));
      }
      for (Future<?> f : results) {
        f.get();
      }
    }
    List<Change> changes = store.listChanges(0, 1000);
    assertEquals(writers * writesEach, changes.size());
    for (int i = 0; i < changes.size(); i++) {
      assertEquals(i + 1, changes.get(i).seq(), "gap-free at " + i);
    }
    assertEquals(writers * writesEach, store.lastChangeSeq());
    for (int w = 0; w < writers; w++) {
      String name = "p" + w;
      assertEquals(
          java.util.stream.LongStream.rangeClosed(1, writesEach).boxed().toList(),
          changes.stream().filter(c -> c.packageName().equals(name)).map(Change::revision).toList(),
          "each package's revisions appear in order");
    }
  }

  @Test
  void uplinkPackumentsAreUpserted() {
    assertEquals(Optional.empty(), store.findUplinkPackument("a"));
    var first = new MetadataStore.UplinkPackument("a", "{\"v\":1}", "\"e1\"", T1);
    store.saveUplinkPackument(first);
    assertEquals(Optional.of(first), store.findUplinkPackument("a"));
    var second = new MetadataStore.UplinkPackument("a", "{\"v\":2}", "", T2);
    store.saveUplinkPackument(second);
    assertEquals(Optional.of(second), store.findUplinkPackument("a"));
    assertEquals(List.of(), store.listPackageNames(), "the uplink cache is not a local package");
  }

  @Test
  void usersAreUpserted() {
    assertEquals(Optional.empty(), store.findUser("u"));
    store.saveUser(new User("u", "u@x.org", "h1", T1));
    store.saveUser(new User("u", "v@x.org", "h2", T1));
    assertEquals(Optional.of(new User("u", "v@x.org", "h2", T1)), store.findUser("u"));
  }

  @Test
  void tokensAreFoundByHashAndRemovable() {
    store.saveUser(new User("u", "u@x.org", "h", T1));
    Token t = new Token("ab".repeat(32), "u", T2);
    store.saveToken(t);
    assertEquals(Optional.of(t), store.findToken("ab".repeat(32)));
    store.removeToken("ab".repeat(32));
    store.removeToken("ab".repeat(32));
    assertEquals(Optional.empty(), store.findToken("ab".repeat(32)));
  }

  @Test
  void tokensKeepTheirRestrictionsAndAreListedAndRemovedPerUser() {
    store.saveUser(new User("u", "u@x.org", "h", T1));
    store.saveUser(new User("v", "v@x.org", "h", T1));
    Token full = new Token("a1".repeat(32), "u", T1);
    Token restricted =
        new Token(
            "b2".repeat(32),
            "u",
            T2,
            "quoll_abcdef",
            true,
            List.of("10.0.0.0/8", "2001:db8::/32"),
            "ci",
            Optional.of(T2.plusSeconds(86400)),
            new MetadataStore.Grants(
                true, List.of("p", "*"), List.of("@s"), List.of("o"), "read-only", "no-access"),
            true);
    Token other = new Token("c3".repeat(32), "v", T1);
    store.saveToken(restricted);
    store.saveToken(full);
    store.saveToken(other);
    assertEquals(Optional.of(restricted), store.findToken("b2".repeat(32)));
    assertEquals(List.of(full, restricted), store.listTokens("u"));
    store.removeTokens("u");
    assertEquals(List.of(), store.listTokens("u"));
    assertEquals(Optional.of(other), store.findToken("c3".repeat(32)));
  }

  @Test
  void profilesAreUpserted() {
    store.saveUser(new User("u", "u@x.org", "h", T1));
    assertEquals(Optional.empty(), store.findProfile("u"));
    var p = new MetadataStore.Profile("u", "U", "https://u.example", "", "gh", "", false, T1);
    store.saveProfile(p);
    var q = new MetadataStore.Profile("u", "U2", "", "tw", "gh", "irc", true, T2);
    store.saveProfile(q);
    assertEquals(Optional.of(q), store.findProfile("u"));
  }

  @Test
  void otpStepsAndRecoveryCodesAreSingleUse() {
    store.saveUser(new User("u", "u@x.org", "h", T1));
    assertFalse(store.claimOtpStep("u", 5), "2FA off");
    var t = new MetadataStore.TwoFactor("u", "auth-only", true, "v1:sealed", 0);
    store.saveTwoFactor(t, List.of());
    assertEquals(Optional.of(t), store.findTwoFactor("u"));
    var on = new MetadataStore.TwoFactor("u", "auth-and-writes", false, "v1:sealed", 7);
    store.saveTwoFactor(on, List.of("h1", "h2"));
    assertFalse(store.claimOtpStep("u", 7));
    assertFalse(store.claimOtpStep("u", 6));
    assertTrue(store.claimOtpStep("u", 8));
    assertFalse(store.claimOtpStep("u", 8));
    assertEquals(8, store.findTwoFactor("u").orElseThrow().lastStep());
    assertTrue(store.removeRecoveryCode("u", "h1"));
    assertFalse(store.removeRecoveryCode("u", "h1"));
    store.saveTwoFactor(
        new MetadataStore.TwoFactor("u", "auth-only", false, "v1:sealed", 8), List.of());
    assertTrue(store.removeRecoveryCode("u", "h2"), "an empty list keeps the codes");
    store.saveTwoFactor(on, List.of("h3"));
    store.removeTwoFactor("u");
    assertEquals(Optional.empty(), store.findTwoFactor("u"));
    assertFalse(store.removeRecoveryCode("u", "h3"));
  }

  private void users(String... names) {
    for (String n : names) {
      store.saveUser(new User(n, n + "@example.org", "hash", T1));
    }
  }

  @Test
  void anOrgStartsWithItsOwnerInTheDevelopersTeam() {
    users("ann", "bo");
    OrgStore orgs = store.orgs();
    assertEquals(Optional.empty(), orgs.findOrg("acme"));
    assertTrue(orgs.createOrg("acme", "ann", T1));
    assertFalse(orgs.createOrg("acme", "bo", T2));
    assertEquals(Optional.of(new OrgStore.Org("acme", T1)), orgs.findOrg("acme"));
    assertEquals(List.of(new OrgStore.Member("acme", "ann", "owner")), orgs.listOrgMembers("acme"));
    assertEquals(
        List.of(new OrgStore.Team("acme", OrgStore.DEVELOPERS, "", T1)), orgs.listTeams("acme"));
    assertEquals(List.of("ann"), orgs.listTeamMembers("acme", OrgStore.DEVELOPERS));
    assertEquals(List.of(new OrgStore.Member("acme", "ann", "owner")), orgs.listMemberships("ann"));
  }

  @Test
  void membersJoinDevelopersAndLeaveEveryTeamWithTheOrg() {
    users("ann", "bo");
    OrgStore orgs = store.orgs();
    orgs.createOrg("acme", "ann", T1);
    orgs.saveOrgMember(new OrgStore.Member("acme", "bo", "developer"));
    orgs.saveOrgMember(new OrgStore.Member("acme", "bo", "admin"));
    assertEquals(
        List.of(
            new OrgStore.Member("acme", "ann", "owner"),
            new OrgStore.Member("acme", "bo", "admin")),
        orgs.listOrgMembers("acme"));
    assertTrue(orgs.createTeam(new OrgStore.Team("acme", "core", "the core", T2)));
    assertFalse(orgs.createTeam(new OrgStore.Team("acme", "core", "again", T2)));
    orgs.saveTeamMember("acme", "core", "bo");
    orgs.saveTeamMember("acme", "core", "bo");
    assertEquals(List.of("ann", "bo"), orgs.listTeamMembers("acme", OrgStore.DEVELOPERS));
    assertEquals(List.of("bo"), orgs.listTeamMembers("acme", "core"));
    orgs.removeOrgMember("acme", "bo");
    assertEquals(List.of("ann"), orgs.listTeamMembers("acme", OrgStore.DEVELOPERS));
    assertEquals(List.of(), orgs.listTeamMembers("acme", "core"));
    assertEquals(List.of(), orgs.listMemberships("bo"));
  }

  @Test
  void teamGrantsAreUpsertedListedAndRemovedWithTheirTeamOrOrg() {
    users("ann", "bo");
    OrgStore orgs = store.orgs();
    orgs.createOrg("acme", "ann", T1);
    orgs.saveOrgMember(new OrgStore.Member("acme", "bo", "developer"));
    orgs.createTeam(new OrgStore.Team("acme", "core", "", T1));
    orgs.saveTeamMember("acme", "core", "bo");
    orgs.saveTeamGrant(new OrgStore.TeamGrant("acme", "core", "@acme/a", "read-only"));
    orgs.saveTeamGrant(new OrgStore.TeamGrant("acme", "core", "@acme/a", "read-write"));
    orgs.saveTeamGrant(new OrgStore.TeamGrant("acme", "developers", "@acme/a", "read-only"));
    orgs.saveTeamGrant(new OrgStore.TeamGrant("acme", "core", "lib", "read-only"));
    assertEquals(
        List.of(
            new OrgStore.TeamGrant("acme", "core", "@acme/a", "read-write"),
            new OrgStore.TeamGrant("acme", "core", "lib", "read-only")),
        orgs.listTeamGrants("acme", "core"));
    assertEquals(
        List.of(
            new OrgStore.TeamGrant("acme", "core", "@acme/a", "read-write"),
            new OrgStore.TeamGrant("acme", "developers", "@acme/a", "read-only")),
        orgs.listPackageGrants("@acme/a"));
    assertEquals(
        List.of(new OrgStore.TeamGrant("acme", "developers", "@acme/a", "read-only")),
        orgs.listUserGrants("ann", "@acme/a"));
    assertEquals(2, orgs.listUserGrants("bo", "@acme/a").size());
    orgs.removeTeamGrant("acme", "core", "lib");
    orgs.removeTeam("acme", "core");
    assertEquals(List.of(), orgs.listTeamGrants("acme", "core"));
    assertEquals(
        List.of(new OrgStore.TeamGrant("acme", "developers", "@acme/a", "read-only")),
        orgs.listPackageGrants("@acme/a"));
    orgs.removeOrg("acme");
    assertEquals(Optional.empty(), orgs.findOrg("acme"));
    assertEquals(List.of(), orgs.listPackageGrants("@acme/a"));
    assertEquals(List.of(), orgs.listMemberships("ann"));
  }
}
