// The optional model plug-in. The default engine uses no model and makes no network call: every
// number Tinline reports is for that default. A user who has a model may plug in embeddings or an
// OpenAI-compatible chat endpoint for abstractive summaries through TextModel; the helpers below use
// it when given and fall back to the default otherwise, saying why.
import { TinlineError, asTinlineError } from '../errors.ts';
import { DEFAULT_TIMEOUT_MS, openAICompatible } from './openai.ts';

export { openAICompatible, summaryMessages, languageName } from './openai.ts';
export type { OpenAICompatibleOptions } from './openai.ts';

export interface SummaryInput {
  /** The extractive sentences to rewrite, in reading order; the summary may use nothing else. */
  sentences: { text: string; article: string }[];
  /** Language code of the summary (`vi`, `en`, …). */
  language: string;
  maxWords?: number;
}

export interface TextModel {
  /** Shown in results (`by`) and logs, e.g. `openai:qwen2.5-7b-instruct`. */
  name: string;
  /** One vector per text, in the same order. */
  embed?(texts: string[]): Promise<number[][]>;
  summarize?(input: SummaryInput): Promise<string>;
}

/** Environment variables read by loadModel, in one place. */
export const MODEL_ENV = {
  url: 'TINLINE_MODEL_URL',
  key: 'TINLINE_MODEL_KEY',
  model: 'TINLINE_MODEL',
  embedModel: 'TINLINE_EMBED_MODEL',
  timeoutMs: 'TINLINE_MODEL_TIMEOUT_MS',
} as const;

/** Specs that turn the model off even when the environment configures one. */
const OFF = new Set(['none', 'off', 'false', '0']);

/**
 * The configured model, or null (the default: no model, no network).
 *
 * `spec` is what a user passed on the command line: a base URL (`http://127.0.0.1:8000/v1`) that
 * overrides TINLINE_MODEL_URL, `none` to switch a configured model off, or undefined to read the
 * environment. Model names, key and timeout always come from the environment. A half-made
 * configuration is refused here, at start-up, rather than discovered mid-run.
 */
export function loadModel(spec: string | undefined, env: Record<string, string | undefined> = process.env): TextModel | null {
  const read = (name: string) => env[name]?.trim() || undefined;
  const given = spec?.trim();
  if (given && OFF.has(given.toLowerCase())) return null;
  const baseUrl = given || read(MODEL_ENV.url);
  const model = read(MODEL_ENV.model);
  const embedModel = read(MODEL_ENV.embedModel);
  if (!baseUrl) {
    if (model || embedModel) {
      throw new TinlineError('BAD_OPTION', `tinline/models: ${model ? MODEL_ENV.model : MODEL_ENV.embedModel} is set but no endpoint is: set ${MODEL_ENV.url}`);
    }
    return null;
  }
  if (!model && !embedModel) {
    throw new TinlineError('BAD_OPTION', `tinline/models: an endpoint is set but no model: set ${MODEL_ENV.model} (summaries) and/or ${MODEL_ENV.embedModel} (embeddings)`);
  }
  const timeoutText = read(MODEL_ENV.timeoutMs);
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TinlineError('BAD_OPTION', `tinline/models: ${MODEL_ENV.timeoutMs} must be a positive whole number of milliseconds, not ${JSON.stringify(timeoutText)}`);
  }
  return openAICompatible({ baseUrl, apiKey: read(MODEL_ENV.key), model, embedModel, timeoutMs });
}

export interface ModelHelperOptions {
  /** Where a fallback is reported; the helpers never print on their own. */
  log?: (message: string) => void;
}

export interface AbstractiveSummary<S extends { text: string; article: string }> {
  text: string;
  /** The sentences the summary was made from: its sources, whoever wrote the text. */
  cited: S[];
  /** `extractive` (the default) or the name of the model that wrote `text`. */
  by: 'extractive' | string;
  /** Why the default was used, when it was. */
  reason?: string;
}

/**
 * A summary of extractive sentences: the model's rewording when a model that summarizes is given,
 * else the sentences themselves joined (exactly what the default pipeline shows). A model that fails
 * falls back too, so a flaky endpoint never fails a rebuild; `reason` and `log` say what happened.
 * Either way `cited` is the given sentences, so every summary keeps its sources.
 */
export async function abstractiveSummary<S extends { text: string; article: string }>(
  model: TextModel | null,
  sentences: S[],
  language: string,
  options: ModelHelperOptions & { maxWords?: number } = {},
): Promise<AbstractiveSummary<S>> {
  const extractive = (reason: string): AbstractiveSummary<S> => ({
    text: sentences.map((s) => s.text.trim()).filter(Boolean).join(' '),
    cited: sentences,
    by: 'extractive',
    reason,
  });
  if (!model) return extractive('no model configured');
  if (!model.summarize) return extractive(`${model.name} does not summarize`);
  if (!sentences.length) return extractive('no sentences to summarize');
  try {
    const text = (await model.summarize({ sentences: sentences.map((s) => ({ text: s.text, article: s.article })), language, maxWords: options.maxWords })).trim();
    if (!text) throw new TinlineError('MODEL_FAILED', `tinline/models: ${model.name} returned an empty summary`);
    return { text, cited: sentences, by: model.name };
  } catch (e) {
    const error = asTinlineError(e, 'MODEL_FAILED');
    options.log?.(`${model.name}: ${error.toLine()}; using the extractive summary`);
    return extractive(`${error.code}: ${error.message}`);
  }
}

/**
 * Embeddings from the model, or null when there is no model that embeds, or it failed (callers then
 * use their default representation, e.g. TF-IDF). Never a partial or misaligned list.
 */
export async function embedTexts(model: TextModel | null, texts: string[], options: ModelHelperOptions = {}): Promise<number[][] | null> {
  if (!model?.embed) return null;
  if (!texts.length) return [];
  try {
    const vectors = await model.embed(texts);
    if (!Array.isArray(vectors) || vectors.length !== texts.length) {
      throw new TinlineError('MODEL_FAILED', `tinline/models: ${model.name} gave ${Array.isArray(vectors) ? vectors.length : 'no'} vectors for ${texts.length} texts`);
    }
    return vectors;
  } catch (e) {
    const error = asTinlineError(e, 'MODEL_FAILED');
    options.log?.(`${model.name}: ${error.toLine()}; using the default representation`);
    return null;
  }
}
