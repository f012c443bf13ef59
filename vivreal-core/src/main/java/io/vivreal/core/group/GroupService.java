package io.vivreal.core.group;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.vivreal.authorizer.ApiKeyFormat;
import io.vivreal.authorizer.ApiKeyHasher;
import io.vivreal.core.apikey.ApiKeyRevokedEvent;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import io.vivreal.core.apikey.PreviousApiKey;
import io.vivreal.core.apikey.StoredApiKey;
import io.vivreal.core.audit.AuditEntry;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.CredentialDecryptionException;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.core.web.RequestLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Groups, their members and their API key.
 *
 * <p>Every operation on an existing group starts from {@link #requireRole}: a group the caller
 * does not belong to is reported exactly like one that does not exist, so ids of other tenants
 * cannot be probed. Membership changes are compare-and-set on the group's revision, which makes
 * the last-owner guard hold even when two owners demote each other at the same moment.
 */
public final class GroupService {

    private static final Logger log = LoggerFactory.getLogger(GroupService.class);

    private static final int MAX_ATTEMPTS = 8;

    /** The longest a rolled-away key may keep authorizing. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final GroupRepository groups;
    private final ApiKeyHasher hasher;
    private final CredentialCipher cipher;
    private final AuditLog audit;
    private final TenantStore tenantStore;
    private final ApiKeyUsageTracker usage;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random;
    private final Set<Tier> selfServiceTiers;
    private final int groupsPerUser;

    public GroupService(
            GroupRepository groups,
            ApiKeyHasher hasher,
            CredentialCipher cipher,
            AuditLog audit,
            TenantStore tenantStore,
            ApiKeyUsageTracker usage,
            ApplicationEventPublisher events,
            Clock clock,
            SecureRandom random,
            Set<Tier> selfServiceTiers,
            int groupsPerUser) {
        this.groups = groups;
        this.hasher = hasher;
        this.cipher = cipher;
        this.audit = audit;
        this.tenantStore = tenantStore;
        this.usage = usage;
        this.events = events;
        this.clock = clock;
        this.random = random;
        this.selfServiceTiers = Set.copyOf(selfServiceTiers);
        this.groupsPerUser = groupsPerUser;
    }

    /** Creates a group owned by {@code userId}, with its API key, in one write. */
    public Membership create(String userId, String rawName, String rawTier) {
        String name = GroupNames.clean(rawName);
        Tier tier = rawTier == null ? Tier.FREE : Tier.parse(rawTier, "tier");
        if (!selfServiceTiers.contains(tier)) {
            throw new DomainException(
                    DomainException.Kind.FORBIDDEN,
                    "tier_not_self_service",
                    "the " + tier.wireName() + " tier is set by an operator (./vivreal admin set-tier)",
                    "tier");
        }
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            ObjectId id = new ObjectId();
            Group group = new Group(
                    id.toHexString(),
                    name,
                    GroupNames.key(name, random),
                    tier.databaseFor(id),
                    tier,
                    false,
                    now,
                    List.of(new Member(userId, Role.OWNER, now, 0)),
                    0);
            try {
                groups.insert(group, newKey(group.id(), now).stored());
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            // Counted after the insert, so concurrent creations cannot all pass the last free place:
            // each sees the others, and one past the limit is undone.
            if (groups.countOwned(userId, selfServiceTiers) > groupsPerUser) {
                groups.deleteUnused(group.id());
                throw new DomainException(
                        DomainException.Kind.PAYMENT_REQUIRED,
                        "quota_exceeded",
                        "one account may own at most " + groupsPerUser + " groups on self-service tiers;"
                                + " an operator can set a paid tier",
                        "groups");
            }
            tenantStore.ensureIndexes(group.dbKey());
            audit.record(group.scope(), "group.created", userId, "group", group.id());
            audit.record(group.scope(), "api_key.created", userId, "api_key", group.id());
            return new Membership(group, Role.OWNER);
        }
    }

    public List<Membership> listFor(String userId) {
        List<Membership> memberships = new ArrayList<>();
        for (Group group : groups.findForUser(userId)) {
            group.member(userId).ifPresent(m -> memberships.add(new Membership(group, m.role())));
        }
        return memberships;
    }

    /** The caller's membership; a group it does not belong to is "not found", never "forbidden". */
    public Membership requireMember(String groupId, String userId) {
        Group group = groups.findById(groupId).orElseThrow(() -> DomainException.notFound("group"));
        Member member = group.member(userId).orElseThrow(() -> DomainException.notFound("group"));
        RequestLog.group(groupId);
        return new Membership(group, member.role());
    }

    public Membership requireRole(String groupId, String userId, Role minimum) {
        Membership membership = requireMember(groupId, userId);
        if (!membership.role().atLeast(minimum)) {
            throw DomainException.forbidden("this needs the " + minimum.wireName() + " role or higher");
        }
        return membership;
    }

    /**
     * Adds the person who accepted an invitation — the only way into a group besides creating it.
     * The invitation service has already checked that the caller's verified address is the one
     * invited; here the seat quota and "already a member" hold exactly as for any membership
     * change (compare-and-set on the group's revision). Audited with the new member as actor.
     */
    public Membership addInvited(String groupId, String userId, Role role) {
        Instant now = clock.instant();
        Group added = changeMembers(groupId, group -> {
            if (group.member(userId).isPresent()) {
                throw DomainException.conflict("already_member", "you are already a member of this group");
            }
            long seats = TierLimits.of(group.tier()).seats();
            if (group.members().size() >= seats) {
                throw UsageCounters.exceeded(group.tier(), TierLimits.Quota.SEATS, seats);
            }
            List<Member> members = new ArrayList<>(group.members());
            members.add(new Member(userId, role, now, group.revision() + 1));
            return members;
        });
        audit.record(added.scope(), "member.added", userId, "member", userId);
        return new Membership(added, role);
    }

    /** Only an owner may invite someone as an owner. */
    public static void requireOwnerToGrant(Membership actor, Role role) {
        requireOwnerFor(actor, role);
    }

    public Member changeRole(String groupId, String actorId, String targetUserId, Role role) {
        Membership actor = requireRole(groupId, actorId, Role.ADMIN);
        requireOwnerFor(actor, role);
        Group changed = changeMembers(groupId, group -> {
            Member current = group.member(targetUserId).orElseThrow(() -> DomainException.notFound("member"));
            requireOwnerFor(actor, current.role());
            if (current.role() == Role.OWNER && role != Role.OWNER && group.ownerCount() == 1) {
                throw lastOwner();
            }
            return group.members().stream()
                    .map(m -> m.userId().equals(targetUserId)
                            ? new Member(m.userId(), role, m.addedAt(), group.revision() + 1)
                            : m)
                    .toList();
        });
        audit.record(actor.group().scope(), "member.role_changed", actorId, "member", targetUserId);
        return changed.member(targetUserId).orElseThrow();
    }

    public void removeMember(String groupId, String actorId, String targetUserId) {
        Membership actor = requireRole(groupId, actorId, Role.ADMIN);
        changeMembers(groupId, group -> {
            Member current = group.member(targetUserId).orElseThrow(() -> DomainException.notFound("member"));
            requireOwnerFor(actor, current.role());
            if (current.role() == Role.OWNER && group.ownerCount() == 1) {
                throw lastOwner();
            }
            return group.members().stream()
                    .filter(m -> !m.userId().equals(targetUserId))
                    .toList();
        });
        audit.record(actor.group().scope(), "member.removed", actorId, "member", targetUserId);
    }

    public RevealedApiKey revealKey(String groupId, String actorId) {
        Membership actor = requireRole(groupId, actorId, Role.ADMIN);
        StoredApiKey stored = groups.findApiKey(groupId).orElseThrow(() -> DomainException.notFound("api key"));
        String plaintext;
        try {
            plaintext = cipher.decrypt(stored.ciphertext(), StoredApiKey.binding(groupId));
        } catch (CredentialDecryptionException e) {
            log.error(
                    "group {}: the stored API key cannot be decrypted (a key missing from the key ring, or a"
                            + " corrupted value); the key still authenticates, an owner can regenerate it",
                    groupId);
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "credential_unreadable",
                    "the stored API key cannot be read; regenerate it (sites then need the new key)",
                    null);
        }
        audit.record(actor.group().scope(), "api_key.revealed", actorId, "api_key", groupId);
        Instant lastUsed = latest(
                stored.lastUsedAt(), usage.pendingUse(groupId, stored.hash()).orElse(null));
        return new RevealedApiKey(
                plaintext,
                stored.prefix(),
                stored.createdAt(),
                lastUsed,
                previousKey(groupId).orElse(null));
    }

    /**
     * The rolled-away key while its overlap lasts, with the latest use this instance knows of. An
     * ended one is reported as absent even before the sweep removes it: it no longer authorizes.
     */
    private Optional<PreviousApiKey> previousKey(String groupId) {
        Instant now = clock.instant();
        return groups.findPreviousKey(groupId)
                .filter(previous -> previous.expiresAt().isAfter(now))
                .map(previous -> new PreviousApiKey(
                        previous.hash(),
                        previous.prefix(),
                        previous.createdAt(),
                        previous.expiresAt(),
                        latest(
                                previous.lastUsedAt(),
                                usage.pendingUse(groupId, previous.hash()).orElse(null))));
    }

    /**
     * Issues a new key while the current one keeps authorizing for {@code overlap} (more than zero,
     * at most {@link #MAX_OVERLAP}), so live sites can switch without going dark. A previous key
     * still in its overlap from an earlier roll stops at once: only two keys ever authorize.
     */
    public RevealedApiKey rollKey(String groupId, String actorId, Duration overlap) {
        Membership actor = requireRole(groupId, actorId, Role.ADMIN);
        if (overlap == null || overlap.isNegative() || overlap.isZero() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw DomainException.invalid("overlap", "overlap must be more than zero and at most 7 days (P7D)");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredApiKey old = groups.findApiKey(groupId).orElseThrow(() -> DomainException.notFound("api key"));
            Optional<PreviousApiKey> older = groups.findPreviousKey(groupId);
            Instant now = clock.instant();
            NewKey fresh = newKey(groupId, now);
            Instant oldLastUsed = latest(
                    old.lastUsedAt(), usage.pendingUse(groupId, old.hash()).orElse(null));
            PreviousApiKey previous =
                    new PreviousApiKey(old.hash(), old.prefix(), old.createdAt(), now.plus(overlap), oldLastUsed);
            if (groups.rollApiKey(groupId, old.hash(), fresh.stored(), previous)) {
                older.ifPresent(o -> events.publishEvent(new ApiKeyRevokedEvent(o.hash())));
                audit.record(actor.group().scope(), "api_key.rolled", actorId, "api_key", groupId);
                return new RevealedApiKey(
                        fresh.plaintext(),
                        fresh.stored().prefix(),
                        fresh.stored().createdAt(),
                        null,
                        previous);
            }
        }
        throw DomainException.conflict("concurrent_change", "the key was changed at the same moment; try again");
    }

    /**
     * Ends a roll's overlap at once: the previous key stops working on this instance immediately
     * and everywhere within the authorizer cache's lifetime. 404 when there is none.
     */
    public void revokePreviousKey(String groupId, String actorId) {
        Membership actor = requireRole(groupId, actorId, Role.ADMIN);
        PreviousApiKey previous = previousKey(groupId).orElseThrow(() -> DomainException.notFound("previous api key"));
        if (!groups.removePreviousKey(groupId, previous.hash())) {
            throw DomainException.notFound("previous api key");
        }
        events.publishEvent(new ApiKeyRevokedEvent(previous.hash()));
        audit.record(actor.group().scope(), "api_key.previous_revoked", actorId, "api_key", groupId);
    }

    /**
     * Replaces the key. The old one stops working at once on this instance (its cached decision
     * is evicted) and within the authorizer cache's lifetime (at most one second) everywhere else.
     * A previous key still in a roll's overlap stops the same way: this is the emergency path.
     */
    public RevealedApiKey regenerateKey(String groupId, String actorId) {
        Membership actor = requireRole(groupId, actorId, Role.ADMIN);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredApiKey old = groups.findApiKey(groupId).orElseThrow(() -> DomainException.notFound("api key"));
            Optional<PreviousApiKey> previous = groups.findPreviousKey(groupId);
            NewKey fresh = newKey(groupId, clock.instant());
            if (groups.replaceApiKey(groupId, old.hash(), fresh.stored())) {
                events.publishEvent(new ApiKeyRevokedEvent(old.hash()));
                previous.ifPresent(p -> events.publishEvent(new ApiKeyRevokedEvent(p.hash())));
                audit.record(actor.group().scope(), "api_key.regenerated", actorId, "api_key", groupId);
                return new RevealedApiKey(
                        fresh.plaintext(),
                        fresh.stored().prefix(),
                        fresh.stored().createdAt(),
                        null,
                        null);
            }
        }
        throw DomainException.conflict("concurrent_change", "the key was changed at the same moment; try again");
    }

    public List<AuditEntry> audit(String groupId, String actorId, int limit, int skip) {
        Membership actor = requireRole(groupId, actorId, Role.ADMIN);
        return audit.list(actor.group().scope(), limit, skip);
    }

    private record NewKey(String plaintext, StoredApiKey stored) {}

    private NewKey newKey(String groupId, Instant now) {
        String plaintext = ApiKeyFormat.generate(random);
        StoredApiKey stored = new StoredApiKey(
                hasher.hash(plaintext),
                cipher.encrypt(plaintext, StoredApiKey.binding(groupId)),
                ApiKeyFormat.displayPrefix(plaintext),
                now,
                null);
        return new NewKey(plaintext, stored);
    }

    /** Applies a membership change atomically (compare-and-set on the revision) and answers the result. */
    private Group changeMembers(String groupId, Function<Group, List<Member>> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Group group = groups.findById(groupId).orElseThrow(() -> DomainException.notFound("group"));
            List<Member> members = change.apply(group);
            if (groups.compareAndSetMembers(groupId, group.revision(), members)) {
                return new Group(
                        group.id(),
                        group.name(),
                        group.key(),
                        group.dbKey(),
                        group.tier(),
                        group.frozen(),
                        group.createdAt(),
                        List.copyOf(members),
                        group.revision() + 1);
            }
        }
        throw DomainException.conflict("concurrent_change", "the members changed at the same moment; try again");
    }

    /** Only an owner may grant the owner role or change or remove an owner. */
    private static void requireOwnerFor(Membership actor, Role role) {
        if (role == Role.OWNER && actor.role() != Role.OWNER) {
            throw DomainException.forbidden("only an owner can grant, change or remove the owner role");
        }
    }

    private static DomainException lastOwner() {
        return DomainException.conflict("last_owner", "a group must keep at least one owner");
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
