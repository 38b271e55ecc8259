/** Cross-SDK file-location vectors (smithy-rs file-location-tests.json) against lib/ini/locations and the profile choice. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { selectProfileName } from '../../lib/ini/load.js';
import { sharedFileLocations } from '../../lib/ini/locations.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

interface LocationVector {
  readonly name: string;
  readonly environment: Record<string, string>;
  readonly platform: 'linux' | 'windows' | 'macos';
  readonly profile?: string;
  readonly configLocation: string;
  readonly credentialsLocation: string;
}

const PLATFORMS: Readonly<Record<LocationVector['platform'], NodeJS.Platform>> = { linux: 'linux', windows: 'win32', macos: 'darwin' };

function runCase(vector: LocationVector): void {
  const platform = PLATFORMS[vector.platform];
  assert.ok(platform !== undefined, `unknown platform ${vector.platform}`);
  const osHomedir = (): string => assert.fail('the OS home directory must not be consulted when the environment names one');
  const locations = sharedFileLocations(vector.environment, platform, osHomedir);
  assert.equal(locations.config?.path, vector.configLocation);
  assert.equal(locations.credentials?.path, vector.credentialsLocation);
  if (vector.profile !== undefined) assert.equal(selectProfileName(vector.environment), vector.profile);
}

export const suite: VectorSuite = {
  name: 'file-location',
  cases: async (): Promise<VectorCase[]> => {
    const path = vectorPath('aws-sdk-cross-sdk', 'aws-runtime', 'test-data', 'file-location-tests.json');
    const data = JSON.parse(await readFile(path, 'utf8')) as { tests: LocationVector[] };
    return data.tests.map((vector, index) => ({ name: `#${index + 1} ${vector.name}`, run: () => runCase(vector) }));
  },
};
