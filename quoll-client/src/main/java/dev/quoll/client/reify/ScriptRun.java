package dev.quoll.client.reify;

/**
 * One lifecycle script that ran.
 *
 * @param location the package's location
 * @param event {@code preinstall}, {@code install} or {@code postinstall}
 * @param command the script text
 * @param exitCode the shell's exit code (0 on success)
 * @param output stdout and stderr interleaved
 */
public record ScriptRun(
    String location, String event, String command, int exitCode, String output) {}
