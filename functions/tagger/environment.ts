/**
 * The contract between the infrastructure and the function: the environment
 * variables the central stack sets (`renderEnvironment`) and the function reads
 * (`readSettings`), their names and defaults, and the tag-key rule the config
 * schema and the function both apply. Pure, with no AWS SDK or Powertools
 * import, so synth code loads it too.
 *
 * Anything wrong in the environment is a deployment bug, so `readSettings`
 * throws at cold start (every invocation fails and lands in the DLQ) instead of
 * tagging with a wrong key or assuming a wrong role.
 */
export interface Settings {
  /** TAGGER_ROLE_NAME (required): the role the function assumes in each member account. */
  readonly roleName: string;
  /** TAGGER_ROLE_PATH: that role's IAM path. @default "/" */
  readonly rolePath: string;
  /** OWNER_TAG_KEY. @default "Owner" */
  readonly ownerTagKey: string;
  /** PRINCIPAL_ID_TAG_KEY. @default "PrincipalId" */
  readonly principalIdTagKey: string;
  /** Optional extra tags: a key turns the tag on; unset or empty leaves it off. */
  readonly extraTagKeys: ExtraTagKeys;
  /** POWERTOOLS_METRICS_NAMESPACE: the CloudWatch namespace of the metrics. @default "AutoTag" */
  readonly metricsNamespace: string;
}

export interface ExtraTagKeys {
  /** CREATED_AT_TAG_KEY: the event's `eventTime`. @default off */
  readonly createdAt?: string;
  /** CREATOR_ARN_TAG_KEY: the caller's `userIdentity.arn`. @default off */
  readonly creatorArn?: string;
  /** INVOKED_BY_TAG_KEY: the AWS service that made the call for the caller (`userIdentity.invokedBy`). @default off */
  readonly invokedBy?: string;
}

/** The variable behind each setting. */
export const VARIABLES = {
  roleName: 'TAGGER_ROLE_NAME',
  rolePath: 'TAGGER_ROLE_PATH',
  ownerTagKey: 'OWNER_TAG_KEY',
  principalIdTagKey: 'PRINCIPAL_ID_TAG_KEY',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  extraTagKeys: { createdAt: 'CREATED_AT_TAG_KEY', creatorArn: 'CREATOR_ARN_TAG_KEY', invokedBy: 'INVOKED_BY_TAG_KEY' },
} as const;

/** What an unset (or empty) variable means. */
export const DEFAULTS = { rolePath: '/', ownerTagKey: 'Owner', principalIdTagKey: 'PrincipalId', metricsNamespace: 'AutoTag' } as const;

/**
 * Read by the Powertools Logger and Metrics themselves, not by `readSettings`:
 * the service name is the `service` field of every log line and the `service`
 * dimension of every metric (dashboards and alarms name it).
 */
export const POWERTOOLS = { POWERTOOLS_SERVICE_NAME: 'auto-tag', POWERTOOLS_LOG_LEVEL: 'INFO' } as const;
export const SERVICE_NAME = POWERTOOLS.POWERTOOLS_SERVICE_NAME;

type Env = Readonly<Record<string, string | undefined>>;

// IAM's own limits for role names and paths (the config validates role names with the same pattern).
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/([\x21-\x7e]{1,510}\/)?$/;

/**
 * The tag-key rule, for the keys the function writes and every key the config
 * names: EC2's limits (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions),
 * narrowed to the characters every AWS service accepts. Patterns rather than
 * predicates, so the config's JSON Schema carries them too.
 */
export const TAG_KEY_LENGTH = { min: 1, max: 128 } as const;
export const TAG_KEY_PATTERNS: readonly { readonly pattern: RegExp; readonly message: string }[] = [
  { pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, message: 'may only contain letters, digits, spaces and _.:/=+-@' },
  { pattern: /^(?![aA][wW][sS]:)/, message: 'must not start with "aws:" (reserved by AWS)' },
  // EC2 keeps the spaces, so "Owner " would be another key than "Owner": a policy on one misses the other.
  { pattern: /^(?!\s)(?!.*\s$)/su, message: 'must not start or end with a space' },
];

/** Why a tag key breaks the rule, or undefined when it keeps it. */
export const tagKeyProblem = (key: string): string | undefined => {
  if (key.length < TAG_KEY_LENGTH.min || key.length > TAG_KEY_LENGTH.max)
    return `must be ${TAG_KEY_LENGTH.min}-${TAG_KEY_LENGTH.max} characters`;
  return TAG_KEY_PATTERNS.find(({ pattern }) => !pattern.test(key))?.message;
};

