// Call records in fake time: a call actor driven like the agent and the engine would, its
// timeline taken by watchCall, and each rule's verdict read back by its SERVICE-STANDARD id.
import { describe, expect, it } from 'vitest';
import { startCall, type CallKit } from '../call/callTestKit.ts';
import { madeSilence, madeSpeech, madeTurns } from '../coaching/envelopeKit.ts';
import type { CallInput } from '../call/types.ts';
import { CSV_COLUMNS, exportRecord, toCsv, toJson } from './export.ts';
import { taskEvents } from './fromCall.ts';
import { isoWithOffset } from './isoTime.ts';
import { maskNumber, numberMatches } from './mask.ts';
import { recordFrom } from './record.ts';
import type { TimelineEvent } from './timeline.ts';
import type { RecordRuleId } from './verdicts.ts';
import { watchCall } from './watchCall.ts';

// The kit's clock starts at 0: 1970-01-01 08:00 in Shanghai.
const T0 = 0;

function recorded(overrides: Partial<CallInput> = {}) {
  const kit = startCall({ id: 'call-1', ...overrides });
  const timeline: TimelineEvent[] = [];
  watchCall(kit.actor, { number: maskNumber, agent: '1001' }, (events) => timeline.push(...events));
  const record = () => recordFrom(timeline);
  const verdict = (rule: RecordRuleId) => record().rules.find((r) => r.rule === rule)!;
  return { kit, timeline, record, verdict };
}

