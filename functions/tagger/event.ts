/**
 * Parse and decide, purely: is this event one to act on, and with what?
 *
 * The input is whatever EventBridge delivered, so every field is checked
 * before use; a bad event is a logged skip, never an exception (an exception
 * would only retry the same bad event into the DLQ).
 */
import { CATALOGUE, DETAIL_TYPE, EVENTBRIDGE_SOURCE, EVENT_SOURCE, type CatalogueEntry, type ResourceRef } from './catalogue';
import { resolveIdentity, type Identity, type IdentityRefusal } from './identity';
import { requestedTags, type RequestedTag } from './tag';
import { isRecord } from './record';

/** The CloudTrail record in `detail`, as far as the function reads it. */
export interface CloudTrailDetail {
  readonly eventID?: string;
  readonly eventName?: string;
  readonly eventSource?: string;
  readonly awsRegion?: string;
  readonly recipientAccountId?: string;
  readonly eventTime?: string;
  readonly userIdentity?: unknown;
  readonly requestParameters?: unknown;
  readonly responseElements?: unknown;
  readonly errorCode?: string;
  readonly readOnly?: boolean;
}

/** An EventBridge "AWS API Call via CloudTrail" event (unknown extra keys are ignored). */
export interface EventBridgeEvent {
  readonly id?: string;
  readonly 'detail-type'?: string;
  readonly source?: string;
  readonly account?: string;
  readonly region?: string;
  readonly detail?: CloudTrailDetail;
}

/** What every log line about an event carries, taken from the envelope as delivered. */
export interface EventContext {
  readonly eventId?: string;
  readonly account?: string;
  readonly region?: string;
  readonly eventName?: string;
}

/** Every reason an event is not acted on: the `reason` of its log line. */
export type SkipReason =
  | 'malformed-event'
  | 'unsupported-event'
  /** The call failed (errorCode, including Client.DryRunOperation): it created nothing. */
  | 'api-error'
  | 'no-response-elements'
  | 'invalid-envelope'
  /** The record claims another account or region than the envelope. */
  | 'envelope-mismatch'
  | IdentityRefusal
  /** The event names nothing of the kinds its catalogue entry creates. */
  | 'no-resource-ids'
  /** The tagger role cannot be assumed in the account (decided by the handler). */
  | 'account-not-onboarded';

export type Decision =
  | {
      readonly action: 'skip';
      readonly reason: SkipReason;
      /** For api-error: the call's error code. */
      readonly errorCode?: string;
      /** For unsupported-identity-type: the type the record names. */
      readonly identityType?: string;
    }
  | {
      readonly action: 'tag';
      /** Where to act: from the envelope, which EventBridge sets, never from the caller. */
      readonly account: string;
      readonly region: string;
      readonly entry: CatalogueEntry;
      /** The IDs the event itself carries (at least one). */
      readonly refs: ResourceRef[];
      readonly identity: Identity;
      /** The record's `eventTime`, when it is a CloudTrail timestamp. */
      readonly createdAt?: string;
      /** The tags the caller asked for in the request. */
      readonly requested: RequestedTag[];
    };

const ACCOUNT = /^\d{12}$/;
// The region ends up in an endpoint host name, so only a region-shaped string passes.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const contextOf = (event: unknown): EventContext => {
  const envelope = isRecord(event) ? event : {};
  const detail = isRecord(envelope.detail) ? envelope.detail : {};
  return {
    eventId: asString(envelope.id),
    account: asString(envelope.account),
    region: asString(envelope.region),
    eventName: asString(detail.eventName),
  };
};

const skip = (reason: SkipReason, details: { errorCode?: string; identityType?: string } = {}): Decision => ({
  action: 'skip',
  reason,
  ...details,
});

/**
 * A CloudTrail record as the event the forwarding rule would have delivered
 * from `account` and `region` (where the record was found: its log file's
 * key, or the account and region LookupEvents was asked in), so `decide`
 * judges a record read back later exactly as it judges a live event, the
 * envelope check included.
 */
export const eventOf = (record: unknown, account: string, region: string): EventBridgeEvent => ({
  id: isRecord(record) ? asString(record.eventID) : undefined,
  'detail-type': DETAIL_TYPE,
  source: EVENTBRIDGE_SOURCE,
  account,
  region,
  detail: isRecord(record) ? record : undefined,
});

export const decide = (event: unknown): Decision => {
  if (!isRecord(event) || !isRecord(event.detail)) return skip('malformed-event');
  const detail: CloudTrailDetail = event.detail;
  const eventName = asString(detail.eventName);
  // Own properties only: "constructor" or "__proto__" are not catalogue entries.
  const entry = eventName !== undefined && Object.hasOwn(CATALOGUE, eventName) ? CATALOGUE[eventName] : undefined;
  if (
    event['detail-type'] !== DETAIL_TYPE ||
    event.source !== EVENTBRIDGE_SOURCE ||
    detail.eventSource !== EVENT_SOURCE ||
    entry === undefined ||
    // A read-only call creates nothing, whatever its name claims.
    detail.readOnly === true
  ) {
    return skip('unsupported-event');
  }
  // A failed call (including a dry run, Client.DryRunOperation) created nothing.
  if (detail.errorCode !== undefined && detail.errorCode !== null) {
    // Only logged; whatever its type, it must not make the skip throw.
    const errorCode = typeof detail.errorCode === 'string' ? detail.errorCode : JSON.stringify(detail.errorCode);
    return skip('api-error', { errorCode: errorCode.slice(0, 128) });
  }
  if (detail.responseElements === undefined || detail.responseElements === null) return skip('no-response-elements');

  const { account, region } = event;
  if (typeof account !== 'string' || !ACCOUNT.test(account) || typeof region !== 'string' || !REGION.test(region)) {
    return skip('invalid-envelope');
  }
  // The envelope says where the event was delivered from; a record claiming
  // another account or region is not acted on anywhere.
  if (account !== detail.recipientAccountId || region !== detail.awsRegion) return skip('envelope-mismatch');

  const resolved = resolveIdentity(detail.userIdentity);
  if ('reason' in resolved) {
    const { reason, ...details } = resolved;
    return skip(reason, details);
  }

  const refs = entry.idsInResponse(detail.responseElements);
  if (refs.length === 0) return skip('no-resource-ids');
  const eventTime = asString(detail.eventTime);
  return {
    action: 'tag',
    account,
    region,
    entry,
    refs,
    identity: resolved.identity,
    ...(eventTime !== undefined && EVENT_TIME.test(eventTime) && { createdAt: eventTime }),
    requested: requestedTags(detail.requestParameters),
  };
};
