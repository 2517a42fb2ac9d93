// The API described for clients (OpenAPI 3.1), written by hand beside the routes in ./index.ts.
// index.test.ts checks that every route the app answers is listed here.
import { ERRORS } from '../errors.ts';
import { DEFAULT_PAGE, EXPORT_FORMATS, MAX_PAGE, MAX_POST_DOCUMENTS } from './schemas.ts';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { $ref: `#/components/responses/E${code}` }]));
const query = (name: string, schema: Json, description: string, required = false) => ({ name, in: 'query', required, description, schema });
const pathId = (what: string) => ({ name: 'id', in: 'path', required: true, description: `${what} id`, schema: { type: 'string' } });
const paging = [
  query('limit', { type: 'integer', minimum: 0, maximum: MAX_PAGE, default: DEFAULT_PAGE }, `items per page (at most ${MAX_PAGE})`),
  query('offset', { type: 'integer', minimum: 0, default: 0 }, 'items to skip'),
];
const timelineParams = [
  query('dates', { type: 'integer', minimum: 1, maximum: 100 }, 'number of dates (default: chosen from the data)'),
  query('sentences', { type: 'integer', minimum: 1, maximum: 20 }, 'sentences per date (default: chosen from the data)'),
];
const page = (item: Json) => ({
  type: 'object',
  required: ['total', 'limit', 'offset', 'items'],
  properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, items: { type: 'array', items: item } },
});
const loose = (description: string) => ({ type: 'object', description, additionalProperties: true });

