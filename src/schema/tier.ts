/**
 * Which decoders attribute sets and structs use. Normally (`auto`) each
 * walks its declaration for its first few uses and then compiles a decoder
 * of its own (generated code, worth it for dumps). The tests pin one or
 * the other (`generic`, `compiled`) to prove that both give the same
 * values, on real captures and on generated messages.
 */

/** `auto` (walk, then compile after a few uses), `generic` (always walk), `compiled` (compile at once). */
export type DecoderTier = 'auto' | 'generic' | 'compiled';

/** The tier in force (read on every decode; change it with {@link setDecoderTier}). */
export const decoderTier: { mode: DecoderTier } = { mode: 'auto' };

/** Pins the decoders to one tier (for tests); `auto` restores the default. */
export function setDecoderTier(mode: DecoderTier): void {
  decoderTier.mode = mode;
}
