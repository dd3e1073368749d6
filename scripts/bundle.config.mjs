// Bundles the tsip command line into one CommonJS file, dist/tsip.cjs.
// Why: Node's ESM loader costs about 1 ms per module; tsip loads ~60 of
// them, which doubled its start-up. One CJS file starts in ~25 ms less.
// The library itself (dist/index.js and friends) stays unbundled ESM.
// fast-check is bundled, not external: an external's require() is hoisted
// to the top of the bundle, so every start paid ~8 ms evaluating it though
// only the fuzzer's lazily-initialised modules use it (and tsip could not
// start at all where the optional fast-check was not installed).
// Non-ASCII characters are escaped (charset): an all-ASCII file reads into a
// one-byte string, half the size of the two-byte string a single `x` or
// `...` character would make of all 690 KB.
import { createRequire } from 'node:module';

const LAZY_FAST_CHECK = '\0lazy-fast-check';

/**
 * Bundled, fast-check would still be evaluated at start-up: a module every
 * command loads imports it (a family's safety rules use a helper of
 * src/arbitraries). Inside the bundle, `fast-check` is therefore this
 * stand-in: one wrapper per function fast-check exports, which loads the
 * real (bundled, lazily initialised) fast-check on its first call. Its other
 * exports (classes, symbols, constants) are not offered: tsip's code calls
 * only fast-check's functions. (It pays once nothing calls fast-check at
 * module level: src/arbitraries/domains.ts still builds two arbitraries
 * there, which loads it on every start, ~3.5 ms with the perf_hooks it
 * pulls in.)
 */
function lazyFastCheck() {
  const fc = createRequire(import.meta.url)('fast-check');
  const names = Object.keys(fc).filter((k) => typeof fc[k] === 'function' && /^[a-z]/.test(k));
  const code = [
    'let fc;',
    "const load = () => (fc ??= require('fast-check'));",
    ...names.map((k) => `export function ${k}(...a) { return load().${k}(...a); }`),
  ].join('\n');
  return {
    name: 'lazy-fast-check',
    resolveId(source, importer) {
      if (source === 'fast-check' && importer !== LAZY_FAST_CHECK) return LAZY_FAST_CHECK;
      return null;
    },
    load(id) {
      return id === LAZY_FAST_CHECK ? code : null;
    },
  };
}

export default {
  input: 'dist/cli/main.js',
  external: ['netlink', 'netlink/dist/raw.js'],
  platform: 'node',
  logLevel: 'warn',
  plugins: [lazyFastCheck()],
  output: { file: 'dist/tsip.cjs', format: 'cjs', codeSplitting: false, minify: true, sourcemap: true, charset: 'ascii' },
};
