import {
  checkCentralBus,
  checkDeadLetterQueue,
  checkDeadLetterQueueEmpty,
  checkForwarding,
  checkFunction,
  checkTaggerRole,
  checkTrail,
  PASS,
  type ExpectedRule,
  type QueueInfo,
  type RuleInfo,
  type TrailInfo,
} from '../../../commands/verify/checks';

const found = <T>(value: T) => ({ found: value });
const missing = { missing: true } as const;
const unreadable = { unreadable: 'AccessDenied: not authorized' };

describe('checkTrail', () => {
  const trail: TrailInfo = { name: 'org', homeRegion: 'eu-west-1', isOrganizationTrail: true, isMultiRegionTrail: true, isLogging: true };

  describe('the trail auto-tag creates', () => {
    it('passes when it is an organization trail, multi-region and logging', () => {
      expect(checkTrail(found([trail]), 'us-east-1', 'org')).toEqual(PASS);
    });

    it.each([
      [{ isLogging: false }, 'trail org is not logging'],
      [{ isLogging: 'AccessDeniedException: no' }, 'cannot read the status of trail org: AccessDeniedException: no'],
      [{ isMultiRegionTrail: false }, 'trail org is not multi-region (it records eu-west-1 only)'],
      [{ isOrganizationTrail: false }, 'trail org is not an organization trail (it records its own account only)'],
    ])('fails when %j: %s', (change, reason) => {
      expect(checkTrail(found([{ ...trail, ...change }]), 'eu-west-1', 'org')).toEqual({ status: 'fail', reason });
    });

    it('fails when it is not there or cannot be read', () => {
      expect(checkTrail(found([{ ...trail, name: 'other' }]), 'eu-west-1', 'org')).toEqual({
        status: 'fail',
        reason: 'trail org not found in the management account',
      });
      expect(checkTrail(unreadable, 'eu-west-1', 'org')).toEqual({
        status: 'fail',
        reason: "cannot read the management account's trails: AccessDenied: not authorized",
      });
    });
  });

  describe('an existing trail (orgTrail.create false)', () => {
    it('passes when any logging organization trail covers the region, a single-region one included', () => {
      const single = { ...trail, name: 'eu', isMultiRegionTrail: false };
      expect(checkTrail(found([single]), 'eu-west-1', undefined)).toEqual(PASS);
      expect(checkTrail(found([{ ...trail, name: 'off', isLogging: false }, trail]), 'us-east-1', undefined)).toEqual(PASS);
    });

    it('fails, saying what each trail lacks, when none does', () => {
      const single = { ...trail, name: 'eu', isMultiRegionTrail: false };
      expect(checkTrail(found([single, { ...trail, name: 'own', isOrganizationTrail: false }]), 'us-east-1', undefined)).toEqual({
        status: 'fail',
        reason:
          'no logging organization trail records us-east-1: trail eu records eu-west-1 only; trail own is not an organization trail (it records its own account only)',
      });
      expect(checkTrail(found([]), 'us-east-1', undefined)).toEqual({ status: 'fail', reason: 'the management account has no trail' });
    });
  });
});

const pattern = { source: ['aws.ec2'], detail: { eventName: ['CreateVolume', 'RunInstances'] } };
const BUS = 'arn:aws:events:eu-west-1:222222222222:event-bus/auto-tag';
const ROLE = 'arn:aws:iam::333333333333:role/auto-tag-forwarder-eu-west-1';

