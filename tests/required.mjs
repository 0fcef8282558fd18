// What a test needs from the build, named by environment variables (`./build.sh test` sets
// them all): a test whose tool, site or file is missing fails with a message naming the
// variable and what it should name, rather than being skipped.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The path `variable` names, or a failure saying what is missing and how to make it. */
export function required(variable, what) {
  const path = process.env[variable];
  assert.ok(path, `${variable} is not set: it names ${what} (./build.sh test sets it)`);
  assert.ok(existsSync(path), `${variable}=${path} does not exist: it names ${what} (run ./build.sh build)`);
  return resolve(path);
}
