package io.vivreal.core.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vivreal.core.domain.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTests {

    private static final List<Role> WEAKEST_FIRST = List.of(Role.VIEWER, Role.EDITOR, Role.ADMIN, Role.OWNER);

    @Test
    void atLeastFollowsOwnerAdminEditorViewer() {
        for (int i = 0; i < WEAKEST_FIRST.size(); i++) {
            for (int j = 0; j < WEAKEST_FIRST.size(); j++) {
                Role role = WEAKEST_FIRST.get(i);
                Role other = WEAKEST_FIRST.get(j);
                assertThat(role.atLeast(other)).as("%s atLeast %s", role, other).isEqualTo(i >= j);
            }
        }
    }

    @Test
    void ownerIsAtLeastEveryRoleAndViewerOnlyItself() {
        for (Role role : Role.values()) {
            assertThat(Role.OWNER.atLeast(role)).isTrue();
            assertThat(role.atLeast(role)).isTrue();
            assertThat(Role.VIEWER.atLeast(role)).isEqualTo(role == Role.VIEWER);
        }
        assertThat(Role.EDITOR.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.ADMIN.atLeast(Role.OWNER)).isFalse();
    }

    @Test
    void wireNamesAreLowercase() {
        assertThat(Role.OWNER.wireName()).isEqualTo("owner");
        assertThat(Role.ADMIN.wireName()).isEqualTo("admin");
        assertThat(Role.EDITOR.wireName()).isEqualTo("editor");
        assertThat(Role.VIEWER.wireName()).isEqualTo("viewer");
    }

    @Test
    void parseAcceptsEveryWireName() {
        for (Role role : Role.values()) {
            assertThat(Role.parse(role.wireName(), "role")).isEqualTo(role);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "OWNER",
                "Owner",
                "ADMIN",
                " admin",
                "admin ",
                "admin\n",
                "superadmin",
                "root",
                "0",
                "4",
                "own",
                "owner,admin",
                "ownеr" // cyrillic e
            })
    void parseRejectsAnythingElseAsInvalidForTheGivenField(String value) {
        DomainException e = catchThrowableOfType(DomainException.class, () -> Role.parse(value, "members[0].role"));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.field()).isEqualTo("members[0].role");
        assertThat(e.getMessage()).contains("owner").contains("viewer");
    }
}