describe('a call record (timeline → verdicts)', () => {
  it('N1, N2, C2, C3 met: answered in 1 ring, greeted at once, closing, the agent hangs up after the 5 s lock', () => {
    const { kit, record, verdict, timeline } = recorded();
    kit.advance(6_000).send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' });
    kit.advance(1_200).send({ type: 'AGENT.GREETED' });
    kit.advance(30_000).send({ type: 'AGENT.CLOSING' }, { type: 'AGENT.CLOSING' }).advance(5_000).send({ type: 'AGENT.HANGUP' });
    const r = record();
    expect(verdict('N1')).toMatchObject({ verdict: 'met', why: 'answeredInRings', facts: { rings: 1, limit: 3, s: 6 } });
    expect(verdict('N2')).toMatchObject({ verdict: 'met', why: 'greetedInTime', facts: { s: 1.2, limit: 3 } });
    expect(verdict('C2')).toMatchObject({ verdict: 'met', why: 'closingSaid' });
    expect(verdict('C1')).toMatchObject({ verdict: 'met', why: 'askedAnythingElse' });
    expect(verdict('C3')).toMatchObject({ verdict: 'met', why: 'agentAfterWait', facts: { s: 5, wait: 5 } });
    expect(verdict('H3').verdict).toBe('na');
    expect(r).toMatchObject({
      id: 'call-1', direction: 'in', number: '138****8000', rings: 1, answeredAfterMs: 6_000, greetedAfterMs: 1_200,
      closingAfterMs: 31_200, hangupAfterClosingMs: 5_000, endedBy: 'agent', verdict: 'met', missedRules: [], incomplete: false,
    });
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['started', 'ring', 'answered', 'connected', 'greeted', 'closing', 'lock.over', 'ended']));
    expect(timeline[0]).toMatchObject({ type: 'started', at: T0, agent: '1001', rules: { checkInEvery: 15_000, checkInGrace: 5_000 } });
  });

  it('N1 missed: answered after the third ring (15 s)', () => {
    const { kit, verdict } = recorded();
    kit.advance(16_000).send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' }, { type: 'AGENT.GREETED' });
    expect(verdict('N1')).toMatchObject({ verdict: 'missed', why: 'answeredLate', facts: { rings: 3, limit: 3 } });
  });

  it('N1 missed for a declined call; N1 not applicable when the caller hangs up before the third ring', () => {
    const declined = recorded();
    declined.kit.advance(2_000).send({ type: 'AGENT.DECLINE' });
    expect(declined.verdict('N1')).toMatchObject({ verdict: 'missed', why: 'declined' });
    expect(declined.record()).toMatchObject({ endKind: 'declined', endedBy: 'agent', verdict: 'missed', missedRules: ['N1'] });

    const left = recorded();
    left.kit.advance(7_000).send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'Canceled' });
    expect(left.verdict('N1')).toMatchObject({ verdict: 'na', why: 'callerLeftEarly' });
    expect(left.record()).toMatchObject({ endKind: 'missed', endedBy: 'customer', verdict: 'met' });
  });

  it('N2 missed: no greeting heard within 3 s of connecting', () => {
    const { kit, verdict, record } = recorded();
    kit.send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' }).advance(3_100).send({ type: 'AGENT.GREETED' });
    expect(verdict('N2')).toMatchObject({ verdict: 'missed', why: 'greetedLate', facts: { limit: 3 } });
    expect(record().greetedAfterMs).toBeUndefined();
  });

  it('H1 met and H3 missed: a check-in done after the alert escalated is late by how much', () => {
    const { kit, verdict, record } = recorded();
    kit.connect().advance(10_000).hold();
    kit.advance(15_000); // due at 15 s
    kit.advance(6_100).send({ type: 'AGENT.CHECKED_IN' }); // escalated at 20 s, done at 21.1 s
    kit.advance(3_000).send({ type: 'AGENT.RESUME' }, { type: 'ENGINE.UNHOLD_ACCEPTED' });
    kit.advance(5_000).send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(verdict('H1')).toMatchObject({ verdict: 'met', why: 'consentAsked', facts: { holds: 1 } });
    expect(verdict('H3')).toMatchObject({ verdict: 'missed', why: 'checkInLate', facts: { count: 1, late: 6.1, grace: 5 } });
    expect(verdict('C3')).toMatchObject({ verdict: 'met', why: 'customerFirst' });
    expect(record()).toMatchObject({ holds: 1, checkInsDue: 1, checkInsOnTime: 0, longestHoldMs: 24_100, verdict: 'missed', missedRules: ['H3'], endedBy: 'customer' });
  });

  it('H3 met: every check-in done before the alert escalates', () => {
    const { kit, verdict, record } = recorded();
    kit.connect().hold();
    kit.advance(15_000).advance(2_000).send({ type: 'AGENT.CHECKED_IN' });
    kit.advance(15_000).advance(1_000).send({ type: 'AGENT.CHECKED_IN' });
    kit.send({ type: 'AGENT.RESUME' }, { type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(verdict('H3')).toMatchObject({ verdict: 'met', why: 'checkInsOnTime', facts: { due: 2 } });
    expect(record()).toMatchObject({ checkInsDue: 2, checkInsOnTime: 2, incomplete: true });
  });

  it('H3 missed when a check-in came due and the call ended without it', () => {
    const { kit, verdict } = recorded();
    kit.connect().hold().advance(16_000).send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(verdict('H3')).toMatchObject({ verdict: 'missed', why: 'checkInNotDone', facts: { count: 1 } });
  });

  it('H4: past the 2 min limit a call-back offered meets it; none offered misses it; N5 follows the task', () => {
    const offered = recorded({ timings: { ...startCall().snapshot().context.timings, checkInEvery: 600_000 } });
    offered.kit.connect().hold().advance(121_000).send({ type: 'AGENT.OFFER_CALLBACK' });
    offered.kit.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(offered.verdict('H4')).toMatchObject({ verdict: 'met', why: 'callbackOffered', facts: { limit: 120 } });
    expect(offered.record().callbackOffered).toBe(true);
    expect(offered.verdict('N5')).toMatchObject({ verdict: 'na', why: 'callbackPending' });
    const promised = offered.timeline.find((e) => e.type === 'callback.promised')!;
    expect(promised).toMatchObject({ number: '138****8000' });
    const task = { id: 'task-1', due: false, attempts: 0, context: { number: '13800138000', dueAt: 0 } };
    offered.timeline.push(
      ...taskEvents(undefined, task, promised.at),
      ...taskEvents(task, { ...task, due: true }, promised.at + 300_000),
      ...taskEvents({ ...task, due: true }, { ...task, due: true, attempts: 1, outcome: { outcome: 'done', late: true, closedAt: promised.at + 330_000 } }, promised.at + 330_000),
    );
    expect(offered.verdict('N5')).toMatchObject({ verdict: 'missed', why: 'calledBackLate', facts: { late: 30 } });

    const notOffered = recorded({ timings: { ...startCall().snapshot().context.timings, checkInEvery: 600_000 } });
    notOffered.kit.connect().hold().advance(130_000).send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(notOffered.verdict('H4')).toMatchObject({ verdict: 'missed', why: 'callbackNotOffered' });
  });

  it('C3 missed for an override, with the reason in the record', () => {
    const { kit, verdict, record } = recorded({ overrideAllowed: true });
    kit.connect().advance(8_000).send({ type: 'AGENT.OVERRIDE_HANGUP', reason: 'fire alarm' });
    expect(verdict('C3')).toMatchObject({ verdict: 'missed', why: 'override', facts: { reason: 'fire alarm' } });
    expect(verdict('C2')).toMatchObject({ verdict: 'missed', why: 'endedWithoutClosing' });
    expect(record()).toMatchObject({ endKind: 'override', endedBy: 'agent', overrideReason: 'fire alarm', missedRules: ['C2', 'C3'] });
  });

  it('C4 met: harassment warning, then the system hangs up 3 s later', () => {
    const { kit, verdict, record } = recorded();
    kit.connect().advance(4_000).send({ type: 'AGENT.HARASSMENT' }).advance(3_000);
    expect(verdict('C4')).toMatchObject({ verdict: 'met', why: 'warnedThenEnded', facts: { s: 3 } });
    expect(verdict('C3')).toMatchObject({ verdict: 'na', why: 'ended.system-hangup' });
    expect(record()).toMatchObject({ endKind: 'system-hangup', endedBy: 'system', verdict: 'met' });
  });

  it('N9 met: the silent-call sequence runs to the system hang-up', () => {
    const { kit, verdict } = recorded();
    kit.connect().send({ type: 'AGENT.SILENT_CALL' }).advance(15_000);
    expect(verdict('N9')).toMatchObject({ verdict: 'met', why: 'silentSequenceDone', facts: { prompts: 3 } });
  });

  it('T1 and T2 met for an attended transfer; T2 missed for a blind one; T3 met when a busy target gets the fallback', () => {
    const attended = recorded();
    attended.kit.connect().send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: '1403' }, { type: 'ENGINE.HOLD_ACCEPTED' },
      { type: 'ENGINE.CONSULT_CONFIRMED' }, { type: 'AGENT.COMPLETE_TRANSFER' }, { type: 'ENGINE.TRANSFER_DONE' });
    expect(attended.verdict('T1')).toMatchObject({ verdict: 'met' });
    expect(attended.verdict('T2')).toMatchObject({ verdict: 'met', why: 'attendedTransfer', facts: { target: '1403' } });
    expect(attended.record()).toMatchObject({ transfer: 'attended', transferOutcome: 'done', endedBy: 'agent' });

    const blind = recorded();
    blind.kit.connect().send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.BLIND_TRANSFER', target: '1404' }, { type: 'ENGINE.TRANSFER_DONE' });
    expect(blind.verdict('T2')).toMatchObject({ verdict: 'missed', why: 'blindTransfer' });

    const busy = recorded();
    busy.kit.connect().send({ type: 'AGENT.TRANSFER_START' }, { type: 'AGENT.CONSULT', target: '1405' }, { type: 'ENGINE.HOLD_ACCEPTED' },
      { type: 'ENGINE.CONSULT_FAILED', status: 486 }, { type: 'ENGINE.UNHOLD_ACCEPTED' });
    expect(busy.verdict('T3')).toMatchObject({ verdict: 'met', why: 'fallbackGiven', facts: { kind: 'transfer-busy' } });
    expect(busy.record()).toMatchObject({ transfer: 'attended', transferOutcome: 'busy' });
  });

  it('a record without its end is incomplete; what is known is still judged', () => {
    const { kit, record } = recorded();
    kit.connect().hold();
    expect(record()).toMatchObject({ incomplete: true, holds: 1, verdict: 'met' });
  });
});

