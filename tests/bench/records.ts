// The `records` subject (issue 11): writing a call's record must not slow the call, the scorecard
// must stay quick over a big store, and the store must keep to its retention.
//  - answer / hang-up: two agents, records on (the default) and off (recordsRetentionDays 0),
//    calls interleaved; the ratio on/off of the p50s is printed (≈ 1.00: no measurable delay).
//  - scorecard: 10,000 synthetic records (and 2,000 past retention) put into the agent page's
//    IndexedDB; after a reload (start-up prunes), Records clicked → scorecard rendered.
import type { Page } from 'playwright-core';
import { Bot } from '../harness/bot.ts';
import { startAgent, type Agent } from '../harness/agent.ts';
import { ensureWebBuild } from '../../scripts/webBuild.ts';
import { gapMs, percentile, type BenchEnv, type Samples, type Subject } from './measure.ts';

// Strings, not functions: tsx's name-keeping helper (__name) does not exist in the page.
const INSTRUMENT = `(() => {
  const w = window;
  w.recordsBench = { clicks: [] };
  document.addEventListener('click', (e) => {
    const el = e.target && e.target.closest ? e.target.closest('button') : null;
    w.recordsBench.clicks.push({ name: el ? (el.getAttribute('aria-label') || el.textContent || '').trim() : '', at: performance.timeOrigin + e.timeStamp });
  }, true);
})()`;

const lastClick = async (page: Page, name: string): Promise<{ at: number }> => {
  const clicks = (await page.evaluate('window.recordsBench.clicks')) as Array<{ name: string; at: number }>;
  const click = clicks.filter((c) => c.name.startsWith(name)).at(-1);
  if (!click) throw new Error(`records bench: no '${name}' click recorded`);
  return click;
};

/** Fills the page's records store: `recent` records over the last 30 days, `old` ones 100–130 days old. */
const SEED = (recent: number, old: number) => `(async () => {
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('seatmate-records'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const now = Date.now();
  const DAY = 86400000;
  const tx = db.transaction(['records', 'events'], 'readwrite');
  const put = (i, startedAt) => {
    const missed = i % 5 === 0 ? ['N2'] : i % 11 === 0 ? ['H3', 'C3'] : [];
    tx.objectStore('records').put({
      id: 'synthetic-' + i, startedAt, lastAt: startedAt + 90000, direction: 'in', number: '138****' + String(1000 + (i % 9000)),
      tier: ['vip', 'brand', 'ordinary'][i % 3], scenario: i % 4 ? '' : 'complaint', rings: 1 + (i % 3), answeredAfterMs: 4000,
      greetedAfterMs: 1200, holds: i % 3 ? 0 : 1, checkInsDue: i % 3 ? 0 : 1, checkInsOnTime: i % 3 ? 0 : 1, longestHoldMs: i % 3 ? 0 : 20000,
      callbackOffered: false, transfer: 'none', transferOutcome: '', endKind: 'customer-first', endedBy: 'customer', overrideReason: '',
      applied: ['N1', 'N2', 'C1', 'C2', 'C3'].concat(i % 3 ? [] : ['H1', 'H3']).concat(i % 11 === 0 && i % 3 ? ['H3'] : []),
      verdict: missed.length ? 'missed' : 'met', missedRules: missed, incomplete: false, session: 'synthetic', closed: true,
    });
    tx.objectStore('events').add({ call: 'synthetic-' + i, event: { type: 'started', at: startedAt } });
  };
  for (let i = 0; i < ${recent}; i++) put(i, now - Math.floor((i / ${recent}) * 30 * DAY) - 60000);
  for (let i = 0; i < ${old}; i++) put(${recent} + i, now - (100 + (i % 30)) * DAY);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
})()`;

const COUNT = `(async () => {
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('seatmate-records'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const count = (name) => new Promise((resolve) => { const r = db.transaction(name).objectStore(name).count(); r.onsuccess = () => resolve(r.result); });
  const oldest = await new Promise((resolve) => { const r = db.transaction('records').objectStore('records').index('startedAt').openCursor(); r.onsuccess = () => resolve(r.result ? r.result.value.startedAt : null); });
  const out = { records: await count('records'), events: await count('events'), oldestDays: oldest === null ? null : (Date.now() - oldest) / 86400000 };
  db.close();
  return out;
})()`;

async function agent(env: BenchEnv, user: string, retentionDays: number): Promise<Agent> {
  const a = await startAgent(env.browser, {
    user, wsUrl: env.proxy.wsUrl, lang: 'en',
    extra: { timings: { hangupWait: 0 }, records: { retentionDays, maskNumbers: true } },
  });
  await a.page.getByRole('status', { name: 'Registration' }).filter({ hasText: 'Registered' }).waitFor({ timeout: 10_000 });
  await a.page.evaluate(INSTRUMENT);
  return a;
}

