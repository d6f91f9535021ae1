package dev.ferry.build.domain;

import dev.ferry.build.domain.DockerfileLines.Instruction;
import java.util.List;
import java.util.Optional;

/**
 * Maps a builder's step numbers back to Dockerfile lines. Builders count steps per stage, FROM being step 1, and
 * leave out the ARGs before the first FROM; they print the instruction, but not where it is written.
 */
final class DockerfileSteps {

    private DockerfileSteps() {}

    static Optional<SourceLine> lineOf(String file, String text, int stage, int step) {
        List<Instruction> instructions = DockerfileLines.split(text);
        int stagesSeen = 0;
        int stepInStage = 0;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                stagesSeen++;
                stepInStage = 0;
            }
            if (stagesSeen == stage && ++stepInStage == step) {
                return Optional.of(new SourceLine(file, instruction.line()));
            }
        }
        // The builder and this reader disagree about the steps: better no line than a wrong one.
        return Optional.empty();
    }
}
