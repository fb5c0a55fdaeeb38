// Bundles the bot page (JsSIP ships no browser build) into a temp dir at test time and serves it
// from 127.0.0.1: a page needs an http origin for getUserMedia and WebRTC.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

const INDEX = '<!doctype html><meta charset="utf-8"><title>bot</title><script type="module" src="/bot.js"></script>';

async function bundle(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmate-bot-'));
  await build({
    entryPoints: [path.join(here, 'bot-page', 'page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: path.join(dir, 'bot.js'),
    logLevel: 'error',
  });
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function serve(dir: string): Promise<string> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = http.createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : (req.url ?? '').slice(1).split('?')[0] ?? '';
    // Two fixed files; anything else (including ../ tricks) is 404.
    if (name !== 'index.html' && name !== 'bot.js') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(name)] ?? 'application/octet-stream' });
    fs.createReadStream(path.join(dir, name)).pipe(res);
  });
  server.unref(); // never keeps a test process alive
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
    });
  });
}

let pageUrl: Promise<string> | undefined;

/** URL of the bot page; bundles and starts the server once per process. */
export function botPageUrl(): Promise<string> {
  pageUrl ??= bundle().then(serve);
  return pageUrl;
}
