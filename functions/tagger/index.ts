/**
 * The Lambda entry (`index.handler`): wires the real dependencies once per
 * cold start; everything else lives in the modules it imports.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createSessions } from './credentials';
import { createHandler } from './handler';
import { readSettings } from './environment';

export type { EventBridgeEvent } from './event';
export type { Outcome } from './handler';

const settings = readSettings(process.env);

export const handler = createHandler({
  settings,
  sessions: createSessions(settings),
  // Service name and log level come from POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL.
  logger: new Logger(),
  metrics: new Metrics({ namespace: settings.metricsNamespace }),
});
