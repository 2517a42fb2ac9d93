// A TextModel over any OpenAI-compatible HTTP endpoint (OpenAI, vLLM, llama.cpp's server, Ollama's
// /v1, LiteLLM…). Only Node's global fetch: no SDK, so the default install carries no model code.
import { TinlineError } from '../errors.ts';
import type { SummaryInput, TextModel } from './index.ts';

export interface OpenAICompatibleOptions {
  /** Base URL including the version path, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never put in error messages. */
  apiKey?: string;
  /** Chat model for summaries; without it the model only embeds. */
  model?: string;
  /** Embedding model; without it the model only summarizes. */
  embedModel?: string;
  /** Per request (default 60 000 ms). */
  timeoutMs?: number;
  /** Texts per embeddings request (default 64); local servers often refuse large batches. */
  embedBatch?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_EMBED_BATCH = 64;
const DEFAULT_MAX_WORDS = 60;
/** How much of an error body goes into the message: enough to read the server's reason. */
const ERROR_BODY_CHARS = 300;

function fail(detail: string, cause?: unknown): TinlineError {
  return new TinlineError('MODEL_FAILED', `tinline/models: ${detail}`, { cause });
}

/** `vi` → `Vietnamese (vi)`; the model reads a language name more reliably than a code. */
export function languageName(code: string): string {
  const tag = code.trim();
  if (!tag) return 'the language of the sentences';
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** The chat messages for one summary; exported so tests and users can read what is asked. */
export function summaryMessages(input: SummaryInput): { role: 'system' | 'user'; content: string }[] {
  const words = input.maxWords ?? DEFAULT_MAX_WORDS;
  const language = languageName(input.language);
  const system = [
    'You summarize news reports.',
    `Write one short summary of at most ${words} words in ${language}.`,
    'Use only facts stated in the numbered sentences; add no names, numbers, dates or claims that are not in them.',
    'Reply with the summary text only: no title, no list, no sentence numbers, no commentary.',
  ].join(' ');
  const user = input.sentences.map((s, i) => `[${i + 1}] ${s.text.replace(/\s+/g, ' ').trim()}`).join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: `Sentences:\n${user}` },
  ];
}

/** Reasoning models served locally often prepend their thinking; it is not the summary. */
function cleanReply(text: string): string {
  return text.replace(/<think>[\s\S]*?<\/think>/gi, '').replace(/\s+/g, ' ').trim();
}

export function openAICompatible(options: OpenAICompatibleOptions): TextModel {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch (e) {
    throw new TinlineError('BAD_OPTION', `tinline/models: ${JSON.stringify(options.baseUrl)} is not a URL`, { cause: e });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TinlineError('BAD_OPTION', `tinline/models: ${base.protocol} is not http: or https:`);
  }
  if (!options.model && !options.embedModel) {
    throw new TinlineError('BAD_OPTION', 'tinline/models: name a chat model, an embedding model or both');
  }
  const root = base.href.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const batch = Math.max(1, options.embedBatch ?? DEFAULT_EMBED_BATCH);

  async function post(path: string, body: unknown): Promise<unknown> {
    const url = `${root}${path}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const name = (e as { name?: string } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw fail(`POST ${url}: no answer within ${timeoutMs} ms`, e);
      const cause = (e as { cause?: { code?: string; message?: string } } | null)?.cause;
      throw fail(`POST ${url}: ${cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e))}`, e);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      const name = (e as { name?: string } | null)?.name;
      throw fail(`POST ${url}: ${name === 'TimeoutError' || name === 'AbortError' ? `body not complete within ${timeoutMs} ms` : 'body could not be read'}`, e);
    }
    if (!response.ok) {
      const snippet = text.replace(/\s+/g, ' ').trim().slice(0, ERROR_BODY_CHARS);
      throw fail(`POST ${url}: HTTP ${response.status}${snippet ? ` ${snippet}` : ''}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw fail(`POST ${url}: the answer is not JSON (${text.slice(0, 80).replace(/\s+/g, ' ')}…)`, e);
    }
  }

  const model: TextModel = { name: `openai:${options.model ?? options.embedModel}` };

  if (options.model) {
    const chatModel = options.model;
    model.summarize = async (input) => {
      const reply = await post('/chat/completions', { model: chatModel, messages: summaryMessages(input), temperature: 0 });
      const content = (reply as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw fail('the chat answer has no choices[0].message.content');
      const summary = cleanReply(content);
      if (!summary) throw fail('the chat answer is empty');
      return summary;
    };
  }

  if (options.embedModel) {
    const embedModel = options.embedModel;
    model.embed = async (texts) => {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batch) {
        const chunk = texts.slice(i, i + batch);
        const reply = await post('/embeddings', { model: embedModel, input: chunk });
        out.push(...readEmbeddings(reply, chunk.length));
      }
      const dims = new Set(out.map((v) => v.length));
      if (dims.size > 1) throw fail(`embeddings of different lengths (${[...dims].join(', ')})`);
      return out;
    };
  }

  return model;
}

/** `data[]` may come back in any order; `index` says where each vector belongs. */
function readEmbeddings(reply: unknown, expected: number): number[][] {
  const data = (reply as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw fail('the embeddings answer has no data array');
  if (data.length !== expected) throw fail(`asked for ${expected} embeddings, got ${data.length}`);
  const out: (number[] | undefined)[] = new Array(expected);
  data.forEach((item: { embedding?: unknown; index?: unknown }, i) => {
    const at = typeof item?.index === 'number' ? item.index : i;
    const v = item?.embedding;
    if (!Number.isInteger(at) || at < 0 || at >= expected || out[at]) throw fail(`embedding index ${String(item?.index)} is out of place`);
    if (!Array.isArray(v) || !v.length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw fail(`embedding ${at} is not a list of numbers (base64 encoding is not supported)`);
    }
    out[at] = v as number[];
  });
  return out as number[][];
}
