import { STSClient, type AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { EC2ClientConfig } from '@aws-sdk/client-ec2';
import { AccountNotOnboarded, CLIENT_CONFIG, createSessions, roleArn, type AssumeRoleClient } from '../../../functions/tagger/credentials';
import { readSettings } from '../../../functions/tagger/environment';
import { stsErrorServer } from '../../support/tagger/fakes';

const settings = readSettings({ TAGGER_ROLE_NAME: 'auto-tag-tagger' });
const HOUR = 3_600_000;

/** An STS fake whose credentials expire an hour after the (fake) clock at issue time. */
const fakeSts = (clock: { now: number }, fail?: (roleArn: string) => Error | undefined) => {
  const calls: { RoleArn?: string; RoleSessionName?: string }[] = [];
  const sts: AssumeRoleClient = {
    send: async (command: AssumeRoleCommand) => {
      calls.push(command.input);
      const error = fail?.(command.input.RoleArn!);
      if (error) throw error;
      return {
        $metadata: {},
        Credentials: {
          AccessKeyId: `ASIA${calls.length}`,
          SecretAccessKey: 'secret',
          SessionToken: 'token',
          Expiration: new Date(clock.now + HOUR),
        },
      };
    },
  };
  return { sts, calls };
};

describe('roleArn', () => {
  it('builds the member role ARN from name, path and the partition of the region', () => {
    expect(roleArn(settings, '111122223333', 'eu-west-1')).toBe('arn:aws:iam::111122223333:role/auto-tag-tagger');
    const nested = readSettings({ TAGGER_ROLE_NAME: 'tagger', TAGGER_ROLE_PATH: '/platform/auto-tag/' });
    expect(roleArn(nested, '111122223333', 'cn-north-1')).toBe('arn:aws-cn:iam::111122223333:role/platform/auto-tag/tagger');
    expect(roleArn(nested, '111122223333', 'us-gov-west-1')).toBe('arn:aws-us-gov:iam::111122223333:role/platform/auto-tag/tagger');
  });
});

describe('createSessions', () => {
  it('assumes the role once per account, for every region, and keeps one EC2 client per account and region', async () => {
    const clock = { now: 0 };
    const { sts, calls } = fakeSts(clock);
    const configs: EC2ClientConfig[] = [];
    const sessions = createSessions(settings, {
      sts,
      now: () => clock.now,
      ec2Client: (config) => {
        configs.push(config);
        return { config } as never;
      },
    });

    const a1 = await sessions.ec2('111122223333', 'eu-west-1');
    const a2 = await sessions.ec2('111122223333', 'us-east-1');
    expect(await sessions.ec2('111122223333', 'eu-west-1')).toBe(a1);
    expect(a2).not.toBe(a1);
    await sessions.ec2('444455556666', 'eu-west-1');

    expect(calls).toEqual([
      { RoleArn: 'arn:aws:iam::111122223333:role/auto-tag-tagger', RoleSessionName: 'auto-tag' },
      { RoleArn: 'arn:aws:iam::444455556666:role/auto-tag-tagger', RoleSessionName: 'auto-tag' },
    ]);
    expect(configs.map((config) => config.region)).toEqual(['eu-west-1', 'us-east-1', 'eu-west-1']);
    expect(configs[0]).toMatchObject(CLIENT_CONFIG);
    expect(CLIENT_CONFIG).toMatchObject({
      retryMode: 'adaptive',
      requestHandler: { connectionTimeout: expect.any(Number), requestTimeout: expect.any(Number) },
    });
  });

  it('renews the credentials only within 5 minutes of their expiry, and hands the renewed ones to the EC2 client', async () => {
    const clock = { now: 0 };
    const { sts, calls } = fakeSts(clock);
    const configs: EC2ClientConfig[] = [];
    const sessions = createSessions(settings, { sts, now: () => clock.now, ec2Client: (config) => (configs.push(config), {} as never) });
    const credentials = async () => (configs[0].credentials as () => Promise<{ accessKeyId: string }>)();

    await sessions.ec2('111122223333', 'eu-west-1');
    clock.now = HOUR - 5 * 60_000 - 1;
    await sessions.ec2('111122223333', 'eu-west-1');
    expect(await credentials()).toMatchObject({ accessKeyId: 'ASIA1' });
    expect(calls).toHaveLength(1);

    clock.now = HOUR - 5 * 60_000;
    expect(await credentials()).toMatchObject({ accessKeyId: 'ASIA2' });
    await sessions.ec2('111122223333', 'us-east-1');
    expect(calls).toHaveLength(2);
  });

  it('shares one AssumeRole between callers asking for the same account at the same time', async () => {
    const clock = { now: 0 };
    const { sts, calls } = fakeSts(clock);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowSts: AssumeRoleClient = { send: async (command) => (await held, sts.send(command)) };
    const sessions = createSessions(settings, { sts: slowSts, now: () => clock.now, ec2Client: () => ({}) as never });

    const waiting = [
      ...Array.from({ length: 50 }, (_, n) => sessions.ec2('111122223333', n % 2 ? 'eu-west-1' : 'us-east-1')),
      sessions.ec2('444455556666', 'eu-west-1'),
    ];
    release();
    await Promise.all(waiting);
    expect(calls.map((call) => call.RoleArn)).toEqual([
      'arn:aws:iam::111122223333:role/auto-tag-tagger',
      'arn:aws:iam::444455556666:role/auto-tag-tagger',
    ]);
  });

  it('lets every waiting caller see a shared failure, and keeps none of it', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    let fail = true;
    const { sts, calls } = fakeSts({ now: 0 }, () => (fail ? throttled : undefined));
    const sessions = createSessions(settings, { sts, ec2Client: () => ({}) as never });
    const results = await Promise.allSettled([sessions.ec2('111122223333', 'eu-west-1'), sessions.ec2('111122223333', 'eu-west-1')]);
    expect(results).toEqual([
      { status: 'rejected', reason: throttled },
      { status: 'rejected', reason: throttled },
    ]);
    fail = false;
    await expect(sessions.ec2('111122223333', 'eu-west-1')).resolves.toBeDefined();
    expect(calls).toHaveLength(2);
  });

  it('turns AccessDenied into AccountNotOnboarded, and asks again next time', async () => {
    const clock = { now: 0 };
    const denied = Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });
    const { sts, calls } = fakeSts(clock, (arn) => (arn.includes('999999999999') ? denied : undefined));
    const sessions = createSessions(settings, { sts, now: () => clock.now, ec2Client: () => ({}) as never });

    await expect(sessions.ec2('999999999999', 'eu-west-1')).rejects.toBeInstanceOf(AccountNotOnboarded);
    await expect(sessions.ec2('999999999999', 'eu-west-1')).rejects.toMatchObject({ cause: denied });
    expect(calls).toHaveLength(2);
    await expect(sessions.ec2('111122223333', 'eu-west-1')).resolves.toBeDefined();
  });

  it('rethrows any other error as it is', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    const { sts } = fakeSts({ now: 0 }, () => throttled);
    const sessions = createSessions(settings, { sts, ec2Client: () => ({}) as never });
    await expect(sessions.ec2('111122223333', 'eu-west-1')).rejects.toBe(throttled);
  });

  describe('with the real STS client against a loopback server', () => {
    let sts: Awaited<ReturnType<typeof stsErrorServer>>;
    beforeAll(async () => (sts = await stsErrorServer()));
    afterAll(() => sts.close());

    const realSts = () =>
      new STSClient({
        ...CLIENT_CONFIG,
        endpoint: sts.endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      });

    it('recognises the AccessDenied STS answers with', async () => {
      Object.assign(sts.state, { requests: 0, reply: { status: 403, code: 'AccessDenied' } });
      const sessions = createSessions(settings, { sts: realSts() });
      await expect(sessions.ec2('999999999999', 'eu-west-1')).rejects.toBeInstanceOf(AccountNotOnboarded);
      expect(sts.state.requests).toBe(1);
    });

    it('throws a server error after the SDK retried it', async () => {
      Object.assign(sts.state, { requests: 0, reply: { status: 500, code: 'InternalFailure' } });
      const sessions = createSessions(settings, { sts: realSts() });
      await expect(sessions.ec2('111122223333', 'eu-west-1')).rejects.toMatchObject({ name: 'InternalFailure' });
      expect(sts.state.requests).toBe(CLIENT_CONFIG.maxAttempts);
    });
  });
});
