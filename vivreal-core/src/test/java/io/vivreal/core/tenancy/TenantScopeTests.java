package io.vivreal.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantScopeTests {

    private static final String GROUP = "65a1b2c3d4e5f60718293a4b";

    @Test
    void acceptsObjectIdHexAndTheDatabasesTiersUse() {
        String id = new ObjectId().toHexString();
        assertThat(new TenantScope(id, "general_shared").groupID()).isEqualTo(id);
        assertThat(new TenantScope(GROUP, "pro_plus").dbKey()).isEqualTo("pro_plus");
        assertThat(new TenantScope(GROUP, "ent_" + GROUP).dbKey()).isEqualTo("ent_" + GROUP);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "65A1B2C3D4E5F60718293A4B", // uppercase
                "65a1b2c3d4e5f60718293A4b", // one uppercase
                "65a1b2c3d4e5f60718293a4", // 23
                "65a1b2c3d4e5f60718293a4bc", // 25
                "65a1b2c3d4e5f60718293a4g", // not hex
                "{\"$gt\":\"\"}",
                "{\"$ne\":null}",
                ".*",
                "65a1b2c3d4e5f60718293a4b\n",
                "\n65a1b2c3d4e5f60718293a4b",
                " 65a1b2c3d4e5f60718293a4b",
                "65a1b2c3d4e5f60718293a4b ",
                "65a1b2c3d4e5f60718293a4b|65a1b2c3d4e5f60718293a4c",
                "６5a1b2c3d4e5f60718293a4b", // fullwidth digit
                "000000000000000000000000x"
            })
    void rejectsGroupIdThatIsNotTwentyFourLowercaseHex(String groupId) {
        assertThatThrownBy(() -> new TenantScope(groupId, "general_shared"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group id");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "$",
                "$cmd",
                "general$shared",
                "general.shared",
                "admin.system",
                ".",
                "..",
                "1abc",
                "9general",
                "_abc",
                "ab",
                "a",
                "General_shared",
                "PRO_PLUS",
                "pro-plus",
                "pro plus",
                "pro/plus",
                "pro\\plus",
                "pro\u0000plus",
                "general_shared\n",
                " general_shared",
                "ént_1234",
                "abcdefghijklmnopqrstuvwxyz_abcdefghijklmnopqrstuv" // 49 characters
            })
    void rejectsInvalidDatabaseNames(String dbKey) {
        assertThatThrownBy(() -> new TenantScope(GROUP, dbKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("database name");
    }

    @Test
    void acceptsDatabaseNamesFromThreeToFortyEightCharacters() {
        assertThat(new TenantScope(GROUP, "abc").dbKey()).isEqualTo("abc");
        String longest = "a" + "b".repeat(47);
        assertThat(new TenantScope(GROUP, longest).dbKey()).hasSize(48);
        assertThatThrownBy(() -> new TenantScope(GROUP, longest + "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAVeryLongDatabaseName() {
        assertThatThrownBy(() -> new TenantScope(GROUP, "a".repeat(10_000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorMessagesDoNotEchoTheInput() {
        assertThatThrownBy(() -> new TenantScope("{\"$gt\":\"\"}", "general_shared"))
                .hasMessageNotContaining("$gt");
        assertThatThrownBy(() -> new TenantScope(GROUP, "evil$db")).hasMessageNotContaining("evil");
    }

    @Test
    void scopesAreValuesComparedByGroupAndDatabase() {
        assertThat(new TenantScope(GROUP, "general_shared")).isEqualTo(new TenantScope(GROUP, "general_shared"));
        assertThat(new TenantScope(GROUP, "general_shared")).isNotEqualTo(new TenantScope(GROUP, "pro_plus"));
    }

    @Test
    void refusesDatabasesThatAreNeverTenantDatabases() {
        for (String reserved : new String[] {"admin", "local", "config", "vivreal"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new TenantScope("0123456789abcdef01234567", reserved))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