describe('checkForwarding', () => {
  const FWD_DLQ = 'arn:aws:sqs:eu-west-1:333333333333:auto-tag-forward-dlq';
  const expected: ExpectedRule = { label: 'rule fwd', pattern, targetArn: BUS, roleArn: ROLE, deadLetterArn: FWD_DLQ };
  const rule: RuleInfo = {
    state: 'ENABLED',
    eventPattern: JSON.stringify(pattern),
    targets: [{ arn: BUS, roleArn: ROLE, deadLetterArn: FWD_DLQ }],
  };

  it("passes when enabled, with the catalogue's pattern, targeting the central bus with its role", () => {
    expect(checkForwarding(found(rule), expected)).toEqual(PASS);
  });

  it.each([
    ['disabled', { state: 'DISABLED' }, 'rule fwd is DISABLED'],
    [
      'another pattern',
      { eventPattern: JSON.stringify({ ...pattern, detail: { eventName: ['RunInstances'] } }) },
      `its pattern is not the catalogue's: detail.eventName lacks "CreateVolume"`,
    ],
    ['a pattern that is not JSON', { eventPattern: 'nope' }, 'its event pattern is not JSON'],
    ['no pattern', { eventPattern: undefined }, 'it has no event pattern'],
    [
      'retargeted',
      { targets: [{ arn: 'arn:aws:events:eu-west-1:999999999999:event-bus/x', roleArn: ROLE }] },
      `it targets arn:aws:events:eu-west-1:999999999999:event-bus/x instead of ${BUS}`,
    ],
    ['no target', { targets: [] }, `it has no target (expected ${BUS})`],
    [
      'another role',
      { targets: [{ arn: BUS, roleArn: 'arn:aws:iam::333333333333:role/x', deadLetterArn: FWD_DLQ }] },
      `its target uses role arn:aws:iam::333333333333:role/x instead of ${ROLE}`,
    ],
    ['no role', { targets: [{ arn: BUS, deadLetterArn: FWD_DLQ }] }, `its target uses no role instead of ${ROLE}`],
    [
      'no dead-letter queue',
      { targets: [{ arn: BUS, roleArn: ROLE }] },
      `its target parks failures in no dead-letter queue instead of ${FWD_DLQ}`,
    ],
  ])('fails when %s', (_, change, reason) => {
    expect(checkForwarding(found({ ...rule, ...change }), expected)).toEqual({ status: 'fail', reason });
  });

  it('says every problem at once', () => {
    expect(checkForwarding(found({ ...rule, state: 'DISABLED', targets: [] }), expected).reason).toBe(
      `rule fwd is DISABLED; it has no target (expected ${BUS})`,
    );
  });

  it('fails when the rule is not there or cannot be read', () => {
    expect(checkForwarding(missing, expected)).toEqual({ status: 'fail', reason: 'rule fwd not found' });
    expect(checkForwarding(unreadable, expected)).toEqual({ status: 'fail', reason: 'cannot read rule fwd: AccessDenied: not authorized' });
  });
});

