package dev.loadlab.agent.gatling;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Draws an index with probability weight/sum(weights), exactly in expectation: one uniform draw in [0, sum) mapped
 * through the cumulative weights. Immutable and thread-safe (callers bring their own random source, e.g. {@code
 * ThreadLocalRandom}).
 */
final class WeightedPicker {
    private final long[] cumulative;

    WeightedPicker(List<Integer> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("weights must not be empty");
        }
        cumulative = new long[weights.size()];
        long sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            int weight = weights.get(i);
            if (weight < 1) {
                throw new IllegalArgumentException("weights[" + i + "] must be >= 1, was " + weight);
            }
            sum += weight;
            cumulative[i] = sum;
        }
    }

    int size() {
        return cumulative.length;
    }

    int pick(RandomGenerator random) {
        return indexOf(random.nextLong(cumulative[cumulative.length - 1]));
    }

    /** The index whose weight band holds {@code ticket}, for a ticket in [0, sum of weights). */
    int indexOf(long ticket) {
        int found = Arrays.binarySearch(cumulative, ticket);
        // An exact hit on a cumulative bound belongs to the next band, because bands are [previous bound, bound).
        return found >= 0 ? found + 1 : -found - 1;
    }
}
