import { describe, expect, it } from 'vitest';
import { normalizeDialInput } from './dialInput.ts';

const ok = (target: string, kind: string) => ({ ok: true, target, kind });
const refused = (reason: string) => ({ ok: false, reason });

describe('dial and transfer boxes accept what agents type or paste', () => {
  it.each([
    ['138-0013 8000', ok('13800138000', 'number')],
    ['(010) 1234-5678', ok('01012345678', 'number')],
    ['+86 138 0013 8000', ok('+8613800138000', 'number')],
    ['010.1234.5678', ok('01012345678', 'number')],
    ['  13800138000\n', ok('13800138000', 'number')],
    ['tel:+86-10-1234-5678', ok('+861012345678', 'number')],
    ['tel:10086;phone-context=example.org', ok('10086', 'extension')],
  ])('a written phone number, separators dropped: %j', (text, want) => {
    expect(normalizeDialInput(text)).toEqual(want);
  });

  it('full-width digits and signs from a Chinese input method (１３８, ＋, （）, －, ideographic space)', () => {
    expect(normalizeDialInput('１３８００１３８０００')).toEqual(ok('13800138000', 'number'));
    expect(normalizeDialInput('＋８６\u3000１３８－００１３－８０００')).toEqual(ok('+8613800138000', 'number'));
    expect(normalizeDialInput('（０１０）１２３４５６７８')).toEqual(ok('01012345678', 'number'));
    expect(normalizeDialInput('１３８')).toEqual(ok('138', 'extension'));
  });

  it('invisible marks pasted with a number (zero-width space, bidi marks, BOM) are dropped', () => {
    expect(normalizeDialInput('\uFEFF138\u200B0013\u202A8000\u202C')).toEqual(ok('13800138000', 'number'));
  });

  it('extensions, short service numbers and feature codes', () => {
    expect(normalizeDialInput('2001')).toEqual(ok('2001', 'extension'));
    expect(normalizeDialInput('10086')).toEqual(ok('10086', 'extension'));
    expect(normalizeDialInput('*72')).toEqual(ok('*72', 'extension'));
    expect(normalizeDialInput('8000#')).toEqual(ok('8000#', 'extension'));
  });

  it('SIP addresses, with or without the scheme, angle brackets or a display name', () => {
    expect(normalizeDialInput('sip:2001@pbx.example.org')).toEqual(ok('sip:2001@pbx.example.org', 'sip-uri'));
    expect(normalizeDialInput('SIP:2001@PBX.Example.org')).toEqual(ok('sip:2001@pbx.example.org', 'sip-uri'));
    expect(normalizeDialInput('2001@pbx.example.org')).toEqual(ok('sip:2001@pbx.example.org', 'sip-uri'));
    expect(normalizeDialInput('<sip:alice.w@pbx.example.org>')).toEqual(ok('sip:alice.w@pbx.example.org', 'sip-uri'));
    expect(normalizeDialInput('"王芳" <sip:2001@pbx.example.org>')).toEqual(ok('sip:2001@pbx.example.org', 'sip-uri'));
    expect(normalizeDialInput('sip:2001@10.0.0.5:5060;transport=ws')).toEqual(ok('sip:2001@10.0.0.5:5060;transport=ws', 'sip-uri'));
    expect(normalizeDialInput('sip:2001@[2001:db8::1]')).toEqual(ok('sip:2001@[2001:db8::1]', 'sip-uri'));
  });

  it('alphanumeric SIP user names, as MicroSIP and Zoiper accept', () => {
    expect(normalizeDialInput('alice.w')).toEqual(ok('alice.w', 'sip-user'));
    expect(normalizeDialInput('support_desk-2')).toEqual(ok('support_desk-2', 'sip-user'));
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200B', 'empty'],
    ['()-', 'characters'],
    ['138 0013 8000 ext. 12', 'characters'],
    ['alice w', 'characters'],
    ['王芳', 'characters'],
    ['http://crm.example.org/call', 'characters'],
    ['138+0013', 'plusPlacement'],
    ['++8613800138000', 'plusPlacement'],
    ['1'.repeat(33), 'tooLong'],
    [`sip:2001@${'a'.repeat(130)}.org`, 'tooLong'],
    ['sip:2001', 'sipUri'],
    ['sip:@pbx.example.org', 'sipUri'],
    ['sip:2001@pbx..example.org', 'sipUri'],
    ['sip:2001@pbx.example.org:99999', 'sipUri'],
    ['sip:20 01@pbx.example.org', 'sipUri'],
    ['sips:2001@pbx.example.org', 'sipUri'],
    ['2001@', 'sipUri'],
  ])('refuses %j with a reason the UI can show (%s)', (text, reason) => {
    expect(normalizeDialInput(text)).toEqual(refused(reason));
  });

  it('32 digits is still a number; the limit counts digits, not separators', () => {
    expect(normalizeDialInput('1'.repeat(32))).toMatchObject({ ok: true, kind: 'number' });
    expect(normalizeDialInput('+ 1234 5678 9012 3456 7890 1234 5678 9012')).toMatchObject({ ok: true, target: '+12345678901234567890123456789012' });
  });
});