describe('checkTaggerRole', () => {
  const FUNCTION_ROLE = 'arn:aws:iam::222222222222:role/auto-tag-tagger-function';
  const SWEEP_ROLE = 'arn:aws:iam::222222222222:role/auto-tag-reconcile-function';
  const expected = { roleName: 'auto-tag-tagger', functionRoleArn: FUNCTION_ROLE, alsoTrusted: [SWEEP_ROLE] };
  const trust = (...statements: object[]) => found({ trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
  const allow = (principal: unknown, action: unknown = 'sts:AssumeRole') => ({ Effect: 'Allow', Principal: principal, Action: action });

  it("passes when only the central function's role may assume it, conditions and Deny statements aside", () => {
    expect(
      checkTaggerRole(trust({ ...allow({ AWS: FUNCTION_ROLE }), Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }), expected),
    ).toEqual(PASS);
    expect(
      checkTaggerRole(trust(allow({ AWS: [FUNCTION_ROLE] }), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }), expected),
    ).toEqual(PASS);
    // The reconcile sweep's role may be trusted too, never alone.
    expect(checkTaggerRole(trust(allow({ AWS: [FUNCTION_ROLE, SWEEP_ROLE] })), expected)).toEqual(PASS);
    expect(checkTaggerRole(trust(allow({ AWS: SWEEP_ROLE })), expected)).toEqual({
      status: 'fail',
      reason: `it does not trust the central function's role ${FUNCTION_ROLE}`,
    });
    // Statements granting something else than assuming the role do not make anyone a tagger.
    expect(
      checkTaggerRole(trust(allow({ AWS: FUNCTION_ROLE }), allow({ AWS: 'arn:aws:iam::1:root' }, 'sts:TagSession')), expected),
    ).toEqual(PASS);
  });

  it('reads the URL-encoded document IAM returns', () => {
    const encoded = encodeURIComponent(JSON.stringify({ Statement: [allow({ AWS: FUNCTION_ROLE })] }));
    expect(checkTaggerRole(found({ trustPolicy: encoded }), expected)).toEqual(PASS);
  });

  it.each([
    ['anyone', allow('*'), 'it also trusts anyone (*)'],
    ['anyone in AWS', allow({ AWS: '*' }), 'it also trusts anyone (*)'],
    ['another account', allow({ AWS: 'arn:aws:iam::999999999999:root' }, 'sts:*'), 'it also trusts arn:aws:iam::999999999999:root'],
    ['a service', allow({ Service: 'ec2.amazonaws.com' }, ['sts:AssumeRole']), 'it also trusts service ec2.amazonaws.com'],
    [
      'a web identity',
      allow({ Federated: 'accounts.google.com' }, 'sts:AssumeRoleWithWebIdentity'),
      'it also trusts federated accounts.google.com',
    ],
    [
      'everyone but a list',
      { Effect: 'Allow', NotPrincipal: { AWS: FUNCTION_ROLE }, Action: '*' },
      'it trusts everyone but a list (NotPrincipal)',
    ],
  ])('fails when it also trusts %s', (_, statement, reason) => {
    expect(checkTaggerRole(trust(allow({ AWS: FUNCTION_ROLE }), statement), expected)).toEqual({ status: 'fail', reason });
  });

  it("fails when the function's role is not trusted, naming a deleted role's id as such", () => {
    expect(checkTaggerRole(trust(allow({ AWS: 'AROAEXAMPLEID12345678' })), expected)).toEqual({
      status: 'fail',
      reason: `it trusts AROAEXAMPLEID12345678, the id IAM shows for a deleted role (redeploy the member stack); it does not trust the central function's role ${FUNCTION_ROLE}`,
    });
    expect(checkTaggerRole(trust(), expected)).toEqual({
      status: 'fail',
      reason: `it does not trust the central function's role ${FUNCTION_ROLE}`,
    });
  });

  it('fails when the role is not there, cannot be read, or its policy is not JSON', () => {
    expect(checkTaggerRole(missing, expected)).toEqual({ status: 'fail', reason: 'role auto-tag-tagger not found' });
    expect(checkTaggerRole(unreadable, expected)).toEqual({
      status: 'fail',
      reason: 'cannot read role auto-tag-tagger: AccessDenied: not authorized',
    });
    expect(checkTaggerRole(found({ trustPolicy: '{nope' }), expected)).toEqual({
      status: 'fail',
      reason: 'the trust policy of role auto-tag-tagger is not JSON',
    });
  });
});

describe('checkCentralBus', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'S', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: BUS }],
  };
  const expected = { busName: 'auto-tag', policy };

  it('passes with the synthesized policy, however AWS lists its one-item lists', () => {
    const asStored = {
      Version: '2012-10-17',
      Statement: { Sid: 'S', Effect: 'Allow', Principal: '*', Action: ['events:PutEvents'], Resource: BUS },
    };
    expect(checkCentralBus(found({ policy: JSON.stringify(asStored) }), expected)).toEqual(PASS);
  });

  it('fails without a policy, with another one, or one that is not JSON', () => {
    expect(checkCentralBus(found({}), expected)).toEqual({
      status: 'fail',
      reason: 'central bus auto-tag has no policy: no member can put events on it',
    });
    const changed = { ...policy, Statement: [{ ...policy.Statement[0], Action: 'events:*' }] };
    expect(checkCentralBus(found({ policy: JSON.stringify(changed) }), expected)).toEqual({
      status: 'fail',
      reason: 'the policy of central bus auto-tag is not the synthesized one: Statement.Action is "events:*" instead of "events:PutEvents"',
    });
    expect(checkCentralBus(found({ policy: 'x' }), expected)).toEqual({
      status: 'fail',
      reason: 'the policy of central bus auto-tag is not JSON',
    });
  });

  it('fails when the bus is not there', () => {
    expect(checkCentralBus(missing, expected)).toEqual({ status: 'fail', reason: 'central bus auto-tag not found' });
  });
});

const ALIAS = 'arn:aws:lambda:eu-west-1:222222222222:function:auto-tag-tagger:PROD';
const QUEUE = 'arn:aws:sqs:eu-west-1:222222222222:auto-tag-tagger-dlq';
const centralRule: RuleInfo = { state: 'ENABLED', eventPattern: JSON.stringify(pattern), targets: [{ arn: ALIAS, deadLetterArn: QUEUE }] };

