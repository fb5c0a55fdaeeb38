// Issue 10, item 3: a tel:/sip: link — which any web page or e-mail can open — only fills the dial
// box, and never with a feature code (* or #) unless IT policy allows them.
import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../../src/core/bridge.ts';
import { createLinkOpener, parseDialLink } from '../../../src/main/deepLinks.ts';

const locked = { featureCodesAllowed: false };
const allowed = { featureCodesAllowed: true };

/** The hostile link from the issue: call forwarding (*72) to a premium-rate number. */
const HOSTILE = 'tel:%2A72%2B19005550100';
const VARIANTS = [
  HOSTILE, 'tel:*72+19005550100', 'TEL:%2a72%2b19005550100', 'tel://%2A72%2B19005550100', 'tel:*72',
  'tel:1-*-72', 'tel:(*)72', 'tel:1.*.72', 'tel:%20*72', 'tel:%0A*72', 'tel:+1900-555-0100%23', 'tel:1900 # 5',
  'tel:#31#10086', 'tel:%2331%2310086', 'tel:10086#', 'tel:1900#*72', 'tel:*72;phone-context=example.org',
  'sip:*72@pbx.example.org', 'sip:%2A72%2B19005550100@pbx.example.org', 'sips:#31#10086@pbx.example.org', 'sip:1-*-72@pbx',
  // Encodings that hide the code, or do not decode in one pass to plain digits.
  'tel:%252A72', 'tel:%2A72%zz', 'tel:＊72', 'tel:%E2%88%9772', 'tel:%2A%37%32',
];

const hasFeatureCode = (c: AppCommand | undefined) => !!c && 'number' in c && /[*#]/.test(c.number);

function open(links: readonly string[], policy = locked) {
  const sent: AppCommand[] = [];
  const log: string[] = [];
  const opener = createLinkOpener((c) => sent.push(c), (m) => log.push(m));
  opener.setPolicy(policy);
  for (const link of links) opener.open(link);
  return { sent, log };
}

describe('tel:/sip: links fill the dial box and never dial', () => {
  it('a plain number becomes a prefill command, never a dial', () => {
    const { sent } = open(['tel:+86-138-0013-8000', 'sip:10086@pbx.example.org', 'tel:95588']);
    expect(sent).toEqual([
      { type: 'prefill', number: '+8613800138000' },
      { type: 'prefill', number: '10086' },
      { type: 'prefill', number: '95588' },
    ]);
    expect(sent.some((c) => c.type === 'dial')).toBe(false);
  });

  it('the hostile link from the issue (tel:%2A72%2B19005550100) is refused, logged without its number, and sends nothing', () => {
    expect(parseDialLink(HOSTILE, locked)).toEqual({ ok: false, reason: expect.stringMatching(/feature code/) });
    const { sent, log } = open([HOSTILE]);
    expect(sent).toEqual([]);
    expect(log).toEqual([expect.stringMatching(/^tel: link refused: .*feature code.*linkFeatureCodesAllowed/)]);
    expect(log.join()).not.toMatch(/1900|555/);
  });

  it.each(VARIANTS)('%s sends nothing', (link) => {
    expect(parseDialLink(link, locked).ok).toBe(false);
    const { sent, log } = open([link]);
    expect(sent).toEqual([]);
    expect(log).toHaveLength(1);
  });

  it('no mix of digits, separators, + and (encoded) * or # ever yields a command with * or #', () => {
    const parts = ['1', '9', '0', '+', '*', '#', '%2A', '%2a', '%23', '%2B', '-', '.', '(', ')', ' ', '%20', ';x=*', '@pbx'];
    let seed = 10;
    const next = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed; };
    const links: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let body = '';
      for (let n = 1 + (next() % 12); n > 0; n--) body += parts[next() % parts.length];
      links.push(`${['tel:', 'sip:', 'TEL:', 'sips:'][next() % 4]}${body}`);
    }
    const { sent } = open(links);
    expect(sent.length).toBeGreaterThan(0); // some were plain numbers
    expect(sent.filter(hasFeatureCode)).toEqual([]);
    expect(sent.every((c) => c.type === 'prefill')).toBe(true);
  });

  it('with linkFeatureCodesAllowed the feature code is prefilled — still not dialled', () => {
    expect(open([HOSTILE, 'tel:%2331%2310086'], allowed).sent).toEqual([
      { type: 'prefill', number: '*72+19005550100' },
      { type: 'prefill', number: '#31#10086' },
    ]);
  });

  it('links that arrive before the IT policy is read wait for it, then are judged by it', () => {
    const sent: AppCommand[] = [];
    const opener = createLinkOpener((c) => sent.push(c), () => {});
    opener.openArgv(['SeatMate.exe', '--hidden', HOSTILE]);
    opener.open('tel:10000');
    expect(sent).toEqual([]);
    opener.setPolicy(locked);
    expect(sent).toEqual([{ type: 'prefill', number: '10000' }]);
    for (let i = 0; i < 50; i++) createLinkOpener((c) => sent.push(c), () => {}).open('tel:1');
    expect(sent).toHaveLength(1); // openers without a policy send nothing
  });
});
