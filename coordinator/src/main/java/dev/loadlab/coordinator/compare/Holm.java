package dev.loadlab.coordinator.compare;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of p-values for testing many steps at once: the k-th smallest of m is multiplied by
 * (m - k + 1), kept at least as large as the one before and at most 1; rejecting where the adjusted p is below alpha
 * holds the family-wise error rate at alpha. Pure.
 */
final class Holm {
    private Holm() {}

    /** The adjusted p-values, in the order given. */
    static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * pValues[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
