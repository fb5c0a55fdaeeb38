import type { PhraseKey } from '../../core/call/index.ts';

/** The text of a pack phrase for the current call, by key. */
export type SayFn = (key: PhraseKey, step?: number) => string;
