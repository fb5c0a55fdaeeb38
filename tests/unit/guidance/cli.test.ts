// The real `seatmate` bin, spawned as IT scripts and CI would run it (AUTOMATION-CONTRACT §1).
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE, ROOT } from './content.ts';

const BIN = join(ROOT, 'bin', 'seatmate.mjs');
function run(args: string[], env: Record<string, string> = { SEATMATE_RESOURCES: FIXTURE }) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('seatmate CLI', () => {
  it('validate: 0 on the shipped resources/', () => {
    const r = run(['validate'], {});
    expect(r.err + r.out).toMatch(/^ok: /m);
    expect(r.code).toBe(0);
  });

  it('validate: 1 with FILE:LINE: message for a broken pack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seatmate-'));
    await writeFile(join(dir, 'pack.yaml'), 'id: x\nhotline: h\nbogus: 1\n');
    const r = run(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/pack\.yaml:3: bogus|pack\.yaml:3: unknown key "bogus"/);
    expect(r.out).toMatch(/pack\.yaml:\d+: /);
  });

  it('validate: 1 for a bad policy file, 2 for a missing path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seatmate-'));
    await writeFile(join(dir, 'policy.json'), '{\n  "mode": "live",\n  "nonsense": 1\n}\n');
    const r = run(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('policy.json:3: nonsense: unknown policy key');
    expect(run(['validate', join(dir, 'nope')]).code).toBe(2);
  });

  it('greet --json prints exactly the contract\'s keys', () => {
    const r = run(['greet', '--tier', 'vip', '--at', '2025-05-16T18:00', '--tz', 'Asia/Shanghai', '--pack', 'demo-10000', '--agent-id', '42', '--json']);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(g)).toEqual(['text', 'tier', 'period', 'occasion', 'pack', 'lang', 'sources']);
    expect(g).toMatchObject({ tier: 'vip', period: 'evening', occasion: 'weekend', pack: 'demo-10000', lang: 'zh-CN' });
    expect(g.text).toBe('晚上好!周末快乐!大客户专线客户代表42号为您服务,请问有什么可以帮您?');
  });

  it('greet: --at with an offset is that instant, whatever --tz says', () => {
    const r = run(['greet', '--tier', 'ordinary', '--at', '2025-05-16T10:00:00Z', '--tz', 'Asia/Shanghai', '--surname', '王', '--title', '先生', '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ period: 'evening', occasion: 'weekend' });
  });

  it('G1 greet: exit 2 when the pack\'s opening line says the agent\'s name and --agent-name is missing', () => {
    const without = run(['greet', '--tier', 'vip', '--at', '2025-05-13T09:00', '--tz', 'Asia/Shanghai', '--pack', 'mobile-10086'], {});
    expect(without.code).toBe(2);
    expect(without.err).toContain('pack "mobile-10086" greets with the agent\'s name: give --agent-name');
    const named = run(['greet', '--tier', 'vip', '--at', '2025-05-13T09:00', '--tz', 'Asia/Shanghai', '--pack', 'mobile-10086', '--agent-name', '王芳'], {});
    expect(named.code).toBe(0);
    expect(named.out).toBe('您好!全球通VIP客户代表王芳为您服务!\n');
  });

  it.each([
    [['greet', '--tier', 'gold', '--at', '2025-05-16T18:00']],
    [['greet', '--at', '2025-05-16T18:00']],
    [['greet', '--tier', 'vip', '--at', 'tomorrow']],
    [['greet', '--tier', 'vip', '--at', '2025-02-30T10:00']],
    [['greet', '--tier', 'vip', '--tz', 'Mars/Base']],
    [['greet', '--tier', 'vip', '--title', '先生']],
    [['greet', '--tier', 'vip', '--pack', 'nope']],
    [['greet', '--tier', 'vip', '--lang', 'fr']],
    [['greet', '--tier', 'vip', '--frobnicate']],
    [['frobnicate']],
    [[]],
  ])('bad input %j: clear message, exit 2', (args) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage: seatmate/);
  });

  it('scenarios --json lists ids, titles and sources', () => {
    const r = run(['scenarios', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { scenarios: Array<{ id: string; title: string; sources: unknown[] }> };
    expect(list.scenarios.map((s) => s.id)).toContain('complaint');
    for (const s of list.scenarios) expect(s.sources.length).toBeGreaterThan(0);
  });

  it('script ID --tier: steps with the tier\'s phrases; unknown id exits 1', () => {
    const r = run(['script', 'complaint', '--tier', 'vip', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as { steps: Array<{ text?: string }> };
    expect(s.steps.at(-1)?.text).toBe('感谢您使用大客户专线,再见。');
    expect(run(['script', 'complaint', '--tier', 'vip']).out).toContain('投诉处理');
    expect(run(['script', 'no-such', '--tier', 'vip']).code).toBe(1);
  });
});
