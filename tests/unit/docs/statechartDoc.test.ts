// docs/phone.md shows the phone's and the call's states as the machines define them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHONE_DOC, renderStatecharts, withCurrentTables } from '../../../scripts/statechartDoc.ts';

describe('docs/phone.md', () => {
  it('has the state tables generated from phoneMachine and callMachine (run scripts/statechartDoc.ts --write)', () => {
    const doc = readFileSync(PHONE_DOC, 'utf8');
    expect(withCurrentTables(doc)).toBe(doc);
  });

  it('lists the states the standard names', () => {
    const tables = renderStatecharts();
    for (const state of ['`ringing.pickup.afterHold`', '`connected.call.onHold.reminder.due`', '`connected.call.closingLock`', '`ended`']) expect(tables).toContain(state);
  });
});
