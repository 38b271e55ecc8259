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

/** The variable naming each file: it overrides the default path, and it is the `field` of the file's errors. */
export const FILE_VARIABLES = { config: 'AWS_CONFIG_FILE', credentials: 'AWS_SHARED_CREDENTIALS_FILE' } as const;

const pathFor = (platform: NodeJS.Platform): typeof posix => (platform === 'win32' ? win32 : posix);

/** HOME, then USERPROFILE, then HOMEDRIVE + HOMEPATH (drive defaults to `C:`), then the OS answer, on every platform. */
export function homeDirectory(env: Env, platform: NodeJS.Platform, osHomedir: () => string): string {
  // Empty values count as unset.
  const { HOME, USERPROFILE, HOMEDRIVE, HOMEPATH } = env;
  return HOME || USERPROFILE || (HOMEPATH ? `${HOMEDRIVE || `C:${pathFor(platform).sep}`}${HOMEPATH}` : osHomedir());
}

/** Expands a leading `~/` (and `~\` on Windows) to the home directory; nothing else (no `~user`, no `$VAR`). */
export function expandHome(path: string, platform: NodeJS.Platform, home: () => string): string {
  return (platform === 'win32' ? /^~[/\\]/ : /^~\//).test(path) ? pathFor(platform).join(home(), path.slice(2)) : path;
}

/**
 * Option, else environment variable (an empty variable disables the file, as in botocore), else `~/.aws/<name>`.
 * The home directory is looked up once, and only when a path needs it.
 */
export function sharedFileLocations(env: Env, platform: NodeJS.Platform, osHomedir: () => string, options: SharedFileOptions = {}): SharedFileLocations {
  let cached: string | undefined;
  const home = (): string => (cached ??= homeDirectory(env, platform, osHomedir));
  const locate = (option: string | undefined, optionName: string, kind: keyof typeof FILE_VARIABLES): FileLocation | undefined => {
    const variable = FILE_VARIABLES[kind];
    const [path, field] = option ? [option, optionName] : [env[variable] ?? `~/.aws/${kind}`, variable];
    return path ? { path: expandHome(path, platform, home), field } : undefined;
  };
  return { config: locate(options.configFilepath, 'configFilepath', 'config'), credentials: locate(options.filepath, 'filepath', 'credentials') };
}
