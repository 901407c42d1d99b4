/**
 * LoadLab's command line client: {@code run}, {@code watch}, {@code compare}, {@code export}, {@code ls}, {@code
 * show}, {@code cancel}, {@code scenarios} and {@code agents}, each a picocli command over the coordinator's REST API
 * and nothing else (no cluster, no database), each a subclass of {@code ApiCommand}, which holds what they share.
 * {@link dev.loadlab.cli.CliMain} is the entry point; {@link dev.loadlab.cli.ExitCode} lists what a command's exit
 * status means, so CI can gate on a run's verdict or on a regression against a baseline.
 */
package dev.loadlab.cli;
