package dev.loadlab.targethost.host;

import dev.loadlab.targethost.shop.ShopSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The target host's settings beyond port and workers ({@link dev.loadlab.targethost.TargetConfig}): the starting profile,
 * the control API's port and token, the profiles file and the login password. Read once by {@link #resolve} (flag, then environment
 * variable, then default). Immutable.
 *
 * @param profile the profile to start with
 * @param controlPort the control API's port (0: any free one), empty if the control API is not wanted
 * @param controlToken the bearer token every control call needs; without one the control API stays off
 * @param profilesFile a properties file of command profiles (see {@link ProfileCatalog}), if any
 * @param loginPassword the password {@code POST /login} accepts, on every profile
 */
public record HostConfig(
        String profile,
        Optional<Integer> controlPort,
        Optional<String> controlToken,
        Optional<Path> profilesFile,
        String loginPassword) {
    public static final String DEFAULT_PROFILE = "threaded";
    public static final String PROFILE_ENV = "LOADLAB_TARGET_PROFILE";
    public static final String CONTROL_PORT_ENV = "LOADLAB_CONTROL_PORT";
    public static final String CONTROL_TOKEN_ENV = "LOADLAB_CONTROL_TOKEN";
    public static final String DEFAULT_LOGIN_PASSWORD = ShopSettings.DEFAULT_LOGIN_PASSWORD;
    public static final String LOGIN_PASSWORD_ENV = ShopSettings.LOGIN_PASSWORD_ENV;

    /** Whether the control API runs: it needs a port and a token (never an open, unauthenticated control API). */
    public boolean controlEnabled() {
        return controlPort.isPresent() && controlToken.isPresent();
    }

    /**
     * The one place these settings are read; an error names the flag or variable and the bound.
     *
     * @param env the environment, passed in so that tests need not mutate the real one
     */
    public static HostConfig resolve(
            String profileFlag,
            Integer controlPortFlag,
            String controlTokenFlag,
            Path profilesFileFlag,
            String loginPasswordFlag,
            Map<String, String> env) {
        String profile = firstNonBlank(profileFlag, env.get(PROFILE_ENV)).orElse(DEFAULT_PROFILE);
        Optional<Integer> controlPort;
        if (controlPortFlag != null) {
            controlPort = Optional.of(checkPort("--control-port", controlPortFlag));
        } else {
            String raw = env.get(CONTROL_PORT_ENV);
            if (raw == null || raw.isBlank()) {
                controlPort = Optional.empty();
            } else {
                try {
                    controlPort = Optional.of(checkPort(CONTROL_PORT_ENV, Integer.parseInt(raw.strip())));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            CONTROL_PORT_ENV + " must be an integer between 0 and 65535, was '" + raw + "'");
                }
            }
        }
        Optional<String> token = firstNonBlank(controlTokenFlag, env.get(CONTROL_TOKEN_ENV));
        Optional<Path> file = profilesFileFlag != null
                ? Optional.of(profilesFileFlag)
                : firstNonBlank(null, env.get(ProfileCatalog.PROFILES_ENV)).map(Path::of);
        // Not stripped: a password is taken exactly as given (only a blank one means "not set").
        String password = loginPasswordFlag != null && !loginPasswordFlag.isBlank()
                ? loginPasswordFlag
                : env.get(LOGIN_PASSWORD_ENV) != null
                                && !env.get(LOGIN_PASSWORD_ENV).isBlank()
                        ? env.get(LOGIN_PASSWORD_ENV)
                        : DEFAULT_LOGIN_PASSWORD;
        return new HostConfig(profile, controlPort, token, file, password);
    }

    private static int checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
        return port;
    }

    private static Optional<String> firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return Optional.of(first.strip());
        }
        return second == null || second.isBlank() ? Optional.empty() : Optional.of(second.strip());
    }
}
