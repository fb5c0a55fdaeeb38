// The phone makes and takes real calls: SeatMate's UI in Chromium (through the web host),
// registered on a real Kamailio, talking to JsSIP bots with real media.
import { test, expect } from '@playwright/test';
import { agentInboundPackets, type Agent } from '../harness/agent.ts';
import { useSipLab } from '../harness/lab.ts';

const lab = useSipLab('phone-secret');

async function registered(a: Agent): Promise<void> {
  await expect(a.page.getByRole('status', { name: 'Registration' })).toContainText('Registered', { timeout: 10_000 });
}

test('the agent registers and the status says Registered', async () => {
  const a = await lab.agent('1101');
  await registered(a);
});

test('a VIP call rings with number and tier, carries media both ways, and the caller hanging up returns to idle', async () => {
  const a = await lab.agent('1102');
  await registered(a);
  const caller = await lab.bot('2102', { displayName: 'Zhang' });
  await caller.call('sip:1102@127.0.0.1', { headers: ['X-Caller-Tier: vip'] });

  const incoming = a.page.getByRole('region', { name: 'Incoming call' });
  await expect(incoming).toContainText('2102');
  await expect(incoming).toContainText('VIP');
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await caller.waitFor('confirmed');

  const callerBefore = (await caller.stats()).inboundPackets;
  await expect.poll(() => agentInboundPackets(a.page), { timeout: 10_000 }).toBeGreaterThan(20);
  await expect.poll(async () => (await caller.stats()).inboundPackets, { timeout: 10_000 }).toBeGreaterThan(callerBefore + 20);

  await caller.hangup();
  await expect(a.page.getByRole('region', { name: 'Call in progress' })).toHaveCount(0);
  await expect(a.page.getByRole('textbox', { name: 'Number' })).toBeVisible();
  expect(a.pageErrors).toEqual([]);
});

test('Decline answers the caller with 486 Busy Here', async () => {
  const a = await lab.agent('1103');
  await registered(a);
  const caller = await lab.bot('2103');
  await caller.call('sip:1103@127.0.0.1');
  await a.page.getByRole('button', { name: 'Decline' }).click();
  const failed = await caller.waitFor('failed');
  expect(failed.detail.status_code).toBe(486);
  await expect(a.page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
});

test('the agent dials a number, the far end answers, and media flows both ways', async () => {
  const a = await lab.agent('1104', { extra: { timings: { hangupWait: 1000 } } });
  await registered(a);
  const callee = await lab.bot('2104');
  await a.page.getByRole('textbox', { name: 'Number' }).fill('2104');
  await a.page.getByRole('button', { name: 'Call' }).click();
  const ring = await callee.waitFor('newRTCSession');
  expect(ring.detail.caller).toBe('1104');
  await callee.answer();
  await expect(a.page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await expect.poll(() => agentInboundPackets(a.page), { timeout: 10_000 }).toBeGreaterThan(20);
  await expect.poll(async () => (await callee.stats()).inboundPackets, { timeout: 10_000 }).toBeGreaterThan(20);
  // The standard's way out: the closing phrase, then Hang up once the lock is over.
  await a.page.getByRole('button', { name: 'Closing' }).click();
  await a.page.getByRole('button', { name: 'Nothing else' }).click(); // C1: asked, recapped, confirmed
  await expect(a.page.getByRole('button', { name: 'Hang up' })).toBeEnabled({ timeout: 3_000 });
  await a.page.getByRole('button', { name: 'Hang up' }).click();
  expect((await callee.waitFor('ended')).detail).toMatchObject({ originator: 'remote' });
});

test('a wrong password shows a clear registration error', async () => {
  const a = await lab.agent('1105', { password: 'not-the-password' });
  await expect(a.page.getByRole('status', { name: 'Registration' })).toContainText('wrong user name or password', { timeout: 10_000 });
});

test('a hostile display name and hostile headers: shown as text, capped, no script runs, safe defaults', async () => {
  const a = await lab.agent('1106');
  await registered(a);
  await a.page.evaluate(() => { (window as unknown as { pwned: number }).pwned = 0; });
  // ~10 kB in the From display name of the INVITE (UTF-8: 3 bytes a character).
  const hostile = `<img src=x onerror="window.pwned=1">${'长'.repeat(3_300)}`;
  const caller = await lab.bot('2106');
  await caller.call('sip:1106@127.0.0.1', {
    displayName: hostile,
    headers: ['X-Caller-Tier: <script>vip</script>', 'X-Scenario: ../../etc/passwd', `X-IVR-Path: ${'9'.repeat(500)}`],
  });
  const incoming = a.page.getByRole('region', { name: 'Incoming call' });
  await expect(incoming).toContainText('<img src=x onerror=');
  expect(await a.page.locator('img').count()).toBe(0);
  expect(((await incoming.textContent()) ?? '').length).toBeLessThan(400);
  expect(await a.page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0);
  // Hostile headers fall back to the safe defaults: an ordinary caller, no script picked.
  await expect(incoming).toContainText('Ordinary');
  await expect(a.page.getByRole('region', { name: 'Script' })).toHaveCount(0);
  await expect(a.page.getByRole('region', { name: 'Greeting' })).toBeVisible();
  await a.page.getByRole('button', { name: 'Decline' }).click();
});

test('in training mode a practice call rings, is answered and carries audio with no server', async () => {
  const a = await lab.agent('1108', { mode: 'training' });
  await expect(a.page.getByRole('status', { name: 'Registration' })).toContainText('Registered');
  await a.page.getByRole('button', { name: 'Start practice call' }).click();
  await expect(a.page.getByRole('region', { name: 'Incoming call' })).toContainText('VIP');
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await expect.poll(() => agentInboundPackets(a.page), { timeout: 10_000 }).toBeGreaterThan(20);
  await a.page.getByRole('button', { name: 'Caller hangs up' }).click();
  await expect(a.page.getByRole('region', { name: 'Call in progress' })).toHaveCount(0);
});

// Last: it stops and restarts the proxy the other tests share.
test('with the proxy down the agent says not connected, retries, and registers by itself when it is back', async () => {
  const a = await lab.agent('1107');
  await registered(a);
  await lab.proxy.stop();
  await expect(a.page.getByRole('status', { name: 'Registration' })).toContainText('Not connected', { timeout: 10_000 });
  await lab.proxy.start();
  await expect(a.page.getByRole('status', { name: 'Registration' })).toContainText('Registered', { timeout: 45_000 });
});
