/**
 * The C header reader (scripts/c-headers.mjs), typed for the tests.
 */
// @ts-expect-error plain JavaScript, no declaration file
import * as reader from '../../scripts/c-headers.mjs';

export type Constants = Map<string, number>;
export const readHeaders: (paths: readonly string[]) => Constants = reader.readHeaders;
export const SYSTEM_HEADERS: readonly string[] = reader.SYSTEM_HEADERS;
export const HEADER_NAMES: readonly string[] = reader.HEADER_NAMES;
