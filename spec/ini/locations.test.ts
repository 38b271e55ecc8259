/** lib/ini/locations.ts: home directory order, ~ expansion, empty variables disabling a file, options. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandHome, homeDirectory, sharedFileLocations } from '../../lib/ini/locations.js';

const noOsHome = (): string => assert.fail('os.homedir() must not be consulted');

test('home directory: HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then the OS; empty values count as unset', () => {
  assert.equal(homeDirectory({ HOME: '/h', USERPROFILE: '/u' }, 'linux', noOsHome), '/h');
  assert.equal(homeDirectory({ HOME: '', USERPROFILE: 'C:\\Users\\u' }, 'win32', noOsHome), 'C:\\Users\\u');
  assert.equal(homeDirectory({ HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\u' }, 'win32', noOsHome), 'D:\\Users\\u');
  assert.equal(homeDirectory({ HOMEDRIVE: '', HOMEPATH: 'Users\\u' }, 'win32', noOsHome), 'C:\\Users\\u');
  assert.equal(homeDirectory({ HOMEPATH: 'home' }, 'linux', noOsHome), 'C:/home');
  assert.equal(homeDirectory({ HOME: '', USERPROFILE: '', HOMEPATH: '' }, 'linux', () => '/from/os'), '/from/os');
});

test('default locations are ~/.aws/config and ~/.aws/credentials, named by their variables', () => {
  const posix = sharedFileLocations({ HOME: '/home/u' }, 'darwin', noOsHome);
  assert.deepEqual(posix, {
    config: { path: '/home/u/.aws/config', field: 'AWS_CONFIG_FILE' },
    credentials: { path: '/home/u/.aws/credentials', field: 'AWS_SHARED_CREDENTIALS_FILE' },
  });
  const windows = sharedFileLocations({}, 'win32', () => 'C:\\Users\\u');
  assert.equal(windows.config?.path, 'C:\\Users\\u\\.aws\\config');
  assert.equal(windows.credentials?.path, 'C:\\Users\\u\\.aws\\credentials');
});

test('an empty AWS_SHARED_CREDENTIALS_FILE or AWS_CONFIG_FILE disables that file only', () => {
  const noCredentials = sharedFileLocations({ HOME: '/h', AWS_SHARED_CREDENTIALS_FILE: '' }, 'linux', noOsHome);
  assert.equal(noCredentials.credentials, undefined);
  assert.equal(noCredentials.config?.path, '/h/.aws/config');
  const noConfig = sharedFileLocations({ HOME: '/h', AWS_CONFIG_FILE: '' }, 'linux', noOsHome);
  assert.equal(noConfig.config, undefined);
  assert.equal(noConfig.credentials?.path, '/h/.aws/credentials');
});

test('variables override the defaults, with ~/ expanded (and ~\\ on Windows only)', () => {
  const linux = sharedFileLocations({ HOME: '/h', AWS_CONFIG_FILE: '~/cfg/config', AWS_SHARED_CREDENTIALS_FILE: '~\\creds' }, 'linux', noOsHome);
  assert.deepEqual(linux.config, { path: '/h/cfg/config', field: 'AWS_CONFIG_FILE' });
  assert.deepEqual(linux.credentials, { path: '~\\creds', field: 'AWS_SHARED_CREDENTIALS_FILE' });
  const windows = sharedFileLocations({ USERPROFILE: 'C:\\Users\\u', AWS_CONFIG_FILE: '~\\cfg\\config', AWS_SHARED_CREDENTIALS_FILE: '~/creds' }, 'win32', noOsHome);
  assert.equal(windows.config?.path, 'C:\\Users\\u\\cfg\\config');
  assert.equal(windows.credentials?.path, 'C:\\Users\\u\\creds');
});

test('only a leading ~/ is expanded: not ~user, not a ~ elsewhere, not $VARS', () => {
  const home = (): string => '/h';
  assert.equal(expandHome('~alice/config', 'linux', home), '~alice/config');
  assert.equal(expandHome('/a/~/b', 'linux', home), '/a/~/b');
  assert.equal(expandHome('$HOME/config', 'linux', home), '$HOME/config');
  assert.equal(expandHome('~', 'linux', home), '~');
  assert.equal(expandHome('~/', 'linux', home), '/h');
});

test('the home directory is not looked up when no path needs it', () => {
  const locations = sharedFileLocations({ AWS_CONFIG_FILE: '/etc/aws/config', AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/credentials' }, 'linux', noOsHome);
  assert.equal(locations.config?.path, '/etc/aws/config');
  assert.equal(locations.credentials?.path, '/etc/aws/credentials');
});

test('the home directory is looked up at most once', () => {
  let calls = 0;
  const locations = sharedFileLocations({}, 'linux', () => (calls++, '/os'));
  assert.equal(locations.credentials?.path, '/os/.aws/credentials');
  assert.equal(calls, 1);
});

test('filepath and configFilepath options beat the variables, expand ~/, and an empty option counts as not given', () => {
  const env = { HOME: '/h', AWS_CONFIG_FILE: '/env/config', AWS_SHARED_CREDENTIALS_FILE: '' };
  const explicit = sharedFileLocations(env, 'linux', noOsHome, { filepath: '~/my/credentials', configFilepath: '/opt/config' });
  assert.deepEqual(explicit.credentials, { path: '/h/my/credentials', field: 'filepath' });
  assert.deepEqual(explicit.config, { path: '/opt/config', field: 'configFilepath' });
  const empty = sharedFileLocations(env, 'linux', noOsHome, { filepath: '', configFilepath: undefined });
  assert.equal(empty.credentials, undefined);
  assert.deepEqual(empty.config, { path: '/env/config', field: 'AWS_CONFIG_FILE' });
});