/** One call answered and hung up by the agent: click → caller confirmed, click → caller got the BYE. */
async function oneCall(a: Agent, bot: Bot, user: string): Promise<{ answer: number; hangup: number }> {
  await bot.call(`sip:${user}@127.0.0.1`);
  await a.page.getByRole('button', { name: 'Answer' }).click();
  const confirmed = await bot.waitFor('confirmed');
  const answer = gapMs(await lastClick(a.page, 'Answer'), confirmed);
  await a.page.getByRole('button', { name: 'Closing', exact: true }).click();
  await a.page.getByRole('button', { name: 'Nothing else' }).click(); // C1: asked, recapped, confirmed
  const hangupButton = a.page.getByRole('button', { name: 'Hang up' });
  await hangupButton.and(a.page.locator(':enabled')).waitFor({ timeout: 5_000 });
  await hangupButton.click();
  const ended = await bot.waitFor('ended');
  const hangup = gapMs(await lastClick(a.page, 'Hang up'), ended);
  await a.page.getByRole('textbox', { name: 'Number' }).waitFor();
  return { answer, hangup };
}

export const records: Subject = {
  name: 'records',
  async run(env: BenchEnv): Promise<Samples> {
    await ensureWebBuild();
    const samples: Required<Pick<Samples, 'answer' | 'hangup' | 'answerNoRecords' | 'hangupNoRecords' | 'scorecard'>> = {
      answer: [], hangup: [], answerNoRecords: [], hangupNoRecords: [], scorecard: [],
    };
    const notes: string[] = [];
    const on = await agent(env, '3302', 90);
    const off = await agent(env, '3303', 0);
    const bot = await Bot.launch(env.browser, { uri: 'sip:3301@127.0.0.1', wsUrl: env.proxy.wsUrl, muted: true });
    try {
      await bot.register();
      for (let i = 0; i <= env.calls; i++) {
        // Interleaved, the order swapped each round: drift in the machine's load hits both alike.
        const order: Array<[Agent, string, boolean]> = i % 2 ? [[off, '3303', false], [on, '3302', true]] : [[on, '3302', true], [off, '3303', false]];
        for (const [a, user, recording] of order) {
          const t = await oneCall(a, bot, user);
          if (i === 0) continue; // warm-up round
          (recording ? samples.answer : samples.answerNoRecords).push(t.answer);
          (recording ? samples.hangup : samples.hangupNoRecords).push(t.hangup);
        }
      }
      const ratio = (a: number[], b: number[]) => (percentile(a, 50) / percentile(b, 50)).toFixed(2);
      notes.push(`records on/off p50 ratio: answer ${ratio(samples.answer, samples.answerNoRecords)}× (${percentile(samples.answer, 50)} vs ${percentile(samples.answerNoRecords, 50)} ms), hang-up ${ratio(samples.hangup, samples.hangupNoRecords)}× (${percentile(samples.hangup, 50)} vs ${percentile(samples.hangupNoRecords, 50)} ms)`);
      const written = (await on.page.evaluate(COUNT)) as { records: number };
      notes.push(`records written by the recording agent: ${written.records} (${env.calls + 1} calls)`);

      // The scorecard over 10,000 records; 2,000 more are past the 90-day retention.
      const page = on.page;
      await page.evaluate(SEED(10_000, 2_000));
      const seeded = (await page.evaluate(COUNT)) as { records: number; events: number; oldestDays: number };
      await page.reload();
      await page.getByRole('status', { name: 'Registration' }).filter({ hasText: 'Registered' }).waitFor({ timeout: 10_000 });
      await page.evaluate(INSTRUMENT);
      // Start-up pruning runs once Dexie is loaded; wait until the store has settled.
      let kept = (await page.evaluate(COUNT)) as { records: number; events: number; oldestDays: number };
      for (let tries = 0; tries < 50 && kept.records > 10_000 + written.records; tries++) {
        await page.waitForTimeout(100);
        kept = (await page.evaluate(COUNT)) as typeof kept;
      }
      notes.push(`store within retention: seeded ${seeded.records} records (oldest ${seeded.oldestDays.toFixed(0)} days), after start-up ${kept.records} records, ${kept.events} timeline events, oldest ${kept.oldestDays.toFixed(1)} days (retention 90 days)`);
      if (kept.oldestDays > 90) throw new Error(`records bench: a record ${kept.oldestDays} days old outlived the 90-day retention`);

      const records = page.getByRole('button', { name: 'Records', exact: true });
      const summary = page.getByRole('region', { name: 'Scorecard' }).getByRole('status');
      const rounds = Math.max(3, Math.min(env.calls, 10));
      for (let i = 0; i <= rounds; i++) {
        await records.click();
        await summary.filter({ hasText: /\d+ calls/ }).waitFor({ timeout: 10_000 });
        const shownAt = (await page.evaluate(`new Promise((r) => requestAnimationFrame(() => r(performance.timeOrigin + performance.now())))`)) as number;
        const click = await lastClick(page, 'Records');
        if (i === 0) notes.push(`scorecard, first open (the view's chunk fetched too): ${gapMs(click, { at: shownAt })} ms`);
        else samples.scorecard.push(gapMs(click, { at: shownAt }));
        await page.getByRole('button', { name: 'Close' }).click();
      }
    } finally {
      await Promise.all([on.close(), off.close(), bot.close()]);
    }
    return { ...samples, notes };
  },
};
