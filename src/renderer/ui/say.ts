import type { PhraseKey } from '../../core/call/index.ts';
import type { PhraseContext } from '../../core/guidance/callGuidance.ts';

/** What a phrase may name beyond the call: a transfer's target being chosen, the caller's issue. */
export type SayExtra = Pick<PhraseContext, 'transfer' | 'issue'>;

/** The text of a pack phrase for the current call, by key. */
export type SayFn = (key: PhraseKey, step?: number, extra?: SayExtra) => string;
