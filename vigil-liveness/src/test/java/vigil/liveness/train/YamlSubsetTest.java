package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.io.Json;

/** The YAML subset reads into exactly the tree Json.parse makes of the equivalent JSON. */
class YamlSubsetTest {

    private static void assertSameTree(String json, String yaml) {
        assertEquals(Json.write(Json.parse(json)), Json.write(YamlSubset.parse(yaml, "t.yaml")));
    }

    @Test
    void nestedBlockMappingsMatchJson() {
        assertSameTree("{\"a\": 1, \"b\": {\"c\": 2.5, \"d\": {\"e\": \"x\"}}, \"f\": true, \"g\": null}", """
                a: 1
                b:
                  c: 2.5
                  d:
                    e: x
                f: true
                g:
                """);
    }

    @Test
    void blockAndFlowSequencesMatchJson() {
        assertSameTree("{\"s\": [1, \"two\", [3, 4]], \"t\": [\"a\", \"b\"], \"u\": [{\"k\": 1, \"l\": [2]}, 5], \"v\": []}", """
                s: [1, two, [3, 4]]
                t:
                - a
                - b
                u:
                  - k: 1
                    l: [2]
                  - 5
                v: []
                """);
    }

    @Test
    void commentsAreIgnoredOutsideQuotesOnly() {
        assertSameTree("{\"a\": \"x # not a comment\", \"b\": \"y#z\", \"c\": 3}", """
                # leading comment
                a: "x # not a comment"   # trailing comment
                b: y#z
                  # indented comment line
                c: 3
                """);
    }

    @Test
    void quotedStringsKeepTheirTextAndType() {
        Map<String, Object> m = YamlSubset.parseMapping("""
                a: "7"
                b: 'it''s: fine'
                c: "tab\\there \\"q\\""
                "d e": 'true'
                f: 1e-3
                g: -12
                """, "t.yaml");
        assertEquals("7", m.get("a"));
        assertEquals("it's: fine", m.get("b"));
        assertEquals("tab\there \"q\"", m.get("c"));
        assertEquals("true", m.get("d e"));
        assertEquals(1e-3, m.get("f"));
        assertEquals(-12L, m.get("g"));
    }

    @Test
    void errorsNameFileAndLine() {
        List<String[]> cases = List.of(
                new String[] {"a: 1\nb:\n  c: 2\n d: 3\n", "t.yaml:4:"},
                new String[] {"a: 1\na: 2\n", "t.yaml:2: duplicate key 'a'"},
                new String[] {"a: 1\n\tb: 2\n", "t.yaml:2: tab in indentation"},
                new String[] {"a: [1, 2\n", "t.yaml:1:"},
                new String[] {"a: 1\njust text\n", "t.yaml:2: expected 'key: value'"},
                new String[] {"a: \"open\n", "t.yaml:1: unterminated"},
                new String[] {"a: &x 1\n", "t.yaml:1:"});
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> YamlSubset.parse(c[0], "t.yaml"),
                    c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), "for " + Arrays.toString(c) + " got: " + e.getMessage());
        }
    }

    @Test
    void trainConfigReadsYamlAsItReadsJson() {
        String json = """
                {"seed": 3, "steps": 40, "batch_size": 8, "optimizer": {"type": "adamw", "lr": 0.01},
                 "schedule": {"type": "cosine", "warmup_steps": 4}, "validate_every": 10, "output": "runs/x"}
                """;
        String yaml = """
                seed: 3
                steps: 40
                batch_size: 8
                optimizer: {type: adamw, lr: 0.01}
                schedule:
                  type: cosine
                  warmup_steps: 4
                validate_every: 10
                output: runs/x
                """;
        assertEquals(TrainConfig.parse(json, "a.json"), TrainConfig.fromMap(YamlSubset.parseMapping(yaml, "a.yaml"), "a.yaml"));
    }

    @Test
    void trainConfigErrorsFromYamlNameTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromMap(
                YamlSubset.parseMapping("steps: 4\nbatch_size: 2\nvalidate_every: 1\noutput: o\n", "b.yaml"), "b.yaml"));
        assertEquals("b.yaml: optimizer: is required", e.getMessage());
    }
}
