// Redaction (src/node/redact.ts) for both hosts' logs, checked on lines as SeatMate really writes
// them: JsSIP's debug output, a settings dump, a CRM URL, errors, deep objects.
import { describe, expect, it } from 'vitest';
import { redactText, redactValue } from '../../../src/node/redact.ts';
import { configureLogging, LOG_MAX_BYTES, type LoggerLike } from '../../../src/main/logging.ts';

const SECRETS = /hunter2|s3cret|6629fae4|deadbeef|t0ps3cret|abc123key|eyJhbGciOi|sid=9f8e7d/;
const NUMBERS = /13800138000|138\D?0013\D?8000|6552\D?9988|0013/;

describe('log redaction', () => {
  it('strips passwords in every common shape', () => {
    expect(redactText('{"uri":"sip:1001@x","password":"s3cret!"}')).not.toContain('s3cret');
    expect(redactText('password=s3cret&user=1001')).not.toContain('s3cret');
    expect(redactText("config { password: 's3cret' }")).not.toContain('s3cret');
    expect(redactText('ha1=abcdef0123')).not.toContain('abcdef0123');
  });

  it('strips SIP and HTTP authorization headers', () => {
    const invite = [
      'REGISTER sip:example.org SIP/2.0',
      'Authorization: Digest username="1001", realm="example.org", nonce="abc", response="6629fae49393a05397450978507c4ef1"',
      'Proxy-Authorization: Digest username="1001", response="deadbeef"',
      'Content-Length: 0',
    ].join('\r\n');
    const out = redactText(invite);
    expect(out).not.toContain('6629fae4');
    expect(out).not.toContain('deadbeef');
    expect(out).toContain('Content-Length: 0');
    expect(redactText('fetch with Authorization: Bearer eyJhbGciOi.abc')).not.toContain('eyJhbGciOi');
  });

  it('strips phone numbers and SIP user parts, keeps dates and short codes', () => {
    const out = redactText('call from 13800138000 (+86 138-0013-8000, 010 6552 9988) via sip:13800138000@pbx.example.org on 2024-05-01 to hotline 10000');
    expect(out).not.toMatch(/13800138000|0013|6552/);
    expect(out).toContain('2024-05-01');
    expect(out).toContain('10000');
    expect(out).toContain('@pbx.example.org');
    expect(redactText('dial tel:+8613800138000')).not.toContain('8613800138000');
  });

  it('strips callers\' display names from SIP headers and JSON', () => {
    expect(redactText('From: "张三" <sip:1234567@x>;tag=1')).not.toContain('张三');
    expect(redactText('{"displayName":"李四","tier":"vip"}')).toBe('{"displayName":"[redacted]","tier":"vip"}');
    expect(redactText('{"remote":"王五 13900001111","call":"ringing"}')).not.toContain('王五');
  });

  it('redacts objects and errors passed to the logger', () => {
    const v = redactValue({ sip: { password: 'pw', ws: ['wss://x'] }, agent: { name: '小王', id: '1001' } }) as Record<string, Record<string, unknown>>;
    expect(v.sip?.password).toBe('[redacted]');
    expect(v.agent?.name).toBe('[redacted]');
    expect(v.agent?.id).toBe('1001');
    const e = redactValue(new Error('register failed for password=hunter2')) as Error;
    expect(e.message).not.toContain('hunter2');
  });
});

