// Bundles the tsip command line into one CommonJS file, dist/tsip.cjs.
// Why: Node's ESM loader costs about 1 ms per module; tsip loads ~60 of
// them, which doubled its start-up. One CJS file starts in ~25 ms less.
// The library itself (dist/index.js and friends) stays unbundled ESM.
// fast-check is not in the bundle: only the families' fuzz parts and the
// fuzzer use it, and they stay outside (below). It must not be an external
// of the bundle either: an external's require() is hoisted to the top, so
// every start would pay for evaluating it (and tsip could not start where
// the optional fast-check is not installed).
// Non-ASCII characters are escaped (charset): an all-ASCII file reads into a
// one-byte string, half the size of the two-byte string a single `x` or
// `...` character would make of all 490 KB (bin/tsip.cjs reads it as latin1).
// The families' fuzz parts (`fuzz.load` in each unit) stay outside: only the
// fuzzer loads them, and it runs from dist/ by path (src/cli/main.ts), so
// in the bundle they were 200 KB of fast-check and arbitraries that every
// start read, with 90 KB more code cache to deserialize: `tsip link show
// dev lo` starts ~3 ms sooner (60 interleaved runs: min 75.0 against 78.2
// ms, first quartile 83.6 against 86.8; node -e 0 59.8 / 67.5). Kept as
// import() of the same file in dist/, so a call would still work.
const fuzzPartsOutside = {
  name: 'fuzz-parts-outside',
  resolveDynamicImport(specifier, importer) {
    const unit = /\/dist\/(families\/[^/]+)\/index\.js$/.exec(importer ?? '');
    if (specifier !== './fuzz.js' || unit === null) return null;
    return { id: `./${unit[1]}/fuzz.js`, external: true };
  },
};

export default {
  input: 'dist/cli/main.js',
  external: ['netlink', 'netlink/dist/raw.js'],
  plugins: [fuzzPartsOutside],
  platform: 'node',
  logLevel: 'warn',
  output: { file: 'dist/tsip.cjs', format: 'cjs', codeSplitting: false, minify: true, sourcemap: true, charset: 'ascii' },
};
