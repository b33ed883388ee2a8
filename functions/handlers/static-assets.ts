import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '../http/errors.ts';
import { httpHandler } from '../http/http-handler.ts';

/**
 * Serves the built `public/` folder that ships inside this function's bundle (on AWS at
 * `/var/task/public`; the local gateway sets `LAMBDA_TASK_ROOT` to `.build` like Lambda does).
 */
const publicRoot = path.join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), 'public');

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

const textTypes = new Set(['.css', '.svg', '.txt']);

export const handler = httpHandler('static-assets', async ({ event }) => {
  let requested: string;
  try {
    requested = decodeURIComponent(event.pathParameters?.file ?? '');
  } catch {
    throw new NotFoundError();
  }
  // `/assets/<version>/…`: a file of this build under its version may be kept for a year; an
  // older version's URL gets today's file, kept five minutes.
  const versioned = /^([0-9a-f]{12})\/(.+)$/.exec(requested);
  const current = versioned !== null && versioned[1] === process.env.ASSET_VERSION;
  if (versioned) requested = versioned[2] as string;
  const extension = path.extname(requested).toLowerCase();
  const file = path.resolve(publicRoot, requested);
  // Only known file types, and never outside the public folder.
  if (!contentTypes[extension] || !file.startsWith(`${publicRoot}${path.sep}`)) throw new NotFoundError();
  const content = await readFile(file).catch(() => {
    throw new NotFoundError();
  });
  const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 22)}"`;
  const headers = {
    'content-type': contentTypes[extension],
    // Another version's URL (or, mid-deploy, the new version asked of an old function) only briefly.
    'cache-control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    etag,
  };
  if (event.headers?.['if-none-match'] === etag) return { statusCode: 304, headers };
  const text = textTypes.has(extension);
  return {
    statusCode: 200,
    headers,
    isBase64Encoded: !text,
    body: content.toString(text ? 'utf8' : 'base64'),
  };
});
