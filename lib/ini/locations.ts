/** Where the shared config and credentials files are: home directory, environment overrides, `~` expansion. Pure. */
import { posix, win32 } from 'node:path';
import type { Env } from '../runtime.js';

export interface FileLocation {
  readonly path: string;
  /** The option or environment variable that names the file (also for the default path), for error messages. */
  readonly field: string;
}

/** `undefined` = the file is disabled (its variable is set to the empty string). */
export interface SharedFileLocations {
  readonly config: FileLocation | undefined;
  readonly credentials: FileLocation | undefined;
}

/** The `@aws-sdk` `fromIni` option names; an empty string counts as not given. */
export interface SharedFileOptions {
  readonly filepath?: string | undefined;
  readonly configFilepath?: string | undefined;
}

function set(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function pathFor(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

/** HOME, then USERPROFILE, then HOMEDRIVE + HOMEPATH (drive defaults to `C:`), then the OS answer, on every platform. */
export function homeDirectory(env: Env, platform: NodeJS.Platform, osHomedir: () => string): string {
  const home = env['HOME'];
  if (set(home)) return home;
  const profile = env['USERPROFILE'];
  if (set(profile)) return profile;
  const homePath = env['HOMEPATH'];
  if (set(homePath)) {
    const drive = env['HOMEDRIVE'];
    return `${set(drive) ? drive : `C:${pathFor(platform).sep}`}${homePath}`;
  }
  return osHomedir();
}

/** Expands a leading `~/` (and `~\` on Windows) to the home directory; nothing else (no `~user`, no `$VAR`). */
export function expandHome(path: string, platform: NodeJS.Platform, home: () => string): string {
  if (path.startsWith('~/') || (platform === 'win32' && path.startsWith('~\\'))) return pathFor(platform).join(home(), path.slice(2));
  return path;
}

/**
 * Option, else environment variable (an empty variable disables the file, as in botocore), else `~/.aws/<name>`.
 */
export function sharedFileLocations(env: Env, platform: NodeJS.Platform, osHomedir: () => string, options: SharedFileOptions = {}): SharedFileLocations {
  let cached: string | undefined;
  const home = (): string => (cached ??= homeDirectory(env, platform, osHomedir));
  const locate = (option: string | undefined, optionName: string, variable: string, name: string): FileLocation | undefined => {
    if (set(option)) return { path: expandHome(option, platform, home), field: optionName };
    const value = env[variable];
    if (value === '') return undefined;
    if (value !== undefined) return { path: expandHome(value, platform, home), field: variable };
    return { path: pathFor(platform).join(home(), '.aws', name), field: variable };
  };
  return {
    config: locate(options.configFilepath, 'configFilepath', 'AWS_CONFIG_FILE', 'config'),
    credentials: locate(options.filepath, 'filepath', 'AWS_SHARED_CREDENTIALS_FILE', 'credentials'),
  };
}
