// The files of a built site, listed the same way wherever sites made by different routes (the
// native tool, the npm package, the builder page) are compared.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file below `dir`, by its `/`-separated path relative to `dir`, sorted. */
export function filesBelow(dir) {
  const out = [];
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