/**
 * Two keys the tag guard cannot tell apart: IAM compares `aws:TagKeys` and
 * `aws:RequestTag/<key>` case-insensitively, so "owner" and "Owner" are one
 * protected key, and writing both in one CreateTags would lose a value.
 */
export const sameTagKey = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

// CloudWatch's limits; "AWS/" namespaces belong to AWS services.
const namespaceProblem = (namespace: string): string | undefined =>
  /^[\x20-\x7e]{1,255}$/.test(namespace) && !namespace.startsWith('AWS/')
    ? undefined
    : 'must be 1-255 printable ASCII characters, not starting with "AWS/"';

const matches =
  (pattern: RegExp, message: string) =>
  (value: string): string | undefined =>
    pattern.test(value) ? undefined : message;

const invalid = (name: string, value: string | undefined, problem?: string): Error =>
  new Error(`${name} is ${value === undefined ? 'not set' : `invalid: ${JSON.stringify(value)} (${problem})`}`);

const setting = (env: Env, name: string, fallback: string | undefined, check: (value: string) => string | undefined): string => {
  const value = env[name] || fallback;
  if (value === undefined) throw invalid(name, value);
  const problem = check(value);
  if (problem !== undefined) throw invalid(name, value, problem);
  return value;
};

/** A tag that is off unless its variable names a key. */
const optionalTagKey = (env: Env, name: string): string | undefined =>
  env[name] ? setting(env, name, undefined, tagKeyProblem) : undefined;

export const readSettings = (env: Env): Settings => {
  const settings: Settings = {
    roleName: setting(env, VARIABLES.roleName, undefined, matches(IAM_ROLE_NAME, 'must be an IAM role name')),
    rolePath: setting(env, VARIABLES.rolePath, DEFAULTS.rolePath, matches(ROLE_PATH, 'must be an IAM path: "/" or "/a/.../"')),
    ownerTagKey: setting(env, VARIABLES.ownerTagKey, DEFAULTS.ownerTagKey, tagKeyProblem),
    principalIdTagKey: setting(env, VARIABLES.principalIdTagKey, DEFAULTS.principalIdTagKey, tagKeyProblem),
    extraTagKeys: {
      createdAt: optionalTagKey(env, VARIABLES.extraTagKeys.createdAt),
      creatorArn: optionalTagKey(env, VARIABLES.extraTagKeys.creatorArn),
      invokedBy: optionalTagKey(env, VARIABLES.extraTagKeys.invokedBy),
    },
    metricsNamespace: setting(env, VARIABLES.metricsNamespace, DEFAULTS.metricsNamespace, namespaceProblem),
  };
  const keys = tagKeys(settings);
  const repeated = keys.find((key, index) => keys.findIndex((other) => sameTagKey(key, other)) !== index);
  if (repeated !== undefined) {
    throw new Error(
      `tag key ${JSON.stringify(repeated)} is configured twice: OWNER_TAG_KEY, PRINCIPAL_ID_TAG_KEY and the extra tag keys must differ (ignoring case)`,
    );
  }
  return settings;
};

/**
 * The environment that makes `readSettings` return `settings`, with the
 * Powertools variables beside it. Every variable is set, an extra tag that is
 * off as an empty value, so the deployed function shows its whole contract.
 */
export const renderEnvironment = (settings: Settings): Record<string, string> => ({
  [VARIABLES.roleName]: settings.roleName,
  [VARIABLES.rolePath]: settings.rolePath,
  [VARIABLES.ownerTagKey]: settings.ownerTagKey,
  [VARIABLES.principalIdTagKey]: settings.principalIdTagKey,
  [VARIABLES.extraTagKeys.createdAt]: settings.extraTagKeys.createdAt ?? '',
  [VARIABLES.extraTagKeys.creatorArn]: settings.extraTagKeys.creatorArn ?? '',
  [VARIABLES.extraTagKeys.invokedBy]: settings.extraTagKeys.invokedBy ?? '',
  [VARIABLES.metricsNamespace]: settings.metricsNamespace,
  ...POWERTOOLS,
});

/** Every tag key the function writes. */
export const tagKeys = (settings: Pick<Settings, 'ownerTagKey' | 'principalIdTagKey' | 'extraTagKeys'>): string[] => [
  settings.ownerTagKey,
  settings.principalIdTagKey,
  ...Object.values(settings.extraTagKeys).filter((key): key is string => key !== undefined),
];
