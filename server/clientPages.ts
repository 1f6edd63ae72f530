/**
 * The client's pages (each folder's index.html) from memory. Every launch ends on one of them, and
 * serving it from disk cost a stat, an open, a read and a close per launch; the built files do not
 * change while the process runs. Assets (hashed file names) stay with express.static.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

interface Page {
  body: Buffer;
  etag: string;
  lastModified: string;
}

/** Each index.html under `root`, by the path that opens it ('/', '/player/', ...). */
function loadPages(root: string): Map<string, Page> {
  const pages = new Map<string, Page>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name === 'index.html') {
        const body = readFileSync(file);
        const route = `/${path.relative(root, dir).split(path.sep).join('/')}/`.replace('//', '/');
        pages.set(route, {
          body,
          etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
          lastModified: statSync(file).mtime.toUTCString(),
        });
      }
    }
  };
  visit(root);
  return pages;
}

/** Answers GET and HEAD for the client's pages; everything else goes on to the next handler. */
export function clientPages(root: string, options: { maxAgeSeconds: number }): RequestHandler {
  const pages = loadPages(root);
  const cacheControl = `public, max-age=${options.maxAgeSeconds}`;
  return (req, res, next) => {
    const page = req.method === 'GET' || req.method === 'HEAD' ? pages.get(req.path) : undefined;
    if (!page) return next();
    res.set({
      'Cache-Control': cacheControl,
      'Last-Modified': page.lastModified,
      ETag: page.etag,
      'Content-Type': 'text/html; charset=utf-8',
    });
    // res.send answers 304 when the browser's copy is fresh, and no body to HEAD.
    res.send(page.body);
  };
}
