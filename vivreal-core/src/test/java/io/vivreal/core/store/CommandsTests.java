package io.vivreal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only commands that cannot change data answer without waiting for a commit. */
class CommandsTests {

    @Test
    void readsAnswerWithoutACommitWhateverTheirCase() {
        assertThat(Commands.isRead("find", new Document())).isTrue();
        assertThat(Commands.isRead("FIND", new Document())).isTrue();
        assertThat(Commands.isRead("getMore", new Document())).isTrue();
        assertThat(Commands.isRead(
                        "aggregate", new Document("pipeline", List.of(new Document("$match", new Document())))))
                .isTrue();
    }

    @Test
    void writesAndUnknownCommandsWaitForACommit() {
        for (String command : List.of(
                "insert",
                "update",
                "delete",
                "findAndModify",
                "createIndexes",
                "drop",
                "dropDatabase",
                "renameCollection",
                "somethingNew")) {
            assertThat(Commands.isRead(command, new Document())).as(command).isFalse();
        }
    }

    @Test
    void anAggregateThatWritesIsAWrite() {
        assertThat(Commands.isRead("aggregate", new Document("pipeline", List.of(new Document("$out", "copy")))))
                .isFalse();
        assertThat(Commands.isRead("aggregate", new Document("pipeline", List.of(new Document("$merge", "copy")))))
                .isFalse();
    }

    @Test
    void onlyAnExplicitJournalFalseDefersTheCommit() {
        assertThat(Commands.defersCommit(new Document("writeConcern", new Document("w", 1).append("j", false))))
                .isTrue();
        assertThat(Commands.defersCommit(new Document())).isFalse();
        assertThat(Commands.defersCommit(new Document("writeConcern", new Document("w", 1))))
                .isFalse();
        assertThat(Commands.defersCommit(new Document("writeConcern", new Document("j", true))))
                .isFalse();
        assertThat(Commands.defersCommit(new Document("writeConcern", new Document("j", "false"))))
                .isFalse();
        assertThat(Commands.defersCommit(new Document("writeConcern", "j:false")))
                .isFalse();
    }
}
