// Builds a Go peer under bench/go/<name> (GOPATH mode, against the sources of
// Debian's golang-github-vishvananda-* packages) into a temporary directory.
// The Go build cache lives in $GOCACHE, else a tsnlbench-gocache directory in
// the system temporary directory kept between runs (so later builds take
// seconds, not the minute of compiling vishvananda/netlink).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDir } from './child.mjs';

export const GOPATH = '/usr/share/gocode';

/**
 * Builds bench/go/<name>, which imports vishvananda/<pkg> for each of `pkgs`.
 * Returns { bin, dir, version } (remove `dir` when done, see removeGoBuild)
 * or { skip: reason } when `go` or a package is missing or the build fails.
 */
export function buildGoDriver(name, pkgs = ['netlink']) {
  const v = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) return { skip: '`go` not found' };
  const missing = pkgs.filter((p) => !existsSync(join(GOPATH, 'src/github.com/vishvananda', p)));
  if (missing.length) return { skip: `${missing.map((p) => `vishvananda/${p}`).join(' and ')} not under ${GOPATH} (Debian golang-github-vishvananda-${missing.length > 1 ? `{${missing.join(',')}}` : missing[0]}-dev)` };
  const dir = mkdtempSync(join(tmpdir(), 'tsnlbench-go-'));
  const bin = join(dir, name);
  const env = { ...process.env, GOPATH, GO111MODULE: 'off', GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'tsnlbench-gocache'), GOFLAGS: '' };
  const r = spawnSync('go', ['build', '-o', bin, '.'], { cwd: join(benchDir, 'go', name), env, encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `go build failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(0, 3).join(' / ')}` };
  }
  return { bin, dir, version: v.stdout.trim().replace(/^go version /, '') };
}

/** Removes what buildGoDriver made (nothing when it skipped). */
export function removeGoBuild(go) {
  if (go?.dir) rmSync(go.dir, { recursive: true, force: true });
}
