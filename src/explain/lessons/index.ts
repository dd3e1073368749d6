/**
 * The lessons: each document under docs/ with the fixtures it is made from
 * and the function that writes it. `scripts/anatomy.mjs` writes them all
 * (or checks them with `--check`); `test/docs/lessons.test.ts` regenerates
 * each and requires it to equal the committed file.
 */
import { addressLesson } from './address.js';
import { dumpLesson } from './dump.js';
import { errorLesson } from './error.js';
import { familyLesson } from './family.js';
import { routeLesson } from './route.js';
import { lessonsIndex } from './series.js';
import type { LessonFixture } from './table.js';
import { vethLesson } from './veth.js';

/** One generated document. */
export interface Lesson {
  /** Path from the repository root. */
  doc: string;
  /** Fixture ids (`group/name`, under fixtures/), in the order `render` takes them. */
  fixtures: readonly string[];
  render(fixtures: readonly LessonFixture[]): string;
}

const f = (xs: readonly LessonFixture[], i: number): LessonFixture => {
  const x = xs[i];
  if (!x) throw new Error(`lesson: fixture ${i + 1} missing`);
  return x;
};

export const LESSONS: readonly Lesson[] = [
  { doc: 'docs/anatomy-of-a-veth.md', fixtures: ['link/add-veth'], render: (x) => vethLesson(f(x, 0)) },
  { doc: 'docs/anatomy-of-an-address.md', fixtures: ['addr/add-ipv4', 'addr/add-peer', 'addr/add-ipv6', 'addr/dump'], render: (x) => addressLesson(f(x, 0), f(x, 1), f(x, 2), f(x, 3)) },
  { doc: 'docs/anatomy-of-a-route.md', fixtures: ['route/add-via-dev', 'route/add-prefix', 'route/dump'], render: (x) => routeLesson(f(x, 0), f(x, 1), f(x, 2)) },
  { doc: 'docs/anatomy-of-a-dump.md', fixtures: ['addr/dump'], render: (x) => dumpLesson(f(x, 0)) },
  { doc: 'docs/anatomy-of-an-error.md', fixtures: ['extack/mtu-2-bytes', 'extack/vxlan-id-2-bytes'], render: (x) => errorLesson(f(x, 0), f(x, 1)) },
  { doc: 'docs/anatomy-of-family-resolution.md', fixtures: ['genl/ethtool-settings'], render: (x) => familyLesson(f(x, 0)) },
  { doc: 'docs/lessons.md', fixtures: [], render: () => lessonsIndex() },
];

export type { LessonFixture };
export { vethLesson, addressLesson, routeLesson, dumpLesson, errorLesson, familyLesson };
