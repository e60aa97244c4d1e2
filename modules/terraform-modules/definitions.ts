/**
 * The Terraform modules, each built from the same parts as the stacks
 * (modules/stacks: addCentralGlobal, addCentralRegion, addMemberGlobal,
 * memberForwarding + forwardRegion; the OrgTrail and ReconcileSweep
 * constructs) with the module's inputs where the stacks put config values.
 *
 * One module per account role and scope: what an account needs once (IAM is
 * global) and what it needs in each region. A caller instantiates a regional
 * module once per region, with that region's provider; its region and
 * account are its provider's (data sources), so they can never disagree
 * with where it deploys.
 */
import { DEFAULTS, type Settings } from '../../functions/tagger/environment';
import { accessPolicies } from '../policies/account-access-policies';
import { arn, namesFor, type Names } from '../naming';
import { OrgTrail } from '../org-trail';
import { ReconcileSweep } from '../reconcile-sweep';
import type { SweepInput } from '../../functions/reconcile/input';
import { addCentralGlobal, addCentralRegion, type FunctionSettings } from '../stacks/central';
import { addMemberGlobal, memberForwarding } from '../stacks/member';
import { forwardRegion } from '../event-forwarding';
import { Construct } from 'constructs';
import { Fn, Lazy, Op, Token } from 'cdktf';
import { nonEmpty, type ModuleStack } from './module-stack';

/** The function bundles the modules ship (folders holding `index.js`). */
export interface ModuleBundles {
  readonly tagger: string;
  readonly reconcile: string;
}

export interface TerraformModuleDefinition {
  /** The module's folder name. */
  readonly name: string;
  /** Which account it is deployed in. */
  readonly account: 'management' | 'central' | 'member';
  /**
   * Global: once per account, with any provider of it; regional: once per
   * region, with that region's provider; home-region: once, with the
   * provider of the organization trail's region.
   */
  readonly scope: 'global' | 'regional' | 'home-region';
  /** What it holds, for its README (Markdown). */
  readonly summary: string;
  readonly build: (m: ModuleStack, bundles: ModuleBundles) => void;
}

// Inputs several modules share, each defined once.
const organizationId = (m: ModuleStack) =>
  m.input('organization_id', { field: 'organizationId', description: 'The AWS Organizations id (o-...).' }).stringValue;
const centralAccountId = (m: ModuleStack) =>
  m.input('central_account_id', {
    field: 'centralAccountId',
    description: 'The central (tooling) account: its buses receive the events, its function writes the tags.',
  }).stringValue;
const coveredRegions = (m: ModuleStack, description: string) => m.input('regions', { field: 'regions', description }).listValue;

/**
 * The names everything is created and found by, from the `name_prefix` and
 * (where the module uses it) `tagger_role_name` inputs.
 */
const moduleNames = (m: ModuleStack, { taggerRole = true } = {}): { names: Names; namePrefix: string } => {
  const namePrefix = m.input('name_prefix', {
    field: 'namePrefix',
    description: 'Prefix of every name auto-tag creates; the same in every module of the organization.',
  }).stringValue;
  const taggerRoleName = taggerRole
    ? m.input('tagger_role_name', {
        field: 'taggerRoleName',
        description: 'The role the central function assumes in every member account; the same in every module.',
      }).stringValue
    : // No input nobody reads: a module that came to use the name fails its build, naming it.
      Lazy.stringValue({
        produce: () => {
          throw new Error(`module ${m.node.id} uses the tagger role's name: give moduleNames taggerRole`);
        },
      });
  return { names: namesFor({ namePrefix, taggerRoleName }), namePrefix };
};

/** The `tag_keys` input: the keys the tagger writes, "" leaving an optional one off. */
const tagKeysInput = (m: ModuleStack) => {
  const input = m.input('tag_keys', {
    field: 'tagKeys',
    description:
      'The protected tag keys the tagger writes (and only the tagger may write): owner and principal_id, and optionally created_at, creator_arn and invoked_by ("" leaves one off). The same in the central and every member module.',
    checks: [
      {
        // The config's rule: IAM compares tag keys ignoring case.
        condition: 'length(distinct([for key in compact(values(var.tag_keys)) : lower(key)])) == length(compact(values(var.tag_keys)))',
        says: 'name each key once (ignoring case)',
      },
    ],
  });
  const key = (name: string) => m.attribute(input, name);
  return {
    owner: key('owner'),
    principalId: key('principal_id'),
    extra: { createdAt: key('created_at'), creatorArn: key('creator_arn'), invokedBy: key('invoked_by') },
  };
};

