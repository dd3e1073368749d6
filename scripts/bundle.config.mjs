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
// ms, first quartile 83.6 against 86.8; node -e 0 59.8 / 67.5). They stay
// import()s of the files in dist/, which nothing in the bundle calls (a call
// would fail: bin/tsip.cjs runs the bundle as a vm.Script, without import()).
// test/cli/bundle.test.ts checks that they and fast-check stay out.
const fuzzPartsOutside = {
  name: 'fuzz-parts-outside',
  resolveDynamicImport(specifier, importer) {
    const unit = /\/dist\/(families\/[^/]+)\/index\.js$/.exec(importer ?? '');
    if (specifier !== './fuzz.js' || unit === null) return null;
    return { id: `./${unit[1]}/fuzz.js`, external: true };
  },
};

const tsip = {
  input: 'dist/cli/main.js',
  external: ['netlink', 'netlink/dist/raw.js'],
  plugins: [fuzzPartsOutside],
  platform: 'node',
  logLevel: 'warn',
  output: { file: 'dist/tsip.cjs', format: 'cjs', codeSplitting: false, minify: true, sourcemap: true, charset: 'ascii' },
};

// The explorer page's script (src/explain/explorer/app.ts): the codec for
// the browser, one IIFE that `tsip decode --html` inlines into the page.
// The family registry also reaches the API, transport and command line,
// which the page never runs: Node's modules, the native packages and
// fast-check become empty stand-ins, and the units' lazily loaded parts
// (dynamic imports: commands, fuzz operations) are left out, which keeps
// the script near a quarter of a megabyte.
const NODE_ONLY = /^(node:|netlink$|netlink\/|koffi$|fast-check$)/;
const browserOnly = {
  name: 'tsnetlink-browser-only',
  resolveId(id, _importer, extra) {
    if (NODE_ONLY.test(id) || extra?.kind === 'dynamic-import') return `\0absent:${id}`;
    return undefined;
  },
  load(id) {
    return id.startsWith('\0absent:') ? 'module.exports = {};' : undefined;
  },
};
const explorer = {
  input: 'dist/explain/explorer/app.js',
  platform: 'browser',
  plugins: [browserOnly],
  // Modules the page never runs read import.meta.url when they load; in the page it is an empty object.
  transform: { define: { 'import.meta': '{}' } },
  logLevel: 'warn',
  output: { file: 'dist/explorer.js', format: 'iife', codeSplitting: false, minify: true, charset: 'ascii' },
};

export default [tsip, explorer];
