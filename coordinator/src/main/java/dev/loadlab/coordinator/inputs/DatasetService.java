package dev.loadlab.coordinator.inputs;

import dev.loadlab.coordinator.model.DatasetCatalog;
import dev.loadlab.coordinator.model.DatasetInfo;
import dev.loadlab.coordinator.model.DatasetTable;
import dev.loadlab.coordinator.model.SavedScenario;
import dev.loadlab.coordinator.model.ScenarioCatalog;
import dev.loadlab.coordinator.model.ScenarioInputs;
import dev.loadlab.protocol.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Datasets: upload (parsed and checked whole before anything is written), list, show, delete (refused while a saved
 * scenario draws from it). Thread-safe.
 */
public final class DatasetService {
    private final DatasetCatalog datasets;
    private final ScenarioCatalog scenarios;
    private final Clock clock;

    public DatasetService(DatasetCatalog datasets, ScenarioCatalog scenarios, Clock clock) {
        this.datasets = datasets;
        this.scenarios = scenarios;
        this.clock = clock;
    }

    /**
     * Stores a dataset. {@code nameField}, {@code formatField} and {@code contentField} are where the request carried
     * each (JSON paths or query parameters), so a refusal names what the caller sent.
     */
    public Change upload(
            String name, String nameField, String format, String formatField, String content, String contentField) {
        Names.check(nameField, name);
        if (format == null) {
            throw new InvalidInputException(formatField, "is required: csv or jsonl");
        }
        String lower = format.toLowerCase(Locale.ROOT);
        if (!lower.equals(DatasetParser.CSV) && !lower.equals(DatasetParser.JSONL)) {
            throw new InvalidInputException(formatField, "must be csv or jsonl, was \"" + format + "\"");
        }
        if (content == null) {
            throw new InvalidInputException(contentField, "is required: the dataset's text");
        }
        DatasetTable table = DatasetParser.parse(name, lower, content, contentField);
        Instant now = clock.instant();
        return datasets.add(table, now)
                ? new Change.Uploaded(new DatasetInfo(
                        name, table.format(), table.columns(), table.rows().size(), table.bytes(), now, null))
                : new Change.Taken(name);
    }

    public List<DatasetInfo> list() {
        return datasets.list();
    }

    public Optional<DatasetInfo> find(String name) {
        return datasets.find(name);
    }

    public Change delete(String name) {
        List<String> users = scenarios.list().stream()
                .filter(saved -> ScenarioInputs.dataset(saved.scenario())
                        .filter(name::equals)
                        .isPresent())
                .map(SavedScenario::name)
                .toList();
        if (!users.isEmpty()) {
            return new Change.InUse(name, users);
        }
        return datasets.delete(name) ? new Change.Done(name) : new Change.Missing(name);
    }
}
