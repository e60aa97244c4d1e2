/**
 * The function's configuration, read once from the environment the
 * infrastructure side sets. Anything wrong here is a deployment bug, so it
 * throws at cold start (every invocation fails and lands in the DLQ) instead of
 * tagging with a wrong key or assuming a wrong role.
 *
 * POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL are read by the Powertools
 * Logger itself.
 */
export interface Settings {
  /** TAGGER_ROLE_NAME (required): the role the function assumes in each member account. */
  readonly roleName: string;
  /** TAGGER_ROLE_PATH (default "/"): that role's IAM path. */
  readonly rolePath: string;
  /** OWNER_TAG_KEY (default "Owner"). */
  readonly ownerTagKey: string;
  /** PRINCIPAL_ID_TAG_KEY (default "PrincipalId"). */
  readonly principalIdTagKey: string;
}

type Env = Readonly<Record<string, string | undefined>>;

// IAM's own limits for role names and paths (the config validates role names with the same pattern).
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/([\x21-\x7e]{1,510}\/)?$/;

/** A tag key EC2 accepts and users cannot already own through the reserved `aws:` prefix. */
const validTagKey = (key: string): boolean => key.length >= 1 && key.length <= 128 && !/^aws:/i.test(key);

const setting = (env: Env, name: string, fallback: string | undefined, valid: (value: string) => boolean): string => {
  const value = env[name] || fallback;
  if (value === undefined || !valid(value)) {
    throw new Error(`${name} is ${value === undefined ? 'not set' : `invalid: ${JSON.stringify(value)}`}`);
  }
  return value;
};

export const readSettings = (env: Env): Settings => {
  const settings = {
    roleName: setting(env, 'TAGGER_ROLE_NAME', undefined, (name) => IAM_ROLE_NAME.test(name)),
    rolePath: setting(env, 'TAGGER_ROLE_PATH', '/', (path) => ROLE_PATH.test(path)),
    ownerTagKey: setting(env, 'OWNER_TAG_KEY', 'Owner', validTagKey),
    principalIdTagKey: setting(env, 'PRINCIPAL_ID_TAG_KEY', 'PrincipalId', validTagKey),
  };
  if (settings.ownerTagKey === settings.principalIdTagKey) {
    throw new Error('OWNER_TAG_KEY and PRINCIPAL_ID_TAG_KEY must differ');
  }
  return settings;
};
