import { describe, expect, it } from 'vitest';
import { redactText, redactValue } from '../../../src/main/redact.ts';
import { configureLogging, LOG_MAX_BYTES, type LoggerLike } from '../../../src/main/logging.ts';

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

describe('logging setup', () => {
  it('rotates by size and redacts every message', () => {
    const log = { transports: { file: { maxSize: 0, level: 'debug' }, console: { level: 'debug' } }, hooks: [], error() {}, warn() {}, info() {}, debug() {} } as unknown as LoggerLike;
    configureLogging(log, 'info', true);
    expect(log.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(log.transports.file.level).toBe('info');
    expect(log.transports.console.level).toBe(false);
    const out = log.hooks[0]!({ level: 'info', data: ['password=pw1', { password: 'pw2' }] });
    expect(JSON.stringify(out)).not.toMatch(/pw1|pw2/);
  });
});
