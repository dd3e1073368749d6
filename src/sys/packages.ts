/**
 * Finding and loading the npm packages tsnetlink needs at run time (the
 * `netlink` binding, `koffi`), cheaply: they are loaded on the way to the
 * first request of every tsip command.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

let req: NodeJS.Require | undefined;

/** `require` relative to this module, made once (each createRequire parses a URL again). */
export function requireHere(): NodeJS.Require {
  return (req ??= createRequire(import.meta.url));
}

/** The `node_modules` folders a bare name is looked up in from this module, nearest first. */
let roots: string[] | undefined;

/**
 * The folder of package `name` (the one holding its package.json), looked
 * up the way `require()` walks `node_modules` folders but without resolving
 * an entry point: resolving through a package's `exports` costs ~2 ms the
 * first time in a process (Node's ESM resolver loads). Undefined when not
 * installed.
 */
export function packageDir(name: string): string | undefined {
  roots ??= requireHere().resolve.paths('tsnetlink') ?? [];
  for (const p of roots) {
    const dir = join(p, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
}
