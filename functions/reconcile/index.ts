/**
 * The sweep Lambda's entry (`index.handler`): wires the real dependencies
 * once per cold start. Its own credentials are the sweep role's: they read
 * the trail bucket and assume the tagger role in each member account.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { CLIENT_CONFIG } from '../tagger/credentials';
import { readSweepSettings } from './environment';
import { createSweepHandler } from './sweep';
import { wireReconcile } from './wiring';

const DAY_MS = 86_400_000;
const settings = readSweepSettings(process.env);
const logger = new Logger();
const metrics = new Metrics({ namespace: settings.tagger.metricsNamespace });
const sts = new STSClient(CLIENT_CONFIG);
const trail = settings.trailBucket
  ? {
      s3: new S3Client({ ...CLIENT_CONFIG, region: settings.trailBucketRegion }),
      bucket: settings.trailBucket,
      organizationId: settings.organizationId,
      ...(settings.trailKeyPrefix && { keyPrefix: settings.trailKeyPrefix }),
    }
  : undefined;

export const handler = createSweepHandler({
  reconcileDeps: () => {
    const until = new Date();
    return wireReconcile({
      settings: settings.tagger,
      sts,
      trail,
      since: new Date(until.getTime() - settings.lookbackDays * DAY_MS),
      until,
      logger,
      metrics,
    });
  },
  logger,
  metrics,
});
