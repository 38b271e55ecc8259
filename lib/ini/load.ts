/** Loads the shared config and credentials files through the runtime and picks the profile name. */
import type { Env, Runtime } from '../runtime.js';
import { sharedFileLocations, type FileLocation, type SharedFileOptions } from './locations.js';
import { MAX_PROFILE_FILE_SIZE, parseProfileFile, type ProfileFileKind } from './parse.js';
import { sharedConfigFrom, type SharedConfig } from './shared-config.js';

export type { ServicesSection, SharedConfig } from './shared-config.js';
export type { Properties } from './parse.js';
export type { SharedFileOptions } from './locations.js';

/** Explicit option, else AWS_DEFAULT_PROFILE, else AWS_PROFILE (botocore order), else `default`; empty = unset. */
export function selectProfileName(env: Env, explicit?: string): string {
  return explicit || env['AWS_DEFAULT_PROFILE'] || env['AWS_PROFILE'] || 'default';
}

/**
 * Reads both files (at most 1 MiB each) on every call. A missing or disabled file is empty; a file that does not
 * parse throws ERR_INVALID_PROFILE_FILE, an unreadable one ERR_FILE_READ / ERR_FILE_TOO_LARGE (`field` = the
 * option or variable naming it).
 */
export async function loadSharedConfig(runtime: Runtime, options: SharedFileOptions = {}): Promise<SharedConfig> {
  const { config, credentials } = sharedFileLocations(runtime.env(), runtime.platform, runtime.homedir, options);
  const read = async (location: FileLocation | undefined, kind: ProfileFileKind) => {
    const text = location && (await runtime.readFile(location.path, MAX_PROFILE_FILE_SIZE, location.field));
    return text === undefined ? undefined : parseProfileFile(text, kind, (location as FileLocation).field);
  };
  return sharedConfigFrom(...(await Promise.all([read(config, 'config'), read(credentials, 'credentials')])));
}
