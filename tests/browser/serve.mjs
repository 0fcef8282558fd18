// A tiny static file server for one directory, on 127.0.0.1 and a free port.
//
//   import { serve } from './serve.mjs';
//   const server = await serve(dir, { headers: { 'Content-Security-Policy': '…' } });
//   … server.url …   await server.close();
//
// Or from a shell, to look at a built site:  node tests/browser/serve.mjs DIR [--csp]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` until `close()`. `headers` are added to every response; `port` 0 picks a free one.
 * Resolves to { url, port, close }; `url` ends with a slash.
 */
export function serve(dir, { headers = {}, port = 0 } = {}) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
      ...headers,
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${port}/`,
        port,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 0);
  if (!dir) {
    console.error('usage: node tests/browser/serve.mjs DIR [PORT] [--csp]');
    process.exit(2);
  }
  const headers = args.includes('--csp') ? { 'Content-Security-Policy': STRICT_CSP } : {};
  const server = await serve(dir, { headers, port });
  console.log(`serving ${resolve(dir)} at ${server.url} (Ctrl-C to stop)`);
}
