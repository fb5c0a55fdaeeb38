// The built renderer (out/web), served as files: the app shell, JS, CSS, sounds. They hold no
// secret, so they need no token; everything the page learns about the agent comes from /api/*.
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HttpError } from './requests.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wav': 'audio/wav', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The file under `root` a request path names; 400 for a bad escape or a control character, 403 outside `root`. */
export function fileFor(root: string, pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, 'malformed escape in path');
  }
  // NUL and friends are never part of a file name we serve; a backslash is a separator on Windows.
  if ([...decoded].some((c) => c < ' ' || c === '\x7f' || c === '\\')) throw new HttpError(400, 'malformed path');
  const base = resolve(root);
  const file = join(base, normalize(decoded === '/' ? '/index.html' : decoded).replace(/^\/+/, ''));
  if (!file.startsWith(base + sep)) throw new HttpError(403, 'outside the app');
  return file;
}

export async function serveFile(res: ServerResponse, root: string, pathname: string): Promise<void> {
  const file = fileFor(root, pathname);
  let body: Buffer;
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    body = await readFile(file);
  } catch {
    throw new HttpError(404, 'not found');
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', 'content-length': body.length });
  res.end(body);
}
