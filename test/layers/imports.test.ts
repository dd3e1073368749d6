/**
 * Imports point one way: every file of src/ has a layer (its folder's, or
 * for a family's file the layer of its role: declarations, API, formatter,
 * command, fuzz operations), and no static import, type-only ones
 * included, reaches a higher layer. The registry's `import()` of a
 * family's command and fuzz operations is lazy and not an import here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src', import.meta.url));

/** Layers, lowest first; a file may import its own layer and those below. */
const LAYERS = ['bytes', 'core', 'sys', 'schema', 'netlink', 'declarations', 'arbitraries', 'transport', 'netns', 'api', 'format', 'explain', 'fuzz', 'cli', 'demo', 'entry'] as const;
type Layer = (typeof LAYERS)[number];

/** A family's file by its role. */
function familyLayer(file: string): Layer {
  const base = file.split('/').pop()!.replace(/\.ts$/, '');
  if (base === 'cli') return 'cli';
  if (base === 'fuzz') return 'fuzz';
  if (base === 'format' || base.startsWith('format-') || base === 'names') return 'format';
  if (['index', 'registry', 'unit', 'api', 'view', 'requests', 'lookup', 'bulk', 'spec', 'translate'].includes(base)) return 'api';
  if (base === 'safety') return 'arbitraries';
  return 'declarations';
}

function layerOf(file: string): Layer {
  const [top] = file.split('/');
  if (top === 'families') return familyLayer(file);
  if (top === 'rtnl') return 'declarations';
  // Generic netlink's codec sits with netlink's (its client is in transport/).
  if (top === 'genl') return 'netlink';
  if (top === 'pcap' || top === 'strace') return 'explain';
  if (top === 'index.ts' || top === 'testing.ts') return 'entry';
  if ((LAYERS as readonly string[]).includes(top!)) return top as Layer;
  throw new Error(`no layer for ${file}`);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('layers', () => {
  it('no file of src/ imports from a layer above its own', () => {
    const wrong: string[] = [];
    let seen = 0;
    for (const abs of files(src)) {
      const file = relative(src, abs);
      const mine = LAYERS.indexOf(layerOf(file));
      const text = readFileSync(abs, 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) {
        const target = relative(src, resolve(dirname(abs), m[1]!)).replace(/\.js$/, '.ts');
        const theirs = LAYERS.indexOf(layerOf(target));
        seen++;
        if (theirs > mine) wrong.push(`${file} (${LAYERS[mine]}) imports ${target} (${LAYERS[theirs]})`);
      }
    }
    expect(wrong).toEqual([]);
    // The pattern reads multi-line and type-only imports too: hundreds of them.
    expect(seen).toBeGreaterThan(500);
  });
});
