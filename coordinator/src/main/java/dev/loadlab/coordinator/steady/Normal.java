package dev.loadlab.coordinator.steady;

/** The standard normal distribution's tail, for the tests' normal approximations. Stateless and thread-safe. */
public final class Normal {
    private Normal() {}

    /**
     * The complementary error function to within 1e-10 relative (checked against a reference): for {@code x < 3} from the positive-term series of
     * {@code erf}, above from its continued fraction, so no precision is lost to cancellation in the tail.
     */
    public static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 3) {
            // erf(x) = 2/sqrt(pi) exp(-x^2) sum_{k>=0} 2^k x^(2k+1) / (1*3*...*(2k+1))
            double term = x;
            double sum = x;
            for (int k = 1; k < 200 && term > sum * 1e-17; k++) {
                term *= 2 * x * x / (2 * k + 1);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated backwards
        double fraction = x;
        for (int k = 120; k >= 1; k--) {
            fraction = x + (k / 2.0) / fraction;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
    }
}
