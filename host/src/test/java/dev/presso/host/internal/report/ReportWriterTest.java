package dev.presso.host.internal.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.host.internal.report.model.MetricInfo;
import dev.presso.host.internal.report.model.PluginInfo;
import dev.presso.host.internal.report.model.RunInfo;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.RunTimings;
import dev.presso.host.internal.report.model.SampleReports;
import dev.presso.host.internal.report.model.SearchPoint;
import dev.presso.host.internal.report.model.SearchTrace;
import dev.presso.host.internal.report.model.StageTiming;
import dev.presso.host.internal.report.model.VariantReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path folder;

    @Test
    void writesTheResultsInAStableFormWithDerivedBitsPerParameter() {
        RunInfo run = new RunInfo("tiny", "tiny.yaml", 7, "model", "cpu", "0.1.0",
                List.of(new PluginInfo("presso-plugin-baselines", "0.1.0", "00ff")));
        VariantReport dense = new VariantReport("dense", List.of(), Map.of("perplexity", 3.5),
                100, 1600, List.of(), List.of());
        VariantReport rtn = VariantReport.ofLayers("rtn-4bit", List.of("compress"), Map.of("perplexity", 3.75),
                List.of(new LayerRow("model.layers.0.mlp.up_proj", "rtn", "4bit", 64, 320)),
                List.of(new SearchTrace("search", "kl", List.of(new SearchPoint(0, 0.5)))));
        RunReport report = new RunReport(run, Map.of("perplexity", MetricInfo.minimize("")), dense, List.of(rtn));

        assertEquals("""
                {
                  "run": {
                    "pipeline": "tiny",
                    "file": "tiny.yaml",
                    "seed": 7,
                    "model": "model",
                    "provider": "cpu",
                    "hostVersion": "0.1.0",
                    "plugins": [
                      {
                        "id": "presso-plugin-baselines",
                        "version": "0.1.0",
                        "sha256": "00ff"
                      }
                    ]
                  },
                  "metrics": {
                    "perplexity": {
                      "unit": "",
                      "goal": "minimize"
                    }
                  },
                  "baseline": {
                    "name": "dense",
                    "stages": [],
                    "metrics": {
                      "perplexity": 3.5
                    },
                    "parameters": 100,
                    "storageBits": 1600,
                    "layers": [],
                    "searches": [],
                    "bitsPerParameter": 16.0
                  },
                  "variants": [
                    {
                      "name": "rtn-4bit",
                      "stages": [
                        "compress"
                      ],
                      "metrics": {
                        "perplexity": 3.75
                      },
                      "parameters": 64,
                      "storageBits": 320,
                      "layers": [
                        {
                          "site": "model.layers.0.mlp.up_proj",
                          "method": "rtn",
                          "level": "4bit",
                          "parameters": 64,
                          "storageBits": 320,
                          "bitsPerParameter": 5.0
                        }
                      ],
                      "searches": [
                        {
                          "stage": "search",
                          "fitness": "kl",
                          "points": [
                            {
                              "generation": 0,
                              "fitness": 0.5
                            }
                          ],
                          "allocation": [],
                          "outcome": {}
                        }
                      ],
                      "bitsPerParameter": 5.0
                    }
                  ]
                }
                """, CanonicalJson.toJson(report));
    }

    @Test
    void theSameRunGivesTheSameBytesAndReadsBack() throws Exception {
        RunReport report = SampleReports.stories();
        ReportWriter.Files first = ReportWriter.write(folder.resolve("a"), report,
                new RunTimings("2026-01-01T00:00:00Z", 12.5, List.of(new StageTiming("dense", "calibrate", 2.5))));
        ReportWriter.Files second = ReportWriter.write(folder.resolve("b"), report,
                new RunTimings("2026-02-02T00:00:00Z", 99, List.of(new StageTiming("dense", "calibrate", 9))));

        assertArrayEquals(Files.readAllBytes(first.json()), Files.readAllBytes(second.json()));
        assertFalse(Files.readString(first.timings()).equals(Files.readString(second.timings())));
        assertFalse(Files.readString(first.json()).contains("2026"));
        assertEquals(report, ReportWriter.read(folder.resolve("a")));
        try (Stream<Path> files = Files.list(folder.resolve("a"))) {
            assertEquals(List.of("report.html", "report.json", "timings.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
