/** The sweep function's two inputs: its environment (set by the central stack) and its invocation (the schedule's input). */
import { readSweepSettings, renderSweepEnvironment } from '../../../functions/reconcile/environment';
import { parseSweepInput } from '../../../functions/reconcile/input';
import { synthOrganization } from '../../support/synth';

const ENV = { TAGGER_ROLE_NAME: 'auto-tag-tagger', ORGANIZATION_ID: 'o-a1b2c3d4e5' };

describe('readSweepSettings', () => {
  it('reads the tagger settings, the trail and the lookback, with defaults', () => {
    expect(readSweepSettings(ENV)).toMatchObject({
      tagger: { roleName: 'auto-tag-tagger', ownerTagKey: 'Owner' },
      organizationId: 'o-a1b2c3d4e5',
      lookbackDays: 90,
    });
    expect(
      readSweepSettings({
        ...ENV,
        TRAIL_BUCKET: 'org-trail',
        TRAIL_BUCKET_REGION: 'eu-west-1',
        TRAIL_KEY_PREFIX: 'logs/org',
        LOOKBACK_DAYS: '30',
      }),
    ).toMatchObject({
      trailBucket: 'org-trail',
      trailBucketRegion: 'eu-west-1',
      trailKeyPrefix: 'logs/org',
      lookbackDays: 30,
    });
  });

  it.each([
    [{ TRAIL_BUCKET: 'Not_A_Bucket', TRAIL_BUCKET_REGION: 'eu-west-1' }, 'TRAIL_BUCKET is invalid: "Not_A_Bucket" (an S3 bucket name)'],
    [{ TRAIL_BUCKET: 'org-trail' }, 'TRAIL_BUCKET_REGION is not set (the region of TRAIL_BUCKET)'],
    [{ TRAIL_KEY_PREFIX: 'logs/' }, 'TRAIL_KEY_PREFIX is invalid: "logs/" (an S3 key prefix without a trailing /)'],
    [{ ORGANIZATION_ID: '' }, 'ORGANIZATION_ID is not set (an organization id, o-...)'],
    [{ LOOKBACK_DAYS: '0' }, 'LOOKBACK_DAYS is invalid: "0" (a whole number of days, 1 or more)'],
    [{ TAGGER_ROLE_NAME: '' }, 'TAGGER_ROLE_NAME is not set'],
  ])('throws at cold start naming the variable: %j', (change, message) => {
    expect(() => readSweepSettings({ ...ENV, ...change })).toThrow(message);
  });

  it('reads back what the central stack synthesizes, trail included', () => {
    const central = synthOrganization().central;
    const [sweep] = Object.values(central.resource.aws_lambda_function).filter((fn) => fn.function_name === 'auto-tag-reconcile');
    const env = sweep.environment.variables as Record<string, string>;
    const settings = readSweepSettings(env);
    expect(settings).toMatchObject({
      trailBucket: 'auto-tag-org-trail-111111111111',
      trailBucketRegion: 'eu-west-1',
      organizationId: 'o-a1b2c3d4e5',
      lookbackDays: 90,
    });
    expect(renderSweepEnvironment(settings)).toEqual(env);
  });
});

describe('parseSweepInput', () => {
  it('takes every account with its regions', () => {
    const input = { accounts: [{ id: '111111111111', regions: ['eu-west-1', 'us-east-1'] }] };
    expect(parseSweepInput(input)).toEqual(input);
  });

  it('names each bad field', () => {
    expect(() => parseSweepInput({ accounts: [{ id: '1234', regions: ['eu-west-1', 'Mars'] }] })).toThrow(
      'sweep input is invalid: accounts[0].id: must be a 12-digit account id; accounts[0].regions[1]: must be a region code',
    );
    expect(() => parseSweepInput({ accounts: [] })).toThrow('sweep input is invalid: accounts: must list at least one account');
    expect(() => parseSweepInput('sweep')).toThrow(/^sweep input is invalid: input: /);
  });
});
