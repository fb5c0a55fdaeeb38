import { describe, expect, it } from 'vitest';
import { emptyPolicy, resolvePolicy } from './policyMerge.ts';
import { applySettingsPatch } from './settings.ts';

const servers = ['wss://pbx.example.org/ws'];

describe('applySettingsPatch', () => {
  it('keeps what the settings screen does not edit (a config file\'s ICE servers)', () => {
    const user = { sip: { uri: 'sip:1001@pbx.example.org', ws: servers, iceServers: [{ urls: 'stun:stun.example.org' }], authUser: 'a' } };
    const change = applySettingsPatch(user, { sip: { uri: 'sip:1002@pbx.example.org', ws: servers } }, emptyPolicy);
    expect(change.ok && change.user.sip).toEqual({ uri: 'sip:1002@pbx.example.org', ws: servers, iceServers: [{ urls: 'stun:stun.example.org' }] });
  });

  it('refuses another SIP domain or server list than IT enforces, accepts the enforced ones', () => {
    const policy = resolvePolicy([{ source: 't', enforced: { sipDomain: 'corp.example.org', sipServers: servers }, recommended: {} }]);
    const other = applySettingsPatch({}, { sip: { uri: 'sip:1001@evil.example', ws: servers } }, policy);
    expect(other).toEqual({ ok: false, errors: ['sip.uri: the domain is set by IT policy (corp.example.org)'] });
    const ws = applySettingsPatch({}, { sip: { uri: 'sip:1001@corp.example.org', ws: ['wss://other.example/ws'] } }, policy);
    expect(ws).toEqual({ ok: false, errors: ['sip.ws: set by IT policy'] });
    expect(applySettingsPatch({}, { sip: { uri: 'sip:1001@corp.example.org', ws: servers } }, policy).ok).toBe(true);
  });

  it('names every invalid field and changes nothing', () => {
    const user = { lang: 'en' };
    const change = applySettingsPatch(user, { mode: 'live' }, emptyPolicy);
    expect(change).toEqual({ ok: false, errors: ['sip: live mode needs a "sip" section'] });
    expect(user).toEqual({ lang: 'en' });
  });
});
