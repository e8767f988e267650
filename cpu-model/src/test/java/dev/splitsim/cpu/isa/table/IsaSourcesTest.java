package dev.splitsim.cpu.isa.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed generated sources are what the instruction table gives today. With
 * {@code -Disa.regenerate=true} this test first writes them (see {@link IsaGenerator}).
 */
final class IsaSourcesTest {
    @Test
    void committedSourcesMatchTheTable() throws IOException {
        Map<Path, String> generated = IsaGenerator.generate(IsaTable.read());
        if (Boolean.getBoolean("isa.regenerate")) {
            IsaGenerator.write(generated);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, String> e : generated.entrySet()) {
            String committed = Files.exists(e.getKey()) ? Files.readString(e.getKey(), StandardCharsets.UTF_8) : "";
            if (!committed.equals(e.getValue())) {
                stale.add(e.getKey().toString());
            }
        }
        assertThat(stale).as("stale generated sources; regenerate with "
                + "'mvn -o -q -pl cpu-model -am test -Dtest=IsaSourcesTest -Dsurefire.failIfNoSpecifiedTests=false -Disa.regenerate=true'").isEmpty();
    }

    @Test
    void aChangedTableChangesTheSources() throws IOException {
        String text = Files.readString(IsaTable.FILE, StandardCharsets.UTF_8);
        Map<Path, String> today = IsaGenerator.generate(IsaTable.parse(text));
        Map<Path, String> changed = IsaGenerator.generate(IsaTable.parse(text.replace("alias jal      rd=0                  j ", "alias jal      rd=0                  jj ")));
        assertThat(changed.get(Path.of("src/main/java/dev/splitsim/cpu/isa/InstructionText.java")))
                .isNotEqualTo(today.get(Path.of("src/main/java/dev/splitsim/cpu/isa/InstructionText.java")))
                .contains("\"jj\\t\"");
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> IsaTable.parse("classes alu\nillegal alu -\ninsn add 0x33 0x3 - - alu -\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rv64gc.isa:3: add: match has bits outside its mask");
        assertThatThrownBy(() -> IsaTable.parse("classes alu\nillegal alu -\ninsn add 0x33 0x7f rd:y - alu -\n"))
                .hasMessageContaining(":3: field 'rd:y'");
    }

    @Test
    void anFpuMethodTakesWhatAMethodCan() {
        String head = "classes fadd\nillegal fadd -\ninsn fadd.s 0x53 0x7f ";
        assertThat(IsaTable.parse(head + "rd:f,rs1:f,rs2:f,rm - fadd fp fpu:addS\n").instructions.get(0).fpu())
                .isEqualTo("addS");
        assertThatThrownBy(() -> IsaTable.parse(head + "rd:f,rs1:f,rs2:f,rm - fadd fp addS\n"))
                .hasMessageContaining(":3: fadd.s: 'addS' is not fpu:METHOD");
        assertThatThrownBy(() -> IsaTable.parse(head + "rd:f,rs1:f,rs2:f,rm - fadd - fpu:addS\n"))
                .hasMessageContaining(":3: fadd.s: only an fp instruction");
        assertThatThrownBy(() -> IsaTable.parse(head + "rd:f,rs1:f,rs3:f,rm - fadd fp fpu:addS\n"))
                .hasMessageContaining(":3: fadd.s: an fpu method takes");
        assertThatThrownBy(() -> IsaTable.parse(head + "rd:x,rs1:x,rm - fadd fp fpu:addS\n"))
                .hasMessageContaining(":3: fadd.s: an fpu method takes");
    }
}
