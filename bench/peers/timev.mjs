// Runs a command under GNU time (`/usr/bin/time -v`) and returns its wall-clock
// seconds (measured here), peak resident memory (the largest process of the
// tree, as reported by time -v) and output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export function haveGnuTime() {
  return fs.existsSync('/usr/bin/time');
}

export function runTimed(cmd, args, { timeoutS = 900, cwd, env } = {}) {
  const useTime = haveGnuTime();
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-v', cmd, ...args], { cwd, env, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 1 << 28 });
  const wallS = (performance.now() - t0) / 1000;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr || '');
  return {
    ok: r.status === 0,
    status: r.status,
    signal: r.signal,
    timedOut: r.error?.code === 'ETIMEDOUT',
    wallS,
    peakRssBytes: m ? Number(m[1]) * 1024 : null,
    stdout: r.stdout || '',
    stderr: (r.stderr || '').replace(/\n\tCommand being timed:[\s\S]*$/, ''),
  };
}