describe('checkFunction', () => {
  const expected = { rule: { label: 'central rule r', pattern, targetArn: ALIAS }, aliasLabel: 'alias PROD of f' };

  it('passes when the enabled central rule targets the PROD alias of a published version', () => {
    expect(checkFunction(found(centralRule), found({ functionVersion: '3' }), expected)).toEqual(PASS);
  });

  it('fails when the alias is missing or on $LATEST, or the rule is off or elsewhere', () => {
    expect(checkFunction(found(centralRule), missing, expected)).toEqual({ status: 'fail', reason: 'alias PROD of f not found' });
    expect(checkFunction(found(centralRule), found({ functionVersion: '$LATEST' }), expected)).toEqual({
      status: 'fail',
      reason: 'alias PROD of f points at $LATEST, not a published version',
    });
    expect(checkFunction(found({ ...centralRule, state: 'DISABLED' }), found({ functionVersion: '3' }), expected)).toEqual({
      status: 'fail',
      reason: 'central rule r is DISABLED',
    });
    expect(checkFunction(missing, unreadable, expected)).toEqual({
      status: 'fail',
      reason: 'cannot read alias PROD of f: AccessDenied: not authorized; central rule r not found',
    });
  });
});

describe('checkDeadLetterQueue', () => {
  const queue: QueueInfo = { arn: QUEUE, visible: 0, inFlight: 0, delayed: 0 };
  const expected = { queueName: 'auto-tag-tagger-dlq', aliasArn: ALIAS };
  const onFailure = found({ destination: QUEUE });

  it("passes when the queue is both the central rule's dead-letter queue and the function's on-failure destination", () => {
    expect(checkDeadLetterQueue(found(queue), found(centralRule), onFailure, expected)).toEqual(PASS);
  });

  it('fails when the queue is not there, or either path ends elsewhere', () => {
    expect(checkDeadLetterQueue(missing, found(centralRule), onFailure, expected)).toEqual({
      status: 'fail',
      reason: 'queue auto-tag-tagger-dlq not found',
    });
    expect(checkDeadLetterQueue(found(queue), found({ ...centralRule, targets: [{ arn: ALIAS }] }), onFailure, expected)).toEqual({
      status: 'fail',
      reason: `the central rule's target parks failures in no queue instead of ${QUEUE}`,
    });
    expect(
      checkDeadLetterQueue(found(queue), found(centralRule), found({ destination: 'arn:aws:sqs:eu-west-1:222222222222:other' }), expected),
    ).toEqual({
      status: 'fail',
      reason: `the function's on-failure destination is arn:aws:sqs:eu-west-1:222222222222:other instead of ${QUEUE}`,
    });
    expect(checkDeadLetterQueue(found(queue), found(centralRule), found({}), expected).reason).toBe(
      `the function's on-failure destination is none instead of ${QUEUE}`,
    );
    expect(checkDeadLetterQueue(found(queue), found(centralRule), missing, expected).reason).toBe(
      "the function has no asynchronous invoke config: what fails Lambda's retries is dropped",
    );
    expect(checkDeadLetterQueue(found(queue), found(centralRule), unreadable, expected).reason).toBe(
      "cannot read the function's on-failure destination: AccessDenied: not authorized",
    );
  });

  it('leaves a missing rule or target to the function check', () => {
    expect(checkDeadLetterQueue(found(queue), missing, onFailure, expected)).toEqual(PASS);
    expect(checkDeadLetterQueue(found(queue), found({ ...centralRule, targets: [] }), onFailure, expected)).toEqual(PASS);
  });
});

describe('checkDeadLetterQueueEmpty', () => {
  const queue: QueueInfo = { arn: QUEUE, visible: 0, inFlight: 0, delayed: 0 };

  it('passes when nothing waits, is handled or is delayed', () => {
    expect(checkDeadLetterQueueEmpty(found(queue), 'the queue', 'replay it')).toEqual(PASS);
  });

  it('fails with the counts and the replay command otherwise', () => {
    expect(checkDeadLetterQueueEmpty(found({ ...queue, visible: 1 }), 'the queue', 'replay it')).toEqual({
      status: 'fail',
      reason: '1 message in the queue (1 waiting): replay it',
    });
    expect(checkDeadLetterQueueEmpty(found({ ...queue, visible: 2, inFlight: 1, delayed: 3 }), 'the queue', 'replay it').reason).toBe(
      '6 messages in the queue (2 waiting, 1 being handled, 3 delayed): replay it',
    );
  });

  it('is skipped when there is no queue to read (the dlq check fails then)', () => {
    expect(checkDeadLetterQueueEmpty(missing, 'the queue', 'replay it')).toEqual({ status: 'skip', reason: 'no queue to read' });
  });
});
