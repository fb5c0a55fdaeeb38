// The web host as an attacker on 127.0.0.1 meets it (docs/security.md): a page that did not come
// through the URL `seatmate web` printed gets nothing from the API and tells the agent what to
// open; malformed requests leave the host standing, and it goes on serving calls.
import { test, expect } from '@playwright/test';
import { useSipLab } from '../harness/lab.ts';
import { sendRaw } from '../harness/rawHttp.ts';

const lab = useSipLab('host-secret');

test('a page without the token gets 401 and says what to open; after malformed requests the host still serves a call', async () => {
  const a = await lab.agent('1401');
  expect(a.page.url()).not.toContain('token'); // traded for the cookie, gone from the address bar

  const context = await lab.browser.newContext(); // another session: no cookie
  try {
    const stranger = await context.newPage();
    const settings = stranger.waitForResponse((r) => new URL(r.url()).pathname === '/api/settings');
    await stranger.goto(a.host.url);
    expect((await settings).status()).toBe(401);
    await expect(stranger.getByText(/open the URL "seatmate web" printed/)).toBeVisible();
  } finally {
    await context.close();
  }

  const host = `127.0.0.1:${a.host.port}`;
  const bad = [
    `GET /%zz HTTP/1.1\r\nhost: ${host}\r\n\r\n`,
    `GET /${'a'.repeat(10_000)} HTTP/1.1\r\nhost: ${host}\r\n\r\n`,
    `GET /in\0dex.html HTTP/1.1\r\nhost: ${host}\r\n\r\n`,
    `BREW /api/settings HTTP/1.1\r\nhost: ${host}\r\n\r\n`,
    `POST /api/commands HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 999999999\r\n\r\n{}`,
    `POST /api/commands HTTP/1.1\r\nhost: ${host}\r\nauthorization: Bearer ${a.host.token}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n`,
    `GET / HTTP/1.1\r\nhost: ${host}\r\nx-big: ${'x'.repeat(100_000)}\r\n\r\n`,
    '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', // a TLS hello
  ];
  for (const raw of bad) {
    const answer = await sendRaw(a.host.port, raw, { timeoutMs: 1_000 });
    if (answer.status !== undefined) expect(answer.status, raw.slice(0, 40)).toBeGreaterThanOrEqual(400);
    expect(answer.status ?? 400, raw.slice(0, 40)).toBeLessThan(500);
  }

  // The agent's page reloads from the host (shell, settings, credentials, content), registers, and takes a call.
  await a.page.reload();
  await expect(a.page.getByRole('status', { name: 'Registration' })).toContainText('Registered', { timeout: 10_000 });
  const caller = await lab.bot('2401');
  await caller.call('sip:1401@127.0.0.1');
  await a.page.getByRole('button', { name: 'Answer' }).click();
  await caller.waitFor('confirmed');
  await expect(a.page.getByRole('region', { name: 'Call in progress' })).toBeVisible();
  await caller.hangup();
  await expect(a.page.getByRole('region', { name: 'Call in progress' })).toHaveCount(0);
  expect(a.pageErrors).toEqual([]);
});
