/** The merged view of the config and credentials files that profile, endpoint and SSO code read. */
import { freeze, parseProfileFile, parseSubProperties, type ParsedProfileFile, type Properties } from './parse.js';

/** Per service id (lower-case, e.g. `sts`), its sub-properties (e.g. `endpoint_url`). */
export type ServicesSection = Readonly<Record<string, Properties>>;

export interface SharedConfig {
  /** Config-file and credentials-file properties of one profile; credentials-file keys win, key by key. */
  profile(name: string): Properties | undefined;
  credentialsProfile(name: string): Properties | undefined;
  configProfile(name: string): Properties | undefined;
  /** `[sso-session NAME]` of the config file. */
  ssoSession(name: string): Properties | undefined;
  /** `[services NAME]` of the config file: only keys written as sub-property blocks (`sts =` + indented lines). */
  services(name: string): ServicesSection | undefined;
  /** Every profile name of either file, config file first, each once. */
  profileNames(): string[];
}

/** An absent file: no sections. */
const EMPTY = parseProfileFile('', 'config');

/** Pure: combines two parsed files (either may be absent). */
export function sharedConfigFrom(config: ParsedProfileFile = EMPTY, credentials: ParsedProfileFile = EMPTY): SharedConfig {
  const merged = new Map(config.profiles);
  for (const [name, properties] of credentials.profiles) {
    const base = merged.get(name);
    merged.set(name, base ? freeze([...Object.entries(base), ...Object.entries(properties)]) : properties);
  }
  const services = new Map(
    [...config.services].map(([name, section]) => [
      name,
      freeze(Object.entries(section).flatMap(([service, value]) => {
        const sub = parseSubProperties(value);
        return sub ? [[service, sub] as const] : [];
      })),
    ]),
  );
  return Object.freeze({
    profile: (name: string) => merged.get(name),
    credentialsProfile: (name: string) => credentials.profiles.get(name),
    configProfile: (name: string) => config.profiles.get(name),
    ssoSession: (name: string) => config.ssoSessions.get(name),
    services: (name: string) => services.get(name),
    profileNames: () => [...merged.keys()],
  });
}
