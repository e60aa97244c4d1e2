/** The tag-key rule of the config: the function's own (functions/tagger/environment.ts), as a zod schema. */
import { z } from 'zod';
import { TAG_KEY_LENGTH, TAG_KEY_PATTERNS } from '../../functions/tagger/environment';

// The one tag-key rule, shared with the function (which refuses any other key at cold start).
const tagKeyLength = `must be ${TAG_KEY_LENGTH.min}-${TAG_KEY_LENGTH.max} characters`;
export const tagKey = TAG_KEY_PATTERNS.reduce(
  (schema, { pattern, message }) => schema.regex(pattern, { error: message }),
  z.string().min(TAG_KEY_LENGTH.min, { error: tagKeyLength }).max(TAG_KEY_LENGTH.max, { error: tagKeyLength }),
);
