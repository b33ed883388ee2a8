import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Lang } from '../web/field-errors.ts';
import { HttpError } from './errors.ts';

export class PayloadTooLargeError extends HttpError {
  readonly statusCode = 413;
}

export class UnsupportedMediaTypeError extends HttpError {
  readonly statusCode = 415;
}

export class MalformedBodyError extends HttpError {
  readonly statusCode = 400;
}

const messages = {
  tooLarge: { da: 'Indholdet er for stort.', en: 'The content is too large.' },
  mediaType: {
    da: (expected: string) => `Indholdet skal sendes som ${expected}.`,
    en: (expected: string) => `The content must be sent as ${expected}.`,
  },
  malformed: {
    da: 'Indholdet kunne ikke læses. Tjek at det er gyldig JSON.',
    en: 'The content could not be read. Check that it is valid JSON.',
  },
};

/** The raw body as bytes, whether API Gateway passed it as text or base64; refused beyond `maxBytes`. */
export const bodyBytes = (event: APIGatewayProxyEventV2, maxBytes: number, lang: Lang = 'da'): Buffer => {
  const body = event.body ?? '';
  // A cheap upper bound before decoding: base64 is 4/3 of the bytes.
  if (body.length > maxBytes * 2) throw new PayloadTooLargeError(messages.tooLarge[lang]);
  const bytes = Buffer.from(body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(messages.tooLarge[lang]);
  return bytes;
};

const mediaType = (event: APIGatewayProxyEventV2) =>
  (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();

/** Parses a JSON body; 415 for another content type, 413 when too large, 400 when it is not JSON. */
export const jsonBody = (event: APIGatewayProxyEventV2, maxBytes: number, lang: Lang = 'da'): unknown => {
  if (mediaType(event) !== 'application/json')
    throw new UnsupportedMediaTypeError(messages.mediaType[lang]('application/json'));
  const bytes = bodyBytes(event, maxBytes, lang);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new MalformedBodyError(messages.malformed[lang]);
  }
};

/** Parses an HTML form post into values; repeated names (checkboxes) become arrays. */
export const formBody = (
  event: APIGatewayProxyEventV2,
  maxBytes: number,
  lang: Lang = 'da',
): Record<string, string | string[]> => {
  if (mediaType(event) !== 'application/x-www-form-urlencoded') {
    throw new UnsupportedMediaTypeError(messages.mediaType[lang]('application/x-www-form-urlencoded'));
  }
  // No prototype: a field named `constructor` or `__proto__` is a field like any other.
  const values: Record<string, string | string[]> = Object.create(null);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bodyBytes(event, maxBytes, lang));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new MalformedBodyError(messages.malformed[lang]);
  }
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = values[name];
    values[name] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
};
