import { describe, expect, it } from 'vitest';
import { nextDue } from './nextDue.ts';

describe('next due', () => {
  it('is the soonest deadline among the running rules, nothing when none runs', () => {
    expect(nextDue([
      { rule: 'answerWithinRings', state: 'met' },
      { rule: 'holdLimit', state: 'running', deadline: 120_000 },
      { rule: 'checkInEvery', state: 'running', deadline: 15_000 },
      { rule: 'hangupLock', state: 'due', deadline: 1_000 },
    ])).toEqual({ rule: 'checkInEvery', at: 15_000 });
    expect(nextDue([{ rule: 'greetWithin', state: 'met', deadline: 3_000 }])).toBeUndefined();
  });
});