/** What the functions read from their environment, from the inputs ("" for an extra key left off: the functions read it as off). */
const taggerSettings = (names: Names, tagKeys: ReturnType<typeof tagKeysInput>): Settings => ({
  roleName: names.taggerRole,
  rolePath: DEFAULTS.rolePath,
  ownerTagKey: tagKeys.owner,
  principalIdTagKey: tagKeys.principalId,
  extraTagKeys: tagKeys.extra,
  metricsNamespace: DEFAULTS.metricsNamespace,
});

/** The alarms' topic ARN in the module's region: "" (none) stays "", and the alarms then notify nobody (topicActions). */
const alarmTopicArn = (m: ModuleStack, description: string): string => {
  const name = m.input('alarm_topic_name', { field: 'function.alarmTopicName', default: '', description }).stringValue;
  // Not `== ""`: cdktf 0.21 renders a falsy operand as `undefined`.
  return Token.asString(Fn.conditional(Op.lt(Fn.lengthOf(name), 1), '', arn.topic(m.region, m.accountId, name)));
};

export const TERRAFORM_MODULES: readonly TerraformModuleDefinition[] = [
  {
    name: 'management-trail',
    account: 'management',
    scope: 'home-region',
    summary:
      'The organization trail in the management account, in its home region (it records every region): the trail, its S3 bucket (public access blocked, versioned, KMS-encrypted, expiring) and bucket policy, and its KMS key. Leave it out where an organization trail exists already.',
    build: (m) => {
      const namePrefix = m.input('name_prefix', {
        field: 'namePrefix',
        description: 'Prefix of every name auto-tag creates (here: the default bucket name).',
      }).stringValue;
      const bucketName = m.input('bucket_name', {
        field: 'orgTrail.bucketName',
        default: '',
        description: 'The trail bucket\'s name; "" for <name_prefix>-org-trail-<management account id>.',
      }).stringValue;
      const central = centralAccountId(m);
      const trail = new OrgTrail(m, 'org-trail', {
        trailName: m.input('trail_name', { field: 'orgTrail.name', description: "The organization trail's name." }).stringValue,
        bucketName: Fn.coalesce([bucketName, `${namePrefix}-org-trail-${m.accountId}`]),
        organizationId: organizationId(m),
        managementAccountId: m.accountId,
        region: m.region,
        provider: m.provider,
        logRetentionDays: m.input('log_retention_days', {
          field: 'orgTrail.logRetentionDays',
          description: 'Days before log files (and their old versions) expire.',
        }).numberValue,
        // The reconcile sweep (central-sweep module) reads the creation records from here.
        logReader: { accountId: central, roleArn: arn.role(central, namesFor({ namePrefix, taggerRoleName: '' }).sweepRole) },
      });
      m.output('trail_arn', 'The organization trail.', trail.trail.arn);
      m.output('bucket_name', 'The bucket the trail writes to.', trail.bucket.bucket);
      m.output('kms_key_arn', 'The key that encrypts the log files.', trail.key.arn);
    },
  },
  {
    name: 'central-global',
    account: 'central',
    scope: 'global',
    summary:
      "The tagger function's execution role in the central account: its own logs and dead-letter queues in each region, and AssumeRole of the tagger role in the organization's accounts from the function's code only.",
    build: (m) => {
      const role = addCentralGlobal(m, {
        accountId: m.accountId,
        regions: coveredRegions(m, "Every region the central-regional module is deployed in (the function's logs, queues and ARNs there)."),
        organizationId: organizationId(m),
        names: moduleNames(m).names,
      });
      m.output(
        'function_role_arn',
        "The tagger function's execution role: the function_role_arn of each central-regional module.",
        role.role.arn,
      );
      m.output('function_role_name', 'Its name.', role.role.name);
    },
  },
  {
    name: 'central-regional',
    account: 'central',
    scope: 'regional',
    summary:
      "One region of the central account: the central bus every member forwards to (its policy lets only the organization's forwarding roles of this region put events), the rule on it, and the tagger function behind it (published version and PROD alias, log group, retries, dead-letter queue with its alarm). The function's code is `tagger.zip` in this folder.",
    build: (m, bundles) => {
      const { names } = moduleNames(m);
      const tagKeys = tagKeysInput(m);
      const setting = (name: string, field: string, description: string) =>
        m.input(name, { field: `function.${field}`, description }).numberValue;
      const reservedConcurrency = m.input('reserved_concurrency', {
        field: 'function.reservedConcurrency',
        default: null,
        description: 'Concurrency reserved for (and capping) the function; null leaves it to the account pool.',
      }).numberValue;
      const { bus, tagger } = addCentralRegion(m, {
        id: 'region',
        region: m.region,
        provider: m.provider,
        accountId: m.accountId,
        organizationId: organizationId(m),
        names,
        roleArn: m.input('function_role_arn', {
          type: 'string',
          description: "The function's execution role: the central-global module's function_role_arn.",
        }).stringValue,
        code: m.zip('tagger.zip', bundles.tagger),
        taggerSettings: taggerSettings(names, tagKeys),
        settings: {
          // A Terraform value, which the input's validation holds to the config's runtimes.
          runtime: m.input('runtime', { field: 'function.runtime', description: "The function's Lambda runtime." })
            .stringValue as FunctionSettings['runtime'],
          memorySize: setting('memory_size', 'memorySize', "The function's memory, in MB."),
          timeoutSeconds: setting('timeout_seconds', 'timeoutSeconds', "The function's timeout, in seconds."),
          logRetentionDays: setting('log_retention_days', 'logRetentionDays', "Days the function's logs are kept."),
          reservedConcurrency,
          maximumRetryAttempts: setting(
            'maximum_retry_attempts',
            'maximumRetryAttempts',
            "EventBridge's delivery retries before the event is parked in the dead-letter queue.",
          ),
          maximumEventAgeSeconds: setting(
            'maximum_event_age_seconds',
            'maximumEventAgeSeconds',
            'EventBridge gives up (to the dead-letter queue) after this many seconds.',
          ),
        },
        alarmTopicArn: alarmTopicArn(
          m,
          'SNS topic (in this account and region) notified by the alarms (dead-letter queue, errors, throttles); "" for none.',
        ),
      });
      m.output('bus_arn', "The central bus of this region: what members' forwarding rules target.", bus.bus.arn);
      m.output('function_arn', 'The tagger function.', tagger.function.arn);
      m.output('alias_arn', "The function's PROD alias, which the rule invokes.", tagger.alias.arn);
      m.output(
        'dead_letter_queue_url',
        'Events the tagger could not handle wait here (the alarm fires on the first).',
        tagger.deadLetterQueue.url,
      );
    },
  },
  {
    name: 'central-sweep',
    account: 'central',
    scope: 'home-region',
    summary:
      "The reconcile sweep in the central account, in the home region (the organization trail's), once: a scheduled function that reads the trail's creation records from its bucket and tags what the events missed, through the tagger role of each account; its role (which the tagger roles trust), the scheduler's role, the schedule and its alarms. The function's code is `reconcile.zip` in this folder.",
    build: (m, bundles) => {
      const { names, namePrefix } = moduleNames(m);
      const tagKeys = tagKeysInput(m);
      const organization = organizationId(m);
      const management = m.input('management_account_id', {
        field: 'managementAccountId',
        description: "The organization management account, whose trail's key encrypts the log files.",
      }).stringValue;
      const bucketName = m.input('trail_bucket_name', {
        field: 'orgTrail.bucketName',
        default: '',
        description:
          'The organization trail\'s bucket, in this region; "" for the management-trail module\'s default, <name_prefix>-org-trail-<management account id>.',
      }).stringValue;
      const bucket = Fn.coalesce([bucketName, `${namePrefix}-org-trail-${management}`]);
      const setting = (name: string, field: string, description: string) =>
        m.input(name, { field: `reconcile.${field}`, description }).numberValue;
      const sweep = new ReconcileSweep(m, 'reconcile-sweep', {
        provider: m.provider,
        accountId: m.accountId,
        region: m.region,
        organizationId: organization,
        functionName: names.sweepFunction,
        logGroupName: names.sweepLogGroup,
        roleName: names.sweepRole,
        schedulerRoleName: names.sweepSchedulerRole,
        scheduleName: names.sweepSchedule,
        deployRoleArn: arn.role(
          m.accountId,
          m.input('deploy_role_name', {
            field: 'deployRoleName',
            description: "The central account's deploy role: the reconcile command assumes the sweep role through it.",
          }).stringValue,
        ),
        code: m.zip('reconcile.zip', bundles.reconcile),
        settings: {
          tagger: taggerSettings(names, tagKeys),
          organizationId: organization,
          lookbackDays: setting('lookback_days', 'lookbackDays', 'How far back creation records are read, in days.'),
          trailBucket: bucket,
          trailBucketRegion: m.region,
        },
        trail: { bucket, trailAccountId: management, region: m.region },
        input: {
          accounts: m.input('accounts', {
            type: 'list(object({ id = string, regions = list(string) }))',
            description: "What every run sweeps: each account (the member-global modules' accounts) with the regions it covers.",
          }).listValue as unknown as SweepInput['accounts'],
        },
        schedule: m.input('schedule', {
          field: 'reconcile.schedule',
          description: 'EventBridge Scheduler expression of the sweep (UTC): rate(...) or cron(...).',
        }).stringValue,
        // A Terraform boolean: ReconcileSweep has Terraform decide the schedule's state.
        enabled: m.input('enabled', {
          field: 'reconcile.enabled',
          description: 'The off switch: false leaves the schedule disabled (the function and its role stay).',
        }).booleanValue as unknown as boolean,
        // A Terraform value, which the input's validation holds to the config's runtimes.
        runtime: m.input('runtime', { field: 'function.runtime', description: "The function's Lambda runtime." }).stringValue,
        memorySize: setting('memory_size', 'memorySize', "The function's memory, in MB."),
        timeoutSeconds: setting('timeout_seconds', 'timeoutSeconds', "The function's timeout, in seconds."),
        logRetentionDays: m.input('log_retention_days', {
          field: 'function.logRetentionDays',
          description: "Days the function's logs are kept.",
        }).numberValue,
        alarmTopicArn: alarmTopicArn(m, 'SNS topic (in this account and region) notified by the sweep\'s alarms; "" for none.'),
      });
      m.output('sweep_function_arn', 'The reconcile sweep function.', sweep.function.arn);
      m.output('sweep_role_arn', 'Its role, which every tagger role trusts.', sweep.role.role.arn);
      m.output('schedule_arn', 'The schedule that runs it.', sweep.schedule.arn);
    },
  },
  {
    name: 'member-global',
    account: 'member',
    scope: 'global',
    summary:
      "What a member account needs once: the tagger role (trusted by the central function's and the reconcile sweep's roles alone, inside the organization; it may write the protected tag keys on the resource types the supported events create, and describe what an event lacks) and the tag-based access policies with the group that carries them. Deploy it in every account whose resources are tagged, the management and central accounts included.",
    build: (m) => {
      const { names, namePrefix } = moduleNames(m);
      const tagKeys = tagKeysInput(m);
      const regions = coveredRegions(
        m,
        'The regions covered in this account (where the member-regional module is deployed): the tagger role and the access policies act there only.',
      );
      const flag = (name: string, description: string) => m.input(name, { type: 'bool', default: true, description }).booleanValue;
      const protectedKeys = nonEmpty([
        tagKeys.owner,
        tagKeys.principalId,
        tagKeys.extra.createdAt,
        tagKeys.extra.creatorArn,
        tagKeys.extra.invokedBy,
      ]);
      // An input, not the provider's account (a data source): callers order this module after the central
      // ones (depends_on, since the tagger role's trust names their roles), and Terraform defers a module's
      // data sources while anything it depends on has changes, which would show its policies as changing.
      const accountId = m.input('account_id', {
        field: 'accounts.[].id',
        description: "The member account this module is deployed in (its provider's).",
      }).stringValue;
      const { taggerRole, accessPolicies: policies } = addMemberGlobal(m, {
        accountId,
        regions,
        centralAccountId: centralAccountId(m),
        organizationId: organizationId(m),
        names,
        protectedKeys,
        policies: accessPolicies(
          { ownerOnlyEc2: true, tagGuard: true },
          { namePrefix, accountId, regions, principalIdTagKey: tagKeys.principalId, protectedKeys },
        ),
        policiesEnabledBy: {
          ownerOnlyEc2: flag(
            'owner_only_ec2',
            'TagBasedEC2RestrictionsPolicy: control (stop, terminate, connect, ...) an instance only if you launched it.',
          ),
          tagGuard: flag('tag_guard', 'Nobody but the tagger writes the protected tag keys (an identity policy for the group).'),
        },
      });
      m.output('tagger_role_arn', 'The role the central function assumes here.', taggerRole.role.arn);
      m.output('restricted_group_name', 'The group carrying the access policies: add users to opt them in.', policies.group.name);
      m.output(
        'policy_arns',
        'The access policies by selection entry (owner_only_ec2, tag_guard); null where turned off.',
        policies.policyArns,
      );
    },
  },
  {
    name: 'member-regional',
    account: 'member',
    scope: 'regional',
    summary:
      "One region of a member account: the rule on the default bus that forwards the supported CloudTrail events to the central bus of the same region, through a role of this region's own, with a dead-letter queue (and alarm) for what the central bus refuses.",
    build: (m) => {
      const { names } = moduleNames(m, { taggerRole: false });
      const forwarding = forwardRegion(
        new Construct(m, 'forwarding'),
        'region',
        m.region,
        memberForwarding({ accountId: m.accountId, centralAccountId: centralAccountId(m), names, provider: () => m.provider }),
      );
      m.output('forwarding_rule_arn', 'The forwarding rule on the default bus.', forwarding.rule.arn);
      m.output('forwarding_role_arn', 'The role the rule puts events on the central bus with.', forwarding.role.arn);
      m.output(
        'dead_letter_queue_url',
        'Events the central bus refused wait here (the alarm fires on the first).',
        forwarding.deadLetterQueue.url,
      );
    },
  },
];