describe('numbers', () => {
  it('masks a mobile number as 138****8000 and finds it by its visible digits or the whole number', () => {
    expect(maskNumber('13800138000')).toBe('138****8000');
    expect(maskNumber('2301')).toBe('2301');
    expect(numberMatches('138****8000', '8000')).toBe(true);
    expect(numberMatches('138****8000', '13800138000')).toBe(true);
    expect(numberMatches('138****8000', '13900139000')).toBe(false);
  });
});

describe('export (AUTOMATION-CONTRACT §5)', () => {
  const call = () => {
    const { kit, record, timeline } = recorded({ overrideAllowed: true });
    kit.advance(3_000).send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' }, { type: 'AGENT.GREETED' });
    kit.advance(2_000).send({ type: 'AGENT.OVERRIDE_HANGUP', reason: '=HYPERLINK("x"), "urgent"' });
    return { r: record(), timeline };
  };

  it('CSV: UTF-8 BOM, the contract\'s columns in order, CRLF rows, quoted cells, no formula from typed text', () => {
    const { r } = call();
    const csv = toCsv([r], 'Asia/Shanghai');
    expect(csv.startsWith('\uFEFFcall_id,started_at,direction,number,tier,scenario,rings,answered_after_ms,greeted_after_ms,holds,check_ins_due,check_ins_on_time,longest_hold_ms,callback_offered,transfer,transfer_outcome,closing_after_ms,ended_by,hangup_after_closing_ms,override_reason,agent_rate_cpm,talk_overs,verdict,missed_rules,incomplete\r\n')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toBe('call-1,1970-01-01T08:00:00.000+08:00,in,138****8000,ordinary,,0,3000,0,0,0,0,0,no,none,,,agent,,"\'=HYPERLINK(""x""), ""urgent""",,,missed,C2;C3,no');
    expect(csv.slice(1).split('\r\n')[0]!.split(',')).toEqual([...CSV_COLUMNS]);
  });

  it('JSON: the same columns and values per call, plus the verdicts and the timeline', () => {
    const { r, timeline } = call();
    expect(r.id).toBe('call-1');
    const [json] = JSON.parse(toJson([exportRecord(timeline, 'Asia/Shanghai', (v) => `${v.rule} ${v.verdict}`)])) as Array<Record<string, unknown>>;
    expect(Object.keys(json!).slice(0, CSV_COLUMNS.length)).toEqual([...CSV_COLUMNS]);
    expect(json).toMatchObject({ call_id: 'call-1', rings: 0, answered_after_ms: 3000, greeted_after_ms: 0, override_reason: '=HYPERLINK("x"), "urgent"', verdict: 'missed', missed_rules: 'C2;C3', agent_rate_cpm: null });
    expect((json!.rules as Array<{ rule: string; line: string }>).find((v) => v.rule === 'C3')?.line).toBe('C3 missed');
    expect((json!.timeline as Array<{ type: string; time: string }>)[0]).toMatchObject({ type: 'started', time: '1970-01-01T08:00:00.000+08:00' });
  });

  it('writes the agent\'s local time with its offset', () => {
    const friday = Date.UTC(2025, 4, 16, 2, 0);
    expect(isoWithOffset(friday + 1_234, 'Asia/Shanghai')).toBe('2025-05-16T10:00:01.234+08:00');
    expect(isoWithOffset(friday, 'America/New_York')).toBe('2025-05-15T22:00:00.000-04:00');
    expect(isoWithOffset(friday + 0.9001, 'Asia/Shanghai')).toBe('2025-05-16T10:00:00.000+08:00');
  });
});

describe('speech coaching in the record (issue 12)', () => {
  /** Both sides' envelope frames as the call link sends them: 500 ms every 500 ms. */
  const hear = (kit: CallKit, agent: readonly number[], customer: readonly number[] = []) => {
    const n = Math.max(agent.length, customer.length);
    const pad = (side: readonly number[]) => [...side, ...madeSilence((n - side.length) * 10)];
    const [a, c] = [pad(agent), pad(customer)];
    for (let i = 0; i < n; i += 50) {
      kit.advance(500).send({ type: 'COACH.FEATURES', frameMs: 10, agent: a.slice(i, i + 50), customer: c.slice(i, i + 50) });
    }
  };
  const connected = () => {
    const rec = recorded();
    rec.kit.advance(2_000).send({ type: 'AGENT.ANSWER' }, { type: 'ENGINE.CONFIRMED' }, { type: 'AGENT.GREETED' });
    return rec;
  };

  it('N11: the agent\'s mean rate is the CSV\'s agent_rate_cpm, and the JSON keeps the other figures', () => {
    const { kit, record, timeline } = connected();
    hear(kit, madeSpeech({ rate: 135, speechMs: 25_000, seed: 7 }).frames);
    const live = kit.snapshot().context.coaching!.figures;
    // Every 10 s of the agent's speech a figure goes on the timeline (a page killed now keeps it).
    expect(timeline.filter((e) => e.type === 'coaching').length).toBeGreaterThanOrEqual(1);
    kit.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    const r = record();
    expect(r.coaching).toMatchObject({ band: { min: 120, max: 150 }, meanRate: live.meanRate, talkOvers: 0, customerTalkOvers: 0 });
    expect(Math.abs(r.coaching!.meanRate! - 135)).toBeLessThan(135 * 0.06);
    expect(r.coaching!.speechMs).toBe(live.agentSpeechMs);
    // The last figure is taken at the end, just before it.
    expect(timeline.slice(-2).map((e) => e.type)).toEqual(['coaching', 'ended']);
    const row = toCsv([r], 'Asia/Shanghai').split('\r\n')[1]!.split(',');
    expect(row[CSV_COLUMNS.indexOf('agent_rate_cpm')]).toBe(String(live.meanRate));
    expect(row[CSV_COLUMNS.indexOf('talk_overs')]).toBe('0');
    const json = exportRecord(timeline, 'Asia/Shanghai');
    expect(json).toMatchObject({ agent_rate_cpm: live.meanRate, talk_overs: 0, coaching: { speechMs: live.agentSpeechMs, outOfRangeMs: live.outOfRangeMs } });
  });

  it('F2: talk-overs by the agent are talk_overs; the customer\'s are kept apart; each is on the timeline', () => {
    const { kit, record, timeline } = connected();
    const total = 20_000;
    const customer = madeTurns([[1_000, 6_000], [11_000, 16_000]], total, { seed: 40 });
    const agent = madeTurns([[5_000, 12_000]], total, { seed: 41 });
    hear(kit, agent, customer);
    kit.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(timeline.filter((e) => e.type === 'talkOver')).toEqual([
      { type: 'talkOver', by: 'agent', at: expect.any(Number) }, { type: 'talkOver', by: 'customer', at: expect.any(Number) },
    ]);
    expect(record().coaching).toMatchObject({ talkOvers: 1, customerTalkOvers: 1 });
    expect(exportRecord(timeline, 'Asia/Shanghai').talk_overs).toBe(1);
  });

  it('N11: a rate hint and dead air are facts of the record; a record cut short keeps the last figure', () => {
    const { kit, record, timeline } = connected();
    hear(kit, madeSpeech({ rate: 210, speechMs: 16_000, seed: 2 }).frames);
    hear(kit, madeSilence(12_000));
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['rateHint', 'deadAir', 'coaching']));
    // No end yet (the page could be killed here): the figures so far are in the record.
    const r = record();
    expect(r.incomplete).toBe(true);
    expect(r.coaching).toMatchObject({ rateHints: 1, deadAirCount: 1 });
    expect(r.coaching!.meanRate!).toBeGreaterThan(150);
  });

  it('a call with no audio for the coach leaves both columns empty', () => {
    const { kit, record } = connected();
    kit.send({ type: 'ENGINE.ENDED', by: 'remote', cause: 'BYE' });
    expect(record().coaching).toBeUndefined();
    const row = toCsv([record()], 'Asia/Shanghai').split('\r\n')[1]!.split(',');
    expect([row[CSV_COLUMNS.indexOf('agent_rate_cpm')], row[CSV_COLUMNS.indexOf('talk_overs')]]).toEqual(['', '']);
  });
});