export function openApiDocument(): Json {
  const httpStatuses = [...new Set(Object.values(ERRORS).map((e) => e.http))].sort();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tinline API',
      version: '1.0.0',
      description:
        'Stories, timelines, entities and articles from a Tinline database. Errors are `{ error: { code, message } }` with the stable codes of the error catalogue. Writes need `Authorization: Bearer <token>` when the server has a token (always when it listens beyond loopback).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string', enum: Object.keys(ERRORS) }, message: { type: 'string' } },
            },
          },
        },
        Date: {
          type: 'object',
          description: 'A partial date: `2024-11-12`, `2024-11`, `2025` or `XXXX-11-18` (year unknown), with labels at its precision.',
          properties: {
            value: { type: ['string', 'null'] },
            precision: { type: ['string', 'null'], enum: ['day', 'month', 'year', null] },
            kind: { type: 'string', enum: ['exact', 'approximate', 'before', 'after'] },
            evidence: { type: ['string', 'null'] },
            label: { type: ['object', 'null'], properties: { en: { type: 'string' }, vi: { type: 'string' } } },
          },
        },
        ArticleSummary: {
          type: 'object',
          properties: {
            id: { type: 'string' }, title: { type: ['string', 'null'] }, origin: { type: 'string' }, url: { type: ['string', 'null'] },
            source: { type: ['string', 'null'] }, language: { type: ['string', 'null'] }, published: ref('Date'),
            paragraphs: { type: 'integer' }, characters: { type: 'integer' }, duplicateOf: { type: ['string', 'null'] },
          },
        },
        Entity: {
          type: 'object',
          properties: {
            id: { type: 'string' }, type: { type: 'string', enum: ['person', 'organization', 'location', 'other'] }, name: { type: 'string' },
            names: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, lang: { type: 'string' }, script: { type: 'string' } } } },
            aliases: { type: 'array', items: { type: 'string' } },
          },
        },
        Citation: { type: 'object', properties: { article: { type: 'string' }, articleTitle: { type: ['string', 'null'] }, text: { type: 'string' } } },
        Timeline: {
          type: 'object',
          properties: {
            title: { type: 'string' },
            entries: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  date: ref('Date'),
                  sortKey: { type: 'string', description: 'the value the entry is placed by (a year-unknown date takes its estimated year, else 0000)' },
                  yearEstimate: { type: ['object', 'null'] },
                  sentences: { type: 'array', items: ref('Citation') },
                },
              },
            },
          },
        },
        Event: loose('An event: date, kind (reported | recalled), title, place, actors, articles, cited sentences.'),
        Document: {
          type: 'object',
          description: 'One document to ingest: exactly one of text or html; the metadata given wins over what is found.',
          properties: {
            text: { type: 'string' }, html: { type: 'string' }, title: { type: 'string' }, url: { type: 'string', format: 'uri' },
            published: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }, source: { type: 'string' }, language: { type: 'string' },
          },
          additionalProperties: false,
        },
      },
      responses: Object.fromEntries(
        httpStatuses.map((status) => [
          `E${status}`,
          json(ref('Error'), `Error (${Object.entries(ERRORS).filter(([, e]) => e.http === status).map(([code]) => code).join(', ')})`),
        ]),
      ),
    },
    paths: {
      '/openapi.json': { get: { summary: 'This document', responses: { 200: json({ type: 'object' }) } } },
      '/api/health': { get: { summary: 'Liveness and article count', responses: { 200: json(loose('{ ok, articles, schema }')) } } },
      '/api/articles': {
        get: {
          summary: 'Articles, filtered and paged',
          parameters: [
            query('source', { type: 'string' }, 'exact source (outlet)'),
            query('language', { type: 'string' }, 'language code'),
            query('from', { type: 'string' }, 'published on or after (YYYY, YYYY-MM or YYYY-MM-DD)'),
            query('to', { type: 'string' }, 'published on or before'),
            query('entity', { type: 'string' }, 'articles that mention this entity id'),
            ...paging,
          ],
          responses: { 200: json(page(ref('ArticleSummary'))), ...errors(400) },
        },
        post: {
          summary: 'Ingest articles, then relink and recluster',
          description: `JSON (one Document or an array of at most ${MAX_POST_DOCUMENTS}), or a raw text/html, text/plain or text/markdown body with the metadata as query parameters.`,
          security: [{ bearer: [] }, {}],
          parameters: ['title', 'url', 'published', 'source', 'language'].map((n) => query(n, { type: 'string' }, `${n} for a raw body`)),
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { oneOf: [ref('Document'), { type: 'array', items: ref('Document'), maxItems: MAX_POST_DOCUMENTS }] } },
              'text/html': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
              'text/markdown': { schema: { type: 'string' } },
            },
          },
          responses: {
            201: json(loose('{ inserted: id[], existing: id[], failed: { index, code, message }[], ids: id[] }'), 'Stored (some new)'),
            200: json(loose('Nothing new: every document was already stored'), 'Already stored'),
            ...errors(400, 401, 413, 415, 422),
          },
        },
      },
      '/api/articles/{id}': {
        get: {
          summary: 'One article: cleaned text, captions, removed lines with reasons, mentions, entities, times, stories',
          parameters: [pathId('article (or a unique prefix)')],
          responses: { 200: json(loose('Article detail')), ...errors(400, 404) },
        },
      },
      '/api/search': {
        get: {
          summary: 'Diacritic-insensitive, entity-aware full-text search ("…" for a phrase)',
          parameters: [query('q', { type: 'string', minLength: 1, maxLength: 500 }, 'the query', true), ...paging],
          responses: { 200: json(loose('{ query, alternatives, limit, offset, nextOffset, hits[] }')), ...errors(400) },
        },
      },
      '/api/entities': {
        get: {
          summary: 'Entities by mention count',
          parameters: [
            query('type', { type: 'string', enum: ['person', 'organization', 'location', 'other'] }, 'entity type'),
            query('q', { type: 'string' }, 'names containing this (diacritics ignored)'),
            ...paging,
          ],
          responses: { 200: json(page(ref('Entity'))), ...errors(400) },
        },
      },
      '/api/entities/{id}': {
        get: {
          summary: 'One entity: every name and script, mentions, articles, events, stories',
          parameters: [pathId('entity')],
          responses: { 200: json(loose('Entity detail')), ...errors(400, 404) },
        },
      },
      '/api/events': {
        get: {
          summary: 'Events in date order',
          parameters: [query('story', { type: 'string' }, 'only this story\'s events'), ...paging],
          responses: { 200: json(page(ref('Event'))), ...errors(400, 404) },
        },
      },
      '/api/stories': {
        get: { summary: 'Stories, biggest first', parameters: [...paging], responses: { 200: json(page(loose('Story summary'))), ...errors(400) } },
      },
      '/api/stories/{id}': {
        get: {
          summary: 'One story with its timeline, summary, events, entities and articles',
          parameters: [pathId('story'), ...timelineParams],
          responses: { 200: json(loose('Story detail with `timeline`')), ...errors(400, 404) },
        },
      },
      '/api/timeline': {
        get: {
          summary: 'A timeline for a free query',
          parameters: [query('q', { type: 'string', minLength: 1 }, 'the query', true), ...timelineParams],
          responses: { 200: json({ type: 'object', properties: { query: { type: 'string' }, alternatives: { type: 'array' }, articles: { type: 'integer' }, timeline: ref('Timeline') } }), ...errors(400) },
        },
      },
      '/api/export': {
        get: {
          summary: 'Everything in one format (json is the versioned contract)',
          parameters: [query('format', { type: 'string', enum: [...EXPORT_FORMATS], default: 'json' }, 'output format')],
          responses: {
            200: {
              description: 'The export',
              content: {
                'application/json': { schema: { type: 'object' } },
                'text/markdown': { schema: { type: 'string' } },
                'text/csv': { schema: { type: 'string' } },
                'text/plain': { schema: { type: 'string' } },
              },
            },
            ...errors(400),
          },
        },
      },
    },
  };
}
