/**
 * `npm run reconcile -- [--config f] [--accounts a,b] [--regions r] [--dry-run] [--json|--csv] [--since <days|date>]`:
 * tags every resource of the configured accounts and regions that lacks its
 * creator tags, or whose tags disagree with its creation record, through the
 * function's own flow as the tagger role; reports every resource. Exit 1 when
 * anything failed (see functions/reconcile/README.md).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { parseSince } from '../../functions/reconcile/records';
import { LISTING_ACTIONS } from '../../functions/reconcile/permissions';
import { countActions, reconcile } from '../../functions/reconcile/reconcile';
import { wireReconcile } from '../../functions/reconcile/wiring';
import { createdResourceTypes, type Ec2ResourceType } from '../../functions/tagger/catalogue';
import { CLIENT_CONFIG } from '../../functions/tagger/credentials';
import { SERVICE_NAME } from '../../functions/tagger/environment';
import type { Config } from '../../modules/config/schema';
import { arn, homeRegion, namesFor, orgTrailBucketName, taggerSettingsFor } from '../../modules/naming';
import { CONFIG_OPTIONS, loadCommandConfig, selectTargets } from '../cli/config';
import { accountCredentials } from '../cli/credentials';
import { helpText, integerOption, listOption, parseCommandLine, UsageError, type CommandSpec } from '../cli/options';
import { progress } from '../cli/progress';
import { EXIT, runCommand } from '../cli/run';
import { renderReport, summaryLine } from './report';

const SPEC = {
  usage: 'npm run reconcile --',
  summary:
    "Finds, for every configured account and region, the resources of the catalogue's types that lack their creator tags or whose tags " +
    "disagree with their creation record (the org trail's log files in S3, else CloudTrail LookupEvents), and tags them through the " +
    "function's own flow as the tagger role. A resource without a record is reported, never guessed. Runs as the reconcile sweep's role, " +
    "assumed through the central account's deploy role. Safe to re-run: a second run changes nothing. Exit 0 when nothing failed, 1 otherwise.",
  options: {
    ...CONFIG_OPTIONS,
    'dry-run': { type: 'boolean', description: 'report what would be tagged; write nothing' },
    json: { type: 'boolean', description: 'print the rows as JSON instead of the table' },
    csv: { type: 'boolean', description: 'print the rows as CSV (RFC 4180) instead of the table' },
    since: {
      type: 'string',
      value: 'days|date',
      description: 'read creation records from this many days back, or from this date (default: reconcile.lookbackDays of the config, 90)',
    },
    types: {
      type: 'string',
      value: 'types',
      description: 'only these resource types, comma-separated (default: every type of the catalogue)',
    },
    'lookup-events': {
      type: 'boolean',
      description:
        "read CloudTrail LookupEvents only, not the trail's bucket (a bucket the sweep role cannot read, or a cross-check; 90 days)",
    },
    'as-caller': { type: 'boolean', description: "use the caller's credentials as the sweep role would be used (already running as it)" },
    concurrency: { type: 'string', value: 'n', description: 'account-region pairs worked on at once (default: 4)' },
  },
} as const satisfies CommandSpec;

const DAY_MS = 86_400_000;

const resourceTypes = (value: string | undefined): Ec2ResourceType[] => {
  if (value === undefined) return createdResourceTypes();
  return listOption('types', value).map((type) => {
    if (!Object.hasOwn(LISTING_ACTIONS, type))
      throw new UsageError(`--types: '${type}' is not a resource type of the catalogue (${createdResourceTypes().join(', ')})`);
    return type as Ec2ResourceType;
  });
};

/** The sweep role's credentials: through the central account's deploy role, unless the caller already is it. */
const sweepCredentials = (config: Config, asCaller: boolean) => {
  if (asCaller) return undefined;
  const deployRole = accountCredentials(config, { sessionName: 'auto-tag-reconcile' })(config.centralAccountId);
  return fromTemporaryCredentials({
    masterCredentials: deployRole,
    params: { RoleArn: arn.role(config.centralAccountId, namesFor(config).sweepRole), RoleSessionName: 'auto-tag-reconcile' },
    clientConfig: { region: homeRegion(config) },
  });
};

/** Where the trail writes: `reconcile.trailBucket`, else the trail this project creates, else none (LookupEvents). */
const trailOf = (config: Config) => {
  const created = orgTrailBucketName(config);
  return (
    config.reconcile.trailBucket ??
    (created === undefined ? undefined : { name: created, region: homeRegion(config), keyPrefix: undefined })
  );
};

const main = async (argv: readonly string[]): Promise<number> => {
  const options = parseCommandLine(SPEC, argv);
  if (options === 'help') {
    console.log(helpText(SPEC));
    return EXIT.ok;
  }
  if (options.json && options.csv) throw new UsageError('--json and --csv exclude each other');
  const concurrency = options.concurrency === undefined ? 4 : integerOption('concurrency', options.concurrency, 1);
  const types = resourceTypes(options.types);
  const config = loadCommandConfig(options.config);
  const now = new Date();
  let since: Date;
  try {
    since = options.since === undefined ? new Date(now.getTime() - config.reconcile.lookbackDays * DAY_MS) : parseSince(options.since, now);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const targets = selectTargets(config, {
    accounts: options.accounts === undefined ? undefined : listOption('accounts', options.accounts),
    regions: options.regions === undefined ? undefined : listOption('regions', options.regions),
  });

  const credentials = sweepCredentials(config, options['as-caller'] === true);
  const trail = options['lookup-events'] ? undefined : trailOf(config);
  const deps = wireReconcile({
    settings: taggerSettingsFor(config),
    sts: new STSClient({ ...CLIENT_CONFIG, region: homeRegion(config), ...(credentials && { credentials }) }),
    ...(trail && {
      trail: {
        s3: new S3Client({ ...CLIENT_CONFIG, region: trail.region, ...(credentials && { credentials }) }),
        bucket: trail.name,
        organizationId: config.organizationId,
        ...(trail.keyPrefix && { keyPrefix: trail.keyPrefix }),
      },
    }),
    since,
    until: now,
    // The function's log lines only when asked for (POWERTOOLS_LOG_LEVEL=INFO): they share stdout with the report.
    logger: new Logger({ serviceName: SERVICE_NAME, logLevel: (process.env.POWERTOOLS_LOG_LEVEL as never) ?? 'SILENT' }),
    // A command publishes no metrics: they would be EMF lines on stdout.
    metrics: {
      addDimension: () => undefined,
      addMetric: () => undefined,
      publishStoredMetrics: () => undefined,
      singleMetric: () => ({ addMetric: () => undefined }),
    },
  });

  const bar = progress({ total: targets.length, label: 'reconciling account-region pairs' });
  const rows = await reconcile(
    deps,
    targets.map(({ account, region }) => ({ account: account.id, region })),
    { types, dryRun: options['dry-run'] === true, concurrency, onTargetDone: () => bar.tick() },
  );
  bar.done();
  const counts = countActions(rows);
  const format = options.json ? 'json' : options.csv ? 'csv' : 'table';
  console.log(renderReport(format, config.accounts, rows, summaryLine(counts, options['dry-run'] === true)));
  return counts.failed > 0 ? EXIT.findings : EXIT.ok;
};

runCommand(main);
