package io.vivreal.core.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.tenancy.TenantScope;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TierTests {

    @Test
    void freeBasicAndProShareTheGeneralDatabase() {
        ObjectId id = new ObjectId();
        assertThat(Tier.FREE.databaseFor(id)).isEqualTo("general_shared");
        assertThat(Tier.BASIC.databaseFor(id)).isEqualTo("general_shared");
        assertThat(Tier.PRO.databaseFor(id)).isEqualTo("general_shared");
        assertThat(Tier.SHARED_DATABASE).isEqualTo("general_shared");
    }

    @Test
    void proPlusSharesTheProPlusDatabase() {
        assertThat(Tier.PROPLUS.databaseFor(new ObjectId())).isEqualTo("pro_plus");
        assertThat(Tier.PRO_PLUS_DATABASE).isEqualTo("pro_plus");
    }

    @Test
    void enterpriseGetsADatabaseOfItsOwn() {
        ObjectId id = new ObjectId("65a1b2c3d4e5f60718293a4b");
        assertThat(Tier.ENTERPRISE.databaseFor(id)).isEqualTo("ent_65a1b2c3d4e5f60718293a4b");
        assertThat(Tier.ENTERPRISE.databaseFor(new ObjectId()))
                .isNotEqualTo(Tier.ENTERPRISE.databaseFor(new ObjectId()));
        assertThat(Tier.ENTERPRISE.databaseFor(new ObjectId())).matches("ent_[0-9a-f]{24}");
    }

    @Test
    void everyTiersDatabaseIsAValidTenantScopeDatabase() {
        for (int i = 0; i < 50; i++) {
            ObjectId id = new ObjectId();
            for (Tier tier : Tier.values()) {
                String dbKey = tier.databaseFor(id);
                TenantScope scope = new TenantScope(id.toHexString(), dbKey);
                assertThat(scope.dbKey()).isEqualTo(dbKey);
            }
        }
        ObjectId max = new ObjectId("ffffffffffffffffffffffff");
        assertThat(new TenantScope(max.toHexString(), Tier.ENTERPRISE.databaseFor(max)).dbKey())
                .isEqualTo("ent_ffffffffffffffffffffffff");
    }

    @Test
    void wireNamesAreLowercase() {
        assertThat(Tier.FREE.wireName()).isEqualTo("free");
        assertThat(Tier.BASIC.wireName()).isEqualTo("basic");
        assertThat(Tier.PRO.wireName()).isEqualTo("pro");
        assertThat(Tier.PROPLUS.wireName()).isEqualTo("proplus");
        assertThat(Tier.ENTERPRISE.wireName()).isEqualTo("enterprise");
    }

    @Test
    void parseAcceptsEveryWireName() {
        for (Tier tier : Tier.values()) {
            assertThat(Tier.parse(tier.wireName(), "tier")).isEqualTo(tier);
        }
    }

    @Test
    void tiersAreOrderedFromFreeToEnterprise() {
        assertThat(Tier.values()).containsExactly(Tier.FREE, Tier.BASIC, Tier.PRO, Tier.PROPLUS, Tier.ENTERPRISE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "FREE",
                "Free",
                "ENTERPRISE",
                " pro",
                "pro ",
                "pro\n",
                "pro_plus",
                "pro-plus",
                "pro plus",
                "proPlus",
                "premium",
                "general_shared",
                "fгee" // cyrillic g
            })
    void parseRejectsAnythingElseAsInvalidForTheGivenField(String value) {
        DomainException e = catchThrowableOfType(DomainException.class, () -> Tier.parse(value, "plan"));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.field()).isEqualTo("plan");
        assertThat(e.getMessage()).contains("free").contains("enterprise");
    }
}
