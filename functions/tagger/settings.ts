/**
 * The function's configuration, read once from the environment the
 * infrastructure side sets. Anything wrong here is a deployment bug, so it
 * throws at cold start (every invocation fails and lands in the DLQ) instead of
 * tagging with a wrong key or assuming a wrong role.
 *
 * POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL are read by the Powertools
 * Logger itself; POWERTOOLS_METRICS_NAMESPACE is read here, for its default.
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
  /** Optional extra tags: a key turns the tag on; unset or empty leaves it off. */
  readonly extraTagKeys: ExtraTagKeys;
  /** POWERTOOLS_METRICS_NAMESPACE (default "AutoTag"): the CloudWatch namespace of the metrics. */
  readonly metricsNamespace: string;
}

export interface ExtraTagKeys {
  /** CREATED_AT_TAG_KEY: the event's `eventTime`. */
  readonly createdAt?: string;
  /** CREATOR_ARN_TAG_KEY: the caller's `userIdentity.arn`. */
  readonly creatorArn?: string;
  /** INVOKED_BY_TAG_KEY: the AWS service that made the call for the caller (`userIdentity.invokedBy`). */
  readonly invokedBy?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

// IAM's own limits for role names and paths (the config validates role names with the same pattern).
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/([\x21-\x7e]{1,510}\/)?$/;

/** A tag key EC2 accepts and users cannot already own through the reserved `aws:` prefix. */
const validTagKey = (key: string): boolean => key.length >= 1 && key.length <= 128 && !/^aws:/i.test(key);

// CloudWatch's limits; "AWS/" namespaces belong to AWS services.
const validNamespace = (namespace: string): boolean => /^[\x20-\x7e]{1,255}$/.test(namespace) && !namespace.startsWith('AWS/');

const invalid = (name: string, value: string | undefined): Error =>
  new Error(`${name} is ${value === undefined ? 'not set' : `invalid: ${JSON.stringify(value)}`}`);

const setting = (env: Env, name: string, fallback: string | undefined, valid: (value: string) => boolean): string => {
  const value = env[name] || fallback;
  if (value === undefined || !valid(value)) throw invalid(name, value);
  return value;
};

/** A tag that is off unless its variable names a key. */
const optionalTagKey = (env: Env, name: string): string | undefined => {
  const value = env[name] || undefined;
  if (value !== undefined && !validTagKey(value)) throw invalid(name, value);
  return value;
};

export const readSettings = (env: Env): Settings => {
  const settings: Settings = {
    roleName: setting(env, 'TAGGER_ROLE_NAME', undefined, (name) => IAM_ROLE_NAME.test(name)),
    rolePath: setting(env, 'TAGGER_ROLE_PATH', '/', (path) => ROLE_PATH.test(path)),
    ownerTagKey: setting(env, 'OWNER_TAG_KEY', 'Owner', validTagKey),
    principalIdTagKey: setting(env, 'PRINCIPAL_ID_TAG_KEY', 'PrincipalId', validTagKey),
    extraTagKeys: {
      createdAt: optionalTagKey(env, 'CREATED_AT_TAG_KEY'),
      creatorArn: optionalTagKey(env, 'CREATOR_ARN_TAG_KEY'),
      invokedBy: optionalTagKey(env, 'INVOKED_BY_TAG_KEY'),
    },
    metricsNamespace: setting(env, 'POWERTOOLS_METRICS_NAMESPACE', 'AutoTag', validNamespace),
  };
  // One key written twice in a CreateTags call would leave only one of the values.
  const keys = tagKeys(settings);
  const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
  if (repeated !== undefined) {
    throw new Error(`tag key ${JSON.stringify(repeated)} is configured twice: OWNER_TAG_KEY, PRINCIPAL_ID_TAG_KEY and the extra tag keys must differ`);
  }
  return settings;
};

/** Every tag key the function writes. */
export const tagKeys = (settings: Pick<Settings, 'ownerTagKey' | 'principalIdTagKey' | 'extraTagKeys'>): string[] => [
  settings.ownerTagKey,
  settings.principalIdTagKey,
  ...Object.values(settings.extraTagKeys).filter((key): key is string => key !== undefined),
];
