// Bundles the tsip command line into one CommonJS file, dist/tsip.cjs.
// Why: Node's ESM loader costs about 1 ms per module; tsip loads ~60 of
// them, which doubled its start-up. One CJS file starts in ~25 ms less.
// The library itself (dist/index.js and friends) stays unbundled ESM.
// fast-check is bundled, not external: an external's require() is hoisted
// to the top of the bundle, so every start paid ~8 ms evaluating it though
// only the fuzzer's lazily initialised modules use it (and tsip could not
// start at all where the optional fast-check was not installed). Nothing a
// command loads at start-up calls it: the families' safety rules take the
// documentation ranges from src/arbitraries/doc-range.ts, which has no
// fast-check.
// Non-ASCII characters are escaped (charset): an all-ASCII file reads into a
// one-byte string, half the size of the two-byte string a single `x` or
// `...` character would make of all 690 KB (bin/tsip.cjs reads it as latin1).
export default {
  input: 'dist/cli/main.js',
  external: ['netlink', 'netlink/dist/raw.js'],
  platform: 'node',
  logLevel: 'warn',
  output: { file: 'dist/tsip.cjs', format: 'cjs', codeSplitting: false, minify: true, sourcemap: true, charset: 'ascii' },
};
