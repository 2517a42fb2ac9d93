// Every input the API accepts, as zod schemas. A failed parse becomes 400 VALIDATION with the
// field and the reason; nothing unvalidated reaches the store.
import { z } from 'zod';

/** Largest page any list returns. */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;
/** Most documents one POST may carry. */
export const MAX_POST_DOCUMENTS = 100;

const count = () => z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be ≥ 0');

export const paging = z.object({
  limit: count().max(MAX_PAGE, `must be ≤ ${MAX_PAGE}`).default(DEFAULT_PAGE),
  offset: count().max(1_000_000, 'too large').default(0),
});

const datePrefix = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');
const shortText = z.string().trim().min(1).max(200);

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/, 'not a valid id');
export const idParam = z.object({ id });

export const articleQuery = paging.extend({
  source: shortText.optional(),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code (vi, en, …)').optional(),
  from: datePrefix.optional(),
  to: datePrefix.optional(),
  entity: id.optional(),
});

export const searchQuery = paging.extend({
  q: z.string({ error: 'required' }).trim().min(1, 'must not be empty').max(500, 'too long'),
});

export const entityQuery = paging.extend({
  type: z.enum(['person', 'organization', 'location', 'other']).optional(),
  q: z.string().trim().max(200).optional(),
});

export const eventQuery = paging.extend({
  story: id.optional(),
});

const positiveSmall = (max: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be ≥ 1').max(max, `must be ≤ ${max}`);

export const timelineOptions = z.object({
  dates: positiveSmall(100).optional(),
  sentences: positiveSmall(20).optional(),
});

export const timelineQuery = timelineOptions.extend({
  q: z.string({ error: 'required' }).trim().min(1, 'must not be empty').max(500, 'too long'),
});

export const EXPORT_FORMATS = ['json', 'md', 'csv', 'timelinejs', 'tilse'] as const;
export const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('json') });

const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), 'must be an http(s) URL');

/** Metadata the poster may give; it wins over what extraction finds (as on the command line). */
export const givenFields = z.object({
  title: z.string().trim().min(1).max(1000).optional(),
  url: httpUrl.optional(),
  published: datePrefix.optional(),
  source: shortText.optional(),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code (vi, en, …)').optional(),
});

export const postDocument = givenFields
  .extend({
    text: z.string().min(1, 'text must not be empty').optional(),
    html: z.string().min(1, 'html must not be empty').optional(),
  })
  .strict()
  .refine((d) => (d.text === undefined) !== (d.html === undefined), 'give exactly one of text or html');

export const postBody = z.union([postDocument, z.array(postDocument).min(1, 'an empty array').max(MAX_POST_DOCUMENTS, `at most ${MAX_POST_DOCUMENTS} documents per request`)]);

export type PostDocument = z.infer<typeof postDocument>;

/** One line for the client: the first issue, with the field it is about. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
