/** Pure command-line parsing for the `mongodb-aws-auth` CLI. */
import { MongoAwsConfigError } from '../errors.js';

export type CliCommand =
  | { readonly command: 'credentials'; readonly json: boolean; readonly profile?: string }
  | { readonly command: 'ping'; readonly json: boolean; readonly uri: string; readonly profile?: string; readonly timeoutMs: number }
  | { readonly command: 'demo'; readonly json: boolean }
  | { readonly command: 'help' }
  | { readonly command: 'version' };

export const USAGE = `Usage:
  mongodb-aws-auth credentials [--profile NAME] [--json]   show where AWS credentials come from (never the secret)
  mongodb-aws-auth ping <uri> [--profile NAME] [--timeout MS] [--json]
                                                           authenticate with MONGODB-AWS and run ping
  mongodb-aws-auth demo [--json]                           authenticate against the embedded emulator through every source
  mongodb-aws-auth --help | --version`;

const DEFAULT_TIMEOUT_MS = 10_000;

function usageError(message: string): MongoAwsConfigError {
  return new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${message} (see --help)`, { field: 'argv' });
}

export function parseArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  let json = false;
  let profile: string | undefined;
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let timeoutGiven = false;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--profile' || arg === '--timeout') {
      const value = rest[++i];
      if (value === undefined || value === '' || value.startsWith('--')) throw usageError(`${arg} needs a value`);
      if (arg === '--profile') profile = value;
      else {
        timeoutGiven = true;
        timeoutMs = Number(value);
        if (!Number.isInteger(timeoutMs) || timeoutMs <= 0 || timeoutMs > 600_000) throw usageError('--timeout must be a whole number of milliseconds from 1 to 600000');
      }
    } else if (arg.startsWith('--')) throw usageError(`unknown option ${arg.split('=')[0]}`);
    else positional.push(arg);
  }
  const withProfile = profile === undefined ? {} : { profile };
  switch (command) {
    case 'credentials':
      if (positional.length > 0) throw usageError('credentials takes no positional argument');
      if (timeoutGiven) throw usageError('--timeout applies to ping only');
      return { command, json, ...withProfile };
    case 'ping': {
      const [uri, ...extra] = positional;
      if (uri === undefined) throw usageError('ping needs a connection string');
      if (extra.length > 0) throw usageError('ping takes one connection string');
      return { command, json, uri, timeoutMs, ...withProfile };
    }
    case 'demo':
      if (positional.length > 0 || profile !== undefined || timeoutGiven) throw usageError('demo takes only --json');
      return { command, json };
    default:
      throw usageError('unknown command');
  }
}