describe('log redaction on real log lines', () => {
  it('a JsSIP REGISTER debug line keeps the method, registrar and headers but no credentials or caller', () => {
    const line = 'JsSIP:Transport sending message:\n\nREGISTER sip:pbx.example.org SIP/2.0\r\n' +
      'Via: SIP/2.0/WSS 3k2j8a.invalid;branch=z9hG4bK4096128\r\nMax-Forwards: 69\r\n' +
      'To: <sip:13800138000@pbx.example.org>\r\nFrom: "王小明" <sip:13800138000@pbx.example.org>;tag=f1tq3no1v6\r\n' +
      'Call-ID: 2mj4kq9ncq5ep0o7bre1\r\nCSeq: 2 REGISTER\r\n' +
      'Authorization: Digest algorithm=MD5, username="13800138000", realm="pbx.example.org", nonce="5f2b1c", uri="sip:pbx.example.org", response="6629fae49393a05397450978507c4ef1"\r\n' +
      'Contact: <sip:5j8d6p@3k2j8a.invalid;transport=ws>;+sip.ice;reg-id=1;expires=600\r\nExpires: 600\r\n' +
      'Cookie: sid=9f8e7d; lang=zh\r\nUser-Agent: JsSIP 3.13.8\r\nContent-Length: 0\r\n\r\n';
    const out = redactText(line);
    expect(out).not.toMatch(SECRETS);
    expect(out).not.toMatch(NUMBERS);
    expect(out).not.toContain('王小明');
    expect(out).toContain('REGISTER sip:pbx.example.org SIP/2.0');
    expect(out).toContain('CSeq: 2 REGISTER');
    expect(out).toContain('User-Agent: JsSIP 3.13.8');
    expect(out).toMatch(/Authorization: \[redacted\]\r\n/);
  });

  it('the same SIP message escaped inside a JSON string is redacted too', () => {
    const out = redactText(JSON.stringify({ message: 'Authorization: Digest username="1001", response="deadbeef"\r\nCookie: sid=9f8e7d\r\nContent-Length: 0', password: 'hunter2' }));
    expect(out).not.toMatch(SECRETS);
    expect(out).toContain('Content-Length: 0');
  });

  it('every secret key in a settings dump is masked, at any depth, whatever its spelling', () => {
    const dump = {
      mode: 'live',
      sip: { uri: 'sip:1001@pbx.example.org', ws: ['wss://1001:hunter2@pbx.example.org:8089/ws'], authUser: '1001', pw: 'hunter2', ha1: 'deadbeef', displayName: '王小明' },
      crm: { url: 'https://crm:t0ps3cret@crm.example.org/lookup?apiKey=abc123key&number=13800138000', secret: 's3cret', token: 'eyJhbGciOi', apiKey: 'abc123key' },
      http: { headers: { authorization: 'Basic aHVudGVyMg==', auth: 'hunter2', cookie: 'sid=9f8e7d', 'set-cookie': ['sid=9f8e7d; HttpOnly'] } },
      hasPassword: true,
    };
    const asText = JSON.stringify(redactValue(dump));
    expect(asText).not.toMatch(SECRETS);
    expect(asText).not.toContain('aHVudGVyMg');
    expect(asText).not.toMatch(NUMBERS);
    expect(asText).toContain('pbx.example.org');
    expect(asText).toContain('"hasPassword":true');
    // The same dump logged as text (JSON.stringify before the logger sees it).
    const text = redactText(JSON.stringify(dump));
    expect(text).not.toMatch(SECRETS);
    expect(text).not.toMatch(NUMBERS);
    expect(text).toContain('"mode":"live"');
  });

  it('credentials in a URL are masked, the host stays', () => {
    expect(redactText('connecting to wss://u:p@pbx.example.org:8089/ws')).toBe('connecting to wss://[redacted]@pbx.example.org:8089/ws');
    expect(redactText('CRM https://user:t0ps3cret@crm.example.org/tier?n=1 answered 500')).toBe('CRM https://[redacted]@crm.example.org/tier?n=1 answered 500');
    expect(redactText('GET https://crm.example.org/tier?access_token=eyJhbGciOi&x=1')).not.toContain('eyJhbGciOi');
  });

  it('phone numbers are masked however they are written', () => {
    for (const n of ['138.0013.8000', '138 0013 8000', '(010) 6552-9988', '+86.138.0013.8000', '+86 (10) 6552 9988', '13800138000.']) {
      expect(redactText(`CRM look-up for ${n} took 120 ms`), n).toMatch(/^CRM look-up for \[number\]\.? took 120 ms$/);
    }
  });

  it('dates, times, IP addresses, versions and short codes stay readable', () => {
    const line = 'at 2024-05-01 12:30:05.123 from 192.168.10.200:5060 JsSIP 3.13.8 hotline 10000, bank 95588, CSeq 2';
    expect(redactText(line)).toBe(line);
  });

  it('a JSON parse error does not echo the text it failed on', () => {
    const errors: string[] = [];
    for (const text of ['password=hunter2', '{"sip":{"password":hunter2}}', `${'x'.repeat(30)}pw=hunter2${'y'.repeat(30)}`, '{"token":hunter2']) {
      try { JSON.parse(text); } catch (e) { errors.push((e as Error).message); }
    }
    errors.push('settings.json: Unexpected token \'h\', ..."d":hunter2,"x"... is not valid JSON');
    for (const message of errors) {
      const out = redactText(`settings not loaded: ${message}`);
      expect(out, message).not.toContain('hunter2');
      expect(out).toContain('not valid JSON');
    }
    expect(redactText('Unexpected non-whitespace character after JSON at position 12 (line 1 column 13)'))
      .toBe('Unexpected non-whitespace character after JSON at position 12 (line 1 column 13)');
  });

  it('an Error with a number in its message, its cause and its own fields are redacted', () => {
    const cause = new Error('socket closed by wss://1001:hunter2@pbx.example.org');
    const error = Object.assign(new Error('CRM look-up for 138 0013 8000 failed: 500', { cause }), { code: 'E_CRM', caller: '13800138000' });
    const out = redactValue(error) as Error & { code: string; caller: string };
    expect(out).toBeInstanceOf(Error);
    expect(out.message).toBe('CRM look-up for [number] failed: 500');
    expect(out.stack).not.toMatch(NUMBERS);
    expect((out.cause as Error).message).not.toContain('hunter2');
    expect(out.code).toBe('E_CRM');
    expect(out.caller).toBe('[redacted]');
    expect(error.message).toContain('0013'); // the original is left alone
  });

  it('redacts an object ten levels down, and a cycle does not hang it', () => {
    type Deep = Record<string, unknown>;
    const leaf: Deep = { password: 'hunter2', remote: '13800138000', note: 'call back on 138.0013.8000', caller: { phone: '13800138000' }, tier: 'vip' };
    let deep: Deep = leaf;
    for (let i = 9; i >= 0; i--) deep = { [`level${i}`]: deep };
    leaf.self = deep; // a cycle back to the top
    const out = JSON.stringify(redactValue(deep));
    expect(out).not.toMatch(SECRETS);
    expect(out).not.toMatch(NUMBERS);
    expect(out).toContain('"tier":"vip"');
    expect(out).toContain('"self":"[circular]"');
    // Far past any real log message, what lies below is dropped rather than passed through.
    let bottomless: Deep = { password: 'hunter2' };
    for (let i = 0; i < 1000; i++) bottomless = { down: bottomless };
    expect(JSON.stringify(redactValue(bottomless))).not.toContain('hunter2');
  });

  it('an object seen twice is not mistaken for a cycle; numbers long enough to be phone numbers are masked', () => {
    const shared = { tier: 'vip' };
    expect(redactValue({ a: shared, b: shared, count: 3, n: 13800138000 })).toEqual({ a: { tier: 'vip' }, b: { tier: 'vip' }, count: 3, n: '[number]' });
  });
});

describe('logging setup', () => {
  it('rotates by size and redacts every message', () => {
    const log = { transports: { file: { maxSize: 0, level: 'debug' }, console: { level: 'debug' } }, hooks: [], error() {}, warn() {}, info() {}, debug() {} } as unknown as LoggerLike;
    configureLogging(log, 'info', true);
    expect(log.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(log.transports.file.level).toBe('info');
    expect(log.transports.console.level).toBe(false);
    const out = log.hooks[0]!({ level: 'info', data: ['password=pw1', { password: 'pw2' }, { a: { b: { c: { d: { e: { f: { token: 'pw3' } } } } } } }] });
    expect(JSON.stringify(out)).not.toMatch(/pw1|pw2|pw3/);
  });
});
