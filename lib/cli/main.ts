/** Entry of the `mongodb-aws-auth` command: parse, dispatch, and turn every failure into one line and an exit code. */
import { readFile } from 'node:fs/promises';
import { parseArgs, USAGE, type CliCommand } from './args.js';
import { runCredentials } from './credentials.js';
import { EXIT_OK, EXIT_USAGE, failureOf, outputOf, type CliIo, type Output } from './format.js';

export type { CliIo } from './format.js';

/** `ping` and `demo` load the wire client (and `bson`) only when they run; `credentials` never needs them. */
async function dispatch(command: Exclude<CliCommand, { command: 'help' | 'version' }>, output: Output, io: CliIo): Promise<number> {
  switch (command.command) {
    case 'credentials':
      return runCredentials(command, output, io);
    case 'ping':
      return (await import('./ping.js')).runPing(command, output, io);
    case 'demo':
      return (await import('./demo.js')).runDemo(command, output, io);
  }
}

async function version(): Promise<string> {
  // lib/cli/main.ts and dist/lib/cli/main.js sit at different depths: try both.
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const parsed: unknown = JSON.parse(await readFile(new URL(relative, import.meta.url), 'utf8'));
      const { name, version: value } = parsed as { name?: unknown; version?: unknown };
      if (name === 'mongodb-aws-auth' && typeof value === 'string') return value;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}

/**
 * Runs the CLI in-process and returns the exit code: 0 ok; 1 a MongoAwsError or a failed demo row; 2 a usage
 * error; 70 an unexpected error (only its name is printed). Errors print one line on stderr
 * (`mongodb-aws-auth: <CODE>: <message>`); with --json, `{ "ok": false, "code", "message" }` also goes to stdout.
 */
export async function main(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const output = outputOf(io);
  let command: CliCommand;
  try {
    command = parseArgs(argv);
  } catch (error) {
    // parseArgs is pure and throws only ERR_INVALID_ARGUMENT.
    output.err(failureOf(error).line);
    return EXIT_USAGE;
  }
  if (command.command === 'help') {
    output.out(USAGE);
    return EXIT_OK;
  }
  if (command.command === 'version') {
    output.out(await version());
    return EXIT_OK;
  }
  try {
    return await dispatch(command, output, io);
  } catch (error) {
    const failure = failureOf(error);
    if (command.json) output.out(JSON.stringify(failure.json));
    output.err(failure.line);
    return failure.exitCode;
  }
}
