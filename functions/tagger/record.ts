/** Reading untrusted JSON (an EventBridge event, a CloudTrail record): is this a plain object? */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
